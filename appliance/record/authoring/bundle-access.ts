/**
 * Mutable access to a draft bundle (a deep copy the edits own): entries by item id, the
 * Composition's sections by LOINC code, and the references between them. The summary names an
 * entry by its resource id, else its fullUrl (summary/fallback.ts `placedId`); so do the edits.
 */
import { SECTION_CODES, type Category } from '../ips/sections.ts';

export type Json = Record<string, unknown>;
export interface Entry {
  fullUrl?: string;
  resource: Json;
}

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/** IPS IG CodeSystem absent-unknown-uv-ips: stated absence of information in a required section. */
export const ABSENT_UNKNOWN_SYSTEM = 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips';

export function entriesOf(bundle: Json): Entry[] {
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  return entries.filter((e): e is Entry => isObject(e) && isObject(e.resource));
}

export function compositionOf(bundle: Json): Json {
  const first = entriesOf(bundle)[0];
  if (first === undefined || first.resource.resourceType !== 'Composition')
    throw new Error('a document bundle starts with its Composition');
  return first.resource;
}

/** The id the summary and the authoring view give an entry. */
export function itemIdOf(entry: Entry, index: number): string {
  return text(entry.resource.id) ?? text(entry.fullUrl) ?? `entry[${index}]`;
}

export function findEntry(bundle: Json, itemId: string, types: readonly string[]): Entry | undefined {
  return entriesOf(bundle).find(
    (e, i) => itemIdOf(e, i) === itemId && types.includes(String(e.resource.resourceType)),
  );
}

/** The strings a reference to this entry may carry: its fullUrl, `Type/id`, `urn:uuid:id`. */
function referencesTo(entry: Entry): Set<string> {
  const out = new Set<string>();
  if (typeof entry.fullUrl === 'string') out.add(entry.fullUrl);
  const id = text(entry.resource.id);
  if (id !== undefined) out.add(`${String(entry.resource.resourceType)}/${id}`);
  return out;
}

export function referenceTo(entry: Entry): string {
  return typeof entry.fullUrl === 'string'
    ? entry.fullUrl
    : `${String(entry.resource.resourceType)}/${String(entry.resource.id)}`;
}

function allSections(composition: Json): Json[] {
  const out: Json[] = [];
  const walk = (list: unknown): void => {
    for (const s of Array.isArray(list) ? list : []) {
      if (!isObject(s)) continue;
      out.push(s);
      walk(s.section);
    }
  };
  walk(composition.section);
  return out;
}

export function sectionCode(section: Json): string | undefined {
  const coding = isObject(section.code) && Array.isArray(section.code.coding) ? section.code.coding : [];
  for (const c of coding) if (isObject(c) && typeof c.code === 'string') return c.code;
  return undefined;
}

/** The section of this category (the first with its LOINC code); created at the end when missing. */
export function sectionFor(bundle: Json, category: Category): Json {
  const composition = compositionOf(bundle);
  const { loinc, title } = SECTION_CODES[category];
  const found = allSections(composition).find((s) => sectionCode(s) === loinc);
  if (found !== undefined) return found;
  const section: Json = {
    title,
    code: { coding: [{ system: 'http://loinc.org', code: loinc, display: title }] },
    entry: [],
  };
  composition.section = [...(Array.isArray(composition.section) ? composition.section : []), section];
  return section;
}

/** The entries a section lists, resolved (unresolvable references skipped). */
export function sectionEntries(bundle: Json, section: Json): Entry[] {
  const refs = (Array.isArray(section.entry) ? section.entry : [])
    .map((r) => (isObject(r) ? text(r.reference) : undefined))
    .filter((r): r is string => r !== undefined);
  return entriesOf(bundle).filter((e) => {
    const names = referencesTo(e);
    return refs.some((r) => names.has(r));
  });
}

/** Adds a new entry (`urn:uuid:<id>`) and lists it in the section. */
export function addToSection(bundle: Json, section: Json, resource: Json): Entry {
  const entry: Entry = { fullUrl: `urn:uuid:${String(resource.id)}`, resource };
  bundle.entry = [...entriesOf(bundle), entry];
  section.entry = [...(Array.isArray(section.entry) ? section.entry : []), { reference: entry.fullUrl }];
  delete section.emptyReason;
  return entry;
}

/** Removes the entry from the bundle and every reference to it from every section. */
export function removeEntry(bundle: Json, entry: Entry): void {
  const names = referencesTo(entry);
  bundle.entry = entriesOf(bundle).filter((e) => e !== entry);
  for (const section of allSections(compositionOf(bundle))) {
    if (!Array.isArray(section.entry)) continue;
    section.entry = section.entry.filter(
      (r) => !(isObject(r) && typeof r.reference === 'string' && names.has(r.reference)),
    );
  }
}

/** True when the resource only states an absence (IPS absent-unknown code). */
export function isAbsentStatement(resource: Json): boolean {
  for (const field of ['code', 'medicationCodeableConcept']) {
    const concept = resource[field];
    const coding = isObject(concept) && Array.isArray(concept.coding) ? concept.coding : [];
    if (coding.some((c) => isObject(c) && c.system === ABSENT_UNKNOWN_SYSTEM)) return true;
  }
  return false;
}

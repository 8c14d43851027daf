import { bestConcept } from '../summary/fallback.ts';
import { observationValue } from '../summary/items.ts';
import { arr, at, obj, str, type JsonObject } from './read.ts';
import { referencesIn } from './resolve.ts';
import type { IndexedEntry } from './resolve.ts';
import { routeBundle, type Placed } from './route.ts';
import { SECTION_CODES, sectionCategory, type Category } from './sections.ts';
import type { BundleEntry, FhirResource, IpsBundle } from './types.ts';

/** The sections of the emergency tier, in this order (docs/ips-content.md, "Emergency tier"). */
export const EMERGENCY_CATEGORIES: readonly Category[] = [
  'allergies',
  'medications',
  'problems',
  'devices',
  'advanceDirectives',
  'alerts',
];

const XHTML = 'http://www.w3.org/1999/xhtml';

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function generatedNarrative(lines: readonly string[]): JsonObject {
  const list = lines.map((l) => `<li>${escapeXml(l)}</li>`).join('');
  return { status: 'generated', div: `<div xmlns="${XHTML}"><ul>${list}</ul></div>` };
}

function referenceTo(holder: IndexedEntry): JsonObject {
  const fullUrl = str(holder.entry.fullUrl);
  const id = str(holder.resource.id);
  return { reference: fullUrl ?? (id === undefined ? holder.key : `${holder.resource.resourceType}/${id}`) };
}

function sectionCode(category: Category): JsonObject {
  const { loinc, title } = SECTION_CODES[category];
  return { coding: [{ system: 'http://loinc.org', code: loinc, display: title }] };
}

function withSectionCode(category: Category, code: unknown): JsonObject {
  const source = obj(code) ?? {};
  const loinc = sectionCode(category)['coding'] as readonly unknown[];
  return { ...source, coding: [...loinc, ...arr(source['coding'])] };
}

/** One section from the source sections of a category and the items routed to it. */
function buildSection(
  category: Category,
  sources: readonly JsonObject[],
  items: readonly Placed[],
): JsonObject {
  const entry = items.map((item) =>
    item.kind === 'unresolved' ? item.reference : (item.reference ?? referenceTo(item.holder)),
  );
  const first = sources[0];
  if (first === undefined) {
    return {
      title: SECTION_CODES[category].title,
      code: sectionCode(category),
      text: generatedNarrative(items.map((i) => bestConcept(i).text)),
      entry,
    };
  }
  const { section: _children, entry: _entry, emptyReason, ...rest } = first;
  const divs = sources.map((s) => str(at(s['text'], 'div'))).filter((d): d is string => d !== undefined);
  const text =
    sources.length > 1 && divs.length > 1
      ? { status: 'generated', div: `<div xmlns="${XHTML}">${divs.join('')}</div>` }
      : first['text'];
  const out: Record<string, unknown> = { ...rest };
  // A source section placed by its entries or title gets the IPS code (its own codings kept), so
  // that the tier is a conformant document and is read the same way again.
  if (sectionCategory(first) !== category) out['code'] = withSectionCode(category, first['code']);
  if (str(out['title']) === undefined) out['title'] = SECTION_CODES[category].title;
  if (text !== undefined) out['text'] = text;
  if (entry.length > 0) out['entry'] = entry;
  else if (emptyReason !== undefined) out['emptyReason'] = emptyReason;
  return out;
}

/**
 * The emergency tier: a new IPS document holding the Composition restricted to the emergency
 * sections (allergies, medications, problems, devices, advance directives, alerts, plus a
 * results section holding only blood group observations), the Patient (with its contacts), and
 * every resource those reference, transitively (authors, Medication, Device…), so that every
 * reference that resolved in the source still resolves. Pure: the input is not modified.
 */
export function emergencyTier(bundle: IpsBundle): IpsBundle {
  const routing = routeBundle(bundle);
  const { index, composition, items, sections } = routing;
  if (composition === undefined) throw new Error('emergencyTier needs a parsed IPS bundle');

  const keep = new Set<number>([composition.index]);
  if (routing.patient !== undefined) keep.add(routing.patient.index);

  const newSections: JsonObject[] = [];
  for (const category of EMERGENCY_CATEGORIES) {
    if (sections[category].length === 0 && items[category].length === 0) continue;
    newSections.push(buildSection(category, sections[category], items[category]));
    for (const item of items[category]) if (item.kind === 'resource') keep.add(item.holder.index);
  }
  if (routing.bloodGroup.length > 0) {
    const source = sections.results[0];
    newSections.push({
      title: str(source?.['title']) ?? SECTION_CODES.results.title,
      code: source?.['code'] ?? sectionCode('results'),
      text: generatedNarrative(
        routing.bloodGroup.map(
          (e) =>
            `${bestConcept({ kind: 'resource', resource: e.resource, holder: e }).text}: ${observationValue(e.resource)}`,
        ),
      ),
      entry: routing.bloodGroup.map(referenceTo),
    });
    for (const e of routing.bloodGroup) keep.add(e.index);
  }

  const { text: _narrative, section: _sections, ...header } = composition.resource;
  const newComposition: FhirResource = { ...header, section: newSections };

  // Closure: whatever a kept resource references comes along, so references keep resolving.
  const queue: { holder: IndexedEntry; resource: unknown }[] = [...keep].map((i) => {
    const holder = index.entries.find((e) => e.index === i) as IndexedEntry;
    return { holder, resource: holder === composition ? newComposition : holder.resource };
  });
  while (queue.length > 0) {
    const { holder, resource } = queue.pop() as { holder: IndexedEntry; resource: unknown };
    for (const ref of referencesIn(resource)) {
      const target = index.resolveEntry(ref, holder);
      if (target === undefined || keep.has(target.index)) continue;
      keep.add(target.index);
      queue.push({ holder: target, resource: target.resource });
    }
  }

  const entries: BundleEntry[] = index.entries
    .filter((e) => keep.has(e.index))
    .map((e) => (e === composition ? { ...e.entry, resource: newComposition } : e.entry));
  const { signature: _signature, entry: _entry, ...bundleHeader } = bundle as unknown as JsonObject;
  const tier = { ...bundleHeader, resourceType: 'Bundle', type: 'document', entry: entries };
  return structuredClone(tier) as IpsBundle;
}

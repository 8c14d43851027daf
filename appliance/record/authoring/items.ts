/**
 * What the author sees of a draft: its editable entries per section, read through the same
 * summary the screen shows (summary/summarize.ts), each with the id an edit names it by; and the
 * before/after lines between two bundles (review screen, change receipt).
 */
import type { IpsBundle } from '../ips/types.ts';
import { summarize } from '../summary/summarize.ts';
import type { ContactItem, Summary, SummarySection } from '../summary/types.ts';
import { isBloodGroupObservation } from '../ips/sections.ts';
import { entriesOf, isObject, type Json } from './bundle-access.ts';
import { contactId, contactsOf, patientEntry } from './patient.ts';
import { BLOOD_GROUP_SNOMED } from './resources.ts';
import type {
  AuthoringItem,
  AuthoringItems,
  BloodGroup,
  ChangeLine,
  ChangeSection,
  ChangeValue,
} from './types.ts';

const entries = <T>(section: SummarySection<T> | undefined): readonly T[] =>
  section?.status === 'entries' ? section.items : [];

const joined = (parts: readonly (string | undefined)[]): string | undefined => {
  const kept = parts.filter((p): p is string => p !== undefined && p !== '');
  return kept.length === 0 ? undefined : kept.join(' — ');
};

const item = (
  itemId: string,
  label: string,
  detail: string | undefined,
  codings?: readonly unknown[],
  criticality?: AuthoringItem['criticality'],
): AuthoringItem => ({
  itemId,
  label,
  ...(detail === undefined ? {} : { detail }),
  ...(criticality === undefined ? {} : { criticality }),
  ...(codings !== undefined && codings.length === 0 ? { typed: true as const } : {}),
});

const SNOMED = 'http://snomed.info/sct';
const GROUP_BY_SNOMED = new Map(
  Object.entries(BLOOD_GROUP_SNOMED).map(([group, value]) => [value.code, group as BloodGroup]),
);

/** The group the first blood-group Observation's SNOMED CT coded value names, if any. */
function codedBloodGroup(bundle: Json): BloodGroup | undefined {
  const observation = entriesOf(bundle).find((e) => isBloodGroupObservation(e.resource))?.resource;
  const value = observation?.valueCodeableConcept;
  const codings = isObject(value) && Array.isArray(value.coding) ? value.coding : [];
  for (const c of codings)
    if (isObject(c) && c.system === SNOMED && typeof c.code === 'string') {
      const group = GROUP_BY_SNOMED.get(c.code);
      if (group !== undefined) return group;
    }
  return undefined;
}

function contactLabel(contact: ContactItem): string {
  return contact.name ?? contact.telecom[0] ?? '—';
}

export function authoringItems(bundle: Json): AuthoringItems {
  const summary: Summary = summarize(bundle as unknown as IpsBundle);
  const owner = patientEntry(bundle);
  const contacts = owner === undefined ? [] : contactsOf(owner);
  const blood = summary.bloodGroup[0]?.value;
  const group = codedBloodGroup(bundle);
  return {
    allergies: entries(summary.allergies).map((a) =>
      item(
        a.id,
        a.substance.text,
        joined(a.reactions.flatMap((r) => r.manifestations)),
        a.substance.codings,
        a.criticality,
      ),
    ),
    medications: entries(summary.medications).map((m) => {
      // The dose as authored (Dosage.text); a structured dosage goes as structure (HZ-10).
      const structured = (m.dosages ?? []).some(
        (d) => d.dose !== undefined || d.timing !== undefined || d.asNeeded !== undefined,
      );
      const authored = joined((m.dosages ?? []).map((d) => d.text));
      return {
        ...item(
          m.id,
          m.medication.text,
          structured ? authored : (authored ?? m.dosage),
          m.medication.codings,
        ),
        ...(structured && m.dosages !== undefined ? { dosages: m.dosages } : {}),
      };
    }),
    problems: entries(summary.problems).map((p) => item(p.id, p.condition.text, undefined)),
    ...(blood === undefined || blood === ''
      ? {}
      : { bloodGroup: { label: blood, ...(group === undefined ? {} : { bloodGroup: group }) } }),
    devices: entries(summary.devices).map((d) => item(d.id, d.device.text, undefined)),
    directives: entries(summary.advanceDirectives).map((d) => item(d.id, d.text, undefined)),
    contacts: summary.contacts.map((c, i) => {
      const raw = contacts[i];
      const id = owner !== undefined && raw !== undefined ? contactId(owner, raw, i) : `contact-${i}`;
      // A coded relationship goes as codes, put in the reader's words (HZ-19); text as authored.
      return c.relationships === undefined
        ? item(id, contactLabel(c), joined([c.relationship, ...c.telecom]))
        : { ...item(id, contactLabel(c), joined([...c.telecom])), relationships: c.relationships };
    }),
  };
}

const typed = (i: AuthoringItem): { typed?: true } => (i.typed ? { typed: true } : {});
const value = ({
  label,
  detail,
  dosages,
  criticality,
  bloodGroup,
  relationships,
}: ChangeValue): ChangeValue => ({
  label,
  ...(relationships === undefined ? {} : { relationships }),
  ...(detail === undefined ? {} : { detail }),
  ...(dosages === undefined ? {} : { dosages }),
  ...(criticality === undefined ? {} : { criticality }),
  ...(bloodGroup === undefined ? {} : { bloodGroup }),
});
const same = (a: ChangeValue, b: ChangeValue): boolean =>
  a.label === b.label &&
  a.detail === b.detail &&
  JSON.stringify(a.dosages) === JSON.stringify(b.dosages) &&
  a.criticality === b.criticality &&
  a.bloodGroup === b.bloodGroup &&
  JSON.stringify(a.relationships) === JSON.stringify(b.relationships);

function sectionChanges(
  section: ChangeSection,
  before: readonly AuthoringItem[],
  after: readonly AuthoringItem[],
): ChangeLine[] {
  const out: ChangeLine[] = [];
  const later = new Map(after.map((i) => [i.itemId, i]));
  const earlier = new Set(before.map((i) => i.itemId));
  for (const old of before) {
    const now = later.get(old.itemId);
    if (now === undefined) out.push({ kind: 'removed', section, before: value(old) });
    else if (!same(now, old))
      out.push({ kind: 'changed', section, before: value(old), after: value(now), ...typed(now) });
  }
  for (const added of after)
    if (!earlier.has(added.itemId))
      out.push({ kind: 'added', section, after: value(added), ...typed(added) });
  return out;
}

function identityLine(bundle: Json | undefined): string | undefined {
  if (bundle === undefined) return undefined;
  const p = summarize(bundle as unknown as IpsBundle).patient;
  // The birth date as the record holds it (YYYY-MM-DD): no word of any language.
  return joined([p.name, p.birthDate]);
}

/** The before/after lines between two bundles; `before` absent: a new record. */
export function changeLines(before: Json | undefined, after: Json): ChangeLine[] {
  const a = before === undefined ? undefined : authoringItems(before);
  const b = authoringItems(after);
  const out: ChangeLine[] = [];
  const who = { before: identityLine(before), after: identityLine(after) };
  if (who.before !== who.after) {
    if (who.before === undefined)
      out.push({ kind: 'added', section: 'identity', after: { label: who.after ?? '' } });
    else
      out.push({
        kind: 'changed',
        section: 'identity',
        before: { label: who.before },
        ...(who.after === undefined ? {} : { after: { label: who.after } }),
      });
  }
  out.push(...sectionChanges('allergies', a?.allergies ?? [], b.allergies));
  out.push(...sectionChanges('medications', a?.medications ?? [], b.medications));
  out.push(...sectionChanges('problems', a?.problems ?? [], b.problems));
  const [was, is] = [a?.bloodGroup, b.bloodGroup];
  if (was !== undefined && is === undefined)
    out.push({ kind: 'removed', section: 'bloodGroup', before: was });
  else if (was === undefined && is !== undefined)
    out.push({ kind: 'added', section: 'bloodGroup', after: is });
  else if (was !== undefined && is !== undefined && !same(was, is))
    out.push({ kind: 'changed', section: 'bloodGroup', before: was, after: is });
  out.push(...sectionChanges('devices', a?.devices ?? [], b.devices));
  out.push(...sectionChanges('directives', a?.directives ?? [], b.directives));
  out.push(...sectionChanges('contacts', a?.contacts ?? [], b.contacts));
  return out;
}

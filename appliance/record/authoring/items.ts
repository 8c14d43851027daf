/**
 * What the author sees of a draft: its editable entries per section, read through the same
 * summary the screen shows (summary/summarize.ts), each with the id an edit names it by; and the
 * before/after lines between two bundles (review screen, change receipt).
 */
import type { IpsBundle } from '../ips/types.ts';
import { summarize } from '../summary/summarize.ts';
import type { ContactItem, Summary, SummarySection } from '../summary/types.ts';
import type { Json } from './bundle-access.ts';
import { contactId, contactsOf, patientEntry } from './patient.ts';
import type { AuthoringItem, AuthoringItems, ChangeLine, ChangeSection } from './types.ts';

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
): AuthoringItem => ({
  itemId,
  label,
  ...(detail === undefined ? {} : { detail }),
  ...(codings !== undefined && codings.length === 0 ? { typed: true as const } : {}),
});

function contactLabel(contact: ContactItem): string {
  return contact.name ?? contact.telecom[0] ?? '—';
}

export function authoringItems(bundle: Json): AuthoringItems {
  const summary: Summary = summarize(bundle as unknown as IpsBundle);
  const owner = patientEntry(bundle);
  const contacts = owner === undefined ? [] : contactsOf(owner);
  const blood = summary.bloodGroup[0]?.value;
  return {
    allergies: entries(summary.allergies).map((a) =>
      item(
        a.id,
        a.substance.text,
        joined([a.criticality, ...a.reactions.flatMap((r) => r.manifestations)]),
        a.substance.codings,
      ),
    ),
    medications: entries(summary.medications).map((m) =>
      item(m.id, m.medication.text, m.dosage, m.medication.codings),
    ),
    problems: entries(summary.problems).map((p) => item(p.id, p.condition.text, undefined)),
    ...(blood === undefined || blood === '' ? {} : { bloodGroup: blood }),
    devices: entries(summary.devices).map((d) => item(d.id, d.device.text, undefined)),
    directives: entries(summary.advanceDirectives).map((d) => item(d.id, d.text, undefined)),
    contacts: summary.contacts.map((c, i) => {
      const raw = contacts[i];
      const id = owner !== undefined && raw !== undefined ? contactId(owner, raw, i) : `contact-${i}`;
      return item(id, contactLabel(c), joined([c.relationship, ...c.telecom]));
    }),
  };
}

const typed = (i: AuthoringItem): { typed?: true } => (i.typed ? { typed: true } : {});
const line = (i: AuthoringItem): string => (i.detail === undefined ? i.label : `${i.label} (${i.detail})`);

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
    if (now === undefined) out.push({ kind: 'removed', section, before: line(old) });
    else if (line(now) !== line(old))
      out.push({ kind: 'changed', section, before: line(old), after: line(now), ...typed(now) });
  }
  for (const added of after)
    if (!earlier.has(added.itemId)) out.push({ kind: 'added', section, after: line(added), ...typed(added) });
  return out;
}

function identityLine(bundle: Json | undefined): string | undefined {
  if (bundle === undefined) return undefined;
  const p = summarize(bundle as unknown as IpsBundle).patient;
  return joined([p.name, p.birthDate]);
}

/** The before/after lines between two bundles; `before` absent: a new record. */
export function changeLines(before: Json | undefined, after: Json): ChangeLine[] {
  const a = before === undefined ? undefined : authoringItems(before);
  const b = authoringItems(after);
  const out: ChangeLine[] = [];
  const who = { before: identityLine(before), after: identityLine(after) };
  if (who.before !== who.after) {
    if (who.before === undefined) out.push({ kind: 'added', section: 'identity', after: who.after ?? '' });
    else
      out.push({
        kind: 'changed',
        section: 'identity',
        before: who.before,
        ...(who.after === undefined ? {} : { after: who.after }),
      });
  }
  out.push(...sectionChanges('allergies', a?.allergies ?? [], b.allergies));
  out.push(...sectionChanges('medications', a?.medications ?? [], b.medications));
  out.push(...sectionChanges('problems', a?.problems ?? [], b.problems));
  if (a?.bloodGroup !== b.bloodGroup) {
    if (b.bloodGroup === undefined)
      out.push({ kind: 'removed', section: 'bloodGroup', before: a?.bloodGroup ?? '' });
    else if (a?.bloodGroup === undefined)
      out.push({ kind: 'added', section: 'bloodGroup', after: b.bloodGroup });
    else out.push({ kind: 'changed', section: 'bloodGroup', before: a.bloodGroup, after: b.bloodGroup });
  }
  out.push(...sectionChanges('devices', a?.devices ?? [], b.devices));
  out.push(...sectionChanges('directives', a?.directives ?? [], b.directives));
  out.push(...sectionChanges('contacts', a?.contacts ?? [], b.contacts));
  return out;
}

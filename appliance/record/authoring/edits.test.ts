import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../common/app-root.ts';
import { IPS_LIMITS } from '../ips/limits.ts';
import { summarize } from '../summary/summarize.ts';
import type { IpsBundle } from '../ips/types.ts';
import { applyEdits } from './edits.ts';
import { authoringItems, changeLines } from './items.ts';
import { newRecordBundle } from './new-bundle.ts';
import type { RecordAuthor, RecordEdit } from './types.ts';

const minimal = JSON.parse(
  fs.readFileSync(path.join(APP_ROOT, 'test/fixtures/ips/IPS_IG_bundle-minimal.json'), 'utf8'),
) as Record<string, unknown>;
const author: RecordAuthor = { name: 'Dr Claire MARTIN', nationalId: '810001234567', profession: 'doctor' };
const now = new Date('2026-12-03T10:00:00Z');
const ALLERGY = '74861316-f69d-4652-9fb1-8512a20c7927';
const MEDICATION = 'e1271efd-18ff-4654-9ee7-45f40019c453';
const PROBLEM = 'd179321e-c091-4cd4-8642-3a27537d506d';

function edited(edits: RecordEdit[], base: unknown = minimal) {
  const result = applyEdits(base, edits, author, now);
  if (!result.ok) throw new Error(`edit ${result.error.index}: ${result.error.code}`);
  return result.value;
}
const summaryOf = (b: unknown) => summarize(b as IpsBundle);
type Section = { code: { coding: { code: string }[] }; entry?: { reference: string }[] };
const sectionRefs = (b: Record<string, unknown>, loinc: string): string[] => {
  const composition = (b.entry as { resource: { section: Section[] } }[])[0]?.resource;
  const section = composition?.section.find((s) => s.code.coding[0]?.code === loinc);
  return section?.entry?.map((e) => e.reference) ?? [];
};
const fullUrls = (b: Record<string, unknown>): string[] =>
  (b.entry as { fullUrl: string }[]).map((e) => e.fullUrl);

describe('edits on the record', () => {
  it('allergy.add (BDPM substance): coded, criticality and reaction, listed in the allergy section', () => {
    const b = edited([
      {
        op: 'allergy.add',
        substance: { kind: 'bdpm', code: '04545', label: 'AMOXICILLINE' },
        criticality: 'high',
        reaction: 'urticaire',
      },
    ]);
    const allergies = summaryOf(b).allergies;
    expect(allergies.status).toBe('entries');
    const added =
      allergies.status === 'entries'
        ? allergies.items.find((a) => a.substance.text === 'AMOXICILLINE')
        : undefined;
    expect(added?.criticality).toBe('high');
    expect(added?.reactions[0]?.manifestations).toEqual(['urticaire']);
    expect(added?.substance.codings[0]?.code).toBe('04545');
    expect(sectionRefs(b, '48765-2')).toHaveLength(2);
    for (const ref of sectionRefs(b, '48765-2')) expect(fullUrls(b)).toContain(ref);
  });

  it('allergy.remove of the only allergy: gone everywhere, the section says "no information", not silence', () => {
    const b = edited([{ op: 'allergy.remove', itemId: ALLERGY }]);
    expect(JSON.stringify(b)).not.toContain(ALLERGY);
    const allergies = summaryOf(b).allergies;
    expect(allergies).toEqual({ status: 'empty', reason: 'No information about allergies' });
    expect(authoringItems(b).allergies).toEqual([]);
  });

  it('medication.add (BDPM CIS) with a dose, medication.dose replaces the dose, medication.remove', () => {
    const b = edited([
      {
        op: 'medication.add',
        product: { kind: 'bdpm', cis: '60234100', label: 'DOLIPRANE 500 mg' },
        dose: '1 cp x3/j',
      },
      { op: 'medication.dose', itemId: MEDICATION, dose: '2 comprimés le soir' },
    ]);
    const items = authoringItems(b).medications;
    expect(items.find((m) => m.label === 'DOLIPRANE 500 mg')?.detail).toBe('1 cp x3/j');
    expect(items.find((m) => m.itemId === MEDICATION)?.detail).toBe('2 comprimés le soir');
    const removed = edited([{ op: 'medication.remove', itemId: MEDICATION }]);
    expect(summaryOf(removed).medications.status).toBe('empty');
  });

  it('problem, device, directive and blood group (LOINC 882-1 with the SNOMED value)', () => {
    const b = edited([
      { op: 'problem.add', text: 'Épilepsie' },
      { op: 'problem.remove', itemId: PROBLEM },
      { op: 'device.add', text: 'Stimulateur cardiaque' },
      { op: 'directive.set', text: 'Pas de réanimation' },
      { op: 'bloodGroup.set', group: 'A+' },
      { op: 'bloodGroup.set', group: 'O-' },
    ]);
    const items = authoringItems(b);
    expect(items.problems.map((p) => p.label)).toEqual(['Épilepsie']);
    expect(items.devices.map((d) => d.label)).toEqual(['Stimulateur cardiaque']);
    expect(items.directives[0]?.label).toContain('Pas de réanimation');
    expect(summaryOf(b).bloodGroup).toHaveLength(1);
    expect(items.bloodGroup?.bloodGroup).toBe('O-');
    expect(JSON.stringify(b)).toContain('"278148006"');
    const removed = edited([{ op: 'device.remove', itemId: items.devices[0]?.itemId ?? '' }], b);
    expect(authoringItems(removed).devices).toEqual([]);
    expect(JSON.stringify(removed)).not.toContain('Stimulateur');
    expect(authoringItems(edited([{ op: 'directive.set', text: '' }], b)).directives).toEqual([]);
  });

  it('contacts: added with relationship and phone, removed by their item id', () => {
    const b = edited([
      { op: 'contact.add', name: 'Marie Dupont', relationship: 'épouse', phone: '+33 6 12 34 56 78' },
      { op: 'contact.add', name: 'Paul Dupont', phone: '06 00 00 00 00' },
    ]);
    const contacts = authoringItems(b).contacts;
    expect(contacts.map((c) => c.label)).toEqual(['Martha Mum', 'Marie Dupont', 'Paul Dupont']);
    expect(contacts[1]?.detail).toBe('épouse — +33 6 12 34 56 78');
    // The fixture's own contact (no element id) first, then a new one: each by the id the view gave.
    const removed = edited(
      [
        { op: 'contact.remove', itemId: contacts[0]?.itemId ?? '' },
        { op: 'contact.remove', itemId: contacts[1]?.itemId ?? '' },
      ],
      b,
    );
    expect(authoringItems(removed).contacts.map((c) => c.label)).toEqual(['Paul Dupont']);
    expect(authoringItems(edited([{ op: 'contact.remove', itemId: 'contact-0' }])).contacts).toEqual([]);
  });

  it('the Composition is dated now and authored by the card; the input bundle is untouched', () => {
    const before = JSON.stringify(minimal);
    const b = edited([{ op: 'problem.add', text: 'Asthme' }]);
    expect(JSON.stringify(minimal)).toBe(before);
    const composition = (b.entry as { resource: Record<string, unknown> }[])[0]?.resource;
    expect(composition?.date).toBe(now.toISOString());
    expect(composition?.author).toEqual([
      {
        display: 'Dr Claire MARTIN',
        identifier: { system: 'urn:oid:1.2.250.1.71.4.2.1', value: '810001234567' },
      },
    ]);
    expect(summaryOf(b).authors).toEqual(['Dr Claire MARTIN']);
  });

  it.each([
    [{ op: 'allergy.remove', itemId: 'no-such-entry' }],
    [{ op: 'medication.dose', itemId: ALLERGY, dose: '1' }],
    [{ op: 'problem.remove', itemId: MEDICATION }],
    [{ op: 'contact.remove', itemId: 'contact-7' }],
  ] as RecordEdit[][])('an edit that cannot apply is an error naming it: %j', (edit) => {
    const result = applyEdits(minimal, [{ op: 'problem.add', text: 'x' }, edit], author, now);
    expect(result).toEqual({ ok: false, error: { index: 1, code: 'item_not_found' } });
  });

  it('the edited bundle must stay within the bundle bounds (too_large)', () => {
    const full = structuredClone(minimal) as { entry: unknown[] };
    while (full.entry.length < IPS_LIMITS.maxEntries)
      full.entry.push({
        fullUrl: `urn:uuid:o${full.entry.length}`,
        resource: { resourceType: 'Observation' },
      });
    expect(applyEdits(full, [], author, now).ok).toBe(true);
    const result = applyEdits(full, [{ op: 'device.add', text: 'Pompe à insuline' }], author, now);
    expect(result).toEqual({ ok: false, error: { index: 0, code: 'too_large' } });
  });

  it('a new record: Patient from the identity, the three required sections say "no information"', () => {
    const fresh = newRecordBundle(
      { family: 'Durand', given: 'Léa', birthDate: '1990-04-02', sex: 'female' },
      now,
    );
    const b = edited(
      [{ op: 'allergy.add', substance: { kind: 'text', text: 'Latex' }, criticality: 'low' }],
      fresh,
    );
    const s = summaryOf(b);
    expect(s.patient).toMatchObject({ birthDate: '1990-04-02', gender: 'female' });
    expect(s.patient.name).toContain('Durand');
    expect(s.allergies.status === 'entries' && s.allergies.items.map((a) => a.substance.text)).toEqual([
      'Latex',
    ]);
    expect(s.medications).toEqual({ status: 'empty', reason: 'No information about medications' });
    expect(s.problems).toEqual({ status: 'empty', reason: 'No information about problems' });
    expect(changeLines(undefined, b)).toEqual([
      {
        kind: 'added',
        section: 'identity',
        after: { label: expect.stringContaining('1990-04-02') as string },
      },
      { kind: 'added', section: 'allergies', after: { label: 'Latex', criticality: 'low' }, typed: true },
    ]);
  });

  it('change lines: added, removed and changed, per section', () => {
    const b = edited([
      { op: 'allergy.add', substance: { kind: 'text', text: 'Pénicilline' }, criticality: 'high' },
      { op: 'medication.dose', itemId: MEDICATION, dose: '1 le matin' },
      { op: 'problem.remove', itemId: PROBLEM },
      { op: 'bloodGroup.set', group: 'AB+' },
    ]);
    const lines = changeLines(minimal, b);
    expect(lines).toContainEqual({
      kind: 'added',
      section: 'allergies',
      after: { label: 'Pénicilline', criticality: 'high' },
      typed: true,
    });
    expect(lines).toContainEqual(
      expect.objectContaining({
        kind: 'changed',
        section: 'medications',
        after: expect.objectContaining({ detail: '1 le matin' }) as object,
      }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ kind: 'removed', section: 'problems' }));
    expect(lines).toContainEqual({
      kind: 'added',
      section: 'bloodGroup',
      after: { label: 'AB+', bloodGroup: 'AB+' },
    });
    expect(lines.filter((l) => l.section === 'identity')).toEqual([]);
  });

  it('with the draft seed, an added entry keeps its id from one preview to the next (it can be removed by it)', () => {
    const add: RecordEdit = { op: 'problem.add', text: 'Diabète' };
    const first = applyEdits(minimal, [add], author, now, 'seed-1');
    const again = applyEdits(minimal, [add], author, new Date(now.getTime() + 60_000), 'seed-1');
    if (!first.ok || !again.ok) throw new Error('edits refused');
    const id = authoringItems(first.value).problems.find((p) => p.label === 'Diabète')?.itemId ?? '';
    expect(authoringItems(again.value).problems.map((p) => p.itemId)).toContain(id);
    const removed = applyEdits(minimal, [add, { op: 'problem.remove', itemId: id }], author, now, 'seed-1');
    expect(removed.ok && authoringItems(removed.value).problems.map((p) => p.label)).not.toContain('Diabète');
    const fresh = { family: 'Durand', given: 'Léa', birthDate: '1990-04-02' };
    expect(newRecordBundle(fresh, now, 's')).toEqual(newRecordBundle(fresh, now, 's'));
  });

  it('HZ-24 a typed allergy or medication is marked typed in the view and the change lines; a BDPM pick is not', () => {
    const b = edited([
      { op: 'allergy.add', substance: { kind: 'text', text: 'Amoxicilline' }, criticality: 'high' },
      {
        op: 'medication.add',
        product: { kind: 'bdpm', cis: '60234100', label: 'DOLIPRANE 500 mg' },
        dose: '1 cp',
      },
    ]);
    const items = authoringItems(b);
    expect(items.allergies.find((a) => a.label === 'Amoxicilline')?.typed).toBe(true);
    expect(items.medications.find((m) => m.label === 'DOLIPRANE 500 mg')?.typed).toBeUndefined();
    const lines = changeLines(minimal, b);
    expect(lines.find((l) => l.section === 'allergies')?.typed).toBe(true);
    expect(lines.find((l) => l.section === 'medications')).not.toHaveProperty('typed');
  });

  it('HZ-10 items and change lines carry the criticality as a code and the reaction as authored, no generated word', () => {
    const b = edited([
      {
        op: 'allergy.add',
        substance: { kind: 'text', text: 'Latex' },
        criticality: 'high',
        reaction: 'urticaire géante',
      },
    ]);
    const latex = authoringItems(b).allergies.find((a) => a.label === 'Latex');
    expect(latex).toMatchObject({ criticality: 'high', detail: 'urticaire géante' });
    const line = changeLines(minimal, b).find((l) => l.section === 'allergies');
    expect(line?.after).toEqual({ label: 'Latex', criticality: 'high', detail: 'urticaire géante' });
    // An allergy whose record states no criticality: `unknown` as a code, not an English word.
    const fixture = JSON.parse(
      fs.readFileSync(path.join(APP_ROOT, 'test/fixtures/ips/IPS_IG-bundle-01.json'), 'utf8'),
    ) as Record<string, unknown>;
    const allergies = authoringItems(fixture).allergies;
    expect(allergies.map((a) => a.criticality)).toEqual(['high', 'unknown']);
    for (const a of allergies) expect(a.detail ?? '').not.toMatch(/\b(high|unknown|low)\b/u);
    // A structured dosage goes as structure, not as generated English ("1 tablet, once per day").
    const anastrozole = authoringItems(fixture).medications[0];
    expect(anastrozole?.detail).toBeUndefined();
    expect(anastrozole?.dosages?.[0]).toMatchObject({ timing: { periodUnit: 'd' } });
  });

  it('the blood group names the group its SNOMED CT coded value gives, whatever the text says', () => {
    const fixture = JSON.parse(
      fs.readFileSync(path.join(APP_ROOT, 'test/fixtures/ips/IPS_IG-bundle-01.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(authoringItems(fixture).bloodGroup).toEqual({
      label: 'Blood group A Rh(D) positive',
      bloodGroup: 'A+',
    });
    const set = edited([{ op: 'bloodGroup.set', group: 'O-' }], fixture);
    expect(authoringItems(set).bloodGroup?.bloodGroup).toBe('O-');
    expect(changeLines(fixture, set)).toContainEqual({
      kind: 'changed',
      section: 'bloodGroup',
      before: { label: 'Blood group A Rh(D) positive', bloodGroup: 'A+' },
      after: { label: 'O-', bloodGroup: 'O-' },
    });
  });
});

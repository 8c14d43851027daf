import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../common/languages.ts';
import { decodeReceiptText } from '../dev/virtual-printer/decoder.ts';
import { RECEIPT_LIMITS } from '../drivers/printer/layout/limits.ts';
import { formatDateTime, LABELS } from './labels.ts';
import { UPDATE_LABELS } from './labels-authoring.ts';
import {
  professionalNumber,
  renderUpdateReceipt,
  type ReceiptChangeLine,
  type UpdateReceiptInput,
} from './update-receipt.ts';

/** An allergy added and a dose changed (the e2e's update), listed medication first on purpose. */
const CHANGES: ReceiptChangeLine[] = [
  {
    kind: 'changed',
    section: 'medications',
    before: { label: 'Metformine 500 mg', detail: '1 cp matin' },
    after: { label: 'Metformine 500 mg', detail: '1 cp matin et soir' },
  },
  {
    kind: 'added',
    section: 'allergies',
    after: { label: 'Amoxicilline', criticality: 'high', detail: 'œdème de Quincke' },
    typed: true,
  },
  { kind: 'removed', section: 'devices', before: { label: 'Stimulateur cardiaque' } },
];

const input = (over: Partial<UpdateReceiptInput> = {}): UpdateReceiptInput => ({
  changes: CHANGES,
  author: { name: 'Dr Claire MARTIN', profession: 'doctor', nationalId: '810001234568' },
  version: 3,
  writtenAt: new Date('2026-12-03T13:45:00Z'),
  site: { name: 'Cabinet Test' },
  language: 'fr',
  width: 80,
  codePage: 'wpc1252',
  timeZone: 'Europe/Paris',
  ...over,
});

const flat = (bytes: Uint8Array): string =>
  decodeReceiptText(bytes).plain.replace(/\s+/gu, ' ').replaceAll('—', '-').replaceAll('’', "'");
const squash = (s: string): string => s.replace(/\s+/gu, ' ').replaceAll('—', '-').replaceAll('’', "'");

describe('the change receipt (issue 16)', () => {
  it.each(LANGUAGES)(
    '%s: when, by whom with profession and RPPS, the new version, the site',
    async (language) => {
      const result = await renderUpdateReceipt(input({ language }));
      expect(result.rasterBlocks).toBe(0);
      const plain = flat(result.bytes);
      const u = UPDATE_LABELS[language];
      expect(plain).toContain(squash(u.title));
      expect(plain).toContain('Cabinet Test');
      expect(plain).toContain(
        `${squash(u.updatedOn)} ${formatDateTime(input().writtenAt, language, 'Europe/Paris')}`,
      );
      expect(plain).toContain(`Dr Claire MARTIN (${LABELS[language].professions.doctor}), RPPS 10001234568`);
      expect(plain).toContain(`${u.version} : 3`);
      for (const kind of ['added', 'removed', 'changed'] as const) expect(plain).toContain(u.kinds[kind]);
      expect(plain).not.toContain(squash(u.none));
    },
  );

  it('allergies first whatever the order of the changes, then the summary order', async () => {
    const plain = flat((await renderUpdateReceipt(input())).bytes);
    const u = UPDATE_LABELS.fr.sections;
    const at = [u.allergies, u.medications, u.devices].map((title) => plain.indexOf(title));
    expect(at.every((i) => i > 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('HZ-24 typed text is printed as written, a changed line with its before and after', async () => {
    const plain = flat((await renderUpdateReceipt(input())).bytes);
    expect(plain).toContain('+ AJOUTÉ : Amoxicilline (CRITICITÉ HAUTE - œdème de Quincke)');
    expect(plain).toContain(
      'avant : Metformine 500 mg (1 cp matin) après : Metformine 500 mg (1 cp matin et soir)',
    );
    expect(plain).toContain('- RETIRÉ : Stimulateur cardiaque');
  });

  it.each(LANGUAGES)(
    'HZ-10 HZ-24 %s: the criticality in the receipt’s words, a typed entry marked as not coded, the text as authored',
    async (language) => {
      const plain = flat((await renderUpdateReceipt(input({ language }))).bytes);
      const l = LABELS[language];
      expect(plain).toContain(`Amoxicilline (${squash(l.criticality.high)} - œdème de Quincke)`);
      expect(plain).toContain(`(${squash(UPDATE_LABELS[language].typed)})`);
      if (language !== 'en') expect(plain).not.toMatch(/\(high\b/u);
      // Only the typed allergy is marked: the medication line carries no mark.
      expect(plain.split(squash(UPDATE_LABELS[language].typed))).toHaveLength(2);
    },
  );

  it('HZ-10 a structured dosage prints in the receipt’s words, not generated English', async () => {
    const plain = flat(
      (
        await renderUpdateReceipt(
          input({
            changes: [
              {
                kind: 'removed',
                section: 'medications',
                before: {
                  label: 'Anastrozole',
                  dosages: [
                    {
                      dose: { kind: 'quantity', quantity: { value: 1, unit: 'tablet', ucum: '1' } },
                      timing: { periodUnit: 'd', when: [], timeOfDay: [], dayOfWeek: [] },
                    },
                  ],
                },
              },
            ],
          }),
        )
      ).bytes,
    );
    expect(plain).toMatch(/- RETIRÉ : Anastrozole \(.*jour.*\)/u);
    expect(plain).not.toMatch(/per day|once/u);
  });

  it('a coded blood group prints as its symbol, whatever the record’s text', async () => {
    const plain = flat(
      (
        await renderUpdateReceipt(
          input({
            changes: [
              {
                kind: 'changed',
                section: 'bloodGroup',
                before: { label: 'Blood group A Rh(D) positive', bloodGroup: 'A+' },
                after: { label: 'O-', bloodGroup: 'O-' },
              },
            ],
          }),
        )
      ).bytes,
    );
    expect(plain).toContain('avant : A+ après : O-');
    expect(plain).not.toContain('Blood group');
  });

  it('a new record has its own title; no change says so', async () => {
    const created = flat((await renderUpdateReceipt(input({ newRecord: true, version: 1 }))).bytes);
    expect(created).toContain(squash(UPDATE_LABELS.fr.newRecordTitle));
    const none = flat((await renderUpdateReceipt(input({ changes: [], language: 'de' }))).bytes);
    expect(none).toContain(UPDATE_LABELS.de.none);
  });

  it.each([80, 58] as const)(
    'HZ-03 at %i mm, 300 long medication changes stop with the mark; every allergy change is printed',
    async (width) => {
      const medications: ReceiptChangeLine[] = Array.from({ length: 300 }, (_, i) => ({
        kind: 'added',
        section: 'medications',
        after: { label: `Produit ${i} ${'x'.repeat(400)}` },
      }));
      const allergies: ReceiptChangeLine[] = ['Arachide', 'Latex', 'Iode'].map((label) => ({
        kind: 'added',
        section: 'allergies',
        after: { label },
      }));
      const result = await renderUpdateReceipt(input({ width, changes: [...medications, ...allergies] }));
      expect(result.bytes.length).toBeLessThanOrEqual(RECEIPT_LIMITS.maxBytes);
      expect(result.paperMm).toBeLessThanOrEqual(RECEIPT_LIMITS.maxPaperMm);
      const plain = flat(result.bytes);
      for (const name of ['Arachide', 'Latex', 'Iode']) expect(plain).toContain(name);
      expect(plain).toContain(squash(UPDATE_LABELS.fr.cutMark));
      expect(plain).not.toContain('Produit 299 ');
      expect(plain).toContain(squash(UPDATE_LABELS.fr.footer[1] ?? ''));
    },
  );

  it('the professional number: RPPS from "8" + RPPS, anything else as it is', () => {
    expect(professionalNumber('810001234568')).toBe('RPPS 10001234568');
    expect(professionalNumber('T00000000001')).toBe('T00000000001');
  });
});

import { describe, expect, it } from 'vitest';
import { decodeReceiptText } from '../dev/virtual-printer/decoder.ts';
import { craftBundle } from '../record/ips/fixtures.testing.ts';
import { parseIpsBundle } from '../record/ips/parse.ts';
import { summarize } from '../record/summary/summarize.ts';
import { renderSummaryReceipt, type SummaryReceiptInput } from './summary-receipt.ts';

/** The issue 15 record: a "Problem List" section without a code, and a section nothing can place. */
function uncodedSummary(): SummaryReceiptInput['summary'] {
  const bundle = craftBundle(
    [{ loinc: '48765-2', title: 'Allergies', emptyReason: { text: 'No known allergies' } }],
    [
      {
        fullUrl: 'urn:uuid:c1',
        resource: { resourceType: 'Condition', id: 'c1', code: { text: 'Hypertension' } },
      },
      {
        fullUrl: 'urn:uuid:o1',
        resource: { resourceType: 'Observation', id: 'o1', code: { text: 'Walks with a cane' } },
      },
    ],
  );
  const composition = bundle.entry[0]?.resource as unknown as { section: object[] };
  composition.section.push(
    { title: 'Problem List', entry: [{ reference: 'urn:uuid:c1' }] },
    { title: 'Notes', entry: [{ reference: 'Observation/o1' }] },
    { title: 'Remarques' },
  );
  const parsed = parseIpsBundle(bundle);
  if (!parsed.ok) throw new Error(parsed.error.code);
  return summarize(parsed.value);
}

const input = (language: 'fr' | 'en'): SummaryReceiptInput => ({
  summary: uncodedSummary(),
  verification: { status: 'valid', signer: 'Dr Test', signedAt: '2026-10-02' },
  site: { name: 'Site' },
  printedAt: new Date('2026-11-28T13:45:00Z'),
  printedBy: { name: 'Nurse', profession: 'nurse' },
  language,
  width: 80,
  codePage: 'wpc1252',
  timeZone: 'Europe/Paris',
});

describe('HZ-02 sections without a code on paper', () => {
  it('HZ-02 HZ-03 an uncoded "Problem List" prints its problem, not "not recorded"', async () => {
    const { plain } = decodeReceiptText((await renderSummaryReceipt(input('en'))).bytes);
    const problems = plain.slice(plain.indexOf('ACTIVE PROBLEMS'), plain.indexOf('IMPLANTED'));
    expect(problems).toContain('- Hypertension');
    expect(problems).not.toContain('Not recorded');
  });

  it('HZ-02 HZ-03 what cannot be placed prints under "other information in the record", before the signature', async () => {
    const { plain } = decodeReceiptText((await renderSummaryReceipt(input('fr'))).bytes);
    const other = plain.indexOf('AUTRES INFORMATIONS DU DOSSIER');
    expect(other).toBeGreaterThan(plain.indexOf("CONTACTS D'URGENCE"));
    expect(other).toBeLessThan(plain.indexOf('SIGNATURE DU DOSSIER'));
    const block = plain.slice(other);
    expect(block).toMatch(/Notes\s+- Walks with a cane/);
    expect(block).toMatch(/Remarques\s+Section présente, sans contenu\./);
  });
});

import { describe, expect, it } from 'vitest';
import { frenchSummary } from './summaries.testing.ts';
import type { SummaryReceiptInput } from './summary-receipt.ts';
import { receiptInput, transcriptOf, wordsOf } from './summary-receipt.testing.ts';

const input = (
  verification: SummaryReceiptInput['verification'],
  language: SummaryReceiptInput['language'] = 'fr',
): SummaryReceiptInput => receiptInput(frenchSummary(), { verification, language });

describe('the record age on paper', () => {
  it('HZ-05 a verified record prints its age in words after the signing date', async () => {
    const fr = await wordsOf(
      input({ status: 'valid', signer: 'Dr A', signedAt: '2026-02-01', ageMonths: 9, outdated: false }),
    );
    expect(fr).toContain('signé il y a 9 mois');
    const versioned = await wordsOf(
      input({
        status: 'valid',
        signer: 'Dr A',
        signedAt: '2026-02-01',
        ageMonths: 9,
        outdated: false,
        version: 3,
      }),
    );
    expect(versioned).toContain('Version 3');
    expect(fr).not.toContain('PEUT NE PLUS ÊTRE À JOUR');
    const en = await wordsOf(
      input({ status: 'valid', signer: 'Dr A', signedAt: '2026-02-01', ageMonths: 1, outdated: false }, 'en'),
    );
    expect(en).toContain('signed 1 month ago');
  });

  it('HZ-05 past the site limit the receipt says, above the patient, that the record may be out of date', async () => {
    const verification = {
      status: 'valid',
      signer: 'Dr A',
      signedAt: '2025-09-01',
      ageMonths: 14,
      outdated: true,
    } as const;
    const t = await wordsOf(input(verification));
    expect(t).toContain('signé il y a 14 mois');
    expect(t).toContain('DOSSIER SIGNÉ IL Y A 14 MOIS : PEUT NE PLUS ÊTRE À JOUR');
    expect(t.indexOf('PEUT NE PLUS ÊTRE À JOUR')).toBeLessThan(t.indexOf('PATIENT'));
    expect(await transcriptOf(input(verification))).not.toMatch(/\[INVERT\][^\n]*MOIS/);
  });

  it('HZ-21 a record by a signer outside the site policy prints the alarm twice and no "signed by" line of a valid record', async () => {
    const t = await transcriptOf(
      input({ status: 'not_authorised', signer: 'Julie BERNARD', profession: 'nurse' }),
    );
    expect(t.match(/\[INVERT\]\[BOLD\]\[TALL\]ATTENTION : SIGNATAIRE NON HABILITÉ/g)?.length).toBe(2);
    expect(t.indexOf('NON HABILITÉ')).toBeLessThan(t.indexOf('PATIENT'));
  });
});

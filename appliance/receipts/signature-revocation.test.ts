import { describe, expect, it } from 'vitest';
import { LANGUAGES as RECEIPT_LANGUAGES } from '../common/languages.ts';
import { frenchSummary } from './summaries.testing.ts';
import type { SummaryReceiptInput } from './summary-receipt.ts';
import { receiptInput, transcriptOf, wordsOf } from './summary-receipt.testing.ts';

const input = (
  verification: SummaryReceiptInput['verification'],
  language: SummaryReceiptInput['language'] = 'fr',
): SummaryReceiptInput => receiptInput(frenchSummary(), { verification, language });

const revoked = {
  status: 'revoked',
  signer: 'Dr Claire MARTIN',
  signedAt: '2026-10-03T10:00:00.000Z',
  revokedAt: '2026-09-20T00:00:00.000Z',
} as const;

describe('the signer card’s revocation on paper', () => {
  it('HZ-27 a record signed with a card already revoked prints the alarm twice, the signer, both dates', async () => {
    const t = await transcriptOf(input(revoked));
    expect(t.match(/\[INVERT\]\[BOLD\]\[TALL\]ATTENTION : CARTE DU SIGNATAIRE RÉVOQUÉE/g)?.length).toBe(2);
    expect(t.indexOf('RÉVOQUÉE AVANT')).toBeLessThan(t.indexOf('PATIENT'));
    const words = await wordsOf(input(revoked));
    expect(words).toContain('Signé par Dr Claire MARTIN');
    expect(words).toContain('Carte révoquée le 20/09/2026');
  });

  it('HZ-27 a card revoked since signing: the record prints as signed, with a line saying so', async () => {
    const t = await wordsOf(
      input({
        status: 'valid',
        signer: 'Dr A',
        signedAt: '2026-02-01',
        signerRevokedAt: '2026-05-04T00:00:00Z',
      }),
    );
    expect(t).toContain('Signé par Dr A');
    expect(t).toContain(
      'Carte du signataire révoquée depuis la signature (le 04/05/2026) : signature valable.',
    );
    expect(t).not.toContain('ATTENTION');
  });

  it('HZ-27 revocation unknown (refused stale list) is an alarm; a stale list under warn is a note', async () => {
    const unknown = await transcriptOf(input({ status: 'revocation_unknown', signer: 'Dr A' }));
    expect(unknown.match(/\[INVERT\][^\n]*ATTENTION : RÉVOCATION DU SIGNATAIRE NON/g)?.length).toBe(2);
    const note = await wordsOf(input({ status: 'valid', signer: 'Dr A', crlNotCurrent: true }));
    expect(note).toContain('révocation du signataire non vérifiée');
    expect(note).not.toContain('ATTENTION');
  });

  it('every receipt language prints the revocation alarm and notes in its own words', async () => {
    const seen = new Set<string>();
    for (const language of RECEIPT_LANGUAGES) {
      const alarm = await wordsOf(input(revoked, language));
      const note = await wordsOf(
        input({ status: 'valid', signer: 'Dr A', signerRevokedAt: '2026-05-04T00:00:00Z' }, language),
      );
      const line = note.split('Dr A')[1] ?? '';
      expect(line).toContain('04');
      seen.add(alarm.slice(alarm.indexOf('!!!!'), alarm.indexOf('!!!!') + 120));
    }
    expect(seen.size).toBe(RECEIPT_LANGUAGES.length);
  });
});

/**
 * Coded values a receipt puts in the reader's language (issue 19): emergency-contact
 * relationships, blood groups, and the language a section's narrative declares (HZ-18, HZ-19).
 * Decoded from the ESC/POS bytes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ipsFixturesDir } from '../dev/fixtures.ts';
import { decodeReceiptText } from '../dev/virtual-printer/decoder.ts';
import { parseIpsBundle } from '../record/ips/index.ts';
import { summarize } from '../record/summary/summarize.ts';
import type { Summary } from '../record/summary/types.ts';
import type { ReceiptLanguage } from './labels.ts';
import { frenchSummary } from './summaries.testing.ts';
import { renderSummaryReceipt } from './summary-receipt.ts';

function summaryOf(fixture: string): Summary {
  const parsed = parseIpsBundle(JSON.parse(readFileSync(path.join(ipsFixturesDir(), fixture), 'utf8')));
  if (!parsed.ok) throw new Error(`fixture ${fixture} does not parse`);
  return summarize(parsed.value);
}

async function printed(summary: Summary, language: ReceiptLanguage): Promise<string> {
  const result = await renderSummaryReceipt({
    summary,
    verification: { status: 'valid', signer: 'Dr Test', signedAt: '2026-10-02' },
    site: { name: 'Site' },
    printedAt: new Date('2026-11-28T13:45:00Z'),
    printedBy: { name: 'Nurse', profession: 'nurse' },
    language,
    width: 80,
    codePage: 'pc858',
    timeZone: 'Europe/Paris',
  });
  return decodeReceiptText(result.bytes).plain.replace(/\s+/g, ' ');
}

describe('coded values on the receipt, in the reader’s language', () => {
  it.each([
    ['fr', 'Martha Mum (mère)', 'groupe A, Rhésus positif'],
    ['de', 'Martha Mum (Mutter)', 'Blutgruppe A, Rhesus positiv'],
    ['es', 'Martha Mum (madre)', 'grupo A, Rh positivo'],
    ['it', 'Martha Mum (madre)', 'gruppo A, Rh positivo'],
    ['en', 'Martha Mum (mother)', 'group A, RhD positive'],
  ] as const)(
    'HZ-19 %s: the IPS IG’s MTH contact and SNOMED CT blood group',
    async (language, contact, group) => {
      const plain = await printed(summaryOf('IPS_IG-bundle-01.json'), language);
      expect(plain).toContain(contact);
      expect(plain).toContain(group);
      // The record's own value is still printed beside the reader's words.
      expect(plain).toContain('Blood group A Rh(D) positive');
      if (language !== 'en') expect(plain).not.toContain('Mother');
    },
  );

  it('HZ-19 a v2-0131 code with an English display: the French words first, the display kept', async () => {
    const plain = await printed(summaryOf('NZ_Peter_Jordan_AAA1234.json'), 'fr');
    expect(plain).toContain('(plus proche parent (Next-of-Kin))');
    // PC858 has no typographic apostrophe: the receipt folds it to ' (fold.ts).
    expect(plain).toContain("(contact d'urgence (Emergency Contact))");
  });

  it('HZ-18 a narrative that declares its language is marked with it, in a record of the reader’s language', async () => {
    const summary = frenchSummary({
      otherSections: [
        { title: 'Plan de soins', narrative: 'Diet: no shellfish', narrativeLanguage: 'en-NZ', items: [] },
        { title: 'Mode de vie', narrative: 'Ne fume pas', items: [] },
      ],
    });
    const plain = await printed(summary, 'fr');
    expect(plain).toContain('[EN] Diet: no shellfish');
    expect(plain).toContain('Ne fume pas');
    expect(plain).not.toContain('[FR]');
  });
});

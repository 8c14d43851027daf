/**
 * Receipts in German, Spanish and Italian (issue 19): every shared IPS fixture printed in each
 * language, decoded from the ESC/POS bytes; the kiosk's own words are in the chosen language and
 * their accented letters travel as text in the site's code page, not as images.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ipsFixturesDir } from '../dev/fixtures.ts';
import { decodeReceiptText } from '../dev/virtual-printer/decoder.ts';
import type { CodePageId } from '../drivers/printer/layout/code-page.ts';
import { renderBlocks } from '../drivers/printer/layout/layout.ts';
import { parseIpsBundle } from '../record/ips/index.ts';
import { summarize } from '../record/summary/summarize.ts';
import { LABELS, formatDate, formatDateTime, type ReceiptLanguage } from './labels.ts';
import { renderSummaryReceipt } from './summary-receipt.ts';
import { authoredLanguageMark } from '../common/structured/authored-language.ts';
import { formatDosage } from '../common/structured/format-dosage.ts';
import { routeWords } from '../common/structured/routes.ts';
import { statusWords, verificationWords } from '../common/structured/status-words.ts';

const DIR = ipsFixturesDir();
const FIXTURES = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const OTHERS = ['de', 'es', 'it'] as const;

function summaryOf(fixture: string) {
  const parsed = parseIpsBundle(JSON.parse(readFileSync(path.join(DIR, fixture), 'utf8')));
  if (!parsed.ok) throw new Error(`fixture ${fixture} does not parse`);
  return summarize(parsed.value);
}

async function printed(fixture: string, language: ReceiptLanguage, codePage: CodePageId) {
  const result = await renderSummaryReceipt({
    summary: summaryOf(fixture),
    verification: { status: 'valid', signer: 'Dr Test', signedAt: '2026-10-02' },
    site: { name: 'Site' },
    printedAt: new Date('2026-11-28T13:45:00Z'),
    printedBy: { name: 'Nurse', profession: 'nurse' },
    language,
    width: 80,
    codePage,
    timeZone: 'Europe/Paris',
  });
  return decodeReceiptText(result.bytes).plain;
}

/** Whitespace as one space; the em dash, which PC858 lacks, is folded to "-" (fold.ts). */
const squash = (s: string): string => s.replace(/\s+/g, ' ').replaceAll('—', '-');

describe.each(FIXTURES)('%s printed in de, es, it', (fixture) => {
  it.each(OTHERS)('section titles in %s, none left in English', async (language) => {
    const plain = squash(await printed(fixture, language, 'pc858'));
    const l = LABELS[language];
    const en = LABELS.en;
    for (const title of [
      l.title,
      l.allergies,
      l.medications,
      l.problems,
      l.devices,
      l.bloodGroup,
      l.contacts,
    ])
      expect(plain).toContain(squash(title));
    for (const title of [en.allergies, en.medications, en.problems, en.devices, en.bloodGroup, en.contacts])
      expect(plain).not.toContain(title);
    expect(plain).toContain(squash(l.footer[0] ?? ''));
  });

  it.each(OTHERS)('HZ-18 dose, timing, routes and statuses from structure in %s', async (language) => {
    const summary = summaryOf(fixture);
    const plain = squash(await printed(fixture, language, 'pc858'));
    const medications = summary.medications.status === 'entries' ? summary.medications.items : [];
    for (const m of medications) {
      for (const d of m.dosages ?? []) {
        const words = formatDosage(d, language);
        if (words === undefined) continue;
        expect(plain).toContain(squash(words));
        const english = formatDosage(d, 'en');
        // The English words of a timing ("once per day") must not stand in for the reader's.
        if (english !== undefined && d.timing && english !== words)
          expect(plain).not.toContain(squash(english));
      }
      const route = routeWords(m.routeCodings ?? [], language);
      if (route !== undefined) expect(plain).toContain(squash(route));
    }
    const allergies = summary.allergies.status === 'entries' ? summary.allergies.items : [];
    for (const a of allergies) {
      expect(plain).toContain(squash(LABELS[language].criticality[a.criticality]));
      if (a.clinicalStatus && a.clinicalStatus !== 'active')
        expect(plain).toContain(`[${statusWords(a.clinicalStatus, language)}]`);
      if (a.verificationStatus && a.verificationStatus !== 'confirmed')
        expect(plain).toContain(`[${verificationWords(a.verificationStatus, language)}]`);
    }
    const mark = authoredLanguageMark(summary.language, language);
    if (mark !== undefined) expect(plain).toContain(`${LABELS[language].authoredIn} ${mark}`);
    expect(plain).not.toMatch(/\b(once|times) per (day|week)\b/);
  });
});

describe('accented letters of the five languages print as text', () => {
  const sample = 'Straße Größe ÄÖÜ äöü, Señor ¿Qué? ¡Sí! Ñ, àèìòù ÀÈÌÒÙ é ç';
  it.each<CodePageId>(['pc858', 'wpc1252'])(
    '%s: ß ñ ¿ ¡ à è ì ò ù survive the round trip',
    async (codePage) => {
      const result = await renderBlocks([{ kind: 'text', text: sample }], {
        width: 80,
        codePage,
        rasterAll: false,
      });
      expect(result.rasterBlocks).toBe(0);
      expect(squash(decodeReceiptText(result.bytes).plain)).toContain(sample);
    },
  );

  it('HZ-03 every receipt word of every language prints as text in PC858, not as an image', async () => {
    for (const language of ['fr', 'en', ...OTHERS] as const) {
      const words = JSON.stringify(LABELS[language]).match(/"[^"]+"/g) ?? [];
      const blocks = words.map((w) => ({ kind: 'text', text: w.slice(1, -1) }) as const);
      const result = await renderBlocks(blocks, { width: 80, codePage: 'pc858', rasterAll: false });
      expect(result.rasterBlocks, language).toBe(0);
    }
  });
});

describe('dates on paper as each language writes them', () => {
  it.each<[ReceiptLanguage, string, string]>([
    ['fr', '28/11/2026', '28/11/2026 14:45'],
    ['en', '2026-11-28', '2026-11-28 14:45'],
    ['de', '28.11.2026', '28.11.2026 14:45'],
    ['es', '28/11/2026', '28/11/2026 14:45'],
    ['it', '28/11/2026', '28/11/2026 14:45'],
  ])('%s: %s', (language, date, dateTime) => {
    expect(formatDate('2026-11-28', language)).toBe(date);
    expect(formatDate('2026-11', language)).toBe('2026-11');
    expect(formatDateTime(new Date('2026-11-28T13:45:00Z'), language, 'Europe/Paris')).toBe(dateTime);
  });
});

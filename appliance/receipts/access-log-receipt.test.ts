import { describe, expect, it } from 'vitest';
import { ACCESS_LOG_WORDS, accessLines, type PatientAccessEntry } from '../common/access-log-words.ts';
import { LANGUAGES } from '../common/languages.ts';
import { decodeReceiptText } from '../dev/virtual-printer/decoder.ts';
import { renderAccessLogReceipt } from './access-log-receipt.ts';

/** A key opened twice: once with the code at a pharmacy, once by break-glass in an emergency room. */
const ENTRIES: PatientAccessEntry[] = [
  {
    when: '2026-11-30T02:10:00Z',
    site: 'Urgences CHU Test',
    name: 'Inf. Test Nurse',
    profession: 'nurse',
    tier: 'emergency',
    breakGlassReason: 'Patient inconscient',
  },
  {
    when: '2026-11-28T09:05:00Z',
    site: 'Pharmacie Test',
    name: 'Ph. Test',
    profession: 'pharmacist',
    tier: 'full',
  },
];

/** Whitespace as one space; what PC858 lacks folded as fold.ts does (— to -, ’ to '). */
const squash = (s: string): string => s.replace(/\s+/g, ' ').replaceAll('—', '-').replaceAll('’', "'");

async function printed(language: (typeof LANGUAGES)[number], unreadable = 0): Promise<string> {
  const result = await renderAccessLogReceipt({
    entries: ENTRIES,
    unreadable,
    site: { name: 'Kiosk Test' },
    printedAt: new Date('2026-12-01T10:00:00Z'),
    language,
    width: 80,
    codePage: 'pc858',
    timeZone: 'Europe/Paris',
  });
  expect(result.rasterBlocks).toBe(0);
  return squash(decodeReceiptText(result.bytes).plain);
}

describe('HZ-20 the patient’s printed access log', () => {
  it.each(LANGUAGES)(
    '%s: both openings, newest first, who, where, which part, how and why',
    async (language) => {
      const plain = await printed(language);
      const w = ACCESS_LOG_WORDS[language];
      expect(plain).toContain(squash(w.title));
      const first = plain.indexOf('Inf. Test Nurse');
      const second = plain.indexOf('Ph. Test');
      expect(first).toBeGreaterThan(0);
      expect(second).toBeGreaterThan(first);
      expect(plain).toContain('Urgences CHU Test');
      expect(plain).toContain('Pharmacie Test');
      expect(plain).toContain(squash(w.breakGlass));
      expect(plain).toContain(`${w.reason}${w.colon}Patient inconscient`);
      expect(plain).toContain(squash(w.part.emergency));
      expect(plain).toContain(squash(w.part.full));
      expect(plain).toContain(squash(w.withCode));
      expect(plain).toContain(w.profession.pharmacist);
    },
  );

  it('only the break-glass opening says the code was not used; unreadable lines are said, not hidden', async () => {
    const [bg, code] = ENTRIES.map((e) => accessLines(e, 'fr', 'Europe/Paris'));
    expect(bg).toContain(ACCESS_LOG_WORDS.fr.breakGlass);
    expect(bg).not.toContain(ACCESS_LOG_WORDS.fr.withCode);
    expect(code).toContain(ACCESS_LOG_WORDS.fr.withCode);
    expect(code).not.toContain(ACCESS_LOG_WORDS.fr.breakGlass);
    expect(bg?.[0]).toBe('Date : 30 novembre 2026 à 03:10');
    expect(await printed('de', 2)).toContain(squash(ACCESS_LOG_WORDS.de.unreadable(2)));
  });

  it('an empty log says nobody opened the record', async () => {
    const result = await renderAccessLogReceipt({
      entries: [],
      unreadable: 0,
      site: { name: 'Kiosk Test' },
      printedAt: new Date('2026-12-01T10:00:00Z'),
      language: 'it',
      width: 58,
      codePage: 'pc858',
    });
    expect(squash(decodeReceiptText(result.bytes).plain)).toContain(squash(ACCESS_LOG_WORDS.it.none));
  });
});

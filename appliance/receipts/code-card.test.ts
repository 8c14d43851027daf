import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../common/languages.ts';
import { decodeCommands } from '../dev/virtual-printer/decode-commands.ts';
import { decodeReceiptText } from '../dev/virtual-printer/decoder.ts';
import { checkCharacter, parsePatientCode, type PatientCode } from '../record/code/patient-code.ts';
import { CODE_CARD_LABELS } from './labels-authoring.ts';
import { codeCardLines, renderCodeCard, type CodeCardInput } from './code-card.ts';

const CODE = (() => {
  const parsed = parsePatientCode(`7K3MQ9TX2ZPBH4R${checkCharacter('7K3MQ9TX2ZPBH4R')}`);
  if (!parsed.ok) throw new Error('test code: check character');
  return parsed.value;
})();

const input = (over: Partial<CodeCardInput> = {}): CodeCardInput => ({
  code: CODE,
  createdAt: new Date('2026-12-03T23:30:00Z'),
  language: 'fr',
  width: 80,
  codePage: 'pc858',
  timeZone: 'Europe/Paris',
  ...over,
});

const squash = (s: string): string => s.replace(/\s+/gu, ' ').replaceAll('’', "'");
/** GS ! 0x22: characters three times as wide and three times as high (ESC/POS "select character size"). */
const TRIPLE = [0x1d, 0x21, 0x22];

/** The text printed while the triple size is selected, line by line. */
function largeLines(bytes: Uint8Array): string[] {
  const lines: string[] = [];
  let large = false;
  let current = '';
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x1d && bytes[i + 1] === 0x21) {
      large = bytes[i + 2] === TRIPLE[2];
      i += 2;
    } else if (bytes[i] === 0x1b || bytes[i] === 0x1c || bytes[i] === 0x1d) {
      i += 2; // ESC E n, ESC t n, GS B n…: no text in them
    } else if (bytes[i] === 0x0a) {
      if (current.trim() !== '') lines.push(current.trim());
      current = '';
    } else if (large && (bytes[i] ?? 0) >= 0x20 && (bytes[i] ?? 0) < 0x7f) {
      current += String.fromCharCode(bytes[i] ?? 0);
    }
  }
  return lines;
}

describe('the patient-code card (issue 16)', () => {
  it.each(LANGUAGES)(
    '%s: the code in triple-size characters, grouped, with what to keep in mind',
    async (language) => {
      const result = await renderCodeCard(input({ language }));
      expect(result.rasterBlocks).toBe(0);
      const [a, b, c, d] = CODE.match(/.{4}/gu) ?? [];
      expect(largeLines(result.bytes)).toEqual([`${a}-${b}`, `${c}-${d}`]);
      const plain = squash(decodeReceiptText(result.bytes).plain);
      const l = CODE_CARD_LABELS[language];
      for (const text of [l.title, l.intro, l.keepApart, l.noCopy, l.alphabet])
        expect(plain).toContain(squash(text));
      // The creation date in the kiosk's zone (23:30 UTC is the next day in Paris), no time.
      expect(plain).toMatch(/04[./]12[./]2026|2026-12-04/u);
    },
  );

  it.each([80, 58] as const)(
    'at %i mm each large line fits the paper: the code is never wrapped',
    async (width) => {
      const result = await renderCodeCard(input({ width }));
      expect(largeLines(result.bytes)).toHaveLength(2);
      const lines = decodeCommands(result.bytes).flatMap((item) =>
        item.kind === 'line' && item.spans.some((s) => s.tall && s.text.includes('-')) ? [item] : [],
      );
      expect(lines).toHaveLength(2);
    },
  );

  it('names nobody: only the code, the fixed words and the date are printed', async () => {
    const plain = squash(decodeReceiptText((await renderCodeCard(input({ language: 'en' }))).bytes).plain);
    const l = CODE_CARD_LABELS.en;
    let rest = plain;
    for (const text of [l.title, l.intro, l.keepApart, l.noCopy, l.alphabet, ...codeCardLines(CODE)]) {
      rest = rest.replace(squash(text), '');
    }
    expect(rest.replace(/[-=\s]/gu, '')).toBe(`${l.createdOn.replace(/\s/gu, '')}20261204`);
  });

  it('groups any code in fours, two groups a line', () => {
    expect(codeCardLines('ABCDEFGHJKMNPQRS')).toEqual(['ABCD-EFGH', 'JKMN-PQRS']);
    expect(codeCardLines('ABCD-EFGH-JKMN-PQRS' as PatientCode)).toEqual(['ABCD-EFGH', 'JKMN-PQRS']);
  });
});

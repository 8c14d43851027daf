/**
 * Printer code pages. The text of a receipt is sent as single-byte characters in one code page
 * chosen per printer model (site configuration). Table numbers are those of `ESC t n` in the
 * Epson ESC/POS command reference ("ESC t — Select character code table"): 16 = WPC1252,
 * 19 = PC858 (PC850 with €).
 */
import CodepageEncoder from '@point-of-sale/codepage-encoder';

export const CODE_PAGES = {
  pc858: { encoderName: 'cp858', escPosTable: 19, label: 'PC858 (Multilingual Latin 1 + €)' },
  wpc1252: { encoderName: 'windows1252', escPosTable: 16, label: 'WPC1252 (Windows Latin 1)' },
} as const;

export type CodePageId = keyof typeof CODE_PAGES;
export const CODE_PAGE_IDS = Object.keys(CODE_PAGES) as CodePageId[];

const cache = new Map<string, boolean>();

/**
 * True when the character prints as itself in this code page. A character whose byte would be a
 * C0 control or DEL is refused even if the table has it: PC858 maps ☺ ► ← ↔ to 01h 10h 1Bh 1Dh,
 * which a printer reads as SOH, DLE, ESC and GS (HZ-16).
 */
export function encodable(char: string, codePage: CodePageId): boolean {
  const key = codePage + char;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const bytes = CodepageEncoder.encode(char, CODE_PAGES[codePage].encoderName);
  const result =
    bytes.length === 1 &&
    bytes[0] !== undefined &&
    bytes[0] >= 0x20 &&
    bytes[0] !== 0x7f &&
    (bytes[0] !== 0x3f || char === '?');
  cache.set(key, result);
  return result;
}

/** True when every character of `text` prints as itself in this code page. */
export function fitsCodePage(text: string, codePage: CodePageId): boolean {
  for (const char of text) if (!encodable(char, codePage)) return false;
  return true;
}

/** Encodes text known to fit (see `fitsCodePage`); throws on a character that does not (a bug). */
export function encodeText(text: string, codePage: CodePageId): Uint8Array {
  if (!fitsCodePage(text, codePage)) throw new Error('encodeText: text does not fit the code page');
  return CodepageEncoder.encode(text, CODE_PAGES[codePage].encoderName);
}

const ENCODER_BY_TABLE: Readonly<Record<number, string>> = {
  0: 'cp437',
  2: 'cp850',
  [CODE_PAGES.wpc1252.escPosTable]: CODE_PAGES.wpc1252.encoderName,
  [CODE_PAGES.pc858.escPosTable]: CODE_PAGES.pc858.encoderName,
};
const decodeTables = new Map<number, string[]>();

/**
 * Byte → character table of the code page selected by `ESC t n` (for the test decoder); bytes
 * below 80h are ASCII. `undefined` for a table this decoder does not know.
 */
export function decodeTable(escPosTable: number): readonly string[] | undefined {
  const known = decodeTables.get(escPosTable);
  if (known) return known;
  const name = ENCODER_BY_TABLE[escPosTable];
  if (!name) return undefined;
  const codepoints = CodepageEncoder.getCodepoints(name as 'cp437', true);
  const table: string[] = [];
  for (let b = 0; b < 256; b++) {
    const cp = codepoints[b];
    table.push(
      b < 0x80 ? String.fromCharCode(b) : cp === undefined || cp === 0 ? '\uFFFD' : String.fromCodePoint(cp),
    );
  }
  decodeTables.set(escPosTable, table);
  return table;
}

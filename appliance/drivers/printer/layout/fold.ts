/**
 * Typographic characters that a code page may lack, folded to a plain equivalent of the same
 * meaning (curly quotes, dashes, ellipsis, special spaces, bullets). Only applied to characters the
 * configured code page cannot print: WPC1252 keeps ’ “ ” – — … as they are. Anything else the code
 * page lacks (Greek, Cyrillic, Arabic, CJK, œ on PC858…) is not folded: the text goes to raster.
 */
import { encodable, type CodePageId } from './code-page.ts';

const FOLDS: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2033': '"',
  '\u2039': '<',
  '\u203A': '>',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u00A0': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u202F': ' ',
  '\u2022': '-',
  '\u00B7': '-',
};

export function foldForCodePage(text: string, codePage: CodePageId): string {
  let out = '';
  for (const char of text) {
    const fold = FOLDS[char];
    out += fold !== undefined && !encodable(char, codePage) ? fold : char;
  }
  return out;
}

/**
 * ESC/POS text path: record text → sanitised (HZ-16) → folded for the code page → wrapped
 * (HZ-03) → encoded. Invariants: no byte a printer could act on, no character lost by wrapping.
 */
import fc from 'fast-check';
import {
  encodeText,
  fitsCodePage,
  type CodePageId,
} from '../../../appliance/drivers/printer/layout/code-page.ts';
import { foldForCodePage } from '../../../appliance/drivers/printer/layout/fold.ts';
import { sanitiseText } from '../../../appliance/drivers/printer/layout/sanitise.ts';
import { wrapText } from '../../../appliance/drivers/printer/layout/wrap.ts';
import type { FuzzTarget, PreparedTarget } from '../harness.ts';
import { hostileText } from '../generators.ts';

interface Input {
  readonly text: string;
  readonly codePage: CodePageId;
  readonly columns: 48 | 32;
  readonly indent: number;
}

const TOKENS = [
  '\u001b@',
  '\u001bd\u0005',
  '\u001dV\u0000',
  '\u001d(k',
  '\u0010\u0004\u0001',
  '\u001c',
  '\u0000',
  '\u007f',
  '\u0085',
  '\u0090',
  '\u009b',
  '\u202e',
  '\u2066',
  '\u200b',
  '\ufeff',
  '\u00ad',
  '\r\n',
  '\r',
  '\n',
  '\t',
  '\u2028',
  '\u000b',
  '\u000c',
  '\ud800',
  '\udc00',
  '\ud83d\ude00',
  'e\u0301',
  '\u2019',
  '\u201c',
  '\u2014',
  '\u2026',
  '\u00a0',
  'œ',
  '€',
  'Ω',
  'ж',
  'ب',
  '中',
  ' ',
  '  ',
  'word',
  'x'.repeat(60),
];

const inputs: fc.Arbitrary<Input> = fc.record({
  text: hostileText(TOKENS),
  codePage: fc.constantFrom<CodePageId>('pc858', 'wpc1252'),
  columns: fc.constantFrom<48 | 32>(48, 32),
  indent: fc.integer({ min: 0, max: 8 }),
});

// eslint-disable-next-line no-control-regex -- what a printer could act on is what this looks for
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const withoutSpaces = (text: string): string => text.replace(/[ \n]/g, '');

function run({ text, codePage, columns, indent }: Input): void {
  const clean = sanitiseText(text);
  if (FORBIDDEN.test(clean)) throw new Error('invariant: sanitised text keeps a control character (HZ-16)');
  if (LONE_SURROGATE.test(clean)) throw new Error('invariant: sanitised text keeps a lone surrogate');
  const folded = foldForCodePage(clean, codePage);
  const lines = wrapText(folded, columns, { indent, firstIndent: 0 });
  for (const line of lines) {
    if ([...line].length > columns) throw new Error('invariant: a wrapped line is wider than the paper');
  }
  if (withoutSpaces(lines.join('')) !== withoutSpaces(folded)) {
    throw new Error('invariant: wrapping lost or added a character (HZ-03)');
  }
  const printable = lines.join('');
  if (!fitsCodePage(printable, codePage)) return;
  for (const byte of encodeText(printable, codePage)) {
    if (byte < 0x20 || byte === 0x7f)
      throw new Error('invariant: an encoded byte is a printer command (HZ-16)');
  }
}

export const escposTarget: FuzzTarget<Input> = {
  name: 'escpos',
  covers: 'appliance/drivers/printer/layout sanitise, fold, wrap, encode',
  prepare(): Promise<PreparedTarget<Input>> {
    return Promise.resolve({
      arbitrary: inputs,
      run,
      encode: (input) => input,
      decode: (stored) => stored as Input,
    });
  },
};

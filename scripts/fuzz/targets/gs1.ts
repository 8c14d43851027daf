/** GS1 scan parser: what a keyboard-wedge scanner types for a drug box. */
import fc from 'fast-check';
import { hasValidCheckDigit } from '../../../appliance/crosscheck/gs1/check-digit.ts';
import { MAX_SCAN_LENGTH, parseScan } from '../../../appliance/crosscheck/gs1/parse.ts';
import type { FuzzTarget, PreparedTarget } from '../harness.ts';
import { hostileText } from '../generators.ts';

const AIS = [
  '01',
  '17',
  '10',
  '21',
  '11',
  '00',
  '02',
  '30',
  '240',
  '8006',
  '7003',
  '91',
  '99',
  '422',
  '3103',
];
const SEPARATORS = ['\u001d', '<GS>', '[GS]', '{GS}', '<FNC1>', '^]', '\u001e', '\u001c', '\r', '\n'];
const SYMBOLOGY = [']d2', ']C1', ']Q3', ']e0', ']'];

function gtin(digits13: string): string {
  let sum = 0;
  for (let i = 0; i < 13; i += 1) sum += Number(digits13[i]) * (i % 2 === 0 ? 3 : 1);
  return digits13 + String((10 - (sum % 10)) % 10);
}

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

const token = fc.oneof(
  fc.constantFrom(...AIS, ...AIS.map((ai) => `(${ai})`), ...SEPARATORS, ...SYMBOLOGY),
  digits(13, 13).map(gtin),
  digits(1, 20),
  fc.string({ unit: fc.constantFrom(...'ABCXYZ-./()%*0123456789'), maxLength: 20 }),
);

const scans = fc.oneof(
  { weight: 6, arbitrary: fc.array(token, { maxLength: 12 }).map((t) => t.join('')) },
  { weight: 2, arbitrary: hostileText([...SEPARATORS, '(', ')', '0', '1', ' '], 150) },
  { weight: 1, arbitrary: fc.string({ maxLength: MAX_SCAN_LENGTH + 20 }) },
);

function run(scan: string): void {
  const parsed = parseScan(scan);
  if (!parsed.ok) return;
  const { gtin: code, cip13, cip7 } = parsed.value;
  if (code !== undefined && (!/^\d{14}$/.test(code) || !hasValidCheckDigit(code))) {
    throw new Error('invariant: an accepted GTIN is 14 digits with a valid check digit');
  }
  if (cip13 !== undefined && !/^\d{13}$/.test(cip13)) throw new Error('invariant: CIP13 is 13 digits');
  if (cip7 !== undefined && !/^\d{7}$/.test(cip7)) throw new Error('invariant: CIP7 is 7 digits');
}

export const gs1Target: FuzzTarget<string> = {
  name: 'gs1',
  covers: 'appliance/crosscheck/gs1 parseScan',
  prepare(): Promise<PreparedTarget<string>> {
    return Promise.resolve({ arbitrary: scans, run, encode: (s) => s, decode: (s) => String(s) });
  },
};

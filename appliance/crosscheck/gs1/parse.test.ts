import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, hasValidCheckDigit, withCheckDigit } from './check-digit.ts';
import { isExpired, resolveYymmdd } from './expiry.ts';
import { parseScan } from './parse.ts';

const GS = '\u001d';
// CLAMOXYL 500 mg, gélule, box of 12 (BDPM CIS 67707794)
const CIP13 = '3400931587538';
const GTIN = `0${CIP13}`;

describe('GS1 check digit', () => {
  it('matches known codes', () => {
    expect(gs1CheckDigit('340093158753')).toBe(8);
    expect(hasValidCheckDigit(CIP13)).toBe(true);
    expect(hasValidCheckDigit(GTIN)).toBe(true);
    expect(hasValidCheckDigit('3400931587539')).toBe(false);
    expect(withCheckDigit('0340093158753')).toBe(GTIN);
  });
  it('detects every single-digit substitution', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{13}$/),
        fc.nat(13),
        fc.integer({ min: 1, max: 9 }),
        (body, pos, delta) => {
          const code = withCheckDigit(body);
          const i = pos % code.length;
          const changed = code.slice(0, i) + String((Number(code[i]) + delta) % 10) + code.slice(i + 1);
          expect(hasValidCheckDigit(changed)).toBe(false);
        },
      ),
    );
  });
});

describe('GS1 expiry', () => {
  it('day 00 is the last day of the month, leap years included', () => {
    const now = new Date(2026, 0, 1);
    expect(resolveYymmdd('280200', now)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(resolveYymmdd('270200', now)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(resolveYymmdd('261131', now)).toBeUndefined();
    expect(resolveYymmdd('261300', now)).toBeUndefined();
  });
  it('uses the GS1 sliding century window', () => {
    expect(resolveYymmdd('990101', new Date(2026, 0, 1))?.year).toBe(1999);
    expect(resolveYymmdd('760101', new Date(2026, 0, 1))?.year).toBe(2076);
  });
  it('HZ-08 a box is expired the day after its expiry date, not on it', () => {
    expect(isExpired('260315', new Date(2026, 2, 15, 23, 0))).toBe(false);
    expect(isExpired('260315', new Date(2026, 2, 16, 8, 0))).toBe(true);
    expect(isExpired('260300', new Date(2026, 2, 31, 12, 0))).toBe(false);
    expect(isExpired('260300', new Date(2026, 3, 1, 0, 1))).toBe(true);
  });
});

describe('GS1 scans as a keyboard-wedge scanner types them', () => {
  const want = { gtin: GTIN, cip13: CIP13, expiry: '270531', lot: 'B2405A', serial: '7HK39QW2ZP' };
  const cases: [string, string][] = [
    ['FNC1 as GS', `01${GTIN}17270531` + `10B2405A${GS}21` + '7HK39QW2ZP'],
    ['symbology identifier ]d2', `]d201${GTIN}1727053110B2405A${GS}217HK39QW2ZP`],
    ['leading FNC1 and trailing Enter', `${GS}01${GTIN}1727053110B2405A${GS}217HK39QW2ZP\r\n`],
    ['<GS> substitute', `01${GTIN}1727053110B2405A<GS>217HK39QW2ZP`],
    ['{GS} substitute, serial first', `217HK39QW2ZP{GS}01${GTIN}1727053110B2405A`],
    ['human-readable parentheses', `(01)${GTIN}(17)270531(10)B2405A(21)7HK39QW2ZP`],
    ['no separators, French order', `01${GTIN}1727053110B2405A217HK39QW2ZP`],
    ['no separators, lot last', `01${GTIN}17270531217HK39QW2ZP10B2405A`],
  ];
  for (const [name, input] of cases) {
    it(`HZ-08 reads ${name}`, () => {
      const r = parseScan(input);
      expect(r.ok && r.value).toMatchObject({ form: 'gs1', ...want });
    });
  }

  it('reads bare CIP13, CIP7 and GTIN-14', () => {
    expect(parseScan(CIP13)).toMatchObject({ ok: true, value: { form: 'cip13', cip13: CIP13 } });
    expect(parseScan('3158753')).toMatchObject({ ok: true, value: { form: 'cip7', cip7: '3158753' } });
    expect(parseScan(GTIN)).toMatchObject({ ok: true, value: { form: 'gtin14', gtin: GTIN, cip13: CIP13 } });
  });

  it('HZ-09 refuses codes with a bad check digit, bad date, unknown AI or nothing useful', () => {
    expect(parseScan('3400931587539')).toMatchObject({ ok: false, error: { kind: 'bad_check_digit' } });
    expect(parseScan(`01${GTIN.slice(0, -1)}9172705311`)).toMatchObject({ ok: false });
    expect(parseScan(`01${GTIN}17271331`)).toMatchObject({ ok: false, error: { kind: 'bad_date' } });
    expect(parseScan(`01${GTIN}${GS}99ABC`)).toMatchObject({ ok: false, error: { kind: 'unknown_ai' } });
    expect(parseScan('10LOT1')).toMatchObject({ ok: false, error: { kind: 'missing_gtin' } });
    expect(parseScan('   ')).toMatchObject({ ok: false, error: { kind: 'empty' } });
    expect(parseScan('x'.repeat(500))).toMatchObject({ ok: false, error: { kind: 'too_long' } });
    expect(parseScan('amoxicilline')).toMatchObject({ ok: false });
  });

  it('flags a lot/serial split that could be read two ways, and refuses a doubtful expiry', () => {
    const r = parseScan(`01${GTIN}1727053110AB21CD`);
    expect(r).toMatchObject({ ok: true, value: { lot: 'AB', serial: 'CD', lotSerialAmbiguous: true } });
    // Lot "X17991231" then serial "S" then expiry: the lot could also end before "17991231".
    expect(parseScan(`01${GTIN}10X1799123121S17270531`)).toMatchObject({
      ok: false,
      error: { kind: 'ambiguous' },
    });
  });
});

const cip13 = fc.stringMatching(/^\d{7}$/).map((d) => withCheckDigit(`34009${d}`));
const expiry = fc
  .tuple(fc.integer({ min: 20, max: 45 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 28 }))
  .map(([y, m, d]) => [y, m, d].map((n) => String(n).padStart(2, '0')).join(''));
const alnum = fc.stringMatching(/^[A-Za-z0-9]{1,20}$/);
const letters = fc.stringMatching(/^[A-Z]{1,20}$/);
const separator = fc.constantFrom(GS, '<GS>', '[GS]', '{GS}', '<FNC1>');
const prefix = fc.constantFrom('', ']d2', GS, ']C1');
const order = fc.shuffledSubarray(['01', '17', '10', '21'], { minLength: 4, maxLength: 4 });

function encode(fields: Record<string, string>, ais: readonly string[], sep: string): string {
  return ais
    .map((ai, i) => `${ai}${fields[ai]}${(ai === '10' || ai === '21') && i < ais.length - 1 ? sep : ''}`)
    .join('');
}

describe('GS1 property tests: random valid codes in every form parse back', () => {
  it('HZ-08 with separators, any order, any prefix and substitute', () => {
    fc.assert(
      fc.property(
        cip13,
        expiry,
        alnum,
        alnum,
        order,
        separator,
        prefix,
        (c, e, lot, serial, ais, sep, pre) => {
          const input = pre + encode({ '01': `0${c}`, '17': e, '10': lot, '21': serial }, ais, sep) + '\n';
          const r = parseScan(input);
          expect(r).toEqual({
            ok: true,
            value: {
              form: 'gs1',
              gtin: `0${c}`,
              cip13: c,
              expiry: e,
              lot,
              serial,
              other: {},
              lotSerialAmbiguous: false,
            },
          });
        },
      ),
      { numRuns: 400 },
    );
  });

  it('HZ-08 without separators, letter-only lot and serial: exact', () => {
    fc.assert(
      fc.property(cip13, expiry, letters, letters, order, (c, e, lot, serial, ais) => {
        const r = parseScan(encode({ '01': `0${c}`, '17': e, '10': lot, '21': serial }, ais, ''));
        expect(r.ok && r.value).toMatchObject({ gtin: `0${c}`, cip13: c, expiry: e, lot, serial });
      }),
      { numRuns: 400 },
    );
  });

  it('HZ-09 without separators, any lot and serial: never a wrong GTIN or expiry', () => {
    fc.assert(
      fc.property(cip13, expiry, alnum, alnum, order, (c, e, lot, serial, ais) => {
        const r = parseScan(encode({ '01': `0${c}`, '17': e, '10': lot, '21': serial }, ais, ''));
        if (r.ok) expect(r.value).toMatchObject({ gtin: `0${c}`, expiry: e });
        else expect(r.error.kind).toBe('ambiguous');
      }),
      { numRuns: 1000 },
    );
  });

  it('bare CIP13 and GTIN-14 round-trip; one wrong digit is refused', () => {
    fc.assert(
      fc.property(cip13, (c) => {
        expect(parseScan(c)).toMatchObject({ ok: true, value: { cip13: c } });
        expect(parseScan(`0${c}`)).toMatchObject({ ok: true, value: { gtin: `0${c}`, cip13: c } });
        const bad = c.slice(0, -1) + String((Number(c.slice(-1)) + 1) % 10);
        expect(parseScan(bad).ok).toBe(false);
      }),
    );
  });
});

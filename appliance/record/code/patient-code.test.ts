import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  checkCharacter,
  formatPatientCode,
  generatePatientCode,
  parsePatientCode,
  type PatientCode,
} from './patient-code.ts';

const dataArb = fc
  .array(fc.constantFrom(...CODE_ALPHABET.split('')), { minLength: 15, maxLength: 15 })
  .map((chars) => chars.join(''));
const codeArb = dataArb.map((data) => (data + checkCharacter(data)) as PatientCode);

describe('patient code', () => {
  it('generates 16 alphabet characters that parse back to themselves', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = generatePatientCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/u);
      expect(parsePatientCode(code)).toEqual({ ok: true, value: code });
      expect(parsePatientCode(formatPatientCode(code))).toEqual({ ok: true, value: code });
    }
  });

  it('prints in four groups of four', () => {
    expect(formatPatientCode('ABCDEFGHJKMNPQRS' as PatientCode)).toBe('ABCD-EFGH-JKMN-PQRS');
  });

  it('property: any code with a valid check parses, in any case, with spaces or hyphens', () => {
    fc.assert(
      fc.property(codeArb, fc.boolean(), (code, lower) => {
        const printed = formatPatientCode(code);
        const typed = lower ? printed.toLowerCase().replaceAll('-', ' ') : printed;
        expect(parsePatientCode(typed)).toEqual({ ok: true, value: code });
      }),
    );
  });

  it('property: every single-character substitution is caught by the check character', () => {
    fc.assert(
      fc.property(
        codeArb,
        fc.integer({ min: 0, max: CODE_LENGTH - 1 }),
        fc.integer({ min: 1, max: 31 }),
        (code, position, shift) => {
          const original = CODE_ALPHABET.indexOf(code[position] as string);
          const replaced = CODE_ALPHABET[(original + shift) % 32] as string;
          const typo = code.slice(0, position) + replaced + code.slice(position + 1);
          expect(parsePatientCode(typo)).toEqual({ ok: false, error: 'check_failed' });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: adjacent transpositions of different characters are caught (except 0↔Z, a Luhn blind spot)', () => {
    fc.assert(
      fc.property(codeArb, fc.integer({ min: 0, max: CODE_LENGTH - 2 }), (code, i) => {
        const a = code[i] as string;
        const b = code[i + 1] as string;
        fc.pre(a !== b && !(new Set([a, b]).has('0') && new Set([a, b]).has('Z')));
        const swapped = code.slice(0, i) + b + a + code.slice(i + 2);
        expect(parsePatientCode(swapped)).toEqual({ ok: false, error: 'check_failed' });
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts Crockford aliases O, I and L', () => {
    const data = '0110000000000000'.slice(0, 15);
    const code = data + checkCharacter(data);
    expect(parsePatientCode(code.replace('0', 'o').replace('1', 'I').replace('1', 'l'))).toEqual({
      ok: true,
      value: code,
    });
  });

  it('refuses wrong lengths and characters outside the alphabet', () => {
    expect(parsePatientCode('')).toEqual({ ok: false, error: 'wrong_length' });
    expect(parsePatientCode('ABCD-EFGH')).toEqual({ ok: false, error: 'wrong_length' });
    expect(parsePatientCode('ABCD-EFGH-JKMN-PQRU')).toEqual({ ok: false, error: 'invalid_character' });
    expect(parsePatientCode('ABCD-EFGH-JKMN-PQR!')).toEqual({ ok: false, error: 'invalid_character' });
    expect(parsePatientCode('A'.repeat(1000))).toEqual({ ok: false, error: 'wrong_length' });
  });
});

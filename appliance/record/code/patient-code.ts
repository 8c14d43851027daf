/**
 * The patient code (docs/key-format.md, "Patient code"): 16 Crockford base32 characters printed as
 * `XXXX-XXXX-XXXX-XXXX` — 15 random data characters (75 bits) and one Luhn mod 32 check character,
 * so that a typo is refused before any key derivation runs.
 */
import { err, ok, type Result } from '../../common/result.ts';

/** Crockford base32 (https://www.crockford.com/base32.html): no I, L, O, U. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_DATA_LENGTH = 15;
export const CODE_LENGTH = CODE_DATA_LENGTH + 1;
const N = CODE_ALPHABET.length;

/** A well-formed code in canonical form: 16 upper-case alphabet characters, no separators. */
export type PatientCode = string & { readonly __brand: 'PatientCode' };

export type PatientCodeError = 'wrong_length' | 'invalid_character' | 'check_failed';

const ALIASES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

function valueOf(char: string): number {
  return CODE_ALPHABET.indexOf(char);
}

/** Luhn mod N: the check character that makes the weighted sum of the whole code ≡ 0 (mod N). */
export function checkCharacter(data: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = data.length - 1; i >= 0; i -= 1) {
    const addend = factor * valueOf(data[i] as string);
    sum += Math.floor(addend / N) + (addend % N);
    factor = factor === 2 ? 1 : 2;
  }
  return CODE_ALPHABET[(N - (sum % N)) % N] as string;
}

function checkPasses(code: string): boolean {
  let factor = 1;
  let sum = 0;
  for (let i = code.length - 1; i >= 0; i -= 1) {
    const addend = factor * valueOf(code[i] as string);
    sum += Math.floor(addend / N) + (addend % N);
    factor = factor === 2 ? 1 : 2;
  }
  return sum % N === 0;
}

/** A fresh code from the platform's CSPRNG (256 is a multiple of 32: `& 31` is unbiased). */
export function generatePatientCode(): PatientCode {
  const bytes = new Uint8Array(CODE_DATA_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  const data = Array.from(bytes, (b) => CODE_ALPHABET[b & 31]).join('');
  return (data + checkCharacter(data)) as PatientCode;
}

/** Case-insensitive; spaces and hyphens ignored; O → 0, I and L → 1 (Crockford aliases). */
export function parsePatientCode(input: string): Result<PatientCode, PatientCodeError> {
  if (input.length > 64) return err('wrong_length');
  let canonical = '';
  for (const raw of input.toUpperCase()) {
    if (raw === '-' || /\s/u.test(raw)) continue;
    const char = ALIASES[raw] ?? raw;
    if (valueOf(char) < 0 || char.length !== 1) return err('invalid_character');
    canonical += char;
  }
  if (canonical.length !== CODE_LENGTH) return err('wrong_length');
  if (!checkPasses(canonical)) return err('check_failed');
  return ok(canonical as PatientCode);
}

/** The printed form: four groups of four separated by hyphens. */
export function formatPatientCode(code: PatientCode): string {
  return (code.match(/.{4}/gu) ?? []).join('-');
}

export function describePatientCodeError(error: PatientCodeError): string {
  switch (error) {
    case 'wrong_length':
      return `the patient code must have ${CODE_LENGTH} characters (XXXX-XXXX-XXXX-XXXX)`;
    case 'invalid_character':
      return 'the patient code contains a character that is not in its alphabet (0-9, A-Z without U)';
    case 'check_failed':
      return 'the patient code has a typo (its check character does not match)';
  }
}

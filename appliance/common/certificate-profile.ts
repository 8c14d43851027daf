/**
 * The professional card certificate profile (docs/professional-cards.md), shared by the card
 * drivers (login) and the record (who signed): subject CN = display name, serialNumber (2.5.4.5)
 * = national id, title (2.5.4.12) = profession code. No x509 parsing here: callers hand in the
 * subject fields they read.
 */
import { PROFESSION_CODES, type Profession } from './professions.ts';

export const OID_COMMON_NAME = '2.5.4.3';
export const OID_SERIAL_NUMBER = '2.5.4.5';
export const OID_TITLE = '2.5.4.12';

const CODE_TO_PROFESSION = new Map<string, Profession>([
  ...Object.entries(PROFESSION_CODES).map(([p, code]) => [code, p as Profession] as const),
  ['TECH', 'technician'],
]);

/** The profession a `title` code stands for (TRE_G15 code, or `TECH`); undefined otherwise. */
export function professionFromTitle(code: string | undefined): Profession | undefined {
  return code === undefined ? undefined : CODE_TO_PROFESSION.get(code);
}

/** Luhn check over all digits (the RPPS number's last digit is its Luhn key). */
export function luhnOk(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 1 && sum % 10 === 0;
}

/** "8" + RPPS with its Luhn key for health professionals; "T" + 11 digits for technicians. */
export function nationalIdFits(profession: Profession, nationalId: string): boolean {
  return profession === 'technician'
    ? /^T\d{11}$/.test(nationalId)
    : /^8\d{11}$/.test(nationalId) && luhnOk(nationalId.slice(1));
}

export interface ProfileFields {
  /** Each subject field as its values (a field given twice is ambiguous and refused). */
  readonly commonName: readonly string[];
  readonly serialNumber: readonly string[];
  readonly title: readonly string[];
}

export interface ProfileIdentity {
  readonly name: string;
  readonly nationalId: string;
  readonly profession: Profession;
}

/** The identity a certificate carries under the profile, or undefined when it carries none. */
export function profileIdentity(fields: ProfileFields): ProfileIdentity | undefined {
  const one = (values: readonly string[]): string | undefined =>
    values.length === 1 ? values[0]?.trim() : undefined;
  const name = one(fields.commonName);
  const nationalId = one(fields.serialNumber);
  const profession = professionFromTitle(one(fields.title));
  if (name === undefined || name === '' || nationalId === undefined || profession === undefined)
    return undefined;
  return nationalIdFits(profession, nationalId) ? { name, nationalId, profession } : undefined;
}

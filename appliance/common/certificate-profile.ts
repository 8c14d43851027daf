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

/**
 * A site's rule giving a kiosk role to establishment staff whose card carries no health-professional
 * identity (CPE: `idNat_PS` "3" + FINESS/internal id; or ADELI "0…"): named by the site, shown on
 * screen and audited as a mapping. Config `staffMappings` (docs/professional-cards.md).
 */
export interface StaffMapping {
  readonly name: string;
  /** The card's issuer DN as RFC 4514 text (as `@peculiar/x509` prints it), matched exactly. */
  readonly issuerSubject?: string;
  /** The card's authorityKeyIdentifier keyIdentifier, hex (case and colons ignored). */
  readonly issuerKeyId?: string;
  /** The subject `title` values (role codes) this mapping takes; absent: any. */
  readonly titles?: readonly string[];
  /** Prefixes of the national id (`idNat_PS`, e.g. "3" + a FINESS number); absent: any "0…" or "3…". */
  readonly idPrefixes?: readonly string[];
  readonly profession: Exclude<Profession, 'technician'>;
}

/** What a mapping reads besides the profile's subject fields: who issued the card. */
export interface IssuerFields {
  readonly issuerSubject: string;
  readonly issuerKeyId?: string;
}

export interface MappedIdentity extends ProfileIdentity {
  /** The site mapping that gave the role (its name): absent for a profile identity. */
  readonly siteMapping?: string;
}

/** National ids a site may map: establishment staff ("3…") and ADELI ("0…"), never RPPS or technicians. */
const MAPPABLE_ID = /^[03][0-9A-Za-z]{1,30}$/;

const hex = (value: string): string => value.replace(/[:\s]/g, '').toLowerCase();

function mappingFits(m: StaffMapping, title: string | undefined, nationalId: string, issuer: IssuerFields) {
  if (m.issuerSubject === undefined && m.issuerKeyId === undefined) return false;
  if (m.issuerSubject !== undefined && m.issuerSubject !== issuer.issuerSubject) return false;
  if (
    m.issuerKeyId !== undefined &&
    (issuer.issuerKeyId === undefined || hex(m.issuerKeyId) !== hex(issuer.issuerKeyId))
  )
    return false;
  if (m.titles === undefined && m.idPrefixes === undefined) return false;
  if (m.titles !== undefined && (title === undefined || !m.titles.includes(title))) return false;
  return m.idPrefixes === undefined || m.idPrefixes.some((p) => nationalId.startsWith(p));
}

/**
 * The card's identity: the profile's when it carries one (a mapping never overrides it); otherwise
 * the first site mapping that fits an establishment or ADELI card (name and national id as on the
 * card, the mapping's profession); otherwise none.
 */
export function cardIdentity(
  fields: ProfileFields,
  issuer: IssuerFields,
  mappings: readonly StaffMapping[] = [],
): MappedIdentity | undefined {
  const profile = profileIdentity(fields);
  if (profile !== undefined || mappings.length === 0) return profile;
  const one = (values: readonly string[]): string | undefined =>
    values.length === 1 ? values[0]?.trim() : undefined;
  const name = one(fields.commonName);
  const nationalId = one(fields.serialNumber);
  if (name === undefined || name === '' || nationalId === undefined || !MAPPABLE_ID.test(nationalId))
    return undefined;
  if (fields.title.length > 1) return undefined;
  const title = one(fields.title);
  const mapping = mappings.find((m) => mappingFits(m, title, nationalId, issuer));
  return mapping === undefined
    ? undefined
    : { name, nationalId, profession: mapping.profession, siteMapping: mapping.name };
}

/**
 * What a certificate's DER holds beyond Node's `X509Certificate` (RFC 5280 §4.1): the extensions
 * with their critical flags, the constraint extensions decoded (§4.2.1.3 keyUsage, §4.2.1.9
 * basicConstraints, §4.2.1.12 extKeyUsage, §4.2.1.1/§4.2.1.2 key identifiers) and the subject's
 * attributes. Read with the bounded reader of der.ts, schema by schema, never recursively.
 */
import {
  TAG_BIT_STRING,
  TAG_BOOLEAN,
  TAG_INTEGER,
  TAG_OCTET_STRING,
  TAG_OID,
  TAG_SEQUENCE,
  TAG_SET,
  childrenOf,
  contentOf,
  expectElement,
  readBits,
  readBoolean,
  readOid,
  readSmallUnsigned,
  readString,
  readTime,
  type DerElement,
  type DerError,
} from './der.ts';
import type { Result } from './result.ts';
import { err, ok } from './result.ts';

export interface DerExtension {
  readonly oid: string;
  readonly critical: boolean;
  /** The extnValue OCTET STRING's content: the extension's own DER. */
  readonly value: Uint8Array;
}

/** One attribute of a distinguished name, as `@peculiar/x509` reads it (the text callers compared so far). */
export interface NameAttribute {
  readonly oid: string;
  /** `Name.getField` text: the decoded string, or the hex of the whole element when not a directory string. */
  readonly text: string;
  /** The whole element's hex when the value is not a directory string (`#…` in the name's text). */
  readonly otherHex?: string;
}

/** A distinguished name: its relative distinguished names in order, each a set of attributes. */
export type DistinguishedName = readonly (readonly NameAttribute[])[];

export interface CertificateFields {
  /** Serial number as hex, one leading 00 octet dropped before a high bit (as `@peculiar/x509`). */
  readonly serialNumber: string;
  readonly issuer: DistinguishedName;
  readonly subject: DistinguishedName;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: readonly DerExtension[];
}

const TAG_VERSION = 0xa0;
const TAG_EXTENSIONS = 0xa3;
const TAG_NULL = 0x05;

function attributeOf(der: Uint8Array, type: DerElement, value: DerElement): Result<NameAttribute, DerError> {
  const oid = readOid(contentOf(der, type));
  if (!oid.ok) return oid;
  const text = readString(value.tag, contentOf(der, value));
  if (text.ok) return ok({ oid: oid.value, text: text.value });
  if (value.tag === TAG_NULL) return ok({ oid: oid.value, text: '' });
  const otherHex = Buffer.from(der.subarray(value.start, value.end)).toString('hex');
  return ok({ oid: oid.value, text: otherHex, otherHex });
}

function nameOf(der: Uint8Array, name: DerElement): Result<NameAttribute[][], DerError> {
  if (name.tag !== TAG_SEQUENCE) return err('unexpected_tag');
  const sets = childrenOf(der, name);
  if (!sets.ok) return sets;
  const out: NameAttribute[][] = [];
  for (const set of sets.value) {
    if (set.tag !== TAG_SET) return err('unexpected_tag');
    const pairs = childrenOf(der, set);
    if (!pairs.ok) return pairs;
    const rdn: NameAttribute[] = [];
    for (const pair of pairs.value) {
      if (pair.tag !== TAG_SEQUENCE) return err('unexpected_tag');
      const parts = childrenOf(der, pair, 2);
      if (!parts.ok) return parts;
      const [type, value] = parts.value;
      if (type === undefined || value === undefined || type.tag !== TAG_OID) return err('bad_value');
      const attribute = attributeOf(der, type, value);
      if (!attribute.ok) return attribute;
      rdn.push(attribute.value);
    }
    out.push(rdn);
  }
  return ok(out);
}

/** Short names `@peculiar/x509` prints; other types print as their OID. */
const NAME_TYPES = new Map([
  ['2.5.4.3', 'CN'],
  ['2.5.4.7', 'L'],
  ['2.5.4.8', 'ST'],
  ['2.5.4.10', 'O'],
  ['2.5.4.11', 'OU'],
  ['2.5.4.6', 'C'],
  ['0.9.2342.19200300.100.1.25', 'DC'],
  ['1.2.840.113549.1.9.1', 'E'],
  ['2.5.4.42', 'G'],
  ['2.5.4.43', 'I'],
  ['2.5.4.4', 'SN'],
  ['2.5.4.12', 'T'],
]);

function escapeValue(value: string): string {
  return value
    .replace(/([,+"\\<>;])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/([ ]$)/, '\\$1')
    .replace(/([\r\n\t])/, (c) => `\\${Buffer.from(c, 'utf8').toString('hex').toUpperCase()}`);
}

/**
 * A name as text, exactly as `@peculiar/x509` prints it (RFC 4514 style, in encoding order): the
 * CRLs and the site's staff mappings name issuers in this form.
 */
export function nameText(name: DistinguishedName): string {
  return name
    .map((rdn) =>
      rdn
        .map((a) => {
          const type = NAME_TYPES.get(a.oid) ?? a.oid;
          return `${type}=${a.otherHex === undefined ? escapeValue(a.text) : `#${a.otherHex}`}`;
        })
        .join('+'),
    )
    .join(', ');
}

/** The values of one attribute type, in order (`Name.getField`). */
export function nameField(name: DistinguishedName, oid: string): string[] {
  return name.flatMap((rdn) => rdn.filter((a) => a.oid === oid).map((a) => a.text));
}

function extensionList(der: Uint8Array, wrapper: DerElement): Result<DerExtension[], DerError> {
  const list = expectElement(der, wrapper.contentStart, TAG_SEQUENCE, wrapper.end);
  if (!list.ok) return list;
  if (list.value.end !== wrapper.end) return err('bad_value');
  const items = childrenOf(der, list.value);
  if (!items.ok) return items;
  const out: DerExtension[] = [];
  for (const item of items.value) {
    if (item.tag !== TAG_SEQUENCE) return err('unexpected_tag');
    const parts = childrenOf(der, item, 3);
    if (!parts.ok) return parts;
    const [id, second, third] = parts.value;
    if (id === undefined || second === undefined || id.tag !== TAG_OID) return err('bad_value');
    const oid = readOid(contentOf(der, id));
    if (!oid.ok) return oid;
    let critical = false;
    let value = second;
    if (second.tag === TAG_BOOLEAN) {
      const flag = readBoolean(contentOf(der, second));
      if (!flag.ok) return flag;
      if (third === undefined) return err('bad_value');
      critical = flag.value;
      value = third;
    } else if (third !== undefined) return err('bad_value');
    if (value.tag !== TAG_OCTET_STRING) return err('unexpected_tag');
    out.push({ oid: oid.value, critical, value: contentOf(der, value) });
  }
  return ok(out);
}

function serialHex(content: Uint8Array): string {
  const bytes =
    content.byteLength > 1 && content[0] === 0 && content[1]! > 0x7f ? content.subarray(1) : content;
  return Buffer.from(bytes).toString('hex');
}

function validityOf(
  der: Uint8Array,
  validity: DerElement,
): Result<{ notBefore: Date; notAfter: Date }, DerError> {
  if (validity.tag !== TAG_SEQUENCE) return err('unexpected_tag');
  const times = childrenOf(der, validity, 2);
  if (!times.ok) return times;
  const [from, to] = times.value;
  if (from === undefined || to === undefined) return err('bad_value');
  const notBefore = readTime(from.tag, contentOf(der, from));
  if (!notBefore.ok) return notBefore;
  const notAfter = readTime(to.tag, contentOf(der, to));
  if (!notAfter.ok) return notAfter;
  return ok({ notBefore: notBefore.value, notAfter: notAfter.value });
}

/** What the reader needs of a DER certificate besides Node's `X509Certificate`. */
export function certificateFields(der: Uint8Array): Result<CertificateFields, DerError> {
  const certificate = expectElement(der, 0, TAG_SEQUENCE);
  if (!certificate.ok) return certificate;
  if (certificate.value.end !== der.byteLength) return err('bad_value');
  const tbs = expectElement(der, certificate.value.contentStart, TAG_SEQUENCE, certificate.value.end);
  if (!tbs.ok) return tbs;
  const parts = childrenOf(der, tbs.value, 10);
  if (!parts.ok) return parts;
  const fields = parts.value;
  const offset = fields[0]?.tag === TAG_VERSION ? 1 : 0;
  // serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo (§4.1.2).
  const [serial, , issuerElement, validityElement, subjectElement, spki] = fields.slice(offset);
  if (
    serial?.tag !== TAG_INTEGER ||
    issuerElement === undefined ||
    validityElement === undefined ||
    subjectElement === undefined ||
    spki === undefined
  )
    return err('bad_value');
  const issuer = nameOf(der, issuerElement);
  if (!issuer.ok) return issuer;
  const subject = nameOf(der, subjectElement);
  if (!subject.ok) return subject;
  const validity = validityOf(der, validityElement);
  if (!validity.ok) return validity;
  const wrapper = fields.slice(offset + 6).find((f) => f.tag === TAG_EXTENSIONS);
  const extensions = wrapper === undefined ? ok([]) : extensionList(der, wrapper);
  if (!extensions.ok) return extensions;
  return ok({
    serialNumber: serialHex(contentOf(der, serial)),
    issuer: issuer.value,
    subject: subject.value,
    ...validity.value,
    extensions: extensions.value,
  });
}

export interface BasicConstraints {
  readonly ca: boolean;
  readonly pathLength?: number;
}

/** basicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }. */
export function basicConstraints(value: Uint8Array): Result<BasicConstraints, DerError> {
  const outer = expectElement(value, 0, TAG_SEQUENCE);
  if (!outer.ok) return outer;
  if (outer.value.end !== value.byteLength) return err('bad_value');
  const parts = childrenOf(value, outer.value, 2);
  if (!parts.ok) return parts;
  let ca = false;
  let pathLength: number | undefined;
  for (const part of parts.value) {
    if (part.tag === TAG_BOOLEAN && pathLength === undefined) {
      const flag = readBoolean(contentOf(value, part));
      if (!flag.ok) return flag;
      ca = flag.value;
    } else if (part.tag === TAG_INTEGER && pathLength === undefined) {
      const limit = readSmallUnsigned(contentOf(value, part));
      if (!limit.ok) return limit;
      pathLength = limit.value;
    } else return err('bad_value');
  }
  return ok(pathLength === undefined ? { ca } : { ca, pathLength });
}

/** keyUsage bits as the KeyUsageFlags numbers (§4.2.1.3: digitalSignature = bit 0 = 1, … decipherOnly = bit 8 = 256). */
export function keyUsageFlags(value: Uint8Array): Result<number, DerError> {
  const outer = expectElement(value, 0, TAG_BIT_STRING);
  if (!outer.ok) return outer;
  if (outer.value.end !== value.byteLength) return err('bad_value');
  const bits = readBits(contentOf(value, outer.value));
  if (!bits.ok) return bits;
  return ok(bits.value.slice(0, 9).reduce((flags, set, i) => (set ? flags | (1 << i) : flags), 0));
}

/** extKeyUsage ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId. */
export function extendedKeyUsages(value: Uint8Array): Result<string[], DerError> {
  const outer = expectElement(value, 0, TAG_SEQUENCE);
  if (!outer.ok) return outer;
  if (outer.value.end !== value.byteLength) return err('bad_value');
  const items = childrenOf(value, outer.value);
  if (!items.ok) return items;
  const out: string[] = [];
  for (const item of items.value) {
    if (item.tag !== TAG_OID) return err('unexpected_tag');
    const oid = readOid(contentOf(value, item));
    if (!oid.ok) return oid;
    out.push(oid.value);
  }
  return ok(out);
}

/**
 * RFC 5280 §6.1 rules the record-signer path must pass besides signatures and dates: issuers are
 * CAs allowed to sign certificates, `pathLenConstraint` holds (anchors included, as OpenSSL does),
 * no certificate carries a critical extension this reader does not process, and the signer's key
 * usage (and extended key usage when present) allows signing a document.
 */
import {
  basicConstraints,
  extendedKeyUsages,
  keyUsageFlags,
  type BasicConstraints,
} from '../../common/certificate-der.ts';
import type { RecordCertificate } from './certificate.ts';

/** keyUsage bits (RFC 5280 §4.2.1.3), bit 0 first. */
export const KEY_USAGE = {
  digitalSignature: 1,
  nonRepudiation: 2,
  keyCertSign: 32,
} as const;

const OID_KEY_USAGE = '2.5.29.15';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_EXTENDED_KEY_USAGE = '2.5.29.37';

/** An extension's decoded value, `undefined` when absent, `MALFORMED` when present but unreadable. */
export const MALFORMED = 'malformed';
type Read<T> = T | undefined | typeof MALFORMED;

function read<T>(
  cert: RecordCertificate,
  oid: string,
  decode: (value: Uint8Array) => { ok: true; value: T } | { ok: false },
): Read<T> {
  const ext = cert.extension(oid);
  if (ext === undefined) return undefined;
  const decoded = decode(ext.value);
  return decoded.ok ? decoded.value : MALFORMED;
}

/** keyUsage bits (KEY_USAGE); a rule reading a malformed extension fails. */
export function keyUsageOf(cert: RecordCertificate): Read<number> {
  return read(cert, OID_KEY_USAGE, keyUsageFlags);
}

export function extendedKeyUsagesOf(cert: RecordCertificate): Read<string[]> {
  return read(cert, OID_EXTENDED_KEY_USAGE, extendedKeyUsages);
}

function basicConstraintsOf(cert: RecordCertificate): Read<BasicConstraints> {
  return read(cert, OID_BASIC_CONSTRAINTS, basicConstraints);
}

/** Extensions this reader processes or that carry no constraint (RFC 5280 §4.2.1). */
const UNDERSTOOD_EXTENSIONS: ReadonlySet<string> = new Set([
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.15', // keyUsage
  '2.5.29.17', // subjectAltName (critical when the subject is empty)
  '2.5.29.19', // basicConstraints
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.37', // extKeyUsage
]);

/**
 * Extended key usages that allow signing a record: document signing (RFC 9336), e-mail protection
 * (S/MIME signatures), any purpose, and client authentication — the French CPS authentication
 * certificate and today's dev cards carry only that one (docs/key-format.md §6).
 */
export const SIGNING_EXTENDED_KEY_USAGES: readonly string[] = [
  '1.3.6.1.5.5.7.3.36', // id-kp-documentSigning
  '1.3.6.1.5.5.7.3.4', // id-kp-emailProtection
  '1.3.6.1.5.5.7.3.2', // id-kp-clientAuth
  '2.5.29.37.0', // anyExtendedKeyUsage
];

export function hasUnknownCriticalExtension(cert: RecordCertificate): boolean {
  return cert.extensions.some((ext) => ext.critical && !UNDERSTOOD_EXTENSIONS.has(ext.oid));
}

/** keyUsage present with digitalSignature or nonRepudiation (§4.2.1.3); EKU, if present, one of the list. */
export function allowsSigning(cert: RecordCertificate): boolean {
  const usage = keyUsageOf(cert);
  if (usage === undefined || usage === MALFORMED) return false;
  if ((usage & (KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation)) === 0) return false;
  const extended = extendedKeyUsagesOf(cert);
  if (extended === MALFORMED) return false;
  return extended === undefined || extended.some((u) => SIGNING_EXTENDED_KEY_USAGES.includes(u));
}

/** An issuing certificate must be a CA (basicConstraints cA) allowed to sign certificates. */
export function isCertificateAuthority(cert: RecordCertificate): boolean {
  const constraints = basicConstraintsOf(cert);
  if (constraints === undefined || constraints === MALFORMED || !constraints.ca) return false;
  const usage = keyUsageOf(cert);
  if (usage === MALFORMED) return false;
  return usage === undefined || (usage & KEY_USAGE.keyCertSign) !== 0;
}

/**
 * `path` is leaf first, anchor last. The CA at index i has i − 1 intermediates below it; its
 * pathLenConstraint bounds that number (§4.2.1.9).
 */
export function pathLengthRespected(path: readonly RecordCertificate[]): boolean {
  return path.every((cert, index) => {
    if (index === 0) return true;
    const constraints = basicConstraintsOf(cert);
    if (constraints === MALFORMED) return false;
    const limit = constraints?.pathLength;
    return limit === undefined || index - 1 <= limit;
  });
}

/** Every rule above over a whole path (leaf first); the dates are judged separately. */
export function pathRulesHold(path: readonly RecordCertificate[]): boolean {
  const [leaf, ...issuers] = path;
  return (
    leaf !== undefined &&
    allowsSigning(leaf) &&
    issuers.every(isCertificateAuthority) &&
    pathLengthRespected(path) &&
    !path.some(hasUnknownCriticalExtension)
  );
}

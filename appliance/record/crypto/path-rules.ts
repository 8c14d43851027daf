/**
 * RFC 5280 §6.1 rules the record-signer path must pass besides signatures and dates: issuers are
 * CAs allowed to sign certificates, `pathLenConstraint` holds (anchors included, as OpenSSL does),
 * no certificate carries a critical extension this reader does not process, and the signer's key
 * usage (and extended key usage when present) allows signing a document.
 */
import {
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  type X509Certificate,
} from '../../common/x509.ts';

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

export function hasUnknownCriticalExtension(cert: X509Certificate): boolean {
  return cert.extensions.some((ext) => ext.critical && !UNDERSTOOD_EXTENSIONS.has(ext.type));
}

/** keyUsage present with digitalSignature or nonRepudiation (§4.2.1.3); EKU, if present, one of the list. */
export function allowsSigning(cert: X509Certificate): boolean {
  const usage = cert.getExtension(KeyUsagesExtension);
  if (usage === null) return false;
  if ((usage.usages & (KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation)) === 0) return false;
  const extended = cert.getExtension(ExtendedKeyUsageExtension);
  return extended === null || extended.usages.some((u) => SIGNING_EXTENDED_KEY_USAGES.includes(String(u)));
}

/** An issuing certificate must be a CA (basicConstraints cA) allowed to sign certificates. */
export function isCertificateAuthority(cert: X509Certificate): boolean {
  const constraints = cert.getExtension(BasicConstraintsExtension);
  if (constraints === null || !constraints.ca) return false;
  const usage = cert.getExtension(KeyUsagesExtension);
  return usage === null || (usage.usages & KeyUsageFlags.keyCertSign) !== 0;
}

/**
 * `path` is leaf first, anchor last. The CA at index i has i − 1 intermediates below it; its
 * pathLenConstraint bounds that number (§4.2.1.9).
 */
export function pathLengthRespected(path: readonly X509Certificate[]): boolean {
  return path.every((cert, index) => {
    if (index === 0) return true;
    const limit = cert.getExtension(BasicConstraintsExtension)?.pathLength;
    return limit === undefined || index - 1 <= limit;
  });
}

/** Every rule above over a whole path (leaf first); the dates are judged separately. */
export function pathRulesHold(path: readonly X509Certificate[]): boolean {
  const [leaf, ...issuers] = path;
  return (
    leaf !== undefined &&
    allowsSigning(leaf) &&
    issuers.every(isCertificateAuthority) &&
    pathLengthRespected(path) &&
    !path.some(hasUnknownCriticalExtension)
  );
}

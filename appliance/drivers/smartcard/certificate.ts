/**
 * Professional card certificates: chain to the configured trust anchors, validity dates, key
 * usage, and the identity they carry (profile in docs/professional-cards.md).
 */
import { createHash } from 'node:crypto';
import type { ProfessionalIdentity } from '../../common/professions.ts';
import {
  OID_COMMON_NAME,
  OID_SERIAL_NUMBER,
  OID_TITLE,
  cardIdentity,
  type StaffMapping,
} from '../../common/certificate-profile.ts';
import type { Result } from '../../common/result.ts';
import { err, ok } from '../../common/result.ts';
import { CLOCK_SKEW_MS } from './revocation.ts';
import { x509 } from './x509.ts';

export type CertificateRejection =
  'expired' | 'untrusted' | 'bad_key_usage' | 'not_yet_valid' | 'clock_suspect' | 'no_identity';

export { luhnOk, OID_SERIAL_NUMBER, OID_TITLE } from '../../common/certificate-profile.ts';

export function parseCertificate(der: Uint8Array): Result<x509.X509Certificate, 'no_identity'> {
  try {
    return ok(new x509.X509Certificate(new Uint8Array(der)));
  } catch {
    return err('no_identity');
  }
}

/** Parses PEM text (one or several certificates) into trust anchors. Throws on bad config (a bug). */
export function parseTrustAnchors(pems: readonly string[]): x509.X509Certificate[] {
  return pems.flatMap((pem) => x509.PemConverter.decode(pem).map((der) => new x509.X509Certificate(der)));
}

const sameBytes = (a: ArrayBuffer, b: ArrayBuffer): boolean => Buffer.from(a).equals(Buffer.from(b));

/**
 * A certificate valid only minutes from now is accepted (clocks drift); one "not yet valid" by
 * more says the kiosk's clock is probably wrong (an offline kiosk whose RTC was reset), not the card.
 */
function dates(cert: x509.X509Certificate, now: Date): 'expired' | 'clock_suspect' | undefined {
  if (now.getTime() > cert.notAfter.getTime()) return 'expired';
  if (cert.notBefore.getTime() - now.getTime() > CLOCK_SKEW_MS) return 'clock_suspect';
  return undefined;
}

/**
 * Verifies that `leaf` chains (through optional `intermediates`) to one of `anchors`, that every
 * certificate of the chain is valid at `now`, that issuers are CAs and that the leaf may sign
 * (keyUsage digitalSignature; clientAuth if an EKU is present). Returns the chain, leaf first.
 */
export async function verifyCertificate(
  leaf: x509.X509Certificate,
  anchors: readonly x509.X509Certificate[],
  now: Date,
  intermediates: readonly x509.X509Certificate[] = [],
): Promise<Result<readonly x509.X509Certificate[], CertificateRejection>> {
  const builder = new x509.X509ChainBuilder({ certificates: [...intermediates, ...anchors] });
  let chain: x509.X509Certificate[];
  try {
    chain = [...(await builder.build(leaf))];
  } catch {
    return err('untrusted');
  }
  const top = chain[chain.length - 1];
  if (chain.length < 2 || top === undefined || !anchors.some((a) => sameBytes(a.rawData, top.rawData))) {
    return err('untrusted');
  }
  for (let i = 0; i + 1 < chain.length; i++) {
    const child = chain[i] as x509.X509Certificate;
    const issuer = chain[i + 1] as x509.X509Certificate;
    const signed = await child.verify({ publicKey: issuer, signatureOnly: true }).catch(() => false);
    const isCa = issuer.getExtension(x509.BasicConstraintsExtension)?.ca === true;
    if (!signed || !isCa) return err('untrusted');
  }
  for (const cert of chain) {
    const d = dates(cert, now);
    if (d !== undefined) return err(d);
  }
  const ku = leaf.getExtension(x509.KeyUsagesExtension);
  if (ku === null || (ku.usages & x509.KeyUsageFlags.digitalSignature) === 0) return err('bad_key_usage');
  const eku = leaf.getExtension(x509.ExtendedKeyUsageExtension);
  if (eku !== null && !eku.usages.includes(x509.ExtendedKeyUsage.clientAuth)) return err('bad_key_usage');
  return ok(chain);
}

/**
 * Name, national id and profession from the subject (CN, serialNumber, title:
 * common/certificate-profile.ts); for an establishment or ADELI card without a profession, the
 * site's `staffMappings`, matched on the issuer's DN and authorityKeyIdentifier.
 */
export function identityFromCertificate(
  cert: x509.X509Certificate,
  staffMappings: readonly StaffMapping[] = [],
): Result<ProfessionalIdentity, 'no_identity'> {
  const keyId = cert.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId;
  const identity = cardIdentity(
    {
      commonName: cert.subjectName.getField(OID_COMMON_NAME),
      serialNumber: cert.subjectName.getField(OID_SERIAL_NUMBER),
      title: cert.subjectName.getField(OID_TITLE),
    },
    { issuerSubject: cert.issuer, ...(keyId === undefined ? {} : { issuerKeyId: keyId }) },
    staffMappings,
  );
  if (identity === undefined) return err('no_identity');
  const certificateFingerprint = createHash('sha256').update(new Uint8Array(cert.rawData)).digest('hex');
  return ok({ ...identity, certificateFingerprint });
}

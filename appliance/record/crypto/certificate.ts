/**
 * Certificates as the key format uses them: the `x5c` chain of a tier signature and the kiosk's
 * trust anchors. Identity fields follow the professional card profile (docs/professional-cards.md):
 * CN = display name, serialNumber (2.5.4.5) = national id, title (2.5.4.12) = profession code.
 */
import { BasicConstraintsExtension, KeyUsageFlags, KeyUsagesExtension, X509Certificate } from '../../common/x509.ts';
import { PROFESSION_CODES, type Profession } from '../../common/professions.ts';

export const MAX_CHAIN_LENGTH = 5;
export const MAX_CERTIFICATE_BYTES = 16 * 1024;

export interface SignerIdentity {
  readonly name: string;
  readonly nationalId: string;
  readonly profession?: Profession;
}

/** Parses one PEM or DER certificate; `undefined` when it is not a certificate. */
export function parseCertificate(input: string | Uint8Array): X509Certificate | undefined {
  try {
    if (typeof input !== 'string' && input.byteLength > MAX_CERTIFICATE_BYTES) return undefined;
    if (typeof input === 'string' && input.length > (MAX_CERTIFICATE_BYTES * 4) / 3 + 200) return undefined;
    return new X509Certificate(typeof input === 'string' ? input : new Uint8Array(input));
  } catch {
    return undefined;
  }
}

/** Splits a PEM bundle (several certificates concatenated) into certificates. */
export function parsePemBundle(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/gu) ?? [];
  return blocks.map((block) => parseCertificate(block)).filter((c): c is X509Certificate => c !== undefined);
}

export function derBase64(cert: X509Certificate): string {
  return Buffer.from(cert.rawData).toString('base64');
}

const TITLE_TO_PROFESSION: Readonly<Record<string, Profession>> = {
  ...Object.fromEntries(Object.entries(PROFESSION_CODES).map(([profession, code]) => [code, profession])),
  TECH: 'technician',
};

export function signerIdentity(cert: X509Certificate): SignerIdentity {
  const first = (oid: string): string | undefined => {
    try {
      return cert.subjectName.getField(oid)[0];
    } catch {
      return undefined;
    }
  };
  const name = first('2.5.4.3') ?? cert.subject;
  const nationalId = first('2.5.4.5') ?? '';
  const title = first('2.5.4.12');
  const profession = title === undefined ? undefined : TITLE_TO_PROFESSION[title];
  return profession === undefined ? { name, nationalId } : { name, nationalId, profession };
}

/** keyUsage must be present and allow digitalSignature or nonRepudiation (RFC 5280 §4.2.1.3). */
export function allowsSigning(cert: X509Certificate): boolean {
  const usage = cert.getExtension(KeyUsagesExtension);
  if (usage === null) return false;
  return (usage.usages & (KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation)) !== 0;
}

/** An issuing certificate must be a CA (basicConstraints cA) allowed to sign certificates. */
export function isCertificateAuthority(cert: X509Certificate): boolean {
  const constraints = cert.getExtension(BasicConstraintsExtension);
  if (constraints === null || !constraints.ca) return false;
  const usage = cert.getExtension(KeyUsagesExtension);
  return usage === null || (usage.usages & KeyUsageFlags.keyCertSign) !== 0;
}

export function sameCertificate(a: X509Certificate, b: X509Certificate): boolean {
  return Buffer.from(a.rawData).equals(Buffer.from(b.rawData));
}

export function isTimeValid(cert: X509Certificate, now: Date): boolean {
  return cert.notBefore.getTime() <= now.getTime() && now.getTime() <= cert.notAfter.getTime();
}

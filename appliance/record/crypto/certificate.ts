/**
 * Certificates as the key format uses them: the `x5c` chain of a tier signature and the kiosk's
 * trust anchors. Identity fields follow the professional card profile (docs/professional-cards.md):
 * CN = display name, serialNumber (2.5.4.5) = national id, title (2.5.4.12) = profession code.
 */
import { X509Certificate } from '../../common/x509.ts';
import type { Profession } from '../../common/professions.ts';
import {
  OID_COMMON_NAME,
  OID_SERIAL_NUMBER,
  OID_TITLE,
  profileIdentity,
} from '../../common/certificate-profile.ts';

export const MAX_CHAIN_LENGTH = 5;
export const MAX_CERTIFICATE_BYTES = 16 * 1024;

export interface SignerIdentity {
  readonly name: string;
  readonly nationalId: string;
  /** Only when the certificate carries a whole profile identity (name, national id with its key, profession). */
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

export function signerIdentity(cert: X509Certificate): SignerIdentity {
  const fields = (oid: string): string[] => {
    try {
      return cert.subjectName.getField(oid);
    } catch {
      return [];
    }
  };
  const profile = profileIdentity({
    commonName: fields(OID_COMMON_NAME),
    serialNumber: fields(OID_SERIAL_NUMBER),
    title: fields(OID_TITLE),
  });
  if (profile !== undefined) return profile;
  return { name: fields(OID_COMMON_NAME)[0] ?? cert.subject, nationalId: fields(OID_SERIAL_NUMBER)[0] ?? '' };
}

export function sameCertificate(a: X509Certificate, b: X509Certificate): boolean {
  return Buffer.from(a.rawData).equals(Buffer.from(b.rawData));
}

export function isTimeValid(cert: X509Certificate, now: Date): boolean {
  return cert.notBefore.getTime() <= now.getTime() && now.getTime() <= cert.notAfter.getTime();
}

/**
 * Certificates as the key format uses them: the `x5c` chain of a tier signature and the kiosk's
 * trust anchors. Identity fields follow the professional card profile (docs/professional-cards.md):
 * CN = display name, serialNumber (2.5.4.5) = national id, title (2.5.4.12) = profession code.
 * Parsed by Node (`X509Certificate`: the signature and the key) and by the bounded DER reader of
 * common/certificate-der.ts (names, validity, extensions): no ASN.1 library on the read path.
 */
import { X509Certificate as NodeCertificate } from 'node:crypto';
import type { Profession } from '../../common/professions.ts';
import {
  OID_COMMON_NAME,
  OID_SERIAL_NUMBER,
  OID_TITLE,
  profileIdentity,
} from '../../common/certificate-profile.ts';
import {
  certificateFields,
  nameField,
  nameText,
  type CertificateFields,
  type DerExtension,
} from '../../common/certificate-der.ts';

export const MAX_CHAIN_LENGTH = 5;
export const MAX_CERTIFICATE_BYTES = 16 * 1024;

export interface SignerIdentity {
  readonly name: string;
  readonly nationalId: string;
  /** Only when the certificate carries a whole profile identity (name, national id with its key, profession). */
  readonly profession?: Profession;
}

/** One parsed certificate: Node's view for keys and signatures, the DER reader's for the rest. */
export class RecordCertificate {
  /** Names as text in the form `@peculiar/x509` prints them (CRLs and site mappings use it). */
  readonly subject: string;
  readonly issuer: string;
  constructor(
    readonly native: NodeCertificate,
    readonly der: Uint8Array,
    private readonly fields: CertificateFields,
  ) {
    this.subject = nameText(fields.subject);
    this.issuer = nameText(fields.issuer);
  }

  get serialNumber(): string {
    return this.fields.serialNumber;
  }
  get notBefore(): Date {
    return this.fields.notBefore;
  }
  get notAfter(): Date {
    return this.fields.notAfter;
  }
  get extensions(): readonly DerExtension[] {
    return this.fields.extensions;
  }
  /** The subjectPublicKeyInfo DER. */
  get spki(): Uint8Array {
    return new Uint8Array(this.native.publicKey.export({ type: 'spki', format: 'der' }));
  }
  get pem(): string {
    return this.native.toString();
  }
  /** The subject attribute's values, in order. */
  subjectField(oid: string): string[] {
    return nameField(this.fields.subject, oid);
  }
  extension(oid: string): DerExtension | undefined {
    return this.fields.extensions.find((e) => e.oid === oid);
  }
}

/** Parses one PEM or DER certificate; `undefined` when it is not a certificate. */
export function parseCertificate(input: string | Uint8Array): RecordCertificate | undefined {
  try {
    if (typeof input !== 'string' && input.byteLength > MAX_CERTIFICATE_BYTES) return undefined;
    if (typeof input === 'string' && input.length > (MAX_CERTIFICATE_BYTES * 4) / 3 + 200) return undefined;
    const native = new NodeCertificate(typeof input === 'string' ? input : Buffer.from(input));
    const der = new Uint8Array(native.raw);
    const fields = certificateFields(der);
    return fields.ok ? new RecordCertificate(native, der, fields.value) : undefined;
  } catch {
    return undefined;
  }
}

/** Splits a PEM bundle (several certificates concatenated) into certificates. */
export function parsePemBundle(pem: string): RecordCertificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/gu) ?? [];
  return blocks
    .map((block) => parseCertificate(block))
    .filter((c): c is RecordCertificate => c !== undefined);
}

export function signerIdentity(cert: RecordCertificate): SignerIdentity {
  const fields = (oid: string): string[] => cert.subjectField(oid);
  const profile = profileIdentity({
    commonName: fields(OID_COMMON_NAME),
    serialNumber: fields(OID_SERIAL_NUMBER),
    title: fields(OID_TITLE),
  });
  if (profile !== undefined) return profile;
  return { name: fields(OID_COMMON_NAME)[0] ?? cert.subject, nationalId: fields(OID_SERIAL_NUMBER)[0] ?? '' };
}

export function sameCertificate(a: RecordCertificate, b: RecordCertificate): boolean {
  return Buffer.from(a.der).equals(Buffer.from(b.der));
}

export function isTimeValid(cert: RecordCertificate, now: Date): boolean {
  return cert.notBefore.getTime() <= now.getTime() && now.getTime() <= cert.notAfter.getTime();
}

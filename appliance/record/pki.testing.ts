/**
 * Test-only certificates for the record library's own tests (the product's development PKI is
 * appliance/dev/pki/dev-pki.ts). Includes shapes the dev PKI does not have: RSA signers, intermediates,
 * certificates without keyUsage.
 */
import {
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  Extension,
  KeyUsageFlags,
  KeyUsagesExtension,
  X509CertificateGenerator,
  type X509Certificate,
} from '../common/x509.ts';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
} as const;

export interface TestIdentity {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  readonly certificate: X509Certificate;
  readonly keys: CryptoKeyPair;
}

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/gu, '$1\n');
  return `-----BEGIN ${label}-----\n${b64.trimEnd()}\n-----END ${label}-----\n`;
}

async function identity(certificate: X509Certificate, keys: CryptoKeyPair): Promise<TestIdentity> {
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    certificate,
    keys,
    certificatePem: certificate.toString('pem'),
    privateKeyPem: pem('PRIVATE KEY', pkcs8),
  };
}

const YEAR = 365 * 24 * 3600 * 1000;
let serial = 1;

export interface CaOptions {
  /** basicConstraints pathLenConstraint. */
  readonly pathLength?: number;
  readonly extraExtensions?: readonly Extension[];
}

export async function testCa(
  name: string,
  issuer?: TestIdentity,
  options: CaOptions = {},
): Promise<TestIdentity> {
  const keys = (await crypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(4, '0'),
    subject: `CN=${name}`,
    issuer: issuer?.certificate.subject ?? `CN=${name}`,
    notBefore: new Date(Date.now() - YEAR),
    notAfter: new Date(Date.now() + 10 * YEAR),
    signingAlgorithm: EC,
    publicKey: keys.publicKey,
    signingKey: issuer?.keys.privateKey ?? keys.privateKey,
    extensions: [
      new BasicConstraintsExtension(true, options.pathLength, true),
      new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
      ...(options.extraExtensions ?? []),
    ],
  });
  return identity(certificate, keys);
}

export interface PersonOptions {
  readonly name?: string;
  readonly nationalId?: string;
  readonly title?: string;
  readonly rsa?: boolean;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** `null` omits the keyUsage extension. */
  readonly usages?: number | null;
  /** extKeyUsage OIDs (absent: no extKeyUsage extension). */
  readonly extendedUsages?: readonly string[];
  /** Further extensions as given (e.g. an unknown critical one). */
  readonly extraExtensions?: readonly Extension[];
  /** The whole subject DN, instead of the profile's CN/serialNumber/title. */
  readonly subject?: string;
}

/** An extension of an OID no reader knows, critical: its value is a DER NULL. */
export function unknownCriticalExtension(): Extension {
  return new Extension('1.3.6.1.4.1.99999.1', true, new Uint8Array([0x05, 0x00]));
}

export async function testPerson(issuer: TestIdentity, options: PersonOptions = {}): Promise<TestIdentity> {
  const algorithm = options.rsa === true ? RSA : EC;
  const keys = (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const usages =
    options.usages === undefined
      ? KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation
      : options.usages;
  const certificate = await X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(4, '0'),
    subject:
      options.subject ??
      `CN=${options.name ?? 'Dr Test SIGNER'}, 2.5.4.5=${options.nationalId ?? '810000000009'}, 2.5.4.12=${options.title ?? '10'}`,
    issuer: issuer.certificate.subject,
    notBefore: options.notBefore ?? new Date(Date.now() - YEAR),
    notAfter: options.notAfter ?? new Date(Date.now() + YEAR),
    signingAlgorithm: EC,
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    extensions: [
      ...(usages === null ? [] : [new KeyUsagesExtension(usages, true)]),
      ...(options.extendedUsages === undefined
        ? []
        : [new ExtendedKeyUsageExtension([...options.extendedUsages])]),
      ...(options.extraExtensions ?? []),
    ],
  });
  return identity(certificate, keys);
}

/** An emergency-access key pair as a deployment holds it: public JWKS for writers, private keyring for readers. */
export async function testEmergencyKey(kid: string): Promise<{ publicJwk: JWK; privateJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('ECDH-ES+A256KW', {
    crv: 'P-256',
    extractable: true,
  });
  return {
    publicJwk: { ...(await exportJWK(publicKey)), kid },
    privateJwk: { ...(await exportJWK(privateKey)), kid },
  };
}

/**
 * A CRL reduced to what the record check needs, as plain data a key worker receives ready to use:
 * parsing a national authority's CRL with the ASN.1 library takes seconds (bench
 * `record.revocation.parse_crl_20000`), so the kiosk does it once at start and hands every worker
 * this index instead of the DER. The signature is checked here over the signed bytes
 * (`tbsCertList`, RFC 5280 §5.1) with the issuer's key, like `X509Crl.verify`.
 */
import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type * as x509 from './x509.ts';

export interface CrlIndex {
  readonly issuer: string;
  readonly thisUpdate: number;
  readonly nextUpdate?: number;
  /** The DER of `tbsCertList`: what the issuer signed. */
  readonly tbs: Uint8Array;
  readonly signature: Uint8Array;
  readonly algorithm: {
    readonly name: 'ECDSA' | 'RSASSA-PKCS1-v1_5' | 'RSA-PSS';
    readonly hash: 'sha256' | 'sha384' | 'sha512';
    readonly saltLength?: number;
  };
  /** Serial number (hex, as `serialKey`) → when the certificate stopped being good (ms since epoch). */
  readonly revoked: ReadonlyMap<string, number>;
}

const HASHES = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;

/** Serial numbers compared as unsigned hex without leading zero bytes. */
export function serialKey(hex: string): string {
  return hex.toLowerCase().replace(/^(?:00)+(?=[0-9a-f]{2})/, '');
}

/** Offset and end of the content of the DER element starting at `at` (definite lengths only). */
function derContent(der: Uint8Array, at: number): { start: number; end: number } | undefined {
  const first = der[at + 1];
  if (first === undefined) return undefined;
  if (first < 0x80) return { start: at + 2, end: at + 2 + first };
  const count = first & 0x7f;
  if (count === 0 || count > 4) return undefined;
  let length = 0;
  for (let i = 0; i < count; i += 1) length = length * 256 + (der[at + 2 + i] ?? 0);
  return { start: at + 2 + count, end: at + 2 + count + length };
}

/** `tbsCertList`: the first element of the CertificateList SEQUENCE, whole (tag and length included). */
function tbsOf(der: Uint8Array): Uint8Array | undefined {
  const outer = derContent(der, 0);
  if (der[0] !== 0x30 || outer === undefined || outer.end > der.byteLength) return undefined;
  const tbs = derContent(der, outer.start);
  if (der[outer.start] !== 0x30 || tbs === undefined || tbs.end > outer.end) return undefined;
  return der.slice(outer.start, tbs.end);
}

/** The index of a parsed CRL; undefined when its signature algorithm is not one of the list. */
export function indexCrl(crl: x509.X509Crl): CrlIndex | undefined {
  const alg = crl.signatureAlgorithm as {
    name?: string;
    hash?: { name?: string } | string;
    saltLength?: number;
  };
  const hashName = typeof alg.hash === 'string' ? alg.hash : alg.hash?.name;
  const hash = HASHES[hashName as keyof typeof HASHES] as CrlIndex['algorithm']['hash'] | undefined;
  const name = alg.name;
  if (hash === undefined || (name !== 'ECDSA' && name !== 'RSASSA-PKCS1-v1_5' && name !== 'RSA-PSS'))
    return undefined;
  const tbs = tbsOf(new Uint8Array(crl.rawData));
  if (tbs === undefined) return undefined;
  const revoked = new Map<string, number>();
  for (const entry of crl.entries) {
    const invalid = entry.invalidity;
    const at =
      invalid !== undefined && invalid.getTime() < entry.revocationDate.getTime()
        ? invalid
        : entry.revocationDate;
    revoked.set(serialKey(entry.serialNumber), at.getTime());
  }
  const next = crl.nextUpdate;
  return {
    issuer: crl.issuer,
    thisUpdate: crl.thisUpdate.getTime(),
    ...(next === undefined ? {} : { nextUpdate: next.getTime() }),
    tbs,
    signature: new Uint8Array(crl.signature),
    algorithm: { name, hash, ...(alg.saltLength === undefined ? {} : { saltLength: alg.saltLength }) },
    revoked,
  };
}

function keyFits(key: KeyObject, name: CrlIndex['algorithm']['name']): boolean {
  const type = key.asymmetricKeyType;
  return name === 'ECDSA' ? type === 'ec' : type === 'rsa' || (name === 'RSA-PSS' && type === 'rsa-pss');
}

/**
 * Whether `issuer`'s key (its certificate, or its subjectPublicKeyInfo DER) signed the indexed CRL
 * (an ECDSA signature is DER, as X.509 carries it).
 */
export function indexSignedBy(index: CrlIndex, issuer: x509.X509Certificate | Uint8Array): boolean {
  try {
    const spki = issuer instanceof Uint8Array ? issuer : new Uint8Array(issuer.publicKey.rawData);
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    if (!keyFits(key, index.algorithm.name)) return false;
    const options =
      index.algorithm.name === 'RSA-PSS'
        ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: index.algorithm.saltLength ?? 32 }
        : key;
    return verify(index.algorithm.hash, index.tbs, options, index.signature);
  } catch {
    return false;
  }
}

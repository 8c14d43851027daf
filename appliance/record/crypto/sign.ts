/**
 * Signing a tier (docs/key-format.md, "Tier signature"): JWS compact serialization over the tier's
 * bundle bytes, with the author's certificate chain in `x5c`.
 */
import { compactVerify, importX509 } from 'jose';
import type { Tier } from './tier.ts';
import { parseCertificate, parsePemBundle } from './certificate.ts';
import { fileRecordSigner, type RecordSigner } from './record-signer.ts';
import { RecordInputError } from './errors.ts';

export const JWS_TYPE = 'baladeur-tier+jws';
export const JWS_CONTENT_TYPE = 'fhir+json';
export const SIGNING_ALGORITHMS = ['ES256', 'PS256', 'RS256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export interface SignerMaterial {
  /** PKCS#8 (or SEC1/PKCS#1) PEM private key: P-256 for ES256, RSA for PS256/RS256. */
  readonly privateKeyPem: string;
  /** Signer certificate first, then intermediates (PEM; one string may hold several). */
  readonly certificateChainPem: readonly string[];
}

export interface SignOptions {
  readonly tier: Tier;
  /** Signing time (header `iat`); defaults to now. */
  readonly now?: Date;
  /** For RSA keys only: PS256 (default) or RS256. */
  readonly rsaAlgorithm?: 'PS256' | 'RS256';
  /** The record's version (header `ver`): 1 for a new record, the previous one + 1 on an update. */
  readonly version?: number;
  /** The id of the container this one replaces (header `prev`), on an update. */
  readonly previousId?: string;
}

export const MAX_RECORD_VERSION = 1_000_000;
export const CONTAINER_ID_PATTERN = /^[0-9a-f]{32}$/u;

function isRecordSigner(signer: SignerMaterial | RecordSigner): signer is RecordSigner {
  return 'sign' in signer && typeof signer.sign === 'function';
}

/** Signs with a key file (`SignerMaterial`) or any `RecordSigner` (a professional card). */
export async function signTier(
  payload: Uint8Array,
  signer: SignerMaterial | RecordSigner,
  options: SignOptions,
): Promise<string> {
  let recordSigner: RecordSigner;
  if (isRecordSigner(signer)) {
    recordSigner = signer;
  } else {
    const chain = signer.certificateChainPem.flatMap((pem) => parsePemBundle(pem));
    recordSigner = fileRecordSigner(
      signer.privateKeyPem,
      chain.map((c) => c.der),
      options.rsaAlgorithm ?? 'PS256',
    );
  }
  const alg = recordSigner.algorithm;
  const chain = recordSigner.certificateChain.map((der) => parseCertificate(der));
  const leaf = chain[0];
  if (leaf === undefined || chain.some((c) => c === undefined)) {
    throw new RecordInputError('signer_certificate', 'no signer certificate was given');
  }
  const now = options.now ?? new Date();
  const version = options.version ?? 1;
  if (!Number.isInteger(version) || version < 1 || version > MAX_RECORD_VERSION) {
    throw new RecordInputError(
      'parameters',
      `the record version must be an integer in 1–${MAX_RECORD_VERSION}`,
    );
  }
  if (options.previousId !== undefined && !CONTAINER_ID_PATTERN.test(options.previousId)) {
    throw new RecordInputError('parameters', 'the previous container id must be 32 lower-case hex digits');
  }
  const header = {
    alg,
    typ: JWS_TYPE,
    cty: JWS_CONTENT_TYPE,
    x5c: recordSigner.certificateChain.map((der) => Buffer.from(der).toString('base64')),
    iat: Math.floor(now.getTime() / 1000),
    tier: options.tier,
    ver: version,
    ...(options.previousId === undefined ? {} : { prev: options.previousId }),
  };
  const signingInput = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(payload).toString('base64url')}`;
  const signature = await recordSigner.sign(new TextEncoder().encode(signingInput));
  const jws = `${signingInput}.${Buffer.from(signature).toString('base64url')}`;
  try {
    await compactVerify(jws, await importX509(leaf.pem, alg), { algorithms: [alg] });
  } catch {
    throw new RecordInputError('signer_certificate', 'the signer certificate does not match the signer key');
  }
  return jws;
}

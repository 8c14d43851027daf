/**
 * Sealing: encrypting given tier plaintexts (padded), wrapping a fresh access-log key, assembling
 * the container JSON and padding the file (docs/key-format.md, "Container").
 */
import { exportJWK, generateKeyPair, type GeneralJWE, type JWK } from 'jose';
import type { PatientCode } from '../code/patient-code.ts';
import { encryptJwe, type EmergencyPublicKey } from '../crypto/encrypt.ts';
import { RecordInputError } from '../crypto/errors.ts';
import { FILE_BUCKETS, MAX_TIER_PLAINTEXT_BYTES, TIER_BUCKETS, padToBucket } from '../crypto/padding.ts';
import type { Tier } from '../crypto/tier.ts';
import type { ContainerJson } from './schema.ts';
import { CONTAINER_FORMAT, CONTAINER_VERSION } from './types.ts';

export const TIER_CONTENT_TYPE = 'baladeur-tier+jws';
export const LOG_KEY_CONTENT_TYPE = 'jwk+json';

/** Lower-level inputs: the tier plaintexts are given as they go under encryption (before padding). */
export interface SealInput {
  readonly id?: string;
  readonly tiers: Readonly<Record<Tier, Uint8Array>>;
  readonly code: PatientCode;
  readonly emergencyKeys: readonly EmergencyPublicKey[];
  readonly p2c: number;
  /**
   * The access-log private key to carry over (an update keeps the log readable with the same
   * key, re-wrapped for the new container id); absent: a fresh key pair.
   */
  readonly logPrivateJwk?: JWK;
}

function randomId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('hex');
}

function padded(plaintext: Uint8Array, tier: Tier): Uint8Array {
  const out = padToBucket(plaintext, TIER_BUCKETS);
  if (out === undefined) {
    throw new RecordInputError(
      'bundle',
      `the ${tier} tier is too large once signed (${plaintext.byteLength} bytes; limit ${MAX_TIER_PLAINTEXT_BYTES})`,
    );
  }
  return out;
}

async function logKey(
  id: string,
  code: PatientCode,
  p2c: number,
  kept: JWK | undefined,
): Promise<ContainerJson['logKey']> {
  let priv: JWK;
  if (kept === undefined) {
    const { privateKey } = await generateKeyPair('ECDH-ES+A256KW', { crv: 'P-256', extractable: true });
    priv = await exportJWK(privateKey);
  } else {
    if (kept.kty !== 'EC' || kept.crv !== 'P-256' || typeof kept.d !== 'string') {
      throw new RecordInputError('parameters', 'the access-log key to keep is not a P-256 private JWK');
    }
    priv = { kty: 'EC', crv: 'P-256', x: kept.x, y: kept.y, d: kept.d };
  }
  const pub = { x: priv.x, y: priv.y };
  const wrappedPrivateKey = await encryptJwe(new TextEncoder().encode(JSON.stringify(priv)), {
    code,
    p2c,
    emergencyKeys: [],
    binding: { cid: id, purpose: 'log-key' },
    contentType: LOG_KEY_CONTENT_TYPE,
  });
  return {
    publicJwk: { kty: 'EC', crv: 'P-256', x: String(pub.x), y: String(pub.y) },
    wrappedPrivateKey: wrappedPrivateKey as ContainerJson['logKey']['wrappedPrivateKey'],
  };
}

/** Encrypts given tier plaintexts into a container file. Used by `createContainer` and by tests. */
export async function sealContainer(input: SealInput): Promise<Uint8Array> {
  const id = input.id ?? randomId();
  const encryptTier = async (tier: Tier): Promise<GeneralJWE> =>
    encryptJwe(padded(input.tiers[tier], tier), {
      code: input.code,
      p2c: input.p2c,
      emergencyKeys: tier === 'emergency' ? input.emergencyKeys : [],
      binding: { cid: id, purpose: tier },
      contentType: TIER_CONTENT_TYPE,
    });
  const container = {
    format: CONTAINER_FORMAT,
    version: CONTAINER_VERSION,
    id,
    tiers: { full: await encryptTier('full'), emergency: await encryptTier('emergency') },
    logKey: await logKey(id, input.code, input.p2c, input.logPrivateJwk),
  };
  const file = padToBucket(new TextEncoder().encode(JSON.stringify(container)), FILE_BUCKETS);
  if (file === undefined) throw new RecordInputError('bundle', 'the record is too large for a key container');
  return file;
}

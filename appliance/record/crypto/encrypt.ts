/**
 * Encrypting a tier or the access-log private key (docs/key-format.md, "Encryption"): JWE general
 * JSON serialization, A256GCM content encryption, one content key, one recipient per way in.
 */
import { GeneralEncrypt, importJWK, type GeneralJWE, type JWK } from 'jose';
import type { PatientCode } from '../code/patient-code.ts';
import { RecordInputError } from './errors.ts';

export const CONTENT_ENCRYPTION = 'A256GCM';
export const CODE_KEY_MANAGEMENT = 'PBES2-HS512+A256KW';
export const EMERGENCY_KEY_MANAGEMENT = 'ECDH-ES+A256KW';
/**
 * PBES2 iteration count for the patient code. Measured on the reference machine (2 cores, Node 20):
 * 600 000 iterations of PBKDF2-HMAC-SHA512 ≈ 0.45 s, inside the 0.3–0.8 s unlock budget.
 * `npm run bench` reports the figure again (record.kdf).
 */
export const DEFAULT_P2C = 600_000;
/** Readers refuse counts outside this range before running the KDF (a hostile key cannot hang a kiosk). */
export const MIN_P2C = 1_000;
export const MAX_P2C = 2_000_000;
export const MAX_EMERGENCY_KEYS = 8;

/** A validated emergency-access public key (P-256, ECDH, with a `kid`). */
export interface EmergencyPublicKey {
  readonly kid: string;
  readonly jwk: JWK;
}

/** What the protected header binds: the container id and the slot this JWE belongs to. */
export interface JweBinding {
  readonly cid: string;
  readonly purpose: 'full' | 'emergency' | 'log-key';
}

const KID = /^[\x21-\x7e]{1,128}$/u;

/** Validates a JWKS of emergency-access public keys (private parts are refused, not stripped). */
export function emergencyPublicKeys(jwks: unknown): EmergencyPublicKey[] {
  const keys: unknown =
    typeof jwks === 'object' && jwks !== null ? (jwks as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys))
    throw new RecordInputError('emergency_keys', 'emergency keys must be a JWKS ({"keys": [...]})');
  if (keys.length > MAX_EMERGENCY_KEYS) {
    throw new RecordInputError(
      'emergency_keys',
      `at most ${MAX_EMERGENCY_KEYS} emergency keys are supported`,
    );
  }
  return keys.map((key: unknown, index) => {
    const k = (typeof key === 'object' && key !== null ? key : {}) as Record<string, unknown>;
    const where = `emergency key #${index + 1}`;
    if (k.kty !== 'EC' || k.crv !== 'P-256' || typeof k.x !== 'string' || typeof k.y !== 'string') {
      throw new RecordInputError('emergency_keys', `${where} is not a P-256 EC public key`);
    }
    if ('d' in k)
      throw new RecordInputError('emergency_keys', `${where} holds a private key; give the public key only`);
    if (typeof k.kid !== 'string' || !KID.test(k.kid)) {
      throw new RecordInputError('emergency_keys', `${where} needs a "kid" (1-128 printable characters)`);
    }
    if (k.use !== undefined && k.use !== 'enc') {
      throw new RecordInputError(
        'emergency_keys',
        `${where} is not an encryption key (use=${String(k.use)})`,
      );
    }
    return { kid: k.kid, jwk: { kty: 'EC', crv: 'P-256', x: k.x, y: k.y, kid: k.kid } };
  });
}

export interface EncryptOptions {
  readonly code: PatientCode;
  readonly p2c: number;
  readonly emergencyKeys: readonly EmergencyPublicKey[];
  readonly binding: JweBinding;
  /** RFC 7516 `cty` of the plaintext. */
  readonly contentType: string;
}

export async function encryptJwe(plaintext: Uint8Array, options: EncryptOptions): Promise<GeneralJWE> {
  if (!Number.isSafeInteger(options.p2c) || options.p2c < MIN_P2C || options.p2c > MAX_P2C) {
    throw new RecordInputError('parameters', `p2c must be an integer between ${MIN_P2C} and ${MAX_P2C}`);
  }
  const jwe = new GeneralEncrypt(plaintext).setProtectedHeader({
    enc: CONTENT_ENCRYPTION,
    cty: options.contentType,
    cid: options.binding.cid,
    purpose: options.binding.purpose,
  });
  jwe
    .addRecipient(new TextEncoder().encode(options.code))
    .setUnprotectedHeader({ alg: CODE_KEY_MANAGEMENT })
    .setKeyManagementParameters({ p2c: options.p2c });
  for (const key of options.emergencyKeys) {
    let publicKey;
    try {
      publicKey = await importJWK(key.jwk, EMERGENCY_KEY_MANAGEMENT);
    } catch {
      throw new RecordInputError('emergency_keys', `emergency key ${key.kid} is not a valid P-256 point`);
    }
    jwe.addRecipient(publicKey).setUnprotectedHeader({ alg: EMERGENCY_KEY_MANAGEMENT, kid: key.kid });
  }
  return jwe.encrypt();
}

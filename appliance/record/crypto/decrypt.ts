/**
 * Decrypting a JWE written by ./encrypt.ts. Never throws: jose reports every failure as one
 * "decryption operation failed", so the patient-code path unwraps the content key itself
 * (RFC 7518 §4.8: PBKDF2 then AES key wrap) to tell a wrong code from a damaged ciphertext, and
 * hands the content key to jose (`dir`) for the A256GCM part.
 */
import { flattenedDecrypt, importJWK, type FlattenedJWE, type GeneralJWE, type JWK } from 'jose';
import { err, ok, type Result } from '../../common/result.ts';
import type { PatientCode } from '../code/patient-code.ts';
import {
  CODE_KEY_MANAGEMENT,
  CONTENT_ENCRYPTION,
  EMERGENCY_KEY_MANAGEMENT,
  MAX_P2C,
  MIN_P2C,
  type JweBinding,
} from './encrypt.ts';
import { fromB64url, protectedHeaderOf, recipientJoseHeader } from './headers.ts';

export type DecryptFailure = 'wrong_code' | 'no_usable_key' | 'corrupt' | 'malformed';

type Recipient = NonNullable<GeneralJWE['recipients'][number]>;

/** The protected header must name our content encryption and the slot it was read from. */
function checkBinding(jwe: GeneralJWE, expected: JweBinding): DecryptFailure | undefined {
  const header = protectedHeaderOf(jwe);
  if (header === undefined) return 'corrupt';
  if (header.enc !== CONTENT_ENCRYPTION || 'alg' in header || 'zip' in header || 'crit' in header)
    return 'malformed';
  if (jwe.recipients.some((r) => recipientJoseHeader(jwe, r.header) === undefined)) return 'malformed';
  if (header.cid !== expected.cid || header.purpose !== expected.purpose) return 'corrupt';
  return undefined;
}

async function contentDecrypt(
  jwe: GeneralJWE,
  recipient: Recipient,
  key: Uint8Array | CryptoKey,
  alg: string,
): Promise<Result<Uint8Array, DecryptFailure>> {
  const flattened: FlattenedJWE = {
    protected: jwe.protected,
    iv: jwe.iv,
    ciphertext: jwe.ciphertext,
    tag: jwe.tag,
    header: alg === 'dir' ? { alg: 'dir' } : recipient.header,
    ...(alg === 'dir' || recipient.encrypted_key === undefined
      ? {}
      : { encrypted_key: recipient.encrypted_key }),
  };
  try {
    const { plaintext } = await flattenedDecrypt(flattened, key, {
      keyManagementAlgorithms: [alg as 'dir'],
      contentEncryptionAlgorithms: [CONTENT_ENCRYPTION],
    });
    return ok(plaintext);
  } catch {
    return err('corrupt');
  }
}

async function unwrapWithCode(
  jwe: GeneralJWE,
  recipient: Recipient,
  code: PatientCode,
): Promise<Result<Uint8Array, DecryptFailure>> {
  const header = recipientJoseHeader(jwe, recipient.header) ?? {};
  const p2c: unknown = header.p2c;
  const p2s = fromB64url(header.p2s);
  const wrapped = fromB64url(recipient.encrypted_key);
  if (typeof p2c !== 'number' || !Number.isSafeInteger(p2c) || p2c < MIN_P2C || p2c > MAX_P2C)
    return err('malformed');
  if (p2s === undefined || p2s.byteLength < 8 || p2s.byteLength > 64) return err('malformed');
  if (wrapped === undefined || wrapped.byteLength !== 40) return err('corrupt');
  const subtle = globalThis.crypto.subtle;
  const salt = new Uint8Array([...new TextEncoder().encode(CODE_KEY_MANAGEMENT), 0, ...p2s]);
  const password = await subtle.importKey('raw', new TextEncoder().encode(code), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-512', salt, iterations: p2c },
    password,
    256,
  );
  const kek = await subtle.importKey('raw', bits, 'AES-KW', false, ['unwrapKey']);
  try {
    const cek = await subtle.unwrapKey('raw', wrapped, kek, 'AES-KW', 'AES-GCM', true, ['decrypt']);
    return ok(new Uint8Array(await subtle.exportKey('raw', cek)));
  } catch {
    // AES key wrap integrity check failed (RFC 3394 §2.2.3): this code does not open this JWE.
    return err('wrong_code');
  }
}

export async function decryptWithCode(
  jwe: GeneralJWE,
  code: PatientCode,
  expected: JweBinding,
): Promise<Result<Uint8Array, DecryptFailure>> {
  const bindingFailure = checkBinding(jwe, expected);
  if (bindingFailure !== undefined) return err(bindingFailure);
  const recipient = jwe.recipients.find((r) => r.header?.alg === CODE_KEY_MANAGEMENT);
  if (recipient === undefined) return err('no_usable_key');
  const cek = await unwrapWithCode(jwe, recipient, code);
  if (!cek.ok) return cek;
  return contentDecrypt(jwe, recipient, cek.value, 'dir');
}

/** Tries the recipients whose `kid` matches a private key of the keyring (newest keys first is the caller's order). */
export async function decryptWithKeyring(
  jwe: GeneralJWE,
  keyring: readonly JWK[],
  expected: JweBinding,
): Promise<Result<Uint8Array, DecryptFailure>> {
  const bindingFailure = checkBinding(jwe, expected);
  if (bindingFailure !== undefined) return err(bindingFailure);
  let lastFailure: DecryptFailure = 'no_usable_key';
  for (const jwk of keyring) {
    if (typeof jwk.kid !== 'string' || typeof jwk.d !== 'string') continue;
    const recipient = jwe.recipients.find(
      (r) => r.header?.alg === EMERGENCY_KEY_MANAGEMENT && r.header.kid === jwk.kid,
    );
    if (recipient === undefined) continue;
    let key: CryptoKey | Uint8Array;
    try {
      key = await importJWK(jwk, EMERGENCY_KEY_MANAGEMENT);
    } catch {
      continue;
    }
    const result = await contentDecrypt(jwe, recipient, key, EMERGENCY_KEY_MANAGEMENT);
    if (result.ok) return result;
    lastFailure = result.error;
  }
  return err(lastFailure);
}

/**
 * Opening a container with the patient code or an emergency-access keyring. Never throws: every
 * failure is a `RecordError` (docs/key-format.md, "Errors"). A code with a typo is refused by its
 * check character before any key derivation.
 */
import type { GeneralJWE, JWK } from 'jose';
import { ok, type Result } from '../../common/result.ts';
import type { Profession } from '../../common/professions.ts';
import type { SigningRevocationConfig } from '../../common/revocation.ts';
import { describePatientCodeError, parsePatientCode, type PatientCode } from '../code/patient-code.ts';
import { decryptWithCode, decryptWithKeyring, type DecryptFailure } from '../crypto/decrypt.ts';
import type { JweBinding } from '../crypto/encrypt.ts';
import { stripPadding } from '../crypto/padding.ts';
import type { Tier } from '../crypto/tier.ts';
import { verifyTier, type Verification } from '../crypto/verify.ts';
import { parseIpsBundle } from '../ips/parse.ts';
import { IPS_LIMITS } from '../ips/limits.ts';
import { parseBoundedJson } from './bounded-json.ts';
import { parseContainer, recordError } from './read.ts';
import type { ContainerJson } from './schema.ts';
import type { OpenedRecord, RecordError } from './types.ts';

export interface OpenOptions {
  /** PEM certificates of the authorities trusted for record signers (each string may hold several). */
  readonly trustAnchorsPem: readonly string[];
  /** Professions allowed to author a record (default doctor, midwife: record/crypto/verify.ts). */
  readonly signerProfessions?: readonly Profession[];
  /** The reading time (a signing time after it, beyond a small skew, is refused). */
  readonly now: Date;
  /** The site's CRLs and stale-CRL policy: the signer's card judged at the signing time. */
  readonly revocation?: SigningRevocationConfig;
}

function decryptError(failure: DecryptFailure, what: string): { ok: false; error: RecordError } {
  switch (failure) {
    case 'wrong_code':
      return recordError('wrong_code', `the patient code does not open the ${what}`);
    case 'no_usable_key':
      return recordError('no_usable_key', `none of the given keys is a recipient of the ${what}`);
    case 'corrupt':
      return recordError('corrupt', `the ${what} is damaged or was altered (integrity check failed)`);
    case 'malformed':
      return recordError('malformed', `the ${what} uses parameters outside the supported range`);
  }
}

/** Padding off → unsigned JSON (`{`) or a JWS to verify → bundle JSON → IPS validation. */
async function readTier(
  container: ContainerJson,
  tier: Tier,
  plaintext: Uint8Array,
  options: OpenOptions,
): Promise<Result<OpenedRecord, RecordError>> {
  const content = stripPadding(plaintext);
  let payload: Uint8Array;
  let verification: Verification;
  if (content[0] === 0x7b) {
    payload = content;
    verification = { status: 'unsigned' };
  } else {
    const text = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('latin1');
    const jws = /^[A-Za-z0-9_.-]+$/.test(text) ? await verifyTier(text, { tier, ...options }) : undefined;
    if (jws === undefined) return recordError('invalid_content', `the ${tier} tier is not a signed record`);
    payload = jws.payload;
    verification = jws.verification;
  }
  const json = parseBoundedJson(payload, IPS_LIMITS.maxDepth + 1);
  if (!json.ok)
    return recordError('invalid_content', `the ${tier} tier content is not a JSON document (${json.error})`);
  const bundle = parseIpsBundle(json.value);
  if (!bundle.ok) {
    const where = bundle.error.where === '' ? '' : ` at ${bundle.error.where}`;
    return recordError(
      'invalid_content',
      `the ${tier} tier is not a valid IPS bundle: ${bundle.error.message}${where}`,
    );
  }
  return ok({ tier, bundle: bundle.value, verification, containerId: container.id });
}

function codeOrTypo(code: string): Result<PatientCode, RecordError> {
  const parsed = parsePatientCode(code);
  return parsed.ok ? parsed : recordError('code_typo', describePatientCodeError(parsed.error));
}

function binding(container: ContainerJson, purpose: JweBinding['purpose']): JweBinding {
  return { cid: container.id, purpose };
}

export async function openWithCode(
  bytes: Uint8Array,
  code: string,
  options: OpenOptions & { readonly tier: Tier },
): Promise<Result<OpenedRecord, RecordError>> {
  const patientCode = codeOrTypo(code);
  if (!patientCode.ok) return patientCode;
  const container = parseContainer(bytes);
  if (!container.ok) return container;
  const jwe = container.value.tiers[options.tier] as GeneralJWE;
  const plaintext = await decryptWithCode(jwe, patientCode.value, binding(container.value, options.tier));
  if (!plaintext.ok) return decryptError(plaintext.error, `${options.tier} tier`);
  return readTier(container.value, options.tier, plaintext.value, options);
}

/** Break-glass: opens the emergency tier with the first keyring key that is one of its recipients. */
export async function openWithEmergencyKey(
  bytes: Uint8Array,
  keyring: readonly JWK[],
  options: OpenOptions,
): Promise<Result<OpenedRecord, RecordError>> {
  const container = parseContainer(bytes);
  if (!container.ok) return container;
  const jwe = container.value.tiers.emergency as GeneralJWE;
  const plaintext = await decryptWithKeyring(jwe, keyring, binding(container.value, 'emergency'));
  if (!plaintext.ok) return decryptError(plaintext.error, 'emergency tier');
  return readTier(container.value, 'emergency', plaintext.value, options);
}

/** The access-log private key (P-256 ECDH JWK with `d`), for the patient to read their log. */
export async function unlockLogKey(bytes: Uint8Array, code: string): Promise<Result<JWK, RecordError>> {
  const patientCode = codeOrTypo(code);
  if (!patientCode.ok) return patientCode;
  const container = parseContainer(bytes);
  if (!container.ok) return container;
  const { publicJwk, wrappedPrivateKey } = container.value.logKey;
  const plaintext = await decryptWithCode(
    wrappedPrivateKey as GeneralJWE,
    patientCode.value,
    binding(container.value, 'log-key'),
  );
  if (!plaintext.ok) return decryptError(plaintext.error, 'access-log key');
  const json = parseBoundedJson(plaintext.value, 2);
  const jwk = json.ok ? (json.value as Record<string, unknown>) : undefined;
  if (
    jwk === undefined ||
    jwk === null ||
    jwk.kty !== 'EC' ||
    jwk.crv !== 'P-256' ||
    typeof jwk.d !== 'string' ||
    jwk.x !== publicJwk.x ||
    jwk.y !== publicJwk.y
  ) {
    return recordError('invalid_content', 'the access-log key does not match its public key');
  }
  return ok({ kty: 'EC', crv: 'P-256', x: publicJwk.x, y: publicJwk.y, d: jwk.d });
}

/**
 * Reading a container file without any secret: bounds, JSON, format and version, schema.
 * Order matters (docs/key-format.md, "Reading"): size → first byte → nesting → JSON → format →
 * version → schema, so every hostile input stops at the cheapest check that refuses it.
 */
import type { GeneralJWE } from 'jose';
import { err, ok, type Result } from '../../common/result.ts';
import { CODE_KEY_MANAGEMENT, EMERGENCY_KEY_MANAGEMENT } from '../crypto/encrypt.ts';
import { recipientJoseHeader } from '../crypto/headers.ts';
import { MAX_CONTAINER_BYTES } from '../crypto/padding.ts';
import { parseBoundedJson } from './bounded-json.ts';
import { containerSchema, type ContainerJson } from './schema.ts';
import {
  CONTAINER_FORMAT,
  CONTAINER_VERSION,
  type ContainerInfo,
  type JweInfo,
  type RecipientInfo,
  type RecordError,
  type RecordErrorCode,
} from './types.ts';

/** The container object nests 7 levels deep (tiers → full → recipients → [] → header → epk). */
const CONTAINER_MAX_DEPTH = 10;

export function recordError(code: RecordErrorCode, message: string): { ok: false; error: RecordError } {
  return err({ code, message });
}

function firstNonSpace(bytes: Uint8Array): number | undefined {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return b;
  return undefined;
}

export function parseContainer(bytes: Uint8Array): Result<ContainerJson, RecordError> {
  if (bytes.byteLength > MAX_CONTAINER_BYTES) {
    return recordError('too_large', `the record file is larger than ${MAX_CONTAINER_BYTES} bytes`);
  }
  if (firstNonSpace(bytes) !== 0x7b) {
    return recordError('not_a_container', 'the record file is not a Baladeur container (not a JSON object)');
  }
  const parsed = parseBoundedJson(bytes, CONTAINER_MAX_DEPTH);
  if (!parsed.ok) {
    const why = { invalid_utf8: 'not UTF-8', too_deep: 'nested too deeply', invalid_json: 'not valid JSON' };
    return recordError('malformed', `the record file is ${why[parsed.error]}`);
  }
  const root = parsed.value as Record<string, unknown>;
  if (typeof root !== 'object' || root === null || root.format !== CONTAINER_FORMAT) {
    return recordError(
      'not_a_container',
      `the record file is not a Baladeur container (format is not "${CONTAINER_FORMAT}")`,
    );
  }
  if (root.version !== CONTAINER_VERSION) {
    const version = typeof root.version === 'number' ? String(root.version) : 'missing';
    return recordError(
      'unsupported_version',
      `the record format version is ${version.slice(0, 20)}; this reader supports version ${CONTAINER_VERSION}`,
    );
  }
  const checked = containerSchema.safeParse(root);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue === undefined ? '' : issue.path.map(String).join('.');
    return recordError(
      'malformed',
      `the record file has an invalid field${where === '' ? '' : ` at ${where}`}`,
    );
  }
  return ok(checked.data);
}

export function recipientInfo(header: Readonly<Record<string, unknown>>): RecipientInfo {
  const alg = String(header.alg);
  if (alg === CODE_KEY_MANAGEMENT) {
    return typeof header.p2c === 'number'
      ? { kind: 'patient_code', p2c: header.p2c }
      : { kind: 'patient_code' };
  }
  if (alg === EMERGENCY_KEY_MANAGEMENT) {
    return typeof header.kid === 'string'
      ? { kind: 'emergency_key', kid: header.kid }
      : { kind: 'emergency_key' };
  }
  return { kind: 'unknown', alg };
}

function jweInfo(jwe: GeneralJWE): JweInfo {
  return {
    ciphertextBytes: Buffer.from(jwe.ciphertext, 'base64url').byteLength,
    recipients: jwe.recipients.map((r) =>
      recipientInfo(recipientJoseHeader(jwe, r.header) ?? r.header ?? {}),
    ),
  };
}

export function inspectContainer(bytes: Uint8Array): Result<ContainerInfo, RecordError> {
  const parsed = parseContainer(bytes);
  if (!parsed.ok) return parsed;
  const c = parsed.value;
  return ok({
    format: c.format,
    version: c.version,
    id: c.id,
    fileBytes: bytes.byteLength,
    tiers: { full: jweInfo(c.tiers.full), emergency: jweInfo(c.tiers.emergency) },
    logKey: jweInfo(c.logKey.wrappedPrivateKey),
  });
}

/** The public key entries of the access log are encrypted to (docs/key-format.md, "Access-log key"). */
export function containerLogPublicKey(
  bytes: Uint8Array,
): Result<{ kty: 'EC'; crv: 'P-256'; x: string; y: string }, RecordError> {
  const parsed = parseContainer(bytes);
  return parsed.ok ? ok({ ...parsed.value.logKey.publicJwk }) : parsed;
}

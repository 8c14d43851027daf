/** One access-log entry and its encryption to the patient's log key (JWE compact, ECDH-ES+A256KW). */
import { CompactEncrypt, compactDecrypt, type CompactJWEHeaderParameters } from 'jose';
import * as z from 'zod';
import { PROFESSIONS } from '../../common/professions.ts';
import { MAX_JWE_BYTES } from './format.ts';

export const accessLogEntrySchema = z.object({
  /** ISO 8601 instant of the opening. */
  when: z.string().max(40),
  /** Site name from the kiosk's configuration. */
  site: z.string(),
  who: z.object({ name: z.string(), profession: z.enum(PROFESSIONS) }),
  tier: z.enum(['emergency', 'full']),
  breakGlassReason: z.string().optional(),
  /** Set when this entry records an update of the record: the version written (no content). */
  updatedToVersion: z.number().int().min(1).max(1_000_000).optional(),
});
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;

/** Plaintext size of every entry: all entries look alike on the key. */
export const ENTRY_PLAINTEXT_BYTES = 1024;
const FIELD_BYTES = { site: 160, name: 160, reason: 480 } as const;

const encoder = new TextEncoder();

function clip(text: string, maxBytes: number): string {
  // eslint-disable-next-line no-control-regex
  let out = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  while (encoder.encode(JSON.stringify(out)).byteLength > maxBytes)
    out = Array.from(out).slice(0, -1).join('');
  return out;
}

/** The entry as stored: long texts clipped so the padded plaintext always fits. */
export function normaliseEntry(entry: AccessLogEntry): AccessLogEntry {
  const base = {
    when: entry.when,
    site: clip(entry.site, FIELD_BYTES.site),
    who: { name: clip(entry.who.name, FIELD_BYTES.name), profession: entry.who.profession },
    tier: entry.tier,
    ...(entry.updatedToVersion === undefined ? {} : { updatedToVersion: entry.updatedToVersion }),
  };
  return entry.breakGlassReason === undefined
    ? base
    : { ...base, breakGlassReason: clip(entry.breakGlassReason, FIELD_BYTES.reason) };
}

export function padEntry(entry: AccessLogEntry): Uint8Array {
  const json = encoder.encode(JSON.stringify({ v: 1, ...normaliseEntry(entry) }));
  if (json.byteLength > ENTRY_PLAINTEXT_BYTES)
    throw new Error('access-log entry larger than its padded size');
  const out = new Uint8Array(ENTRY_PLAINTEXT_BYTES).fill(0x20);
  out.set(json, 0);
  return out;
}

export type LogPublicKey = Parameters<CompactEncrypt['encrypt']>[0];
export type LogPrivateKey = Parameters<typeof compactDecrypt>[1];

const HEADER: CompactJWEHeaderParameters = {
  alg: 'ECDH-ES+A256KW',
  enc: 'A256GCM',
  cty: 'baladeur-access+json',
};

export async function encryptEntry(entry: AccessLogEntry, key: LogPublicKey): Promise<string> {
  const jwe = await new CompactEncrypt(padEntry(entry)).setProtectedHeader(HEADER).encrypt(key);
  if (encoder.encode(jwe).byteLength > MAX_JWE_BYTES)
    throw new Error('encrypted access-log entry exceeds its slot');
  return jwe;
}

/** Decrypts one slot; undefined when it is not an entry for this key (torn, foreign or forged). */
export async function decryptEntry(jwe: string, key: LogPrivateKey): Promise<AccessLogEntry | undefined> {
  try {
    const { plaintext } = await compactDecrypt(jwe, key, {
      keyManagementAlgorithms: ['ECDH-ES+A256KW'],
      contentEncryptionAlgorithms: ['A256GCM'],
    });
    const parsed = accessLogEntrySchema.safeParse(JSON.parse(new TextDecoder().decode(plaintext).trimEnd()));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

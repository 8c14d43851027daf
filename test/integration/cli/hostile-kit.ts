/**
 * Shared material for the hostile CLI corpus (HZ-13): one valid sealed container and the helpers
 * that derive hostile variants from it (edited container JSON, re-sealed hostile content).
 */
import { generatePatientCode, type PatientCode } from '../../../appliance/record/code/patient-code.ts';
import { sealContainer } from '../../../appliance/record/container/seal.ts';
import { RECORD_PATH } from '../../../appliance/record/container/layout.ts';
import { emergencyPublicKeys } from '../../../appliance/record/crypto/encrypt.ts';
import { signTier } from '../../../appliance/record/crypto/sign.ts';
import { createKeyImage, writeKeyFile } from '../../../appliance/record/fat/index.ts';
import { memorySource } from '../../../appliance/record/block-source.ts';
import type { DevPki } from '../../../appliance/dev/pki/dev-pki.ts';

export interface HostileCase {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Expected exit code of `key read --code`. */
  readonly exit: 2 | 3 | 4;
  /** stderr must match. */
  readonly message: RegExp;
  readonly code?: string;
}

export const enc = new TextEncoder();
const json = (value: unknown) => enc.encode(JSON.stringify(value));
type Jwe = {
  protected: string;
  iv: string;
  ciphertext: string;
  tag: string;
  recipients: { header: Record<string, unknown>; encrypted_key: string }[];
};
type Container = {
  format: string;
  version: unknown;
  id: string;
  tiers: { full: Jwe; emergency: Jwe };
  logKey: unknown;
};

export const notFat =
  /no readable FAT|damaged|not a Baladeur|no Baladeur record|cannot open|could not be read/u;

export const bundle = {
  resourceType: 'Bundle',
  type: 'document',
  entry: [
    {
      fullUrl: 'urn:uuid:1',
      resource: { resourceType: 'Composition', id: 'c', status: 'final', title: 'Patient Summary' },
    },
  ],
};

export function inImage(record: Uint8Array, sizeBytes = 16 * 1024 * 1024): Uint8Array {
  const image = createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes });
  const written = writeKeyFile(memorySource(image), RECORD_PATH, record);
  if (!written.ok) throw new Error(`test setup: ${written.error.message}`);
  return image;
}

export function flip(text: string, at: number): string {
  const i = Math.max(0, Math.min(text.length - 1, at));
  return text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);
}

export function nest(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

export interface HostileKit {
  /** The patient code the valid container is sealed with (unformatted). */
  readonly code: PatientCode;
  /** The valid container file, and its text without the trailing newline. */
  readonly valid: Uint8Array;
  readonly validText: string;
  /** A tier JWS over `payload`, signed by the development doctor. */
  readonly signed: (payload: Uint8Array | string, tier?: 'full' | 'emergency') => Promise<Uint8Array>;
  /** A case whose container is the valid one after `change` (its return value, if any, replaces it). */
  readonly edit: (
    name: string,
    exit: 2 | 3 | 4,
    message: RegExp,
    change: (c: Container) => unknown,
  ) => HostileCase;
  /** A case whose container is well sealed around `plaintext`. */
  readonly content: (
    name: string,
    plaintext: Uint8Array | string,
    exit?: 2 | 4,
    message?: RegExp,
  ) => Promise<HostileCase>;
}

export async function hostileKit(pki: DevPki): Promise<HostileKit> {
  const code = generatePatientCode();
  const doctor = {
    privateKeyPem: pki.people.doctor.keyPem,
    certificateChainPem: [pki.people.doctor.certPem],
  };
  const emergencyKeys = emergencyPublicKeys(pki.emergency.keyring);
  const signed = async (payload: Uint8Array | string, tier: 'full' | 'emergency' = 'full') =>
    enc.encode(await signTier(typeof payload === 'string' ? enc.encode(payload) : payload, doctor, { tier }));
  const seal = async (full: Uint8Array, emergency?: Uint8Array) =>
    sealContainer({ tiers: { full, emergency: emergency ?? full }, code, emergencyKeys, p2c: 1000 });

  const valid = await seal(
    await signed(JSON.stringify(bundle)),
    await signed(JSON.stringify(bundle), 'emergency'),
  );
  const validText = new TextDecoder().decode(valid).trimEnd();
  const base = () => JSON.parse(validText) as Container;
  const edit = (
    name: string,
    exit: 2 | 3 | 4,
    message: RegExp,
    change: (c: Container) => unknown,
  ): HostileCase => {
    const c = base();
    const out = change(c);
    return { name, exit, message, bytes: json(out === undefined ? c : out) };
  };
  const content = async (
    name: string,
    plaintext: Uint8Array | string,
    exit: 2 | 4 = 2,
    message = /tier/u,
  ) => ({
    name,
    exit,
    message,
    bytes: await seal(typeof plaintext === 'string' ? enc.encode(plaintext) : plaintext),
  });
  return { code, valid, validText, signed, edit, content };
}

/**
 * Where the CLI's keys and certificates come from: explicit options, else the development PKI
 * (appliance/dev/pki/dev-pki.ts, `.dev/pki`, or the folder named by BALADEUR_DEV_PKI).
 */
import fs from 'node:fs';
import type { JWK } from 'jose';
import type { DevPki } from '../../appliance/dev/pki/dev-pki.ts';
import { EXIT, fail, type CliIo } from './command.ts';

const MAX_INPUT_FILE = 16 * 1024 * 1024;

export function readInputFile(path: string, option: string, maxBytes = MAX_INPUT_FILE): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch {
    fail(EXIT.unusable, `${option} ${path}: no such file`);
  }
  if (!stat.isFile()) fail(EXIT.unusable, `${option} ${path}: not a regular file`);
  if (stat.size > maxBytes) fail(EXIT.unusable, `${option} ${path}: larger than ${maxBytes} bytes`);
  return fs.readFileSync(path);
}

export function readJsonFile(path: string, option: string, maxBytes = MAX_INPUT_FILE): unknown {
  const bytes = readInputFile(path, option, maxBytes);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    fail(EXIT.unusable, `${option} ${path}: not a valid UTF-8 JSON file`);
  }
}

const loaded = new Map<string, Promise<DevPki>>();
/** The development PKI, loaded only when used: a kiosk image ships no development code. */
export function devPki(io: CliIo): Promise<DevPki> {
  const dir = io.env.BALADEUR_DEV_PKI ?? '';
  const pki =
    loaded.get(dir) ??
    import('../../appliance/dev/pki/dev-pki.ts').then(
      ({ ensureDevPki }) => (dir === '' ? ensureDevPki() : ensureDevPki(dir)),
      () =>
        fail(EXIT.unusable, 'this build has no development PKI: give the keys and certificates explicitly'),
    );
  loaded.set(dir, pki);
  return pki;
}

/** A keyring file: a JWKS of private keys, or a single private JWK. */
export function keyringFrom(json: unknown, option: string): JWK[] {
  const keys = (json as { keys?: unknown } | null)?.keys;
  const list: unknown[] = Array.isArray(keys) ? keys : [json];
  const usable = list.filter(
    (k): k is JWK => typeof k === 'object' && k !== null && typeof (k as JWK).d === 'string',
  );
  if (usable.length === 0) fail(EXIT.unusable, `${option}: no private key (JWK with "d") in the file`);
  return usable;
}

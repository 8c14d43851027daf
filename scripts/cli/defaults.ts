/**
 * Where the CLI's keys and certificates come from: explicit options, else — only with `--dev` —
 * the development PKI (appliance/dev/pki/dev-pki.ts, `.dev/pki`, or the folder named by
 * BALADEUR_DEV_PKI), read as it is: the CLI never creates one (`npm run setup` does).
 */
import fs from 'node:fs';
import type { JWK } from 'jose';
import type { DevPki } from '../../appliance/dev/pki/dev-pki.ts';
import { DEFAULT_P2C, MAX_P2C, MIN_P2C } from '../../appliance/record/crypto/encrypt.ts';
import { EXIT, fail, type CliIo, type OptionValues } from './command.ts';

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

/** `--dev`, for every command whose keys or trust anchors the development PKI may stand in for. */
export const DEV_OPTION = { dev: { type: 'boolean' } } as const;

/** The help lines of `--dev`, the description starting at `column` as the command's other options. */
export function devHelp(column: number): string {
  const pad = ' '.repeat(column);
  return [
    `  --dev`.padEnd(column) + 'use the development PKI for what is not given (test CA,',
    `${pad}dev doctor, dev emergency key; made by npm run setup): never for patients`,
  ].join('\n');
}

/**
 * Fails, naming the options and `--dev`, unless `--dev` was given: `missing` says what is needed
 * (e.g. "no trust anchors: give --trust <pem> (…)"), `dev` what `--dev` would use instead.
 */
export function requireDev(values: OptionValues, missing: string, dev: string): void {
  if (values.dev !== true) fail(EXIT.unusable, `${missing}, or --dev ${dev}`);
}

const loaded = new Map<string, Promise<DevPki>>();
/**
 * The development PKI (after `requireDev`), read only: a missing one is an error, never created
 * here (a kiosk's root is read-only, and a CLI must not mint a CA on its own). A build without
 * development code (the compiled bin, the image) has none at all.
 */
export function devPki(io: CliIo): Promise<DevPki> {
  const dir = io.env.BALADEUR_DEV_PKI ?? '';
  const pki =
    loaded.get(dir) ??
    import('../../appliance/dev/pki/dev-pki.ts').then(
      ({ loadDevPki, DEFAULT_PKI_DIR }) =>
        (dir === '' ? loadDevPki() : loadDevPki(dir)).catch(() =>
          fail(
            EXIT.unusable,
            `--dev: no development PKI in ${dir === '' ? DEFAULT_PKI_DIR : dir}: run npm run setup`,
          ),
        ),
      () =>
        fail(
          EXIT.unusable,
          '--dev: this build has no development PKI: give the keys and certificates explicitly',
        ),
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

/** `--p2c` (or its environment default): the PBES2 iteration count, within the format's bounds. */
export function p2cOption(value: string | undefined, env: string | undefined): number {
  const raw = value ?? env;
  if (raw === undefined) return DEFAULT_P2C;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < MIN_P2C || n > MAX_P2C) {
    fail(EXIT.unusable, `--p2c: must be an integer between ${MIN_P2C} and ${MAX_P2C}`);
  }
  return n;
}

/** In-process runs of the `baladeur` CLI (main()) with captured output, and shared test material. */
import { ipsFixturesDir } from '../../../appliance/dev/fixtures.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../scripts/cli/main.ts';
import { ensureDevPki, type DevPki } from '../../../appliance/dev/pki/dev-pki.ts';

/** The real IPS bundles (test/fixtures/ips, or BALADEUR_FIXTURES). */
export const FIXTURE_DIR = ipsFixturesDir();
export const FIXTURES = fs
  .readdirSync(FIXTURE_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();
export const TEST_P2C = '1000';

export interface CliRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export async function runCli(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  const exitCode = await main(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: { BALADEUR_P2C: TEST_P2C, ...env },
  });
  return { exitCode, stdout, stderr, ms: performance.now() - started };
}

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `baladeur-${prefix}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function readFixture(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, name), 'utf8')) as unknown;
}

export function devPki(): Promise<DevPki> {
  return ensureDevPki();
}

/**
 * Spawns the real kiosk server in simulated mode on a free loopback port, with its own data and
 * temp folders, and captures everything it logs (for the HZ-12 scans). Restartable in place.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { devConfigJson } from '../../../appliance/dev/dev-config.ts';
import type { KioskConfig } from '../../../appliance/server/config/schema.ts';
import { ensureDevPki } from '../../../appliance/dev/pki/dev-pki.ts';
import { REPO } from './paths.ts';

export interface KioskServer {
  readonly url: string;
  readonly port: number;
  /** The server's data folder (config `dataDir`). */
  readonly dataDir: string;
  /** The server's TMPDIR. */
  readonly tmpDir: string;
  /** Everything written to stdout and stderr so far, across restarts. */
  logs(): string;
  /** SIGKILL (a crash) or SIGTERM (a clean stop, SIGKILL after 15 s); waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port with the same folders. */
  start(): Promise<void>;
  /** Stops it and deletes its folders. */
  dispose(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`kiosk server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}dev/state`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`kiosk server not ready after ${timeoutMs} ms`);
}

export interface KioskServerOptions {
  /**
   * `pcscd` (default): the real pcscd with virtual PIV cards over vpcd — one per machine at a
   * time. `memory`: the server's in-memory card, for specs that run alongside another kiosk.
   */
  readonly cards?: 'pcscd' | 'memory' | 'opensc';
  /** Demo keys to prepare (names without .json); all fixtures by default. */
  readonly demos?: readonly string[];
  /** PBES2 iterations of the demo keys; the calibrated default unless lowered. */
  readonly p2c?: number;
  /** Site settings that differ from the dev config. */
  readonly config?: Partial<Pick<KioskConfig, 'screen' | 'timeouts'>>;
  /**
   * A freshly imaged kiosk: `--config <dataDir>/config.json` does not exist and the dev config is
   * the `--unprovisioned-config` fallback, so the server starts *not provisioned* (technician card
   * only). Provisioning writes `<dataDir>/config.json`; a `start()` after it loads that file.
   */
  readonly unprovisioned?: boolean;
}

/**
 * Demo key images are slow to make (PBES2, signing, a 16 MiB FAT image each) and depend only on
 * the fixtures and the dev PKI: made once into this cache, copied into each spec's data folder
 * (the server checks them against the fixtures and remakes any stale one).
 */
const DEMO_CACHE = path.join(REPO, '.dev', 'e2e-cache', 'demo-keys');

/**
 * A private config in a temp folder: the dev config (same PKI as `npm start`, via a symlink to
 * `.dev/pki`) with its own data folder, so each spec starts from nothing and can be scanned.
 */
async function writeConfig(root: string, overrides: KioskServerOptions['config'] = {}): Promise<string> {
  const pki = await ensureDevPki();
  symlinkSync(pki.dir, path.join(root, 'pki'));
  const file = path.join(root, 'kiosk.config.json');
  writeFileSync(
    file,
    JSON.stringify({ ...devConfigJson(pki, root), ...overrides, dataDir: 'data' }, null, 2),
  );
  return file;
}

export async function startKioskServer(options: KioskServerOptions = {}): Promise<KioskServer> {
  const port = await freePort();
  const root = mkdtempSync(path.join(tmpdir(), 'baladeur-e2e-'));
  const configFile = await writeConfig(root, options.config);
  const dataDir = path.join(root, 'data');
  const tmpDir = path.join(root, 'tmp');
  const demoDir = path.join(dataDir, 'demo-keys');
  const cached = existsSync(path.join(DEMO_CACHE, 'index.json'));
  const wanted = (file: string) =>
    !file.endsWith('.img') ||
    !options.demos ||
    options.demos.some((d) => file.endsWith(`${path.sep}${d}.img`));
  if (cached) cpSync(DEMO_CACHE, demoDir, { recursive: true, filter: wanted });
  const url = `http://127.0.0.1:${port}/`;
  let output = '';
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    mkdirSync(tmpDir, { recursive: true });
    const config = options.unprovisioned
      ? ['--config', path.join(dataDir, 'config.json'), '--unprovisioned-config', configFile]
      : ['--config', configFile];
    const args = ['--import', 'tsx', 'appliance/dev/main.ts', '--simulated', ...config];
    child = spawn(process.execPath, args, {
      cwd: REPO,
      env: {
        ...process.env,
        PORT: String(port),
        TMPDIR: tmpDir,
        BALADEUR_SIM_CARD: options.cards ?? 'pcscd',
        ...(options.demos ? { BALADEUR_DEMO_ONLY: options.demos.join(',') } : {}),
        ...(options.p2c ? { BALADEUR_DEMO_P2C: String(options.p2c) } : {}),
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const spawned = child;
    // If the test worker dies first (a hook timeout), the server must not outlive it.
    const orphanGuard = () => spawned.kill('SIGKILL');
    process.once('exit', orphanGuard);
    spawned.once('exit', () => process.off('exit', orphanGuard));
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    try {
      await waitReady(url, child, 120_000);
    } catch (error) {
      await stop();
      throw new Error(`${(error as Error).message}; server output:\n${output.slice(-2000)}`, {
        cause: error,
      });
    }
  }

  async function stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(signal);
    const timer = setTimeout(() => running.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  await start();
  if (!cached && !options.demos) {
    mkdirSync(path.dirname(DEMO_CACHE), { recursive: true });
    cpSync(demoDir, DEMO_CACHE, { recursive: true });
  }
  return {
    url,
    port,
    dataDir,
    tmpDir,
    logs: () => output,
    stop,
    start,
    async dispose() {
      // A clean stop, so that the server stops the pcscd it started.
      await stop('SIGTERM');
      rmSync(root, { recursive: true, force: true });
    },
  };
}

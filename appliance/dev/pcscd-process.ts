/**
 * Runs the real pcscd as a foreground child with a private reader configuration holding only the
 * vsmartcard virtual reader (never the system's configuration). Simulated mode and tests only:
 * vpcd listens on 0.0.0.0:<port> and <port>+1, so this never runs on a kiosk image.
 *
 * pcscd is a machine-wide singleton (/run/pcscd/pcscd.comm, pcscd.pid), so starts are serialised
 * across processes by a lock directory; a second user waits for the first to stop.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Result } from '../common/result.ts';
import { err, ok } from '../common/result.ts';
import { VPCD_DEFAULT_PORT } from './virtual-card/vpcd-card.ts';

export const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
export const PCSCD_RUN_DIR = '/run/pcscd';
const LOCK_DIR = path.join(tmpdir(), 'baladeur-pcscd.lock');
const INSTALL_HINT = 'install it with: apt-get install -y --no-install-recommends pcscd vsmartcard-vpcd';

export type PcscdError =
  | { readonly kind: 'not_installed'; readonly message: string }
  | { readonly kind: 'already_running'; readonly message: string }
  | { readonly kind: 'busy'; readonly message: string }
  | { readonly kind: 'start_failed'; readonly message: string };

export interface PcscdOptions {
  /** vpcd's first port (CHANNELID); the second reader slot listens on port + 1. */
  readonly port?: number;
  readonly friendlyName?: string;
  /** How long to wait for another user of pcscd to stop (ms). */
  readonly lockTimeoutMs?: number;
}

export interface PcscdProcess {
  readonly port: number;
  /** The two vpcd slots as pcscd names them: slot 0 ↔ `port`, slot 1 ↔ `port + 1`. */
  readonly readerNames: readonly [string, string];
  pid(): number | undefined;
  /** Kills pcscd (SIGKILL by default, as a crash would) and waits for it; the lock is kept. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts pcscd again after `kill` (no-op while it runs). */
  start(): Promise<Result<void, PcscdError>>;
  /** Stops pcscd (kill + wait) and releases the lock. */
  stop(): Promise<void>;
}

function findPcscd(): string | undefined {
  return ['/usr/sbin/pcscd', '/usr/bin/pcscd', '/sbin/pcscd'].find((p) => existsSync(p));
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function readPid(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  const pid = Number.parseInt(text ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function acquireLock(timeoutMs: number): Promise<Result<void, PcscdError>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(LOCK_DIR);
      await writeFile(path.join(LOCK_DIR, 'owner'), String(process.pid));
      return ok(undefined);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = await readPid(path.join(LOCK_DIR, 'owner'));
    if (owner !== undefined && !alive(owner)) {
      await rm(LOCK_DIR, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      return err({
        kind: 'busy',
        message: `pcscd is used by process ${owner ?? '?'} (simulated kiosk or tests)`,
      });
    }
    await sleep(200);
  }
}

/** True when vpcd listens on `port` (read from /proc, so no connection = no phantom card). */
async function listening(port: number): Promise<boolean> {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')} `;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text.split('\n').some((line) => line.includes(hex) && line.split(/\s+/)[4] === '0A')) return true;
  }
  return false;
}

async function waitExit(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Starts pcscd with only the vpcd reader. Returns a clear error when pcscd/vpcd is not installed. */
export async function startPcscd(options: PcscdOptions = {}): Promise<Result<PcscdProcess, PcscdError>> {
  const binary = findPcscd();
  if (binary === undefined)
    return err({ kind: 'not_installed', message: `pcscd is not installed; ${INSTALL_HINT}` });
  if (!existsSync(VPCD_DRIVER)) {
    return err({
      kind: 'not_installed',
      message: `the vpcd reader driver is not installed; ${INSTALL_HINT}`,
    });
  }
  const port = options.port ?? VPCD_DEFAULT_PORT;
  const name = options.friendlyName ?? 'Baladeur Virtual Reader';
  const locked = await acquireLock(options.lockTimeoutMs ?? 60_000);
  if (!locked.ok) return locked;
  const confDir = await mkdtemp(path.join(tmpdir(), 'baladeur-pcscd-'));
  const hexPort = `0x${port.toString(16).toUpperCase()}`;
  await writeFile(
    path.join(confDir, 'vpcd'),
    `FRIENDLYNAME "${name}"\nDEVICENAME   /dev/null:${hexPort}\nLIBPATH      ${VPCD_DRIVER}\nCHANNELID    ${hexPort}\n`,
  );
  let child: ChildProcess | undefined;
  let output = '';

  const launch = async (): Promise<Result<void, PcscdError>> => {
    const pidFile = path.join(PCSCD_RUN_DIR, 'pcscd.pid');
    const other = await readPid(pidFile);
    if (other !== undefined && alive(other)) {
      return err({
        kind: 'already_running',
        message: `another pcscd (pid ${other}) is running; stop it (e.g. systemctl stop pcscd.socket pcscd) first`,
      });
    }
    // A pcscd that was killed leaves its pid and socket files; the next start refuses without this.
    await rm(pidFile, { force: true });
    await rm(path.join(PCSCD_RUN_DIR, 'pcscd.comm'), { force: true });
    output = '';
    const c = spawn(binary, ['-f', '-c', confDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    c.once('exit', () => {
      if (child === c) child = undefined;
    });
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-2000);
    };
    c.stdout?.on('data', keep);
    c.stderr?.on('data', keep);
    c.on('error', keep.bind(null, Buffer.from('spawn error\n')));
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (c.exitCode !== null || c.signalCode !== null) break;
      if (existsSync(path.join(PCSCD_RUN_DIR, 'pcscd.comm')) && (await listening(port))) return ok(undefined);
      await sleep(25);
    }
    c.kill('SIGKILL');
    await waitExit(c, 1000);
    return err({
      kind: 'start_failed',
      message: `pcscd did not start: ${output.trim().split('\n').slice(-3).join(' | ')}`,
    });
  };

  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    const c = child;
    child = undefined;
    if (c === undefined) return;
    c.kill(signal);
    await waitExit(c, 3000);
  };

  const started = await launch();
  if (!started.ok) {
    await rm(confDir, { recursive: true, force: true });
    await rm(LOCK_DIR, { recursive: true, force: true });
    return started;
  }
  return ok({
    port,
    readerNames: [`${name} 00 00`, `${name} 00 01`],
    pid: () => child?.pid,
    kill: (signal = 'SIGKILL') => kill(signal),
    start: () => (child === undefined ? launch() : Promise.resolve(ok(undefined))),
    async stop() {
      await kill('SIGTERM');
      await rm(confDir, { recursive: true, force: true });
      await rm(LOCK_DIR, { recursive: true, force: true });
    },
  });
}

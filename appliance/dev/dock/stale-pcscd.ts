/**
 * Simulated mode only. A kiosk killed with SIGKILL (a crash, the e2e restart test) cannot stop
 * the private pcscd it started: that pcscd lives on as an orphan, keeps /run/pcscd/pcscd.pid and
 * vpcd's ports, and the next simulated kiosk could not start its own. This finds such an orphan
 * — a pcscd running with one of our private configurations (`-c <tmp>/baladeur-pcscd-…`) whose
 * parent is gone (re-parented to PID 1) or whose configuration folder was deleted — and stops it.
 * A pcscd whose owner is still alive (another kiosk, a test) is waited for, never stopped: its
 * lock may live under another TMPDIR, so startPcscd's lock alone cannot serialise the two.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PCSCD_RUN_DIR } from '../pcscd-process.ts';

/** Running and not a zombie (orphans are reaped slowly on some machines). */
async function alive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat !== undefined && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

async function parentOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** The private configuration folder of a pcscd we started, or undefined for any other process. */
async function privateConfigOf(pid: number): Promise<string | undefined> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  const args = cmdline.split('\0');
  if (path.basename(args[0] ?? '') !== 'pcscd') return undefined;
  const dir = args[args.indexOf('-c') + 1];
  return args.includes('-c') && dir !== undefined && path.basename(dir).startsWith('baladeur-pcscd-')
    ? dir
    : undefined;
}

/** A killed pcscd leaves these behind and the next start would refuse. */
async function removeRunFiles(): Promise<void> {
  await rm(path.join(PCSCD_RUN_DIR, 'pcscd.pid'), { force: true });
  await rm(path.join(PCSCD_RUN_DIR, 'pcscd.comm'), { force: true });
}

type Running =
  | { readonly kind: 'none' }
  | { readonly kind: 'ours'; readonly pid: number; readonly dir: string; readonly orphaned: boolean }
  | { readonly kind: 'other'; readonly pid: number };

/** Which pcscd holds /run/pcscd, if any (clearing the files of a zombie one). */
async function runningPcscd(): Promise<Running> {
  const text = await readFile(path.join(PCSCD_RUN_DIR, 'pcscd.pid'), 'utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);
  if (!(Number.isInteger(pid) && pid > 0)) return { kind: 'none' };
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return { kind: 'none' }; // gone: pcscd-process clears its files itself
  if (!(await alive(pid))) {
    // A zombie pcscd still "exists" for kill(pid, 0), so pcscd-process would refuse to start.
    if (stat.includes('(pcscd)')) await removeRunFiles();
    return { kind: 'none' };
  }
  const dir = await privateConfigOf(pid);
  if (dir === undefined) return { kind: 'other', pid };
  return { kind: 'ours', pid, dir, orphaned: (await parentOf(pid)) === 1 || !existsSync(dir) };
}

async function stop(pid: number): Promise<void> {
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; (await alive(pid)) && waited < 3000; waited += 50) await sleep(50);
  if (await alive(pid)) process.kill(pid, 'SIGKILL');
  for (let waited = 0; (await alive(pid)) && waited < 2000; waited += 50) await sleep(50);
  await removeRunFiles();
}

/**
 * Before starting the private pcscd: stops an orphaned one, and waits (up to `timeoutMs`) while
 * another live simulated kiosk or test holds its own. A pcscd that is not ours (the system's)
 * is left to `startPcscd`, which says how to stop it.
 */
export async function makeWayForPcscd(options: {
  readonly timeoutMs: number;
  readonly notice: (message: string) => void;
}): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let told = false;
  for (;;) {
    const running = await runningPcscd();
    if (running.kind !== 'ours') return;
    if (running.orphaned) {
      await stop(running.pid);
      await rm(running.dir, { recursive: true, force: true });
      options.notice(`stopped pcscd ${running.pid} left behind by a kiosk that was killed`);
      continue;
    }
    if (Date.now() > deadline) return;
    if (!told) options.notice(`waiting for pcscd ${running.pid} (another simulated kiosk or test) to stop…`);
    told = true;
    await sleep(250);
  }
}

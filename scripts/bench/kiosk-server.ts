/**
 * Kiosk server figures: cold start to listening, RSS after start (idle: no pharmacist, so the
 * cross-check's drug reference is not loaded), idle CPU, and RSS once a pharmacist session has
 * loaded the drug reference (pharmacist-session.ts, through the dev dock and the socket) — twice:
 * as `npm start` runs it (TypeScript through tsx) and as the image runs it (compiled to
 * JavaScript, see compiled-app.ts); the budgets apply to the second, which is what ships. Both in simulated mode
 * (dev config under `.dev/`; demo keys must already exist — the first start generates them and is
 * not a "cold start" figure).
 * Simulated mode now starts the real pcscd (private vpcd reader) and the virtual printer before
 * listening: both are in the cold start; pcscd's own idle CPU is a separate figure.
 * The warm-up start also runs the pharmacist session, so the measured one loads the drug
 * reference's index from its cache in the data folder, as a kiosk does after its first pharmacist.
 * Idle CPU is measured over BENCH_IDLE_SECONDS (default 15 s, not the 60 s, to keep
 * `npm run bench` short; set BENCH_IDLE_SECONDS=60 for the full window).
 */
import { ipsFixturesDir } from '../../appliance/dev/fixtures.ts';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchFigure } from './figure.ts';
import { compileAppAsInImage } from './compiled-app.ts';
import { openPharmacistSession } from './pharmacist-session.ts';

const MAIN = path.resolve(import.meta.dirname, '..', '..', 'appliance', 'dev', 'main.ts');
const CLK_TCK = 100;

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** The pcscd this kiosk started (simulated mode), if any. */
function pcscdOf(kioskPid: number): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync('/run/pcscd/pcscd.pid', 'utf8'), 10);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === kioskPid ? pid : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export default async function bench(): Promise<BenchFigure[]> {
  const figures = await measureServer('tsx', ['--import', 'tsx', MAIN]);
  const compiled = compileAppAsInImage();
  try {
    return [...figures, ...(await measureServer('compiled', [compiled.main]))];
  } finally {
    compiled.dispose();
  }
}

/** The demo keys' source bundles, found beside the repository (the compiled copy lives elsewhere). */
const FIXTURES = ipsFixturesDir();

async function measureServer(runtime: 'tsx' | 'compiled', args: readonly string[]): Promise<BenchFigure[]> {
  const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 15);
  const prefix = runtime === 'tsx' ? 'kiosk.server' : 'kiosk.server.compiled';
  const how =
    runtime === 'tsx' ? 'TypeScript through tsx, as `npm start`' : 'compiled to JavaScript, as in the image';
  // Warm-up start (generates the dev PKI and demo keys on a fresh checkout), then the measured one.
  const figures: BenchFigure[] = [];
  for (const measured of [false, true]) {
    const started = performance.now();
    const child = spawn(process.execPath, [...args, '--simulated'], {
      env: { BALADEUR_FIXTURES: FIXTURES, ...process.env, PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        let errors = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const ready = /kiosk ready at (\S+)/.exec(out);
          if (ready?.[1]) resolve(ready[1]);
        });
        child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
        child.once('exit', (code) =>
          reject(new Error(`kiosk (${runtime}) exited with ${code} before listening:\n${errors}`)),
        );
      });
      const coldStartMs = performance.now() - started;
      if (!measured) {
        (await openPharmacistSession(url)).close();
        continue;
      }
      const pid = child.pid as number;
      await sleep(1000);
      const rss = rssMb(pid);
      const pcscd = pcscdOf(pid);
      const before = cpuTicks(pid);
      const pcscdBefore = pcscd === undefined ? 0 : cpuTicks(pcscd);
      await sleep(idleSeconds * 1000);
      const cpuPercent = ((cpuTicks(pid) - before) / CLK_TCK / idleSeconds) * 100;
      const pcscdPercent =
        pcscd === undefined ? undefined : ((cpuTicks(pcscd) - pcscdBefore) / CLK_TCK / idleSeconds) * 100;
      const session = await openPharmacistSession(url);
      await sleep(1000);
      const rssPharmacist = rssMb(pid);
      session.close();
      figures.push(
        {
          name: `${prefix}.cold_start`,
          value: Math.round(coldStartMs),
          unit: 'ms',
          note: `spawn → listening, ${how}, demo keys cached; simulated mode: includes starting pcscd${pcscd === undefined ? ' (not running: card service unavailable)' : ''} and the virtual printer`,
        },
        {
          name: `${prefix}.rss`,
          value: Number(rss.toFixed(1)),
          unit: 'MB',
          ...(runtime === 'compiled' ? { budget: '≤ 120 MB' } : {}),
          note: `RSS 1 s after listening (idle, no pharmacist: drug reference not loaded), ${how} (node only; pcscd is a separate process)`,
        },
        {
          name: `${prefix}.rss_pharmacist`,
          value: Number(rssPharmacist.toFixed(1)),
          unit: 'MB',
          note: `RSS after the drug reference is loaded (pharmacist session: card + PIN, demo key open by code, cross-check reference ready, +1 s), ${how}`,
        },
        {
          name: `${prefix}.idle_cpu`,
          value: Number(cpuPercent.toFixed(2)),
          unit: '%',
          budget: '≈ 0',
          note: `over ${idleSeconds} s (issue: 60 s; BENCH_IDLE_SECONDS)`,
        },
        ...(pcscdPercent === undefined
          ? []
          : [
              {
                name: `${prefix}.pcscd_idle_cpu`,
                value: Number(pcscdPercent.toFixed(2)),
                unit: '%',
                budget: '≈ 0',
                note: `simulated mode's private pcscd, no card, over ${idleSeconds} s`,
              },
            ]),
      );
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }
  return figures;
}

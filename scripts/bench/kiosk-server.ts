/**
 * Kiosk server figures for the one build (`npm run build`; `npm start` and the image run the same
 * compiled JavaScript): start → `/healthz` answering (cold start, demo keys already cached), RSS
 * after start (idle, no pharmacist: the drug reference is not loaded), idle CPU with the kiosk page
 * connected, and RSS once a pharmacist session has loaded the drug reference
 * (pharmacist-session.ts). Simulated mode (`dist/kiosk/dev.js`, what `npm start` runs): it starts the real pcscd
 * (private vpcd reader) and the virtual printer before listening, both in the cold start; pcscd's
 * idle CPU is its own figure (a separate process).
 * A warm-up start comes first: it creates the dev PKI and demo keys on a fresh checkout and runs
 * the pharmacist session, so the measured start finds the drug reference's index cached in its data
 * folder, as a kiosk does after its first pharmacist.
 * Idle CPU: BENCH_IDLE_SECONDS (default 60, the window), with one socket connected as the
 * kiosk page is (its pings included), no card, no key.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ipsFixturesDir } from '../../appliance/dev/fixtures.ts';
import { secretFromHtml } from '../../appliance/ui/src/lib/secret.ts';
import { freePort } from '../../test/e2e/support/kiosk-server.ts';
import { connect } from '../kiosk-client.ts';
import { DIST, ensureBuilt } from './build.ts';
import type { BenchFigure } from './figure.ts';
import { openPharmacistSession } from './pharmacist-session.ts';

const MAIN = path.join(DIST, 'kiosk', 'dev.js');
const CLK_TCK = 100;
const HEALTH_POLL_MS = 5;

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

/** Polls `/healthz` until it answers 200; rejects when the server exits first. */
async function healthy(url: string, exited: { code: number | null | undefined }, errors: () => string) {
  for (;;) {
    if (exited.code !== undefined)
      throw new Error(`kiosk exited with ${exited.code} before /healthz:\n${errors()}`);
    try {
      if ((await fetch(`${url}healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(HEALTH_POLL_MS);
  }
}

interface Measured {
  readonly coldStartMs: number;
  readonly rss: number;
  readonly rssPharmacist: number;
  readonly cpuPercent: number;
  readonly pcscdPercent: number | undefined;
}

async function run(measured: boolean, idleSeconds: number): Promise<Measured | undefined> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { BALADEUR_FIXTURES: ipsFixturesDir(), ...process.env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
  const exited: { code: number | null | undefined } = { code: undefined };
  const gone = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited.code = code;
      resolve();
    }),
  );
  try {
    await healthy(url, exited, () => errors);
    const coldStartMs = performance.now() - started;
    if (!measured) {
      (await openPharmacistSession(url)).close();
      return undefined;
    }
    const pid = child.pid as number;
    await sleep(1000);
    const rss = rssMb(pid);
    const page = await connect(url, { secret: secretFromHtml(await (await fetch(url)).text()) });
    await sleep(1000);
    const pcscd = pcscdOf(pid);
    const before = cpuTicks(pid);
    const pcscdBefore = pcscd === undefined ? 0 : cpuTicks(pcscd);
    await sleep(idleSeconds * 1000);
    const cpuPercent = ((cpuTicks(pid) - before) / CLK_TCK / idleSeconds) * 100;
    const pcscdPercent =
      pcscd === undefined ? undefined : ((cpuTicks(pcscd) - pcscdBefore) / CLK_TCK / idleSeconds) * 100;
    page.close();
    const session = await openPharmacistSession(url);
    await sleep(1000);
    const rssPharmacist = rssMb(pid);
    session.close();
    return { coldStartMs, rss, rssPharmacist, cpuPercent, pcscdPercent };
  } finally {
    child.kill('SIGTERM');
    await gone;
  }
}

export default async function bench(): Promise<BenchFigure[]> {
  ensureBuilt();
  const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
  await run(false, idleSeconds);
  const m = await run(true, idleSeconds);
  if (m === undefined) throw new Error('no measured start');
  return [
    {
      name: 'kiosk.server.cold_start_ms',
      value: Math.round(m.coldStartMs),
      unit: 'ms',
      budget: '≤ 1500 ms',
      note: `spawn → /healthz 200 (polled every ${HEALTH_POLL_MS} ms), bundled dev kiosk (dist/kiosk/dev.js, what npm start runs), demo keys cached; includes starting pcscd${m.pcscdPercent === undefined ? ' (not running: card service unavailable)' : ''} and the virtual printer`,
    },
    {
      name: 'kiosk.server.rss_mb',
      value: Number(m.rss.toFixed(1)),
      unit: 'MB',
      budget: '≤ 120 MB',
      note: 'RSS 1 s after /healthz (idle, no pharmacist: drug reference not loaded); node only, pcscd is a separate process',
    },
    {
      name: 'kiosk.server.rss_pharmacist_mb',
      value: Number(m.rssPharmacist.toFixed(1)),
      unit: 'MB',
      note: 'RSS after the drug reference is loaded (pharmacist session: card + PIN, demo key open by code, cross-check reference ready, +1 s)',
    },
    {
      name: 'kiosk.server.idle_cpu',
      value: Number(m.cpuPercent.toFixed(2)),
      unit: '%',
      budget: '≤ 0.5 % over 60 s',
      note: `node, over ${idleSeconds} s (BENCH_IDLE_SECONDS), one page socket connected, no card, no key; /proc ticks are 10 ms, so 0.02 % is one tick a minute`,
    },
    ...(m.pcscdPercent === undefined
      ? []
      : [
          {
            name: 'kiosk.server.pcscd_idle_cpu',
            value: Number(m.pcscdPercent.toFixed(2)),
            unit: '%',
            note: `simulated mode's private pcscd, no card, over ${idleSeconds} s`,
          },
        ]),
  ];
}

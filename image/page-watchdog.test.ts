/**
 * HZ-11: the image's page watchdog (usr/local/lib/baladeur/page-watchdog) run for real against a
 * stand-in /healthz on loopback, watching a stand-in browser process. Limit 2 s, checked every 1 s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const WATCHDOG = join(import.meta.dirname, 'rootfs/usr/local/lib/baladeur/page-watchdog');
const running: ChildProcess[] = [];
let server: Server | undefined;

afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
  if (server) await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A stand-in kiosk server: `/healthz` answers what `health()` says, or 503 when it says undefined. */
async function healthServer(health: () => object | undefined): Promise<string> {
  server = createServer((req, res) => {
    const body = req.url === '/healthz' ? health() : undefined;
    if (body === undefined) res.writeHead(503).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
}

function start(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH,
      BALADEUR_PAGE_WATCHDOG_SECONDS: '2',
      BALADEUR_PAGE_WATCHDOG_INTERVAL: '1',
    },
  });
  running.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

describe('page watchdog (HZ-11)', () => {
  it('HZ-11 stops a browser that never connects a page while the server answers, and says so', async () => {
    const url = await healthServer(() => ({ status: 'ok', provisioned: true, pages: 0 }));
    const browser = start('sleep', ['60']);
    const watchdog = start('sh', [WATCHDOG, String(browser.pid), url]);
    let stderr = '';
    watchdog.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [browserEnd, watchdogEnd] = await Promise.all([exited(browser), exited(watchdog)]);
    expect(browserEnd).toEqual([null, 'SIGTERM']);
    expect(watchdogEnd).toEqual([1, null]);
    expect(stderr).toContain('kiosk_browser.page_watchdog');
  });

  it('HZ-11 leaves a browser alone while a page is connected (10 pages is not 0)', async () => {
    const url = await healthServer(() => ({ status: 'ok', provisioned: true, pages: 10 }));
    const browser = start('sleep', ['60']);
    const watchdog = start('sh', [WATCHDOG, String(browser.pid), url]);
    await sleep(4500);
    expect(alive(browser)).toBe(true);
    expect(alive(watchdog)).toBe(true);
    // When the browser ends by itself, the watchdog ends too, without failing.
    browser.kill('SIGKILL');
    expect(await exited(watchdog)).toEqual([0, null]);
  });

  it('HZ-11 does not count while the server is down (that is the out-of-service page’s case)', async () => {
    const url = await healthServer(() => undefined);
    const browser = start('sleep', ['60']);
    const watchdog = start('sh', [WATCHDOG, String(browser.pid), url]);
    await sleep(4500);
    expect(alive(browser)).toBe(true);
    expect(alive(watchdog)).toBe(true);
  });

  it('HZ-11 starts counting again when a page connects before the limit', async () => {
    // Answers alternate 0 pages, 1 page: never two checks (the 2 s limit) of "0" in a row.
    let checks = 0;
    const url = await healthServer(() => ({ status: 'ok', provisioned: true, pages: checks++ % 2 }));
    const browser = start('sleep', ['60']);
    const watchdog = start('sh', [WATCHDOG, String(browser.pid), url]);
    await sleep(5500);
    expect(checks).toBeGreaterThanOrEqual(3);
    expect(alive(browser)).toBe(true);
    expect(alive(watchdog)).toBe(true);
  });
});

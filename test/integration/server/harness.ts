/** Starts an in-process kiosk on a free loopback port with a temporary data folder. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { ensureDevPki } from '../../../appliance/dev/pki/dev-pki.ts';
import type { Command, CommandAck } from '../../../appliance/contract/commands.ts';
import type { DrugLoader } from '../../../appliance/server/crosscheck-adapter.ts';
import { startKiosk, type DevKiosk as Kiosk } from '../../../appliance/dev/kiosk.ts';
import { createLogger } from '../../../appliance/server/logger.ts';

export const DEMO = 'IPS_IG-bundle-01';

/** The kiosk's event logger, writing into an array the test can read (HZ-12 scans, events). */
export function capturedLogger(): { readonly log: ReturnType<typeof createLogger>; readonly logs: string[] } {
  const logs: string[] = [];
  const log = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  });
  return { log, logs };
}

export interface TestKiosk {
  readonly kiosk: Kiosk;
  readonly dir: string;
  readonly logs: string[];
  readonly base: string;
  close(): Promise<void>;
}

export interface TestKioskOptions {
  readonly simulated?: boolean;
  readonly idleSeconds?: number;
  /**
   * Simulated cards: `memory` (default here, fast) or `pcscd` (the real pcscd + virtual PIV cards,
   * as `npm start` runs; one at a time per machine); `memory+softhsm` adds the SoftHSM CPS cards.
   */
  readonly cards?: 'memory' | 'memory+softhsm' | 'pcscd';
  /** The drug reference loader (default: the shipped BDPM release). */
  readonly drugs?: DrugLoader;
}

export async function startTestKiosk(options: TestKioskOptions = {}): Promise<TestKiosk> {
  const pki = await ensureDevPki();
  const dir = mkdtempSync(path.join(tmpdir(), 'baladeur-kiosk-'));
  const configFile = path.join(dir, 'kiosk.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      site: { name: 'Test site' },
      printer: { width: 80, codePage: 'pc858', transport: { type: 'simulated' } },
      trustAnchors: [pki.testCa.certPath],
      emergencyKeyring: [pki.emergency.privateJwkPath],
      timeouts: { idleSeconds: options.idleSeconds ?? 120 },
      // Production mode runs the real PC/SC driver against whatever pcscd runs on this machine
      // (another test's private one, maybe): it must never pick up that test's reader.
      ...(options.simulated === false ? { cardReader: { namePattern: '^no reader in tests$' } } : {}),
      dataDir: path.join(dir, 'data'),
    }),
  );
  const { log, logs } = capturedLogger();
  const kiosk = await startKiosk({
    simulated: options.simulated ?? true,
    configFile,
    port: 0,
    pkiDir: pki.dir,
    log,
    ...(options.drugs ? { drugs: options.drugs } : {}),
    env: {
      ...process.env,
      BALADEUR_DEMO_P2C: '1000',
      BALADEUR_DEMO_ONLY: DEMO,
      BALADEUR_SIM_CARD: options.cards ?? 'memory',
    },
  });
  return {
    kiosk,
    dir,
    logs,
    base: `http://127.0.0.1:${kiosk.port}`,
    async close() {
      await kiosk.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { connect, viewWhere, type Client } from '../../../scripts/kiosk-client.ts';

export { connect, viewWhere, type Client } from '../../../scripts/kiosk-client.ts';

export function send(socket: Client, command: Command | Record<string, unknown>): Promise<CommandAck> {
  return socket.timeout(10_000).emitWithAck('command', command as Command);
}

export async function dock(
  base: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const get = route === 'state' || route === 'printer/last';
  const response = await fetch(`${base}/dev/${route}`, {
    method: get ? 'GET' : 'POST',
    headers: get ? {} : { 'content-type': 'application/json' },
    ...(get ? {} : { body: JSON.stringify(body ?? {}) }),
  });
  const text = await response.text();
  try {
    return { status: response.status, json: JSON.parse(text) as Record<string, unknown> };
  } catch {
    return { status: response.status, json: { text } };
  }
}

/** A test kiosk, the page's socket connected to it, and the demo key's patient code (from the dock). */
export interface ConnectedKiosk {
  readonly t: TestKiosk;
  readonly socket: Client;
  readonly demoCode: string;
}

export async function connectedKiosk(options: TestKioskOptions = {}): Promise<ConnectedKiosk> {
  const t = await startTestKiosk(options);
  let socket: Client | undefined;
  try {
    socket = await connect(t.base, { secret: t.kiosk.secret });
    const state = await dock(t.base, 'state');
    const demoCode =
      (state.json.demoKeys as { name: string; code: string }[]).find((k) => k.name === DEMO)?.code ?? '';
    return { t, socket, demoCode };
  } catch (error) {
    await closeKiosk(t, socket);
    throw error;
  }
}

/** Closes what `connectedKiosk` opened (either may be missing when the set-up failed). */
export async function closeKiosk(t: TestKiosk | undefined, socket: Client | undefined): Promise<void> {
  socket?.close();
  await t?.close();
}

/** The dock inserts a `profile` card and its PIN is typed: resolves once the card is authenticated. */
export async function logIn(
  base: string,
  socket: Client,
  profile: string,
  pin: string,
  timeoutMs?: number,
): Promise<void> {
  await dock(base, 'card/insert', { profile });
  await viewWhere(socket, (v) => v.card.status === 'pin_entry', timeoutMs);
  await send(socket, { type: 'pin.submit', pin });
  await viewWhere(socket, (v) => v.card.status === 'authenticated', timeoutMs);
}

/**
 * The simulated kiosk as `npm start` runs it: the real pcscd (private vpcd reader), the real PC/SC
 * driver and virtual PIV cards; the real ESC/POS driver over TCP to the virtual printer — all
 * driven through the dev dock. Then the process level: a kiosk stopped by a signal stops its
 * pcscd, and one killed outright does not block the next start.
 */
import { softHsmAvailable } from '../../../appliance/dev/dock/sim-cards-softhsm.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevPki } from '../../../appliance/dev/pki/dev-pki.ts';
import {
  connect,
  dock,
  DEMO,
  send,
  startTestKiosk,
  viewWhere,
  type Client,
  type TestKiosk,
} from './harness.ts';

const CLINICAL = ['DeLarosa', 'Martha', 'penicillin'];
const PID_FILE = '/run/pcscd/pcscd.pid';
const REPO = path.resolve(import.meta.dirname, '..', '..', '..');

function expectNoClinicalText(text: string): void {
  for (const word of CLINICAL) expect(text.toLowerCase()).not.toContain(word.toLowerCase());
}

function pcscdPid(): number | undefined {
  if (!existsSync(PID_FILE)) return undefined;
  const pid = Number.parseInt(readFileSync(PID_FILE, 'utf8'), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Running and not a zombie. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('simulated kiosk over the real pcscd, virtual PIV cards and the virtual printer', () => {
  let t: TestKiosk;
  let socket: Client;

  beforeAll(async () => {
    t = await startTestKiosk({ cards: 'pcscd' });
    socket = await connect(t.base, { secret: t.kiosk.secret });
  }, 150_000);

  afterAll(async () => {
    socket?.close();
    await t?.close();
  });

  it('GET /dev/state lists every simulated card and the virtual reader is empty', async () => {
    const state = await dock(t.base, 'state');
    const profiles = (state.json.profiles as { profile: string }[]).map((p) => p.profile);
    expect(profiles).toEqual([
      'doctor',
      'nurse',
      'pharmacist',
      'midwife',
      'technician',
      'nurse-expired',
      'nurse-untrusted',
      'blocked',
      'garbage',
      // The CPS-like PKCS#11 cards on SoftHSM, when softhsm2 is installed (issue 17).
      ...(softHsmAvailable()
        ? [
            'cps-doctor',
            'cps-nurse',
            'cps-pharmacist',
            'cps-midwife',
            'cps-technician',
            'cps-expired',
            'cps-revoked',
            'cps-blocked',
          ]
        : []),
    ]);
    expect(state.json.devices).toMatchObject({
      card: { profile: null, reader: 'no_card' },
      printer: 'ready',
    });
  });

  it('HZ-15 HZ-07 nurse card + PIN, demo key, emergency access, print → the receipt the printer received has the allergy; card pulled → session wiped', async () => {
    expect((await dock(t.base, 'card/insert', { profile: 'nurse' })).status).toBe(200);
    await viewWhere(socket, (v) => v.card.status === 'pin_entry', 20_000);
    expect(await send(socket, { type: 'pin.submit', pin: '606060' })).toEqual({ ok: true });
    const authenticated = await viewWhere(socket, (v) => v.card.status === 'authenticated', 20_000);
    expect(authenticated.card).toMatchObject({ profession: 'nurse' });

    await dock(t.base, 'usb-key/insert', { demo: DEMO });
    await viewWhere(socket, (v) => v.key.status === 'locked');
    await send(socket, { type: 'break_glass.open' });
    const choosing = await viewWhere(socket, (v) => v.breakGlass.status === 'choosing_reason');
    if (choosing.breakGlass.status !== 'choosing_reason') throw new Error('no reasons');
    await send(socket, { type: 'break_glass.confirm', reason: choosing.breakGlass.reasons[0] as string });
    const open = await viewWhere(socket, (v) => v.key.status === 'open');
    expect(open.key).toMatchObject({ status: 'open', tier: 'emergency', breakGlass: true });

    expect((await dock(t.base, 'printer/last')).status).toBe(404);
    expect(await send(socket, { type: 'print.start' })).toEqual({ ok: true });
    await viewWhere(socket, (v) => v.print.status === 'done', 20_000);
    const last = await dock(t.base, 'printer/last');
    expect(last.status).toBe(200);
    expect(last.json.jobs).toBe(1);
    expect(String(last.json.transcript).toLowerCase()).toContain('penicillin');
    expect(String(last.json.png)).toMatch(/^data:image\/png;base64,/);

    expect((await dock(t.base, 'card/remove')).status).toBe(200);
    const wiped = await viewWhere(socket, (v) => v.card.status === 'absent', 10_000);
    expect(wiped.key.status).toBe('locked');
    expectNoClinicalText(JSON.stringify(wiped));
    await dock(t.base, 'usb-key/remove');
  });

  it('HZ-07 a printer with its cover open fails the job instead of reporting it printed', async () => {
    await dock(t.base, 'card/insert', { profile: 'doctor' });
    await viewWhere(socket, (v) => v.card.status === 'pin_entry', 20_000);
    await send(socket, { type: 'pin.submit', pin: '101010' });
    await viewWhere(socket, (v) => v.card.status === 'authenticated', 20_000);
    await dock(t.base, 'usb-key/insert', { demo: DEMO });
    await viewWhere(socket, (v) => v.key.status === 'locked');
    await send(socket, { type: 'break_glass.open' });
    const choosing = await viewWhere(socket, (v) => v.breakGlass.status === 'choosing_reason');
    if (choosing.breakGlass.status !== 'choosing_reason') throw new Error('no reasons');
    await send(socket, { type: 'break_glass.confirm', reason: choosing.breakGlass.reasons[0] as string });
    await viewWhere(socket, (v) => v.key.status === 'open');

    await dock(t.base, 'printer/state', { state: 'cover_open' });
    await viewWhere(socket, (v) => v.devices.printer === 'cover_open');
    await send(socket, { type: 'print.start' });
    const waiting = await viewWhere(socket, (v) => v.print.status === 'waiting' || v.print.status === 'done');
    expect(waiting.print).toEqual({ status: 'waiting', printer: 'cover_open' });
    expect((await dock(t.base, 'printer/last')).json.jobs).toBe(1);
    await dock(t.base, 'printer/state', { state: 'ready' });
    await viewWhere(socket, (v) => v.print.status === 'done', 20_000);
    expect((await dock(t.base, 'printer/last')).json.jobs).toBe(2);
    await dock(t.base, 'usb-key/remove');
    await dock(t.base, 'card/remove');
    await viewWhere(socket, (v) => v.card.status === 'absent', 10_000);
  });

  it('HZ-15 a wrong PIN is counted on the card itself: pulling and re-inserting it keeps the count', async () => {
    await dock(t.base, 'card/insert', { profile: 'pharmacist' });
    await viewWhere(socket, (v) => v.card.status === 'pin_entry', 20_000);
    await send(socket, { type: 'pin.submit', pin: '000000' });
    const wrong = await viewWhere(
      socket,
      (v) => v.card.status === 'pin_entry' && v.card.lastAttemptWrong,
      20_000,
    );
    expect(wrong.card).toMatchObject({ retriesLeft: 2 });
    await dock(t.base, 'card/remove');
    await viewWhere(socket, (v) => v.card.status === 'absent', 10_000);
    await dock(t.base, 'card/insert', { profile: 'pharmacist' });
    // The card is asked for its retry counter once inserted (VERIFY without data).
    const again = await viewWhere(
      socket,
      (v) => v.card.status === 'pin_entry' && v.card.retriesLeft !== undefined,
      20_000,
    );
    expect(again.card).toMatchObject({ retriesLeft: 2 });
    await send(socket, { type: 'pin.submit', pin: '212121' });
    await viewWhere(socket, (v) => v.card.status === 'authenticated', 20_000);
  });

  it('inserting a card pulls the one in the reader first; blocked (alias nurse-blocked), expired and garbage cards', async () => {
    expect((await dock(t.base, 'card/insert', { profile: 'nurse-blocked' })).status).toBe(200);
    await viewWhere(socket, (v) => v.card.status === 'blocked', 20_000);
    expect((await dock(t.base, 'state')).json.devices).toMatchObject({ card: { profile: 'blocked' } });

    await dock(t.base, 'card/insert', { profile: 'nurse-expired' });
    await viewWhere(socket, (v) => v.card.status === 'pin_entry', 20_000);
    await send(socket, { type: 'pin.submit', pin: '606060' });
    const rejected = await viewWhere(socket, (v) => v.card.status === 'rejected', 20_000);
    expect(rejected.card).toEqual({ status: 'rejected', reason: 'expired' });

    await dock(t.base, 'card/insert', { profile: 'garbage' });
    const garbage = await viewWhere(socket, (v) => v.card.status === 'card_error', 20_000);
    expect(garbage.card).toMatchObject({ status: 'card_error' });
    expect((await dock(t.base, 'card/insert', { profile: 'nobody' })).status).toBe(404);
    await dock(t.base, 'card/remove');
    await viewWhere(socket, (v) => v.card.status === 'absent', 10_000);
  });
});

describe('the simulated kiosk process and its pcscd', () => {
  let dir: string;
  let configFile: string;
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    const pki = await ensureDevPki();
    dir = mkdtempSync(path.join(tmpdir(), 'baladeur-pcscd-kiosk-'));
    configFile = path.join(dir, 'kiosk.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        site: { name: 'Test site' },
        printer: { transport: { type: 'simulated' } },
        trustAnchors: [pki.testCa.certPath],
        emergencyKeyring: [pki.emergency.privateJwkPath],
        dataDir: path.join(dir, 'data'),
      }),
    );
  });

  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts main.ts --simulated; resolves once it listens, with its pcscd's pid. */
  async function startMain(): Promise<{ child: ChildProcess; pcscd: number; output: () => string }> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'appliance/dev/main.ts', '--simulated', '--config', configFile],
      {
        cwd: REPO,
        env: {
          ...process.env,
          PORT: '0',
          LOG_LEVEL: 'warn',
          BALADEUR_DEMO_P2C: '1000',
          BALADEUR_DEMO_ONLY: DEMO,
          BALADEUR_SIM_CARD: 'pcscd',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.add(child);
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('kiosk ready at')) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`kiosk exited (${code}): ${output.slice(-1000)}`)));
    });
    const pcscd = pcscdPid();
    if (pcscd === undefined) throw new Error(`no pcscd: ${output.slice(-1000)}`);
    return { child, pcscd, output: () => output };
  }

  const exit = (child: ChildProcess) =>
    new Promise<number | null>((resolve) =>
      child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
    );

  it('HZ-11 SIGTERM stops the kiosk and its pcscd; a kiosk killed with SIGKILL does not block the next start', async () => {
    const first = await startMain();
    expect(running(first.pcscd)).toBe(true);
    first.child.kill('SIGTERM');
    expect(await exit(first.child)).toBe(0);
    expect(running(first.pcscd)).toBe(false);
    expect(existsSync(PID_FILE)).toBe(false);

    const second = await startMain();
    second.child.kill('SIGKILL');
    await exit(second.child);
    // Its pcscd outlives it (nothing can stop a child on SIGKILL) …
    expect(running(second.pcscd)).toBe(true);

    // … and the next kiosk stops that orphan (or another simulated kiosk on this machine did) and
    // starts its own.
    const third = await startMain();
    expect(third.pcscd).not.toBe(second.pcscd);
    expect(running(second.pcscd)).toBe(false);
    third.child.kill('SIGINT');
    expect(await exit(third.child)).toBe(0);
    expect(running(third.pcscd)).toBe(false);
  }, 150_000);
});

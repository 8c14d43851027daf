/**
 * Technician mode through the real kiosk (simulated devices, socket.io): commands refused for
 * anyone else, a patient key never read in technician mode, test print, reboot and export
 * audited, and an export onto a patient's key refused.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

let t: TestKiosk;
let socket: Client;

beforeAll(async () => {
  t = await startTestKiosk();
  socket = await connect(t.base, { secret: t.kiosk.secret });
}, 120_000);

afterAll(async () => {
  socket?.close();
  await t?.close();
});

async function login(profile: string, pin: string): Promise<void> {
  await dock(t.base, 'card/remove');
  await dock(t.base, 'card/insert', { profile });
  await viewWhere(socket, (v) => v.card.status === 'pin_entry');
  expect(await send(socket, { type: 'pin.submit', pin })).toEqual({ ok: true });
  await viewWhere(socket, (v) => v.card.status === 'authenticated');
}

const technicianOpen = (v: { technician?: { status: string } }) => v.technician?.status === 'open';

describe('technician mode in the kiosk', () => {
  it('HZ-06 a doctor cannot run technician commands', async () => {
    await login('doctor', '101010');
    for (const type of ['technician.diagnostics', 'technician.reboot', 'technician.provision'] as const) {
      expect(await send(socket, { type })).toEqual({ ok: false, error: 'not_allowed_now' });
    }
    expect(socket.last?.technician?.status ?? 'closed').toBe('closed');
  });

  it('HZ-15 in technician mode a patient key is not read; export onto it is refused', async () => {
    await login('technician', '999999');
    const view = await viewWhere(socket, technicianOpen);
    expect(view.technician).toMatchObject({ status: 'open', keyPresent: false });
    await viewWhere(socket, (v) => v.technician?.status === 'open' && v.technician.version !== undefined);

    await dock(t.base, 'usb-key/insert', { demo: DEMO });
    const withKey = await viewWhere(
      socket,
      (v) => v.technician?.status === 'open' && v.technician.keyPresent,
    );
    expect(withKey.key.status).toBe('absent');
    expect(t.logs.join('').includes('"event":"usb_key.read"')).toBe(false);

    expect(await send(socket, { type: 'technician.export' })).toEqual({ ok: true });
    const failed = await viewWhere(
      socket,
      (v) => v.technician?.status === 'open' && v.technician.export.status === 'failed',
      20_000,
    );
    expect(JSON.stringify(failed)).not.toMatch(/DeLarosa|Martha/);
  });

  it('test print and reboot run and are audited; the technician leaving reads the key as a patient key', async () => {
    expect(await send(socket, { type: 'technician.test_print' })).toEqual({ ok: true });
    await viewWhere(
      socket,
      (v) => v.technician?.status === 'open' && v.technician.testPrint.status === 'done',
      20_000,
    );
    expect(await send(socket, { type: 'technician.reboot' })).toEqual({ ok: true });
    await viewWhere(
      socket,
      (v) => v.technician?.status === 'open' && v.technician.reboot.status === 'simulated',
    );

    const db = new Database(t.kiosk.auditFile, { readonly: true });
    const rows = db
      .prepare("SELECT actor_profession, detail FROM audit WHERE event = 'technician_action' ORDER BY seq")
      .all() as { actor_profession: string; detail: string }[];
    db.close();
    expect(rows.map((r) => [r.actor_profession, JSON.parse(r.detail)])).toEqual([
      ['technician', { action: 'export', outcome: 'patient_key' }],
      ['technician', { action: 'test_print', outcome: 'printed' }],
      ['technician', { action: 'reboot', outcome: 'simulated' }],
    ]);
    expect(t.logs.join('')).toContain('"event":"technician.test_print"');

    await dock(t.base, 'card/remove');
    const after = await viewWhere(
      socket,
      (v) => v.technician?.status !== 'open' && v.key.status === 'locked',
      20_000,
    );
    expect(after.key.status).toBe('locked');
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPatientCode } from '../../../appliance/record/code/patient-code.ts';
import { demoCode as demoCodeFor } from '../../../appliance/dev/dock/demo-keys.ts';
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

/** Texts of the demo bundle that must never outlive the session (HZ-01, HZ-12). */
const CLINICAL = ['DeLarosa', 'Martha', 'penicillin'];

let t: TestKiosk;
let socket: Client;
let demoCode: string;

beforeAll(async () => {
  t = await startTestKiosk();
  socket = await connect(t.base, { secret: t.kiosk.secret });
  const state = await dock(t.base, 'state');
  const demo = (state.json.demoKeys as { name: string; code: string }[]).find((k) => k.name === DEMO);
  demoCode = demo?.code ?? '';
});

afterAll(async () => {
  socket?.close();
  await t?.close();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function expectNoClinicalText(text: string): void {
  for (const word of CLINICAL) expect(text.toLowerCase()).not.toContain(word.toLowerCase());
}

describe('kiosk over socket.io with the dev dock', () => {
  it('pushes the welcome view on connect', async () => {
    const view = await viewWhere(socket, () => true);
    expect(view).toMatchObject({
      mode: 'simulated',
      card: { status: 'absent' },
      key: { status: 'absent' },
      site: { name: 'Test site' },
    });
  });

  it('HZ-12 /dev/state lists demo cards with PINs and demo keys with codes', async () => {
    const state = await dock(t.base, 'state');
    expect(state.json.profiles).toContainEqual(
      expect.objectContaining({ profile: 'pharmacist', pin: '212121' }),
    );
    expect(demoCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  });

  it('pharmacist: card, PIN, key, wrong code, right code → full tier summary', async () => {
    expect((await dock(t.base, 'card/insert', { profile: 'pharmacist' })).status).toBe(200);
    await viewWhere(socket, (v) => v.card.status === 'pin_entry');
    expect(await send(socket, { type: 'pin.submit', pin: '212121' })).toEqual({ ok: true });
    await viewWhere(socket, (v) => v.card.status === 'authenticated');
    await dock(t.base, 'usb-key/insert', { demo: DEMO });
    await viewWhere(socket, (v) => v.key.status === 'locked');
    // A well-formed code (valid check character) that is not this key's: a counted wrong attempt.
    const wrong = formatPatientCode(demoCodeFor('not-this-key'));
    await send(socket, { type: 'code.submit', code: wrong });
    const afterWrong = await viewWhere(
      socket,
      (v) => v.key.status === 'locked' && v.key.lastError !== undefined,
    );
    expect(afterWrong.key).toEqual({ status: 'locked', failedAttempts: 1, lastError: 'wrong_code' });
    await send(socket, { type: 'code.submit', code: demoCode });
    const open = await viewWhere(socket, (v) => v.key.status === 'open');
    if (open.key.status !== 'open') throw new Error('not open');
    expect(open.key.tier).toBe('full');
    expect(open.key.verification.status).toBe('valid');
    expect(JSON.stringify(open.key.summary)).toContain('penicillin');
  });

  it('prints the summary and the dock returns a transcript and a PNG preview', async () => {
    expect(await send(socket, { type: 'print.start' })).toEqual({ ok: true });
    await viewWhere(socket, (v) => v.print.status === 'done', 25_000);
    const last = await dock(t.base, 'printer/last');
    expect(last.status).toBe(200);
    expect(String(last.json.transcript).toLowerCase()).toContain('penicillin');
    expect(String(last.json.png)).toMatch(/^data:image\/png;base64,/);
  });

  it('HZ-01 HZ-12 pulling the key wipes the record from the pushed view', async () => {
    expect(await dock(t.base, 'usb-key/remove')).toMatchObject({ status: 200 });
    const view = await viewWhere(socket, (v) => v.key.status === 'absent');
    expectNoClinicalText(JSON.stringify(view));
    expect(view.card.status).toBe('authenticated');
  });

  it('HZ-06 nurse: break-glass with a reason opens the emergency tier', async () => {
    await dock(t.base, 'card/insert', { profile: 'nurse' });
    await viewWhere(socket, (v) => v.card.status === 'pin_entry');
    await send(socket, { type: 'pin.submit', pin: '606060' });
    await viewWhere(socket, (v) => v.card.status === 'authenticated');
    await dock(t.base, 'usb-key/insert', { demo: DEMO });
    await viewWhere(socket, (v) => v.key.status === 'locked');
    await send(socket, { type: 'break_glass.open' });
    const choosing = await viewWhere(socket, (v) => v.breakGlass.status === 'choosing_reason');
    if (choosing.breakGlass.status !== 'choosing_reason') throw new Error('no reasons');
    await send(socket, { type: 'break_glass.confirm', reason: choosing.breakGlass.reasons[0] as string });
    const open = await viewWhere(socket, (v) => v.key.status === 'open');
    expect(open.key).toMatchObject({ status: 'open', tier: 'emergency', breakGlass: true });
  });

  it('HZ-15 HZ-01 pulling the card wipes the record', async () => {
    await dock(t.base, 'card/remove');
    const view = await viewWhere(socket, (v) => v.card.status === 'absent');
    expect(view.key.status).toBe('locked');
    expectNoClinicalText(JSON.stringify(view));
  });

  it('rejects malformed commands with invalid_command', async () => {
    expect(await send(socket, { type: 'pin.submit', pin: 'abc' })).toEqual({
      ok: false,
      error: 'invalid_command',
    });
    // Well-formed but not possible now (no record open). (With no card, a patient code is allowed:
    // the patient's own view, issue 19.)
    expect(await send(socket, { type: 'print.start' })).toEqual({
      ok: false,
      error: 'not_allowed_now',
    });
  });

  it('HZ-12 no clinical text in the logs, the audit database or the data folder', async () => {
    expect((await dock(t.base, 'usb-key/remove')).status).toBe(200);
    expectNoClinicalText(t.logs.join('\n'));
    expect(t.logs.join('\n')).toContain('"event":"usb_key.unlock"');
    const db = new Database(t.kiosk.auditFile, { readonly: true });
    const rows = db.prepare('SELECT * FROM audit').all() as { event: string }[];
    db.close();
    expectNoClinicalText(JSON.stringify(rows));
    expect(rows.map((r) => r.event)).toEqual(
      expect.arrayContaining(['card_authenticated', 'wrong_code', 'key_opened', 'print', 'break_glass']),
    );
    // data/cache holds the drug reference index built from the shipped public BDPM files: drug
    // names such as "pénicilline" are in it by design and say nothing about a patient.
    for (const file of filesUnder(path.join(t.dir, 'data')).filter(
      (f) => !f.includes(`${path.sep}cache${path.sep}`),
    ))
      expectNoClinicalText(readFileSync(file).toString('latin1'));
  });
});

/**
 * The pharmacist's cross-check through the real kiosk over socket.io (issue 7): the demo key
 * IPS_IG-bundle-01 records a high-criticality penicillin allergy (SNOMED 373270004).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrossCheckView, SessionView } from '../../../appliance/contract/session-view.ts';
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

// Real boxes from the shipped BDPM release.
const AMOXICILLINE = '3400933857042'; // AMOXICILLINE BIOGARAN 500 mg, gélule
const DOLIPRANE = '3400935955838'; // DOLIPRANE 1000 mg, comprimé
const GS = '\u001d';

let t: TestKiosk;
let socket: Client;
let demoCode: string;

const crosscheckOf = (v: SessionView): CrossCheckView | undefined =>
  v.key.status === 'open' ? v.key.crosscheck : undefined;

async function login(profile: 'pharmacist' | 'nurse', pin: string): Promise<void> {
  await dock(t.base, 'card/remove');
  await dock(t.base, 'usb-key/remove');
  await dock(t.base, 'card/insert', { profile });
  await viewWhere(socket, (v) => v.card.status === 'pin_entry');
  expect(await send(socket, { type: 'pin.submit', pin })).toEqual({ ok: true });
  await viewWhere(socket, (v) => v.card.status === 'authenticated');
  await dock(t.base, 'usb-key/insert', { demo: DEMO });
  await viewWhere(socket, (v) => v.key.status === 'locked');
  await send(socket, { type: 'code.submit', code: demoCode });
  await viewWhere(socket, (v) => v.key.status === 'open');
}

beforeAll(async () => {
  t = await startTestKiosk();
  socket = await connect(t.base, { secret: t.kiosk.secret });
  const state = await dock(t.base, 'state');
  const demo = (state.json.demoKeys as { name: string; code: string }[]).find((k) => k.name === DEMO);
  demoCode = demo?.code ?? '';
}, 120_000);

afterAll(async () => {
  socket?.close();
  await t?.close();
});

describe('cross-check over socket.io', () => {
  it('HZ-06 a nurse with the key open by code gets no cross-check and its commands are refused', async () => {
    await login('nurse', '606060');
    expect(crosscheckOf(socket.last as SessionView)).toBeUndefined();
    expect(await send(socket, { type: 'crosscheck.open' })).toEqual({ ok: false, error: 'not_allowed_now' });
    expect(await send(socket, { type: 'crosscheck.scan', text: `010${AMOXICILLINE}` })).toEqual({
      ok: false,
      error: 'not_allowed_now',
    });
  });

  it('a malformed cross-check command is refused as invalid', async () => {
    expect(await send(socket, { type: 'crosscheck.add_product', cis: 'abc' })).toEqual({
      ok: false,
      error: 'invalid_command',
    });
  });

  it('HZ-08 HZ-09 pharmacist: amoxicilline box → red (penicillin allergy), paracetamol → green', async () => {
    await login('pharmacist', '212121');
    const ready = await viewWhere(socket, (v) => crosscheckOf(v)?.reference === 'ready');
    expect(crosscheckOf(ready)).toMatchObject({ visible: false, boxCount: 0 });
    expect(await send(socket, { type: 'crosscheck.open' })).toEqual({ ok: true });
    expect(
      await send(socket, {
        type: 'crosscheck.scan',
        text: `010${AMOXICILLINE}17281231${'10'}LOT-A1${GS}21SER1`,
      }),
    ).toEqual({ ok: true });
    expect(await send(socket, { type: 'crosscheck.scan', text: DOLIPRANE })).toEqual({ ok: true });
    const view = await viewWhere(socket, (v) => crosscheckOf(v)?.result?.boxes.length === 2);
    const boxes = crosscheckOf(view)?.result?.boxes ?? [];
    expect(boxes[0]).toMatchObject({ status: 'red', lot: 'LOT-A1', expiry: '2028-12-31', expired: false });
    expect(boxes[0]?.findings.find((f) => f.kind === 'allergy')?.reason).toMatch(/penicillin/i);
    expect(boxes[1]).toMatchObject({ status: 'green', findings: [] });
    expect(crosscheckOf(view)?.result?.notices.join(' ')).toMatch(/pharmacien/);
  });

  it('search returns up to 10 matches; remove drops a box', async () => {
    expect(await send(socket, { type: 'crosscheck.search', query: 'doliprane' })).toEqual({ ok: true });
    const searched = await viewWhere(socket, (v) => (crosscheckOf(v)?.search?.matches.length ?? 0) > 0);
    expect(crosscheckOf(searched)?.search?.matches.length).toBeLessThanOrEqual(10);
    expect(await send(socket, { type: 'crosscheck.remove', boxId: 'b2' })).toEqual({ ok: true });
    await viewWhere(socket, (v) => crosscheckOf(v)?.boxCount === 1);
  });

  it('prints the cross-check receipt through the print path; the transcript holds boxes, reason, pharmacist, aid', async () => {
    expect(await send(socket, { type: 'crosscheck.print' })).toEqual({ ok: true });
    await viewWhere(socket, (v) => v.print.status === 'done');
    const last = await dock(t.base, 'printer/last');
    const transcript = String(last.json.transcript).replace(/\s+/g, ' ');
    expect(transcript).toContain('CONTRÔLE DE DÉLIVRANCE');
    expect(transcript).toContain('AMOXICILLINE BIOGARAN 500 mg');
    expect(transcript).toMatch(/ALERTE/);
    expect(transcript.toLowerCase()).toContain('penicillin');
    expect(transcript).toMatch(/ne remplace pas le jugement du pharmacien/);
    const profiles = (await dock(t.base, 'state')).json.profiles as { profile: string; name: string }[];
    const name = profiles.find((p) => p.profile === 'pharmacist')?.name ?? '?';
    expect(transcript).toContain(name);
  });

  it('HZ-01 pulling the key wipes the basket from the pushed view', async () => {
    await dock(t.base, 'usb-key/remove');
    const view = await viewWhere(socket, (v) => v.key.status === 'absent');
    expect(JSON.stringify(view)).not.toMatch(/AMOXICILLINE|crosscheck/i);
    await dock(t.base, 'usb-key/insert', { demo: DEMO });
    await viewWhere(socket, (v) => v.key.status === 'locked');
    await send(socket, { type: 'code.submit', code: demoCode });
    const reopened = await viewWhere(socket, (v) => v.key.status === 'open');
    expect(crosscheckOf(reopened)).toMatchObject({ visible: false, boxCount: 0 });
  });
});

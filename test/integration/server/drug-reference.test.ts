/**
 * The drug reference through the real kiosk (simulated devices, socket.io): not loaded at start
 * nor for a nurse; loaded once when a pharmacist authenticates; the cross-check screen says
 * 'loading' then 'ready'; close() waits for a load in flight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDrugKnowledge } from '../../../appliance/crosscheck/bdpm/load.ts';
import type { DrugKnowledge } from '../../../appliance/crosscheck/knowledge.ts';
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

/** A loader stub: counts its calls and answers only when the test releases it. */
function gatedLoader() {
  let release!: (knowledge: DrugKnowledge | undefined) => void;
  const answer = new Promise<DrugKnowledge | undefined>((resolve) => (release = resolve));
  const stub = {
    calls: 0,
    settled: false,
    release: (knowledge: DrugKnowledge | undefined) => release(knowledge),
    load: async () => {
      stub.calls += 1;
      const knowledge = await answer;
      stub.settled = true;
      return knowledge;
    },
  };
  return stub;
}

const crosscheckOf = (v: SessionView): CrossCheckView | undefined =>
  v.key.status === 'open' ? v.key.crosscheck : undefined;

async function signIn(t: TestKiosk, socket: Client, profile: 'pharmacist' | 'nurse'): Promise<void> {
  await dock(t.base, 'card/remove');
  await viewWhere(socket, (v) => v.card.status === 'absent');
  await dock(t.base, 'card/insert', { profile });
  await viewWhere(socket, (v) => v.card.status === 'pin_entry');
  expect(await send(socket, { type: 'pin.submit', pin: profile === 'nurse' ? '606060' : '212121' })).toEqual({
    ok: true,
  });
  await viewWhere(socket, (v) => v.card.status === 'authenticated' && v.card.profession === profile);
}

async function openKey(t: TestKiosk, socket: Client): Promise<SessionView> {
  const state = await dock(t.base, 'state');
  const code = (state.json.demoKeys as { name: string; code: string }[]).find((k) => k.name === DEMO)?.code;
  await dock(t.base, 'usb-key/remove');
  await viewWhere(socket, (v) => v.key.status === 'absent');
  await dock(t.base, 'usb-key/insert', { demo: DEMO });
  await viewWhere(socket, (v) => v.key.status === 'locked');
  await send(socket, { type: 'code.submit', code: code ?? '' });
  return viewWhere(socket, (v) => v.key.status === 'open');
}

let knowledge: DrugKnowledge;
beforeAll(async () => {
  const loaded = await loadDrugKnowledge();
  if (!loaded.ok) throw new Error(`drug reference: ${loaded.error.kind}`);
  knowledge = loaded.value.knowledge;
});

describe('drug reference loaded on first need', () => {
  const loader = gatedLoader();
  let t: TestKiosk;
  let socket: Client;

  beforeAll(async () => {
    t = await startTestKiosk({ drugs: loader.load });
    socket = await connect(t.base, { secret: t.kiosk.secret });
  }, 120_000);
  afterAll(async () => {
    socket?.close();
    loader.release(undefined);
    await t?.close();
  });

  it('not loaded at start', async () => {
    await viewWhere(socket, (v) => v.card.status === 'absent');
    expect(loader.calls).toBe(0);
  });

  it('a nurse session (authenticated, key open by code) never loads it', async () => {
    await signIn(t, socket, 'nurse');
    const open = await openKey(t, socket);
    expect(crosscheckOf(open)).toBeUndefined();
    expect(loader.calls).toBe(0);
  });

  it("a pharmacist starts exactly one load; the cross-check says 'loading' until it is ready", async () => {
    await signIn(t, socket, 'pharmacist');
    expect(loader.calls).toBe(1);
    const open = await openKey(t, socket);
    expect(crosscheckOf(open)?.reference).toBe('loading');
    // Another pharmacist authenticating while it loads starts no second load.
    await signIn(t, socket, 'pharmacist');
    await openKey(t, socket);
    expect(await send(socket, { type: 'crosscheck.open' })).toEqual({ ok: true });
    const shown = await viewWhere(socket, (v) => crosscheckOf(v)?.visible === true);
    expect(crosscheckOf(shown)?.reference).toBe('loading');
    expect(loader.calls).toBe(1);

    loader.release(knowledge);
    const ready = await viewWhere(socket, (v) => crosscheckOf(v)?.reference === 'ready');
    expect(crosscheckOf(ready)).toMatchObject({ visible: true, boxCount: 0 });
    expect(loader.calls).toBe(1);
  });

  it('kept afterwards: the next pharmacist finds it ready, no new load', async () => {
    await signIn(t, socket, 'pharmacist');
    const open = await openKey(t, socket);
    expect(crosscheckOf(open)?.reference).toBe('ready');
    expect(loader.calls).toBe(1);
  });
});

describe('drug reference: failure and shutdown', () => {
  it('HZ-11 a load that fails leaves the cross-check unavailable and the kiosk usable', async () => {
    const loader = gatedLoader();
    const t = await startTestKiosk({ drugs: loader.load });
    const socket = await connect(t.base, { secret: t.kiosk.secret });
    try {
      await signIn(t, socket, 'pharmacist');
      loader.release(undefined);
      const open = await openKey(t, socket);
      const unavailable = crosscheckOf(open)?.reference === 'unavailable' ? open : undefined;
      const view =
        unavailable ?? (await viewWhere(socket, (v) => crosscheckOf(v)?.reference === 'unavailable'));
      expect(view.key.status).toBe('open');
      expect(await send(socket, { type: 'crosscheck.open' })).toEqual({ ok: true });
      await signIn(t, socket, 'pharmacist');
      expect(loader.calls).toBe(1);
    } finally {
      socket.close();
      await t.close();
    }
  }, 120_000);

  it('close() waits for a load still in flight', async () => {
    const loader = gatedLoader();
    const t = await startTestKiosk({ drugs: loader.load });
    const socket = await connect(t.base, { secret: t.kiosk.secret });
    await signIn(t, socket, 'pharmacist');
    socket.close();
    expect(loader.calls).toBe(1);
    let closed = false;
    const closing = t.close().then(() => (closed = true));
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(closed).toBe(false);
    } finally {
      loader.release(knowledge);
      await closing;
    }
    expect(loader.settled).toBe(true);
  }, 120_000);
});

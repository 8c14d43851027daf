/**
 * The dev dock simulates a write-protected key and a key pulled mid-read through the same
 * block-source layer the real USB driver uses (issue 6, item 4).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeKiosk,
  connectedKiosk,
  dock,
  DEMO,
  logIn,
  send,
  viewWhere,
  type Client,
  type TestKiosk,
} from './harness.ts';

let t: TestKiosk;
let socket: Client;
let demoCode: string;

beforeAll(async () => {
  ({ t, socket, demoCode } = await connectedKiosk());
  await logIn(t.base, socket, 'pharmacist', '212121');
});

afterAll(() => closeKiosk(t, socket));

describe('dev dock key faults', () => {
  it('HZ-14 a write-protected key opens normally and the missing access-log entry is reported', async () => {
    expect((await dock(t.base, 'usb-key/insert', { demo: DEMO, readOnly: true })).status).toBe(200);
    await viewWhere(socket, (v) => v.key.status === 'locked');
    await send(socket, { type: 'code.submit', code: demoCode });
    const open = await viewWhere(
      socket,
      (v) => v.key.status === 'open' && v.key.accessLogWarning !== undefined,
      20_000,
    );
    expect(open.key).toMatchObject({ status: 'open', tier: 'full', accessLogWarning: 'read_only' });
    await dock(t.base, 'usb-key/remove');
    await viewWhere(socket, (v) => v.key.status === 'absent');
  });

  it('HZ-13 a key pulled while being read ends in a clear key error, then the kiosk is clean again', async () => {
    expect((await dock(t.base, 'usb-key/insert', { demo: DEMO, failReadAtByte: 0 })).status).toBe(200);
    const failed = await viewWhere(socket, (v) => v.key.status === 'error', 20_000);
    expect(failed.key.status).toBe('error');
    await dock(t.base, 'usb-key/remove');
    const clean = await viewWhere(socket, (v) => v.key.status === 'absent');
    expect(clean.key).toEqual({ status: 'absent' });
  });

  it('refuses malformed fault options', async () => {
    expect((await dock(t.base, 'usb-key/insert', { demo: DEMO, failReadAtByte: -1 })).status).toBe(400);
  });
});

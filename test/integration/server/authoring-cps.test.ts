/**
 * Authoring at the kiosk with a CPS through the real PKCS#11 driver (issue 16): the dev dock
 * inserts the SoftHSM `cps-doctor` token (beside the in-memory PIV cards), the doctor adds an
 * allergy and signs with the PIN; the record re-read from the key is valid at version 2. A wrong
 * PIN at signing writes nothing and says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionView } from '../../../appliance/contract/session-view.ts';
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
  ({ t, socket, demoCode } = await connectedKiosk({ cards: 'memory+softhsm' }));
}, 180_000);
afterAll(() => closeKiosk(t, socket));

const authoring = (status: string) => (v: SessionView) => v.authoring?.status === status;

describe('authoring at the kiosk with a CPS (PKCS#11, SoftHSM)', () => {
  it('HZ-21 cps-doctor → key → code → add an allergy → wrong PIN refused → right PIN: version 2, valid', async () => {
    await logIn(t.base, socket, 'cps-doctor', '1010', 30_000);
    await dock(t.base, 'usb-key/insert', { demo: DEMO });
    await viewWhere(socket, (v) => v.key.status === 'locked');
    await send(socket, { type: 'code.submit', code: demoCode });
    await viewWhere(socket, (v) => v.key.status === 'open' && v.authoringOffer === 'update', 60_000);

    expect(await send(socket, { type: 'authoring.start' })).toEqual({ ok: true });
    await viewWhere(socket, authoring('editing'), 60_000);
    await send(socket, {
      type: 'authoring.edit',
      edit: { op: 'allergy.add', substance: { kind: 'text', text: 'Latex' }, criticality: 'high' },
    });
    await viewWhere(
      socket,
      (v) => v.authoring?.status === 'editing' && v.authoring.changes.length === 1,
      60_000,
    );
    expect(await send(socket, { type: 'authoring.review' })).toEqual({ ok: true });
    await viewWhere(socket, authoring('reviewing'));

    expect(await send(socket, { type: 'authoring.sign', pin: '0000' })).toEqual({ ok: true });
    const refused = await viewWhere(socket, authoring('pin_wrong'), 60_000);
    expect(refused.authoring).toEqual({ status: 'pin_wrong' });

    expect(await send(socket, { type: 'authoring.sign', pin: '1010' })).toEqual({ ok: true });
    const written = await viewWhere(socket, authoring('written'), 120_000);
    expect(written.authoring).toMatchObject({ status: 'written', version: 2 });
    if (written.key.status !== 'open') throw new Error('not open');
    expect(written.key.verification).toMatchObject({
      status: 'valid',
      signer: 'Dr Claire MARTIN',
      profession: 'doctor',
    });
    const allergies = written.key.summary.allergies;
    expect(allergies.status === 'entries' && allergies.items.map((a) => a.substance.text)).toContain('Latex');
  }, 300_000);
});

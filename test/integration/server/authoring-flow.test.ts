/**
 * Authoring at the kiosk end to end over socket.io with the dev dock (issue 16): the dev doctor's
 * card, a demo key and its code, an allergy added and a dose changed, signed by the card, written
 * through the key's worker; the summary re-read from the key at version 2, the kiosk audit one row
 * with no content. Then a blank stick made into a new record that opens with the code shown once.
 */
import Database from 'better-sqlite3';
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
  ({ t, socket, demoCode } = await connectedKiosk());
});
afterAll(() => closeKiosk(t, socket));

const authoring = (status: string) => (v: SessionView) => v.authoring?.status === status;

describe('authoring at the kiosk', () => {
  it('HZ-23 doctor card → key → code → add an allergy, change a dose → sign → written as version 2', async () => {
    await logIn(t.base, socket, 'doctor', '101010');
    await dock(t.base, 'usb-key/insert', { demo: DEMO });
    await viewWhere(socket, (v) => v.key.status === 'locked');
    await send(socket, { type: 'code.submit', code: demoCode });
    const open = await viewWhere(socket, (v) => v.key.status === 'open' && v.authoringOffer === 'update');
    expect(open.authoringOffer).toBe('update');

    expect(await send(socket, { type: 'authoring.start' })).toEqual({ ok: true });
    const editing = await viewWhere(
      socket,
      (v) => v.authoring?.status === 'editing' && v.authoring.items.medications.length > 0,
      60_000,
    );
    if (editing.authoring?.status !== 'editing') throw new Error('not editing');
    const medication = editing.authoring.items.medications[0];
    await send(socket, {
      type: 'authoring.edit',
      edit: {
        op: 'allergy.add',
        substance: { kind: 'text', text: 'Latex' },
        criticality: 'high',
        reaction: 'urticaire',
      },
    });
    await send(socket, {
      type: 'authoring.edit',
      edit: { op: 'medication.dose', itemId: medication?.itemId ?? '', dose: '2 le soir' },
    });
    await viewWhere(
      socket,
      (v) => v.authoring?.status === 'editing' && v.authoring.changes.length === 2,
      60_000,
    );
    expect(await send(socket, { type: 'authoring.review' })).toEqual({ ok: true });
    const review = await viewWhere(socket, authoring('reviewing'));
    expect(review.authoring?.status === 'reviewing' && review.authoring.changes.map((c) => c.kind)).toEqual([
      'added',
      'changed',
    ]);
    expect(await send(socket, { type: 'authoring.sign', pin: '101010' })).toEqual({ ok: true });
    const written = await viewWhere(socket, authoring('written'), 120_000);
    expect(written.authoring).toEqual({
      status: 'written',
      version: 2,
      newKey: false,
      codeCardPrinted: false,
    });
    if (written.key.status !== 'open') throw new Error('not open');
    expect(written.key.verification).toMatchObject({ status: 'valid' });
    const allergies = written.key.summary.allergies;
    expect(allergies.status === 'entries' && allergies.items.map((a) => a.substance.text)).toContain('Latex');

    const audit = new Database(t.kiosk.auditFile, { readonly: true });
    const rows = audit
      .prepare("SELECT actor_profession, record_id, detail FROM audit WHERE event = 'record_written'")
      .all() as {
      actor_profession: string;
      record_id: string;
      detail: string;
    }[];
    audit.close();
    expect(rows).toEqual([
      {
        actor_profession: 'doctor',
        record_id: written.key.recordId,
        detail: '{"kind":"update","version":2}',
      },
    ]);
    await send(socket, { type: 'authoring.done' });
    await viewWhere(socket, (v) => v.authoring === undefined);
    await dock(t.base, 'usb-key/remove');
    await viewWhere(socket, (v) => v.key.status === 'absent');
  }, 300_000);

  it('a blank stick → new record → the code shown once opens it', async () => {
    await dock(t.base, 'usb-key/insert', { blank: true });
    await viewWhere(socket, (v) => v.authoringOffer === 'new', 60_000);
    expect(await send(socket, { type: 'authoring.new' })).toEqual({ ok: true });
    await viewWhere(socket, authoring('identity'));
    await send(socket, {
      type: 'authoring.identity',
      family: 'Durand',
      given: 'Léa',
      birthDate: '1990-04-02',
    });
    await viewWhere(
      socket,
      (v) => v.authoring?.status === 'editing' && v.authoring.changes.length > 0,
      60_000,
    );
    await send(socket, { type: 'authoring.edit', edit: { op: 'bloodGroup.set', group: 'O-' } });
    await viewWhere(
      socket,
      (v) => v.authoring?.status === 'editing' && v.authoring.items.bloodGroup?.bloodGroup === 'O-',
      60_000,
    );
    await send(socket, { type: 'authoring.review' });
    await viewWhere(socket, authoring('reviewing'));
    await send(socket, { type: 'authoring.sign', pin: '101010' });
    const written = await viewWhere(socket, authoring('written'), 120_000);
    if (written.authoring?.status !== 'written') throw new Error('not written');
    const code = written.authoring.patientCode ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await send(socket, { type: 'authoring.done' });
    const after = await viewWhere(socket, (v) => v.authoring === undefined);
    expect(JSON.stringify(after)).not.toContain(code);
    await send(socket, { type: 'record.close' });
    await viewWhere(socket, (v) => v.key.status === 'locked');
    await send(socket, { type: 'code.submit', code });
    const reopened = await viewWhere(socket, (v) => v.key.status === 'open', 60_000);
    expect(reopened.key.status === 'open' && reopened.key.summary.bloodGroup[0]?.value).toBe('O-');
  }, 300_000);
});

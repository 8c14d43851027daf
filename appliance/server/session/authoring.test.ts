import { describe, expect, it } from 'vitest';
import type { Profession } from '../../common/professions.ts';
import type { ChangeLine, RecordEdit } from '../../contract/authoring.ts';
import type { SessionEffect, SessionEvent } from './events.ts';
import {
  authenticated,
  cardOut,
  cmd,
  identity,
  keyIn,
  keyOut,
  lockedKey,
  openOk,
  POLICY,
  RECORD,
  run,
  type Input,
} from './fixtures.testing.ts';
import { initialState } from './state.ts';
import { itTransitions, types, viewOf } from './transitions.testing.ts';

const ALLERGY: RecordEdit = {
  op: 'allergy.add',
  substance: { kind: 'text', text: 'Latex' },
  criticality: 'high',
};
const ITEMS = { allergies: [], medications: [], problems: [], devices: [], directives: [], contacts: [] };
const CHANGE: ChangeLine = {
  kind: 'added',
  section: 'allergies',
  after: { label: 'Latex', criticality: 'high' },
};

function last<T extends SessionEffect['type']>(effects: readonly SessionEffect[], type: T) {
  const found = [...effects].reverse().find((e) => e.type === type);
  if (!found) throw new Error(`no ${type} effect`);
  return found as Extract<SessionEffect, { type: T }>;
}

/** The worker's answer to the last preview. */
const previewOk =
  (changes: ChangeLine[] = [CHANGE]): Input =>
  (_s, effects) => ({
    type: 'authoring.preview_result',
    requestId: last(effects, 'author_preview').requestId,
    result: { ok: true, value: { items: ITEMS, changes } },
  });
const sealed: Input = (_s, effects) => ({
  type: 'authoring.sealed',
  requestId: last(effects, 'author_write').requestId,
});
const written =
  (patientCode?: string): Input =>
  (_s, effects) => ({
    type: 'authoring.write_result',
    requestId: last(effects, 'author_write').requestId,
    result: {
      ok: true,
      value: {
        version: patientCode ? 1 : 2,
        recordId: 'rid-2',
        opened: { ...RECORD, recordId: 'rid-2' },
        ...(patientCode ? { patientCode } : {}),
      },
    },
  });
const writeFailed =
  (
    error: Extract<SessionEvent, { type: 'authoring.write_result' }>['result'] extends infer R
      ? R extends { ok: false; error: infer E }
        ? E
        : never
      : never,
  ): Input =>
  (_s, effects) => ({
    type: 'authoring.write_result',
    requestId: last(effects, 'author_write').requestId,
    result: { ok: false, error },
  });

const openedBy = (profession: Profession): Input[] => [
  ...authenticated(identity(profession)),
  ...lockedKey(),
  cmd({ type: 'code.submit', code: 'C' }),
  openOk('full'),
];
const editing = (profession: Profession = 'doctor'): Input[] => [
  ...openedBy(profession),
  cmd({ type: 'authoring.start' }),
  previewOk([]),
  cmd({ type: 'authoring.edit', edit: ALLERGY }),
  previewOk(),
];
const reviewing = [...editing(), cmd({ type: 'authoring.review' })];
const signing = [...reviewing, cmd({ type: 'authoring.sign', pin: '123456' })];
const blankStick = (profession: Profession = 'doctor'): Input[] => [
  ...authenticated(identity(profession)),
  keyIn('key-1'),
  (_s, effects) => ({
    type: 'key.read_result',
    keyId: 'key-1',
    requestId: last(effects, 'read_key').requestId,
    result: { ok: false, error: 'not_a_baladeur_key' },
  }),
];

describe('authoring: who may start', () => {
  itTransitions([
    ...(['doctor', 'midwife'] as const).map((p) => ({
      title: `a ${p} with the key open by code may start: the worker previews the empty draft`,
      inputs: [...openedBy(p), cmd({ type: 'authoring.start' })],
      check: (r: ReturnType<typeof run>) => {
        expect(r.refused).toBe(0);
        expect(r.state.authoring?.phase.status).toBe('editing');
        expect(last(r.effects, 'author_preview')).toMatchObject({
          mode: 'update',
          edits: [],
          keyId: 'key-1',
        });
      },
    })),
    ...(['nurse', 'pharmacist'] as const).map((p) => ({
      title: `a ${p} may not author: refused, no offer in the view`,
      inputs: [...openedBy(p), cmd({ type: 'authoring.start' })],
      check: (r: ReturnType<typeof run>) => {
        expect(r.refused).toBe(1);
        expect(r.state.authoring).toBeUndefined();
        expect(viewOf(r.state).authoringOffer).toBeUndefined();
      },
    })),
    {
      title: 'break-glass (emergency tier) may not be edited',
      inputs: [
        ...authenticated(identity('doctor')),
        ...lockedKey(),
        cmd({ type: 'break_glass.open' }),
        cmd({ type: 'break_glass.confirm', reason: 'Patient inconscient' }),
        openOk('emergency'),
        cmd({ type: 'authoring.start' }),
      ],
      check: (r) => expect(r.refused).toBe(1),
    },
    {
      title: 'the patient alone (no card) may not author',
      inputs: [
        ...lockedKey(),
        cmd({ type: 'code.submit', code: 'C' }),
        openOk('full'),
        cmd({ type: 'authoring.start' }),
      ],
      check: (r) => expect(r.refused).toBe(1),
    },
    {
      title: 'a blank stick offers a new record to a doctor; identity, then editing',
      inputs: [
        ...blankStick(),
        cmd({ type: 'authoring.new' }),
        cmd({ type: 'authoring.identity', family: 'Durand', given: 'Léa', birthDate: '1990-04-02' }),
      ],
      check: (r) => {
        expect(r.refused).toBe(0);
        expect(last(r.effects, 'author_preview')).toMatchObject({
          mode: 'new',
          identity: { family: 'Durand' },
        });
        expect(viewOf(r.state).authoring).toMatchObject({ status: 'editing' });
      },
    },
    {
      title: 'a blank stick and a nurse: no new record',
      inputs: [...blankStick('nurse'), cmd({ type: 'authoring.new' })],
      check: (r) => expect(r.refused).toBe(1),
    },
    {
      title: 'a Baladeur key still locked: no new record over it',
      inputs: [...authenticated(identity('doctor')), ...lockedKey(), cmd({ type: 'authoring.new' })],
      check: (r) => expect(r.refused).toBe(1),
    },
  ]);
});

describe('authoring: the draft', () => {
  itTransitions([
    {
      title: 'edits are previewed by the worker; the view shows its items and change lines',
      inputs: editing(),
      check: (r) => {
        expect(viewOf(r.state).authoring).toMatchObject({ status: 'editing', changes: [CHANGE] });
        expect(viewOf(r.state).authoring).not.toHaveProperty('updating');
      },
    },
    {
      title: 'while the worker applies a change the view says updating',
      inputs: [...editing(), cmd({ type: 'authoring.edit', edit: { op: 'problem.add', text: 'Asthme' } })],
      check: (r) => expect(viewOf(r.state).authoring).toMatchObject({ status: 'editing', updating: true }),
    },
    {
      title: 'an edit that cannot apply leaves the draft, with its reason; the rest is previewed again',
      inputs: [
        ...editing(),
        cmd({ type: 'authoring.edit', edit: { op: 'allergy.remove', itemId: 'gone' } }),
        (_s, effects) => ({
          type: 'authoring.preview_result',
          requestId: last(effects, 'author_preview').requestId,
          result: { ok: false, error: { index: 1, code: 'item_not_found' } },
        }),
      ],
      check: (r) => {
        expect(r.state.authoring?.edits).toEqual([ALLERGY]);
        expect(last(r.effects, 'author_preview').edits).toEqual([ALLERGY]);
        expect(viewOf(r.state).authoring).toMatchObject({ lastEditError: 'item_not_found' });
      },
    },
    {
      title: 'undo removes the change at that index',
      inputs: [...editing(), cmd({ type: 'authoring.undo', index: 0 })],
      check: (r) => expect(last(r.effects, 'author_preview').edits).toEqual([]),
    },
    {
      title: 'review waits for the preview, and needs a change',
      inputs: [
        ...openedBy('doctor'),
        cmd({ type: 'authoring.start' }),
        cmd({ type: 'authoring.review' }),
        previewOk([]),
        cmd({ type: 'authoring.review' }),
      ],
      check: (r) => expect(r.refused).toBe(2),
    },
    {
      title: 'review → back → review → sign: the write carries the edits and the PIN for the card',
      inputs: [
        ...reviewing,
        cmd({ type: 'authoring.back' }),
        cmd({ type: 'authoring.review' }),
        cmd({ type: 'authoring.sign', pin: '123456' }),
      ],
      check: (r) => {
        expect(r.refused).toBe(0);
        expect(last(r.effects, 'author_write')).toMatchObject({
          cardId: 'card-1',
          keyId: 'key-1',
          pin: '123456',
          edits: [ALLERGY],
        });
        expect(viewOf(r.state).authoring).toEqual({ status: 'signing' });
      },
    },
    {
      title: 'cancel drops the draft; nothing is written',
      inputs: [...reviewing, cmd({ type: 'authoring.cancel' })],
      check: (r) => {
        expect(r.state.authoring).toBeUndefined();
        expect(types(r.effects)).not.toContain('author_write');
        expect(r.state.key.status).toBe('open');
      },
    },
  ]);
});

describe('authoring: signing and writing', () => {
  itTransitions([
    {
      title:
        'HZ-23 written: version shown, the record re-read from the key, audited (who, record HMAC, version; no content)',
      inputs: [...signing, sealed, written()],
      check: (r) => {
        expect(viewOf(r.state).authoring).toEqual({
          status: 'written',
          version: 2,
          newKey: false,
          codeCardPrinted: false,
        });
        expect(r.state.key.status === 'open' && r.state.key.record.recordId).toBe('rid-2');
        const audit = r.effects.filter((e) => e.type === 'audit').map((e) => e.event);
        expect(audit).toContainEqual({
          event: 'record_written',
          who: { nationalId: identity('doctor').nationalId, profession: 'doctor' },
          recordId: 'rid-2',
          version: 2,
          kind: 'update',
        });
        expect(JSON.stringify(audit)).not.toContain('Latex');
        expect(r.state.authoring?.edits).toEqual([]);
      },
    },
    {
      title: 'a wrong PIN: pin_wrong with the retries, the draft kept; sign again',
      inputs: [
        ...signing,
        writeFailed({ reason: 'pin_wrong', retriesLeft: 2 }),
        cmd({ type: 'authoring.sign', pin: '654321' }),
      ],
      check: (r) => {
        expect(r.refused).toBe(0);
        expect(types(r.effects).filter((t) => t === 'author_write')).toHaveLength(2);
      },
    },
    {
      title:
        'cancel on the wrong-PIN keypad: back to the review with the draft, no PIN kept, no write; signing again asks the PIN',
      inputs: [
        ...signing,
        writeFailed({ reason: 'pin_wrong', retriesLeft: 2 }),
        cmd({ type: 'authoring.back' }),
      ],
      check: (r) => {
        expect(r.refused).toBe(0);
        expect(viewOf(r.state).authoring).toEqual({ status: 'reviewing', changes: [CHANGE] });
        expect(r.state.authoring?.edits).toEqual([ALLERGY]);
        expect(JSON.stringify(r.state)).not.toContain('123456');
        expect(types(r.effects).filter((t) => t === 'author_write')).toHaveLength(1);
      },
    },
    {
      title: 'a blocked card: failed blocked, audited',
      inputs: [...signing, writeFailed({ reason: 'blocked' })],
      check: (r) => {
        expect(viewOf(r.state).authoring).toEqual({ status: 'failed', reason: 'blocked' });
        expect(r.effects.some((e) => e.type === 'audit' && e.event.event === 'record_write_failed')).toBe(
          true,
        );
      },
    },
    {
      title: 'a new key: written with its code on screen; the code goes with the card',
      inputs: [
        ...blankStick(),
        cmd({ type: 'authoring.new' }),
        cmd({ type: 'authoring.identity', family: 'Durand', given: 'Léa', birthDate: '1990-04-02' }),
        previewOk([{ kind: 'added', section: 'identity', after: { label: 'Léa Durand' } }]),
        cmd({ type: 'authoring.review' }),
        cmd({ type: 'authoring.sign', pin: '123456' }),
        written('ABCD-EFGH-JKMN-PQR0'),
      ],
      check: (r) => {
        expect(viewOf(r.state).authoring).toMatchObject({
          status: 'written',
          newKey: true,
          version: 1,
          patientCode: 'ABCD-EFGH-JKMN-PQR0',
        });
        expect(r.state.key.status).toBe('open');
        const after = run([cardOut], r.state);
        expect(after.state.authoring).toBeUndefined();
        expect(JSON.stringify(viewOf(after.state))).not.toContain('ABCD-EFGH');
      },
    },
  ]);
});

describe('authoring: the code card and the change receipt', () => {
  const newKeyWritten: Input[] = [
    ...blankStick(),
    cmd({ type: 'authoring.new' }),
    cmd({ type: 'authoring.identity', family: 'Durand', given: 'Léa', birthDate: '1990-04-02' }),
    previewOk([{ kind: 'added', section: 'identity', after: { label: 'Léa Durand' } }, CHANGE]),
    cmd({ type: 'authoring.review' }),
    cmd({ type: 'authoring.sign', pin: '123456' }),
    written('ABCD-EFGH-JKMN-PQR0'),
  ];
  itTransitions([
    {
      title: 'the code card prints the new code; codeCardPrinted once the printer is done',
      inputs: [
        ...newKeyWritten,
        cmd({ type: 'authoring.print_code_card' }),
        (_s, effects) => ({
          type: 'print.update',
          jobId: last(effects, 'print').jobId,
          view: { status: 'done' },
        }),
      ],
      check: (r) => {
        expect(last(r.effects, 'print').authoring).toMatchObject({
          kind: 'code_card',
          code: 'ABCD-EFGH-JKMN-PQR0',
        });
        expect(viewOf(r.state).authoring).toMatchObject({ status: 'written', codeCardPrinted: true });
      },
    },
    {
      title: 'HZ-24 the change receipt carries the reviewed lines, the author and the version',
      inputs: [...signing, written(), cmd({ type: 'authoring.print_receipt' })],
      check: (r) => {
        expect(last(r.effects, 'print').authoring).toMatchObject({
          kind: 'change_receipt',
          changes: [CHANGE],
          version: 2,
          newRecord: false,
          author: { profession: 'doctor' },
        });
        expect(r.state.print).toMatchObject({ status: 'active', document: 'change_receipt' });
      },
    },
    {
      title: 'no code card for an update, no print before the write',
      inputs: [
        ...signing,
        cmd({ type: 'authoring.print_receipt' }),
        written(),
        cmd({ type: 'authoring.print_code_card' }),
      ],
      check: (r) => expect(r.refused).toBe(2),
    },
  ]);
});

describe('authoring: card or key pulled, idle wipe (HZ-22)', () => {
  itTransitions([
    {
      title: 'card pulled mid-draft: failed card_removed, the draft gone, the worker forgets',
      inputs: [...reviewing, cardOut],
      check: (r) => {
        expect(viewOf(r.state).authoring).toEqual({ status: 'failed', reason: 'card_removed' });
        expect(r.state.authoring?.edits).toEqual([]);
        expect(types(r.last)).toContain('author_forget');
      },
    },
    {
      title: 'key pulled mid-draft: failed key_removed, the draft gone',
      inputs: [...editing(), keyOut],
      check: (r) => {
        expect(viewOf(r.state).authoring).toEqual({ status: 'failed', reason: 'key_removed' });
        expect(r.state.authoring?.edits).toEqual([]);
      },
    },
    {
      title:
        'card pulled mid-sign: the outcome decides; the signature failed → card_removed, nothing written',
      inputs: [...signing, cardOut, writeFailed({ reason: 'sign_failed' })],
      check: (r) => expect(viewOf(r.state).authoring).toEqual({ status: 'failed', reason: 'card_removed' }),
    },
    {
      title: 'card pulled while writing: the write ends and is audited; nothing stays on screen',
      inputs: [...signing, sealed, cardOut, written()],
      check: (r) => {
        expect(r.effects.some((e) => e.type === 'audit' && e.event.event === 'record_written')).toBe(true);
        // The card has gone: so do the outcome screen and the record (relocked with the card).
        expect(r.state.authoring).toBeUndefined();
        expect(r.state.key.status).toBe('locked');
      },
    },
    {
      title: 'key pulled mid-write: key_removed',
      inputs: [...signing, sealed, keyOut, writeFailed({ reason: 'key_removed' })],
      check: (r) => expect(viewOf(r.state).authoring).toEqual({ status: 'failed', reason: 'key_removed' }),
    },
    {
      title: 'record closed mid-draft: the draft goes with it',
      inputs: [...editing(), cmd({ type: 'record.close' })],
      check: (r) => expect(r.state.authoring).toBeUndefined(),
    },
    {
      title: 'a write result for an abandoned draft is ignored',
      inputs: [
        ...reviewing,
        cmd({ type: 'authoring.cancel' }),
        () => ({
          type: 'authoring.write_result',
          requestId: 999,
          result: { ok: true, value: { version: 9, recordId: 'x' } },
        }),
      ],
      check: (r) => expect(r.state.authoring).toBeUndefined(),
    },
  ]);

  it('the idle wipe drops the draft (never written) and the open record', () => {
    const r = run(editing());
    const deadline = r.state.idleDeadline ?? 0;
    const wiped = run([{ type: 'clock' }], r.state, deadline + 1);
    expect(wiped.state.authoring).toBeUndefined();
    expect(wiped.state.key.status).toBe('locked');
    expect(types(wiped.effects)).toContain('author_forget');
    expect(types(wiped.effects)).not.toContain('author_write');
  });
});

it('the site may allow nurses to author (recordSigning.professions)', () => {
  const policy = { ...POLICY, recordSigningProfessions: ['nurse'] as Profession[] };
  const r = run([...openedBy('nurse'), cmd({ type: 'authoring.start' })], initialState(policy));
  expect(r.refused).toBe(0);
  expect(run([...openedBy('doctor'), cmd({ type: 'authoring.start' })], initialState(policy)).refused).toBe(
    1,
  );
});

import { describe, expect, it } from 'vitest';
import type { SessionEffect } from './events.ts';
import { step } from './machine.ts';
import { initialState, type SessionState } from './state.ts';
import { toView } from './view.ts';
import {
  authenticated,
  cardIn,
  cardOut,
  cmd,
  identity,
  keyIn,
  keyOut,
  lockedKey,
  loginResult,
  openFail,
  openOk,
  POLICY,
  run,
  type Input,
} from './fixtures.test-util.ts';

const nurse = identity('nurse');
const pharmacist = identity('pharmacist');
const technician = identity('technician');
const doctor2 = identity('doctor', 2);

const viewOf = (s: SessionState) =>
  toView(s, { revision: 1, bootId: 'b', mode: 'simulated', siteName: 'Site' });
const types = (effects: readonly SessionEffect[]) => effects.map((e) => e.type);
const noClinicalText = (s: SessionState) => {
  const json = JSON.stringify(viewOf(s));
  expect(json).not.toContain('SECRET-PATIENT-NAME');
  expect(json).not.toContain('SECRET-ALLERGY');
};

const openedByCode: Input[] = [
  ...authenticated(pharmacist),
  ...lockedKey(),
  cmd({ type: 'code.submit', code: 'C' }),
  openOk('full'),
];
const breakGlassOpen: Input[] = [
  ...authenticated(nurse),
  ...lockedKey(),
  cmd({ type: 'break_glass.open' }),
  cmd({ type: 'break_glass.confirm', reason: 'Patient inconscient' }),
  openOk('emergency'),
];

interface Row {
  readonly title: string;
  readonly inputs: readonly Input[];
  readonly card?: string;
  readonly key?: string;
  readonly check?: (r: ReturnType<typeof run>) => void;
}

const rows: Row[] = [
  // --- card ---
  {
    title: 'card inserted → PIN entry, retries queried',
    inputs: [cardIn('c')],
    card: 'pin_entry',
    check: (r) => expect(types(r.effects)).toContain('query_pin_retries'),
  },
  {
    title: 'PIN submitted → checking, login effect carries cardId',
    inputs: [cardIn('c'), cmd({ type: 'pin.submit', pin: '1234' })],
    card: 'checking',
    check: (r) => expect(r.last).toContainEqual({ type: 'login', cardId: 'c', requestId: 1, pin: '1234' }),
  },
  {
    title: 'PIN accepted → authenticated + audit',
    inputs: authenticated(nurse),
    card: 'authenticated',
    check: (r) =>
      expect(r.effects).toContainEqual({
        type: 'audit',
        event: { event: 'card_authenticated', who: { nationalId: nurse.nationalId, profession: 'nurse' } },
      }),
  },
  {
    title: 'wrong PIN → PIN entry with retries left',
    inputs: [
      cardIn('c'),
      cmd({ type: 'pin.submit', pin: '0000' }),
      loginResult({ status: 'wrong_pin', retriesLeft: 2 }),
    ],
    card: 'pin_entry',
    check: (r) =>
      expect(viewOf(r.state).card).toEqual({ status: 'pin_entry', retriesLeft: 2, lastAttemptWrong: true }),
  },
  {
    title: 'wrong PIN with 0 retries → blocked + audit pin_blocked',
    inputs: [
      cardIn('c'),
      cmd({ type: 'pin.submit', pin: '0000' }),
      loginResult({ status: 'wrong_pin', retriesLeft: 0 }),
    ],
    card: 'blocked',
    check: (r) => expect(r.effects).toContainEqual({ type: 'audit', event: { event: 'pin_blocked' } }),
  },
  {
    title: 'card reports blocked → blocked',
    inputs: [cardIn('c'), cmd({ type: 'pin.submit', pin: '0000' }), loginResult({ status: 'blocked' })],
    card: 'blocked',
  },
  {
    title: 'retries query says 0 → blocked before any PIN',
    inputs: [cardIn('c'), { type: 'card.retries', cardId: 'c', retriesLeft: 0 }],
    card: 'blocked',
  },
  {
    title: 'retries for another card are ignored',
    inputs: [cardIn('c'), { type: 'card.retries', cardId: 'other', retriesLeft: 1 }],
    card: 'pin_entry',
    check: (r) => expect(viewOf(r.state).card).toEqual({ status: 'pin_entry', lastAttemptWrong: false }),
  },
  {
    title: 'expired certificate → rejected + audit',
    inputs: [
      cardIn('c'),
      cmd({ type: 'pin.submit', pin: '1' + '234' }),
      loginResult({ status: 'rejected', reason: 'expired' }),
    ],
    card: 'rejected',
    check: (r) =>
      expect(r.effects).toContainEqual({
        type: 'audit',
        event: { event: 'card_rejected', reason: 'expired' },
      }),
  },
  {
    title: 'card error during login → card_error',
    inputs: [
      cardIn('c'),
      cmd({ type: 'pin.submit', pin: '1234' }),
      loginResult({ status: 'card_error', reason: 'unresponsive' }),
    ],
    card: 'card_error',
  },
  { title: 'HZ-15 card pulled during PIN entry → absent', inputs: [cardIn('c'), cardOut], card: 'absent' },
  {
    title: 'HZ-15 card pulled while the PIN is checked → absent; the late login result is ignored',
    inputs: [
      cardIn('c'),
      cmd({ type: 'pin.submit', pin: '1234' }),
      cardOut,
      {
        type: 'card.login_result',
        cardId: 'c',
        requestId: 1,
        result: { status: 'authenticated', identity: nurse },
      },
    ],
    card: 'absent',
  },
  {
    title: 'HZ-15 card swapped for another card → new unauthenticated PIN entry',
    inputs: [...authenticated(nurse, 'c1'), cardIn('c2')],
    card: 'pin_entry',
  },
  {
    title: 'HZ-15 a login result for the previous card is ignored after a swap',
    inputs: [
      cardIn('c1'),
      cmd({ type: 'pin.submit', pin: '1234' }),
      cardIn('c2'),
      {
        type: 'card.login_result',
        cardId: 'c1',
        requestId: 1,
        result: { status: 'authenticated', identity: nurse },
      },
    ],
    card: 'pin_entry',
  },
  {
    title: 'same card reported again → unchanged session',
    inputs: [...authenticated(nurse, 'c1'), cardIn('c1')],
    card: 'authenticated',
  },
  {
    title: 'service unavailable → card service_unavailable',
    inputs: [...authenticated(nurse), { type: 'card.status', status: { status: 'service_unavailable' } }],
    card: 'service_unavailable',
    check: (r) => expect(viewOf(r.state).devices.reader).toBe('service_unavailable'),
  },
  {
    title: 'reader card_error → card_error',
    inputs: [{ type: 'card.status', status: { status: 'card_error', reader: 'r', reason: 'unknown_card' } }],
    card: 'card_error',
  },
  {
    title: 'PIN submit without a card is refused',
    inputs: [cmd({ type: 'pin.submit', pin: '1234' })],
    card: 'absent',
    check: (r) => expect(r.refused).toBe(1),
  },
  // --- key ---
  {
    title: 'key inserted → reading, read effect',
    inputs: [keyIn('k')],
    key: 'reading',
    check: (r) => expect(r.last).toContainEqual({ type: 'read_key', keyId: 'k', requestId: 1 }),
  },
  {
    title: 'key before card works: read → locked while no card',
    inputs: lockedKey(),
    key: 'locked',
    card: 'absent',
  },
  {
    title: 'key read fails → error with reason',
    inputs: [
      keyIn('k'),
      (s) => ({
        type: 'key.read_result',
        keyId: 'k',
        requestId: (s.key as { requestId: number }).requestId,
        result: { ok: false, error: 'not_a_baladeur_key' },
      }),
    ],
    key: 'error',
    check: (r) => expect(viewOf(r.state).key).toEqual({ status: 'error', reason: 'not_a_baladeur_key' }),
  },
  {
    title: 'HZ-01 a read result for a removed key is ignored',
    inputs: [
      keyIn('k'),
      keyOut,
      { type: 'key.read_result', keyId: 'k', requestId: 1, result: { ok: true, value: null } },
    ],
    key: 'absent',
  },
  {
    title: 'two keys → error several_keys',
    inputs: [{ type: 'key.status', status: { status: 'several_keys' } }],
    key: 'error',
  },
  {
    title: 'code without card is refused',
    inputs: [...lockedKey(), cmd({ type: 'code.submit', code: 'X' })],
    key: 'locked',
    check: (r) => expect(r.refused).toBe(1),
  },
  {
    title: 'pharmacist opens by code → full tier + audit + access log',
    inputs: openedByCode,
    key: 'open',
    check: (r) => {
      expect(viewOf(r.state).key).toMatchObject({
        status: 'open',
        tier: 'full',
        breakGlass: false,
        recordId: 'rec-1',
      });
      expect(r.effects).toContainEqual({
        type: 'audit',
        event: {
          event: 'key_opened',
          who: { nationalId: pharmacist.nationalId, profession: 'pharmacist' },
          recordId: 'rec-1',
          tier: 'full',
          breakGlass: false,
        },
      });
      expect(types(r.effects)).toContain('append_access_log');
    },
  },
  {
    title: 'code effect carries keyId and request id',
    inputs: [...authenticated(pharmacist), ...lockedKey('k9'), cmd({ type: 'code.submit', code: 'ABCD' })],
    key: 'unlocking',
    check: (r) => expect(r.last[0]).toMatchObject({ type: 'open_with_code', keyId: 'k9', code: 'ABCD' }),
  },
  {
    // Technician mode: the key is not even read as a patient key (session/technician.test.ts).
    title: 'HZ-15 a technician cannot open a key with a code',
    inputs: [...lockedKey(), ...authenticated(technician), cmd({ type: 'code.submit', code: 'X' })],
    key: 'absent',
    check: (r) => expect(r.refused).toBe(1),
  },
  {
    title: 'wrong code → locked, attempts counted, audited',
    inputs: [
      ...authenticated(pharmacist),
      ...lockedKey(),
      cmd({ type: 'code.submit', code: 'X' }),
      openFail('wrong_code'),
      cmd({ type: 'code.submit', code: 'Y' }),
      openFail('wrong_code'),
    ],
    key: 'locked',
    check: (r) => {
      expect(viewOf(r.state).key).toEqual({ status: 'locked', failedAttempts: 2, lastError: 'wrong_code' });
      expect(r.effects.filter((e) => e.type === 'audit' && e.event.event === 'wrong_code')).toHaveLength(2);
    },
  },
  {
    title: 'typo in the code → locked, not counted',
    inputs: [
      ...authenticated(pharmacist),
      ...lockedKey(),
      cmd({ type: 'code.submit', code: 'X' }),
      openFail('typo'),
    ],
    key: 'locked',
    check: (r) =>
      expect(viewOf(r.state).key).toEqual({ status: 'locked', failedAttempts: 0, lastError: 'typo' }),
  },
  {
    title: 'corrupt record at unlock → error',
    inputs: [
      ...authenticated(pharmacist),
      ...lockedKey(),
      cmd({ type: 'code.submit', code: 'X' }),
      openFail('corrupt_record'),
    ],
    key: 'error',
  },
  {
    title: 'HZ-01 key removed while unlocking → absent; the late result is ignored',
    inputs: [
      ...authenticated(pharmacist),
      ...lockedKey(),
      cmd({ type: 'code.submit', code: 'X' }),
      { type: 'key.status', status: { status: 'no_key' } },
      (s, e) => ({
        type: 'key.open_result',
        keyId: 'key-1',
        requestId: (e.find((x) => x.type === 'open_with_code') as { requestId: number }).requestId,
        result: {
          ok: true,
          value: {
            tier: 'full',
            record: { recordId: 'r', summary: {} as never, verification: { status: 'unsigned' } },
          },
        },
      }),
    ],
    key: 'absent',
  },
  {
    title: 'HZ-01 key removed → record wiped from state and view',
    inputs: [...openedByCode, keyOut],
    key: 'absent',
    check: (r) => noClinicalText(r.state),
  },
  {
    title: 'HZ-01 key swapped for another key → old record wiped, new key read',
    inputs: [...openedByCode, keyIn('key-2')],
    key: 'reading',
    check: (r) => {
      noClinicalText(r.state);
      expect(r.last).toContainEqual({ type: 'read_key', keyId: 'key-2', requestId: expect.any(Number) });
    },
  },
  {
    title: 'HZ-01 second key while one is open → cleared to several_keys error',
    inputs: [...openedByCode, { type: 'key.status', status: { status: 'several_keys' } }],
    key: 'error',
    check: (r) => noClinicalText(r.state),
  },
  {
    title: 'HZ-15 HZ-01 card removed while a key is open → key relocked, no clinical text',
    inputs: [...openedByCode, cardOut],
    key: 'locked',
    card: 'absent',
    check: (r) => noClinicalText(r.state),
  },
  {
    title: 'HZ-15 card swapped while a key is open → key relocked, new card must enter its PIN',
    inputs: [...openedByCode, cardIn('other')],
    key: 'locked',
    card: 'pin_entry',
    check: (r) => noClinicalText(r.state),
  },
  {
    title: 'HZ-15 card removed while unlocking → result ignored, key stays locked',
    inputs: [
      ...authenticated(pharmacist),
      ...lockedKey(),
      cmd({ type: 'code.submit', code: 'X' }),
      cardOut,
      (_s, e) => ({
        type: 'key.open_result',
        keyId: 'key-1',
        requestId: (e.find((x) => x.type === 'open_with_code') as { requestId: number }).requestId,
        result: {
          ok: true,
          value: {
            tier: 'full',
            record: { recordId: 'r', summary: {} as never, verification: { status: 'unsigned' } },
          },
        },
      }),
    ],
    key: 'locked',
    card: 'absent',
  },
  {
    title: 'record.close → relocked, card session kept',
    inputs: [...openedByCode, cmd({ type: 'record.close' })],
    key: 'locked',
    card: 'authenticated',
    check: (r) => noClinicalText(r.state),
  },
  {
    title: 'access log could not be written → warning shown',
    inputs: [...openedByCode, { type: 'key.access_log_result', keyId: 'key-1', result: 'read_only' }],
    key: 'open',
    check: (r) => expect(viewOf(r.state).key).toMatchObject({ accessLogWarning: 'read_only' }),
  },
  // --- break-glass ---
  {
    title: 'HZ-06 break-glass without a card → not allowed (not authenticated), audited',
    inputs: [...lockedKey(), cmd({ type: 'break_glass.open' })],
    check: (r) => {
      expect(viewOf(r.state).breakGlass).toEqual({ status: 'not_allowed', why: 'not_authenticated' });
      expect(types(r.effects)).toContain('audit');
    },
  },
  {
    title: 'HZ-06 break-glass during PIN entry → not allowed',
    inputs: [cardIn('c'), ...lockedKey(), cmd({ type: 'break_glass.open' })],
    check: (r) =>
      expect(viewOf(r.state).breakGlass).toEqual({ status: 'not_allowed', why: 'not_authenticated' }),
  },
  {
    title: 'HZ-06 break-glass by a pharmacist → not allowed (profession)',
    inputs: [...authenticated(pharmacist), ...lockedKey(), cmd({ type: 'break_glass.open' })],
    check: (r) =>
      expect(viewOf(r.state).breakGlass).toEqual({ status: 'not_allowed', why: 'profession_not_allowed' }),
  },
  {
    title: 'HZ-06 break-glass by a technician → refused (technician mode holds no patient key)',
    inputs: [...lockedKey(), ...authenticated(technician), cmd({ type: 'break_glass.open' })],
    check: (r) => {
      expect(r.refused).toBe(1);
      expect(viewOf(r.state).breakGlass).toEqual({ status: 'closed' });
    },
  },
  {
    title: 'HZ-06 confirm without opening the reason step is refused',
    inputs: [
      ...authenticated(nurse),
      ...lockedKey(),
      cmd({ type: 'break_glass.confirm', reason: 'Patient inconscient' }),
    ],
    key: 'locked',
    check: (r) => expect(r.refused).toBe(1),
  },
  {
    title: 'break-glass by a nurse → reasons offered in the page language',
    inputs: [...authenticated(nurse), ...lockedKey(), cmd({ type: 'break_glass.open' })],
    check: (r) =>
      expect(viewOf(r.state).breakGlass).toEqual({
        status: 'choosing_reason',
        reasons: ['Patient inconscient', 'Patient incapable de communiquer'],
      }),
  },
  {
    title: 'HZ-06 break-glass by a nurse with a listed reason → emergency tier, audit carries the category',
    inputs: breakGlassOpen,
    key: 'open',
    check: (r) => {
      expect(viewOf(r.state).key).toMatchObject({ tier: 'emergency', breakGlass: true });
      expect(r.effects).toContainEqual({
        type: 'audit',
        event: {
          event: 'break_glass',
          who: { nationalId: nurse.nationalId, profession: 'nurse' },
          recordId: 'rec-1',
          reason: 'unconscious',
        },
      });
      expect(r.effects).toContainEqual(
        expect.objectContaining({
          type: 'append_access_log',
          entry: expect.objectContaining({ breakGlass: true, reason: 'Patient inconscient' }),
        }),
      );
    },
  },
  {
    title: 'HZ-06 HZ-12 a typed reason goes to the key log as typed, the kiosk audit stores only "other"',
    inputs: [
      ...authenticated(nurse),
      ...lockedKey(),
      cmd({ type: 'break_glass.open' }),
      cmd({ type: 'break_glass.confirm', reason: 'found on the floor, seizure' }),
      openOk('emergency'),
    ],
    key: 'open',
    check: (r) => {
      const audits = JSON.stringify(r.effects.filter((e) => e.type === 'audit'));
      expect(audits).not.toContain('seizure');
      expect(audits).toContain('"reason":"other"');
      expect(JSON.stringify(r.effects.filter((e) => e.type === 'append_access_log'))).toContain('seizure');
    },
  },
  {
    title: 'HZ-06 card swapped between break-glass open and confirm → confirm refused',
    inputs: [
      ...authenticated(nurse),
      ...lockedKey(),
      cmd({ type: 'break_glass.open' }),
      cardIn('c2'),
      cmd({ type: 'break_glass.confirm', reason: 'Patient inconscient' }),
    ],
    key: 'locked',
    check: (r) => expect(r.refused).toBe(1),
  },
  {
    title: 'key without an emergency tier for this kiosk → locked with emergency_unavailable',
    inputs: [
      ...authenticated(nurse),
      ...lockedKey(),
      cmd({ type: 'break_glass.open' }),
      cmd({ type: 'break_glass.confirm', reason: 'Patient inconscient' }),
      openFail('emergency_unavailable'),
    ],
    key: 'locked',
    check: (r) =>
      expect(viewOf(r.state).key).toEqual({
        status: 'locked',
        failedAttempts: 0,
        lastError: 'emergency_unavailable',
      }),
  },
  {
    title: 'break-glass cancel → closed',
    inputs: [
      ...authenticated(nurse),
      ...lockedKey(),
      cmd({ type: 'break_glass.open' }),
      cmd({ type: 'break_glass.cancel' }),
    ],
    check: (r) => expect(viewOf(r.state).breakGlass).toEqual({ status: 'closed' }),
  },
  {
    title: 'key removed during reason choice → break-glass closed',
    inputs: [...authenticated(nurse), ...lockedKey(), cmd({ type: 'break_glass.open' }), keyOut],
    key: 'absent',
    check: (r) => expect(viewOf(r.state).breakGlass).toEqual({ status: 'closed' }),
  },
  {
    title: 'a doctor may open by code and gets the full tier',
    inputs: [
      ...authenticated(doctor2),
      ...lockedKey(),
      cmd({ type: 'code.submit', code: 'C' }),
      openOk('full'),
    ],
    key: 'open',
  },
  // --- printing ---
  {
    title: 'print.start → print effect with summary and printedBy, printing view',
    inputs: [...openedByCode, cmd({ type: 'print.start' })],
    check: (r) => {
      expect(r.last[0]).toMatchObject({
        type: 'print',
        printedBy: { name: pharmacist.name, profession: 'pharmacist' },
        language: 'fr',
      });
      expect(viewOf(r.state).print).toEqual({ status: 'printing', sentBytes: 0, totalBytes: 0 });
    },
  },
  {
    title: 'print without an open key is refused',
    inputs: [...authenticated(nurse), cmd({ type: 'print.start' })],
    check: (r) => expect(r.refused).toBe(1),
  },
  {
    title: 'HZ-07 print done → audit print done once',
    inputs: [
      ...openedByCode,
      cmd({ type: 'print.start' }),
      (s) => ({
        type: 'print.update',
        jobId: (s.print as { jobId: number }).jobId,
        view: { status: 'done' },
      }),
      (s) => ({
        type: 'print.update',
        jobId: (s.print as { jobId: number }).jobId,
        view: { status: 'done' },
      }),
    ],
    check: (r) =>
      expect(r.effects.filter((e) => e.type === 'audit' && e.event.event === 'print')).toHaveLength(1),
  },
  {
    title: 'HZ-07 second print.start while printing is refused (no double job)',
    inputs: [...openedByCode, cmd({ type: 'print.start' }), cmd({ type: 'print.start' })],
    check: (r) => {
      expect(r.refused).toBe(1);
      expect(r.effects.filter((e) => e.type === 'print')).toHaveLength(1);
    },
  },
  {
    title: 'HZ-07 print failed → retry starts a new job',
    inputs: [
      ...openedByCode,
      cmd({ type: 'print.start' }),
      (s) => ({
        type: 'print.update',
        jobId: (s.print as { jobId: number }).jobId,
        view: { status: 'failed', printer: 'paper_out' },
      }),
      cmd({ type: 'print.retry' }),
    ],
    check: (r) => expect(r.effects.filter((e) => e.type === 'print')).toHaveLength(2),
  },
  {
    title: 'HZ-07 progress for an old job is ignored',
    inputs: [
      ...openedByCode,
      cmd({ type: 'print.start' }),
      { type: 'print.update', jobId: 999, view: { status: 'done' } },
    ],
    check: (r) => expect(viewOf(r.state).print.status).toBe('printing'),
  },
  {
    title: 'HZ-01 key removed while printing → job aborted, print idle',
    inputs: [...openedByCode, cmd({ type: 'print.start' }), keyOut],
    key: 'absent',
    check: (r) => {
      expect(types(r.last)).toContain('abort_print');
      expect(viewOf(r.state).print).toEqual({ status: 'idle' });
    },
  },
  {
    title: 'printer status reaches the device bar',
    inputs: [{ type: 'printer.status', status: { status: 'paper_out' } }],
    check: (r) => expect(viewOf(r.state).devices.printer).toBe('paper_out'),
  },
  {
    title: 'print dismiss after done → idle',
    inputs: [
      ...openedByCode,
      cmd({ type: 'print.start' }),
      (s) => ({
        type: 'print.update',
        jobId: (s.print as { jobId: number }).jobId,
        view: { status: 'done' },
      }),
      cmd({ type: 'print.dismiss' }),
    ],
    check: (r) => expect(viewOf(r.state).print).toEqual({ status: 'idle' }),
  },
  // --- language ---
  {
    title: 'language switch',
    inputs: [cmd({ type: 'language.set', language: 'en' })],
    check: (r) => expect(r.state.language).toBe('en'),
  },
  {
    title: 'HZ-10 a language the site offers is accepted',
    inputs: [cmd({ type: 'language.set', language: 'en' })],
    check: (r) => expect(r.refused).toBe(0),
  },
];

describe('session machine transitions', () => {
  it.each(rows.map((r) => [r.title, r] as const))('%s', (_title, row) => {
    const r = run(row.inputs);
    if (row.card) expect(r.state.card.status).toBe(row.card);
    if (row.key) expect(r.state.key.status).toBe(row.key);
    row.check?.(r);
  });

  it('HZ-10 a language the site does not offer is refused', () => {
    const start = initialState({ ...POLICY, languages: ['fr'] });
    const r = run([cmd({ type: 'language.set', language: 'en' })], start);
    expect(r.refused).toBe(1);
    expect(r.state.language).toBe('fr');
  });
});

describe('idle timeout (the clock is an input)', () => {
  const open = run(openedByCode, initialState(POLICY), 1_000);

  it('schedules the wipe 120 s after the last activity', () => {
    expect(open.state.idleDeadline).toBe(121_000);
    expect(open.effects).toContainEqual({ type: 'schedule_idle', at: 121_000 });
  });

  it('activity postpones the deadline', () => {
    const s = step(open.state, cmd({ type: 'activity' }), 50_000);
    expect(s.state.idleDeadline).toBe(170_000);
    expect(s.effects).toContainEqual({ type: 'schedule_idle', at: 170_000 });
  });

  it('a clock tick before the deadline changes nothing', () => {
    const s = step(open.state, { type: 'clock' }, 120_999);
    expect(s.state).toEqual(open.state);
    expect(s.effects).toEqual([]);
  });

  it('HZ-01 HZ-15 at the deadline: record wiped, card back to PIN entry, language reset, timer cancelled', () => {
    const english = step(open.state, cmd({ type: 'language.set', language: 'en' }), 2_000).state;
    const s = step(english, { type: 'clock' }, 122_000);
    expect(s.state.key).toEqual({ status: 'locked', keyId: 'key-1', failedAttempts: 0 });
    expect(s.state.card.status).toBe('pin_entry');
    expect(s.state.language).toBe('fr');
    expect(s.state.idleDeadline).toBeUndefined();
    expect(s.effects).toContainEqual({ type: 'audit', event: { event: 'idle_wipe' } });
    expect(s.effects).toContainEqual({ type: 'schedule_idle', at: null });
    noClinicalText(s.state);
  });

  it('HZ-01 an unlock result arriving after the idle wipe is ignored', () => {
    const unlocking = run([
      ...authenticated(pharmacist),
      ...lockedKey(),
      cmd({ type: 'code.submit', code: 'C' }),
    ]);
    const key = unlocking.state.key;
    if (key.status !== 'unlocking') throw new Error('expected unlocking');
    const wiped = step(unlocking.state, { type: 'clock' }, 1_000 + 120_000).state;
    const late = step(
      wiped,
      {
        type: 'key.open_result',
        keyId: key.keyId,
        requestId: key.requestId,
        result: {
          ok: true,
          value: {
            tier: 'full',
            record: open.state.key.status === 'open' ? open.state.key.record : (undefined as never),
          },
        },
      },
      121_500,
    );
    expect(late.state.key.status).toBe('locked');
    noClinicalText(late.state);
  });

  it('nothing to wipe → no deadline (no timer running while idle)', () => {
    const r = run([...lockedKey()]);
    expect(r.state.idleDeadline).toBeUndefined();
    expect(types(r.effects)).not.toContain('schedule_idle');
  });
});

describe('toView', () => {
  it('HZ-12 clinical content only under key.status open', () => {
    const r = run(openedByCode);
    expect(JSON.stringify(viewOf(r.state))).toContain('SECRET-ALLERGY');
    for (const partial of [
      [...authenticated(pharmacist)],
      [...lockedKey()],
      [...openedByCode, keyOut],
      [...openedByCode, cardOut],
    ]) {
      noClinicalText(run(partial).state);
    }
  });

  it('the view never carries the card id, key id, PIN or national id', () => {
    const r = run([...authenticated(nurse, 'card-secret-id'), ...lockedKey('key-secret-id')]);
    const json = JSON.stringify(viewOf(r.state));
    for (const s of ['card-secret-id', 'key-secret-id', nurse.nationalId, '1234'])
      expect(json).not.toContain(s);
  });
});

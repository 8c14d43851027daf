import { describe, expect } from 'vitest';
import {
  authenticated,
  cardIn,
  cardOut,
  cmd,
  identity,
  keyIn,
  keyOut,
  lockedKey,
  openFail,
  openOk,
  type Input,
} from './fixtures.testing.ts';
import {
  itTransitions,
  noClinicalText,
  openedByCode,
  types,
  unlocking,
  viewOf,
  type Row,
} from './transitions.testing.ts';

const pharmacist = identity('pharmacist');
const technician = identity('technician');

/** A successful answer to the code submitted on `key-1`, arriving late. */
const lateOpen: Input = (_s, e) => ({
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
});

const rows: Row[] = [
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
    title: 'code with a card not yet authenticated (PIN entry) is refused',
    inputs: [cardIn('card-1'), ...lockedKey(), cmd({ type: 'code.submit', code: 'X' })],
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
    title: 'a doctor may open by code and gets the full tier',
    inputs: [
      ...authenticated(identity('doctor', 2)),
      ...lockedKey(),
      cmd({ type: 'code.submit', code: 'C' }),
      openOk('full'),
    ],
    key: 'open',
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
      ...unlocking('X'),
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
    inputs: [...unlocking('X'), openFail('typo')],
    key: 'locked',
    check: (r) =>
      expect(viewOf(r.state).key).toEqual({ status: 'locked', failedAttempts: 0, lastError: 'typo' }),
  },
  {
    title: 'corrupt record at unlock → error',
    inputs: [...unlocking('X'), openFail('corrupt_record')],
    key: 'error',
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
    check: (r) => {
      expect(viewOf(r.state).key).toMatchObject({ accessLogWarning: 'read_only' });
      expect(viewOf(r.state).key).not.toHaveProperty('accessLogWriting');
    },
  },
  {
    title: 'opened with a card → the screen says the access is being written until the worker answers',
    inputs: openedByCode,
    key: 'open',
    check: (r) => {
      expect(r.last).toContainEqual(expect.objectContaining({ type: 'append_access_log', keyId: 'key-1' }));
      expect(viewOf(r.state).key).toMatchObject({ accessLogWriting: true });
    },
  },
  {
    title: 'access log written → the writing notice goes, no warning',
    inputs: [...openedByCode, { type: 'key.access_log_result', keyId: 'key-1', result: 'written' }],
    key: 'open',
    check: (r) => {
      expect(viewOf(r.state).key).not.toHaveProperty('accessLogWriting');
      expect(viewOf(r.state).key).not.toHaveProperty('accessLogWarning');
    },
  },
  {
    title: 'an access-log result for another key changes nothing',
    inputs: [...openedByCode, { type: 'key.access_log_result', keyId: 'key-2', result: 'written' }],
    key: 'open',
    check: (r) => expect(viewOf(r.state).key).toMatchObject({ accessLogWriting: true }),
  },
];

/** Key or card removed or swapped: whatever was decrypted is dropped, late results are ignored. */
const removals: Row[] = [
  {
    title: 'HZ-01 key removed while unlocking → absent; the late result is ignored',
    inputs: [...unlocking('X'), { type: 'key.status', status: { status: 'no_key' } }, lateOpen],
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
    inputs: [...unlocking('X'), cardOut, lateOpen],
    key: 'locked',
    card: 'absent',
  },
];

describe('session machine transitions: key reading and opening by code', () => {
  itTransitions(rows);
});

describe('session machine transitions: key or card removed or swapped', () => {
  itTransitions(removals);
});

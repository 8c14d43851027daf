import { describe, expect } from 'vitest';
import {
  authenticated,
  cardIn,
  cmd,
  identity,
  keyOut,
  lockedKey,
  openFail,
  openOk,
  type Input,
} from './fixtures.testing.ts';
import { itTransitions, types, viewOf, type Row } from './transitions.testing.ts';

const nurse = identity('nurse');

/** A nurse's card authenticated, key `key-1` locked, break-glass opened: choosing a reason. */
const choosingReason: Input[] = [...authenticated(nurse), ...lockedKey(), cmd({ type: 'break_glass.open' })];
const confirm = (reason = 'Patient inconscient') => cmd({ type: 'break_glass.confirm', reason });

const rows: Row[] = [
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
    inputs: [...authenticated(identity('pharmacist')), ...lockedKey(), cmd({ type: 'break_glass.open' })],
    check: (r) =>
      expect(viewOf(r.state).breakGlass).toEqual({ status: 'not_allowed', why: 'profession_not_allowed' }),
  },
  {
    title: 'HZ-06 break-glass by a technician → refused (technician mode holds no patient key)',
    inputs: [...lockedKey(), ...authenticated(identity('technician')), cmd({ type: 'break_glass.open' })],
    check: (r) => {
      expect(r.refused).toBe(1);
      expect(viewOf(r.state).breakGlass).toEqual({ status: 'closed' });
    },
  },
  {
    title: 'HZ-06 confirm without opening the reason step is refused',
    inputs: [...authenticated(nurse), ...lockedKey(), confirm()],
    key: 'locked',
    check: (r) => expect(r.refused).toBe(1),
  },
  {
    title: 'break-glass by a nurse → reasons offered in the page language',
    inputs: choosingReason,
    check: (r) =>
      expect(viewOf(r.state).breakGlass).toEqual({
        status: 'choosing_reason',
        reasons: ['Patient inconscient', 'Patient incapable de communiquer'],
      }),
  },
  {
    title: 'HZ-06 break-glass by a nurse with a listed reason → emergency tier, audit carries the category',
    inputs: [...choosingReason, confirm(), openOk('emergency')],
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
    inputs: [...choosingReason, confirm('found on the floor, seizure'), openOk('emergency')],
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
    inputs: [...choosingReason, cardIn('c2'), confirm()],
    key: 'locked',
    check: (r) => expect(r.refused).toBe(1),
  },
  {
    title: 'key without an emergency tier for this kiosk → locked with emergency_unavailable',
    inputs: [...choosingReason, confirm(), openFail('emergency_unavailable')],
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
    inputs: [...choosingReason, cmd({ type: 'break_glass.cancel' })],
    check: (r) => expect(viewOf(r.state).breakGlass).toEqual({ status: 'closed' }),
  },
  {
    title: 'key removed during reason choice → break-glass closed',
    inputs: [...choosingReason, keyOut],
    key: 'absent',
    check: (r) => expect(viewOf(r.state).breakGlass).toEqual({ status: 'closed' }),
  },
];

describe('session machine transitions: break-glass', () => {
  itTransitions(rows);
});

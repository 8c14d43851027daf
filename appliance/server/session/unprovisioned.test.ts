/**
 * A kiosk not provisioned (running on the image's fallback configuration): only a technician card
 * authenticates, no patient key is read, nothing of a record can be asked for. The same inputs on a
 * provisioned kiosk are the control rows.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../contract/commands.ts';
import type { SessionEffect } from './events.ts';
import {
  authenticated,
  cardOut,
  cmd,
  identity,
  keyIn,
  lockedKey,
  POLICY,
  run,
  UNPROVISIONED,
  type Input,
} from './fixtures.testing.ts';
import { initialState, type SessionPolicy, type SessionState } from './state.ts';
import { toView } from './view.ts';

const notProvisioned = initialState(UNPROVISIONED);
const provisioned = initialState(POLICY);
const viewOf = (s: SessionState) =>
  toView(s, { revision: 1, bootId: 'b', mode: 'production', siteName: 'Baladeur' });
const reads = (effects: readonly SessionEffect[]) => effects.filter((e) => e.type === 'read_key');

const PATIENT_PROFESSIONS = ['doctor', 'nurse', 'pharmacist', 'midwife'] as const;

describe('a kiosk that is not provisioned', () => {
  it('HZ-11 says so in the view (the page shows why); a provisioned kiosk says provisioned', () => {
    expect(viewOf(notProvisioned).provisioning).toBe('not_provisioned');
    expect(viewOf(provisioned).provisioning).toBe('provisioned');
  });

  it.each(PATIENT_PROFESSIONS)(
    'HZ-06 a %s card on a kiosk that is not provisioned opens nothing',
    (profession) => {
      const who = identity(profession);
      const out = run([...authenticated(who), keyIn('key-1')], notProvisioned);
      expect(out.state.card).toEqual({ status: 'rejected', cardId: 'card-1', reason: 'not_provisioned' });
      expect(out.state.technician.status).toBe('closed');
      expect(out.state.key).toEqual({ status: 'error', keyId: 'key-1', reason: 'not_provisioned' });
      expect(reads(out.effects)).toEqual([]);
      expect(out.effects).toContainEqual({
        type: 'audit',
        event: {
          event: 'card_rejected',
          reason: 'not_provisioned',
          who: { nationalId: who.nationalId, profession },
        },
      });
      expect(out.effects.some((e) => e.type === 'audit' && e.event.event === 'card_authenticated')).toBe(
        false,
      );
      expect(viewOf(out.state).card).toEqual({ status: 'rejected', reason: 'not_provisioned' });
      // No code, no break-glass, no print: every record command is refused.
      for (const command of [
        { type: 'code.submit', code: 'ABCD-EFGH' },
        { type: 'break_glass.open' },
        { type: 'break_glass.confirm', reason: 'Patient inconscient' },
        { type: 'print.start' },
      ] as const) {
        const after = run([cmd(command)], out.state);
        expect(after.refused, command.type).toBe(1);
        expect(after.effects, command.type).toEqual([]);
      }
    },
  );

  it.each(PATIENT_PROFESSIONS)('control: a %s card on a provisioned kiosk authenticates', (profession) => {
    const out = run([...authenticated(identity(profession)), keyIn('key-1')], provisioned);
    expect(out.state.card.status).toBe('authenticated');
    expect(reads(out.effects)).toHaveLength(1);
  });

  it('HZ-15 a key inserted with no card is never read; the view says why', () => {
    const out = run([keyIn('key-1')], notProvisioned);
    expect(reads(out.effects)).toEqual([]);
    expect(out.state.devices.usbKey).toBe('present');
    expect(viewOf(out.state).key).toEqual({ status: 'error', reason: 'not_provisioned' });
    // The same key signal again changes nothing.
    expect(run([keyIn('key-1')], out.state).effects).toEqual([]);
  });

  it('a technician card opens technician mode, and the key in the slot is the technician’s', () => {
    const out = run([keyIn('key-1'), ...authenticated(identity('technician'))], notProvisioned);
    expect(out.state.card.status).toBe('authenticated');
    expect(out.state.technician).toMatchObject({ status: 'open', keyId: 'key-1' });
    expect(out.state.key.status).toBe('absent');
    expect(reads(out.effects)).toEqual([]);
  });

  it('provisioning from the technician’s key runs as usual', () => {
    const out = run(
      [...authenticated(identity('technician')), keyIn('key-1'), cmd({ type: 'technician.provision' })],
      notProvisioned,
    );
    expect(out.refused).toBe(0);
    expect(out.last).toEqual([
      { type: 'technician', requestId: expect.any(Number), action: 'provision', keyId: 'key-1' },
    ]);
  });

  it('HZ-15 the technician leaving does not read the key left in as a patient key', () => {
    const out = run([...authenticated(identity('technician')), keyIn('key-1'), cardOut], notProvisioned);
    expect(out.state.technician.status).toBe('closed');
    expect(reads(out.effects)).toEqual([]);
    expect(out.state.key).toEqual({ status: 'error', keyId: 'key-1', reason: 'not_provisioned' });
  });

  // Defence in depth: even from a state the machine cannot reach on such a kiosk (a card
  // authenticated, a key read), the rule holds for every command that opens or shows a record.
  const reachedOnProvisioned = (inputs: readonly Input[], policy: SessionPolicy): SessionState => ({
    ...run(inputs).state,
    policy,
  });
  const RECORD_COMMANDS: readonly Command[] = [
    { type: 'code.submit', code: 'ABCD-EFGH' },
    { type: 'break_glass.open' },
    { type: 'break_glass.confirm', reason: 'Patient inconscient' },
    { type: 'print.start' },
    { type: 'print.retry' },
    { type: 'crosscheck.open' },
    { type: 'crosscheck.scan', text: '3400930000000' },
  ];
  it.each(RECORD_COMMANDS.map((c) => [c.type, c] as const))(
    'HZ-06 %s is refused on a kiosk not provisioned, whatever the state',
    (_type, command) => {
      const start = reachedOnProvisioned(
        [...authenticated(identity('doctor')), ...lockedKey()],
        UNPROVISIONED,
      );
      const out = run([cmd(command)], start);
      expect(out.refused).toBe(1);
      expect(out.effects).toEqual([]);
    },
  );
});

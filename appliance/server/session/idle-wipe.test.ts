import { describe, expect, it } from 'vitest';
import { step } from './machine.ts';
import { initialState } from './state.ts';
import { cmd, lockedKey, POLICY, run } from './fixtures.testing.ts';
import { noClinicalText, openedByCode, types, unlocking } from './transitions.testing.ts';

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
    expect(s.state.key).toEqual({ status: 'locked', keyId: 'key-1', recordId: 'rec-1', failedAttempts: 0 });
    expect(s.state.card.status).toBe('pin_entry');
    expect(s.state.language).toBe('fr');
    expect(s.state.idleDeadline).toBeUndefined();
    expect(s.effects).toContainEqual({ type: 'audit', event: { event: 'idle_wipe' } });
    expect(s.effects).toContainEqual({ type: 'schedule_idle', at: null });
    noClinicalText(s.state);
  });

  it('HZ-01 an unlock result arriving after the idle wipe is ignored', () => {
    const started = run(unlocking());
    const key = started.state.key;
    if (key.status !== 'unlocking') throw new Error('expected unlocking');
    const wiped = step(started.state, { type: 'clock' }, 1_000 + 120_000).state;
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

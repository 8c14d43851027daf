import { describe, expect, it } from 'vitest';
import { CommandSchema, type Command } from '../../contract/commands.ts';
import type { SessionEffect } from './events.ts';
import { authenticated, cmd, identity, run, type Input } from './fixtures.testing.ts';
import type { TechnicianResult } from './technician.ts';
import { toView } from './view.ts';

const TECH = identity('technician');
const AT = '2026-12-03T14:05:00.000Z';
const setClock = (at = AT) => cmd({ type: 'technician.set_clock', at } as Command);
const answer =
  (result: TechnicianResult): Input =>
  (s) => {
    if (s.technician.status !== 'open' || !s.technician.pending) throw new Error('nothing pending');
    return { type: 'technician.result', requestId: s.technician.pending.requestId, result };
  };
const view = (s: Parameters<typeof toView>[0]) =>
  toView(s, { revision: 1, bootId: 'b', mode: 'production', siteName: 'S' });
const audits = (effects: readonly SessionEffect[]) => effects.filter((e) => e.type === 'audit');

describe('the technician sets the clock (issue 17)', () => {
  it('HZ-25 a technician asks for a time: the helper is asked, the view and the audit say from what to what', () => {
    const asking = run([...authenticated(TECH), setClock()]);
    expect(asking.last.filter((e) => e.type === 'technician')).toEqual([
      { type: 'technician', requestId: expect.any(Number), action: 'set_clock', at: AT },
    ]);
    expect(view(asking.state).technician).toMatchObject({ clock: { status: 'requesting' }, busy: true });
    const previous = '2001-01-01T00:03:00.000Z';
    const done = run(
      [
        answer({
          action: 'set_clock',
          result: { ok: true, value: { status: 'requested', previous, requested: AT } },
        }),
      ],
      asking.state,
    );
    expect(view(done.state).technician).toMatchObject({
      clock: { status: 'requested', previous, requested: AT },
      busy: false,
    });
    expect(audits(done.effects)).toEqual([
      {
        type: 'audit',
        event: {
          event: 'clock_set',
          who: { nationalId: TECH.nationalId, profession: 'technician' },
          previous,
          requested: AT,
          outcome: 'requested',
        },
      },
    ]);
  });

  it('HZ-25 a time before the image was built is refused on screen and not audited as a change', () => {
    const out = run([
      ...authenticated(TECH),
      setClock('2026-01-02T00:00:00.000Z'),
      answer({ action: 'set_clock', result: { ok: false, error: 'before_build' } }),
    ]);
    expect(view(out.state).technician).toMatchObject({ clock: { status: 'refused_before_build' } });
    expect(audits(out.last)).toEqual([]);
  });

  it.each(['doctor', 'nurse', 'pharmacist', 'midwife'] as const)(
    'HZ-06 a %s cannot set the clock',
    (profession) => {
      const out = run([...authenticated(identity(profession)), setClock()]);
      expect(out.refused).toBe(1);
      expect(out.effects.filter((e) => e.type === 'technician')).toEqual([]);
    },
  );

  it('HZ-06 nor anyone without an authenticated card', () => {
    expect(run([setClock()]).refused).toBe(1);
  });

  it('HZ-25 the command is bounded: an instant in UTC, from 2026 to 2099', () => {
    const parse = (at: unknown) => CommandSchema.safeParse({ type: 'technician.set_clock', at }).success;
    expect(parse(AT)).toBe(true);
    expect(parse('2099-12-31T23:59:00Z')).toBe(true);
    expect(parse('2025-12-31T23:59:59Z')).toBe(false);
    expect(parse('1970-01-01T00:00:00Z')).toBe(false);
    expect(parse('2100-01-01T00:00:00Z')).toBe(false);
    expect(parse('2026-12-03T14:05:00+01:00')).toBe(false);
    expect(parse('2026-12-03 14:05')).toBe(false);
    expect(parse('2026-12-03T14:05:00Z; rm -rf /')).toBe(false);
    expect(parse(1_733_234_700_000)).toBe(false);
  });
});

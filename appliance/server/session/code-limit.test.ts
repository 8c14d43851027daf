/**
 * The patient-code attempt limit in the session machine (issue 15): counted per record across
 * re-insertions, a growing delay after 5 wrong codes shown as a countdown, typos never counted,
 * audited with the pseudonymous record id only.
 */
import { describe, expect, it } from 'vitest';
import type { SessionEffect, SessionEvent } from './events.ts';
import { step } from './machine.ts';
import { initialState, type SessionState } from './state.ts';
import { toView } from './view.ts';
import {
  authenticated,
  cmd,
  identity,
  keyIn,
  keyOut,
  openFail,
  POLICY,
  type Input,
} from './fixtures.testing.ts';

const CODE = 'ABCD-EFGH-JKMN-PQRS';

/** A tiny driver with a clock: each input is applied at `t`. */
function machine() {
  let state: SessionState = initialState(POLICY);
  let effects: SessionEffect[] = [];
  const apply = (input: Input, t: number) => {
    const event: SessionEvent = typeof input === 'function' ? input(state, effects) : input;
    const out = step(state, event, t);
    state = out.state;
    effects = [...effects, ...out.effects];
    return out;
  };
  const insert = (keyId: string, recordId: string, t: number) => {
    apply(keyIn(keyId), t);
    const read = [...effects].reverse().find((e) => e.type === 'read_key') as { requestId: number };
    apply(
      {
        type: 'key.read_result',
        keyId,
        requestId: read.requestId,
        result: { ok: true, value: null },
        recordId,
      },
      t,
    );
  };
  const wrongCode = (t: number) => {
    const submitted = apply(cmd({ type: 'code.submit', code: CODE }), t);
    if (submitted.refused) return 'refused' as const;
    apply(openFail('wrong_code'), t);
    return 'tried' as const;
  };
  const view = () => toView(state, { bootId: 'b', revision: 1, mode: 'simulated', siteName: 's' } as never);
  return { apply, insert, wrongCode, view, state: () => state, effects: () => effects };
}

describe('patient-code attempt limit (session machine)', () => {
  it('HZ-15 five wrong codes are tried; then the code is blocked for 30 s with a countdown, then tried again', () => {
    const m = machine();
    for (const i of authenticated(identity('doctor'))) m.apply(i, 0);
    m.insert('key-1', 'rec-A', 0);
    for (let i = 0; i < 5; i++) expect(m.wrongCode(1000)).toBe('tried');
    const key = m.view().key;
    expect(key).toMatchObject({ status: 'locked', failedAttempts: 5, codeBlockedUntil: 31_000 });
    expect(m.wrongCode(20_000)).toBe('refused');
    expect(m.wrongCode(31_000)).toBe('tried');
    expect(m.view().key).toMatchObject({ codeBlockedUntil: 91_000 });
  });

  it('HZ-15 pulling and re-inserting the key (a new key id) keeps the count and the delay for that record', () => {
    const m = machine();
    for (const i of authenticated(identity('doctor'))) m.apply(i, 0);
    m.insert('key-1', 'rec-A', 0);
    for (let i = 0; i < 5; i++) m.wrongCode(0);
    m.apply(keyOut, 1000);
    m.insert('key-2', 'rec-A', 2000);
    expect(m.view().key).toMatchObject({ status: 'locked', failedAttempts: 0, codeBlockedUntil: 30_000 });
    expect(m.wrongCode(2000)).toBe('refused');
    // Another patient's key is not affected.
    m.apply(keyOut, 3000);
    m.insert('key-3', 'rec-B', 3000);
    expect(m.view().key).not.toHaveProperty('codeBlockedUntil');
    expect(m.wrongCode(3000)).toBe('tried');
  });

  it('a typo (bad check character) never counts', () => {
    const m = machine();
    for (const i of authenticated(identity('doctor'))) m.apply(i, 0);
    m.insert('key-1', 'rec-A', 0);
    for (let i = 0; i < 10; i++) {
      m.apply(cmd({ type: 'code.submit', code: CODE }), 0);
      m.apply(openFail('typo'), 0);
    }
    expect(m.state().codeAttempts.get('rec-A')).toBeUndefined();
    expect(m.view().key).not.toHaveProperty('codeBlockedUntil');
  });

  it('HZ-12 each wrong code is audited with the pseudonymous record id and the delay, never the code', () => {
    const m = machine();
    for (const i of authenticated(identity('doctor'))) m.apply(i, 0);
    m.insert('key-1', 'rec-A', 0);
    for (let i = 0; i < 5; i++) m.wrongCode(0);
    const audits = m
      .effects()
      .filter((e): e is Extract<SessionEffect, { type: 'audit' }> => e.type === 'audit')
      .map((e) => e.event)
      .filter((e) => e.event === 'wrong_code');
    expect(audits).toHaveLength(5);
    expect(audits[4]).toMatchObject({ recordId: 'rec-A', failedAttempts: 5, blockedSeconds: 30 });
    expect(audits[0]).not.toHaveProperty('blockedSeconds');
    expect(JSON.stringify(audits)).not.toContain(CODE);
  });
});

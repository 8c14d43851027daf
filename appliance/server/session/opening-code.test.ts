/**
 * Issue 16: the key's worker keeps the patient's code after a full-tier opening, for a draft
 * (docs/usb-keys.md). Only a card whose profession may author a record (site
 * `recordSigning.professions`, default doctor and midwife) leaves it there: for any other card
 * the opening is followed by `author_forget`, and a card leaving relocks the key, which forgets it.
 */
import { describe, expect, it } from 'vitest';
import type { Profession } from '../../common/professions.ts';
import {
  authenticated,
  cardOut,
  cmd,
  identity,
  lockedKey,
  openOk,
  POLICY,
  RECORD,
  run,
  type Input,
} from './fixtures.testing.ts';
import { initialState } from './state.ts';

const openedBy = (profession: Profession): Input[] => [
  ...authenticated(identity(profession)),
  ...lockedKey('key-1'),
  cmd({ type: 'code.submit', code: 'C' }),
  openOk('full'),
];
let late = 0;
const forgets = (effects: readonly { type: string; keyId?: string }[]) =>
  effects.filter((e) => e.type === 'author_forget').map((e) => e.keyId);

describe('the opening code in the key worker follows the card’s right to author', () => {
  it.each(['pharmacist', 'nurse'] as const)(
    'a %s opens the full tier: the worker is told to forget the code',
    (p) => {
      const { state, last } = run(openedBy(p));
      expect(state.key.status).toBe('open');
      expect(forgets(last)).toEqual(['key-1']);
    },
  );

  it.each(['doctor', 'midwife'] as const)('a %s opens the full tier: the code stays for a draft', (p) => {
    const { state, last } = run(openedBy(p));
    expect(state.key.status).toBe('open');
    expect(forgets(last)).toEqual([]);
  });

  it('the site policy decides: recordSigning.professions [doctor] → a midwife’s opening forgets it', () => {
    const { last } = run(
      openedBy('midwife'),
      initialState({ ...POLICY, recordSigningProfessions: ['doctor'] }),
    );
    expect(forgets(last)).toEqual(['key-1']);
  });

  it('the emergency tier keeps no code: no forget needed, none sent', () => {
    const { last } = run([
      ...authenticated(identity('pharmacist')),
      ...lockedKey('key-1'),
      cmd({ type: 'code.submit', code: 'C' }),
      openOk('emergency'),
    ]);
    expect(forgets(last)).toEqual([]);
  });

  it.each(['doctor', 'pharmacist'] as const)(
    'a %s’s card leaves while the code is being tried: the late opening is told to forget it',
    (p) => {
      const { state, last } = run([
        ...authenticated(identity(p)),
        ...lockedKey('key-1'),
        cmd({ type: 'code.submit', code: 'C' }),
        (s) => {
          if (s.key.status !== 'unlocking') throw new Error('not unlocking');
          late = s.key.requestId;
          return cardOut;
        },
        () => ({
          type: 'key.open_result',
          keyId: 'key-1',
          requestId: late,
          result: { ok: true, value: { tier: 'full', record: RECORD } },
        }),
      ]);
      expect(state.key.status).toBe('locked');
      expect(forgets(last)).toEqual(['key-1']);
    },
  );

  it('the doctor’s card leaves: the key relocks and the worker is told to forget the code', () => {
    const { state, last } = run([...openedBy('doctor'), cardOut]);
    expect(state.key.status).toBe('locked');
    expect(forgets(last)).toEqual(['key-1']);
  });
});

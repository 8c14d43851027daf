import { describe, expect, it } from 'vitest';
import { authenticated, cardOut, identity, keyOut, lockedKey, run } from './fixtures.testing.ts';
import { noClinicalText, openedByCode, viewOf } from './transitions.testing.ts';

describe('toView', () => {
  it('HZ-12 clinical content only under key.status open', () => {
    const r = run(openedByCode);
    expect(JSON.stringify(viewOf(r.state))).toContain('SECRET-ALLERGY');
    for (const partial of [
      [...authenticated(identity('pharmacist'))],
      [...lockedKey()],
      [...openedByCode, keyOut],
      [...openedByCode, cardOut],
    ]) {
      noClinicalText(run(partial).state);
    }
  });

  it('the view never carries the card id, key id, PIN or national id', () => {
    const nurse = identity('nurse');
    const r = run([...authenticated(nurse, 'card-secret-id'), ...lockedKey('key-secret-id')]);
    const json = JSON.stringify(viewOf(r.state));
    for (const s of ['card-secret-id', 'key-secret-id', nurse.nationalId, '1234'])
      expect(json).not.toContain(s);
  });
});

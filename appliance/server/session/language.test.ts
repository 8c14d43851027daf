import { describe, expect, it } from 'vitest';
import { cmd, POLICY, run } from './fixtures.testing.ts';
import { initialState } from './state.ts';
import { itTransitions, type Row } from './transitions.testing.ts';

const rows: Row[] = [
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

describe('session machine transitions: language', () => {
  itTransitions(rows);

  it('HZ-10 a language the site does not offer is refused', () => {
    const start = initialState({ ...POLICY, languages: ['fr'] });
    const r = run([cmd({ type: 'language.set', language: 'en' })], start);
    expect(r.refused).toBe(1);
    expect(r.state.language).toBe('fr');
  });
});

/** The table form of the session machine tests: each row runs its inputs from a fresh state, then checks. */
import { expect, it } from 'vitest';
import type { SessionEffect } from './events.ts';
import { authenticated, cmd, identity, lockedKey, openOk, run, type Input } from './fixtures.testing.ts';
import type { SessionState } from './state.ts';
import { toView } from './view.ts';

export const viewOf = (s: SessionState) =>
  toView(s, { revision: 1, bootId: 'b', mode: 'simulated', siteName: 'Site' });
export const types = (effects: readonly SessionEffect[]) => effects.map((e) => e.type);
export const noClinicalText = (s: SessionState) => {
  const json = JSON.stringify(viewOf(s));
  expect(json).not.toContain('SECRET-PATIENT-NAME');
  expect(json).not.toContain('SECRET-ALLERGY');
};

/** A pharmacist's card authenticated, key `key-1` locked, a code submitted: the key is unlocking. */
export const unlocking = (code = 'C'): Input[] => [
  ...authenticated(identity('pharmacist')),
  ...lockedKey(),
  cmd({ type: 'code.submit', code }),
];
/** The same key opened by the pharmacist's code: full tier. */
export const openedByCode: Input[] = [...unlocking(), openOk('full')];

export interface Row {
  readonly title: string;
  readonly inputs: readonly Input[];
  readonly card?: string;
  readonly key?: string;
  readonly check?: (r: ReturnType<typeof run>) => void;
}

/** One test per row, titled by the row. */
export function itTransitions(rows: readonly Row[]): void {
  it.each(rows.map((r) => [r.title, r] as const))('%s', (_title, row) => {
    const r = run(row.inputs);
    if (row.card) expect(r.state.card.status).toBe(row.card);
    if (row.key) expect(r.state.key.status).toBe(row.key);
    row.check?.(r);
  });
}

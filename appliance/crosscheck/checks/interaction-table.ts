/** The whole interaction table: rows checked against the edition, then rows not yet checked. */
import { RENIN_ANGIOTENSIN_ROWS } from './interaction-rows-renin-angiotensin.ts';
import { CARDIAC_ROWS } from './interaction-rows-cardiac.ts';
import { COLCHICINE_ROWS } from './interaction-rows-colchicine.ts';
import { DIURETIC_ROWS } from './interaction-rows-diuretics.ts';
import { NSAID_ROWS } from './interaction-rows-nsaids.ts';
import { SIMVASTATIN_ROWS } from './interaction-rows-simvastatin.ts';
import { REVIEWED_ROWS } from './interaction-rows-reviewed.ts';
import { UNREVIEWED_ROWS } from './interaction-rows-unreviewed.ts';
import type { InteractionRule } from './interactions.ts';

export const INTERACTIONS: readonly InteractionRule[] = [
  ...REVIEWED_ROWS,
  ...RENIN_ANGIOTENSIN_ROWS,
  ...NSAID_ROWS,
  ...CARDIAC_ROWS,
  ...SIMVASTATIN_ROWS,
  ...COLCHICINE_ROWS,
  ...DIURETIC_ROWS,
  ...UNREVIEWED_ROWS,
];

/** Every substance key named by the table (so free text can be read for them). */
export function interactionKeys(): string[] {
  return INTERACTIONS.flatMap((r) => [...(r.a.substances ?? []), ...(r.b.substances ?? [])]);
}

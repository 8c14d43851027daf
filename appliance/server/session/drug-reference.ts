/**
 * The cross-check's drug reference (the BDPM index, tens of MB resident) is loaded on first need:
 * when a pharmacist is authenticated on a kiosk whose policy lets pharmacists open a record with
 * the patient's code. A kiosk used only by nurses and doctors never loads it. Pure: the machine
 * asks once with the `load_drug_reference` effect, the shell answers with `drugs.loaded`. Once
 * loaded it stays (a pharmacy kiosk keeps using it); a failed load stays `unavailable` and the rest
 * of the kiosk works (HZ-11).
 */
import type { DrugKnowledge } from '../../crosscheck/knowledge.ts';
import { recheckBasket } from './crosscheck.ts';
import type { SessionState } from './state.ts';
import type { Partial } from './wipe.ts';

export type DrugReference =
  | { readonly status: 'not_loaded' }
  | { readonly status: 'loading' }
  | { readonly status: 'unavailable' }
  | { readonly status: 'ready'; readonly knowledge: DrugKnowledge };

/** True when the reference may be about to be used: a pharmacist who may open a record by code, or an author editing. */
export function drugReferenceNeeded(state: SessionState): boolean {
  const { card, policy } = state;
  // The allergy and medication pickers search it too (record authoring, issue 16).
  if (state.authoring !== undefined && state.authoring.phase.status === 'editing') return true;
  return (
    card.status === 'authenticated' &&
    card.identity.profession === 'pharmacist' &&
    policy.codeProfessions.includes('pharmacist')
  );
}

/** After every step: the first time the reference is needed, it is marked loading and asked for. */
export function requestDrugReference(result: Partial): Partial {
  const { state } = result;
  if (state.drugs.status !== 'not_loaded' || !drugReferenceNeeded(state)) return result;
  return {
    state: { ...state, drugs: { status: 'loading' } },
    effects: [...result.effects, { type: 'load_drug_reference' }],
  };
}

/** The shell's answer; boxes scanned while it loaded are checked now. */
export function onDrugsLoaded(
  state: SessionState,
  knowledge: DrugKnowledge | undefined,
  now: number,
): Partial {
  const drugs: DrugReference = knowledge ? { status: 'ready', knowledge } : { status: 'unavailable' };
  return { state: recheckBasket({ ...state, drugs }, now), effects: [] };
}

/**
 * The interaction table's shape and its dose grading. Rows are in interaction-rows-*.ts, each
 * citing its ANSM thesaurus entry and whether it was checked against the edition named in
 * interaction-source.ts. NOT EXHAUSTIVE (docs/crosscheck.md, "Interaction table").
 */
import type { ClassId } from './classes.ts';
import type { DoseBands } from './dose.ts';

/** The four levels of the ANSM thesaurus, most severe first. */
export type InteractionLevel =
  'contre-indication' | 'association-deconseillee' | 'precaution-emploi' | 'a-prendre-en-compte';

export const LEVEL_RANK: Readonly<Record<InteractionLevel, number>> = {
  'contre-indication': 0,
  'association-deconseillee': 1,
  'precaution-emploi': 2,
  'a-prendre-en-compte': 3,
};

export interface InteractionSide {
  readonly classes?: readonly ClassId[];
  readonly substances?: readonly string[];
  /** Substance keys excluded from this side (e.g. aspirin has its own row). */
  readonly except?: readonly string[];
}

export interface Localised {
  readonly fr: string;
  readonly en: string;
}

export interface InteractionRule {
  readonly id: string;
  readonly a: InteractionSide;
  readonly b: InteractionSide;
  /** The level when the doses are not known: the most severe the entry gives. */
  readonly level: InteractionLevel;
  /** Where the entry grades by dose: the level at the doses known (null: no interaction at those doses). */
  readonly byDose?: (dose: DoseBands) => InteractionLevel | null;
  readonly risk: Localised;
  /** The entry's conditions (doses, context), spelled out with every finding of the row. */
  readonly condition?: Localised;
  /** The thesaurus entry, as headed there ("ACIDE ACETYLSALICYLIQUE + ANTICOAGULANTS ORAUX"). */
  readonly entry: string;
  /** Checked against the edition in interaction-source.ts (false: transcribed, not yet checked). */
  readonly reviewed: boolean;
}

/** Aspirin graded by dose: at antiplatelet doses, and at analgesic or anti-inflammatory doses. */
export function byAspirinDose(
  antiplatelet: InteractionLevel | null,
  higher: InteractionLevel | null,
): (dose: DoseBands) => InteractionLevel | null {
  return (d) => (d.aspirin === 'antiplatelet' ? antiplatelet : higher);
}

/** Methotrexate graded by weekly dose (unknown: the higher band). */
export function byMethotrexateDose(
  upTo20: InteractionLevel | null,
  over20: InteractionLevel | null,
): (dose: DoseBands) => InteractionLevel | null {
  return (d) => (d.methotrexate === 'up-to-20-mg-week' ? upTo20 : over20);
}

/** The level of a row at the doses known (undefined bands: the most severe applicable). */
export function levelAt(rule: InteractionRule, dose: DoseBands): InteractionLevel | null {
  return rule.byDose === undefined ? rule.level : rule.byDose(dose);
}

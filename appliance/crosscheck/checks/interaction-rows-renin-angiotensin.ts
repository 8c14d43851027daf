/**
 * Entries "INHIBITEURS DE L'ENZYME DE CONVERSION + …" and "ANTAGONISTES DES RÉCEPTEURS DE
 * L'ANGIOTENSINE II + …", checked against the edition in interaction-source.ts (levels and
 * conditions as read there).
 */
import type { InteractionRule } from './interactions.ts';
import { RISK } from './interaction-risks.ts';
import { substanceKey } from './vocabulary.ts';

const ACE = { classes: ['ace-inhibitors'] } as const;
const ENTRY = "INHIBITEURS DE L'ENZYME DE CONVERSION";
const ARB = { classes: ['angiotensin-receptor-blockers'] } as const;
const ARB_ENTRY = "ANTAGONISTES DES RÉCEPTEURS DE L'ANGIOTENSINE II";
const SPARING_CONDITION = {
  fr: "précaution d'emploi pour la spironolactone de 12,5 à 50 mg par jour et l'éplérénone dans l'insuffisance cardiaque, et en cas d'hypokaliémie ; contrôle strict de la kaliémie et de la fonction rénale",
  en: 'precaution for spironolactone 12.5 to 50 mg a day and eplerenone in heart failure, and in hypokalaemia; close monitoring of potassium and renal function',
};
const POTASSIUM_CONDITION = {
  fr: "sauf en cas d'hypokaliémie ; pour plus de 1 mmol de potassium par prise",
  en: 'except in hypokalaemia; for more than 1 mmol of potassium a dose',
};

export const RENIN_ANGIOTENSIN_ROWS: readonly InteractionRule[] = [
  {
    id: 'potassium-sparing-ace-inhibitor',
    a: ACE,
    b: { classes: ['potassium-sparing-diuretics'] },
    level: 'association-deconseillee',
    risk: RISK.hyperkalaemia,
    condition: SPARING_CONDITION,
    entry: `${ENTRY} + DIURÉTIQUES ÉPARGNEURS DE POTASSIUM (SEULS OU ASSOCIÉS)`,
    reviewed: true,
  },
  {
    id: 'ace-inhibitor-potassium',
    a: ACE,
    b: { classes: ['potassium-salts'] },
    level: 'association-deconseillee',
    risk: RISK.hyperkalaemia,
    condition: POTASSIUM_CONDITION,
    entry: `${ENTRY} + POTASSIUM`,
    reviewed: true,
  },
  {
    id: 'lithium-ace-inhibitor',
    a: ACE,
    b: { substances: [substanceKey('lithium')] },
    level: 'association-deconseillee',
    risk: RISK.lithium,
    entry: `${ENTRY} + LITHIUM`,
    reviewed: true,
  },
  {
    id: 'ace-inhibitor-sacubitril',
    a: ACE,
    b: { substances: [substanceKey('sacubitril')] },
    level: 'contre-indication',
    risk: RISK.angioedema,
    entry: `${ENTRY} + SACUBITRIL`,
    reviewed: true,
  },
  {
    id: 'potassium-sparing-arb',
    a: ARB,
    b: { classes: ['potassium-sparing-diuretics'] },
    level: 'association-deconseillee',
    risk: RISK.hyperkalaemia,
    condition: SPARING_CONDITION,
    entry: `${ARB_ENTRY} + DIURÉTIQUES ÉPARGNEURS DE POTASSIUM (SEULS OU ASSOCIÉS)`,
    reviewed: true,
  },
  {
    id: 'arb-potassium',
    a: ARB,
    b: { classes: ['potassium-salts'] },
    level: 'association-deconseillee',
    risk: RISK.hyperkalaemia,
    condition: POTASSIUM_CONDITION,
    entry: `${ARB_ENTRY} + POTASSIUM`,
    reviewed: true,
  },
  {
    id: 'lithium-arb',
    a: ARB,
    b: { substances: [substanceKey('lithium')] },
    level: 'association-deconseillee',
    risk: RISK.lithium,
    entry: `${ARB_ENTRY} + LITHIUM`,
    reviewed: true,
  },
];

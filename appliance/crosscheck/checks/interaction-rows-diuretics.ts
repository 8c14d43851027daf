/**
 * Entries "DIURÉTIQUES … + …", "DIHYDROERGOTAMINE + …" and "DILTIAZEM + PIMOZIDE", checked
 * against the edition in interaction-source.ts.
 */
import type { InteractionRule } from './interactions.ts';
import { RISK } from './interaction-risks.ts';
import { substanceKey } from './vocabulary.ts';

const keys = (...names: string[]): string[] => names.map(substanceKey);
const DHE = { substances: keys('dihydroergotamine') };

export const DIURETIC_ROWS: readonly InteractionRule[] = [
  {
    id: 'potassium-sparing-potassium',
    a: { classes: ['potassium-sparing-diuretics'] },
    b: { classes: ['potassium-salts'] },
    level: 'association-deconseillee',
    risk: RISK.hyperkalaemia,
    condition: {
      fr: "sauf en cas d'hypokaliémie ; pour plus de 1 mmol de potassium par prise",
      en: 'except in hypokalaemia; for more than 1 mmol of potassium a dose',
    },
    entry: 'DIURÉTIQUES ÉPARGNEURS DE POTASSIUM (SEULS OU ASSOCIÉS) + POTASSIUM',
    reviewed: true,
  },
  {
    id: 'lithium-thiazide',
    a: { classes: ['thiazide-diuretics'] },
    b: { substances: keys('lithium') },
    level: 'association-deconseillee',
    risk: RISK.lithium,
    entry: 'DIURÉTIQUES THIAZIDIQUES ET APPARENTÉS + LITHIUM',
    reviewed: true,
  },
  {
    id: 'dihydroergotamine-macrolide',
    a: DHE,
    b: { classes: ['macrolides'], except: keys('spiramycine') },
    level: 'contre-indication',
    risk: RISK.ergotism,
    entry: 'DIHYDROERGOTAMINE + MACROLIDES (SAUF SPIRAMYCINE)',
    reviewed: true,
  },
  {
    id: 'dihydroergotamine-diltiazem',
    a: DHE,
    b: { substances: keys('diltiazem') },
    level: 'contre-indication',
    risk: RISK.ergotism,
    entry: 'DIHYDROERGOTAMINE + DILTIAZEM',
    reviewed: true,
  },
  {
    id: 'diltiazem-pimozide',
    a: { substances: keys('diltiazem') },
    b: { substances: keys('pimozide') },
    level: 'contre-indication',
    risk: RISK.torsades,
    entry: 'DILTIAZEM + PIMOZIDE',
    reviewed: true,
  },
];

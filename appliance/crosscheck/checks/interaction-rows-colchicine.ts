/**
 * Entries "COLCHICINE + …", "CODEINE + …", "CICLOSPORINE + …" and "ANTIPURINES + …" common in
 * community pharmacy, checked against the edition in interaction-source.ts.
 */
import type { InteractionRule } from './interactions.ts';
import { RISK } from './interaction-risks.ts';
import { substanceKey } from './vocabulary.ts';

const keys = (...names: string[]): string[] => names.map(substanceKey);
const COLCHICINE = { substances: keys('colchicine') };
const CICLOSPORIN = { substances: keys('ciclosporine') };
const CI = 'contre-indication' as const;
const ASDEC = 'association-deconseillee' as const;

export const COLCHICINE_ROWS: readonly InteractionRule[] = [
  {
    id: 'colchicine-macrolide',
    a: COLCHICINE,
    b: { classes: ['macrolides'], except: keys('spiramycine') },
    level: CI,
    risk: RISK.colchicine,
    entry: 'COLCHICINE + MACROLIDES (SAUF SPIRAMYCINE)',
    reviewed: true,
  },
  {
    id: 'colchicine-pristinamycin',
    a: COLCHICINE,
    b: { substances: keys('pristinamycine') },
    level: CI,
    risk: RISK.colchicine,
    entry: 'COLCHICINE + PRISTINAMYCINE',
    reviewed: true,
  },
  {
    id: 'colchicine-azole',
    a: COLCHICINE,
    b: { substances: keys('fluconazole', 'itraconazole', 'kétoconazole', 'posaconazole', 'voriconazole') },
    level: ASDEC,
    risk: RISK.colchicine,
    entry: 'COLCHICINE + (FLUCONAZOLE, INHIBITEURS PUISSANTS DU CYP3A4 : antifongiques azolés)',
    reviewed: true,
  },
  {
    id: 'colchicine-ciclosporin',
    a: COLCHICINE,
    b: CICLOSPORIN,
    level: ASDEC,
    risk: RISK.colchicine,
    entry: 'COLCHICINE + CICLOSPORINE',
    reviewed: true,
  },
  {
    id: 'colchicine-verapamil',
    a: COLCHICINE,
    b: { substances: keys('vérapamil') },
    level: ASDEC,
    risk: RISK.colchicine,
    entry: 'COLCHICINE + VERAPAMIL',
    reviewed: true,
  },
  {
    id: 'codeine-cyp2d6-inhibitor',
    a: { substances: keys('codéine') },
    b: {
      substances: keys(
        'fluoxétine',
        'paroxétine',
        'duloxétine',
        'bupropion',
        'terbinafine',
        'quinidine',
        'cinacalcet',
      ),
    },
    level: ASDEC,
    risk: RISK.lessCodeine,
    entry: 'CODEINE + (BUPROPION, CINACALCET, DULOXETINE, FLUOXETINE, PAROXETINE, QUINIDINE, TERBINAFINE)',
    reviewed: true,
  },
  {
    id: 'ciclosporin-rosuvastatin',
    a: CICLOSPORIN,
    b: { substances: keys('rosuvastatine', 'pitavastatine') },
    level: CI,
    risk: RISK.rhabdomyolysis,
    entry: 'CICLOSPORINE + (ROSUVASTATINE, PITAVASTATINE)',
    reviewed: true,
  },
  {
    id: 'ciclosporin-potassium',
    a: CICLOSPORIN,
    b: { classes: ['potassium-salts'] },
    level: ASDEC,
    risk: RISK.hyperkalaemia,
    condition: {
      fr: "sauf en cas d'hypokaliémie ; pour plus de 1 mmol de potassium par prise",
      en: 'except in hypokalaemia; for more than 1 mmol of potassium a dose',
    },
    entry: 'CICLOSPORINE + POTASSIUM',
    reviewed: true,
  },
  {
    id: 'antipurine-xanthine-oxidase',
    a: { classes: ['thiopurines'] },
    b: { classes: ['xanthine-oxidase-inhibitors'] },
    level: CI,
    risk: RISK.marrow,
    entry: 'ANTIPURINES (azathioprine, mercaptopurine) + INHIBITEURS DE LA XANTHINE OXYDASE',
    reviewed: true,
  },
];

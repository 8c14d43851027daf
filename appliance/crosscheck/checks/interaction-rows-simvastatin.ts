/** Entries "SIMVASTATINE + …", checked against the edition in interaction-source.ts. */
import type { InteractionRule } from './interactions.ts';
import { RISK } from './interaction-risks.ts';
import { substanceKey } from './vocabulary.ts';

const keys = (...names: string[]): string[] => names.map(substanceKey);
const SIMVASTATIN = { substances: keys('simvastatine') };

export const SIMVASTATIN_ROWS: readonly InteractionRule[] = [
  {
    id: 'simvastatin-cyp3a4',
    a: SIMVASTATIN,
    b: {
      substances: keys(
        'clarithromycine',
        'érythromycine',
        'télithromycine',
        'itraconazole',
        'kétoconazole',
        'posaconazole',
        'voriconazole',
        'ritonavir',
        'cobicistat',
      ),
    },
    level: 'contre-indication',
    risk: RISK.rhabdomyolysis,
    condition: {
      fr: 'membres de la classe « inhibiteurs puissants du CYP3A4 » : liste de cette table, à vérifier sur le thésaurus',
      en: 'members of the "strong CYP3A4 inhibitors" class: this table’s list, to be checked against the thesaurus',
    },
    entry: 'SIMVASTATINE + INHIBITEURS PUISSANTS DU CYP3A4',
    reviewed: true,
  },
  {
    id: 'simvastatin-ciclosporin',
    a: SIMVASTATIN,
    b: { substances: keys('ciclosporine') },
    level: 'contre-indication',
    risk: RISK.rhabdomyolysis,
    entry: 'SIMVASTATINE + CICLOSPORINE',
    reviewed: true,
  },
  {
    id: 'simvastatin-danazol',
    a: SIMVASTATIN,
    b: { substances: keys('danazol') },
    level: 'contre-indication',
    risk: RISK.rhabdomyolysis,
    entry: 'SIMVASTATINE + DANAZOL',
    reviewed: true,
  },
  {
    id: 'simvastatin-dronedarone',
    a: SIMVASTATIN,
    b: { substances: keys('dronédarone') },
    level: 'association-deconseillee',
    risk: RISK.rhabdomyolysis,
    entry: 'SIMVASTATINE + DRONEDARONE',
    reviewed: true,
  },
];

/**
 * Torsades de pointes, ivabradine and nitrates, checked against the edition in interaction-source.ts.
 * The thesaurus states the torsades rule in its class heading ("SUBSTANCES SUSCEPTIBLES DE
 * DONNER DES TORSADES DE POINTES"): two torsadogenic drugs are contraindicated as a rule; the
 * antiparasitics, arsenic, hydroxychloroquine, methadone, crizotinib, co-trimoxazole and the
 * neuroleptics are only "déconseillés" with the others; citalopram, escitalopram, domperidone,
 * hydroxyzine and piperaquine are contraindicated with every one. Methadone has its own entries
 * (interaction-rows-reviewed.ts) and is left out here so that one pair gives one line.
 */
import type { InteractionRule, InteractionSide } from './interactions.ts';
import { RISK } from './interaction-risks.ts';
import { substanceKey } from './vocabulary.ts';

const keys = (...names: string[]): string[] => names.map(substanceKey);
const HEADING = 'SUBSTANCES SUSCEPTIBLES DE DONNER DES TORSADES DE POINTES';
const ALWAYS_CI = keys('citalopram', 'escitalopram', 'dompéridone', 'hydroxyzine', 'pipéraquine');
const METHADONE = keys('méthadone');
const ONLY_DECONSEILLES = keys(
  'chloroquine',
  'halofantrine',
  'luméfantrine',
  'pentamidine',
  'trioxyde d arsenic',
  'hydroxychloroquine',
  'crizotinib',
  // neuroleptics of the class list
  'amisulpride',
  'chlorpromazine',
  'cyamémazine',
  'dropéridol',
  'flupentixol',
  'fluphénazine',
  'halopéridol',
  'lévomépromazine',
  'pimozide',
  'pipampérone',
  'pipotiazine',
  'sulpiride',
  'tiapride',
  'zuclopenthixol',
);
const OTHERS: InteractionSide = {
  classes: ['torsadogenic'],
  except: [...ALWAYS_CI, ...METHADONE, ...ONLY_DECONSEILLES],
};
const STRONG_CYP3A4 = keys(
  'clarithromycine',
  'télithromycine',
  'itraconazole',
  'kétoconazole',
  'posaconazole',
  'voriconazole',
  'ritonavir',
  'cobicistat',
);

export const CARDIAC_ROWS: readonly InteractionRule[] = [
  {
    id: 'qt-always-ci',
    a: { substances: ALWAYS_CI },
    b: { classes: ['torsadogenic'], except: METHADONE },
    level: 'contre-indication',
    risk: RISK.torsades,
    entry: `${HEADING} (en-tête de classe : citalopram, escitalopram, dompéridone, hydroxyzine, pipéraquine)`,
    reviewed: true,
  },
  {
    id: 'qt-qt',
    a: OTHERS,
    b: OTHERS,
    level: 'contre-indication',
    risk: RISK.torsades,
    entry: `${HEADING} (en-tête de classe : règle générale)`,
    reviewed: true,
  },
  {
    id: 'qt-only-deconseille',
    a: { substances: ONLY_DECONSEILLES },
    b: { classes: ['torsadogenic'], except: [...ALWAYS_CI, ...METHADONE] },
    level: 'association-deconseillee',
    risk: RISK.torsades,
    condition: {
      fr: "antiparasitaires, arsénieux, hydroxychloroquine, crizotinib et neuroleptiques : seulement déconseillés avec les autres torsadogènes ; contrôle clinique et électrocardiographique si l'association ne peut être évitée",
      en: 'antiparasitics, arsenic, hydroxychloroquine, crizotinib and neuroleptics: only not recommended with the other torsadogenic drugs; clinical and ECG monitoring if the combination cannot be avoided',
    },
    entry: `${HEADING} (en-tête de classe : exceptions)`,
    reviewed: true,
  },
  {
    id: 'ivabradine-verapamil-diltiazem',
    a: { substances: keys('ivabradine') },
    b: { substances: keys('vérapamil', 'diltiazem') },
    level: 'contre-indication',
    risk: RISK.ivabradine,
    entry: 'IVABRADINE + (DILTIAZEM, VERAPAMIL)',
    reviewed: true,
  },
  {
    id: 'ivabradine-cyp3a4',
    a: { substances: keys('ivabradine') },
    b: { substances: [...STRONG_CYP3A4, ...keys('josamycine')] },
    level: 'contre-indication',
    risk: RISK.ivabradine,
    condition: {
      fr: 'membres de la classe « inhibiteurs puissants du CYP3A4 » : liste de cette table, à vérifier sur le thésaurus',
      en: 'members of the "strong CYP3A4 inhibitors" class: this table’s list, to be checked against the thesaurus',
    },
    entry: 'IVABRADINE + (INHIBITEURS PUISSANTS DU CYP3A4, JOSAMYCINE)',
    reviewed: true,
  },
  {
    id: 'pde5-nitrate',
    a: { classes: ['nitrates'] },
    b: { classes: ['pde5-inhibitors'] },
    level: 'contre-indication',
    risk: RISK.hypotension,
    entry: 'DÉRIVÉS NITRÉS ET APPARENTÉS + INHIBITEURS DE LA PHOSPHODIESTERASE DE TYPE 5',
    reviewed: true,
  },
];

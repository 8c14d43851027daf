/**
 * Interaction rows transcribed from the ANSM thesaurus as the author knew it, NOT YET CHECKED
 * against the edition in interaction-source.ts: each finding from them says so. A pharmacist must
 * check each one (level and members) before clinical use; docs/crosscheck.md lists them.
 */
import type { InteractionLevel, InteractionRule, InteractionSide, Localised } from './interactions.ts';
import { RISK } from './interaction-risks.ts';
import { substanceKey } from './vocabulary.ts';

const keys = (...names: string[]): string[] => names.map(substanceKey);
const s = (...names: string[]): InteractionSide => ({ substances: keys(...names) });
const CI = 'contre-indication' as const;
const ASDEC = 'association-deconseillee' as const;

const STRONG_CYP3A4 = keys(
  'clarithromycine',
  'érythromycine',
  'télithromycine',
  'josamycine',
  'itraconazole',
  'kétoconazole',
  'posaconazole',
  'voriconazole',
);

function row(
  id: string,
  a: InteractionSide,
  b: InteractionSide,
  level: InteractionLevel,
  entry: string,
  risk: Localised,
  condition?: Localised,
): InteractionRule {
  return { id, a, b, level, risk, entry, reviewed: false, ...(condition !== undefined ? { condition } : {}) };
}

export const UNREVIEWED_ROWS: readonly InteractionRule[] = [
  row(
    'triptan-maoi',
    s('sumatriptan', 'rizatriptan', 'zolmitriptan', 'almotriptan'),
    s('iproniazide', 'moclobémide', 'linézolide', 'bleu de méthylène'),
    CI,
    'TRIPTANS MÉTABOLISÉS PAR LA MAO + IMAO',
    RISK.triptanMaoi,
  ),
  row(
    'ergot-macrolide',
    { classes: ['ergot-vasoconstrictors'], except: keys('dihydroergotamine') },
    { classes: ['macrolides'], except: keys('spiramycine') },
    CI,
    "ALCALOÏDES DE L'ERGOT DE SEIGLE VASOCONSTRICTEURS + MACROLIDES (SAUF SPIRAMYCINE)",
    RISK.ergotism,
  ),
  row(
    'ergot-azole',
    { classes: ['ergot-vasoconstrictors'] },
    s('itraconazole', 'kétoconazole', 'posaconazole', 'voriconazole'),
    CI,
    "ALCALOÏDES DE L'ERGOT DE SEIGLE VASOCONSTRICTEURS + ANTIFONGIQUES AZOLÉS",
    RISK.ergotism,
  ),
  row(
    'tizanidine-fluvoxamine-ciprofloxacin',
    s('tizanidine'),
    s('fluvoxamine', 'ciprofloxacine'),
    CI,
    'TIZANIDINE + (CIPROFLOXACINE, FLUVOXAMINE)',
    RISK.tizanidine,
  ),
  row(
    'dabigatran-inhibitors',
    s('dabigatran'),
    s('kétoconazole', 'itraconazole', 'ciclosporine', 'dronédarone'),
    CI,
    'DABIGATRAN + (CICLOSPORINE, DRONÉDARONE, ITRACONAZOLE, KÉTOCONAZOLE)',
    RISK.dabigatran,
  ),
  row(
    'naltrexone-morphine-agonist',
    s('naltrexone'),
    { classes: ['morphine-agonists'] },
    CI,
    'NALTREXONE + MORPHINIQUES AGONISTES',
    RISK.opioidBlock,
  ),
  row(
    'agonist-antagonist-morphine-agonist',
    { classes: ['opioid-agonist-antagonists'] },
    { classes: ['morphine-agonists'], except: keys('méthadone') },
    ASDEC,
    'MORPHINIQUES AGONISTES-ANTAGONISTES + MORPHINIQUES AGONISTES',
    RISK.opioidBlock,
  ),
  row(
    'ssri-irreversible-maoi',
    { classes: ['ssris'] },
    s('iproniazide'),
    CI,
    'INHIBITEURS SÉLECTIFS DE LA RECAPTURE DE LA SÉROTONINE + IMAO IRRÉVERSIBLES',
    RISK.serotonin,
  ),
  row(
    'carbapenem-valproate',
    { classes: ['carbapenems'] },
    s('acide valproïque', 'valpromide', 'divalproate de sodium'),
    ASDEC,
    'ACIDE VALPROÏQUE + CARBAPÉNÈMES',
    RISK.seizures,
  ),
  row(
    'pimozide-macrolide-azole',
    s('pimozide'),
    { substances: STRONG_CYP3A4 },
    CI,
    'PIMOZIDE + (MACROLIDES, ANTIFONGIQUES AZOLÉS)',
    RISK.torsades,
  ),
];

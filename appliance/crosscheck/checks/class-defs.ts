/**
 * The class table (membership lists, INN stems, allergy-text terms, ATC prefixes); see
 * classes.ts for how it is used and docs/crosscheck.md, "Class rules", for the sources.
 */

import { THERAPEUTIC_DEFS, type TherapeuticClassId } from './therapeutic-class-defs.ts';

export type ClassId =
  | 'penicillins'
  | 'cephalosporins'
  | 'carbapenems'
  | 'monobactams'
  | 'sulfonamide-antibiotics'
  | 'nsaids'
  | 'opioids'
  | 'iodinated-contrast'
  | 'fluoroquinolones'
  | 'barbiturates'
  | 'oral-anticoagulants'
  | 'macrolides'
  | 'azole-antifungals'
  | 'maois'
  | 'triptans'
  | 'pde5-inhibitors'
  | 'nitrates'
  | 'potassium-sparing-diuretics'
  | 'potassium-salts'
  | TherapeuticClassId;

export interface ClassDef {
  readonly members: readonly string[];
  /** WHO INN stems, compared with normalised words (normalise.ts): suffixes and prefixes. */
  readonly stem?: { readonly suffixes?: readonly string[]; readonly prefixes?: readonly string[] };
  /** Word runs that name the class in an allergy text, any language ("x*" = a word starting with x). */
  readonly terms?: readonly (readonly string[])[];
  /** ATC codes or prefixes (WHO ATC index) whose substances belong to the class. */
  readonly atc?: readonly string[];
}

export const DEFS: Readonly<Record<ClassId, ClassDef>> = {
  ...THERAPEUTIC_DEFS,
  penicillins: {
    members: ['pivmécillinam', 'mécillinam', 'témocilline'],
    stem: { suffixes: ['cillin'] },
    terms: [['penicillin*'], ['aminopenicillin*']],
    atc: ['J01C'],
  },
  cephalosporins: {
    members: [],
    stem: { prefixes: ['cef'] },
    terms: [['cefalosporin*']],
    atc: ['J01DB', 'J01DC', 'J01DD', 'J01DE', 'J01DI'],
  },
  carbapenems: { members: [], stem: { suffixes: ['penem'] }, terms: [['carbapenem*']], atc: ['J01DH'] },
  monobactams: { members: ['aztréonam'], terms: [['monobactam*']], atc: ['J01DF'] },
  'sulfonamide-antibiotics': {
    members: [
      'sulfaméthoxazole',
      'sulfadiazine',
      'sulfasalazine',
      'sulfafurazole',
      'sulfacétamide',
      'sulfaméthizole',
      'sulfaguanidine',
      'sulfadoxine',
      'sulfaméthoxypyridazine',
    ],
    terms: [
      ['sulfamid*'],
      ['sulfonamid*'],
      ['sulfa'],
      ['sulfas'],
      ['cotrimoxazol*'],
      ['co', 'trimoxazol*'],
      ['sulfonylamid*'],
    ],
    atc: ['J01E'],
  },
  nsaids: {
    members: [
      'acide acétylsalicylique',
      'diclofénac',
      'acéclofénac',
      'indométacine',
      'sulindac',
      'étodolac',
      'nabumétone',
      'naproxène',
      'kétorolac',
      'nimésulide',
      'morniflumate',
      'phénylbutazone',
      'acide méfénamique',
      'acide niflumique',
      'acide tiaprofénique',
      'fénoprofène',
      'métamizole',
    ],
    stem: { suffixes: ['profen', 'coxib', 'oxicam'] },
    terms: [
      ['ains'],
      ['ain'],
      ['nsaid'],
      ['nsaids'],
      ['anti', 'inflammatoir*', 'non'],
      ['antiinflammatoir*', 'non'],
      ['non', 'steroidal*'],
      ['nichtsteroidal*'],
    ],
    atc: ['M01AA', 'M01AB', 'M01AC', 'M01AE', 'M01AG', 'M01AH', 'N02BA', 'B01AC06', 'M01AX01', 'M01AX02'],
  },
  opioids: {
    members: [
      'morphine',
      'codéine',
      'tramadol',
      'oxycodone',
      'hydromorphone',
      'fentanyl',
      'buprénorphine',
      'méthadone',
      'tapentadol',
      'dihydrocodéine',
      'péthidine',
      'nalbuphine',
      'sufentanil',
      'rémifentanil',
      'alfentanil',
      'opium',
      'éthylmorphine',
      'pholcodine',
      'hydrocodone',
      'oxymorphone',
      'diamorphine',
    ],
    terms: [['opioi*'], ['opiac*'], ['opiat*'], ['morfiniqu*']],
    atc: ['N02A', 'N07BC', 'R05DA'],
  },
  'iodinated-contrast': {
    members: [
      'iohexol',
      'iopamidol',
      'ioméprol',
      'iopromide',
      'iodixanol',
      'ioversol',
      'iobitridol',
      'ioxaglate',
      'amidotrizoate',
      'ioxitalamate',
      'iopentol',
      'iosimenol',
      'iotrolan',
      'esters éthyliques d acides gras iodés',
    ],
    terms: [['contrast*', 'iod*'], ['iod'], ['iodin'], ['iodinated'], ['jod'], ['kontrastmittel*']],
    atc: ['V08A'],
  },
  fluoroquinolones: {
    members: ['acide nalidixique', 'fluméquine'],
    stem: { suffixes: ['floxacin'] },
    terms: [['quinolon*'], ['fluoroquinolon*']],
    atc: ['J01M'],
  },
  barbiturates: {
    members: ['primidone'],
    stem: { suffixes: ['barbital'] },
    terms: [['barbitur*']],
    atc: ['N03AA', 'N05CA', 'N01AF'],
  },
  'oral-anticoagulants': {
    members: [
      'warfarine',
      'fluindione',
      'acénocoumarol',
      'apixaban',
      'rivaroxaban',
      'dabigatran',
      'édoxaban',
    ],
    atc: ['B01AA', 'B01AF', 'B01AE07'],
  },
  macrolides: {
    members: [
      'clarithromycine',
      'érythromycine',
      'josamycine',
      'roxithromycine',
      'azithromycine',
      'télithromycine',
      'spiramycine',
    ],
    atc: ['J01FA'],
  },
  'azole-antifungals': {
    members: ['itraconazole', 'kétoconazole', 'posaconazole', 'voriconazole', 'fluconazole'],
    atc: ['J02AC', 'J02AB02'],
  },
  maois: {
    members: [
      'iproniazide',
      'moclobémide',
      'sélégiline',
      'rasagiline',
      'safinamide',
      'linézolide',
      'bleu de méthylène',
    ],
  },
  triptans: { members: [], stem: { suffixes: ['triptan'] }, atc: ['N02CC'] },
  'pde5-inhibitors': {
    members: ['sildénafil', 'tadalafil', 'vardénafil', 'avanafil'],
    atc: ['G04BE03', 'G04BE08', 'G04BE09', 'G04BE10'],
  },
  nitrates: {
    members: [
      'trinitrine',
      'dinitrate d isosorbide',
      'mononitrate d isosorbide',
      'molsidomine',
      'nicorandil',
      'tétranitrate de pentaérythritol',
    ],
    atc: ['C01DA', 'C01DX12', 'C01DX16'],
  },
  'potassium-sparing-diuretics': {
    members: [
      'spironolactone',
      'éplérénone',
      'amiloride',
      'triamtérène',
      'canrénoate de potassium',
      'canrénone',
    ],
    atc: ['C03DA', 'C03DB'],
  },
  'potassium-salts': {
    members: [
      'chlorure de potassium',
      'gluconate de potassium',
      'citrate de potassium',
      'bicarbonate de potassium',
      'acétate de potassium',
    ],
    atc: ['A12BA'],
  },
};

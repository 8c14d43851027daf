/**
 * Codes a record may carry for a substance or a class, mapped to our keys and classes. Small
 * and reviewable on purpose (docs/crosscheck.md, "Code mapping"): ATC by the WHO index (7-char
 * codes for the substances our rules name, prefixes for classes), SNOMED CT substance concepts,
 * RxNorm ingredients and FDA UNII for the common allergy substances. A code we do not know is
 * not a failure: names are matched as well.
 */
import { type ClassId, classesOfAtc } from './classes.ts';
import { substanceKey } from './vocabulary.ts';

export const SYSTEMS = {
  atc: ['http://www.whocc.no/atc', 'urn:oid:2.16.840.1.113883.6.73'],
  snomed: ['http://snomed.info/sct', 'urn:oid:2.16.840.1.113883.6.96'],
  rxnorm: ['http://www.nlm.nih.gov/research/umls/rxnorm', 'urn:oid:2.16.840.1.113883.6.88'],
  unii: ['http://fdasis.nlm.nih.gov', 'urn:oid:2.16.840.1.113883.4.9'],
} as const;

type Target = { readonly substance: string } | { readonly class: ClassId };

const ATC: Readonly<Record<string, string>> = {
  J01CA04: 'amoxicilline',
  J01CR02: 'amoxicilline',
  J01CE01: 'benzylpénicilline',
  J01CE02: 'phénoxyméthylpénicilline',
  N02BE01: 'paracétamol',
  N02BA01: 'acide acétylsalicylique',
  B01AC06: 'acide acétylsalicylique',
  M01AE01: 'ibuprofène',
  M01AE02: 'naproxène',
  M01AE03: 'kétoprofène',
  M01AB05: 'diclofénac',
  B01AA03: 'warfarine',
  B01AA07: 'acénocoumarol',
  B01AA12: 'fluindione',
  B01AF01: 'rivaroxaban',
  B01AF02: 'apixaban',
  B01AE07: 'dabigatran',
  L01BA01: 'méthotrexate',
  L04AX03: 'méthotrexate',
  C10AA01: 'simvastatine',
  C10AA05: 'atorvastatine',
  J01FA09: 'clarithromycine',
  J02AC02: 'itraconazole',
  M04AC01: 'colchicine',
  G04BE03: 'sildénafil',
  C01DA02: 'trinitrine',
  C01DA08: 'dinitrate d isosorbide',
  C01DA14: 'mononitrate d isosorbide',
  N02CC01: 'sumatriptan',
  C03DA01: 'spironolactone',
  A12BA01: 'chlorure de potassium',
  J01EE01: 'sulfaméthoxazole',
  J01MA02: 'ciprofloxacine',
  A10BA02: 'metformine',
  N02AA01: 'morphine',
  R05DA04: 'codéine',
  N02AX02: 'tramadol',
  L02BG03: 'anastrozole',
  C08CA01: 'amlodipine',
  C10AX06: 'oméga-3',
};

const SNOMED: Readonly<Record<string, Target>> = {
  '373270004': { class: 'penicillins' }, // Substance with penicillin structure and antibacterial mechanism of action
  '764146007': { class: 'penicillins' }, // Penicillin (substance)
  '91936005': { class: 'penicillins' }, // Allergy to penicillin (finding)
  '372687004': { substance: 'amoxicilline' },
  '387517004': { substance: 'paracétamol' },
  '387458008': { substance: 'acide acétylsalicylique' },
  '387207008': { substance: 'ibuprofène' },
  '373529000': { substance: 'morphine' },
  '387494007': { substance: 'codéine' },
  '372756006': { substance: 'warfarine' },
};

const RXNORM: Readonly<Record<string, Target>> = {
  '7980': { class: 'penicillins' }, // penicillin G (RxNorm "Penicillin" ingredient used for class allergies)
  '723': { substance: 'amoxicilline' },
  '161': { substance: 'paracétamol' },
  '1191': { substance: 'acide acétylsalicylique' },
  '5640': { substance: 'ibuprofène' },
  '7052': { substance: 'morphine' },
  '2670': { substance: 'codéine' },
  '11289': { substance: 'warfarine' },
};

const UNII: Readonly<Record<string, Target>> = {
  '804826J2HU': { substance: 'amoxicilline' },
  Q42T66VG0C: { class: 'penicillins' }, // penicillin G
  '362O9ITL9D': { substance: 'paracétamol' },
  R16CO5Y76E: { substance: 'acide acétylsalicylique' },
  WK2XYI10QM: { substance: 'ibuprofène' },
};

/** SNOMED CT "no known …" situations: an allergy or medication entry that asserts absence. */
export const NO_KNOWN_CODES = new Set(['716186003', '409137002', '429625007', '428607008', '787481004']);

export interface CodeTargets {
  readonly substances: string[];
  readonly classes: ClassId[];
}

const inSystem = (system: string | undefined, list: readonly string[]): boolean =>
  system !== undefined && list.includes(system);

export function targetsOfCoding(system: string | undefined, code: string | undefined): CodeTargets {
  const out: CodeTargets = { substances: [], classes: [] };
  if (code === undefined) return out;
  const add = (t: Target | undefined): void => {
    if (t === undefined) return;
    if ('substance' in t) out.substances.push(substanceKey(t.substance));
    else out.classes.push(t.class);
  };
  if (inSystem(system, SYSTEMS.atc)) {
    const name = ATC[code.toUpperCase()];
    if (name !== undefined) out.substances.push(substanceKey(name));
    out.classes.push(...classesOfAtc(code));
  } else if (inSystem(system, SYSTEMS.snomed)) add(SNOMED[code]);
  else if (inSystem(system, SYSTEMS.rxnorm)) add(RXNORM[code]);
  else if (inSystem(system, SYSTEMS.unii)) add(UNII[code.toUpperCase()]);
  return out;
}

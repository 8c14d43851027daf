/**
 * What a record entry (an allergy's substance, a medication with its ingredients) says in terms
 * the checks can compare: substance keys, classes, BDPM products and generic groups, and the
 * normalised words of every text it carries (for whole-word matching of a box's substances).
 */
import type { SummaryConcept } from '../../record/summary/types.ts';
import { hasValidCheckDigit } from '../gs1/check-digit.ts';
import type { DrugKnowledge, DrugSubstance } from '../knowledge.ts';
import { containsWords, normaliseWord, normaliseWords } from '../normalise.ts';
import {
  BETA_LACTAMS,
  CLASS_IDS,
  type ClassId,
  classesNamedIn,
  classesOfKey,
  namesBetaLactams,
} from './classes.ts';
import { cisOf } from '../../common/structured/bdpm-systems.ts';
import { NO_KNOWN_CODES, targetsOfCoding } from './codes.ts';
import { interactionKeys } from './interaction-table.ts';
import {
  candidateKeys,
  isKnownKey,
  registerKnownKeys,
  substanceAliases,
  substanceKey,
  textWords,
} from './vocabulary.ts';

registerKnownKeys(interactionKeys());

export interface ConceptProfile {
  readonly texts: readonly (readonly string[])[];
  readonly substances: ReadonlySet<string>;
  /** Classes the entry belongs to through its substances or codes. */
  readonly classes: ReadonlySet<ClassId>;
  /** Classes the entry names as such ("pénicillines", "AINS", a class code). */
  readonly namedClasses: ReadonlySet<ClassId>;
  readonly groups: ReadonlySet<string>;
  /** The entry asserts an absence ("No known allergy"). */
  readonly negated: boolean;
  /** Brand words matched to products that do not share a substance: the entry may be any of them. */
  readonly ambiguous: readonly { readonly word: string; readonly keys: ReadonlySet<string> }[];
  /** Some drug, class, product or group was read from the entry. */
  readonly recognised: boolean;
  /** The entry's texts (and dosage), where doses are read from. */
  readonly doseText: string;
  /** BDPM strengths of each substance among the products a brand word named ("KARDEGIC" → 75, 160, 300 mg). */
  readonly brandStrengths: ReadonlyMap<string, readonly string[]>;
}

export interface BoxSubstance {
  readonly name: string;
  readonly dosage: string;
  readonly key: string;
  /** Key of the substance as weighed (SA) when the name is its therapeutic fraction (FT). */
  readonly weighedKey?: string;
  readonly aliases: readonly (readonly string[])[];
  readonly classes: readonly ClassId[];
}

/** Texts saying "no known allergy/medication" (normalised word runs at the start of the text). */
const NEGATIONS = [
  'no known',
  'nkda',
  'nka',
  'none known',
  'aucune allergie',
  'aucun traitement',
  'pas d allergie',
  'keine bekannte',
  'geen bekende',
  'nessuna allergia',
  'ninguna alergia',
  'sin alergias',
].map((phrase) => normaliseWords(phrase));

function negates(words: readonly string[]): boolean {
  return NEGATIONS.some((n) => n.every((w, i) => words[i] === w));
}

/**
 * A box substance, matched under its therapeutic fraction and the substance as weighed:
 * OMNIPAQUE's FT is "IODE" but its SA "IOHEXOL" is what makes it an iodinated contrast medium.
 */
export function boxSubstance(s: DrugSubstance): BoxSubstance {
  const key = substanceKey(s.name);
  const weighedKey = s.weighedAs !== undefined ? substanceKey(s.weighedAs) : undefined;
  const aliases = [
    ...substanceAliases(s.name),
    ...(s.weighedAs !== undefined ? substanceAliases(s.weighedAs) : []),
  ];
  const classes = [
    ...new Set([...classesOfKey(key), ...(weighedKey !== undefined ? classesOfKey(weighedKey) : [])]),
  ];
  return {
    name: s.name,
    dosage: s.dosage,
    key,
    ...(weighedKey !== undefined && weighedKey !== key ? { weighedKey } : {}),
    aliases,
    classes,
  };
}

/** Words that start BDPM product names but are forms or common words, not brands. */
const NOT_BRANDS = new Set(
  [
    'gel',
    'solution',
    'crème',
    'pommade',
    'collyre',
    'sirop',
    'spray',
    'contre',
    'vitamine',
    'comprimé',
    'gélule',
    'sachet',
    'poudre',
    'injectable',
    'buvable',
    'gouttes',
    'suppositoire',
    'daily',
  ].map(normaliseWord),
);

interface Brands {
  substances: Set<string>;
  groups: Set<string>;
  ambiguous: { word: string; keys: Set<string> }[];
  strengths: Map<string, string[]>;
}

/**
 * Brand names anywhere in a record's text ("Allergie AUGMENTIN (urticaire)", "intolérance
 * Kardégic") resolve to the BDPM products whose name starts with that word; the substances common
 * to all of them, and their generic groups, are kept. A word naming products with no substance in
 * common is kept as ambiguous (the checks then say "to verify", never pass silently).
 */
function resolveBrands(text: string, knowledge: DrugKnowledge, into: Brands): void {
  for (const word of new Set(normaliseWords(text))) {
    if (word.length < 4 || !/^[a-z]+$/.test(word) || NOT_BRANDS.has(word)) continue;
    if (knowledge.isSubstanceWord(word)) continue;
    const products = knowledge.productsByFirstWord(word);
    if (products.length === 0) continue;
    let common: Set<string> | undefined;
    const union = new Set<string>();
    for (const cis of products) {
      const subs = knowledge.substancesOf(cis);
      const keys = new Set(subs.map((x) => substanceKey(x.name)));
      keys.forEach((k) => union.add(k));
      for (const x of subs) {
        const k = substanceKey(x.name);
        const list = into.strengths.get(k);
        if (list === undefined) into.strengths.set(k, [x.dosage]);
        else list.push(x.dosage);
      }
      common = common === undefined ? keys : new Set([...common].filter((k) => keys.has(k)));
      const g = knowledge.genericGroupOf(cis);
      if (g !== undefined) into.groups.add(g.id);
    }
    if (common !== undefined && common.size > 0) common.forEach((k) => into.substances.add(k));
    else into.ambiguous.push({ word, keys: union });
  }
}

export function profileConcepts(
  main: SummaryConcept,
  ingredients: readonly SummaryConcept[],
  knowledge: DrugKnowledge,
  dosage?: string,
): ConceptProfile {
  const texts: string[][] = [];
  const substances = new Set<string>();
  const classes = new Set<ClassId>();
  const namedClasses = new Set<ClassId>();
  const groups = new Set<string>();
  let negated = false;
  const brands: Brands = { substances: new Set(), groups: new Set(), ambiguous: [], strengths: new Map() };
  const doseTexts: string[] = dosage !== undefined ? [dosage] : [];

  const readText = (text: string, isSubstanceName: boolean): void => {
    if (text.trim() === '') return;
    texts.push(textWords(text));
    doseTexts.push(text);
    if (negates(normaliseWords(text))) negated = true;
    resolveBrands(text, knowledge, brands);
    if (isSubstanceName) substances.add(substanceKey(text));
    for (const k of candidateKeys(text)) {
      if (isKnownKey(k) || classesOfKey(k).length > 0) substances.add(k);
    }
    for (const c of classesNamedIn(text)) namedClasses.add(c);
    if (namesBetaLactams(text)) for (const c of BETA_LACTAMS) namedClasses.add(c);
  };
  const readConcept = (concept: SummaryConcept, isIngredient: boolean): void => {
    readText(concept.text, isIngredient);
    for (const coding of concept.codings) {
      if (coding.display !== undefined && coding.display !== concept.text) readText(coding.display, false);
      if (coding.code !== undefined && NO_KNOWN_CODES.has(coding.code)) negated = true;
      const targets = targetsOfCoding(coding.system, coding.code);
      targets.substances.forEach((s) => substances.add(s));
      // A class code on an ingredient or allergy names the class itself (e.g. ATC J01C).
      targets.classes.forEach((c) =>
        targets.substances.length === 0 ? namedClasses.add(c) : classes.add(c),
      );
      const code = coding.code ?? '';
      // A box (CIP13, any system) or a product (CIS in the BDPM systems): its substances and group.
      const cis =
        /^\d{13}$/.test(code) && hasValidCheckDigit(code)
          ? knowledge.findByCip13(code)?.cis
          : cisOf(coding.system, code);
      if (cis !== undefined) {
        knowledge.substancesOf(cis).forEach((s) => substances.add(substanceKey(s.name)));
        const g = knowledge.genericGroupOf(cis);
        if (g !== undefined) groups.add(g.id);
      }
    }
  };
  readConcept(main, false);
  ingredients.forEach((i) => readConcept(i, true));
  brands.substances.forEach((k) => substances.add(k));
  brands.groups.forEach((g) => groups.add(g));
  for (const k of substances) for (const c of classesOfKey(k)) classes.add(c);
  for (const c of namedClasses) classes.add(c);
  const recognised =
    substances.size > 0 || classes.size > 0 || groups.size > 0 || brands.ambiguous.length > 0;
  return {
    texts,
    substances,
    classes,
    namedClasses,
    groups,
    negated,
    ambiguous: brands.ambiguous,
    recognised,
    doseText: doseTexts.join(' ; '),
    brandStrengths: brands.strengths,
  };
}

/** True when the entry is (or contains) this substance: by key, or by its name in any text. */
export function mentions(profile: ConceptProfile, substance: BoxSubstance): boolean {
  if (profile.substances.has(substance.key)) return true;
  if (substance.weighedKey !== undefined && profile.substances.has(substance.weighedKey)) return true;
  return profile.texts.some((words) => substance.aliases.some((alias) => containsWords(words, alias)));
}

export { CLASS_IDS };

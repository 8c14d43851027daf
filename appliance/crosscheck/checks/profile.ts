/**
 * What a record entry (an allergy's substance, a medication with its ingredients) says in terms
 * the checks can compare: substance keys, classes, BDPM products and generic groups, and the
 * normalised words of every text it carries (for whole-word matching of a box's substances).
 */
import type { SummaryConcept } from '../../record/summary/types.ts';
import { hasValidCheckDigit } from '../gs1/check-digit.ts';
import type { DrugKnowledge, DrugSubstance } from '../knowledge.ts';
import { containsWords, normaliseWords } from '../normalise.ts';
import {
  BETA_LACTAMS,
  CLASS_IDS,
  type ClassId,
  classesNamedIn,
  classesOfKey,
  namesBetaLactams,
} from './classes.ts';
import { NO_KNOWN_CODES, targetsOfCoding } from './codes.ts';
import { interactionKeys } from './interactions.ts';
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

const NEGATION =
  /^(no known|nkda|nka|aucune? allergie|pas d allergie|keine bekannte|geen bekende|none known)/;

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

/**
 * A brand name in a record ("Coumadine 5 mg", "Augmentin") resolves to the BDPM products whose
 * name starts with the same word; their common substances and generic groups are kept.
 */
function resolveBrand(text: string, knowledge: DrugKnowledge): { substances: string[]; groups: string[] } {
  const first = normaliseWords(text)[0];
  if (first === undefined || first.length < 4 || !/^[a-z]+$/.test(first))
    return { substances: [], groups: [] };
  const products = knowledge.searchByName(first, 500).filter((p) => normaliseWords(p.name)[0] === first);
  if (products.length === 0) return { substances: [], groups: [] };
  let common: Set<string> | undefined;
  const groups = new Set<string>();
  for (const p of products) {
    const keys = new Set(knowledge.substancesOf(p.cis).map((s) => substanceKey(s.name)));
    common = common === undefined ? keys : new Set([...common].filter((k) => keys.has(k)));
    const g = knowledge.genericGroupOf(p.cis);
    if (g !== undefined) groups.add(g.id);
  }
  return { substances: [...(common ?? [])], groups: [...groups] };
}

export function profileConcepts(
  main: SummaryConcept,
  ingredients: readonly SummaryConcept[],
  knowledge: DrugKnowledge,
): ConceptProfile {
  const texts: string[][] = [];
  const substances = new Set<string>();
  const classes = new Set<ClassId>();
  const namedClasses = new Set<ClassId>();
  const groups = new Set<string>();
  let negated = false;

  const readText = (text: string, isSubstanceName: boolean): void => {
    if (text.trim() === '') return;
    texts.push(textWords(text));
    if (NEGATION.test(normaliseWords(text).join(' '))) negated = true;
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
      if (/^\d{13}$/.test(code) && hasValidCheckDigit(code)) {
        const box = knowledge.findByCip13(code);
        if (box !== undefined) {
          knowledge.substancesOf(box.cis).forEach((s) => substances.add(substanceKey(s.name)));
          const g = knowledge.genericGroupOf(box.cis);
          if (g !== undefined) groups.add(g.id);
        }
      }
    }
  };
  readConcept(main, false);
  ingredients.forEach((i) => readConcept(i, true));
  const brand = resolveBrand(main.text, knowledge);
  brand.substances.forEach((s) => substances.add(s));
  brand.groups.forEach((g) => groups.add(g));
  for (const s of substances) for (const c of classesOfKey(s)) classes.add(c);
  for (const c of namedClasses) classes.add(c);
  return { texts, substances, classes, namedClasses, groups, negated };
}

/** True when the entry is (or contains) this substance: by key, or by its name in any text. */
export function mentions(profile: ConceptProfile, substance: BoxSubstance): boolean {
  if (profile.substances.has(substance.key)) return true;
  if (substance.weighedKey !== undefined && profile.substances.has(substance.weighedKey)) return true;
  return profile.texts.some((words) => substance.aliases.some((alias) => containsWords(words, alias)));
}

export { CLASS_IDS };

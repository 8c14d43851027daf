/**
 * Allergy conflicts: a box substance against each recorded allergy or intolerance.
 * Rules (docs/crosscheck.md, "Class rules"): the substance itself (code or name) → high; a class
 * the allergy names ("pénicillines", "AINS", a class code) → high; another member of the class
 * of the allergy's substance → high for penicillins and sulfonamide antibiotics, moderate for
 * other classes; penicillin ↔ cephalosporin and → carbapenem cross-reactivity → moderate.
 * Resolved allergies still raise a finding, at low severity; refuted or erroneous ones do not.
 */
import type { AllergyItem } from '../../record/summary/types.ts';
import type { ClassId } from './classes.ts';
import type { RawFinding } from './merge.ts';
import {
  allergyReason,
  type AllergyMatch,
  ambiguousAllergyReason,
  unrecognisedAllergyReason,
} from './messages.ts';
import { type BoxSubstance, type ConceptProfile, mentions } from './profile.ts';
import type { CrossCheckLanguage, Severity } from './types.ts';
import { normaliseWords } from '../normalise.ts';

const CLASS_WIDE: ReadonlySet<ClassId> = new Set([
  'penicillins',
  'sulfonamide-antibiotics',
  'iodinated-contrast',
]);

const CROSS: readonly { from: ClassId; to: ClassId }[] = [
  { from: 'penicillins', to: 'cephalosporins' },
  { from: 'penicillins', to: 'carbapenems' },
  { from: 'cephalosporins', to: 'penicillins' },
  { from: 'cephalosporins', to: 'carbapenems' },
];

function match(
  profile: ConceptProfile,
  s: BoxSubstance,
): { match: AllergyMatch; severity: Severity } | undefined {
  if (mentions(profile, s)) return { match: { how: 'substance' }, severity: 'high' };
  for (const cls of s.classes) {
    if (profile.namedClasses.has(cls)) return { match: { how: 'class', cls }, severity: 'high' };
  }
  for (const cls of s.classes) {
    if (profile.classes.has(cls)) {
      return { match: { how: 'same-class', cls }, severity: CLASS_WIDE.has(cls) ? 'high' : 'moderate' };
    }
  }
  for (const { from, to } of CROSS) {
    if (profile.classes.has(from) && s.classes.includes(to)) {
      return { match: { how: 'cross-reactivity', from, to }, severity: 'moderate' };
    }
  }
  return undefined;
}

const IGNORED_VERIFICATION = new Set(['refuted', 'entered-in-error']);
const RESOLVED = new Set(['inactive', 'resolved']);

/** Categories under which a recorded allergy may be to a drug (none given: it may be). */
const DRUG_CATEGORIES = new Set(['medication', 'biologic']);

/** The allergy entries the check reads: not refuted, not erroneous, not "no known allergy". */
export function readAllergy(item: AllergyItem, profile: ConceptProfile): boolean {
  if (profile.negated) return false;
  return item.verificationStatus === undefined || !IGNORED_VERIFICATION.has(item.verificationStatus);
}

/** An entry that may be a drug allergy but names no drug, class or brand the checks know. */
export function unrecognisedDrugAllergy(item: AllergyItem, profile: ConceptProfile): boolean {
  if (profile.recognised) return false;
  return item.categories.length === 0 || item.categories.some((c) => DRUG_CATEGORIES.has(c));
}

export function allergyFindings(
  boxId: string,
  substances: readonly BoxSubstance[],
  allergies: readonly { item: AllergyItem; profile: ConceptProfile }[],
  lang: CrossCheckLanguage,
): RawFinding[] {
  const out: RawFinding[] = [];
  for (const { item, profile } of allergies) {
    if (!readAllergy(item, profile)) continue;
    const subject = { type: 'allergy' as const, id: item.id, text: item.substance.text };
    const cause = `allergy|${normaliseWords(item.substance.text).join(' ')}`;
    let best: { s: BoxSubstance; match: AllergyMatch; severity: Severity } | undefined;
    for (const s of substances) {
      const m = match(profile, s);
      if (m !== undefined && (best === undefined || (m.severity === 'high' && best.severity !== 'high')))
        best = { s, ...m };
    }
    if (best === undefined) {
      // Never a silent pass on a text the checks could not read with certainty.
      const ambiguous = profile.ambiguous.filter((a) =>
        substances.some((s) => a.keys.has(s.key) || (s.weighedKey !== undefined && a.keys.has(s.weighedKey))),
      );
      if (ambiguous.length > 0) {
        out.push({
          boxId,
          kind: 'unverified',
          severity: 'moderate',
          cause,
          subject,
          render: (text) =>
            ambiguousAllergyReason(lang, { allergy: text, words: ambiguous.map((a) => a.word) }),
        });
      } else if (unrecognisedDrugAllergy(item, profile)) {
        out.push({
          boxId,
          kind: 'unverified',
          severity: 'low',
          cause,
          subject,
          render: (text) => unrecognisedAllergyReason(lang, text),
        });
      }
      continue;
    }
    const resolved = item.clinicalStatus !== undefined && RESOLVED.has(item.clinicalStatus);
    let severity = best.severity;
    if (resolved) severity = 'low';
    else if (item.type === 'intolerance' && item.criticality === 'low' && severity === 'high')
      severity = 'moderate';
    const found = best;
    out.push({
      boxId,
      kind: 'allergy',
      severity,
      cause,
      subject,
      render: (text) =>
        allergyReason(lang, {
          substance: displayName(found.s.name),
          allergy: text,
          match: found.match,
          reactions: item.reactions.flatMap((r) => r.manifestations),
          criticality: item.criticality,
          ...(item.type !== undefined ? { type: item.type } : {}),
          resolved,
        }),
    });
  }
  return out;
}

/** "AMOXICILLINE ANHYDRE" → "Amoxicilline anhydre" (BDPM names are upper case). */
export function displayName(name: string): string {
  const lower = name.toLocaleLowerCase('fr');
  return lower.charAt(0).toLocaleUpperCase('fr') + lower.slice(1);
}

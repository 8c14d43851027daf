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
import { allergyReason, type AllergyMatch } from './messages.ts';
import { type BoxSubstance, type ConceptProfile, mentions } from './profile.ts';
import type { CrossCheckLanguage, Finding, Severity } from './types.ts';

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

export function allergyFindings(
  boxId: string,
  substances: readonly BoxSubstance[],
  allergies: readonly { item: AllergyItem; profile: ConceptProfile }[],
  lang: CrossCheckLanguage,
): Finding[] {
  const out: Finding[] = [];
  for (const { item, profile } of allergies) {
    if (profile.negated) continue;
    if (item.verificationStatus !== undefined && IGNORED_VERIFICATION.has(item.verificationStatus)) continue;
    let best: { s: BoxSubstance; match: AllergyMatch; severity: Severity } | undefined;
    for (const s of substances) {
      const m = match(profile, s);
      if (m !== undefined && (best === undefined || (m.severity === 'high' && best.severity !== 'high')))
        best = { s, ...m };
    }
    if (best === undefined) continue;
    const resolved = item.clinicalStatus !== undefined && RESOLVED.has(item.clinicalStatus);
    let severity = best.severity;
    if (resolved) severity = 'low';
    else if (item.type === 'intolerance' && item.criticality === 'low' && severity === 'high')
      severity = 'moderate';
    out.push({
      boxId,
      kind: 'allergy',
      severity,
      subject: { type: 'allergy', id: item.id, text: item.substance.text },
      reason: allergyReason(lang, {
        substance: displayName(best.s.name),
        allergy: item.substance.text,
        match: best.match,
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

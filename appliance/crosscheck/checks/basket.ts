/**
 * Duplicate therapy and interactions: a box against the current medication and against the
 * boxes scanned before it (each pair of boxes is reported once, on the later box).
 */
import { type ClassId, classesOfKey } from './classes.ts';
import { INTERACTIONS, type InteractionRule, type InteractionSide } from './interactions.ts';
import { duplicateReason, interactionReason } from './messages.ts';
import { type BoxSubstance, type ConceptProfile, mentions } from './profile.ts';
import type { CrossCheckLanguage, Finding, FindingSubject } from './types.ts';
import { displayName } from './allergy.ts';

/** Something the box is compared with: a current medication or an earlier box. */
export interface Other {
  readonly subject: Extract<FindingSubject, { type: 'medication' | 'box' }>;
  /** Substances when known one by one (boxes), else the record entry's profile. */
  readonly substances?: readonly BoxSubstance[];
  readonly profile?: ConceptProfile;
  readonly groups: ReadonlySet<string>;
}

export interface ScannedProduct {
  readonly boxId: string;
  readonly substances: readonly BoxSubstance[];
  readonly group?: { readonly id: string; readonly label: string };
}

function otherHasSubstance(other: Other, s: BoxSubstance): boolean {
  if (other.substances !== undefined) return other.substances.some((o) => o.key === s.key);
  return other.profile !== undefined && mentions(other.profile, s);
}

export function duplicateFindings(
  box: ScannedProduct,
  others: readonly Other[],
  lang: CrossCheckLanguage,
): Finding[] {
  const out: Finding[] = [];
  for (const other of others) {
    const same = box.substances.find((s) => otherHasSubstance(other, s));
    const sameGroup = box.group !== undefined && other.groups.has(box.group.id);
    if (same === undefined && !sameGroup) continue;
    out.push({
      boxId: box.boxId,
      kind: 'duplicate',
      severity: 'moderate',
      subject: other.subject,
      reason: duplicateReason(lang, {
        substance: same !== undefined ? displayName(same.name) : displayName(box.substances[0]?.name ?? ''),
        other: other.subject.text,
        against: other.subject.type,
        how: same !== undefined ? 'substance' : 'group',
        ...(same === undefined && box.group !== undefined ? { group: box.group.label } : {}),
      }),
    });
  }
  return out;
}

function substanceOnSide(s: { key: string; classes: readonly ClassId[] }, side: InteractionSide): boolean {
  if (side.except?.includes(s.key)) return false;
  return (side.substances ?? []).includes(s.key) || (side.classes ?? []).some((c) => s.classes.includes(c));
}

/** Substance keys of the other that sit on a side ("" when only a class is known, e.g. an ATC class code). */
function otherOnSide(other: Other, side: InteractionSide): string[] {
  if (other.substances !== undefined)
    return other.substances.filter((s) => substanceOnSide(s, side)).map((s) => s.key);
  const p = other.profile;
  if (p === undefined) return [];
  const keys = [...p.substances].filter((key) => substanceOnSide({ key, classes: classesOfKey(key) }, side));
  if (keys.length === 0 && (side.classes ?? []).some((c) => p.classes.has(c))) {
    const known = [...p.substances].filter((k) => classesOfKey(k).some((c) => side.classes?.includes(c)));
    // Only excluded members known (e.g. aspirin for "NSAIDs except aspirin"): no match.
    if (known.length === 0) keys.push('');
  }
  return keys;
}

function ruleHits(rule: InteractionRule, s: BoxSubstance, other: Other): boolean {
  for (const [mine, theirs] of [
    [rule.a, rule.b],
    [rule.b, rule.a],
  ] as const) {
    if (!substanceOnSide(s, mine)) continue;
    // A substance does not interact with itself: that is a duplicate, reported as such.
    if (otherOnSide(other, theirs).some((key) => key !== s.key)) return true;
  }
  return false;
}

export function interactionFindings(
  box: ScannedProduct,
  others: readonly Other[],
  lang: CrossCheckLanguage,
): Finding[] {
  const out: Finding[] = [];
  for (const other of others) {
    for (const rule of INTERACTIONS) {
      const s = box.substances.find((x) => ruleHits(rule, x, other));
      if (s === undefined) continue;
      out.push({
        boxId: box.boxId,
        kind: 'interaction',
        severity: rule.level === 'precaution-emploi' ? 'moderate' : 'high',
        subject: other.subject,
        interaction: { rule: rule.id, level: rule.level, source: rule.source },
        reason: interactionReason(lang, {
          substance: displayName(s.name),
          other: other.subject.text,
          otherIs: other.subject.type,
          level: rule.level,
          risk: rule.risk[lang],
          ...(rule.condition !== undefined ? { condition: rule.condition[lang] } : {}),
        }),
      });
    }
  }
  return out;
}

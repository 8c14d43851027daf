/**
 * Duplicate therapy: a box against the current medication and against the boxes scanned before
 * it (each pair of boxes is reported once, on the later box) — same substance, same BDPM generic
 * group, or two members of a therapeutic class (therapeutic-class-defs.ts, DUPLICATE_CLASSES).
 */
import { displayName } from './allergy.ts';
import type { ClassId } from './classes.ts';
import type { RawFinding } from './merge.ts';
import { duplicateReason } from './messages.ts';
import { type BoxSubstance, type ConceptProfile, mentions } from './profile.ts';
import { DUPLICATE_CLASSES } from './therapeutic-class-defs.ts';
import type { CrossCheckLanguage, FindingSubject } from './types.ts';

/** Something the box is compared with: a current medication or an earlier box. */
export interface Other {
  readonly subject: Extract<FindingSubject, { type: 'medication' | 'box' }>;
  /** Substances when known one by one (boxes), else the record entry's profile. */
  readonly substances?: readonly BoxSubstance[];
  readonly profile?: ConceptProfile;
  readonly groups: ReadonlySet<string>;
  /** Pharmaceutical form of a box ("solution injectable"), where doses are read from. */
  readonly form?: string;
}

export interface ScannedProduct {
  readonly boxId: string;
  readonly substances: readonly BoxSubstance[];
  readonly group?: { readonly id: string; readonly label: string };
  readonly form: string;
}

function otherHasSubstance(other: Other, s: BoxSubstance): boolean {
  if (other.substances !== undefined) return other.substances.some((o) => o.key === s.key);
  return other.profile !== undefined && mentions(other.profile, s);
}

function otherClasses(other: Other): ReadonlySet<ClassId> {
  if (other.substances !== undefined) return new Set(other.substances.flatMap((s) => s.classes));
  return other.profile?.classes ?? new Set();
}

export function duplicateFindings(
  box: ScannedProduct,
  others: readonly Other[],
  lang: CrossCheckLanguage,
): RawFinding[] {
  const out: RawFinding[] = [];
  for (const other of others) {
    const against = other.subject.type;
    const same = box.substances.find((s) => otherHasSubstance(other, s));
    const sameGroup = box.group !== undefined && other.groups.has(box.group.id);
    if (same !== undefined || sameGroup) {
      const substance = displayName((same ?? box.substances[0])?.name ?? '');
      const group = same === undefined ? box.group : undefined;
      out.push({
        boxId: box.boxId,
        kind: 'duplicate',
        severity: 'moderate',
        cause: same !== undefined ? `duplicate|substance|${same.key}` : `duplicate|group|${group?.id ?? ''}`,
        subject: other.subject,
        render: (text) =>
          duplicateReason(lang, {
            substance,
            other: text,
            against,
            how: same !== undefined ? 'substance' : 'group',
            ...(group !== undefined ? { group: group.label } : {}),
          }),
      });
      continue;
    }
    const theirs = otherClasses(other);
    for (const { id, severity } of DUPLICATE_CLASSES) {
      const member = box.substances.find((s) => s.classes.includes(id));
      if (member === undefined || !theirs.has(id)) continue;
      out.push({
        boxId: box.boxId,
        kind: 'duplicate',
        severity,
        cause: `duplicate|class|${id}`,
        subject: other.subject,
        render: (text) =>
          duplicateReason(lang, {
            substance: displayName(member.name),
            other: text,
            against,
            how: 'class',
            cls: id,
          }),
      });
      break;
    }
  }
  return out;
}

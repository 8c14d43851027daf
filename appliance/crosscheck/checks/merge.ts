/**
 * One line per problem: the findings raised on one box for the same cause (one allergy, one
 * duplicated substance or class, one thesaurus entry) become one finding, at the most severe
 * level found, naming every record entry or box behind it once ("KARDEGIC 75 mg (listed 4 times)").
 */
import { normaliseWords } from '../normalise.ts';
import { listedTimes } from './messages.ts';
import {
  type CrossCheckLanguage,
  type Finding,
  type FindingKind,
  type FindingSubject,
  type Severity,
  SEVERITY_RANK,
} from './types.ts';
import { LEVEL_RANK } from './interactions.ts';

export interface RawFinding {
  readonly boxId: string;
  readonly kind: FindingKind;
  readonly severity: Severity;
  /** Findings of one box with the same cause are one problem. */
  readonly cause: string;
  readonly subject: FindingSubject;
  /** The reason, given the text naming the subject(s). */
  readonly render: (subjects: string) => string;
  readonly interaction?: Finding['interaction'];
}

function worse(a: RawFinding, b: RawFinding): boolean {
  const bySeverity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  if (bySeverity !== 0) return bySeverity < 0;
  if (a.interaction !== undefined && b.interaction !== undefined)
    return LEVEL_RANK[a.interaction.level] < LEVEL_RANK[b.interaction.level];
  return false;
}

const subjectText = (s: FindingSubject): string => (s.type === 'none' ? '' : s.text);

export function mergeFindings(raw: readonly RawFinding[], lang: CrossCheckLanguage): Finding[] {
  const groups = new Map<string, RawFinding[]>();
  for (const f of raw) {
    const key = `${f.boxId}\u0000${f.cause}`;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [f]);
    else list.push(f);
  }
  const out: Finding[] = [];
  for (const list of groups.values()) {
    let top = list[0] as RawFinding;
    for (const f of list) if (worse(f, top)) top = f;
    // Distinct subjects (same words = same entry written again), in the order first seen.
    const subjects = new Map<string, { text: string; n: number }>();
    for (const f of list) {
      const text = subjectText(f.subject);
      const k = normaliseWords(text).join(' ');
      const seen = subjects.get(k);
      if (seen === undefined) subjects.set(k, { text, n: 1 });
      else seen.n++;
    }
    const named = [...subjects.values()]
      .map(({ text, n }) => (n > 1 ? `${text} ${listedTimes(lang, n)}` : text))
      .join(', ');
    out.push({
      boxId: top.boxId,
      kind: top.kind,
      severity: top.severity,
      subject: top.subject,
      reason: top.render(named),
      count: list.length,
      ...(top.interaction !== undefined ? { interaction: top.interaction } : {}),
    });
  }
  return out;
}

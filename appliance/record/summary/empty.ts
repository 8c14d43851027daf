import { table } from '../../common/table.ts';
import { at, str } from '../ips/read.ts';
import type { JsonObject } from '../ips/read.ts';
import { conceptOf, narrativeText } from './text.ts';
import type { SummaryConcept, SummarySection } from './types.ts';

/**
 * Codes that state an absence ("no known allergy") rather than a finding: SNOMED CT situations
 * used by IPS, and the IPS absent-unknown code system (IPS IG, CodeSystem absent-unknown-uv-ips).
 */
const NO_KNOWN_SNOMED: ReadonlySet<string> = new Set([
  '716186003', // No known allergy
  '409137002', // No known drug allergy
  '429625007', // No known food allergy
  '428607008', // No known environmental allergy
  '428197003', // No known insect allergy
  '787481004', // No known medications
  '182904002', // Drug treatment unknown
  '182849000', // No drug therapy prescribed
  '160245001', // No current problems or disability
]);
const ABSENT_UNKNOWN_SYSTEM = 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips';

export function isNoKnownConcept(concept: SummaryConcept): boolean {
  return concept.codings.some(
    (c) =>
      c.code !== undefined &&
      (c.system === ABSENT_UNKNOWN_SYSTEM ||
        ((c.system === undefined || c.system === 'http://snomed.info/sct') && NO_KNOWN_SNOMED.has(c.code))),
  );
}

const EMPTY_REASONS: Readonly<Record<string, string>> = table({
  nilknown: 'Nil known',
  notasked: 'Not asked',
  withheld: 'Information withheld',
  unavailable: 'Unavailable',
  notstarted: 'Not started',
  closed: 'Closed',
});

/** Section.emptyReason as text: its text, a coding display, or the list-empty-reason code's meaning. */
export function emptyReasonText(emptyReason: unknown): string | undefined {
  const concept = conceptOf(emptyReason);
  if (concept === undefined) return undefined;
  if (str(at(emptyReason, 'text')) !== undefined) return concept.text;
  const display = concept.codings.find((c) => c.display !== undefined)?.display;
  if (display !== undefined) return display;
  const code = concept.codings.find((c) => c.code !== undefined)?.code;
  return (code === undefined ? undefined : EMPTY_REASONS[code]) ?? concept.text;
}

/** Why a section listed nothing: its emptyReason, else its narrative, else a plain statement. */
export function sectionEmptyReason(sections: readonly JsonObject[]): string {
  for (const s of sections) {
    const reason = emptyReasonText(s['emptyReason']);
    if (reason !== undefined) return reason;
  }
  for (const s of sections) {
    const narrative = narrativeText(at(s['text'], 'div'));
    if (narrative !== undefined) return narrative;
  }
  return 'Section present without entries or a reason';
}

/**
 * The section status: entries; empty when only "no known …" statements (their texts are the
 * reason); empty with the author's reason when present without entries; absent otherwise.
 */
export function sectionOf<T>(
  items: readonly T[],
  sections: readonly JsonObject[],
  conceptOfItem: ((item: T) => SummaryConcept) | undefined,
): SummarySection<T> {
  if (items.length > 0) {
    if (conceptOfItem !== undefined && items.every((i) => isNoKnownConcept(conceptOfItem(i)))) {
      return { status: 'empty', reason: [...new Set(items.map((i) => conceptOfItem(i).text))].join('; ') };
    }
    return { status: 'entries', items };
  }
  if (sections.length > 0) return { status: 'empty', reason: sectionEmptyReason(sections) };
  return { status: 'absent' };
}

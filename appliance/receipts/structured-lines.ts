/**
 * What the receipt generates from structure, in the reader's language (issue 19): dose and timing
 * from the structured Dosage, known routes by code, statuses, and the reader's name for a coded
 * concept beside the authored text. Text without structure is printed as authored, marked with
 * the record's language when it is not the reader's (HZ-18).
 */
import type { Language } from '../common/languages.ts';
import { authoredLanguageMark, markedText } from '../common/structured/authored-language.ts';
import { bloodGroupIn } from '../common/structured/blood-group.ts';
import { conceptAid } from '../common/structured/concepts.ts';
import { dosageLines } from '../common/structured/format-dosage.ts';
import { contactRelationshipWords } from '../common/structured/relationships.ts';
import { routeWords } from '../common/structured/routes.ts';
import { statusWords, verificationWords } from '../common/structured/status-words.ts';
import type {
  AllergyItem,
  ContactItem,
  MedicationItem,
  ObservationItem,
  OtherSectionItem,
  SummaryConcept,
} from '../record/summary/types.ts';

/** "[DE] text" when the record's language is not the reader's; the text alone otherwise. */
export function asAuthored(text: string, recordLanguage: string | undefined, reader: Language): string {
  const mark = authoredLanguageMark(recordLanguage, reader);
  return mark === undefined ? text : `[${mark}] ${text}`;
}

/** The medication's dose, timing and route line. */
export function medicationDetail(
  m: MedicationItem,
  reader: Language,
  recordLanguage: string | undefined,
): string | undefined {
  const lines = dosageLines(m.dosages ?? [], reader).map((line) => {
    const authored = line.authored && asAuthored(line.authored, recordLanguage, reader);
    return line.words === undefined ? authored : authored ? `${line.words} (${authored})` : line.words;
  });
  const dosage =
    lines.length > 0 ? lines.join('; ') : m.dosage && asAuthored(m.dosage, recordLanguage, reader);
  const route =
    routeWords(m.routeCodings ?? [], reader) ?? (m.route && asAuthored(m.route, recordLanguage, reader));
  const parts = [dosage, route].filter((x): x is string => Boolean(x));
  return parts.length > 0 ? parts.join(' — ') : undefined;
}

/** " [inactive] [unconfirmed]" in the reader's words: only what differs from active and confirmed. */
export function allergyStatusSuffix(a: AllergyItem, reader: Language): string {
  const status =
    a.clinicalStatus && a.clinicalStatus !== 'active' ? ` [${statusWords(a.clinicalStatus, reader)}]` : '';
  const verification =
    a.verificationStatus && a.verificationStatus !== 'confirmed'
      ? ` [${verificationWords(a.verificationStatus, reader)}]`
      : '';
  return `${status}${verification}`;
}

/** The authored text, then " (= reader's name)" when the code is one we translate and it says something new. */
export function conceptLine(concept: SummaryConcept, reader: Language): string {
  const aid = conceptAid(concept.text, concept.codings, reader);
  return aid === undefined ? concept.text : `${concept.text} (= ${aid})`;
}

/** "Name (relationship in the reader's words)"; empty when the contact has neither. */
export function contactLine(c: ContactItem, reader: Language): string {
  const relationship = contactRelationshipWords(c, reader);
  return [c.name, relationship ? `(${relationship})` : undefined].filter(Boolean).join(' ');
}

/** A coded blood group in the reader's words, then as authored (its name and value) for a detail line. */
export function bloodGroupLines(o: ObservationItem, reader: Language): { line: string; detail?: string } {
  const authored = `${o.observation.text} : ${o.value}`;
  const words = bloodGroupIn(o, reader);
  return words === undefined ? { line: `- ${authored}` } : { line: `- ${words}`, detail: `(${authored})` };
}

/** A section's narrative, marked "[EN] …" with the language its div declares, else the record's (HZ-18). */
export function narrativeLine(
  s: OtherSectionItem,
  recordLanguage: string | undefined,
  reader: Language,
): string {
  return markedText(s.narrative ?? '', s.narrativeLanguage, recordLanguage, reader);
}

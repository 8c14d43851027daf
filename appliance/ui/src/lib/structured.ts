/**
 * What the screen generates from structure, in the reader's language (issue 19): the same shared
 * words as the receipt (common/structured). Authored text without structure is shown as written,
 * marked "[DE]" when the record's language is not the reader's (HZ-18).
 */
import type { Language } from '../../../common/languages.ts';
import { authoredLanguageMark, markedText } from '../../../common/structured/authored-language.ts';
import { bloodGroupIn as bloodGroupWordsIn } from '../../../common/structured/blood-group.ts';
import { conceptAid } from '../../../common/structured/concepts.ts';
import { dosageLines } from '../../../common/structured/format-dosage.ts';
import { contactRelationshipWords } from '../../../common/structured/relationships.ts';
import { routeWords } from '../../../common/structured/routes.ts';
import { statusWords, verificationWords } from '../../../common/structured/status-words.ts';
import type {
  AllergyItem,
  ContactItem,
  MedicationItem,
  ObservationItem,
  OtherSectionItem,
  SummaryConcept,
} from '../../../record/summary/types.ts';

export function asAuthored(text: string, recordLanguage: string | undefined, reader: Language): string {
  const mark = authoredLanguageMark(recordLanguage, reader);
  return mark === undefined ? text : `[${mark}] ${text}`;
}

export function dosageIn(
  m: MedicationItem,
  reader: Language,
  recordLanguage: string | undefined,
): string | undefined {
  const lines = dosageLines(m.dosages ?? [], reader).map((line) => {
    const authored = line.authored && asAuthored(line.authored, recordLanguage, reader);
    return line.words === undefined ? authored : authored ? `${line.words} (${authored})` : line.words;
  });
  if (lines.length > 0) return lines.join('; ');
  return m.dosage && asAuthored(m.dosage, recordLanguage, reader);
}

export function routeIn(
  m: MedicationItem,
  reader: Language,
  recordLanguage: string | undefined,
): string | undefined {
  return routeWords(m.routeCodings ?? [], reader) ?? (m.route && asAuthored(m.route, recordLanguage, reader));
}

export function statusIn(code: string | undefined, reader: Language): string | undefined {
  return statusWords(code, reader);
}

export function allergyStatusIn(a: AllergyItem, reader: Language): string | undefined {
  const words = [statusWords(a.clinicalStatus, reader), verificationWords(a.verificationStatus, reader)];
  const shown = words.filter((w): w is string => w !== undefined);
  return shown.length > 0 ? shown.join(', ') : undefined;
}

/** The reader's name for a coded concept, when the table knows it and it differs from the authored text. */
export function aidFor(concept: SummaryConcept, reader: Language): string | undefined {
  return conceptAid(concept.text, concept.codings, reader);
}

/** A contact's relationship in the reader's words (known codes), authored text kept beside it. */
export function relationshipIn(c: ContactItem, reader: Language): string | undefined {
  return contactRelationshipWords(c, reader);
}

/** A coded blood group in the reader's words ("groupe A, Rhésus positif"); undefined when not coded. */
export function bloodGroupIn(o: ObservationItem, reader: Language): string | undefined {
  return bloodGroupWordsIn(o, reader);
}

/** A section's narrative, marked with the language its div declares, else the record's (HZ-18). */
export function narrativeIn(
  s: OtherSectionItem,
  recordLanguage: string | undefined,
  reader: Language,
): string {
  return markedText(s.narrative ?? '', s.narrativeLanguage, recordLanguage, reader);
}

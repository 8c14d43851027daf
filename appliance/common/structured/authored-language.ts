/**
 * Clinical text is shown as authored; when the record's language (Bundle.language or
 * Composition.language, BCP 47) is not the reader's, the text is marked with it (issue 19, HZ-18).
 */
import type { Language } from '../languages.ts';

/** The record's primary language subtag ("de" for "de-AT"), lower case; undefined when not stated. */
export function primaryLanguage(tag: string | undefined): string | undefined {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

/**
 * The mark to put beside authored text ("DE", "NL"), or undefined when the record is in the
 * reader's language or does not say its language.
 */
export function authoredLanguageMark(
  recordLanguage: string | undefined,
  reader: Language,
): string | undefined {
  const primary = primaryLanguage(recordLanguage);
  return primary === undefined || primary === reader ? undefined : primary.toUpperCase();
}

/**
 * The mark for a text that may declare its own language (a narrative's `xml:lang` / `lang`): its
 * own language when it declares one, else the record's.
 */
export function textLanguageMark(
  textLanguage: string | undefined,
  recordLanguage: string | undefined,
  reader: Language,
): string | undefined {
  return authoredLanguageMark(primaryLanguage(textLanguage) ?? recordLanguage, reader);
}

/** "[EN] text" when the text's language (its own, else the record's) is not the reader's. */
export function markedText(
  text: string,
  textLanguage: string | undefined,
  recordLanguage: string | undefined,
  reader: Language,
): string {
  const mark = textLanguageMark(textLanguage, recordLanguage, reader);
  return mark === undefined ? text : `[${mark}] ${text}`;
}

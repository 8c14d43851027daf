/**
 * The before/after list as text in one of the five kiosk languages, for `baladeur key update`:
 * the kiosk review's change lines (`changeLines`) in the review's own words
 * (common/change-words.ts), the record's text as authored, criticality and structured dosage in
 * the reader's words (HZ-10); then any other entry that changed (a resource type the review has no
 * section for), as its FHIR type and authored text.
 */
import { CHANGE_WORDS, type ChangeWords } from '../../common/change-words.ts';
import type { Language } from '../../common/languages.ts';
import { changeValueWords } from '../../common/structured/change-value.ts';
import { assertNever } from '../../common/result.ts';
import { isObject, type Json } from './bundle-access.ts';
import { changeLines } from './items.ts';
import { otherRecordChanges } from './record-changes.ts';
import type { ChangeLine, ChangeValue } from './types.ts';

/** An entry as the review screen words it: label, then criticality and dose (or authored detail). */
function valueText(value: ChangeValue | undefined, w: ChangeWords, language: Language): string {
  return changeValueWords(value, w.criticality, language, ' — ');
}

/** "+ Ajouté — Allergies et intolérances : Amoxicilline (CRITICITÉ ÉLEVÉE)". */
export function changeLineText(line: ChangeLine, language: Language): string {
  const w = CHANGE_WORDS[language];
  const where = `${w.sections[line.section]}${w.colon}`;
  const typed = line.typed ? ` [${w.typed}]` : '';
  switch (line.kind) {
    case 'added':
      return `+ ${w.kind.added} — ${where}${valueText(line.after, w, language)}${typed}`;
    case 'removed':
      return `- ${w.kind.removed} — ${where}${valueText(line.before, w, language)}`;
    case 'changed':
      return (
        `* ${w.kind.changed} — ${where}${w.before}${w.colon}${valueText(line.before, w, language)}` +
        ` → ${w.after}${w.colon}${valueText(line.after, w, language)}${typed}`
      );
    default:
      return assertNever(line.kind);
  }
}

/** The whole change list `key update` prints, one line each, in `language`. */
export function describeRecordChanges(before: unknown, after: unknown, language: Language): string {
  const w = CHANGE_WORDS[language];
  const reviewed = changeLines(isObject(before) ? (before as Json) : undefined, isObject(after) ? after : {});
  const raw = otherRecordChanges(before, after);
  const other = [...raw.removed.map((l) => `- ${l}`), ...raw.added.map((l) => `+ ${l}`)];
  const lines = [
    ...reviewed.map((l) => changeLineText(l, language)),
    ...(other.length > 0 ? [`${w.otherEntries}${w.colon.trimEnd()}`, ...other] : []),
  ];
  return `${lines.length === 0 ? w.noEntryChanged : lines.join('\n')}\n`;
}

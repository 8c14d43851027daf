/**
 * One entry of a before/after change list in the reader's words, shared by the CLI's change list
 * and the patient's change receipt: the label as authored, then criticality, coded relationships
 * and structured dosage in the reader's language (HZ-10), else the authored detail.
 */
import type { Language } from '../languages.ts';
import type { DosageStructure } from './dosage-types.ts';
import { dosageLines } from './format-dosage.ts';
import { contactRelationshipWords } from './relationships.ts';

type Criticality = 'high' | 'low' | 'unable-to-assess' | 'unknown';

/** The parts of a change entry this wording reads (structurally the record's `ChangeValue`). */
export interface WordedChangeValue {
  readonly label: string;
  readonly detail?: string;
  readonly dosages?: readonly DosageStructure[];
  readonly criticality?: Criticality;
  readonly bloodGroup?: string;
  readonly relationships?: Parameters<typeof contactRelationshipWords>[0]['relationships'];
}

export function changeValueWords(
  value: WordedChangeValue | undefined,
  criticalityWords: Readonly<Record<Criticality, string>>,
  language: Language,
  separator: string,
): string {
  if (value === undefined) return '';
  if (value.bloodGroup !== undefined) return value.bloodGroup;
  const dose =
    value.dosages === undefined
      ? undefined
      : dosageLines(value.dosages, language)
          .map((d) =>
            d.words === undefined ? d.authored : d.authored ? `${d.words} (${d.authored})` : d.words,
          )
          .join('; ');
  const details = [
    value.criticality === undefined ? undefined : criticalityWords[value.criticality],
    value.relationships === undefined ? undefined : contactRelationshipWords(value, language),
    dose ?? value.detail,
  ].filter((d): d is string => d !== undefined && d !== '');
  return details.length === 0 ? value.label : `${value.label} (${details.join(separator)})`;
}

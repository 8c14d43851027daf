/** The head every receipt starts with: title, site, when it was printed and by whom. */
import type { Profession } from '../common/professions.ts';
import { formatDateTime, LABELS, type ReceiptLanguage } from './labels.ts';
import type { Block } from '../drivers/printer/layout/layout.ts';

export interface ReceiptHeaderInput {
  readonly site: { readonly name: string };
  readonly printedAt: Date;
  /** Absent: printed by the patient themselves, no professional (issue 19). */
  readonly printedBy?: { readonly name: string; readonly profession: Profession };
  readonly language: ReceiptLanguage;
  readonly timeZone?: string;
}

export function headerBlocks(title: string, input: ReceiptHeaderInput): Block[] {
  const l = LABELS[input.language];
  return [
    { kind: 'text', text: title, style: { bold: true, tall: true, center: true } },
    { kind: 'text', text: input.site.name, style: { center: true } },
    {
      kind: 'text',
      text: `${l.printedAt} ${formatDateTime(input.printedAt, input.language, input.timeZone)}`,
    },
    ...(input.printedBy
      ? [
          {
            kind: 'text',
            text: `${l.printedBy} ${input.printedBy.name} (${l.professions[input.printedBy.profession]})`,
          } as const,
        ]
      : []),
  ];
}

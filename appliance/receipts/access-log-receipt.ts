/**
 * The patient's printed access log (issue 19): who opened their key, when, where, which part and,
 * for an emergency access, that their code was not used and the reason given. The same sentences
 * as the screen (common/access-log-words.ts, HZ-20). Printed at the patient's request, with no
 * professional card: the header names no professional.
 */
import { ACCESS_LOG_WORDS, accessLines, type PatientAccessEntry } from '../common/access-log-words.ts';
import type { CodePageId } from '../drivers/printer/layout/code-page.ts';
import {
  renderBlocks,
  type Block,
  type PaperWidth,
  type RenderResult,
} from '../drivers/printer/layout/layout.ts';
import { formatDateTime, LABELS, type ReceiptLanguage } from './labels.ts';

export interface AccessLogReceiptInput {
  readonly entries: readonly PatientAccessEntry[];
  /** Slots of the log that could not be read (torn or damaged): said, never hidden. */
  readonly unreadable: number;
  readonly site: { readonly name: string };
  readonly printedAt: Date;
  readonly language: ReceiptLanguage;
  readonly width: PaperWidth;
  readonly codePage: CodePageId;
  readonly timeZone?: string;
}

export function accessLogBlocks(input: AccessLogReceiptInput): Block[] {
  const w = ACCESS_LOG_WORDS[input.language];
  const l = LABELS[input.language];
  const entries = input.entries.flatMap((entry, i): Block[] => {
    const [first, ...rest] = accessLines(entry, input.language, input.timeZone);
    return [
      ...(i > 0 ? [{ kind: 'rule' } as const] : []),
      { kind: 'text', text: `${i + 1}. ${first ?? ''}`, style: { bold: true } },
      ...rest.map((text): Block => {
        const loud = entry.breakGlassReason !== undefined && text === w.breakGlass;
        return { kind: 'text', text, style: loud ? { bold: true, invert: true, indent: 3 } : { indent: 3 } };
      }),
    ];
  });
  return [
    { kind: 'text', text: w.title, style: { bold: true, tall: true, center: true } },
    { kind: 'text', text: input.site.name, style: { center: true } },
    {
      kind: 'text',
      text: `${l.printedAt} ${formatDateTime(input.printedAt, input.language, input.timeZone)}`,
    },
    { kind: 'rule', char: '=' },
    { kind: 'text', text: w.intro },
    { kind: 'rule', char: '=' },
    ...(entries.length > 0 ? entries : [{ kind: 'text', text: w.none } as const]),
    ...(input.unreadable > 0
      ? [{ kind: 'rule' } as const, { kind: 'text', text: w.unreadable(input.unreadable) } as const]
      : []),
    { kind: 'rule', char: '=' },
    { kind: 'text', text: l.footer[0] ?? '', style: { center: true } },
    { kind: 'cut' },
  ];
}

export async function renderAccessLogReceipt(input: AccessLogReceiptInput): Promise<RenderResult> {
  return renderBlocks(accessLogBlocks(input), {
    width: input.width,
    codePage: input.codePage,
    rasterAll: false,
  });
}

/**
 * The patient-code card (issue 16): printed once, when a new key is made at the kiosk. The code in
 * very large characters (triple width and height), two groups of four per line as it is read
 * aloud, with what the patient must know: keep it apart from the key, the kiosk kept no copy.
 *
 * It carries no name, birth date or record identifier: the card travels apart from the key, so a
 * lost card alone says nothing about whose key it opens, and a lost key stays anonymous
 * (docs/key-format.md). The code is an argument and goes nowhere else: no log, no file.
 */
import type { PatientCode } from '../record/code/patient-code.ts';
import type { CodePageId } from '../drivers/printer/layout/code-page.ts';
import type { Block, PaperWidth, RenderResult } from '../drivers/printer/layout/layout.ts';
import { renderWithinLimits } from './bounded.ts';
import { CUT_MARK } from './cut-mark.ts';
import { formatDate, type ReceiptLanguage } from './labels.ts';
import { CODE_CARD_LABELS } from './labels-authoring.ts';

export interface CodeCardInput {
  /** The new key's code, canonical (16 characters, record/code/patient-code.ts). */
  readonly code: PatientCode;
  readonly createdAt: Date;
  readonly language: ReceiptLanguage;
  readonly width: PaperWidth;
  readonly codePage: CodePageId;
  /** IANA time zone of the creation date; the system zone by default. */
  readonly timeZone?: string;
}

/** "ABCD-EFGH", "JKMN-PQRS": two groups of four per line (a large line holds 10 characters at 58 mm). */
export function codeCardLines(code: string): string[] {
  const groups = code.replace(/[^0-9A-Z]/gu, '').match(/.{1,4}/gu) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += 2) lines.push(groups.slice(i, i + 2).join('-'));
  return lines;
}

function isoDay(date: Date, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

export function codeCardBlocks(input: CodeCardInput): Block[] {
  const c = CODE_CARD_LABELS[input.language];
  return [
    { kind: 'text', text: c.title, style: { bold: true, tall: true, center: true } },
    { kind: 'rule', char: '=' },
    { kind: 'text', text: c.intro },
    { kind: 'blank' },
    ...codeCardLines(input.code).map((text): Block => ({
      kind: 'text',
      text,
      style: { bold: true, large: true, center: true },
    })),
    { kind: 'blank' },
    { kind: 'text', text: c.alphabet, style: { center: true } },
    { kind: 'rule', char: '=' },
    { kind: 'text', text: c.keepApart, style: { bold: true } },
    { kind: 'blank' },
    { kind: 'text', text: c.noCopy },
    { kind: 'rule' },
    {
      kind: 'text',
      text: `${c.createdOn} ${formatDate(isoDay(input.createdAt, input.timeZone), input.language)}`,
    },
    { kind: 'cut' },
  ];
}

/** ESC/POS bytes of the code card (every part kept: it is short and fixed). */
export async function renderCodeCard(input: CodeCardInput): Promise<RenderResult> {
  return renderWithinLimits(['full'], () => [{ keep: true, blocks: codeCardBlocks(input) }], {
    width: input.width,
    codePage: input.codePage,
    rasterAll: false,
    cutMark: CUT_MARK[input.language],
  });
}

export async function buildCodeCard(input: CodeCardInput): Promise<Uint8Array> {
  return (await renderCodeCard(input)).bytes;
}

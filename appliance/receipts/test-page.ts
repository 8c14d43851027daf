/** Technician test page: code page, accents, column ruler, styles, raster fallback and a QR code. */
import type { CodePageId } from '../drivers/printer/layout/code-page.ts';
import { CODE_PAGES } from '../drivers/printer/layout/code-page.ts';
import { formatDateTime, LABELS, type ReceiptLanguage } from './labels.ts';
import { PAPER, renderBlocks, type Block, type PaperWidth } from '../drivers/printer/layout/layout.ts';

export interface TestPageInput {
  readonly site: { readonly name: string };
  readonly printedAt: Date;
  readonly language: ReceiptLanguage;
  readonly width: PaperWidth;
  readonly codePage: CodePageId;
  /** What the technician configured, e.g. "tcp://10.0.0.5:9100 (Epson TM-T20III)". */
  readonly printer?: string;
  readonly timeZone?: string;
}

export const TEST_PAGE_ACCENTS = 'é è ê à ç ù œ « » €';
export const TEST_PAGE_SCRIPTS = 'Ελληνικά — Русский — 中文 — العربية';

export async function buildTestPage(input: TestPageInput): Promise<Uint8Array> {
  const { columns } = PAPER[input.width];
  const ruler = Array.from({ length: columns }, (_, i) => String((i + 1) % 10)).join('');
  const printedAt = formatDateTime(input.printedAt, input.language, input.timeZone);
  const blocks: Block[] = [
    { kind: 'text', text: LABELS[input.language].testPage, style: { bold: true, tall: true, center: true } },
    { kind: 'text', text: input.site.name, style: { center: true } },
    { kind: 'text', text: printedAt },
    ...(input.printer ? [{ kind: 'text', text: input.printer } as const] : []),
    { kind: 'text', text: `${CODE_PAGES[input.codePage].label} · ${input.width} mm · ${columns} col.` },
    { kind: 'rule', char: '=' },
    { kind: 'text', text: ruler },
    { kind: 'text', text: TEST_PAGE_ACCENTS },
    { kind: 'text', text: 'ÉÈÊÀÇÙ Œ æ ß ü ö ä ñ ø å' },
    { kind: 'text', text: 'Bold / Gras', style: { bold: true } },
    { kind: 'text', text: 'Reverse / Inversé', style: { invert: true } },
    { kind: 'text', text: 'Tall / Double hauteur', style: { tall: true } },
    { kind: 'text', text: TEST_PAGE_SCRIPTS },
    { kind: 'rule' },
    { kind: 'qr', data: `BALADEUR TEST ${input.printedAt.toISOString()}` },
    { kind: 'cut' },
  ];
  return (await renderBlocks(blocks, { width: input.width, codePage: input.codePage })).bytes;
}

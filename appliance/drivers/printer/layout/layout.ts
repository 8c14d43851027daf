/**
 * A receipt as a list of blocks, rendered to ESC/POS with @point-of-sale/receipt-printer-encoder.
 * Every text block is sanitised, folded for the code page, then either word-wrapped and sent as
 * code-page text or, when a character does not fit the code page, drawn as a raster image.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { CODE_PAGES, fitsCodePage, type CodePageId } from './code-page.ts';
import { foldForCodePage } from './fold.ts';
import { renderRasterText } from './raster-text.ts';
import { sanitiseText } from './sanitise.ts';
import { wrapText } from './wrap.ts';

export type PaperWidth = 80 | 58;

export const PAPER = {
  80: { columns: 48, dots: 576 },
  58: { columns: 32, dots: 384 },
} as const;

/** Dots per column of font A (12 × 24). */
const DOTS_PER_COLUMN = 12;

export interface TextStyle {
  readonly bold?: boolean;
  /** Reverse video (GS B): the line is padded to the full width so it prints as a solid band. */
  readonly invert?: boolean;
  /** Double height. */
  readonly tall?: boolean;
  readonly center?: boolean;
  readonly indent?: number;
  readonly firstIndent?: number;
}

export type Block =
  | { readonly kind: 'text'; readonly text: string; readonly style?: TextStyle }
  | { readonly kind: 'rule'; readonly char?: '-' | '=' }
  | { readonly kind: 'blank' }
  | { readonly kind: 'qr'; readonly data: string }
  | { readonly kind: 'cut' };

export interface RenderOptions {
  readonly width: PaperWidth;
  readonly codePage: CodePageId;
  /** Draw every text block as an image (only to measure the raster alternative, see the bench). */
  readonly rasterAll?: boolean;
}

export interface RenderResult {
  readonly bytes: Uint8Array;
  /** Text blocks sent as images (what could not be encoded), for tests and logs (counts only). */
  readonly rasterBlocks: number;
}

export async function renderBlocks(blocks: readonly Block[], options: RenderOptions): Promise<RenderResult> {
  const { columns, dots } = PAPER[options.width];
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns,
    imageMode: 'raster',
    codepageMapping: 'epson',
    newline: '\n',
    feedBeforeCut: 4,
    feedAfterBlock: false,
    errors: 'strict',
  });
  encoder.initialize().codepage(CODE_PAGES[options.codePage].encoderName);
  let rasterBlocks = 0;

  for (const block of blocks) {
    switch (block.kind) {
      case 'blank':
        encoder.newline();
        break;
      case 'rule':
        encoder.line((block.char ?? '-').repeat(columns));
        break;
      case 'qr':
        encoder.qrcode(block.data, { model: 2, size: 6, errorlevel: 'm' });
        break;
      case 'cut':
        encoder.cut('partial');
        break;
      case 'text': {
        const style = block.style ?? {};
        const text = foldForCodePage(sanitiseText(block.text), options.codePage);
        if (!options.rasterAll && fitsCodePage(text, options.codePage)) {
          textBlock(encoder, text, style, columns);
        } else {
          rasterBlocks++;
          const image = await renderRasterText(text, {
            widthDots: dots,
            indentDots: (style.indent ?? 0) * DOTS_PER_COLUMN,
            bold: style.bold ?? false,
            tall: style.tall ?? false,
            invert: style.invert ?? false,
          });
          encoder.image(image, { width: image.width, height: image.height, algorithm: 'threshold' });
        }
        break;
      }
    }
  }
  return { bytes: encoder.encode(), rasterBlocks };
}

function textBlock(encoder: ReceiptPrinterEncoder, text: string, style: TextStyle, columns: number): void {
  const wrapOptions = { indent: style.indent ?? 0, firstIndent: style.firstIndent ?? style.indent ?? 0 };
  const lines = wrapText(text, columns, wrapOptions);
  if (style.bold) encoder.bold(true);
  if (style.invert) encoder.invert(true);
  if (style.tall) encoder.size(1, 2);
  for (const raw of lines) {
    let line = style.center
      ? ' '.repeat(Math.floor((columns - raw.trimStart().length) / 2)) + raw.trimStart()
      : raw;
    if (style.invert) line = line.padEnd(columns, ' ');
    encoder.line(line);
  }
  if (style.tall) encoder.size(1, 1);
  if (style.invert) encoder.invert(false);
  if (style.bold) encoder.bold(false);
}

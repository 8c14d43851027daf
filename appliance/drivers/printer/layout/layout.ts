/**
 * A receipt as a list of blocks, rendered to ESC/POS with @point-of-sale/receipt-printer-encoder.
 * Every text block is sanitised, folded for the code page, cut to the per-text limits (limits.ts:
 * before anything is drawn; a cut text ends with the caller's "continued on screen" mark), then
 * either word-wrapped and sent as code-page text or, when a character does not fit the code page,
 * drawn as a raster image.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { CODE_PAGES, fitsCodePage, type CodePageId } from './code-page.ts';
import { foldForCodePage } from './fold.ts';
import {
  addCost,
  DOT_MM,
  limitChars,
  limitRasterLines,
  maxRasterRows,
  NO_COST,
  rasterCost,
  rasterLines,
  TEXT_LIMITS,
  TEXT_LINE_MM,
  textCost,
  type BlockCost,
  type TextLimits,
} from './limits.ts';
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
  /**
   * Triple width and height (GS ! 0x22): the patient code on its card. Wrapped at a third of the
   * columns; drawn as `tall` when it must go the raster way.
   */
  readonly large?: boolean;
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
  /** Printed after a text cut to its limit, in the receipt's language; default "[...]". */
  readonly cutMark?: string;
  readonly textLimits?: TextLimits;
}

export interface RenderResult {
  readonly bytes: Uint8Array;
  /** Text blocks sent as images (what could not be encoded), for tests and logs (counts only). */
  readonly rasterBlocks: number;
  /** Text blocks cut to the per-text limits. */
  readonly cutTexts: number;
  /** Paper the receipt takes, from its lines and raster rows (before the cut's feed). */
  readonly paperMm: number;
}

const DEFAULT_CUT_MARK = '[...]';
const cutMarkOf = (options: RenderOptions): string =>
  foldForCodePage(sanitiseText(options.cutMark ?? DEFAULT_CUT_MARK), options.codePage);
/** Lines fed before the cut (`feedBeforeCut`), and the paper a QR code (size 6, ≤ version 10) takes. */
const FEED_BEFORE_CUT = 4;
const QR_MM = 45;

type PreparedText =
  | { readonly mode: 'text'; readonly text: string; readonly cut: boolean }
  | { readonly mode: 'raster'; readonly text: string; readonly cut: boolean; readonly maxLines: number };

/** Sanitised, folded and cut to the limits; how it will print. */
function prepareText(block: Extract<Block, { kind: 'text' }>, options: RenderOptions): PreparedText {
  const limits = options.textLimits ?? TEXT_LIMITS;
  const style = block.style ?? {};
  const folded = foldForCodePage(sanitiseText(block.text), options.codePage);
  const chars = limitChars(folded, limits.maxChars);
  if (!options.rasterAll && fitsCodePage(chars.text, options.codePage)) return { mode: 'text', ...chars };
  const lines = limitRasterLines(
    chars.text,
    rasterWidth(style, options),
    rasterTall(style),
    limits.maxRasterLines,
  );
  return { mode: 'raster', text: lines.text, cut: chars.cut || lines.cut, maxLines: limits.maxRasterLines };
}

const rasterWidth = (style: TextStyle, options: RenderOptions): number =>
  PAPER[options.width].dots - (style.indent ?? 0) * DOTS_PER_COLUMN;

/** Characters per printed character's width: 3 for `large`, else 1. */
const widthScale = (style: TextStyle): number => (style.large ? 3 : 1);
const heightScale = (style: TextStyle): number => (style.large ? 3 : style.tall ? 2 : 1);
/** Drawn as an image, `large` text is drawn at double height (the raster font has two sizes). */
const rasterTall = (style: TextStyle): boolean => (style.tall ?? false) || (style.large ?? false);

const wrapOptionsOf = (style: TextStyle) => ({
  indent: style.indent ?? 0,
  firstIndent: style.firstIndent ?? style.indent ?? 0,
  tall: style.tall ?? false,
  heightScale: heightScale(style),
});

/** The mark after a cut text, as its own block in the cut text's style. */
const markBlock = (style: TextStyle, options: RenderOptions): Extract<Block, { kind: 'text' }> => ({
  kind: 'text',
  text: cutMarkOf(options),
  style,
});

/**
 * What a block will take at most (bytes, paper), without drawing anything: what a receipt uses to
 * choose what to leave out before rendering. Never less than `renderBlocks` produces.
 */
export function estimateBlock(block: Block, options: RenderOptions): BlockCost {
  const { columns, dots } = PAPER[options.width];
  switch (block.kind) {
    case 'blank':
    case 'rule':
      return { bytes: columns + 1, paperMm: TEXT_LINE_MM };
    case 'qr':
      return { bytes: block.data.length + 32, paperMm: QR_MM };
    case 'cut':
      return { bytes: FEED_BEFORE_CUT + 8, paperMm: 0 };
    case 'text': {
      const style = block.style ?? {};
      const prepared = prepareText(block, options);
      const tall = rasterTall(style);
      const own =
        prepared.mode === 'text'
          ? textCost(
              prepared.cut ? `${prepared.text} ${cutMarkOf(options)}` : prepared.text,
              Math.floor(columns / widthScale(style)),
              wrapOptionsOf(style),
            )
          : rasterCost(
              Math.min(prepared.maxLines, rasterLines(prepared.text, rasterWidth(style, options), tall)),
              dots,
              tall,
            );
      const mark =
        prepared.mode === 'raster' && prepared.cut
          ? estimateBlock(markBlock(style, options), options)
          : NO_COST;
      return addCost(own, mark);
    }
  }
}

export function estimateBlocks(blocks: readonly Block[], options: RenderOptions): BlockCost {
  return blocks.reduce((total, block) => addCost(total, estimateBlock(block, options)), NO_COST);
}

export async function renderBlocks(blocks: readonly Block[], options: RenderOptions): Promise<RenderResult> {
  const { columns, dots } = PAPER[options.width];
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns,
    imageMode: 'raster',
    codepageMapping: 'epson',
    newline: '\n',
    feedBeforeCut: FEED_BEFORE_CUT,
    feedAfterBlock: false,
    errors: 'strict',
  });
  encoder.initialize().codepage(CODE_PAGES[options.codePage].encoderName);
  let rasterBlocks = 0;
  let cutTexts = 0;
  let lines = 0;
  let rows = 0;

  for (const block of blocks) {
    switch (block.kind) {
      case 'blank':
        encoder.newline();
        lines++;
        break;
      case 'rule':
        encoder.line((block.char ?? '-').repeat(columns));
        lines++;
        break;
      case 'qr':
        encoder.qrcode(block.data, { model: 2, size: 6, errorlevel: 'm' });
        rows += QR_MM / DOT_MM;
        break;
      case 'cut':
        encoder.cut('partial');
        break;
      case 'text': {
        const style = block.style ?? {};
        const prepared = prepareText(block, options);
        // Nothing visible (a record string of line separators only): nothing to print, and nothing
        // to draw — the raster path would throw on an empty image.
        if (prepared.text.trim() === '') break;
        if (prepared.cut) cutTexts++;
        if (prepared.mode === 'text') {
          const text = prepared.cut ? `${prepared.text} ${cutMarkOf(options)}` : prepared.text;
          lines += textBlock(encoder, text, style, columns);
          break;
        }
        rasterBlocks++;
        const tall = rasterTall(style);
        const image = await renderRasterText(prepared.text, {
          widthDots: dots,
          indentDots: (style.indent ?? 0) * DOTS_PER_COLUMN,
          bold: style.bold ?? false,
          tall,
          invert: style.invert ?? false,
          maxRows: maxRasterRows(prepared.maxLines, tall),
        });
        encoder.image(image, { width: image.width, height: image.height, algorithm: 'threshold' });
        rows += image.height;
        if (prepared.cut || image.cropped) {
          if (!prepared.cut) cutTexts++;
          const mark = markBlock(style, options);
          lines += textBlock(encoder, mark.text, style, columns);
        }
        break;
      }
    }
  }
  const paperMm = lines * TEXT_LINE_MM + rows * DOT_MM;
  return { bytes: encoder.encode(), rasterBlocks, cutTexts, paperMm };
}

/** Returns the number of lines printed (double for tall text, triple for large). */
function textBlock(
  encoder: ReceiptPrinterEncoder,
  text: string,
  style: TextStyle,
  paperColumns: number,
): number {
  const columns = Math.floor(paperColumns / widthScale(style));
  const lines = wrapText(text, columns, wrapOptionsOf(style));
  if (style.bold) encoder.bold(true);
  if (style.invert) encoder.invert(true);
  if (style.large) encoder.size(3, 3);
  else if (style.tall) encoder.size(1, 2);
  for (const raw of lines) {
    let line = style.center
      ? ' '.repeat(Math.floor((columns - raw.trimStart().length) / 2)) + raw.trimStart()
      : raw;
    if (style.invert) line = line.padEnd(columns, ' ');
    encoder.line(line);
  }
  if (style.large || style.tall) encoder.size(1, 1);
  if (style.invert) encoder.invert(false);
  if (style.bold) encoder.bold(false);
  return lines.length * heightScale(style);
}

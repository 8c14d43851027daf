/**
 * Bounds on what one printed text and one receipt may take (issue 15; docs/printing.md
 * § Limits). A text is cut to its limit before it is laid out or drawn, so a 20 000-character
 * allergy never reaches the rasteriser whole; the receipt's size is estimated block by block
 * (an upper bound) so the receipt code can choose what to cut before rendering.
 */
import { RASTER_FONT_PX, RASTER_LINE_ROWS } from './raster-text.ts';
import { wrapText } from './wrap.ts';

export interface TextLimits {
  /** Characters of one text block (after sanitising), whatever its script. */
  readonly maxChars: number;
  /** Lines of one text block drawn as an image (raster), estimated before drawing, enforced after. */
  readonly maxRasterLines: number;
}

export interface ReceiptLimits {
  readonly maxBytes: number;
  readonly maxPaperMm: number;
}

export const TEXT_LIMITS: TextLimits = { maxChars: 600, maxRasterLines: 16 };
export const RECEIPT_LIMITS: ReceiptLimits = { maxBytes: 256 * 1024, maxPaperMm: 1500 };

/**
 * One text line at the default line spacing (ESC 2: 1/6 inch), and one raster row at 203 dpi
 * (8 dots/mm): the printers we target (Epson TM-T20/TM-T88 class).
 */
export const TEXT_LINE_MM = 25.4 / 6;
export const DOT_MM = 1 / 8;

export interface CutText {
  readonly text: string;
  /** Something was left out: the caller prints the "continued on screen" mark. */
  readonly cut: boolean;
}

/** `text` to at most `maxChars` code points, cut at a word boundary when one is near. */
export function limitChars(text: string, maxChars: number): CutText {
  const chars = [...text];
  if (chars.length <= maxChars) return { text, cut: false };
  const head = chars.slice(0, maxChars).join('');
  const space = head.lastIndexOf(' ');
  const kept = space >= maxChars * 0.8 ? head.slice(0, space) : head;
  return { text: kept.trimEnd(), cut: true };
}

/**
 * The text kept for drawing in `maxLines` lines of `widthDots`: counted as if every character
 * were as wide as a CJK ideograph (the widest common glyphs), each paragraph starting a line.
 */
export function limitRasterLines(text: string, widthDots: number, tall: boolean, maxLines: number): CutText {
  const perLine = Math.max(1, Math.floor(widthDots / (tall ? 2 * RASTER_FONT_PX : RASTER_FONT_PX)));
  const paragraphs = text.split('\n');
  const kept: string[] = [];
  let lines = 0;
  for (const paragraph of paragraphs) {
    const chars = [...paragraph];
    const need = Math.max(1, Math.ceil(chars.length / perLine));
    if (lines + need <= maxLines) {
      kept.push(paragraph);
      lines += need;
      continue;
    }
    const room = maxLines - lines;
    if (room > 0) kept.push(limitChars(paragraph, room * perLine).text);
    return { text: kept.join('\n').trimEnd(), cut: true };
  }
  return { text, cut: false };
}

/** Raster rows a drawn text of `lines` lines may take at most (the crop after drawing). */
export function maxRasterRows(lines: number, tall: boolean): number {
  return lines * RASTER_LINE_ROWS * (tall ? 2 : 1);
}

export interface BlockCost {
  readonly bytes: number;
  readonly paperMm: number;
}

export const NO_COST: BlockCost = { bytes: 0, paperMm: 0 };

export function addCost(a: BlockCost, b: BlockCost): BlockCost {
  return { bytes: a.bytes + b.bytes, paperMm: a.paperMm + b.paperMm };
}

export function withinLimits(cost: BlockCost, limits: ReceiptLimits = RECEIPT_LIMITS): boolean {
  return cost.bytes <= limits.maxBytes && cost.paperMm <= limits.maxPaperMm;
}

/** Upper bound of code-page text: wrapped lines, each a full line of bytes plus style commands. */
export function textCost(
  text: string,
  columns: number,
  options: { indent: number; firstIndent: number; tall: boolean; heightScale?: number },
): BlockCost {
  const lines = wrapText(text, columns, options).length;
  const height = options.heightScale ?? (options.tall ? 2 : 1);
  return { bytes: lines * (columns + 1) + 16, paperMm: lines * TEXT_LINE_MM * height };
}

/** Upper bound of a drawn text: `lines` lines of the full paper width (GS v 0, 255-row chunks). */
export function rasterCost(lines: number, widthDots: number, tall: boolean): BlockCost {
  const rows = maxRasterRows(lines, tall) + 6;
  return { bytes: (widthDots / 8) * rows + 8 * Math.ceil(rows / 255) + 8, paperMm: rows * DOT_MM };
}

/** Lines a drawn text takes at most, counted as `limitRasterLines` counts them. */
export function rasterLines(text: string, widthDots: number, tall: boolean): number {
  const perLine = Math.max(1, Math.floor(widthDots / (tall ? 2 * RASTER_FONT_PX : RASTER_FONT_PX)));
  return text.split('\n').reduce((n, p) => n + Math.max(1, Math.ceil([...p].length / perLine)), 0);
}

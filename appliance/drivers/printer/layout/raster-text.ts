/**
 * Text the code page cannot hold (Greek, Cyrillic, Arabic, CJK names…) is drawn as a 1-bit image
 * instead of becoming `?` (HZ-10). `sharp` lays the text out with Pango: font fallback through
 * fontconfig (DejaVu, then Noto CJK), shaping and bidi for Arabic/Hebrew, and word wrap at a pixel
 * width, so no text width has to be guessed. Pango reads markup, so `<` and `&` are escaped.
 * sharp (libvips, ≈ 30 MB resident) is loaded on the first raster only: most receipts need none.
 */

export interface RasterTextOptions {
  /** Width of the printable area in dots (576 at 80 mm, 384 at 58 mm). */
  readonly widthDots: number;
  /** Left margin in dots. */
  readonly indentDots?: number;
  readonly bold?: boolean;
  readonly tall?: boolean;
  /** White text on a black band (reverse video, as GS B for text). */
  readonly invert?: boolean;
  /** Rows of text kept at most; the rest is cut off (`cropped`). The caller bounds the text first. */
  readonly maxRows?: number;
}

/** RGBA pixels, black = a printed dot; `width` is a multiple of 8. */
export interface RasterImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
  /** Rows were cut off to respect `maxRows`. */
  readonly cropped?: boolean;
}

export const RASTER_FONT = 'DejaVu Sans';
const FONT_PX = 22;
const LINE_SPACING = 6;
/** Advance of the widest common glyphs (CJK ideographs) at the raster font size, in dots. */
export const RASTER_FONT_PX = FONT_PX;
/** Rows one drawn line takes at most (measured: ≈ 38 for Noto CJK, ≈ 39 for DejaVu Sans). */
export const RASTER_LINE_ROWS = 40;

export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export async function renderRasterText(text: string, options: RasterTextOptions): Promise<RasterImage> {
  const indent = options.indentDots ?? 0;
  const px = options.tall ? FONT_PX * 2 : FONT_PX;
  const font = `${RASTER_FONT}${options.bold || options.tall ? ' Bold' : ''} ${px}px`;
  const { default: sharp } = await import('sharp');
  const { data, info } = await sharp({
    text: {
      text: escapeMarkup(text),
      font,
      width: options.widthDots - indent,
      dpi: 72,
      wrap: 'word-char',
      spacing: LINE_SPACING,
      rgba: false,
    },
  })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pad = 3;
  const contentWidth = Math.min(options.widthDots, indent + info.width);
  const width = options.invert ? options.widthDots : Math.ceil(contentWidth / 8) * 8;
  const textRows = Math.min(info.height, options.maxRows ?? info.height);
  const height = textRows + 2 * pad;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const tx = x - indent;
      const ty = y - pad;
      const inText = tx >= 0 && ty >= 0 && tx < info.width && ty < textRows;
      const ink = inText && (data[ty * info.width * info.channels + tx * info.channels] ?? 0) >= 128;
      const dot = options.invert ? !ink : ink;
      const i = (y * width + x) * 4;
      const v = dot ? 0 : 255;
      out[i] = v;
      out[i + 1] = v;
      out[i + 2] = v;
      out[i + 3] = 255;
    }
  }
  return { width, height, data: out, ...(textRows < info.height ? { cropped: true } : {}) };
}

/**
 * Test decoder for the ESC/POS we emit: bytes → printed items (text lines with styles, raster
 * images, QR codes, cuts), and anything else as a visible marker so a test can spot it.
 */
import { decodeTable } from '../../drivers/printer/layout/code-page.ts';
import { nextToken } from '../../drivers/printer/escpos/splitter.ts';

export interface SpanStyle {
  readonly bold: boolean;
  readonly invert: boolean;
  readonly tall: boolean;
  readonly underline: boolean;
}
export interface Span extends SpanStyle {
  readonly text: string;
}

export type DecodedItem =
  | { readonly kind: 'line'; readonly spans: readonly Span[] }
  /** Rows of `width / 8` bytes, most significant bit = leftmost dot, 1 = printed. */
  | { readonly kind: 'raster'; readonly width: number; readonly height: number; readonly bits: Uint8Array }
  | {
      readonly kind: 'qr';
      readonly data: string;
      readonly moduleSize: number;
      readonly errorLevel: 'L' | 'M' | 'Q' | 'H';
    }
  | { readonly kind: 'cut' }
  | { readonly kind: 'marker'; readonly text: string };

const hex = (bytes: ArrayLike<number>): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');

export function decodeCommands(bytes: Uint8Array): DecodedItem[] {
  const items: DecodedItem[] = [];
  let style: SpanStyle = { bold: false, invert: false, tall: false, underline: false };
  let table = decodeTable(0) as readonly string[];
  let tableKnown = true;
  let spans: Span[] = [];
  let qr = { data: '', moduleSize: 3, errorLevel: 'L' as 'L' | 'M' | 'Q' | 'H' };

  const endLine = (): void => {
    items.push({ kind: 'line', spans });
    spans = [];
  };
  const flushPending = (): void => {
    if (spans.length) endLine();
  };

  let offset = 0;
  while (offset < bytes.length) {
    const token = nextToken(bytes, offset);
    if (!token) {
      flushPending();
      items.push({ kind: 'marker', text: `[TRUNCATED ${hex(bytes.subarray(offset, offset + 8))}]` });
      break;
    }
    const cmd = bytes.subarray(offset, offset + token.length);
    offset += token.length;
    if (token.kind === 'text') {
      const text = Array.from(cmd, (b) => table[b] ?? '\uFFFD').join('');
      spans.push({ text: tableKnown ? text : `[CODEPAGE?]${text}`, ...style });
      continue;
    }
    if (token.kind === 'unknown') {
      spans.push({ text: `[UNKNOWN ${hex(cmd)}]`, ...style });
      continue;
    }
    const [b0, b1, b2] = cmd;
    const arg = cmd[2] ?? 0;
    if (b0 === 0x0a) {
      endLine();
    } else if (b0 === 0x0d || b0 === 0x09 || b0 === 0x0c) {
      spans.push({ text: `[CTRL ${hex(cmd)}]`, ...style });
    } else if (b0 === 0x1b && b1 === 0x40) {
      flushPending();
      style = { bold: false, invert: false, tall: false, underline: false };
      table = decodeTable(0) as readonly string[];
      tableKnown = true;
    } else if (b0 === 0x1b && b1 === 0x45) {
      style = { ...style, bold: (arg & 1) === 1 };
    } else if (b0 === 0x1b && b1 === 0x2d) {
      style = { ...style, underline: (arg & 3) !== 0 && arg !== 48 };
    } else if (b0 === 0x1d && b1 === 0x42) {
      style = { ...style, invert: (arg & 1) === 1 };
    } else if (b0 === 0x1d && b1 === 0x21) {
      style = { ...style, tall: (arg & 0x0f) > 0 };
    } else if (b0 === 0x1b && b1 === 0x74) {
      const t = decodeTable(arg);
      tableKnown = t !== undefined;
      table = t ?? table;
    } else if (
      (b0 === 0x1b && (b1 === 0x4d || b1 === 0x61 || b1 === 0x33 || b1 === 0x32)) ||
      (b0 === 0x1c && b1 === 0x2e)
    ) {
      // font A/B, alignment, line spacing, cancel Kanji: no visible effect in the transcript
    } else if (b0 === 0x1d && b1 === 0x76) {
      flushPending();
      const width = ((cmd[4] ?? 0) + (cmd[5] ?? 0) * 256) * 8;
      const height = (cmd[6] ?? 0) + (cmd[7] ?? 0) * 256;
      const bits = cmd.slice(8);
      const last = items[items.length - 1];
      if (last?.kind === 'raster' && last.width === width) {
        const merged = new Uint8Array(last.bits.length + bits.length);
        merged.set(last.bits);
        merged.set(bits, last.bits.length);
        items[items.length - 1] = { kind: 'raster', width, height: last.height + height, bits: merged };
      } else {
        items.push({ kind: 'raster', width, height, bits });
      }
    } else if (b0 === 0x1d && b1 === 0x28 && b2 === 0x6b && cmd[5] === 0x31) {
      const fn = cmd[6];
      if (fn === 0x43) qr = { ...qr, moduleSize: cmd[7] ?? 3 };
      else if (fn === 0x45)
        qr = { ...qr, errorLevel: (['L', 'M', 'Q', 'H'] as const)[(cmd[7] ?? 48) - 48] ?? 'L' };
      else if (fn === 0x50)
        qr = { ...qr, data: Array.from(cmd.subarray(8), (b) => String.fromCharCode(b)).join('') };
      else if (fn === 0x51) {
        flushPending();
        items.push({ kind: 'qr', ...qr });
      }
    } else if (b0 === 0x1d && b1 === 0x56) {
      flushPending();
      items.push({ kind: 'cut' });
    } else {
      flushPending();
      items.push({ kind: 'marker', text: `[CMD ${hex(cmd.subarray(0, Math.min(cmd.length, 8)))}]` });
    }
  }
  flushPending();
  return items;
}

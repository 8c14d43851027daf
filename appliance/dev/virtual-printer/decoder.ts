/**
 * `decodeReceipt(bytes)`: what a receipt printer would print for these bytes, as a text transcript
 * (tests read it) and a PNG preview (the dev dock shows it).
 */
import { decodeCommands, type DecodedItem } from './decode-commands.ts';
import { renderPreview } from './preview.ts';
import { plainText, transcriptOf } from './transcript.ts';

export interface DecodedReceipt {
  readonly transcript: string;
  readonly png: Buffer;
}

export interface DecodeOptions {
  /** Paper width in dots; inferred from the widest image or line (576 or 384) when absent. */
  readonly widthDots?: number;
}

function inferWidth(items: readonly DecodedItem[]): number {
  let dots = 384;
  for (const item of items) {
    if (item.kind === 'raster' && item.width > dots) dots = item.width;
    if (item.kind === 'line' && item.spans.reduce((n, s) => n + [...s.text].length, 0) > 32) dots = 576;
  }
  return dots > 384 ? 576 : 384;
}

export async function decodeReceipt(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedReceipt> {
  const items = decodeCommands(bytes);
  return {
    transcript: transcriptOf(items),
    png: await renderPreview(items, options.widthDots ?? inferWidth(items)),
  };
}

/** Transcript and plain text only (no image): fast, for tests. */
export function decodeReceiptText(bytes: Uint8Array): {
  readonly transcript: string;
  readonly plain: string;
} {
  const items = decodeCommands(bytes);
  return { transcript: transcriptOf(items), plain: plainText(items) };
}

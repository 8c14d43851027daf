/** Reads a binary PPM (P6, what QEMU's `screendump` writes) and says whether the screen shows something. */
export interface ScreenAnalysis {
  readonly width: number;
  readonly height: number;
  readonly distinctColours: number;
  /** Share of pixels that differ from the most common colour. */
  readonly nonBackgroundRatio: number;
}

export function analysePpm(bytes: Uint8Array): ScreenAnalysis {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 64));
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(text);
  if (!header) throw new Error('not a binary PPM (P6)');
  const [whole, w, h] = header as unknown as [string, string, string];
  const width = Number(w);
  const height = Number(h);
  const pixels = bytes.subarray(whole.length);
  const counts = new Map<number, number>();
  for (let i = 0; i + 2 < pixels.length; i += 3) {
    const colour =
      ((pixels[i] as number) << 16) | ((pixels[i + 1] as number) << 8) | (pixels[i + 2] as number);
    counts.set(colour, (counts.get(colour) ?? 0) + 1);
  }
  const total = width * height;
  const background = Math.max(...counts.values());
  return {
    width,
    height,
    distinctColours: counts.size,
    nonBackgroundRatio: total === 0 ? 0 : 1 - background / total,
  };
}

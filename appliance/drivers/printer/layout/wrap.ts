/**
 * Word wrap for a fixed number of columns (one character = one column in the printer's font A).
 * Never truncates: a word longer than the line is cut into line-long pieces (HZ-03). Runs of spaces
 * at a break disappear; `\n` starts a new line.
 */
export interface WrapOptions {
  /** Columns before the text on every line (a hanging indent when `firstIndent` is smaller). */
  readonly indent?: number;
  /** Columns before the text on the first line; defaults to `indent`. */
  readonly firstIndent?: number;
}

export function wrapText(text: string, columns: number, options: WrapOptions = {}): string[] {
  const indent = options.indent ?? 0;
  const firstIndent = options.firstIndent ?? indent;
  if (columns - Math.max(indent, firstIndent) < 1) throw new Error('wrapText: no room for text');
  const lines: string[] = [];
  let current = '';
  let currentWidth = 0;
  let prefix = ' '.repeat(firstIndent);
  let room = columns - firstIndent;

  const push = (): void => {
    lines.push(prefix + current);
    current = '';
    currentWidth = 0;
    prefix = ' '.repeat(indent);
    room = columns - indent;
  };

  for (const paragraph of text.split('\n')) {
    for (const word of paragraph.split(/ +/).filter((w) => w.length > 0)) {
      const chars = [...word];
      const gap = currentWidth === 0 ? 0 : 1;
      if (currentWidth + gap + chars.length <= room) {
        current += (gap ? ' ' : '') + word;
        currentWidth += gap + chars.length;
        continue;
      }
      if (currentWidth > 0) push();
      // Cut at an index: re-slicing the rest of a 100 000-character word per line is quadratic.
      let from = 0;
      while (chars.length - from > room) {
        current = chars.slice(from, from + room).join('');
        from += room;
        push();
      }
      current = chars.slice(from).join('');
      currentWidth = chars.length - from;
    }
    push();
  }
  return lines;
}

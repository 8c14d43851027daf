/** Text transcript of decoded receipt items, with style markers ([INVERT], [BOLD], [TALL], …). */
import type { DecodedItem, Span } from './decode-commands.ts';

function spanText(span: Span): string {
  let text = span.text;
  if (span.tall) text = `[TALL]${text}[/TALL]`;
  if (span.underline) text = `[UNDERLINE]${text}[/UNDERLINE]`;
  if (span.bold) text = `[BOLD]${text}[/BOLD]`;
  if (span.invert) text = `[INVERT]${text}[/INVERT]`;
  return text;
}

function mergeSpans(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    if (
      last &&
      last.bold === span.bold &&
      last.invert === span.invert &&
      last.tall === span.tall &&
      last.underline === span.underline
    ) {
      out[out.length - 1] = { ...last, text: last.text + span.text };
    } else if (span.text.length) {
      out.push(span);
    }
  }
  return out;
}

export function transcriptOf(items: readonly DecodedItem[]): string {
  const lines: string[] = [];
  for (const item of items) {
    switch (item.kind) {
      case 'line': {
        const spans = mergeSpans(item.spans);
        const styled = spans.map((s, i) =>
          i === spans.length - 1 && !s.invert ? spanText({ ...s, text: s.text.trimEnd() }) : spanText(s),
        );
        lines.push(styled.join(''));
        break;
      }
      case 'raster':
        lines.push(`[RASTER ${item.width}×${item.height}]`);
        break;
      case 'qr':
        lines.push(`[QR ${item.data}]`);
        break;
      case 'cut':
        lines.push('[CUT]');
        break;
      case 'marker':
        lines.push(item.text);
        break;
    }
  }
  return lines.join('\n') + '\n';
}

/** The plain printed text (no markers, one space per run of whitespace), for "is it on paper" checks. */
export function plainText(items: readonly DecodedItem[]): string {
  return items
    .filter((i) => i.kind === 'line')
    .map((i) => i.spans.map((s) => s.text).join(''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

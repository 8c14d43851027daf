/**
 * The receipt text path (sanitise → fold → wrap) takes time linear in the text's length on the
 * shapes that make naive code quadratic (issue 15): a single word as long as a record string
 * (wrapping used to re-slice its rest for every line), runs of spaces, line breaks and controls.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adversarialShapes,
  expand,
  KNOWN_ADVERSARIAL,
  timeGrowth,
} from '../../../common/linear-time.testing.ts';
import { foldForCodePage } from './fold.ts';
import { sanitiseText } from './sanitise.ts';
import { wrapText } from './wrap.ts';

const textPath = (text: string): string[] =>
  wrapText(foldForCodePage(sanitiseText(text), 'pc858'), 48, { indent: 2, firstIndent: 0 });

describe('receipt text path', () => {
  it('HZ-13 a single 100 000-character word wraps in linear time, cut into full lines (HZ-03)', () => {
    const verdict = timeGrowth(textPath, (n) => 'x'.repeat(n), { from: 2048, upTo: 1 << 17 });
    expect(verdict.linear, verdict.detail).toBe(true);
    const lines = textPath('x'.repeat(100_000));
    expect(lines.join('').replace(/ /g, '')).toHaveLength(100_000);
    expect(lines.every((l) => l.length <= 48)).toBe(true);
  });

  it('HZ-13 time grows linearly on known adversarial shapes', () => {
    for (const shape of KNOWN_ADVERSARIAL) {
      const verdict = timeGrowth(textPath, (n) => expand(shape, n), { upTo: 1 << 18 });
      expect(verdict.linear, `${JSON.stringify(shape)}: ${verdict.detail}`).toBe(true);
    }
  });

  it('HZ-13 time grows linearly on generated runs of spaces, breaks, controls and typography', () => {
    const alphabet = [
      ' ',
      '\n',
      '\r',
      '\t',
      '\u001b',
      '\u0085',
      '\u2028',
      '\u2019',
      '\u2026',
      '\u00a0',
      'e',
      '\u0301',
      'x',
    ];
    fc.assert(
      fc.property(adversarialShapes(alphabet), (shape) => {
        const verdict = timeGrowth(textPath, (n) => expand(shape, n), { upTo: 1 << 18 });
        expect(verdict.linear, `${JSON.stringify(shape)}: ${verdict.detail}`).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { nestingDepthExceeds, parseBoundedJson } from './bounded-json.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

/** The plain byte-by-byte reading the fast one must agree with. */
function reference(input: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < input.byteLength; i += 1) {
    const b = input[i] as number;
    if (inString) {
      if (b === 0x5c) i += 1;
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (b === 0x7d || b === 0x5d) depth -= 1;
  }
  return false;
}

describe('nestingDepthExceeds', () => {
  it.each([
    ['[[[1]]]', 2, true],
    ['[[[1]]]', 3, false],
    ['{"a":"[[[[[[[["}', 1, false],
    ['{"a":"\\"[[[[[[["}', 1, false],
    ['{"a":"\\\\"}[[[', 2, true],
    ['{"a":"\\\\\\"[[[["}', 1, false],
    ['"unterminated [[[[', 1, false],
    ['["\\\\", [[1]]]', 2, true],
  ])('%s with limit %i → %s', (text, limit, expected) => {
    expect(nestingDepthExceeds(bytes(text), limit)).toBe(expected);
    expect(reference(bytes(text), limit)).toBe(expected);
  });

  it('agrees with the byte-by-byte reading on random mixes of quotes, backslashes and brackets', () => {
    const alphabet = ['"', '\\', '[', ']', '{', '}', 'a', ','];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 3000; n += 1) {
      const text = Array.from({ length: next() % 40 }, () => alphabet[next() % alphabet.length]).join('');
      for (const limit of [0, 1, 3])
        expect(nestingDepthExceeds(bytes(text), limit), `${text} / ${limit}`).toBe(
          reference(bytes(text), limit),
        );
    }
  });

  it('a 400 kB string of escaped quotes is skipped whole, the brackets after it counted', () => {
    const hostile = bytes(`["${'\\"'.repeat(200_000)}", [[1]]]`);
    expect(nestingDepthExceeds(hostile, 2)).toBe(true);
    expect(parseBoundedJson(hostile, 3)).toMatchObject({ ok: true });
  });
});

import { describe, expect, it } from 'vitest';
import { renderBlocks } from './layout.ts';

describe('renderBlocks', () => {
  it.each(['\u0085', '\n\n', ' \u2028 ', '\u0000\u0085\u0000'])(
    'HZ-07 a text of line separators only (%j) prints nothing rather than failing the receipt',
    async (text) => {
      const result = await renderBlocks(
        [
          { kind: 'text', text: 'avant' },
          { kind: 'text', text },
          { kind: 'text', text: 'après' },
        ],
        { width: 80, codePage: 'pc858', language: 'fr' } as never,
      );
      expect(result.rasterBlocks).toBe(0);
      expect(Buffer.from(result.bytes).toString('latin1')).toContain('avant');
    },
  );
});

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { promptPin } from './pin-prompt.ts';

function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (c: Buffer) => (shown += c.toString()));
  return { input, output, shown: () => shown };
}

describe('promptPin', () => {
  it('reads one line without echoing it, backspace erasing', async () => {
    const t = terminal();
    const pin = promptPin(t.input, t.output);
    t.input.write('10x\u007f10\r');
    expect(await pin).toBe('1010');
    expect(t.shown()).toBe('PIN: \n');
  });

  it('Ctrl-C gives up', async () => {
    const t = terminal();
    const pin = promptPin(t.input, t.output);
    t.input.write('12\u0003');
    expect(await pin).toBeUndefined();
  });
});

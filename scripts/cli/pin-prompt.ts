/**
 * The card's PIN typed at the terminal, never echoed (`--card` without `--pin-file`): the
 * terminal in raw mode, one line; Ctrl-C or Ctrl-D gives up.
 */
import type { Readable, Writable } from 'node:stream';

interface TerminalInput extends Readable {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

export function promptPin(
  input: TerminalInput,
  output: Writable,
  label = 'PIN: ',
): Promise<string | undefined> {
  return new Promise((resolve) => {
    let pin = '';
    output.write(label);
    input.setRawMode?.(true);
    const finish = (value: string | undefined): void => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(pin);
        if (ch === '\u0003' || ch === '\u0004') return finish(undefined);
        if (ch === '\u007f' || ch === '\b') pin = pin.slice(0, -1);
        else if (ch >= ' ') pin += ch;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}

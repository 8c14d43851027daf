import { describe, expect, it } from 'vitest';
import { StatusStream, statusFromAsb, statusFromRealTime } from './status.ts';

const rt = (printer: number, offlineCause: number, errorCause: number, paper: number) =>
  statusFromRealTime({ printer, offlineCause, errorCause, paper });

describe('DLE EOT status bits (Epson ESC/POS reference, DLE EOT n = 1..4)', () => {
  it.each([
    ['ready', rt(0x12, 0x12, 0x12, 0x12), { status: 'ready', paperNearEnd: false }],
    ['paper near end (n=4 bits 2,3)', rt(0x12, 0x12, 0x12, 0x1e), { status: 'ready', paperNearEnd: true }],
    ['paper out (n=2 bit 5, n=4 bits 5,6)', rt(0x1a, 0x32, 0x12, 0x7e), { status: 'paper_out' }],
    ['cover open (n=2 bit 2)', rt(0x1a, 0x16, 0x12, 0x12), { status: 'cover_open' }],
    [
      'autocutter error (n=3 bit 3)',
      rt(0x1a, 0x52, 0x1a, 0x12),
      { status: 'error', reason: 'autocutter_error' },
    ],
    [
      'unrecoverable (n=3 bit 5)',
      rt(0x1a, 0x52, 0x32, 0x12),
      { status: 'error', reason: 'unrecoverable_error' },
    ],
    ['offline, no other cause (n=1 bit 3)', rt(0x1a, 0x12, 0x12, 0x12), { status: 'offline' }],
    [
      'a byte that is not a status reply',
      rt(0x00, 0x12, 0x12, 0x12),
      { status: 'error', reason: 'unexpected_status_reply' },
    ],
  ])('%s', (_name, actual, expected) => expect(actual).toEqual(expected));
});

describe('ASB (GS a) status', () => {
  it('reads cover open, paper out, near end and errors', () => {
    expect(statusFromAsb([0x10, 0, 0, 0])).toEqual({ status: 'ready', paperNearEnd: false });
    expect(statusFromAsb([0x38, 0, 0, 0])).toEqual({ status: 'cover_open' });
    expect(statusFromAsb([0x18, 0, 0x0f, 0])).toEqual({ status: 'paper_out' });
    expect(statusFromAsb([0x10, 0, 0x03, 0])).toEqual({ status: 'ready', paperNearEnd: true });
    expect(statusFromAsb([0x18, 0x08, 0, 0])).toEqual({ status: 'error', reason: 'autocutter_error' });
  });

  it('splits a byte stream into DLE EOT replies, ASB blocks and GS r replies, ignoring XON/XOFF', () => {
    const s = new StatusStream();
    expect(s.push(Uint8Array.of(0x12, 0x18, 0x00))).toEqual([{ kind: 'realtime', byte: 0x12 }]);
    expect(s.push(Uint8Array.of(0x13, 0x0f, 0x00, 0x00, 0x11))).toEqual([
      { kind: 'asb', bytes: [0x18, 0x00, 0x0f, 0x00] },
      { kind: 'gs_r', byte: 0x00 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { ok } from '../../common/result.ts';
import type { Transmit } from './apdu.ts';
import { encodeApdu, interpretSw, transceive } from './apdu.ts';
import { decodeTlvs, encodeTlv, findTlv } from './tlv.ts';

/** A scripted card: records commands, answers from a function. */
function card(answer: (cmd: Uint8Array, n: number) => number[]): { transmit: Transmit; sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  return {
    sent,
    transmit: async (cmd) => {
      sent.push(cmd);
      return ok(Uint8Array.from(answer(cmd, sent.length - 1)));
    },
  };
}

describe('apdu', () => {
  it('encodes short APDUs, Le 256 as 00', () => {
    expect([
      ...encodeApdu({ cla: 0, ins: 0xa4, p1: 4, p2: 0, data: Uint8Array.from([1, 2]), le: 256 }),
    ]).toEqual([0, 0xa4, 4, 0, 2, 1, 2, 0]);
    expect([...encodeApdu({ cla: 0, ins: 0x20, p1: 0, p2: 0x80 })]).toEqual([0, 0x20, 0, 0x80]);
  });

  it('chains commands over 255 bytes with CLA 0x10 on all but the last chunk', async () => {
    const c = card(() => [0x90, 0x00]);
    const data = new Uint8Array(600).map((_, i) => i & 0xff);
    const res = await transceive(c.transmit, { cla: 0, ins: 0xdb, p1: 0x3f, p2: 0xff, data });
    expect(res.ok && res.value.sw).toBe(0x9000);
    expect(c.sent.map((s) => [s[0], s[4]])).toEqual([
      [0x10, 255],
      [0x10, 255],
      [0x00, 90],
    ]);
  });

  it('collects 61xx continuations with GET RESPONSE and re-issues on 6Cxx', async () => {
    const c = card((cmd, n) => {
      if (n === 0) return [0x6c, 0x03];
      if (n === 1) return [1, 2, 3, 0x61, 0x00];
      if (n === 2) return [4, 0x61, 0x02];
      return [5, 6, 0x90, 0x00];
    });
    const res = await transceive(c.transmit, { cla: 0, ins: 0xcb, p1: 0x3f, p2: 0xff, le: 256 });
    expect(res.ok && [...res.value.data]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...(c.sent[1] ?? [])].at(-1)).toBe(3);
    expect([...(c.sent[2] ?? [])]).toEqual([0, 0xc0, 0, 0, 0]);
    expect([...(c.sent[3] ?? [])]).toEqual([0, 0xc0, 0, 0, 2]);
  });

  it('HZ-13 stops a card that answers 61xx forever, and rejects responses under 2 bytes', async () => {
    const endless = card(() => [0xaa, 0x61, 0x10]);
    const res = await transceive(endless.transmit, { cla: 0, ins: 0xcb, p1: 0, p2: 0, le: 256 });
    expect(res).toEqual({ ok: false, error: { kind: 'malformed_response' } });
    expect(endless.sent.length).toBeLessThanOrEqual(301);
    const short = card(() => [0x90]);
    expect(await transceive(short.transmit, { cla: 0, ins: 0xa4, p1: 4, p2: 0 })).toEqual({
      ok: false,
      error: { kind: 'malformed_response' },
    });
  });

  it('maps status words to typed outcomes', () => {
    expect(interpretSw(0x9000)).toEqual({ kind: 'ok' });
    expect(interpretSw(0x63c2)).toEqual({ kind: 'wrong_pin', retriesLeft: 2 });
    expect(interpretSw(0x6983)).toEqual({ kind: 'blocked' });
    expect(interpretSw(0x6982)).toEqual({ kind: 'security_status_not_satisfied' });
    expect(interpretSw(0x6a82)).toEqual({ kind: 'not_found' });
    expect(interpretSw(0x6d00)).toEqual({ kind: 'not_supported' });
    expect(interpretSw(0x6f00)).toEqual({ kind: 'other', sw: 0x6f00 });
  });
});

describe('tlv', () => {
  it('round-trips multi-byte tags and long lengths', () => {
    const big = new Uint8Array(300).fill(7);
    const bytes = Uint8Array.from([...encodeTlv(0x5fc105, big), ...encodeTlv(0x71, [1])]);
    const tlvs = decodeTlvs(bytes);
    expect(tlvs.ok && tlvs.value.map((t) => [t.tag, t.value.length])).toEqual([
      [0x5fc105, 300],
      [0x71, 1],
    ]);
    expect(findTlv(bytes, 0x71)).toEqual({ ok: true, value: Uint8Array.from([1]) });
  });

  it('HZ-13 rejects truncated, indefinite and oversized lengths without throwing', () => {
    for (const bad of [[0x53, 0x05, 1, 2], [0x53, 0x80], [0x53, 0x84, 1, 1, 1, 1], [0x5f], [0x53]]) {
      expect(decodeTlvs(Uint8Array.from(bad))).toEqual({ ok: false, error: 'malformed_tlv' });
    }
  });
});

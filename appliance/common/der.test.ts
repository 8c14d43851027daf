import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certificateFields } from './certificate-der.ts';
import {
  MAX_CHILDREN,
  childrenOf,
  readBits,
  readBoolean,
  readElement,
  readOid,
  readSmallUnsigned,
  readString,
  readTime,
} from './der.ts';
import { timeGrowth } from './linear-time.testing.ts';

const bytes = (...values: number[]) => new Uint8Array(values);

/** A definite DER length for `n` content octets. */
function length(n: number): number[] {
  if (n < 0x80) return [n];
  const octets: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return [0x80 | octets.length, ...octets];
}

function tlv(tag: number, content: Uint8Array): Uint8Array {
  const header = [tag, ...length(content.byteLength)];
  const out = new Uint8Array(header.length + content.byteLength);
  out.set(header);
  out.set(content, header.length);
  return out;
}

/** `depth` SEQUENCEs, each holding the next, around a NULL (headers built inside out, written once). */
function nested(depth: number): Uint8Array {
  const headers: number[][] = [];
  let size = 2;
  for (let i = 0; i < depth; i += 1) {
    const header = [0x30, ...length(size)];
    headers.push(header);
    size += header.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (let i = headers.length - 1; i >= 0; i -= 1) {
    out.set(headers[i]!, at);
    at += headers[i]!.length;
  }
  out.set([0x05, 0x00], at);
  return out;
}

describe('DER reader (hostile input)', () => {
  it('reads a short and a long definite length', () => {
    expect(readElement(bytes(0x04, 0x02, 1, 2))).toEqual({
      ok: true,
      value: { tag: 0x04, start: 0, contentStart: 2, end: 4 },
    });
    const long = tlv(0x04, new Uint8Array(300));
    expect(readElement(long)).toEqual({
      ok: true,
      value: { tag: 0x04, start: 0, contentStart: 4, end: 304 },
    });
  });

  it('refuses truncated headers and lengths beyond the buffer or the parent', () => {
    expect(readElement(bytes())).toEqual({ ok: false, error: 'truncated' });
    expect(readElement(bytes(0x30))).toEqual({ ok: false, error: 'truncated' });
    expect(readElement(bytes(0x30, 0x82, 0x01))).toEqual({ ok: false, error: 'truncated' });
    expect(readElement(bytes(0x04, 0x05, 1, 2))).toEqual({ ok: false, error: 'truncated' });
    expect(readElement(bytes(0x04, 0x84, 0xff, 0xff, 0xff, 0xff, 0))).toEqual({
      ok: false,
      error: 'truncated',
    });
    // The child claims more than its parent holds, though the buffer goes on.
    const parent = bytes(0x30, 0x03, 0x04, 0x03, 1, 2, 3);
    const outer = readElement(parent);
    expect(outer.ok && childrenOf(parent, outer.value)).toEqual({ ok: false, error: 'truncated' });
  });

  it('refuses indefinite lengths, non-minimal lengths, over-long length fields and high tag numbers', () => {
    expect(readElement(bytes(0x30, 0x80, 0x00, 0x00))).toEqual({ ok: false, error: 'indefinite_length' });
    expect(readElement(bytes(0x04, 0x81, 0x05, 1, 2, 3, 4, 5))).toEqual({ ok: false, error: 'bad_length' });
    expect(readElement(bytes(0x04, 0x82, 0x00, 0x81, ...new Array<number>(0x81).fill(0)))).toEqual({
      ok: false,
      error: 'bad_length',
    });
    expect(readElement(bytes(0x04, 0x85, 0, 0, 0, 0, 1, 0))).toEqual({ ok: false, error: 'bad_length' });
    expect(readElement(bytes(0x1f, 0x81, 0x01, 0x00))).toEqual({ ok: false, error: 'high_tag_number' });
  });

  it('lists at most MAX_CHILDREN children of one element', () => {
    const many = tlv(
      0x30,
      new Uint8Array(2 * (MAX_CHILDREN + 1)).map((_, i) => (i % 2 === 0 ? 0x05 : 0)),
    );
    const outer = readElement(many);
    expect(outer.ok && childrenOf(many, outer.value)).toEqual({ ok: false, error: 'too_many_children' });
    const fits = tlv(
      0x30,
      new Uint8Array(2 * MAX_CHILDREN).map((_, i) => (i % 2 === 0 ? 0x05 : 0)),
    );
    const fitting = readElement(fits);
    expect(fitting.ok && childrenOf(fits, fitting.value)).toMatchObject({ ok: true });
  });

  it('does not descend into deep nesting: a certificate of 10 000 nested SEQUENCEs is refused, not recursed', () => {
    expect(certificateFields(nested(10_000))).toEqual({ ok: false, error: 'bad_value' });
    expect(certificateFields(tlv(0x30, tlv(0x30, nested(5000))))).toMatchObject({ ok: false });
  });

  it('decodes OIDs, booleans, small integers, bit strings, strings and times, and refuses malformed ones', () => {
    expect(readOid(bytes(0x55, 0x1d, 0x13))).toEqual({ ok: true, value: '2.5.29.19' });
    expect(readOid(bytes(0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x24))).toEqual({
      ok: true,
      value: '1.3.6.1.5.5.7.3.36',
    });
    expect(readOid(bytes())).toMatchObject({ ok: false });
    expect(readOid(bytes(0x55, 0x80, 0x01))).toMatchObject({ ok: false }); // non-minimal arc
    expect(readOid(bytes(0x55, 0x81))).toMatchObject({ ok: false }); // unterminated arc
    expect(readOid(new Uint8Array(20).fill(0xff).map((b, i) => (i === 19 ? 0x7f : b)))).toMatchObject({
      ok: false,
    });
    expect(readBoolean(bytes(0xff))).toEqual({ ok: true, value: true });
    expect(readBoolean(bytes(0x01))).toMatchObject({ ok: false });
    expect(readSmallUnsigned(bytes(0x00, 0x80))).toEqual({ ok: true, value: 128 });
    expect(readSmallUnsigned(bytes(0xff))).toMatchObject({ ok: false });
    expect(readSmallUnsigned(new Uint8Array(7))).toMatchObject({ ok: false });
    expect(readBits(bytes(0x07, 0x80))).toEqual({ ok: true, value: [true] });
    expect(readBits(bytes(0x08, 0x80))).toMatchObject({ ok: false });
    expect(readBits(bytes(0x01))).toMatchObject({ ok: false });
    expect(readString(0x1e, bytes(0x00, 0x41, 0x00))).toMatchObject({ ok: false });
    expect(readString(0x1e, bytes(0x00, 0xe9))).toEqual({ ok: true, value: 'é' });
    expect(readTime(0x17, new TextEncoder().encode('491231235959Z'))).toEqual({
      ok: true,
      value: new Date('2049-12-31T23:59:59Z'),
    });
    expect(readTime(0x17, new TextEncoder().encode('500101000000Z'))).toEqual({
      ok: true,
      value: new Date('1950-01-01T00:00:00Z'),
    });
    expect(readTime(0x18, new TextEncoder().encode('20500101000000Z'))).toMatchObject({ ok: true });
    expect(readTime(0x17, new TextEncoder().encode('4912312359Z'))).toMatchObject({ ok: false });
  });

  it('never throws on random bytes, and on random mutations of a certificate-like shell', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (input) => {
        const result = certificateFields(input);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('takes time linear in the input: long runs of tiny children and of nested wrappers', () => {
    const flat = (n: number) =>
      tlv(
        0x30,
        tlv(
          0x30,
          new Uint8Array(n).map((_, i) => (i % 2 === 0 ? 0x05 : 0)),
        ),
      );
    const wide = timeGrowth((input: Uint8Array) => certificateFields(input), flat, {
      from: 4096,
      upTo: 1 << 20,
    });
    expect(wide.linear, wide.detail).toBe(true);
    const deep = timeGrowth(
      (input: Uint8Array) => certificateFields(input),
      (n) => nested(Math.floor(n / 4)),
      {
        from: 4096,
        upTo: 1 << 18,
      },
    );
    expect(deep.linear, deep.detail).toBe(true);
  });
});

/** Generators shared by the fuzz targets: hostile strings and byte-level mutations. */
import fc from 'fast-check';

/** A long run of one or two tokens (at most `maxLength` characters) and a suffix that breaks a match. */
export function runOf(tokens: readonly string[], maxLength: number): fc.Arbitrary<string> {
  const token = fc.constantFrom(...tokens);
  return fc
    .record({
      unit: fc.oneof(
        token,
        fc.tuple(token, token).map(([a, b]) => a + b),
      ),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
      suffix: fc.oneof(fc.constant(''), token, fc.constant('x')),
    })
    .map(({ unit, share, suffix }) => {
      const repeats = Math.max(
        1,
        Math.floor((share * share * (maxLength - suffix.length)) / Math.max(1, unit.length)),
      );
      return unit.repeat(repeats) + suffix;
    });
}

/** Any UTF-16 code units, lone surrogates included. */
export const codeUnits = (maxLength: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength }).map((units) => String.fromCharCode(...units));

/** Strings that stress text handling: ordinary, full Unicode, control characters, long runs. */
/** `maxLength` bounds the long runs: 100 000 is the longest string a record may hold (IPS_LIMITS). */
export function hostileText(tokens: readonly string[], maxLength = 100_000): fc.Arbitrary<string> {
  // Long runs are rare here (the growth tests in appliance/ cover them systematically): each
  // costs milliseconds, and a target must run 100 000 inputs in about a minute.
  return fc.oneof(
    { weight: 30, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 30, arbitrary: fc.array(fc.constantFrom(...tokens), { maxLength: 30 }).map((t) => t.join('')) },
    { weight: 20, arbitrary: codeUnits(40) },
    { weight: 10, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: runOf(tokens, maxLength) },
  );
}

/** One edit of a byte string. */
export type ByteEdit =
  | { readonly op: 'set'; readonly at: number; readonly byte: number }
  | { readonly op: 'insert'; readonly at: number; readonly bytes: readonly number[] }
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'truncate'; readonly at: number };

export const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), byte: fc.nat(255) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at: fc.nat(),
      bytes: fc.array(fc.nat(255), { minLength: 1, maxLength: 8 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('delete' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 64 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
);

export function applyEdits(base: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let bytes = base;
  for (const edit of edits) {
    const at = bytes.length === 0 ? 0 : edit.at % bytes.length;
    switch (edit.op) {
      case 'set':
        if (bytes === base) bytes = base.slice();
        if (bytes.length > 0) bytes[at] = edit.byte;
        break;
      case 'insert': {
        const out = new Uint8Array(bytes.length + edit.bytes.length);
        out.set(bytes.subarray(0, at));
        out.set(edit.bytes, at);
        out.set(bytes.subarray(at), at + edit.bytes.length);
        bytes = out;
        break;
      }
      case 'delete': {
        const end = Math.min(bytes.length, at + edit.length);
        const out = new Uint8Array(bytes.length - (end - at));
        out.set(bytes.subarray(0, at));
        out.set(bytes.subarray(end), at);
        bytes = out;
        break;
      }
      case 'truncate':
        bytes = bytes.slice(0, at);
        break;
    }
  }
  return bytes;
}

export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
export const fromBase64 = (text: unknown): Uint8Array => new Uint8Array(Buffer.from(String(text), 'base64'));

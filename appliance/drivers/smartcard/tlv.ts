/**
 * BER-TLV (ISO/IEC 7816-4 §5.2) as used by PIV data objects: multi-byte tags kept as one number
 * (`0x5FC105`), definite lengths up to 3 length bytes. Decoding is bounded and never throws.
 */
import type { Result } from '../../common/result.ts';
import { err, ok } from '../../common/result.ts';

export interface Tlv {
  readonly tag: number;
  readonly value: Uint8Array;
}

export type TlvError = 'malformed_tlv';

/** Decodes a sequence of TLVs that must fill `bytes` exactly (`00`/`FF` padding between them is skipped). */
export function decodeTlvs(bytes: Uint8Array): Result<Tlv[], TlvError> {
  const out: Tlv[] = [];
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i] as number;
    if (first === 0x00 || first === 0xff) {
      i++;
      continue;
    }
    let tag = first;
    i++;
    if ((first & 0x1f) === 0x1f) {
      let n = 0;
      for (;;) {
        const b = bytes[i++];
        if (b === undefined || ++n > 3) return err('malformed_tlv');
        tag = tag * 256 + b;
        if ((b & 0x80) === 0) break;
      }
    }
    const l0 = bytes[i++];
    if (l0 === undefined) return err('malformed_tlv');
    let length = l0;
    if (l0 > 0x80) {
      const count = l0 & 0x7f;
      if (count > 3) return err('malformed_tlv');
      length = 0;
      for (let k = 0; k < count; k++) {
        const b = bytes[i++];
        if (b === undefined) return err('malformed_tlv');
        length = length * 256 + b;
      }
    } else if (l0 === 0x80) {
      return err('malformed_tlv'); // indefinite length: not allowed in PIV objects
    }
    if (i + length > bytes.length) return err('malformed_tlv');
    out.push({ tag, value: bytes.subarray(i, i + length) });
    i += length;
  }
  return ok(out);
}

/** The value of the first TLV with `tag`, at top level of `bytes`. */
export function findTlv(bytes: Uint8Array, tag: number): Result<Uint8Array | undefined, TlvError> {
  const tlvs = decodeTlvs(bytes);
  if (!tlvs.ok) return tlvs;
  return ok(tlvs.value.find((t) => t.tag === tag)?.value);
}

function tagBytes(tag: number): number[] {
  const out: number[] = [];
  let t = tag;
  do {
    out.unshift(t & 0xff);
    t = Math.floor(t / 256);
  } while (t > 0);
  return out;
}

export function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  if (length <= 0xff) return [0x81, length];
  if (length <= 0xffff) return [0x82, length >> 8, length & 0xff];
  return [0x83, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff];
}

export function encodeTlv(tag: number, value: Uint8Array | readonly number[]): Uint8Array {
  const v = value instanceof Uint8Array ? value : Uint8Array.from(value);
  const head = [...tagBytes(tag), ...encodeLength(v.length)];
  const out = new Uint8Array(head.length + v.length);
  out.set(head, 0);
  out.set(v, head.length);
  return out;
}

export function concatBytes(...parts: readonly (Uint8Array | readonly number[])[]): Uint8Array {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

/**
 * A small DER reader (ITU-T X.690 §10) for the few certificate fields Node's `X509Certificate`
 * does not expose. Bounded and linear: it never recurses, reads one element at a time within the
 * bounds of its parent, refuses what DER forbids (indefinite lengths §8.1.3.6, non-minimal length
 * octets §10.1, high tag numbers the certificate profile never uses) and caps how many children it
 * lists. Never throws: every failure is a `DerError`.
 */
import type { Result } from './result.ts';
import { err, ok } from './result.ts';

export const TAG_BOOLEAN = 0x01;
export const TAG_INTEGER = 0x02;
export const TAG_BIT_STRING = 0x03;
export const TAG_OCTET_STRING = 0x04;
export const TAG_OID = 0x06;
export const TAG_UTF8_STRING = 0x0c;
export const TAG_PRINTABLE_STRING = 0x13;
export const TAG_TELETEX_STRING = 0x14;
export const TAG_IA5_STRING = 0x16;
export const TAG_UTC_TIME = 0x17;
export const TAG_GENERALIZED_TIME = 0x18;
export const TAG_UNIVERSAL_STRING = 0x1c;
export const TAG_BMP_STRING = 0x1e;
export const TAG_SEQUENCE = 0x30;
export const TAG_SET = 0x31;

/** Most children listed under one element: far above any certificate's extensions or name parts. */
export const MAX_CHILDREN = 256;
/** Lengths take at most 4 octets (4 GiB), far above anything this reader is given. */
const MAX_LENGTH_OCTETS = 4;

export type DerError =
  | 'truncated'
  | 'indefinite_length'
  | 'high_tag_number'
  | 'bad_length'
  | 'too_many_children'
  | 'unexpected_tag'
  | 'bad_value';

/** One element: its identifier octet and where its content lies in the buffer. */
export interface DerElement {
  readonly tag: number;
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

/** The element at `at`, which must end at or before `limit` (its parent's end). */
export function readElement(der: Uint8Array, at = 0, limit = der.byteLength): Result<DerElement, DerError> {
  const bound = Math.min(limit, der.byteLength);
  if (at + 2 > bound) return err('truncated');
  const tag = der[at] as number;
  if ((tag & 0x1f) === 0x1f) return err('high_tag_number');
  const first = der[at + 1] as number;
  let length = first;
  let contentStart = at + 2;
  if (first === 0x80) return err('indefinite_length');
  if (first > 0x80) {
    const count = first & 0x7f;
    if (count > MAX_LENGTH_OCTETS) return err('bad_length');
    if (at + 2 + count > bound) return err('truncated');
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + (der[at + 2 + i] as number);
    // X.690 §10.1: the shortest form; a long form starting with a zero octet or under 128 is not DER.
    if (der[at + 2] === 0 || length < 0x80) return err('bad_length');
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > bound) return err('truncated');
  return ok({ tag, start: at, contentStart, end });
}

/** The element at `at` with tag `tag`. */
export function expectElement(
  der: Uint8Array,
  at: number,
  tag: number,
  limit = der.byteLength,
): Result<DerElement, DerError> {
  const element = readElement(der, at, limit);
  if (!element.ok) return element;
  return element.value.tag === tag ? element : err('unexpected_tag');
}

/** The children of a constructed element, in order, at most `max`; they must fill it exactly. */
export function childrenOf(
  der: Uint8Array,
  parent: DerElement,
  max = MAX_CHILDREN,
): Result<DerElement[], DerError> {
  if ((parent.tag & 0x20) === 0) return err('unexpected_tag');
  const out: DerElement[] = [];
  let at = parent.contentStart;
  while (at < parent.end) {
    if (out.length >= max) return err('too_many_children');
    const child = readElement(der, at, parent.end);
    if (!child.ok) return child;
    out.push(child.value);
    at = child.value.end;
  }
  return ok(out);
}

export function contentOf(der: Uint8Array, element: DerElement): Uint8Array {
  return der.subarray(element.contentStart, element.end);
}

/** Dotted OBJECT IDENTIFIER (X.690 §8.19); arcs beyond 2^53 are refused. */
export function readOid(content: Uint8Array): Result<string, DerError> {
  if (content.byteLength === 0 || content[content.byteLength - 1]! & 0x80) return err('bad_value');
  const arcs: number[] = [];
  let value = 0;
  let fresh = true;
  for (const byte of content) {
    if (fresh && byte === 0x80) return err('bad_value');
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER) return err('bad_value');
    fresh = (byte & 0x80) === 0;
    if (fresh) {
      if (arcs.length === 0)
        arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    }
  }
  return ok(arcs.join('.'));
}

/** BOOLEAN (X.690 §11.1: DER writes TRUE as FF). */
export function readBoolean(content: Uint8Array): Result<boolean, DerError> {
  if (content.byteLength !== 1 || (content[0] !== 0 && content[0] !== 0xff)) return err('bad_value');
  return ok(content[0] === 0xff);
}

/** A non-negative INTEGER small enough for a number (pathLenConstraint and the like). */
export function readSmallUnsigned(content: Uint8Array): Result<number, DerError> {
  if (content.byteLength === 0 || content.byteLength > 6 || (content[0]! & 0x80) !== 0)
    return err('bad_value');
  let value = 0;
  for (const byte of content) value = value * 256 + byte;
  return ok(value);
}

/** BIT STRING bits, first bit = bit 0 (X.690 §8.6). */
export function readBits(content: Uint8Array): Result<boolean[], DerError> {
  const unused = content[0];
  if (unused === undefined || unused > 7 || (content.byteLength === 1 && unused !== 0))
    return err('bad_value');
  const bits: boolean[] = [];
  const total = (content.byteLength - 1) * 8 - unused;
  for (let i = 0; i < total; i += 1) bits.push(((content[1 + (i >> 3)]! >> (7 - (i & 7))) & 1) === 1);
  return ok(bits);
}

/** The directory string types a name carries, decoded as `@peculiar/x509` (asn1js) decodes them. */
export function readString(tag: number, content: Uint8Array): Result<string, DerError> {
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  switch (tag) {
    case TAG_UTF8_STRING:
      return ok(bytes.toString('utf8'));
    case TAG_PRINTABLE_STRING:
    case TAG_TELETEX_STRING:
    case TAG_IA5_STRING:
      return ok(bytes.toString('latin1'));
    case TAG_BMP_STRING: {
      if (content.byteLength % 2 !== 0) return err('bad_value');
      return ok(Buffer.from(content).swap16().toString('utf16le'));
    }
    case TAG_UNIVERSAL_STRING: {
      if (content.byteLength % 4 !== 0) return err('bad_value');
      const points: number[] = [];
      for (let i = 0; i < content.byteLength; i += 4) {
        const point = bytes.readUInt32BE(i);
        if (point > 0x10ffff) return err('bad_value');
        points.push(point);
      }
      return ok(points.map((p) => String.fromCodePoint(p)).join(''));
    }
    default:
      return err('unexpected_tag');
  }
}

const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d{1,3})?Z$/;

/** UTCTime (two-digit years from 1950, RFC 5280 §4.1.2.5.1) or GeneralizedTime, in UTC as DER writes them. */
export function readTime(tag: number, content: Uint8Array): Result<Date, DerError> {
  if (content.byteLength > 24) return err('bad_value');
  const text = Buffer.from(content).toString('latin1');
  const match =
    tag === TAG_UTC_TIME
      ? UTC_TIME.exec(text)
      : tag === TAG_GENERALIZED_TIME
        ? GENERALIZED_TIME.exec(text)
        : null;
  if (match === null)
    return err(tag === TAG_UTC_TIME || tag === TAG_GENERALIZED_TIME ? 'bad_value' : 'unexpected_tag');
  const [, y, mo, d, h, mi, sec, fraction] = match.map((part) => part ?? '');
  const year = tag === TAG_UTC_TIME ? (Number(y) < 50 ? 2000 : 1900) + Number(y) : Number(y);
  const ms = fraction === undefined || fraction === '' ? 0 : Math.round(Number(`0${fraction}`) * 1000);
  const date = new Date(Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), ms));
  return Number.isNaN(date.getTime()) ? err('bad_value') : ok(date);
}

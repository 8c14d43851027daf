/**
 * Splits an ESC/POS byte stream into commands, knowing the length of every command we emit (and
 * of the common ones we do not). Used by the test decoder and by the virtual printer, which must
 * skip raster data the way a printer does so that bytes inside an image are never read as
 * commands. Lengths from the Epson ESC/POS Command Reference.
 */
export type Token =
  | { readonly kind: 'text'; readonly length: number }
  | { readonly kind: 'command'; readonly length: number; readonly prefix: readonly number[] }
  | { readonly kind: 'unknown'; readonly length: number };

/** Length of the command at `offset`, or `undefined` when the buffer ends before it does. */
export function nextToken(buf: Uint8Array, offset: number): Token | undefined {
  const at = (i: number): number | undefined => buf[offset + i];
  const need = (n: number): number | undefined => (offset + n <= buf.length ? n : undefined);
  const command = (n: number | undefined, prefixLength: number): Token | undefined =>
    n === undefined
      ? undefined
      : { kind: 'command', length: n, prefix: Array.from(buf.subarray(offset, offset + prefixLength)) };
  const b0 = at(0);
  if (b0 === undefined) return undefined;
  if (b0 >= 0x20 && b0 !== 0x7f) {
    let end = offset;
    while (end < buf.length && (buf[end] as number) >= 0x20 && buf[end] !== 0x7f) end++;
    return { kind: 'text', length: end - offset };
  }
  if (b0 === 0x0a || b0 === 0x0d || b0 === 0x09 || b0 === 0x0c) return command(1, 1);
  const b1 = at(1);
  if (b0 !== 0x10 && b0 !== 0x1b && b0 !== 0x1c && b0 !== 0x1d) return { kind: 'unknown', length: 1 };
  if (b1 === undefined) return undefined;
  const u16 = (i: number): number | undefined => {
    const lo = at(i);
    const hi = at(i + 1);
    return lo === undefined || hi === undefined ? undefined : lo + hi * 256;
  };
  if (b0 === 0x10) {
    if (b1 === 0x04 || b1 === 0x05) return command(need(3), 2);
    if (b1 === 0x14) {
      const fn = at(2);
      if (fn === undefined) return undefined;
      if (fn === 1 || fn === 2) return command(need(5), 3);
      if (fn === 7 || fn === 8) return command(need(fn === 7 ? 5 : 10), 3);
    }
    return { kind: 'unknown', length: 2 };
  }
  if (b0 === 0x1b) {
    const c = String.fromCharCode(b1);
    if ('@<=2'.includes(c)) return command(c === '=' ? need(3) : need(2), 2);
    if ('!-34EGJMRSTUVadeft{rc MU'.includes(c)) {
      if (c === 'c') return command(need(4), 3);
      return command(need(3), 2);
    }
    if (c === '$' || c === '\\') return command(need(4), 2);
    if (c === 'p') return command(need(5), 2);
    if (c === 'i' || c === 'm') return command(need(2), 2);
    if (c === '*') {
      const m = at(2);
      const n = u16(3);
      if (m === undefined || n === undefined) return undefined;
      return command(need(5 + n * (m <= 1 ? 1 : 3)), 3);
    }
    return { kind: 'unknown', length: 2 };
  }
  if (b0 === 0x1c) {
    if (b1 === 0x2e || b1 === 0x26) return command(need(2), 2);
    if (b1 === 0x43) return command(need(3), 2);
    return { kind: 'unknown', length: 2 };
  }
  // GS
  const c = String.fromCharCode(b1);
  if ('B!aHIbfhrwE'.includes(c)) return command(need(3), 2);
  if (c === 'P' || c === 'L' || c === 'W') return command(need(4), 2);
  if (c === 'V') {
    const m = at(2);
    if (m === undefined) return undefined;
    return command(need(m === 0 || m === 1 || m === 48 || m === 49 ? 3 : 4), 3);
  }
  if (c === 'v') {
    const x = u16(4);
    const y = u16(6);
    if (x === undefined || y === undefined) return undefined;
    return command(need(8 + x * y), 3);
  }
  if (c === '(') {
    const n = u16(3);
    if (n === undefined) return undefined;
    return command(need(5 + n), 3);
  }
  if (c === 'k') {
    const m = at(2);
    if (m === undefined) return undefined;
    if (m <= 6) {
      const end = buf.indexOf(0, offset + 3);
      return end < 0 ? undefined : command(end - offset + 1, 3);
    }
    const n = at(3);
    return n === undefined ? undefined : command(need(4 + n), 3);
  }
  return { kind: 'unknown', length: 2 };
}

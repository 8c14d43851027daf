/**
 * JSON parsing with bounds checked first, in one linear pass over the bytes, so a hostile file
 * (nesting bomb, invalid UTF-8) is refused before any heavy work.
 */
import { err, ok, type Result } from '../../common/result.ts';

export type BoundedJsonError = 'invalid_utf8' | 'too_deep' | 'invalid_json';

/**
 * Where the string opened by the quote at `open` ends: the next quote not escaped by an odd run of
 * backslashes (RFC 8259 §7), found with the native `indexOf` — a container is mostly one long
 * base64url string. Each byte is looked at a bounded number of times: linear. -1 if unterminated.
 */
function stringEnd(bytes: Uint8Array, open: number): number {
  let from = open + 1;
  for (;;) {
    const quote = bytes.indexOf(0x22, from);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (quote - 1 - backslashes >= from && bytes[quote - 1 - backslashes] === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

/** True when objects/arrays (outside strings) nest deeper than `limit`. */
export function nestingDepthExceeds(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < bytes.byteLength; i += 1) {
    const b = bytes[i] as number;
    if (b === 0x22) {
      i = stringEnd(bytes, i);
      // Unterminated: not JSON, which JSON.parse says next.
      if (i < 0) return false;
    } else if (b === 0x7b || b === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (b === 0x7d || b === 0x5d) depth -= 1;
  }
  return false;
}

export function parseBoundedJson(bytes: Uint8Array, maxDepth: number): Result<unknown, BoundedJsonError> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return err('invalid_utf8');
  }
  if (nestingDepthExceeds(bytes, maxDepth)) return err('too_deep');
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return err('invalid_json');
  }
}

/**
 * JSON parsing with bounds checked first, in one linear pass over the bytes, so a hostile file
 * (nesting bomb, invalid UTF-8) is refused before any heavy work.
 */
import { err, ok, type Result } from '../../common/result.ts';

export type BoundedJsonError = 'invalid_utf8' | 'too_deep' | 'invalid_json';

/** True when objects/arrays (outside strings) nest deeper than `limit`. */
export function nestingDepthExceeds(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.byteLength; i += 1) {
    const b = bytes[i] as number;
    if (inString) {
      if (b === 0x5c) i += 1;
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b) {
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

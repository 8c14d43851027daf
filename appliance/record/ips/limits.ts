import { err, ok, type Result } from '../../common/result.ts';
import type { IpsError } from './types.ts';

/** Bounds on what `parseIpsBundle` accepts (documented in docs/ips-content.md). */
export const IPS_LIMITS = {
  /** Object/array nesting below the Bundle; real IPS bundles use about 12. */
  maxDepth: 64,
  maxEntries: 5000,
  /** Characters in any single string (key or value); the longest real narrative seen is ≈ 11 000. */
  maxStringLength: 100_000,
  /** Objects, arrays and primitives in total. */
  maxNodes: 1_000_000,
} as const;

interface Frame {
  readonly value: unknown;
  readonly depth: number;
  readonly parent: Frame | undefined;
  readonly key: string | number | undefined;
}

/** Renders a JSON path such as `entry[3].resource.code`. */
export function formatPath(segments: readonly (string | number | symbol)[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

function pathOf(frame: Frame): string {
  const segments: (string | number)[] = [];
  for (let f: Frame | undefined = frame; f !== undefined && f.key !== undefined; f = f.parent) {
    segments.push(f.key);
  }
  return formatPath(segments.reverse());
}

/**
 * Walks the value without recursion (a hostile nesting bomb cannot overflow the stack) and stops
 * at the first bound exceeded. Cycles (impossible in parsed JSON) end at the depth bound.
 */
export function checkLimits(root: unknown, limits = IPS_LIMITS): Result<void, IpsError> {
  const entries = (root as { entry?: unknown }).entry;
  if (Array.isArray(entries) && entries.length > limits.maxEntries) {
    return err({
      code: 'too_large',
      where: 'entry',
      message: `bundle has ${entries.length} entries, more than the limit of ${limits.maxEntries}`,
    });
  }
  const stack: Frame[] = [{ value: root, depth: 0, parent: undefined, key: undefined }];
  let nodes = 0;
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    nodes += 1;
    if (nodes > limits.maxNodes) {
      return err({
        code: 'too_large',
        where: pathOf(frame),
        message: `bundle has more than ${limits.maxNodes} JSON values`,
      });
    }
    const { value } = frame;
    if (typeof value === 'string') {
      if (value.length > limits.maxStringLength) {
        return err({
          code: 'too_large',
          where: pathOf(frame),
          message: `string of ${value.length} characters, more than the limit of ${limits.maxStringLength}`,
        });
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (frame.depth >= limits.maxDepth) {
      return err({
        code: 'too_deep',
        where: pathOf(frame),
        message: `nesting deeper than the limit of ${limits.maxDepth} levels`,
      });
    }
    const depth = frame.depth + 1;
    if (Array.isArray(value)) {
      if (value.length > limits.maxNodes - nodes) {
        return err({
          code: 'too_large',
          where: pathOf(frame),
          message: `bundle has more than ${limits.maxNodes} JSON values`,
        });
      }
      for (let i = value.length - 1; i >= 0; i -= 1) {
        stack.push({ value: value[i], depth, parent: frame, key: i });
      }
    } else {
      const keys = Object.keys(value);
      if (keys.length > limits.maxNodes - nodes) {
        return err({
          code: 'too_large',
          where: pathOf(frame),
          message: `bundle has more than ${limits.maxNodes} JSON values`,
        });
      }
      for (const key of keys) {
        if (key.length > limits.maxStringLength) {
          return err({
            code: 'too_large',
            where: pathOf(frame),
            message: `property name longer than the limit of ${limits.maxStringLength} characters`,
          });
        }
        stack.push({ value: (value as Record<string, unknown>)[key], depth, parent: frame, key });
      }
    }
  }
  return ok(undefined);
}

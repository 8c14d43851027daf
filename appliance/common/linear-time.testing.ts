/**
 * Evidence that an operation on hostile text takes time linear in its length (issue 15), robust on
 * a loaded 2-core machine: no absolute threshold, but the time for 8n compared with the time for n,
 * with a generous ratio. Sizes grow by 8 from a small start, so a quadratic operation is caught at
 * a size where it still takes seconds, not hours (a timeout cannot interrupt synchronous code).
 */
import fc from 'fast-check';

export interface GrowthStep {
  readonly length: number;
  readonly ms: number;
}

export interface GrowthVerdict {
  readonly linear: boolean;
  readonly steps: readonly GrowthStep[];
  /** Human-readable, for the assertion message. */
  readonly detail: string;
}

export interface GrowthOptions {
  /** First input length (default 4 096). */
  readonly from?: number;
  /** Last input length at most (default 1 MiB). */
  readonly upTo?: number;
  /** Largest accepted time(8n) / time(n); linear is ≈ 8 (more with garbage collection), quadratic ≈ 64 (default 32). */
  readonly maxRatio?: number;
  /** Times below this count as this much, so that timer noise on tiny inputs is no signal (ms). */
  readonly floorMs?: number;
}

/** Least CPU time (ms) of a few runs: CPU time, so that other processes on the machine do not count. */
function fastest(run: () => unknown, repeats: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeats; i += 1) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** Runs `operation` on `input(n)` for n, 8n, 64n… (characters, or items) and compares the times. */
export function timeGrowth<T = string>(
  operation: (input: T) => unknown,
  input: (length: number) => T,
  options: GrowthOptions = {},
): GrowthVerdict {
  const from = options.from ?? 4096;
  const upTo = options.upTo ?? 1 << 20;
  const maxRatio = options.maxRatio ?? 32;
  const floorMs = options.floorMs ?? 20;
  const steps: GrowthStep[] = [];
  operation(input(from)); // warm-up: the first call pays for compilation
  for (let length = from; length <= upTo; length *= 8) {
    const text = input(length);
    const ms = fastest(() => operation(text), 3);
    steps.push({ length: typeof text === 'string' ? text.length : length, ms });
    const previous = steps[steps.length - 2];
    if (previous !== undefined && ms / Math.max(previous.ms, floorMs) > maxRatio) {
      return { linear: false, steps, detail: describe(steps) };
    }
  }
  return { linear: true, steps, detail: describe(steps) };
}

function describe(steps: readonly GrowthStep[]): string {
  return steps.map((s) => `n=${s.length}: ${s.ms.toFixed(1)} ms`).join(', ');
}

/** One adversarial shape: `prefix + unit × n + suffix`, cut to the requested length. */
export interface AdversarialShape {
  readonly prefix: string;
  readonly unit: string;
  readonly suffix: string;
}

export function expand(shape: AdversarialShape, length: number): string {
  const repeats = Math.max(
    1,
    Math.ceil((length - shape.prefix.length - shape.suffix.length) / shape.unit.length),
  );
  return shape.prefix + shape.unit.repeat(repeats) + shape.suffix;
}

/**
 * Shapes that make backtracking matchers and naive scanners quadratic: long runs of one
 * character, alternations of two, unclosed markup, each followed by a character that makes the
 * match fail. `alphabet` holds the characters that matter to the operation under test.
 */
export function adversarialShapes(alphabet: readonly string[]): fc.Arbitrary<AdversarialShape> {
  const char = fc.constantFrom(...alphabet);
  const unit = fc.oneof(
    char,
    fc.tuple(char, char).map(([a, b]) => a + b),
    fc.array(char, { minLength: 3, maxLength: 6 }).map((cs) => cs.join('')),
  );
  const edge = fc.array(char, { maxLength: 4 }).map((cs) => cs.join(''));
  return fc.record({ prefix: edge, unit, suffix: edge });
}

/** The shapes that once exposed quadratic time (issue 15), always checked first. */
export const KNOWN_ADVERSARIAL: readonly AdversarialShape[] = [
  { prefix: '', unit: ' ', suffix: 'x' },
  { prefix: '', unit: '<', suffix: '' },
  { prefix: '', unit: '<br', suffix: '' },
  { prefix: '', unit: 'e', suffix: 'x' },
  { prefix: '', unit: '\n', suffix: 'x' },
  { prefix: '', unit: ' \n', suffix: 'x' },
  { prefix: '', unit: '&#', suffix: '' },
];

/**
 * Property-based fuzzing with fast-check (issue 15): each target draws inputs from its generator,
 * runs the parser on each, and counts crashes (an exception, or a broken invariant — a parser
 * must answer every input with a typed result) and slow inputs (over `slowMs` of CPU time). Inputs that fail
 * are kept in test/fuzz-regressions/<target>/ and replayed by the short run inside `npm test`.
 */
import fc from 'fast-check';

/** A target ready to run: its generator, how to run one input, and how to store one. */
export interface PreparedTarget<T> {
  readonly arbitrary: fc.Arbitrary<T>;
  /** Throws on a crash or a broken invariant; returns normally on any typed outcome. */
  run(input: T): void | Promise<void>;
  /** JSON-safe form of an input, for a regression case (synthetic inputs only, never patient data). */
  encode(input: T): unknown;
  decode(stored: unknown): T;
}

export interface FuzzTarget<T = unknown> {
  readonly name: string;
  /** What the target exercises (for the report). */
  readonly covers: string;
  prepare(): Promise<PreparedTarget<T>>;
}

export interface Failure {
  readonly kind: 'crash' | 'slow';
  readonly message: string;
  readonly ms: number;
  readonly stored: unknown;
}

export interface TargetReport {
  readonly target: string;
  readonly inputs: number;
  readonly crashes: number;
  readonly slowInputs: number;
  readonly slowestMs: number;
  readonly totalMs: number;
  /** The first few failures (a report, not an archive: the rest are only counted). */
  readonly failures: readonly Failure[];
}

export interface RunOptions {
  readonly runs: number;
  readonly seed: number;
  readonly slowMs: number;
  /** Inputs drawn per call to fast-check (bounds memory). */
  readonly batch?: number;
  /** Called on each failure as it happens (the CLI saves it as a regression case). */
  readonly onFailure?: (failure: Failure) => void;
}

const KEPT_FAILURES = 20;

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return String(error).slice(0, 300);
}

/**
 * Runs one input; a failure or undefined. Time is the process's CPU time (user + system) over the
 * run, so that other work on a shared machine does not make an input look slow; it includes the
 * garbage collector's threads, so it may exceed the wall-clock time.
 */
export async function runOne<T>(
  prepared: PreparedTarget<T>,
  input: T,
  slowMs: number,
): Promise<{ ms: number; failure?: Failure }> {
  const start = process.cpuUsage();
  let crash: string | undefined;
  try {
    await prepared.run(input);
  } catch (error) {
    crash = describeError(error);
  }
  const used = process.cpuUsage(start);
  const ms = (used.user + used.system) / 1000;
  if (crash !== undefined) {
    return { ms, failure: { kind: 'crash', message: crash, ms, stored: prepared.encode(input) } };
  }
  if (ms > slowMs) {
    return {
      ms,
      failure: { kind: 'slow', message: `took ${ms.toFixed(0)} ms`, ms, stored: prepared.encode(input) },
    };
  }
  return { ms };
}

export async function runTarget<T>(
  name: string,
  prepared: PreparedTarget<T>,
  options: RunOptions,
): Promise<TargetReport> {
  const batch = options.batch ?? 50;
  let crashes = 0;
  let slowInputs = 0;
  let slowestMs = 0;
  let inputs = 0;
  const failures: Failure[] = [];
  const started = performance.now();
  for (let done = 0; done < options.runs; done += batch) {
    const count = Math.min(batch, options.runs - done);
    const drawn = fc.sample(prepared.arbitrary, { numRuns: count, seed: options.seed + done });
    for (const input of drawn) {
      const { ms, failure } = await runOne(prepared, input, options.slowMs);
      inputs += 1;
      slowestMs = Math.max(slowestMs, ms);
      if (failure === undefined) continue;
      if (failure.kind === 'crash') crashes += 1;
      else slowInputs += 1;
      if (failures.length < KEPT_FAILURES) failures.push(failure);
      options.onFailure?.(failure);
    }
  }
  return {
    target: name,
    inputs,
    crashes,
    slowInputs,
    slowestMs,
    totalMs: performance.now() - started,
    failures,
  };
}

export function formatReport(reports: readonly TargetReport[], slowMs: number): string {
  const rows = reports.map(
    (r) =>
      `${r.target.padEnd(10)} ${String(r.inputs).padStart(8)} inputs  ${String(r.crashes).padStart(3)} crashes  ` +
      `slowest ${r.slowestMs.toFixed(1).padStart(7)} ms  ${String(r.slowInputs).padStart(3)} over ${slowMs} ms  ` +
      `(${(r.totalMs / 1000).toFixed(1)} s)`,
  );
  const failures = reports.flatMap((r) => r.failures.map((f) => `  ${r.target} ${f.kind}: ${f.message}`));
  return [...rows, ...failures].join('\n');
}

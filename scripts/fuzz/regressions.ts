/**
 * Inputs that once failed a fuzz target, kept as regression cases: one JSON file per input in
 * test/fuzz-regressions/<target>/, replayed by scripts/fuzz/fuzz.test.ts. Inputs are synthetic
 * (generated), never patient data.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Failure } from './harness.ts';

export const REGRESSIONS_DIR = join(import.meta.dirname, '..', '..', 'test', 'fuzz-regressions');

export interface RegressionCase {
  readonly target: string;
  readonly kind: Failure['kind'];
  /** What happened when it was found (the error or the time). */
  readonly found: string;
  readonly input: unknown;
}

/** Saves a failing input under a name derived from its content; returns the file written. */
export function saveRegression(target: string, failure: Failure, dir = REGRESSIONS_DIR): string {
  const body: RegressionCase = { target, kind: failure.kind, found: failure.message, input: failure.stored };
  const text = `${JSON.stringify(body, null, 1)}\n`;
  const name = `${failure.kind}-${createHash('sha256').update(text).digest('hex').slice(0, 12)}.json`;
  const folder = join(dir, target);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, name);
  writeFileSync(file, text);
  return file;
}

export function loadRegressions(
  target: string,
  dir = REGRESSIONS_DIR,
): { file: string; case: RegressionCase }[] {
  const folder = join(dir, target);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, case: JSON.parse(readFileSync(join(folder, f), 'utf8')) as RegressionCase }));
}

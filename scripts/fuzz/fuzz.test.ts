/**
 * The short fuzz run inside `npm test` (issue 15): a few thousand inputs per target (FUZZ_TEST_RUNS),
 * with a fixed seed (FUZZ_SEED to change it), and every kept regression case replayed. The full
 * run is `npm run fuzz` (100 000 per target).
 */
import { describe, expect, it } from 'vitest';
import { runOne, runTarget } from './harness.ts';
import { loadRegressions } from './regressions.ts';
import { TARGETS } from './targets/index.ts';

const RUNS = Number(process.env['FUZZ_TEST_RUNS'] ?? 2000);
const SEED = Number(process.env['FUZZ_SEED'] ?? 15);
const SLOW_MS = 1000;

describe.each(TARGETS.map((t) => [t.name, t] as const))('fuzz %s', (_name, target) => {
  it(`HZ-13 ${RUNS} generated inputs: no crash, none over ${SLOW_MS} ms of CPU`, async () => {
    const report = await runTarget(target.name, await target.prepare(), {
      runs: RUNS,
      seed: SEED,
      slowMs: SLOW_MS,
    });
    const failures = report.failures.map((f) => `${f.kind}: ${f.message}`);
    expect(failures).toEqual([]);
    expect(report.inputs).toBe(RUNS);
  }, 600_000);

  it('HZ-13 replays every kept regression case without a crash or a slow input', async () => {
    const prepared = await target.prepare();
    for (const { file, case: kept } of loadRegressions(target.name)) {
      const { failure } = await runOne(prepared, prepared.decode(kept.input), SLOW_MS);
      expect(failure === undefined ? 'ok' : `${failure.kind}: ${failure.message}`, file).toBe('ok');
    }
  }, 120_000);
});

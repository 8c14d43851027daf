/**
 * `npm run fuzz [-- --runs N] [--target NAME…] [--seed S] [--no-save]`: fuzzes every parser that
 * reads hostile input (docs/threat-model.md, "Fuzzing"), 100 000 inputs per target by default
 * (FUZZ_RUNS overrides). Prints per target: inputs, crashes, slowest input, inputs over 1 s of
 * CPU time; saves each failing input under test/fuzz-regressions/<target>/; exits 1 on any.
 */
import { parseArgs } from 'node:util';
import { formatReport, runTarget, type TargetReport } from './harness.ts';
import { saveRegression } from './regressions.ts';
import { TARGETS } from './targets/index.ts';

const SLOW_MS = 1000;

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    target: { type: 'string', multiple: true },
    seed: { type: 'string' },
    'no-save': { type: 'boolean', default: false },
  },
});

const runs = Number(values.runs ?? process.env['FUZZ_RUNS'] ?? 100_000);
const seed = Number(values.seed ?? process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);
const chosen = values.target === undefined ? TARGETS : TARGETS.filter((t) => values.target?.includes(t.name));
if (!Number.isSafeInteger(runs) || runs < 1 || chosen.length === 0) {
  console.error(
    `usage: npm run fuzz -- [--runs N] [--seed S] [--target ${TARGETS.map((t) => t.name).join('|')}]…`,
  );
  process.exit(2);
}

console.log(`fuzz: ${runs} inputs per target, seed ${seed}, slow = over ${SLOW_MS} ms of CPU time`);
const reports: TargetReport[] = [];
for (const target of chosen) {
  const prepared = await target.prepare();
  const report = await runTarget(target.name, prepared, {
    runs,
    seed,
    slowMs: SLOW_MS,
    onFailure: (failure) => {
      if (values['no-save'] !== true) console.log(`  saved ${saveRegression(target.name, failure)}`);
    },
  });
  console.log(formatReport([report], SLOW_MS).split('\n')[0]);
  reports.push(report);
}
console.log(`\n${formatReport(reports, SLOW_MS)}`);
const failed = reports.some((r) => r.crashes > 0 || r.slowInputs > 0);
process.exit(failed ? 1 : 0);

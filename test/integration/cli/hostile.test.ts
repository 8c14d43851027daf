import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatientCode } from '../../../appliance/record/code/patient-code.ts';
import { devPki, runCli, tempDir } from './harness.ts';
import { hostileCases, type HostileCase } from './hostile-cases.ts';

const tmp = tempDir('hostile');
const durations: { name: string; ms: number }[] = [];
let cases: HostileCase[] = [];
let code: PatientCode;

beforeAll(async () => {
  ({ cases, code } = await hostileCases(await devPki()));
}, 120_000);
afterAll(() => {
  const slowest = [...durations].sort((a, b) => b.ms - a.ms).slice(0, 3);
  console.info(
    `hostile corpus: ${durations.length} cases; slowest ${slowest.map((d) => `${d.name} ${d.ms.toFixed(0)} ms`).join(', ')}`,
  );
  tmp.remove();
});

describe('HZ-13 hostile keys end in a clear exit 2/3/4, never a crash or a hang', () => {
  it('the corpus has at least 50 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  // One test per case would need the corpus at collection time; cases are built in beforeAll, so
  // this loop runs them in one test with a per-case bound (a hang fails the case, not the suite).
  it('every case', async () => {
    const failures: string[] = [];
    for (const [i, c] of cases.entries()) {
      const file = path.join(tmp.dir, `case-${i}.img`);
      fs.writeFileSync(file, c.bytes);
      const started = performance.now();
      const run = await Promise.race([
        runCli(['key', 'read', '--dev', '--in', file, '--code', c.code ?? code]),
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref()),
      ]);
      durations.push({ name: c.name, ms: performance.now() - started });
      const inspect = await runCli(['key', 'inspect', '--in', file]);
      fs.rmSync(file);
      if (run === 'timeout') {
        failures.push(`${c.name}: no answer within 10 s`);
        continue;
      }
      const lines = run.stderr.trimEnd().split('\n');
      if (run.exitCode !== c.exit)
        failures.push(`${c.name}: exit ${run.exitCode}, expected ${c.exit} (${run.stderr.trim()})`);
      else if (!c.message.test(run.stderr))
        failures.push(`${c.name}: message "${run.stderr.trim()}" does not match ${c.message}`);
      else if (run.exitCode !== 4 && (run.stdout !== '' || lines.length !== 1))
        failures.push(`${c.name}: not one clear line`);
      if (![0, 2].includes(inspect.exitCode)) failures.push(`${c.name}: inspect exit ${inspect.exitCode}`);
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

/**
 * `npm run hazards`: lists every hazard of docs/clinical-safety.md with its mitigations and the
 * tests that cite it; exits 1 when a mitigated hazard has no test or a test cites an unknown id.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHazardLog } from './hazards/log.ts';
import { findCitations, type Citation } from './hazards/citations.ts';
import { formatReport, traceability } from './hazards/report.ts';

const TEST_FILE = /\.(test|spec)\.ts$/;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', '.dev', 'test-results', 'playwright-report']);

function* testFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      const child = join(dir, entry.name);
      if (!SKIP_DIRS.has(entry.name) && !child.endsWith('image/out')) yield* testFiles(child);
    } else if (TEST_FILE.test(entry.name)) {
      yield join(dir, entry.name);
    }
  }
}

export function runHazards(
  root: string,
  logPath = join(root, 'docs/clinical-safety.md'),
): { text: string; ok: boolean } {
  const { hazards, problems } = parseHazardLog(readFileSync(logPath, 'utf8'));
  const citations: Citation[] = [];
  for (const file of testFiles(root)) {
    citations.push(...findCitations(relative(root, file), readFileSync(file, 'utf8')));
  }
  const report = traceability(hazards, citations);
  const failures = [...problems.map((p) => `${p.id}: ${p.problem}`), ...report.failures];
  const text = formatReport({ rows: report.rows, failures });
  return { text, ok: failures.length === 0 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
  const { text, ok } = runHazards(root);
  console.log(text);
  process.exitCode = ok ? 0 : 1;
}

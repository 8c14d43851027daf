/**
 * The one build (`npm run build`: server, dev kiosk, CLI and scripts compiled to dist/, and the UI)
 * that `npm start`, the `baladeur` bin and the image run. Areas that measure the compiled code call
 * `ensureBuilt()` first; the build runs once per bench, so the figures are for the checked-out code.
 * BENCH_SKIP_BUILD=1 measures dist/ as it is (e.g. while the tree does not type-check).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '..', '..');
export const DIST = path.join(REPO, 'dist');

let built = false;

export function ensureBuilt(): void {
  if (built || process.env.BENCH_SKIP_BUILD === '1') return;
  process.stderr.write('bench: npm run build…\n');
  // stdout to our stderr: the bench's stdout is the table and the JSON line only.
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: ['ignore', 2, 2] });
  built = true;
}

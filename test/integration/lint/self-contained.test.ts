/**
 * The repository stands alone (issue 14): no tracked file names a path outside it — not a
 * sibling folder of the checkout, not a machine's absolute paths — and no
 * relative import leaves it. A clone in an empty folder has everything the product, its demo,
 * its tests and its bench need (the IPS fixtures are in test/fixtures/ips).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' })
  .split('\0')
  .filter(Boolean);
const TEXT =
  /\.(ts|mts|js|mjs|cjs|svelte|json|sh|md|service|path|conf|rules|html|css|yml|yaml)$|(^|\/)(run|Makefile)$|^image\/rootfs\/usr\/local\/lib\//;
/** Data files shipped as they were published (the BDPM release, the IPS bundles) are not code. */
const DATA = /^(appliance\/crosscheck\/data\/|test\/fixtures\/ips\/)/;
const files = tracked.filter((f) => TEXT.test(f) && !DATA.test(f) && f !== 'package-lock.json');
const THIS = path.relative(REPO, import.meta.filename);

/** What a path outside the repository looks like on the machines it was built on. */
const OUTSIDE = [/\.\.\/shared\b/, /(?<![\w.-])\/work\//, /\/home\/(?!kiosk\b)[a-z]/, /\/root\//];

describe('the repository stands alone', () => {
  it('reads the tracked files', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(tracked).toContain('test/fixtures/ips/LICENSE');
    expect(tracked.filter((f) => /^test\/fixtures\/ips\/.*\.json$/.test(f))).toHaveLength(10);
  });

  it('no tracked file names a path outside the repository', () => {
    const offenders = files
      .filter((f) => f !== THIS)
      .flatMap((f) =>
        readFileSync(path.join(REPO, f), 'utf8')
          .split('\n')
          .flatMap((line, i) =>
            OUTSIDE.some((re) => re.test(line)) ? [`${f}:${i + 1}: ${line.trim()}`] : [],
          ),
      );
    expect(offenders).toEqual([]);
  });

  it('no relative import of a tracked source file leaves the repository', () => {
    const spec = /(?:from\s+|import\(\s*|new URL\(\s*)(['"])(\.{1,2}\/[^'"]+)\1/g;
    const offenders: string[] = [];
    for (const f of files.filter((x) => /\.(ts|mts|js|mjs|svelte)$/.test(x))) {
      for (const m of readFileSync(path.join(REPO, f), 'utf8').matchAll(spec)) {
        const target = path.resolve(REPO, path.dirname(f), m[2] as string);
        if (path.relative(REPO, target).startsWith('..')) offenders.push(`${f}: ${m[2]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('test helpers beside product code have one name: *.testing.ts (no test-util files, no testing/ folders)', () => {
    const offenders = tracked.filter(
      (f) => f.startsWith('appliance/') && /\.test-util\.|\/testing\/|\.spec\.ts$/.test(f),
    );
    expect(offenders).toEqual([]);
  });
});

/**
 * The image's staged app holds no development or test code (issue 14, issue 20): no simulators,
 * dock or dev PKI, no TypeScript sources, no test files, and a page built without the dev dock.
 * Runs the real staging script (without copying node_modules).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '..');
let dest = '';
let files: string[] = [];

function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(full).isDirectory() ? walk(full, rel) : [rel];
  });
}

beforeAll(() => {
  dest = path.join(mkdtempSync(path.join(tmpdir(), 'baladeur-stage-')), 'app');
  execFileSync('bash', [path.join(REPO, 'image', 'stage-app.sh'), dest], {
    env: { ...process.env, STAGE_WITHOUT_NODE_MODULES: '1' },
    stdio: 'pipe',
  });
  files = walk(dest);
}, 180_000);

afterAll(() => rmSync(path.dirname(dest), { recursive: true, force: true }));

describe('the staged app (image/stage-app.sh)', () => {
  it('holds the bundled server, the CLI, the page and the drug reference', () => {
    expect(files).toContain('dist/server/server.js');
    expect(files).toContain('dist/server/worker.js');
    expect(files).toContain('dist/cli/main.js');
    // baladeur-usbguard-site.service runs it from the compiled tree.
    expect(files).toContain('dist/appliance/server/config/usbguard-site-rules-cli.js');
    // The unit runs the bundle, the bin the bundled CLI: not the compiled entry points.
    expect(files).not.toContain('dist/appliance/server/main.js');
    expect(files.filter((f) => f.startsWith('dist/scripts/'))).toEqual([]);
    expect(files).toContain('appliance/ui/dist/index.html');
    expect(files.some((f) => f.startsWith('appliance/crosscheck/data/bdpm-index/'))).toBe(true);
  });

  it('holds no development code: no dev part, simulators, dock or dev PKI', () => {
    expect(files.filter((f) => f.startsWith('dist/appliance/dev/'))).toEqual([]);
    const devNames = /dev-pki|virtual-card|virtual-printer|simulat|demo-keys|memory-(smartcard|printer)/;
    expect(files.filter((f) => devNames.test(f))).toEqual([]);
    const server = files.filter((f) => f.startsWith('dist/server/'));
    expect(
      server.filter((f) =>
        /TEST CA - not for production|DevDock|virtual-card/.test(readFileSync(path.join(dest, f), 'utf8')),
      ),
    ).toEqual([]);
    const cli = files.filter((f) => f.startsWith('dist/cli/'));
    expect(
      cli.filter((f) => /TEST CA - not for production/.test(readFileSync(path.join(dest, f), 'utf8'))),
    ).toEqual([]);
  });

  it('holds no sources or tests: no .ts, no *.test.*, no testing helpers, no fixtures', () => {
    expect(files.filter((f) => /\.ts$|\.test\.|\.testing\.|\/testing\/|fixtures/.test(f))).toEqual([]);
  });

  it('the page has no dev dock code', () => {
    const assets = files.filter((f) => f.startsWith('appliance/ui/dist/assets/') && f.endsWith('.js'));
    expect(assets.some((f) => /DevDock/.test(f))).toBe(false);
    for (const f of assets)
      expect(readFileSync(path.join(dest, f), 'utf8')).not.toMatch(/\/dev\/card\/insert/);
  });

  it('no shipped module imports the dev part', () => {
    const js = files.filter((f) => f.endsWith('.js') && f.startsWith('dist/'));
    const offenders = js.filter((f) =>
      /from ["'][^"']*\/dev\/[^"']*["']/.test(readFileSync(path.join(dest, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});

import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_DIR, readFixture, tempDir } from './harness.ts';

const BIN = path.resolve(import.meta.dirname, '../../../scripts/baladeur.mjs');
const tmp = tempDir('bin');
afterAll(() => tmp.remove());

function baladeur(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { timeout: 60_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, BALADEUR_P2C: '1000' } },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
          stdout,
          stderr,
        });
      },
    );
  });
}

/** Every module URL the process resolves, reported on stderr by a module-resolution hook. */
const RESOLVE_HOOK =
  'export async function resolve(s, c, next) { const r = await next(s, c); ' +
  'process.stderr.write("resolved " + r.url + String.fromCharCode(10)); return r; }';
const RESOLVE_TRACE = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(RESOLVE_HOOK)}`)});`,
)}`;

describe('the baladeur binary (scripts/baladeur.mjs)', () => {
  it('--help loads the command table only: no command module, crypto, FAT or printer code', async () => {
    const run = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(process.execPath, ['--import', RESOLVE_TRACE, BIN, '--help'], (error, stdout, stderr) =>
        error === null ? resolve({ stdout, stderr }) : reject(error),
      );
    });
    expect(run.stdout).toMatch(/baladeur key read/u);
    const resolved = run.stderr
      .split('\n')
      .filter((line) => line.startsWith('resolved '))
      .map((line) => line.slice('resolved '.length));
    expect(resolved.some((url) => url.endsWith('/dist/cli/main.js'))).toBe(true);
    const loaded = resolved.filter(
      (url) => !url.startsWith('node:') && !url.endsWith('/scripts/baladeur.mjs'),
    );
    // main.js and the exit codes (command.ts) only.
    expect(
      loaded.map((url) => path.basename(url)).filter((name) => !/^(main|command-[\w-]+)\.js$/u.test(name)),
    ).toEqual([]);
  });

  it('runs as a separate process: create, read, wrong code (exit 3)', async () => {
    const image = path.join(tmp.dir, 'key.img');
    const fixture = 'DE_no_info_with_Advance_Directive.json';
    const created = await baladeur([
      'key',
      'create',
      '--dev',
      '--ips',
      path.join(FIXTURE_DIR, fixture),
      '--out',
      image,
    ]);
    expect(created.code, created.stderr).toBe(0);
    const code = created.stdout.trim();

    const read = await baladeur(['key', 'read', '--dev', '--in', image, '--code', code]);
    expect(read.code, read.stderr).toBe(0);
    expect(JSON.parse(read.stdout)).toEqual(readFixture(fixture));

    const wrong = await baladeur(['key', 'read', '--dev', '--in', image, '--code', '0000-0000-0000-0000']);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
  }, 120_000);
});

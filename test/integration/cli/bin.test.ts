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

describe('the baladeur binary (scripts/baladeur.mjs)', () => {
  it('runs as a separate process: create, read, wrong code (exit 3)', async () => {
    const image = path.join(tmp.dir, 'key.img');
    const fixture = 'DE_no_info_with_Advance_Directive.json';
    const created = await baladeur([
      'key',
      'create',
      '--ips',
      path.join(FIXTURE_DIR, fixture),
      '--out',
      image,
    ]);
    expect(created.code, created.stderr).toBe(0);
    const code = created.stdout.trim();

    const read = await baladeur(['key', 'read', '--in', image, '--code', code]);
    expect(read.code, read.stderr).toBe(0);
    expect(JSON.parse(read.stdout)).toEqual(readFixture(fixture));

    const wrong = await baladeur(['key', 'read', '--in', image, '--code', '0000-0000-0000-0000']);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
  }, 120_000);
});

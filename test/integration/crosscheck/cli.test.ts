import path from 'node:path';
import { ipsFixturesDir } from '../../../appliance/dev/fixtures.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crosscheckCommand } from '../../../scripts/cli/crosscheck.ts';
import { main } from '../../../scripts/cli/main.ts';

const CODE = 'ABCD-EFGH-JKMN-PQR';
let dir: string;
let image: string;

function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: (t: string) => void (out.stdout += t),
      stderr: (t: string) => void (out.stderr += t),
      env: process.env,
    },
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baladeur-crosscheck-cli-'));
  image = join(dir, 'key.img');
  // IPS IG minimal example: penicillin allergy (SNOMED 373270004), anastrozole.
  const created = io();
  const code = await main(
    [
      'key',
      'create',
      '--dev',
      '--ips',
      path.join(ipsFixturesDir(), 'IPS_IG_bundle-minimal.json'),
      '--out',
      image,
      '--p2c',
      '1000',
    ],
    created.io,
  );
  if (code !== 0) throw new Error(created.out.stderr);
  (globalThis as { __code?: string }).__code = created.out.stdout.trim().split('\n').pop() ?? CODE;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('baladeur crosscheck', () => {
  it('HZ-08 prints the findings as JSON and exits 0', async () => {
    const code = (globalThis as { __code?: string }).__code as string;
    const run = io();
    const exit = await crosscheckCommand.run(
      {
        in: image,
        dev: true,
        code,
        scan: ['0103400931587538172812311012345\u001d21SER', '3400949497294', '3400935955838'],
      } as never,
      run.io,
    );
    expect(exit).toBe(0);
    const out = JSON.parse(run.out.stdout) as {
      findings: { box: string; severity: string; kind: string; reason: string }[];
      boxes: { box: string; status: string }[];
      notices: string[];
    };
    // CLAMOXYL against the penicillin allergy; anastrozole (already taken) is a duplicate; DOLIPRANE is clear.
    expect(out.findings.map((f) => `${f.box}:${f.kind}:${f.severity}`)).toEqual([
      'box-1:allergy:high',
      'box-2:duplicate:moderate',
    ]);
    expect(out.boxes.map((b) => b.status)).toEqual(['red', 'amber', 'green']);
    expect(out.notices[0]).toContain("does not replace the pharmacist's judgement");
  }, 60_000);

  it('refuses an unreadable scan with exit 2', async () => {
    const code = (globalThis as { __code?: string }).__code as string;
    const run = io();
    await expect(
      crosscheckCommand.run({ in: image, dev: true, code, scan: ['3400931587539'] } as never, run.io),
    ).rejects.toThrow(/--scan #1: not a readable drug code \(bad_check_digit\)/);
  });
});

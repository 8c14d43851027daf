/**
 * Issue 20: the CLI trusts the development CA, and uses the development keys, only when asked
 * (`--dev`), and never writes a PKI on its own. Without --trust (or the keys) and without --dev,
 * a clear error names both options.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DIR, devPki, readFixture, runCli, tempDir } from './harness.ts';

const FIXTURE = path.join(FIXTURE_DIR, 'IPS_IG_bundle-minimal.json');
const tmp = tempDir('dev-option');
const image = path.join(tmp.dir, 'key.img');
let code = '';

beforeAll(async () => {
  const created = await runCli(['key', 'create', '--dev', '--ips', FIXTURE, '--out', image]);
  expect(created.exitCode, created.stderr).toBe(0);
  code = created.stdout.trim();
});
afterAll(() => tmp.remove());

/** One line on stderr, exit 2 (unusable input), nothing on stdout. */
function expectRefused(run: { exitCode: number; stdout: string; stderr: string }, ...mentions: string[]) {
  expect(run.exitCode).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  for (const option of mentions) expect(run.stderr).toContain(option);
}

describe('--dev: the development PKI only when asked', () => {
  it('HZ-04 key read without --trust and without --dev is refused, naming both options', async () => {
    const run = await runCli(['key', 'read', '--in', image, '--code', code]);
    expectRefused(run, '--trust <pem>', '--dev');
    expect(run.stderr).toBe(
      'baladeur key read: no trust anchors: give --trust <pem> (the certificate authorities whose signers you trust), or --dev to trust the development test CA\n',
    );
  });

  it('key read with --trust needs no --dev; with --dev it trusts the development test CA', async () => {
    const pki = await devPki();
    const trusted = await runCli([
      'key',
      'read',
      '--in',
      image,
      '--code',
      code,
      '--trust',
      pki.testCa.certPath,
    ]);
    expect(trusted.exitCode, trusted.stderr).toBe(0);
    expect(JSON.parse(trusted.stdout)).toEqual(readFixture('IPS_IG_bundle-minimal.json'));
    const dev = await runCli(['key', 'read', '--in', image, '--code', code, '--dev']);
    expect(dev.exitCode, dev.stderr).toBe(0);
    expect(dev.stdout).toBe(trusted.stdout);
  });

  it('break-glass without --keyring and without --dev is refused, naming both options', async () => {
    const pki = await devPki();
    const run = await runCli(['key', 'read', '--in', image, '--emergency', '--trust', pki.testCa.certPath]);
    expectRefused(run, '--keyring <jwks>', '--dev');
    const keyring = await runCli([
      'key',
      'read',
      '--in',
      image,
      '--emergency',
      '--trust',
      pki.testCa.certPath,
      '--keyring',
      pki.emergency.privateJwkPath,
    ]);
    expect(keyring.exitCode, keyring.stderr).toBe(0);
  });

  it('key create without the signer or the emergency keys and without --dev is refused, and writes nothing', async () => {
    const pki = await devPki();
    const out = path.join(tmp.dir, 'never.img');
    expectRefused(
      await runCli(['key', 'create', '--ips', FIXTURE, '--out', out]),
      '--signer-key <pem>',
      '--signer-cert <pem>',
      '--dev',
    );
    expectRefused(
      await runCli([
        'key',
        'create',
        '--ips',
        FIXTURE,
        '--out',
        out,
        '--signer-key',
        pki.people.doctor.keyPath,
        '--signer-cert',
        pki.people.doctor.certPath,
      ]),
      '--emergency-keys <jwks>',
      '--dev',
    );
    expect(fs.existsSync(out)).toBe(false);
    const explicit = await runCli([
      'key',
      'create',
      '--ips',
      FIXTURE,
      '--out',
      out,
      '--signer-key',
      pki.people.doctor.keyPath,
      '--signer-cert',
      pki.people.doctor.certPath,
      '--emergency-keys',
      pki.emergency.keyringPath,
    ]);
    expect(explicit.exitCode, explicit.stderr).toBe(0);
  });

  it('receipt and crosscheck need --trust or --dev as well', async () => {
    const receipt = await runCli([
      'receipt',
      '--in',
      image,
      '--code',
      code,
      '--out',
      path.join(tmp.dir, 'r.bin'),
    ]);
    expectRefused(receipt, '--trust <pem>', '--dev');
    expect(fs.existsSync(path.join(tmp.dir, 'r.bin'))).toBe(false);
    const crosscheck = await runCli(['crosscheck', '--in', image, '--code', code, '--scan', '3400949497294']);
    expectRefused(crosscheck, '--trust <pem>', '--dev');
  });

  it('--dev never creates a PKI: with none there, a clear error says to run npm run setup', async () => {
    const missing = path.join(tmp.dir, 'no-pki');
    const env = { BALADEUR_DEV_PKI: missing };
    const read = await runCli(['key', 'read', '--in', image, '--code', code, '--dev'], env);
    expectRefused(read, `no development PKI in ${missing}`, 'run npm run setup');
    const create = await runCli(
      ['key', 'create', '--dev', '--ips', FIXTURE, '--out', path.join(tmp.dir, 'n.img')],
      env,
    );
    expectRefused(create, 'run npm run setup');
    expect(fs.existsSync(missing)).toBe(false);
    expect(fs.existsSync(path.join(tmp.dir, 'n.img'))).toBe(false);
  });

  it('every command that can use the development PKI documents --dev in its help', async () => {
    for (const command of [['key', 'create'], ['key', 'read'], ['receipt'], ['crosscheck']]) {
      const help = await runCli([...command, '--help']);
      expect(help.stdout, command.join(' ')).toMatch(/^ {2}--dev +use the development PKI/m);
      expect(help.stdout).not.toMatch(/default: (the )?dev/);
    }
  });
});

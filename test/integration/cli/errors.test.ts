import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../../../scripts/cli/main.ts';
import { FIXTURE_DIR, devPki, readFixture, runCli, tempDir } from './harness.ts';

const FIXTURE = path.join(FIXTURE_DIR, 'IPS_IG_bundle-minimal.json');
const tmp = tempDir('errors');
const image = path.join(tmp.dir, 'key.img');
let code = '';

beforeAll(async () => {
  const created = await runCli(['key', 'create', '--dev', '--ips', FIXTURE, '--out', image]);
  expect(created.exitCode, created.stderr).toBe(0);
  code = created.stdout.trim();
});
afterAll(() => tmp.remove());

function typoOf(c: string): string {
  const i = 6;
  return c.slice(0, i) + (c[i] === '7' ? '8' : '7') + c.slice(i + 1);
}

describe('key read: codes', () => {
  it('a wrong code exits 3 with a clear message and prints nothing', async () => {
    const wrong = await runCli(['key', 'read', '--dev', '--in', image, '--code', '0000-0000-0000-0000']);
    expect(wrong.exitCode).toBe(3);
    expect(wrong.stderr).toBe('baladeur key read: the patient code does not open the full tier\n');
    expect(wrong.stdout).toBe('');
  });

  it('a code with a typo is refused by its check character before any key derivation (distinct message)', async () => {
    const subtle = globalThis.crypto.subtle;
    const derive = vi.spyOn(subtle, 'deriveBits');
    try {
      const typo = await runCli(['key', 'read', '--dev', '--in', image, '--code', typoOf(code)]);
      expect(typo.exitCode).toBe(3);
      expect(typo.stderr).toBe(
        'baladeur key read: the patient code has a typo (its check character does not match)\n',
      );
      expect(derive).not.toHaveBeenCalled();
      const wrong = await runCli(['key', 'read', '--dev', '--in', image, '--code', '0000-0000-0000-0000']);
      expect(wrong.exitCode).toBe(3);
      expect(derive).toHaveBeenCalledTimes(1);
      console.info(
        `typo refused in ${typo.ms.toFixed(1)} ms; wrong code (p2c 1000) in ${wrong.ms.toFixed(1)} ms`,
      );
    } finally {
      derive.mockRestore();
    }
  });

  it('the code is accepted in lower case, with spaces, and with O/I/L aliases', async () => {
    const loose = code.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l');
    const run = await runCli(['key', 'read', '--dev', '--in', image, '--code', loose]);
    expect(run.exitCode, run.stderr).toBe(0);
  });
});

describe('key read: tampering and trust', () => {
  it('HZ-04 a flipped byte anywhere in a tier ciphertext or tag gives a clear "damaged" error (exit 2)', async () => {
    const bytes = fs.readFileSync(image);
    const start = bytes.indexOf('{"format":"baladeur-key"');
    const end = bytes.indexOf(' '.repeat(64), start);
    const container = JSON.parse(bytes.subarray(start, end).toString('utf8')) as {
      tiers: { full: { ciphertext: string } };
    };
    const ciphertext = container.tiers.full.ciphertext;
    const ctStart = bytes.indexOf(ciphertext.slice(0, 64), start);
    const tagStart = bytes.indexOf('"tag":"', start) + 7;
    const positions = [
      ctStart,
      ctStart + 1,
      ctStart + Math.floor(ciphertext.length / 2),
      ctStart + ciphertext.length - 2,
      tagStart + 3,
    ];
    for (const at of positions) {
      const altered = Buffer.from(bytes);
      altered[at] = altered[at] === 0x41 ? 0x42 : 0x41;
      const file = path.join(tmp.dir, `flip-${at}.img`);
      fs.writeFileSync(file, altered);
      const run = await runCli(['key', 'read', '--dev', '--in', file, '--code', code]);
      expect(run.exitCode, `flip at ${at - start}`).toBe(2);
      expect(run.stderr).toMatch(/damaged or was altered/u);
      expect(run.stdout).toBe('');
      fs.rmSync(file);
    }
  });

  it('HZ-04 a record re-signed by a certificate outside the trust anchors is untrusted (exit 4, content withheld)', async () => {
    const pki = await devPki();
    const other = path.join(tmp.dir, 'untrusted.img');
    const person = pki.people['nurse-untrusted'];
    const created = await runCli([
      'key',
      'create',
      '--dev',
      '--ips',
      FIXTURE,
      '--out',
      other,
      '--code',
      code,
      '--signer-key',
      person.keyPath,
      '--signer-cert',
      person.certPath,
    ]);
    expect(created.exitCode, created.stderr).toBe(0);
    expect(created.stdout).toBe('');
    const run = await runCli(['key', 'read', '--dev', '--in', other, '--code', code]);
    expect(run.exitCode).toBe(4);
    expect(run.stderr).toMatch(/^signature: UNTRUSTED - "/u);
    expect(run.stdout).toBe('');
    const accepted = await runCli([
      'key',
      'read',
      '--dev',
      '--in',
      other,
      '--code',
      code,
      '--accept-unverified',
    ]);
    expect(accepted.exitCode).toBe(4);
    expect(JSON.parse(accepted.stdout)).toEqual(readFixture('IPS_IG_bundle-minimal.json'));
    const trusting = await runCli([
      'key',
      'read',
      '--dev',
      '--in',
      other,
      '--code',
      code,
      '--trust',
      pki.unknownCa.certPath,
    ]);
    expect(trusting.exitCode, trusting.stderr).toBe(4);
    expect(trusting.stderr).toMatch(/^signature: NOT AUTHORISED - "Emma GIRARD" \(nurse\)/u);
  });

  it.each(['technician', 'pharmacist', 'nurse'] as const)(
    'HZ-21 a record signed by the %s card reads NOT AUTHORISED (exit 4, content withheld)',
    async (profile) => {
      const pki = await devPki();
      const other = path.join(tmp.dir, `${profile}.img`);
      const person = pki.people[profile];
      const created = await runCli([
        'key',
        'create',
        '--dev',
        '--ips',
        FIXTURE,
        '--out',
        other,
        '--code',
        code,
        '--signer-key',
        person.keyPath,
        '--signer-cert',
        person.certPath,
      ]);
      expect(created.exitCode, created.stderr).toBe(0);
      const run = await runCli(['key', 'read', '--dev', '--in', other, '--code', code]);
      expect(run.exitCode).toBe(4);
      expect(run.stderr).toMatch(
        new RegExp(`^signature: NOT AUTHORISED - "${person.name}" \\(${profile}\\)`, 'u'),
      );
      expect(run.stdout).toBe('');
    },
  );

  it('HZ-04 a record signed with an expired certificate reads as expired (exit 4)', async () => {
    const pki = await devPki();
    const other = path.join(tmp.dir, 'expired.img');
    const person = pki.people['nurse-expired'];
    const created = await runCli([
      'key',
      'create',
      '--dev',
      '--ips',
      FIXTURE,
      '--out',
      other,
      '--code',
      code,
      '--signer-key',
      person.keyPath,
      '--signer-cert',
      person.certPath,
    ]);
    expect(created.exitCode, created.stderr).toBe(0);
    const run = await runCli(['key', 'read', '--dev', '--in', other, '--code', code]);
    expect(run.exitCode).toBe(4);
    expect(run.stderr).toMatch(/^signature: EXPIRED - /u);
  });

  it('break-glass with a keyring that holds no recipient key exits 3', async () => {
    const keyring = path.join(tmp.dir, 'keyring.json');
    const { generateKeyPair, exportJWK } = await import('jose');
    const { privateKey } = await generateKeyPair('ECDH-ES+A256KW', { crv: 'P-256', extractable: true });
    fs.writeFileSync(
      keyring,
      JSON.stringify({ keys: [{ ...(await exportJWK(privateKey)), kid: 'emergency-2031' }] }),
    );
    const run = await runCli(['key', 'read', '--dev', '--in', image, '--emergency', '--keyring', keyring]);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(/none of the given keys/u);
  });
});

describe('CLI surface', () => {
  it('key create refuses unusable input with one clear line and exit 2', async () => {
    const pki = await devPki();
    const notJson = path.join(tmp.dir, 'not.json');
    fs.writeFileSync(notJson, 'this is not json');
    const patient = path.join(tmp.dir, 'patient.json');
    fs.writeFileSync(patient, '{"resourceType":"Patient"}');
    const out = path.join(tmp.dir, 'never.img');
    const cases: [string[], RegExp][] = [
      [['--ips', path.join(tmp.dir, 'missing.json')], /--ips .*: no such file/u],
      [['--ips', notJson], /--ips .*: not a valid UTF-8 JSON file/u],
      [['--ips', patient], /--ips .*: the JSON object is not a FHIR Bundle/u],
      [['--ips', FIXTURE, '--code', 'ABCD'], /--code: the patient code must have 16 characters/u],
      [
        ['--ips', FIXTURE, '--signer-key', pki.people.doctor.keyPath],
        /--signer-key and --signer-cert go together/u,
      ],
      [
        [
          '--ips',
          FIXTURE,
          '--signer-key',
          pki.people.nurse.keyPath,
          '--signer-cert',
          pki.people.doctor.certPath,
        ],
        /--signer-cert: the signer certificate does not match/u,
      ],
      [
        ['--ips', FIXTURE, '--emergency-keys', pki.emergency.privateJwkPath],
        /--emergency-keys: emergency keys must be a JWKS/u,
      ],
      [['--ips', FIXTURE, '--p2c', '5'], /--p2c: must be an integer between/u],
      [['--out', out], /missing --ips/u],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(['key', 'create', '--dev', '--out', out, ...args]);
      expect(run.exitCode, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(fs.existsSync(out)).toBe(false);
    }
  });

  it('every command has --help (exit 0) and refuses unknown options (exit 2)', async () => {
    for (const command of COMMANDS) {
      const help = await runCli([...command.path, '--help']);
      expect(help.exitCode).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: baladeur ${command.path.join(' ')}`, 'u'));
      const bad = await runCli([...command.path, '--nope']);
      expect(bad.exitCode).toBe(2);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await runCli(['--help'])).stdout).toMatch(/key create/u);
    expect((await runCli(['key', '--help'])).exitCode).toBe(0);
    expect((await runCli(['frobnicate'])).exitCode).toBe(2);
  });

  it('key log reads the (empty) access log with the code; a wrong code exits 3', async () => {
    const log = await runCli(['key', 'log', '--in', image, '--code', code]);
    expect(log.exitCode, log.stderr).toBe(0);
    expect(JSON.parse(log.stdout)).toEqual([]);
    expect((await runCli(['key', 'log', '--in', image, '--code', '0000-0000-0000-0000'])).exitCode).toBe(3);
  });

  it('create writes into an existing image (update) and the new record replaces the old', async () => {
    const run = await runCli([
      'key',
      'create',
      '--dev',
      '--ips',
      path.join(FIXTURE_DIR, 'NZ_Peter_Jordan_AAA1234.json'),
      '--out',
      image,
      '--code',
      code,
    ]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^updated /u);
    const read = await runCli(['key', 'read', '--dev', '--in', image, '--code', code]);
    expect(JSON.parse(read.stdout)).toEqual(readFixture('NZ_Peter_Jordan_AAA1234.json'));
  });

  it('with the calibrated default PBES2 count, the key says p2c 600000 and opens', async () => {
    const slow = path.join(tmp.dir, 'default-p2c.img');
    const created = await runCli(
      ['key', 'create', '--dev', '--ips', FIXTURE, '--out', slow, '--code', code],
      {
        BALADEUR_P2C: undefined,
      },
    );
    expect(created.exitCode, created.stderr).toBe(0);
    const info = JSON.parse((await runCli(['key', 'inspect', '--in', slow])).stdout) as {
      tiers: { full: { recipients: { p2c: number }[] } };
    };
    expect(info.tiers.full.recipients[0]?.p2c).toBe(600_000);
    const read = await runCli(['key', 'read', '--dev', '--in', slow, '--code', code]);
    expect(read.exitCode, read.stderr).toBe(0);
    console.info(`default p2c: create ${created.ms.toFixed(0)} ms, read ${read.ms.toFixed(0)} ms`);
  });
});

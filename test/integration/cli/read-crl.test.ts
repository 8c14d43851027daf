/** `baladeur key read --crl FILE… --stale-crl`: the signer's card judged at the record's signing time (HZ-27). */
import fs from 'node:fs';
import path from 'node:path';
import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as x509 from '../../../appliance/common/x509.ts';
import { FIXTURE_DIR, devPki, runCli, tempDir } from './harness.ts';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
const tmp = tempDir('read-crl');
afterAll(() => tmp.remove());
const image = path.join(tmp.dir, 'key.img');
let code = '';
let ca: x509.X509Certificate;
let caKey: CryptoKey;
let serials: string[] = [];

beforeAll(async () => {
  const pki = await devPki();
  ca = new x509.X509Certificate(pki.testCa.certPem);
  const der = x509.PemConverter.decode(pki.testCa.keyPem)[0] as ArrayBuffer;
  caKey = await webcrypto.subtle.importKey('pkcs8', der, EC, false, ['sign']);
  const doctor = pki.people.doctor;
  serials = [doctor.certPem, ...(doctor.signing ? [doctor.signing.certPem] : [])].map(
    (pem) => new x509.X509Certificate(pem).serialNumber,
  );
  const fixture = path.join(FIXTURE_DIR, 'IPS_IG_bundle-minimal.json');
  const created = await runCli(['key', 'create', '--dev', '--ips', fixture, '--out', image]);
  expect(created.exitCode, created.stderr).toBe(0);
  code = created.stdout.trim();
});

async function crlFile(name: string, revokedAt: Date | undefined, nextUpdate = new Date(Date.now() + DAY)) {
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.subjectName,
    thisUpdate: new Date(Date.now() - 2 * DAY),
    nextUpdate,
    entries:
      revokedAt === undefined
        ? []
        : serials.map((serialNumber) => ({ serialNumber, revocationDate: revokedAt })),
    signingKey: caKey,
    signingAlgorithm: EC,
  });
  const file = path.join(tmp.dir, name);
  fs.writeFileSync(file, crl.toString('pem'));
  return file;
}

const read = (...extra: string[]) =>
  runCli(['key', 'read', '--dev', '--in', image, '--code', code, ...extra]);

describe('key read --crl', () => {
  it('HZ-27 the dev doctor revoked before the record was signed: REVOKED, exit 4, content withheld', async () => {
    const run = await read('--crl', await crlFile('before.crl', new Date(Date.now() - DAY)));
    expect(run.exitCode).toBe(4);
    expect(run.stderr).toMatch(/signature: REVOKED/);
    expect(run.stdout).toBe('');
  });

  it('HZ-27 revoked after signing: valid, exit 0, and said', async () => {
    const run = await read('--crl', await crlFile('after.crl', new Date(Date.now() + 60_000)));
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/revoked since signing/);
  });

  it('HZ-27 a stale CRL: --stale-crl refuse exits 4 (revocation unknown), warn reads valid with a note', async () => {
    const stale = await crlFile('stale.crl', undefined, new Date(Date.now() - DAY));
    const refused = await read('--crl', stale, '--stale-crl', 'refuse');
    expect(refused.exitCode).toBe(4);
    expect(refused.stderr).toMatch(/REVOCATION UNKNOWN/);
    const warned = await read('--crl', stale);
    expect(warned.exitCode, warned.stderr).toBe(0);
    expect(warned.stderr).toMatch(/revocation not checked/);
  });

  it('a file that is not a CRL, or a bad policy, is unusable input (exit 2)', async () => {
    const bogus = path.join(tmp.dir, 'bogus.crl');
    fs.writeFileSync(bogus, 'not a crl');
    expect((await read('--crl', bogus)).exitCode).toBe(2);
    expect((await read('--stale-crl', 'sometimes')).exitCode).toBe(2);
  });
});

describe('key update --crl', () => {
  it('HZ-27 a signer the CRL lists signs nothing: exit 2, the key unchanged', async () => {
    const before = fs.readFileSync(image);
    const fixture = path.join(FIXTURE_DIR, 'IPS_IG_bundle-minimal.json');
    const crl = await crlFile('update.crl', new Date(Date.now() - DAY));
    const run = await runCli([
      'key',
      'update',
      '--dev',
      '--in',
      image,
      '--code',
      code,
      '--ips',
      fixture,
      '--crl',
      crl,
    ]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/revoked on .*nothing written/);
    expect(fs.readFileSync(image).equals(before)).toBe(true);
  });
});

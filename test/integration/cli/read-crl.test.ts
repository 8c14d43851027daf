/** `baladeur key read --crl FILE… --stale-crl`: the signer's card judged at the record's signing time (HZ-27). */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as x509 from '../../../appliance/common/x509.ts';
import type { DevPki } from '../../../appliance/dev/pki/dev-pki.ts';
import { createDevKey, keyUpdate, MINIMAL_FIXTURE, testCaCrl } from './cli-setup.testing.ts';
import { devPki, runCli, tempDir } from './harness.ts';

const DAY = 86_400_000;
const tmp = tempDir('read-crl');
afterAll(() => tmp.remove());
const image = path.join(tmp.dir, 'key.img');
let code = '';
let pki: DevPki;
let serials: string[] = [];

beforeAll(async () => {
  pki = await devPki();
  const doctor = pki.people.doctor;
  serials = [doctor.certPem, ...(doctor.signing ? [doctor.signing.certPem] : [])].map(
    (pem) => new x509.X509Certificate(pem).serialNumber,
  );
  code = (await createDevKey(image)).code;
});

async function crlFile(name: string, revokedAt: Date | undefined, nextUpdate = new Date(Date.now() + DAY)) {
  const crl = await testCaCrl(pki, {
    thisUpdate: new Date(Date.now() - 2 * DAY),
    nextUpdate,
    revoked: revokedAt === undefined ? undefined : { serials, at: revokedAt },
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
    const crl = await crlFile('update.crl', new Date(Date.now() - DAY));
    const run = await keyUpdate(image, code, MINIMAL_FIXTURE, '--crl', crl);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/revoked on .*nothing written/);
    expect(fs.readFileSync(image).equals(before)).toBe(true);
  });
});

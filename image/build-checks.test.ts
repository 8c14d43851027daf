/**
 * The image build refuses an unsafe production image (issue 20): runs only the checks that
 * image/build.sh sources before building anything (image/build-checks.sh), with different envs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHECKS = path.join(import.meta.dirname, 'build-checks.sh');
let dir = '';
const files = {
  siteCa: '',
  devCa: '',
  sbKey: '',
  sbCert: '',
  notPem: '',
  otherKey: '',
  ecCert: '',
  devSbCert: '',
};

/** A self-signed certificate (openssl), and its private key (P-256, or RSA-2048 as Secure Boot needs). */
function selfSigned(
  name: string,
  subject: string,
  algorithm: 'ec' | 'rsa' = 'ec',
): { cert: string; key: string } {
  const cert = path.join(dir, `${name}.crt.pem`);
  const key = path.join(dir, `${name}.key.pem`);
  const keyArgs = algorithm === 'rsa' ? ['rsa:2048'] : ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', ...keyArgs, '-nodes', '-days', '2'].concat([
      '-subj',
      subject,
      '-keyout',
      key,
      '-out',
      cert,
    ]),
    { stdio: 'ignore' },
  );
  return { cert, key };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'baladeur-build-checks-'));
  files.siteCa = selfSigned('site', '/O=Hospital/CN=Factory technician CA').cert;
  // The development PKI's CA subject (appliance/dev/pki/dev-pki.ts).
  files.devCa = selfSigned('dev', '/O=Baladeur development/CN=Baladeur TEST CA - not for production').cert;
  const sb = selfSigned('sb', '/CN=Secure Boot signing', 'rsa');
  files.sbKey = sb.key;
  files.sbCert = sb.cert;
  files.otherKey = selfSigned('other', '/CN=Another key', 'rsa').key;
  files.ecCert = selfSigned('ec', '/CN=Secure Boot signing on P-256').cert;
  // The development pair's subject (image/secure-boot.sh, sb_dev_pair).
  files.devSbCert = selfSigned(
    'dev-sb',
    '/CN=Baladeur development Secure Boot/O=Baladeur development',
    'rsa',
  ).cert;
  files.notPem = path.join(dir, 'not.pem');
  writeFileSync(files.notPem, 'not a certificate\n');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Sources the checks as build.sh does and reports the outcome and the variables they set. */
function check(env: Record<string, string>): {
  status: number | null;
  stderr: string;
  vars: Record<string, string>;
} {
  const script = `set -euo pipefail; source "${CHECKS}"; baladeur_build_checks; printf '%s=%s\\n' build_kind "$build_kind" factory_kind "$factory_kind" factory_ca "$factory_ca"`;
  const result = spawnSync('bash', ['-c', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
  });
  const vars = Object.fromEntries(
    result.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { status: result.status, stderr: result.stderr, vars };
}

describe('image/build-checks.sh', () => {
  it('a build is a production build by default, and refuses without the factory CA and the Secure Boot key', () => {
    const run = check({});
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('refusing to build a production image');
    expect(run.stderr).toContain('BALADEUR_FACTORY_CA is not set');
    expect(run.stderr).toContain('BALADEUR_SB_KEY is not set');
    expect(run.stderr).toContain('BALADEUR_SB_CERT is not set');
    expect(run.stderr).toContain('set BALADEUR_DEV_BUILD=1');
  });

  it('a production build with the factory CA but no signing key is refused, naming what is missing', () => {
    const run = check({ BALADEUR_FACTORY_CA: files.siteCa });
    expect(run.status).toBe(1);
    expect(run.stderr).not.toContain('BALADEUR_FACTORY_CA');
    expect(run.stderr).toContain('BALADEUR_SB_KEY is not set');
    expect(run.stderr).toContain('BALADEUR_SB_CERT is not set');
  });

  it('a production build with the signing key but no factory CA is refused', () => {
    const run = check({ BALADEUR_SB_KEY: files.sbKey, BALADEUR_SB_CERT: files.sbCert });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('BALADEUR_FACTORY_CA is not set');
    expect(run.stderr).not.toContain('BALADEUR_SB_');
  });

  it('a production build refuses the development test CA, and files that are not what they claim', () => {
    const dev = check({
      BALADEUR_FACTORY_CA: files.devCa,
      BALADEUR_SB_KEY: files.sbKey,
      BALADEUR_SB_CERT: files.sbCert,
    });
    expect(dev.status).toBe(1);
    expect(dev.stderr).toContain('is the development test CA');
    const bad = check({
      BALADEUR_FACTORY_CA: files.notPem,
      BALADEUR_SB_KEY: files.sbCert,
      BALADEUR_SB_CERT: path.join(dir, 'missing.pem'),
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`BALADEUR_FACTORY_CA=${files.notPem} is not a readable PEM certificate`);
    expect(bad.stderr).toContain(`BALADEUR_SB_KEY=${files.sbCert} is not a readable PEM private key`);
    expect(bad.stderr).toContain('BALADEUR_SB_CERT=');
  });

  it('a production build refuses a Secure Boot pair that cannot sign for a kiosk: development, not RSA, or mismatched', () => {
    const run = (sbKey: string, sbCert: string) =>
      check({ BALADEUR_FACTORY_CA: files.siteCa, BALADEUR_SB_KEY: sbKey, BALADEUR_SB_CERT: sbCert });
    const dev = run(files.sbKey, files.devSbCert);
    expect(dev.status).toBe(1);
    expect(dev.stderr).toContain('is the development Secure Boot certificate');
    const ec = run(files.sbKey, files.ecCert);
    expect(ec.status).toBe(1);
    expect(ec.stderr).toContain('is not an RSA certificate');
    const mismatched = run(files.otherKey, files.sbCert);
    expect(mismatched.status).toBe(1);
    expect(mismatched.stderr).toContain(`BALADEUR_SB_KEY=${files.otherKey} is not the private key of`);
  });

  it('a production build with all three goes ahead and trusts the site factory CA', () => {
    const run = check({
      BALADEUR_FACTORY_CA: files.siteCa,
      BALADEUR_SB_KEY: files.sbKey,
      BALADEUR_SB_CERT: files.sbCert,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.vars).toEqual({ build_kind: 'production', factory_kind: 'site', factory_ca: files.siteCa });
  });

  it('a development build (.ci/run) needs nothing and says it trusts the development CA', () => {
    const run = check({ BALADEUR_DEV_BUILD: '1' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.vars).toEqual({ build_kind: 'development', factory_kind: 'development', factory_ca: '' });
    expect(run.stderr).toContain('DEVELOPMENT build');
    expect(run.stderr).toContain('not for patients');
    // With a factory CA given, a development build trusts that one.
    const site = check({ BALADEUR_DEV_BUILD: '1', BALADEUR_FACTORY_CA: files.siteCa });
    expect(site.vars).toMatchObject({ build_kind: 'development', factory_kind: 'site' });
  });

  it('an unclear BALADEUR_DEV_BUILD is refused rather than guessed', () => {
    const run = check({ BALADEUR_DEV_BUILD: 'yes' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('BALADEUR_DEV_BUILD must be 1');
  });

  it('build.sh runs the checks before building anything, and .ci/run builds a development image', () => {
    const build = readFileSync(path.join(import.meta.dirname, 'build.sh'), 'utf8');
    const checks = build.indexOf('baladeur_build_checks || exit');
    expect(checks).toBeGreaterThan(0);
    expect(checks).toBeLessThan(build.indexOf('release_work_dir "$work"'));
    expect(build).toMatch(/BUILD=%s\\nFACTORY_CA=%s/);
    const ci = readFileSync(path.join(import.meta.dirname, '..', '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^BALADEUR_DEV_BUILD=1 timeout .* npm run image$/m);
  });
});

/**
 * Set-ups the CLI's integration tests share: a dev key made with `key create`, the `key update`
 * and `site sign` command lines with their fixed options, and a CRL issued by the dev test CA.
 */
import path from 'node:path';
import { webcrypto } from 'node:crypto';
import { expect } from 'vitest';
import * as x509 from '../../../appliance/common/x509.ts';
import type { DevPki } from '../../../appliance/dev/pki/dev-pki.ts';
import { FIXTURE_DIR, runCli, type CliRun } from './harness.ts';

/** The smallest of the real IPS bundles. */
export const MINIMAL_FIXTURE = path.join(FIXTURE_DIR, 'IPS_IG_bundle-minimal.json');

/** A new key image at `image` (`key create --dev`) holding version 1 of `ips`, and its patient code. */
export async function createDevKey(
  image: string,
  ips = MINIMAL_FIXTURE,
): Promise<{ image: string; code: string }> {
  const created = await runCli(['key', 'create', '--dev', '--ips', ips, '--out', image]);
  expect(created.exitCode, created.stderr).toBe(0);
  return { image, code: created.stdout.trim() };
}

/** `baladeur key update --dev` of the key at `image` with `code` to the summary `ips`, then `extra`. */
export function keyUpdate(image: string, code: string, ips: string, ...extra: string[]): Promise<CliRun> {
  return runCli(['key', 'update', '--dev', '--in', image, '--code', code, '--ips', ips, ...extra]);
}

/** `baladeur site sign` with the dev provisioning key and certificate, then `extra`. */
export function siteSign(pki: DevPki, ...extra: string[]): Promise<CliRun> {
  return runCli([
    'site',
    'sign',
    '--key',
    pki.provisioning.keyPath,
    '--cert',
    pki.provisioning.certPath,
    ...extra,
  ]);
}

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface TestCaCrlOptions {
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
  /** These serial numbers, revoked at `at`; none when absent. */
  readonly revoked?: { readonly serials: readonly string[]; readonly at: Date } | undefined;
}

/** A CRL issued and signed by the dev test CA. */
export async function testCaCrl(pki: DevPki, options: TestCaCrlOptions): Promise<x509.X509Crl> {
  const key = await webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(pki.testCa.keyPem),
    EC,
    false,
    ['sign'],
  );
  const { revoked } = options;
  return x509.X509CrlGenerator.create({
    issuer: new x509.X509Certificate(pki.testCa.certPem).subjectName,
    thisUpdate: options.thisUpdate,
    nextUpdate: options.nextUpdate,
    entries:
      revoked === undefined
        ? []
        : revoked.serials.map((serialNumber) => ({ serialNumber, revocationDate: revoked.at })),
    signingKey: key,
    signingAlgorithm: EC,
  });
}

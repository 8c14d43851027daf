/** `baladeur site sign`: the folder it writes is what a kiosk provisions from, CRLs included. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevPki, type DevPki } from '../../../appliance/dev/pki/dev-pki.ts';
import { provisionFromKey } from '../../../appliance/server/technician/provisioning.ts';
import { stickWith } from '../../../appliance/server/technician/site-bundle.testing.ts';
import { memorySource } from '../../../appliance/record/block-source.ts';
import { siteSign, testCaCrl } from './cli-setup.testing.ts';
import { runCli } from './harness.ts';

let pki: DevPki;
let dir: string;
let siteFile: string;
let crlFile: string;

beforeAll(async () => {
  pki = await ensureDevPki();
  dir = mkdtempSync(path.join(tmpdir(), 'baladeur-site-sign-'));
  siteFile = path.join(dir, 'site.json');
  writeFileSync(
    siteFile,
    JSON.stringify({
      format: 'baladeur-site/1',
      site: { name: 'Pharmacie du Marché' },
      printer: { transport: { type: 'none' } },
      trustAnchors: [pki.testCa.certPem],
    }),
  );
  const crl = await testCaCrl(pki, {
    thisUpdate: new Date(Date.now() - 3_600_000),
    nextUpdate: new Date(Date.now() + 7 * 86_400_000),
  });
  crlFile = path.join(dir, 'test-ca.crl');
  writeFileSync(crlFile, new Uint8Array(crl.rawData));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readBundle = (out: string) =>
  readdirSync(path.join(out, 'BALADEUR-SITE')).map((name) => ({
    name,
    bytes: new Uint8Array(readFileSync(path.join(out, 'BALADEUR-SITE', name))),
  }));

describe('baladeur site sign', () => {
  it('writes BALADEUR-SITE/ that a kiosk trusting the factory CA provisions from, its DER CRL installed', async () => {
    const out = path.join(dir, 'out');
    const run = await siteSign(pki, '--in', siteFile, '--crl', crlFile, '--out', out);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const files = readBundle(out);
    expect(files.map((f) => f.name).sort()).toEqual(['crl-1.crl', 'site.json', 'site.jws']);
    // Signing again replaces the folder (no leftovers of the previous one).
    expect((await siteSign(pki, '--in', siteFile, '--out', out)).exitCode).toBe(0);
    expect(
      readBundle(out)
        .map((f) => f.name)
        .sort(),
    ).toEqual(['site.json', 'site.jws']);
    expect(readdirSync(out)).toEqual(['BALADEUR-SITE']);

    const plan = await provisionFromKey(stickWith(files), {
      factoryAnchorsPem: [pki.testCa.certPem],
      now: new Date(),
    });
    if (!plan.ok) throw new Error(JSON.stringify(plan.error));
    expect(plan.value.summary.siteName).toBe('Pharmacie du Marché');
    expect(plan.value.summary.revocation.crls).toMatchObject([
      { issuer: expect.stringContaining('Baladeur TEST CA') },
    ]);
  });

  it('--image writes a FAT image the dev dock can insert as a provisioning stick', async () => {
    const image = path.join(dir, 'site.img');
    const run = await siteSign(pki, '--in', siteFile, '--crl', crlFile, '--image', image);
    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    const stick = memorySource(new Uint8Array(readFileSync(image)));
    const plan = await provisionFromKey(stick, { factoryAnchorsPem: [pki.testCa.certPem], now: new Date() });
    expect(plan).toMatchObject({ ok: true, value: { summary: { siteName: 'Pharmacie du Marché' } } });
    const both = await siteSign(pki, '--in', siteFile, '--image', image, '--out', dir);
    expect(both).toMatchObject({
      exitCode: 2,
      stderr: expect.stringMatching(/--out <dir> or --image <file>/),
    });
  });

  it('refuses a key that is not the certificate’s, a file that is not a site file, a missing option', async () => {
    const out = path.join(dir, 'refused');
    const mismatch = await runCli([
      'site',
      'sign',
      '--key',
      pki.people.nurse.keyPath,
      '--cert',
      pki.provisioning.certPath,
      '--in',
      siteFile,
      '--out',
      out,
    ]);
    expect(mismatch).toMatchObject({
      exitCode: 2,
      stderr: expect.stringMatching(/does not belong to the certificate/),
    });
    const notSite = await siteSign(pki, '--in', crlFile, '--out', out);
    expect(notSite).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/not UTF-8 JSON/) });
    const noCrl = await siteSign(pki, '--in', siteFile, '--crl', siteFile, '--out', out);
    expect(noCrl).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/not a PEM or DER CRL/) });
    expect((await runCli(['site', 'sign', '--in', siteFile])).exitCode).toBe(2);
  });
});

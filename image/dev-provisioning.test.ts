/**
 * Development provisioning at boot (issue 20, the boot test's keyring): only a development image
 * gets it, it scores as hardened as the other units, and it provisions only from a bundle the
 * factory CA vouches for, through the technician screen's own verification.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevPki, type DevPki } from '../appliance/dev/pki/dev-pki.ts';
import { buildSiteBundle, SITE_DIR } from '../appliance/common/site-bundle.ts';
import { memorySource } from '../appliance/record/block-source.ts';
import { createKeyImage, writeKeyFile } from '../appliance/record/fat/index.ts';

const IMAGE = import.meta.dirname;
const REPO = path.resolve(IMAGE, '..');
const UNIT = path.join(IMAGE, 'dev-rootfs/etc/systemd/system/baladeur-dev-provision.service');
let pki: DevPki;
let dir = '';

beforeAll(async () => {
  pki = await ensureDevPki();
  dir = mkdtempSync(path.join(tmpdir(), 'baladeur-dev-provision-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hooks(kind: string): string {
  return execFileSync(
    'bash',
    [
      '-c',
      `source image/dev-provisioning.sh && dev_provisioning_hooks ${kind} ${path.join(dir, 'dp')} && dev_provisioning_stage ${kind} ${path.join(dir, 'absent', 'dp')}`,
    ],
    { cwd: REPO, encoding: 'utf8' },
  );
}

function walk(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** A FAT stick image holding the bundle signed by `signer`. */
async function stick(name: string, signer: { keyPem: string; certPem: string }): Promise<string> {
  const site = {
    format: 'baladeur-site/1',
    site: { name: 'Dev provisioning test' },
    printer: { transport: { type: 'none' } },
    trustAnchors: [pki.testCa.certPem],
    emergencyKeyring: [
      JSON.parse(readFileSync(path.join(REPO, '.dev/pki/emergency/emergency-2026.private.jwk.json'), 'utf8')),
    ],
  };
  const files = await buildSiteBundle({
    site: new TextEncoder().encode(JSON.stringify(site)),
    crls: [],
    keyPem: signer.keyPem,
    certificatesPem: signer.certPem,
    now: new Date(),
  });
  const image = createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes: 8 * 1024 * 1024 });
  for (const file of files) {
    const written = writeKeyFile(memorySource(image), `${SITE_DIR}/${file.name}`, file.bytes);
    if (!written.ok) throw new Error(written.error.code);
  }
  const out = path.join(dir, name);
  writeFileSync(out, image);
  return out;
}

function provision(device: string, data: string) {
  return spawnSync(
    'node',
    [
      ...['--import', 'tsx', path.join(IMAGE, 'dev-provision.ts')],
      ...['--factory-ca', pki.testCa.certPath, '--data', data, '--wait', '1', '--device', device],
    ],
    { cwd: REPO, encoding: 'utf8' },
  );
}

describe('development provisioning at boot (image/dev-provisioning.sh, image/dev-provision.ts)', () => {
  it('a production build gets none of it: no bundle, no unit, no hook', () => {
    expect(hooks('production')).toBe('');
    // Neither the unit nor its program is in the production overlay (the self-test only prints the
    // unit's journal, empty there): they live in image/dev-rootfs and the development bundle.
    const overlay = walk(path.join(IMAGE, 'rootfs'));
    expect(overlay.filter((f) => /dev-provision/.test(path.basename(f)))).toEqual([]);
    const runsIt = overlay.filter((f) =>
      /dev-provision\.js|opt\/baladeur\/dev-provision/.test(readFileSync(f, 'latin1')),
    );
    expect(runsIt).toEqual([]);
    expect(readFileSync(path.join(IMAGE, 'stage-app.sh'), 'utf8')).not.toMatch(/dev-provision/);
  });

  it('a development build adds the bundle, the overlay and the enabled unit', () => {
    expect(hooks('development').trim().split('\n')).toEqual([
      '--customize-hook=mkdir -p "$1/opt/baladeur/dev-provision"',
      `--customize-hook=sync-in ${path.join(dir, 'dp')} /opt/baladeur/dev-provision`,
      '--customize-hook=sync-in image/dev-rootfs /',
      '--customize-hook=chroot "$1" systemctl enable baladeur-dev-provision.service',
    ]);
  });

  it('its unit runs only with the boot test credential, before the server, and scores ≤ 2.0', () => {
    const unit = readFileSync(UNIT, 'utf8');
    expect(unit).toMatch(/^ConditionCredential=baladeur\.selftest$/m);
    expect(unit).toMatch(/^Before=baladeur-server\.service$/m);
    expect(unit).toMatch(/^User=baladeur$/m);
    expect(unit).toMatch(/^DeviceAllow=block-sd r$/m);
    const result = spawnSync(
      'systemd-analyze',
      ['security', '--offline=yes', '--no-pager', '--threshold=20', UNIT],
      { encoding: 'utf8' },
    );
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it(
    'provisions the data folder from a bundle signed by a provisioning key of the factory CA',
    { timeout: 90_000 },
    async () => {
      const data = path.join(dir, 'data-ok');
      const run = provision(await stick('signed.img', pki.provisioning), data);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/provisioned from .*signed\.img.*1 emergency key\(s\)/);
      const config = JSON.parse(readFileSync(path.join(data, 'config.json'), 'utf8'));
      expect(config.site.name).toBe('Dev provisioning test');
      expect(readdirSync(path.join(data, 'keyring'))).toEqual(['emergency-2026.private.jwk.json']);
      // A second run leaves a provisioned kiosk alone.
      const again = provision(path.join(dir, 'signed.img'), data);
      expect(again.stdout).toMatch(/already provisioned/);
    },
  );

  it('refuses a bundle signed outside the factory CA and writes nothing', { timeout: 90_000 }, async () => {
    const data = path.join(dir, 'data-refused');
    const run = provision(await stick('unknown.img', pki.unknownCa), data);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/unknown\.img: refused/);
    expect(existsSync(data)).toBe(false);
  });
});

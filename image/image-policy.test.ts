/**
 * Lock-down checks that run in every `npm test` without building the image: unit exposure scores,
 * the USB policy, the firewall ruleset, the browser policy, the read-only layout.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysePpm } from './ppm.ts';
import { parseConfig } from '../appliance/server/config/load.ts';

const rootfs = join(import.meta.dirname, 'rootfs');
const file = (path: string) => readFileSync(join(rootfs, path), 'utf8');

describe('image lock-down', () => {
  it('the server unit scores an exposure of at most 2.0 (systemd-analyze security --offline)', () => {
    const unit = join(rootfs, 'etc/systemd/system/baladeur-server.service');
    const result = spawnSync('systemd-analyze', ['security', '--offline=yes', '--no-pager', unit], {
      encoding: 'utf8',
    });
    const score = /Overall exposure level for baladeur-server\.service: ([\d.]+)/.exec(result.stdout);
    expect(score, result.stdout + result.stderr).not.toBeNull();
    expect(Number(score?.[1])).toBeLessThanOrEqual(2.0);
  });

  it('the server listens on loopback only and keeps nothing but /data/baladeur', () => {
    const unit = file('etc/systemd/system/baladeur-server.service');
    expect(unit).toMatch(/^IPAddressDeny=any$/m);
    expect(unit).toMatch(/^IPAddressAllow=localhost$/m);
    expect(unit).toMatch(/^ProtectSystem=strict$/m);
    expect(unit).toMatch(/^PrivateTmp=yes$/m);
    expect(unit).toMatch(/^ReadWritePaths=\/data\/baladeur$/m);
    // /data is mounted `nofail`: without this the server may start before it (and fail NAMESPACE).
    expect(unit).toMatch(/^RequiresMountsFor=\/data\/baladeur$/m);
    expect(unit).toMatch(/^WatchdogSec=/m);
    expect(unit).toMatch(/^Restart=always$/m);
  });

  it('HZ-11 a kiosk never provisioned starts on the shipped fallback: technician cards only, nothing patient-facing', () => {
    const unit = file('etc/systemd/system/baladeur-server.service');
    expect(unit).toMatch(
      /^ExecStart=\/usr\/bin\/node appliance\/server\/main\.js --config \/data\/baladeur\/config\.json --unprovisioned-config \/opt\/baladeur\/image\/unprovisioned\.config\.json$/m,
    );
    const fallback = JSON.parse(readFileSync(join(import.meta.dirname, 'unprovisioned.config.json'), 'utf8'));
    const parsed = parseConfig(fallback, 'unprovisioned.config.json');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.dataDir).toBe('/data/baladeur');
    expect(parsed.value.trustAnchors).toEqual(['factory-technician-ca.pem']);
    expect(parsed.value.emergencyKeyring).toEqual([]);
    expect(parsed.value.breakGlass.professions).toEqual([]);
    expect(parsed.value.codeProfessions).toEqual([]);
  });

  it('usbguard rules parse, refuse by default, and allow a device only if all its interfaces are allowed', () => {
    execFileSync('usbguard-rule-parser', ['-f', join(rootfs, 'etc/usbguard/rules.conf')], { stdio: 'pipe' });
    const rules = file('etc/usbguard/rules.conf')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(rules.at(-1)).toBe('block');
    for (const rule of rules.filter((r) => r.startsWith('allow')))
      expect(rule).toMatch(/with-interface all-of \{/);
    const classes = rules.flatMap((r) => [...r.matchAll(/all-of \{ ([0-9a-f]{2}):/g)].map((m) => m[1]));
    expect(classes.sort()).toEqual(['07', '08', '09', '0b']);
    // A key that also presents a keyboard (HID 03) matches no allow rule.
    expect(classes).not.toContain('03');
  });

  it('nftables ruleset is valid and drops everything but loopback', () => {
    execFileSync('nft', ['-c', '-f', join(rootfs, 'etc/nftables.conf')], { stdio: 'pipe' });
    const ruleset = file('etc/nftables.conf');
    expect(ruleset.match(/policy drop;/g)).toHaveLength(3);
    expect(ruleset).toContain('iif "lo" accept');
    expect(ruleset).toContain('oif "lo" accept');
  });

  it('the browser may open only the local kiosk page, without dev tools or downloads', () => {
    const policy = JSON.parse(file('etc/chromium/policies/managed/baladeur.json')) as Record<string, unknown>;
    expect(policy.URLBlocklist).toEqual(['*']);
    expect(policy.URLAllowlist).toEqual(['http://127.0.0.1:8080', 'ws://127.0.0.1:8080']);
    expect(policy.DeveloperToolsAvailability).toBe(2);
    expect(policy.DownloadRestrictions).toBe(3);
    const kiosk = file('etc/systemd/system/baladeur-kiosk.service');
    expect(kiosk).toMatch(/^ExecStartPre=\/usr\/local\/lib\/baladeur\/wait-server /m);
    expect(kiosk).toMatch(/^Restart=always$/m);
    expect(file('usr/local/lib/baladeur/kiosk-browser')).toContain('--kiosk');
  });

  it('root is read-only, /var and /tmp are RAM, the journal is volatile', () => {
    const fstab = file('etc/fstab');
    expect(fstab).toMatch(/^LABEL=baladeur-root\s+\/\s+ext4\s+ro,/m);
    expect(fstab).toMatch(/^tmpfs\s+\/var\s+tmpfs/m);
    expect(fstab).toMatch(/^tmpfs\s+\/tmp\s+tmpfs/m);
    expect(file('etc/systemd/journald.conf.d/volatile.conf')).toMatch(/^Storage=volatile$/m);
  });

  it('the boot test tells a painted screen from a blank one', () => {
    const ppm = (pixel: (i: number) => [number, number, number]) => {
      const header = Buffer.from('P6\n4 4\n255\n', 'latin1');
      const body = Buffer.alloc(48);
      for (let i = 0; i < 16; i++) body.set(pixel(i), i * 3);
      return Buffer.concat([header, body]);
    };
    expect(analysePpm(ppm(() => [0, 0, 0])).nonBackgroundRatio).toBe(0);
    const painted = analysePpm(ppm((i) => (i < 8 ? [255, 255, 255] : [i * 10, 40, 90])));
    expect(painted.distinctColours).toBe(9);
    expect(painted.nonBackgroundRatio).toBe(0.5);
  });
});

/**
 * Lock-down checks that run in every `npm test` without building the image: unit exposure scores,
 * the USB policy, the firewall ruleset, the browser policy, the read-only layout.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { analysePpm } from './ppm.ts';
import { parseConfig } from '../appliance/server/config/load.ts';
import { usbguardSiteRules } from '../appliance/server/config/usbguard-site-rules.ts';

const rootfs = join(import.meta.dirname, 'rootfs');

/**
 * Runs a polkit rules file (JavaScript, polkit(8) "AUTHORIZATION RULES") with polkit's `addRule`
 * API emulated: the first rule returning a result other than NOT_HANDLED decides, as in polkitd.
 */
function polkitRules(source: string) {
  const Result = {
    NO: 'no',
    YES: 'yes',
    AUTH_SELF: 'auth_self',
    AUTH_ADMIN: 'auth_admin',
    NOT_HANDLED: 'not_handled',
  };
  const rules: ((action: unknown, subject: unknown) => unknown)[] = [];
  const polkit = {
    Result,
    addRule: (rule: (typeof rules)[number]) => rules.push(rule),
    log: () => undefined,
  };
  runInNewContext(source, { polkit });
  return (actionId: string, subject: { user: string; active: boolean; local: boolean }) => {
    const action = { id: actionId, lookup: () => undefined };
    const polkitSubject = { ...subject, pid: 1234, groups: [subject.user], isInGroup: () => false };
    for (const rule of rules) {
      const result = rule(action, polkitSubject);
      if (result !== undefined && result !== null && result !== Result.NOT_HANDLED) return result;
    }
    return Result.NOT_HANDLED;
  };
}
const file = (path: string) => readFileSync(join(rootfs, path), 'utf8');

describe('image lock-down', () => {
  // Issue 20: every unit at most 2.0, the browser's at most 5.0 (cage and Chromium's own sandbox
  // need devices, namespaces and a JIT; each exception is commented in the unit).
  const units = readdirSync(join(rootfs, 'etc/systemd/system')).filter((f) => f.endsWith('.service'));
  const budget = (unit: string) => (unit === 'baladeur-kiosk.service' ? 5.0 : 2.0);

  it('every unit of the image is scored (the list below is the list of units shipped)', () => {
    expect(units.sort()).toEqual([
      'baladeur-clock.service',
      'baladeur-data-setup.service',
      'baladeur-kiosk.service',
      'baladeur-reboot.service',
      'baladeur-selftest.service',
      'baladeur-server.service',
      'baladeur-usbguard-site.service',
    ]);
  });

  it.each(units)('%s scores an exposure within its budget (systemd-analyze security --offline)', (name) => {
    const unit = join(rootfs, 'etc/systemd/system', name);
    const result = spawnSync('systemd-analyze', ['security', '--offline=yes', '--no-pager', unit], {
      encoding: 'utf8',
    });
    const score = new RegExp(`Overall exposure level for ${name.replaceAll('.', '\\.')}: ([\\d.]+)`).exec(
      result.stdout,
    );
    expect(score, result.stdout + result.stderr).not.toBeNull();
    expect(Number(score?.[1])).toBeLessThanOrEqual(budget(name));
    // The same budget, enforced by systemd-analyze itself (exit status 1 above the threshold).
    const threshold = spawnSync(
      'systemd-analyze',
      ['security', '--offline=yes', '--no-pager', `--threshold=${budget(name) * 10}`, unit],
      { encoding: 'utf8' },
    );
    expect(threshold.status, threshold.stdout + threshold.stderr).toBe(0);
  });

  it('the hardened helper units keep only what their scripts need', () => {
    const reboot = file('etc/systemd/system/baladeur-reboot.service');
    expect(reboot).toMatch(/^ExecStart=\/usr\/bin\/systemctl reboot$/m);
    expect(reboot).toMatch(/^CapabilityBoundingSet=CAP_SYS_BOOT$/m);
    expect(reboot).not.toMatch(/^User=/m);
    const selftest = file('etc/systemd/system/baladeur-selftest.service');
    // It freezes the kiosk user's browser and lists /data and the real /tmp; systemd powers off.
    expect(selftest).toMatch(/^User=baladeur-selftest$/m);
    expect(selftest).toMatch(/^AmbientCapabilities=CAP_KILL CAP_DAC_READ_SEARCH$/m);
    expect(selftest).not.toMatch(/^PrivateTmp=yes$/m);
    expect(selftest).not.toMatch(/^ProtectProc=/m);
    expect(selftest).toMatch(/^SuccessAction=poweroff$/m);
    // A [Unit] condition, so that a kiosk booted without it never powers off (ExecCondition= would).
    // A credential, not the kernel command line: that one is signed in the UKI (issue 20).
    expect(selftest).toMatch(/^ConditionCredential=baladeur\.selftest$/m);
    expect(selftest).not.toMatch(/^ExecCondition=/m);
    expect(selftest.indexOf('ConditionCredential=')).toBeLessThan(selftest.indexOf('[Service]'));
    expect(selftest).toMatch(/^FailureAction=poweroff$/m);
    expect(selftest).toMatch(/^DeviceAllow=\/dev\/ttyS0 rw$/m);
    expect(file('usr/local/lib/baladeur/selftest')).not.toMatch(/^systemctl poweroff/m);
    expect(file('usr/local/lib/baladeur/configure-image')).toMatch(
      /^useradd --system .* baladeur-selftest$/m,
    );
    const kiosk = file('etc/systemd/system/baladeur-kiosk.service');
    // /run/user/<uid> ($XDG_RUNTIME_DIR) must stay writable: ProtectHome= would hide it.
    expect(kiosk).not.toMatch(/^ProtectHome=/m);
    expect(kiosk).not.toMatch(/^ProtectSystem=strict$/m);
    expect(kiosk).not.toMatch(/^RestrictNamespaces=/m);
    expect(kiosk).not.toMatch(/^PrivateNetwork=yes$/m);
  });

  it('the server listens on loopback only and keeps nothing but /data/baladeur', () => {
    const unit = file('etc/systemd/system/baladeur-server.service');
    expect(unit).toMatch(/^IPAddressDeny=any$/m);
    expect(unit).toMatch(/^IPAddressAllow=localhost$/m);
    expect(unit).toMatch(/^ProtectSystem=strict$/m);
    expect(unit).toMatch(/^PrivateTmp=yes$/m);
    // `-`: systemd does not refuse the unit if the folder is missing (ExecStartPre= makes it).
    expect(unit).toMatch(/^ReadWritePaths=-\/data\/baladeur$/m);
    expect(unit).toMatch(/^ExecStartPre=\+\/usr\/bin\/systemd-tmpfiles --create --prefix=\/data\/baladeur$/m);
    // /data is mounted `nofail`: without this the server may start before it (and fail NAMESPACE).
    expect(unit).toMatch(/^RequiresMountsFor=\/data\/baladeur$/m);
    expect(unit).toMatch(/^WatchdogSec=/m);
    expect(unit).toMatch(/^Restart=always$/m);
  });

  it('HZ-11 a kiosk never provisioned starts on the shipped fallback: technician cards only, nothing patient-facing', () => {
    const unit = file('etc/systemd/system/baladeur-server.service');
    expect(unit).toMatch(
      /^ExecStart=\/usr\/bin\/node dist\/server\/server\.js --config \/data\/baladeur\/config\.json --unprovisioned-config \/opt\/baladeur\/image\/unprovisioned\.config\.json$/m,
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
    // Refused by default through ImplicitPolicyTarget=block (a final `block` would shadow the site rules).
    expect(file('etc/usbguard/usbguard-daemon.conf')).toMatch(/^ImplicitPolicyTarget=block$/m);
    // `match-all`: every interface of the device must be of the class (`all-of` only asks for one).
    for (const rule of rules)
      expect(rule).toMatch(/^allow with-interface match-all \{ [0-9a-f]{2}:\*:\* \}$/);
    const classes = rules.flatMap((r) => [...r.matchAll(/match-all \{ ([0-9a-f]{2}):/g)].map((m) => m[1]));
    expect(classes.sort()).toEqual(['07', '08', '09', '0b']);
    // A key that also presents a keyboard (HID 03) matches no allow rule.
    expect(classes).not.toContain('03');
  });

  it('the usbguard daemon blocks what no rule allows, loads the site folder after the class rules, IPC root only', () => {
    const conf = file('etc/usbguard/usbguard-daemon.conf');
    const settings = new Map(
      conf
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
    );
    expect(Object.fromEntries(settings)).toMatchObject({
      RuleFile: '/etc/usbguard/rules.conf',
      RuleFolder: '/run/usbguard/rules.d/',
      ImplicitPolicyTarget: 'block',
      PresentDevicePolicy: 'apply-policy',
      InsertedDevicePolicy: 'apply-policy',
      AuthorizedDefault: 'none',
      RestoreControllerDeviceState: 'false',
      IPCAllowedUsers: 'root',
      IPCAllowedGroups: 'root',
    });
    // The Debian package's IPCAccessControl.d/:plugdev would grant plugdev policy changes.
    expect(settings.has('IPCAccessControlFiles')).toBe(false);
    // The daemon refuses a conf readable by others: the image build makes it 0600.
    expect(file('usr/local/lib/baladeur/configure-image')).toMatch(
      /^chmod 0600 \/etc\/usbguard\/rules\.conf \/etc\/usbguard\/usbguard-daemon\.conf$/m,
    );
  });

  it('the site rules are written by root before usbguard starts, from the compiled CLI, and parse', () => {
    const unit = file('etc/systemd/system/baladeur-usbguard-site.service');
    expect(unit).toMatch(/^Before=usbguard\.service$/m);
    expect(unit).toMatch(/^WantedBy=usbguard\.service$/m);
    expect(unit).not.toMatch(/^User=/m);
    expect(unit).toMatch(/^RuntimeDirectory=usbguard\/rules\.d$/m);
    expect(unit).toMatch(/^ProtectSystem=strict$/m);
    expect(unit).toMatch(/^PrivateNetwork=yes$/m);
    const exec = /^ExecStart=\/usr\/bin\/node \/opt\/baladeur\/dist\/(\S+)\.js /m.exec(unit);
    expect(exec?.[1]).toBe('appliance/server/config/usbguard-site-rules-cli');
    expect(existsSync(join(import.meta.dirname, '..', `${exec?.[1]}.ts`))).toBe(true);
    expect(file('usr/local/lib/baladeur/configure-image')).toMatch(
      /^systemctl enable .*\busbguard\.service baladeur-usbguard-site\.service\b/m,
    );
    const site = usbguardSiteRules([
      { kind: 'barcode_scanner', vendorId: '05e0', productId: '1200', name: 'Scanner\nallow' },
      { kind: 'touchscreen', vendorId: '0eef', productId: '0001' },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'baladeur-usbguard-site-'));
    try {
      writeFileSync(join(dir, '50-site.conf'), site);
      const out = execFileSync('usbguard-rule-parser', ['-f', join(dir, '50-site.conf')], {
        encoding: 'utf8',
      });
      expect(out.split('\n').filter((l) => /^OUTPUT: \S/.test(l))).toEqual([
        'OUTPUT: allow id 05e0:1200 with-interface match-all { 03:*:* }',
        'OUTPUT: allow id 0eef:0001 with-interface match-all { 03:*:* }',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
    expect(policy.URLAllowlist).toEqual([
      'http://127.0.0.1:8080',
      'ws://127.0.0.1:8080',
      'file:///usr/local/share/baladeur/out-of-service.html',
    ]);
    expect(policy.DeveloperToolsAvailability).toBe(2);
    expect(policy.DownloadRestrictions).toBe(3);
    const kiosk = file('etc/systemd/system/baladeur-kiosk.service');
    // The wait for the server moved into kiosk-browser, which falls back to the out-of-service page
    // (HZ-11); a failing ExecStartPre would restart the unit forever behind a dark screen.
    expect(kiosk).not.toMatch(/^ExecStartPre=/m);
    expect(kiosk).toMatch(/^ExecStart=\/usr\/bin\/cage .* -- \/usr\/local\/lib\/baladeur\/kiosk-browser$/m);
    expect(kiosk).toMatch(/^Restart=always$/m);
    const browser = file('usr/local/lib/baladeur/kiosk-browser');
    expect(browser).toContain('--kiosk');
    // Profile, home, config and cache in RAM (the root is read-only): nothing of a session persists.
    expect(browser).toMatch(
      /^export HOME="\$runtime\/home" XDG_CONFIG_HOME="\$runtime\/home\/\.config" XDG_CACHE_HOME="\$runtime\/home\/\.cache"$/m,
    );
    expect(browser).toMatch(/--user-data-dir="\$profile"/);
  });

  it("pcscd serves the kiosk server (polkit) and refuses the browser's user and every other user", () => {
    const decide = polkitRules(file('etc/polkit-1/rules.d/60-baladeur-pcsc.rules'));
    for (const action of ['org.debian.pcsc-lite.access_pcsc', 'org.debian.pcsc-lite.access_card']) {
      // `kiosk` holds the active seat: Debian's default (allow_active=yes) would let it in.
      expect(decide(action, { user: 'kiosk', active: true, local: true })).toBe('no');
      expect(decide(action, { user: 'baladeur', active: false, local: false })).toBe('yes');
      expect(decide(action, { user: 'baladeur-selftest', active: false, local: false })).toBe('no');
      expect(decide(action, { user: 'root', active: false, local: false })).toBe('no');
    }
    // Other actions are left to their own rules and defaults.
    expect(decide('org.freedesktop.login1.reboot', { user: 'kiosk', active: true, local: true })).toBe(
      'not_handled',
    );
  });

  it('root is read-only, /var and /tmp are RAM, the journal is volatile', () => {
    const fstab = file('etc/fstab');
    expect(fstab).toMatch(/^\/dev\/mapper\/root\s+\/\s+ext4\s+ro,/m);
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

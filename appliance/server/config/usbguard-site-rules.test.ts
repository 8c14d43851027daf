import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UsbDevice } from './schema.ts';
import { commentText, SITE_RULES_HEADER, usbguardSiteRules } from './usbguard-site-rules.ts';
import { writeSiteRules } from './usbguard-site-rules-file.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'baladeur-usbguard-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `usbguard-rule-parser -f`: throws on a syntax error; returns the rules as usbguard re-serialises them. */
function parseRules(text: string): string[] {
  const file = path.join(dir, `parse-${Math.random().toString(36).slice(2)}.conf`);
  writeFileSync(file, text);
  const out = execFileSync('usbguard-rule-parser', ['-f', file], { encoding: 'utf8', stdio: 'pipe' });
  return out
    .split('\n')
    .filter((l) => l.startsWith('OUTPUT: '))
    .map((l) => l.slice('OUTPUT: '.length).trim())
    .filter((l) => l !== '');
}

const SCANNER: UsbDevice = {
  kind: 'barcode_scanner',
  vendorId: '05e0',
  productId: '1200',
  name: 'Zebra DS2208',
};
const SCREEN: UsbDevice = { kind: 'touchscreen', vendorId: '0eef', productId: '0001' };

const baseConfig = {
  site: { name: 'Test' },
  printer: { transport: { type: 'none' } },
  trustAnchors: ['anchors/anchor-1.pem'],
  dataDir: '.',
};

describe('usbguard site rules', () => {
  it('one HID-only rule per pinned device, which usbguard-rule-parser reads back unchanged', () => {
    const text = usbguardSiteRules([SCANNER, SCREEN]);
    expect(text).toBe(
      [
        ...SITE_RULES_HEADER,
        '# barcode_scanner: Zebra DS2208',
        'allow id 05e0:1200 with-interface match-all { 03:*:* }',
        '# touchscreen',
        'allow id 0eef:0001 with-interface match-all { 03:*:* }',
        '',
      ].join('\n'),
    );
    // usbguard's own serialisation: exactly one id (no wildcard, no set) and `match-all` over HID
    // only, so the same id with an extra non-HID interface, or any other id, is not matched
    // (usbguard-rules.conf(5): match-all = the device's interfaces must be a subset of { 03:*:* }).
    expect(parseRules(text)).toEqual([
      'allow id 05e0:1200 with-interface match-all { 03:*:* }',
      'allow id 0eef:0001 with-interface match-all { 03:*:* }',
    ]);
  });

  it('no devices: the header only, which parses to no rule', () => {
    for (const devices of [[], undefined]) {
      const text = usbguardSiteRules(devices);
      expect(text).toBe(`${SITE_RULES_HEADER.join('\n')}\n`);
      expect(parseRules(text)).toEqual([]);
    }
  });

  it('hostile device names cannot inject rule syntax: one comment line each, safe ASCII only', () => {
    const hostile = [
      'scanner\nallow with-interface match-all { *:*:* }',
      'x\rallow id *:*',
      'a"b{ } # \\ \u2028allow \u0000',
      'Lecteur d’accueil — é',
      'x'.repeat(200),
    ];
    const devices = hostile.map((name, i) => ({ ...SCANNER, productId: `000${i}`, name }));
    const text = usbguardSiteRules(devices);
    const lines = text.trimEnd().split('\n');
    expect(lines.filter((l) => !l.startsWith('#'))).toEqual(
      devices.map((d) => `allow id 05e0:${d.productId} with-interface match-all { 03:*:* }`),
    );
    for (const line of lines.filter((l) => l.startsWith('# barcode_scanner')))
      expect(line).toMatch(/^# barcode_scanner: [A-Za-z0-9 .,_()+/-]{1,64}$/);
    expect(parseRules(text)).toHaveLength(devices.length);
    expect(commentText('Lecteur d’accueil — é')).toBe('Lecteur d_accueil _ e');
  });

  it('an id that is not 4 lowercase hex digits never reaches the rule text', () => {
    for (const vendorId of ['05E0', '*', '05e0 with-interface', '5e0'])
      expect(() => usbguardSiteRules([{ ...SCANNER, vendorId }])).toThrow(/invalid USB id/);
  });
});

describe('the boot-time rule file', () => {
  it('carries the configuration devices, root-only (0600), renamed into place', () => {
    const config = path.join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ ...baseConfig, usbDevices: [SCANNER] }));
    const rulesDir = path.join(dir, 'run', 'rules.d');
    const written = writeSiteRules(config, rulesDir);
    expect(written).toEqual({
      ok: true,
      value: { file: path.join(rulesDir, '50-site.conf'), rules: 1, source: 'config' },
    });
    const file = path.join(rulesDir, '50-site.conf');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(parseRules(readFileSync(file, 'utf8'))).toEqual([
      'allow id 05e0:1200 with-interface match-all { 03:*:* }',
    ]);
    // usbguard loads every regular file of the folder: nothing else may be left there.
    expect(readdirSync(rulesDir)).toEqual(['50-site.conf']);
    expect(readdirSync(path.join(dir, 'run'))).toEqual(['rules.d']);
  });

  it('a missing, broken or invalid configuration gives a file without rules (class rules only)', () => {
    const rulesDir = path.join(dir, 'rules.d');
    const cases: [string | undefined, string][] = [
      [undefined, 'no_config'],
      ['{ not json', 'invalid_config'],
      [JSON.stringify({ ...baseConfig, usbDevices: [{ ...SCANNER, vendorId: '05E0' }] }), 'invalid_config'],
      [JSON.stringify({ ...baseConfig, usbDevices: [{ ...SCANNER, kind: 'keyboard' }] }), 'invalid_config'],
    ];
    for (const [contents, source] of cases) {
      const config = path.join(dir, 'config.json');
      rmSync(config, { force: true });
      if (contents !== undefined) writeFileSync(config, contents);
      const written = writeSiteRules(config, rulesDir);
      expect(written).toMatchObject({ ok: true, value: { rules: 0, source } });
      const text = readFileSync(path.join(rulesDir, '50-site.conf'), 'utf8');
      expect(parseRules(text)).toEqual([]);
    }
  });

  it('the CLI exits 0 with a structured line, and 1 when the folder cannot be written', () => {
    const cli = path.join(import.meta.dirname, 'usbguard-site-rules-cli.ts');
    const config = path.join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ ...baseConfig, usbDevices: [SCANNER, SCREEN] }));
    const run = (rulesDir: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', cli, '--config', config, '--rules-dir', rulesDir], {
        encoding: 'utf8',
        timeout: 30_000,
      });
    const good = run(path.join(dir, 'rules.d'));
    expect(good.status, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({
      event: 'usbguard_site.rules_written',
      rules: 2,
      source: 'config',
    });
    writeFileSync(path.join(dir, 'blocker'), 'not a folder');
    const bad = run(path.join(dir, 'blocker', 'rules.d'));
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stderr)).toMatchObject({ event: 'usbguard_site.write_failed' });
  });
});

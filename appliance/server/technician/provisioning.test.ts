import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureDevPki, type DevPki } from '../../dev/pki/dev-pki.ts';
import { memorySource } from '../../record/block-source.ts';
import { signedStick, stickWith } from './site-bundle.testing.ts';
import { loadConfig } from '../config/load.ts';
import {
  applyProvisioning,
  provisionFromKey,
  SITE_FILE_MAX_BYTES,
  SITE_FILE_PATH,
  SITE_SIGNATURE_PATH,
  type ProvisioningPlan,
} from './provisioning.ts';

let pki: DevPki;
let dataDir: string;
beforeAll(async () => {
  pki = await ensureDevPki();
});
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'baladeur-provision-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function site(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'baladeur-site/1',
    site: { name: 'Centre hospitalier de Test — urgences' },
    languages: ['fr', 'en'],
    defaultLanguage: 'fr',
    printer: {
      model: 'epson-tm-t20iii',
      width: 80,
      codePage: 'pc858',
      transport: { type: 'tcp', host: '10.0.0.5', port: 9100 },
    },
    trustAnchors: [pki.testCa.certPem],
    emergencyKeyring: [pki.emergency.privateJwk],
    breakGlass: { professions: ['doctor', 'nurse'] },
    timeouts: { idleSeconds: 90 },
    screen: { rotation: 90, touchOutput: 'HDMI-A-1', blankingSeconds: 300 },
    ...overrides,
  };
}

/** The site file (JSON value, text or bytes) signed by the dev provisioning key, read back by the kiosk. */
async function provision(file: unknown) {
  const stick = await signedStick({ site: file, signer: pki.provisioning });
  return provisionFromKey(stick, { factoryAnchorsPem: [pki.testCa.certPem], now: new Date() });
}

async function planOf(json: unknown): Promise<ProvisioningPlan> {
  const result = await provision(json);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe('provisioning from a USB key', () => {
  it('a valid site file gives config, anchors, keyring and screen.env that the kiosk loads', async () => {
    const plan = await planOf(site());
    expect(plan.files.map((f) => f.path)).toEqual([
      'anchors/anchor-1.pem',
      'keyring/emergency-2026.private.jwk.json',
      'site.jws',
      'screen.env',
      'config.json',
    ]);
    expect(plan.summary).toMatchObject({
      siteName: 'Centre hospitalier de Test — urgences',
      printer: 'epson-tm-t20iii, 80 mm, pc858, tcp://10.0.0.5:9100',
      emergencyKeys: ['emergency-2026'],
      breakGlassProfessions: ['doctor', 'nurse'],
      idleSeconds: 90,
      screen: { rotation: 90, touchOutput: 'HDMI-A-1', blankingSeconds: 300 },
    });
    expect(plan.summary.trustAnchors[0]?.subject).toContain('Baladeur TEST CA');
    // The summary shown on screen never carries the private key.
    expect(JSON.stringify(plan.summary)).not.toContain(String(pki.emergency.privateJwk.d));

    const applied = applyProvisioning(dataDir, plan);
    expect(applied).toMatchObject({ ok: true });
    const loaded = loadConfig(path.join(dataDir, 'config.json'));
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.value.config.site.name).toBe('Centre hospitalier de Test — urgences');
    expect(loaded.value.trustAnchorsPem[0]).toContain('BEGIN CERTIFICATE');
    expect(loaded.value.emergencyKeyring[0]?.d).toBe(pki.emergency.privateJwk.d);
    expect(loaded.value.dataDir).toBe(path.resolve(dataDir));
    const env = readFileSync(path.join(dataDir, 'screen.env'), 'utf8');
    expect(env).toContain('BALADEUR_SCREEN_ROTATION=90\n');
    expect(env).toContain('BALADEUR_TOUCH_OUTPUT=HDMI-A-1\n');
    expect(loaded.value.config.screen.blankingSeconds).toBe(300);
    expect(env).toContain('BALADEUR_TOUCH_ARGS=');
    expect(statSync(path.join(dataDir, 'keyring', 'emergency-2026.private.jwk.json')).mode & 0o777).toBe(
      0o600,
    );
    expect(readdirSync(dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('an invalid file reports every problem at once, in French and English, with paths', async () => {
    const result = await provision(
      site({
        languages: ['fr'],
        defaultLanguage: 'en',
        printer: {
          model: 'x',
          width: 76,
          codePage: 'pc858',
          transport: { type: 'tcp', host: 'h', port: 70000 },
        },
        trustAnchors: ['not a certificate', pki.people.doctor.certPem],
        timeouts: { idleSeconds: 2 },
        breakGlass: { professions: ['doctor', 'technician'] },
        screen: { rotation: 45, touchOutput: 'HDMI; rm -rf /' },
        colour: 'blue',
      }),
    );
    if (result.ok) throw new Error('accepted an invalid file');
    const paths = result.error.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'printer.width',
        'printer.transport.port',
        'trustAnchors[0]',
        'trustAnchors[1]',
        'timeouts.idleSeconds',
        'screen.rotation',
        'screen.touchOutput',
        'breakGlass.professions',
        'defaultLanguage',
      ]),
    );
    expect(result.error.length).toBeGreaterThanOrEqual(10);
    const byPath = (p: string) => result.error.find((x) => x.path === p)?.message;
    expect(byPath('trustAnchors[0]')?.en).toMatch(/PEM/);
    expect(byPath('trustAnchors[1]')?.fr).toMatch(/autorité de certification/);
    expect(byPath('timeouts.idleSeconds')?.fr).toMatch(/petit/i);
    expect(byPath('printer.width')).toEqual({
      fr: "Valeur invalide : attendu l'une de 80, 58",
      en: 'Invalid value: expected one of 80, 58',
    });
    expect(byPath('screen.rotation')?.en).toBe('Invalid rotation: 0, 90, 180 or 270 degrees.');
    expect(byPath('defaultLanguage')?.fr).toMatch(/langue par défaut/);
    expect(result.error.some((p) => /colour/.test(p.message.en))).toBe(true);
    for (const p of result.error) {
      expect(p.message.fr.length).toBeGreaterThan(0);
      expect(p.message.en).not.toMatch(/\n\s+at /);
    }
  });

  it('who may author records and the site-mapped staff roles reach config.json; defaults when absent', async () => {
    const staffMappings = [
      {
        name: 'IDE du CH',
        issuerSubject: 'CN=CH Test CA',
        idPrefixes: ['3'],
        titles: ['IDE'],
        profession: 'nurse',
      },
    ];
    const plan = await planOf(
      site({ recordSigning: { professions: ['doctor'], outdatedAfterMonths: 6 }, staffMappings }),
    );
    expect(applyProvisioning(dataDir, plan)).toMatchObject({ ok: true });
    const loaded = loadConfig(path.join(dataDir, 'config.json'));
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.value.config.recordSigning).toMatchObject({
      professions: ['doctor'],
      outdatedAfterMonths: 6,
    });
    expect(loaded.value.config.staffMappings).toEqual([expect.objectContaining(staffMappings[0])]);

    const config = (p: ProvisioningPlan) =>
      JSON.parse(p.files.find((f) => f.path === 'config.json')?.contents.toString() ?? '{}') as Record<
        string,
        unknown
      >;
    const defaults = config(await planOf(site()));
    expect(defaults.recordSigning).toEqual({ professions: ['doctor', 'midwife'], outdatedAfterMonths: 12 });
    expect(defaults).not.toHaveProperty('staffMappings');
    // A technician may never author; a mapping to technician is refused like in config.json.
    await expect(provision(site({ recordSigning: { professions: ['technician'] } }))).resolves.toMatchObject({
      ok: false,
    });
    await expect(
      provision(
        site({
          staffMappings: [
            { name: 'x', issuerSubject: 'CN=CH Test CA', idPrefixes: ['3'], profession: 'technician' },
          ],
        }),
      ),
    ).resolves.toMatchObject({ ok: false });
  });

  it('pinned USB devices reach config.json and the summary; none by default', async () => {
    const usbDevices = [
      { kind: 'barcode_scanner', vendorId: '05e0', productId: '1200', name: 'Zebra DS2208 (accueil)' },
      { kind: 'touchscreen', vendorId: '0eef', productId: '0001' },
    ];
    const plan = await planOf(site({ usbDevices }));
    expect(plan.summary.usbDevices).toEqual(usbDevices);
    expect(applyProvisioning(dataDir, plan)).toMatchObject({ ok: true });
    const loaded = loadConfig(path.join(dataDir, 'config.json'));
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.value.config.usbDevices).toEqual(usbDevices);

    const none = await planOf(site());
    expect(none.summary.usbDevices).toEqual([]);
    expect(
      JSON.parse(none.files.find((f) => f.path === 'config.json')?.contents.toString() ?? '{}'),
    ).toMatchObject({
      usbDevices: [],
    });
  });

  it('USB devices: ids as lsusb prints them, HID kinds only, no duplicates, at most 8', async () => {
    const scanner = { kind: 'barcode_scanner', vendorId: '05e0', productId: '1200' };
    const result = await provision(
      site({
        usbDevices: [
          { ...scanner, vendorId: '05E0' },
          { ...scanner, productId: '*' },
          { ...scanner, kind: 'keyboard' },
          scanner,
          { ...scanner, productId: '1201', colour: 'blue' },
        ],
      }),
    );
    if (result.ok) throw new Error('accepted invalid USB devices');
    const byPath = (p: string) => result.error.find((x) => x.path === p)?.message;
    expect(byPath('usbDevices[0].vendorId')).toEqual({
      fr: 'Un identifiant USB s’écrit avec 4 chiffres hexadécimaux en minuscules, comme dans lsusb (ex. 05e0).',
      en: 'A USB id is 4 lowercase hexadecimal digits, as lsusb prints it (e.g. 05e0).',
    });
    expect(byPath('usbDevices[1].productId')?.en).toMatch(/4 lowercase hexadecimal/);
    expect(byPath('usbDevices[2].kind')?.en).toMatch(/barcode_scanner/);
    expect(byPath('usbDevices[4]')?.en).toMatch(/colour/);
    expect(result.error.map((p) => p.path)).not.toContain('usbDevices[3]');

    const twice = await provision(site({ usbDevices: [scanner, scanner] }));
    expect(twice).toMatchObject({
      ok: false,
      error: [{ path: 'usbDevices[1]', message: { fr: expect.stringMatching(/déjà dans la liste/) } }],
    });

    const many = Array.from({ length: 9 }, (_, i) => ({ ...scanner, productId: `000${i}` }));
    const tooMany = await provision(site({ usbDevices: many }));
    expect(tooMany).toMatchObject({ ok: false, error: [{ path: 'usbDevices' }] });
  });

  it('HZ-06 a site file allowing break-glass for technicians is refused', async () => {
    const result = await provision(site({ breakGlass: { professions: ['doctor', 'technician'] } }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual([
      {
        path: 'breakGlass.professions',
        message: {
          fr: "Les techniciens ne peuvent pas recevoir l'accès d'urgence (bris de glace).",
          en: 'Technicians cannot be allowed emergency (break-glass) access.',
        },
      },
    ]);
  });

  it('a key without the signed bundle says what is missing and how to make it', async () => {
    const result = await provisionFromKey(stickWith([]), {
      factoryAnchorsPem: [pki.testCa.certPem],
      now: new Date(),
    });
    expect(result).toMatchObject({
      ok: false,
      error: [{ path: SITE_SIGNATURE_PATH, message: { en: expect.stringMatching(/baladeur site sign/) } }],
    });
  });

  it('HZ-13 an oversized file is refused before it is read', async () => {
    const big = new Uint8Array(SITE_FILE_MAX_BYTES + 1).fill(0x20);
    const result = await provision(big);
    expect(result).toMatchObject({
      ok: false,
      error: [{ path: SITE_FILE_PATH, message: { en: expect.stringMatching(/too large/) } }],
    });
  });

  it('a file that is not JSON says where it breaks; a key with no filesystem says so', async () => {
    const result = await provision('{\n  "format": "baladeur-site/1",\n  oops\n}');
    expect(result).toMatchObject({
      ok: false,
      error: [{ path: '', message: { en: expect.stringMatching(/not valid JSON \(line 3/) } }],
    });
    const blank = await provisionFromKey(memorySource(new Uint8Array(1024 * 1024)), {
      factoryAnchorsPem: [pki.testCa.certPem],
      now: new Date(),
    });
    expect(blank).toMatchObject({
      ok: false,
      error: [{ message: { en: expect.stringMatching(/FAT/), fr: expect.stringMatching(/FAT/) } }],
    });
  });

  it('re-provisioning removes emergency keys and anchors the new site no longer names', async () => {
    mkdirSync(path.join(dataDir, 'keyring'), { recursive: true });
    writeFileSync(path.join(dataDir, 'keyring', 'old-2025.private.jwk.json'), '{}');
    writeFileSync(path.join(dataDir, 'audit.sqlite'), 'kept');
    const applied = applyProvisioning(dataDir, await planOf(site()));
    expect(applied).toMatchObject({ ok: true, value: { removed: ['keyring/old-2025.private.jwk.json'] } });
    expect(existsSync(path.join(dataDir, 'keyring', 'old-2025.private.jwk.json'))).toBe(false);
    expect(readFileSync(path.join(dataDir, 'audit.sqlite'), 'utf8')).toBe('kept');
  });

  it('a data folder that cannot be written gives a typed error, not an exception', async () => {
    const blocker = path.join(dataDir, 'file-not-dir');
    writeFileSync(blocker, 'x');
    const applied = applyProvisioning(blocker, await planOf(site()));
    expect(applied).toMatchObject({ ok: false, error: { code: 'io' } });
  });
});

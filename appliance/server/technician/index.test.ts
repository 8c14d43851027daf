import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureDevPki, type DevPki } from '../../dev/pki/dev-pki.ts';
import { MemoryPrinter } from '../../dev/memory-printer.ts';
import { memorySource } from '../../record/block-source.ts';
import { createKeyImage } from '../../record/fat/index.ts';
import { AuditLog } from '../audit/audit-log.ts';
import { signedStick, siteBytes, stickWith } from './site-bundle.testing.ts';
import type { SystemInfoSource } from './diagnostics.ts';
import {
  createLogRing,
  SITE_SIGNATURE_PATH,
  TechnicianService,
  type CommandRunner,
  type TechnicianDeps,
} from './index.ts';

let pki: DevPki;
let dir: string;
const calls: string[][] = [];
const run: CommandRunner = async (command, args) => {
  calls.push([command, ...args]);
  return { ok: true, value: undefined };
};
const fakeSystem: SystemInfoSource = {
  cpu: async () => ({ brand: 'N100', cores: 4 }),
  mem: async () => ({ total: 1, available: 1, used: 0 }),
  fsSize: async () => [],
  cpuTemperature: async () => ({ main: null }),
  networkInterfaces: async () => [],
  usb: async () => [],
  osInfo: async () => ({ distro: 'Debian' }),
  time: () => ({ current: 0, uptime: 1, timezone: 'UTC' }),
};

function service(): TechnicianService {
  return new TechnicianService(deps());
}

function deps(): TechnicianDeps {
  const ring = createLogRing();
  ring.stream.write('{"level":30,"time":1,"event":"server.started","mode":"simulated"}\n');
  return {
    dataDir: path.join(dir, 'data'),
    factoryAnchorsPem: [pki.testCa.certPem],
    auditFile: path.join(dir, 'audit.sqlite'),
    siteName: () => 'Site de test',
    devices: () => ({
      reader: { status: 'no_reader' },
      printer: { status: 'ready', paperNearEnd: true },
      usbKey: { status: 'no_key' },
    }),
    ring,
    version: { version: '0.1.0', imageSha256: 'e'.repeat(64), source: 'release_file' },
    systemInfo: async () => fakeSystem,
    now: () => new Date('2026-11-28T09:00:00Z'),
    run,
  };
}

beforeAll(async () => {
  pki = await ensureDevPki();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'baladeur-tech-'));
  calls.length = 0;
  const log = new AuditLog(path.join(dir, 'audit.sqlite'));
  log.append(
    { event: 'card_authenticated', who: { nationalId: 'T00000000001', profession: 'technician' } },
    1,
  );
  log.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('TechnicianService', () => {
  it('diagnostics carry the version and the device statuses', async () => {
    const d = await service().diagnostics();
    expect(d.software.imageSha256).toBe('e'.repeat(64));
    expect(d.devices.printer).toEqual({ status: 'ready', paperNearEnd: true });
    expect(d.temperature).toEqual({ status: 'unavailable', reason: 'not_supported' });
    const qr = await service().versionQr();
    expect(qr.text).toBe(`baladeur:0.1.0:${'e'.repeat(64)}`);
    expect(qr.svg).toContain('<svg');
  });

  it('checks, then applies, a signed site bundle from a key; a rejected one writes nothing', async () => {
    const site = {
      format: 'baladeur-site/1',
      site: { name: 'Nouveau site' },
      printer: { transport: { type: 'none' } },
      trustAnchors: [pki.testCa.certPem],
    };
    const stick = await signedStick({ site, signer: pki.provisioning });
    // The provisioning certificate is checked on the kiosk's clock: today's, not the fixed one.
    const s = new TechnicianService({ ...deps(), now: () => new Date() });
    expect(await s.checkProvisioning(stick)).toMatchObject({
      status: 'checked',
      summary: { siteName: 'Nouveau site', signature: { signer: expect.stringContaining('provisioning') } },
    });
    expect(() => readFileSync(path.join(dir, 'data', 'config.json'))).toThrow();
    expect(await s.provisionFrom(stick)).toMatchObject({
      status: 'applied',
      restartRequired: true,
    });
    expect(JSON.parse(readFileSync(path.join(dir, 'data', 'config.json'), 'utf8')).site.name).toBe(
      'Nouveau site',
    );

    const invalid = await signedStick({
      site: { ...site, site: { name: 'Autre' }, trustAnchors: [] },
      signer: pki.provisioning,
    });
    const rejected = await s.provisionFrom(invalid);
    expect(rejected).toMatchObject({ status: 'rejected', problems: [{ path: 'trustAnchors' }] });
    const unsigned = stickWith([
      { name: 'site.json', bytes: siteBytes({ ...site, site: { name: 'Autre' } }) },
    ]);
    expect(await s.provisionFrom(unsigned)).toMatchObject({
      status: 'rejected',
      problems: [{ path: SITE_SIGNATURE_PATH }],
    });
    expect(JSON.parse(readFileSync(path.join(dir, 'data', 'config.json'), 'utf8')).site.name).toBe(
      'Nouveau site',
    );
  });

  it('HZ-26 a bundle signed before the installed one is refused: a stick cannot bring back older CRLs', async () => {
    const site = {
      format: 'baladeur-site/1',
      site: { name: 'Site du jour' },
      printer: { transport: { type: 'none' } },
      trustAnchors: [pki.testCa.certPem],
    };
    const s = new TechnicianService({ ...deps(), now: () => new Date() });
    const older = await signedStick({
      site,
      signer: pki.provisioning,
      now: new Date(Date.now() - 3_600_000),
    });
    expect(await s.provisionFrom(await signedStick({ site, signer: pki.provisioning }))).toMatchObject({
      status: 'applied',
    });
    expect(await s.checkProvisioning(older)).toMatchObject({
      status: 'rejected',
      problems: [
        {
          path: SITE_SIGNATURE_PATH,
          message: { en: expect.stringMatching(/signed before the one installed/) },
        },
      ],
    });
    const newer = await signedStick({
      site: { ...site, site: { name: 'Site du soir' } },
      signer: pki.provisioning,
    });
    expect(await s.provisionFrom(newer)).toMatchObject({
      status: 'applied',
      summary: { siteName: 'Site du soir' },
    });
  });

  it('exports to a blank key', async () => {
    const image = createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes: 8 * 1024 * 1024 });
    const result = await service().exportTo(memorySource(image));
    expect(result).toMatchObject({
      ok: true,
      value: { folder: 'BALADEUR-EXPORT/2026-11-28-site-de-test', audit: { result: 'intact', rows: 1 } },
    });
  });

  it('test print sends the test page to the printer', async () => {
    const printer = new MemoryPrinter();
    const outcome = await service().testPrint(printer, {
      width: 58,
      codePage: 'pc858',
      language: 'fr',
      description: 'simulated',
    });
    expect(outcome).toEqual({ status: 'printed' });
    expect(printer.jobCount()).toBe(1);
    const expected = await service().testPrintBytes({
      width: 58,
      codePage: 'pc858',
      language: 'fr',
      description: 'simulated',
    });
    expect(Buffer.from(printer.last() ?? []).equals(Buffer.from(expected))).toBe(true);
    printer.setState('paper_out');
    expect(await service().testPrint(printer, { width: 58, codePage: 'pc858', language: 'fr' })).toEqual({
      status: 'failed',
      printer: { status: 'paper_out' },
    });
    const bytes = await service().testPrintBytes({ width: 80, codePage: 'wpc1252', language: 'en' });
    expect(bytes.byteLength).toBeGreaterThan(100);
    expect(bytes[0]).toBe(0x1b);
  });

  it('reboot runs systemctl reboot in production only', async () => {
    expect(await service().reboot('simulated')).toEqual({ ok: true, value: 'simulated' });
    expect(calls).toEqual([]);
    expect(await service().reboot('production')).toEqual({ ok: true, value: 'requested' });
    expect(calls).toEqual([['systemctl', 'reboot']]);
  });

  it('reboot can be requested through a file for a root path unit', async () => {
    const file = path.join(dir, 'reboot-request');
    const s = new TechnicianService({ ...deps(), rebootRequestFile: file });
    expect(await s.reboot('production')).toEqual({ ok: true, value: 'requested' });
    expect(readFileSync(file, 'utf8')).toBe('2026-11-28T09:00:00.000Z\n');
    expect(calls).toEqual([]);
    const broken = new TechnicianService({ ...deps(), rebootRequestFile: path.join(dir, 'missing', 'x') });
    expect(await broken.reboot('production')).toEqual({ ok: false, error: 'reboot request failed: ENOENT' });
  });
});

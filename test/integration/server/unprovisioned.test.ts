/**
 * A freshly imaged kiosk: its data partition holds no config.json. With the image's fallback
 * configuration (`unprovisionedConfigFile`, main.ts `--unprovisioned-config`) the real server
 * starts *not provisioned* instead of exiting: /healthz and the session view say so, a nurse card
 * and a patient key are refused with a message, and a technician provisions the kiosk from a key —
 * config.json lands in the missing configuration's folder and the next start loads it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevPki, type DevPki } from '../../../appliance/dev/pki/dev-pki.ts';
import { memorySource } from '../../../appliance/record/block-source.ts';
import { createKeyImage, writeKeyFile } from '../../../appliance/record/fat/index.ts';
import { ConfigError, startKiosk, type Kiosk } from '../../../appliance/dev/kiosk.ts';
import { SITE_DIR } from '../../../appliance/common/site-bundle.ts';
import { signedBundle } from '../../../appliance/server/technician/site-bundle.testing.ts';
import { capturedLogger, connect, dock, send, viewWhere, type Client } from './harness.ts';

const MAIN = path.resolve(import.meta.dirname, '../../../appliance/dev/main.ts');

let pki: DevPki;
let root: string;
/** The image's fallback configuration (factory trust anchors, its own state folder). */
let fallbackFile: string;
/** Where the fallback keeps its audit trail and kiosk secret: deliberately not the config's folder. */
let fallbackData: string;

const ENV = {
  ...process.env,
  BALADEUR_SIM_CARD: 'memory',
  // No demo keys: every key in these tests is a technician's key or a blank one.
  BALADEUR_DEMO_ONLY: '',
};

beforeAll(async () => {
  pki = await ensureDevPki();
  root = mkdtempSync(path.join(tmpdir(), 'baladeur-unprovisioned-'));
  fallbackData = path.join(root, 'fallback-state');
  fallbackFile = path.join(root, 'image', 'unprovisioned.config.json');
  mkdirSync(path.dirname(fallbackFile), { recursive: true });
  writeFileSync(
    fallbackFile,
    JSON.stringify({
      site: { name: 'Baladeur' },
      printer: { transport: { type: 'none' } },
      trustAnchors: [pki.testCa.certPath],
      dataDir: fallbackData,
    }),
  );
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function start(configFile: string, options: { fallback?: boolean } = {}) {
  const { log, logs } = capturedLogger();
  const kiosk = await startKiosk({
    simulated: true,
    configFile,
    ...(options.fallback === false ? {} : { unprovisionedConfigFile: fallbackFile }),
    port: 0,
    pkiDir: pki.dir,
    log,
    env: ENV,
  });
  return { kiosk, logs, base: `http://127.0.0.1:${kiosk.port}` };
}

async function healthz(base: string): Promise<unknown> {
  const response = await fetch(`${base}/healthz`);
  expect(response.status).toBe(200);
  return response.json();
}

/** A technician's key holding a site bundle signed by the dev provisioning key, as a disk image the dock can insert. */
async function siteKey(file: string): Promise<string> {
  const site = {
    format: 'baladeur-site/1',
    site: { name: 'Maison de santé des Tilleuls' },
    languages: ['fr', 'en'],
    printer: { transport: { type: 'none' } },
    trustAnchors: [pki.testCa.certPem],
  };
  const files = await signedBundle({ site, signer: pki.provisioning });
  const image = createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes: 8 * 1024 * 1024 });
  for (const f of files) {
    const written = writeKeyFile(memorySource(image), `${SITE_DIR}/${f.name}`, f.bytes);
    if (!written.ok) throw new Error(written.error.message);
  }
  writeFileSync(file, image);
  return file;
}

async function login(base: string, socket: Client, profile: string, pin: string): Promise<void> {
  await dock(base, 'card/remove');
  await dock(base, 'card/insert', { profile });
  await viewWhere(socket, (v) => v.card.status === 'pin_entry');
  expect(await send(socket, { type: 'pin.submit', pin })).toEqual({ ok: true });
}

describe('a kiosk whose configuration is missing, with the fallback configuration', () => {
  let dataFolder: string;
  let configFile: string;
  let kiosk: Kiosk | undefined;
  let socket: Client | undefined;
  let logs: string[];
  let base: string;

  beforeAll(async () => {
    // The image's empty data partition: the folder exists, config.json does not.
    dataFolder = path.join(root, 'data', 'baladeur');
    mkdirSync(dataFolder, { recursive: true });
    configFile = path.join(dataFolder, 'config.json');
    ({ kiosk, logs, base } = await start(configFile));
    socket = await connect(base, { secret: kiosk.secret });
  }, 120_000);

  afterAll(async () => {
    socket?.close();
    await kiosk?.close();
  });

  it('HZ-11 starts not provisioned instead of exiting; /healthz and the view say so', async () => {
    expect(kiosk?.provisioning).toBe('not_provisioned');
    expect(kiosk?.provisioningDir).toBe(dataFolder);
    expect(await healthz(base)).toMatchObject({ status: 'ok', provisioned: false });
    const view = await viewWhere(socket!, () => true);
    expect(view.provisioning).toBe('not_provisioned');
    const line = logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.event === 'config.invalid');
    expect(line).toMatchObject({ reason: 'missing', fallback: 'not_provisioned', path: configFile });
  });

  it('HZ-06 a nurse card is refused with the not-provisioned reason; a key is not read', async () => {
    await login(base, socket!, 'nurse', '606060');
    const refused = await viewWhere(socket!, (v) => v.card.status === 'rejected');
    expect(refused.card).toEqual({ status: 'rejected', reason: 'not_provisioned' });
    expect(refused.technician?.status ?? 'closed').toBe('closed');

    await dock(base, 'usb-key/insert', { image: await siteKey(path.join(root, 'any-key.img')) });
    const keyView = await viewWhere(socket!, (v) => v.key.status === 'error');
    expect(keyView.key).toEqual({ status: 'error', reason: 'not_provisioned' });
    expect(await send(socket!, { type: 'break_glass.open' })).toEqual({
      ok: false,
      error: 'not_allowed_now',
    });
    expect(logs.join('')).not.toContain('"event":"usb_key.read"');
    await dock(base, 'usb-key/remove');
    await dock(base, 'card/remove');
  });

  it('a technician provisions it: config.json lands in the missing configuration’s folder', async () => {
    await login(base, socket!, 'technician', '999999');
    await viewWhere(socket!, (v) => v.technician?.status === 'open');
    await dock(base, 'usb-key/insert', { image: await siteKey(path.join(root, 'site-key.img')) });
    await viewWhere(socket!, (v) => v.technician?.status === 'open' && v.technician.keyPresent);
    expect(await send(socket!, { type: 'technician.provision' })).toEqual({ ok: true });
    const applied = await viewWhere(
      socket!,
      (v) => v.technician?.status === 'open' && v.technician.provisioning.status !== 'reading',
      20_000,
    );
    expect(applied.technician).toMatchObject({ provisioning: { status: 'applied' } });
    expect(JSON.parse(readFileSync(configFile, 'utf8'))).toMatchObject({
      site: { name: 'Maison de santé des Tilleuls' },
      dataDir: '.',
    });
    expect(existsSync(path.join(dataFolder, 'anchors', 'anchor-1.pem'))).toBe(true);
    expect(existsSync(path.join(fallbackData, 'config.json'))).toBe(false);
    await dock(base, 'usb-key/remove');
    await dock(base, 'card/remove');

    // The refusal and the provisioning are in the kiosk audit (the fallback's state folder).
    const db = new Database(kiosk!.auditFile, { readonly: true });
    const rows = db.prepare('SELECT event, actor_profession, detail FROM audit ORDER BY seq').all() as {
      event: string;
      actor_profession: string | null;
      detail: string;
    }[];
    db.close();
    expect(rows).toContainEqual({
      event: 'card_rejected',
      actor_profession: 'nurse',
      detail: JSON.stringify({ reason: 'not_provisioned' }),
    });
    expect(rows.some((r) => r.event === 'technician_action' && r.detail.includes('"applied"'))).toBe(true);
  });

  it('after the restart the server loads the new config.json: provisioned', async () => {
    socket?.close();
    socket = undefined;
    await kiosk?.close();
    kiosk = undefined;
    const next = await start(configFile);
    kiosk = next.kiosk;
    expect(kiosk.provisioning).toBe('provisioned');
    expect(kiosk.config.config.site.name).toBe('Maison de santé des Tilleuls');
    expect(kiosk.config.dataDir).toBe(dataFolder);
    expect(await healthz(next.base)).toMatchObject({ status: 'ok', provisioned: true });
    socket = await connect(next.base, { secret: kiosk.secret });
    expect((await viewWhere(socket, () => true)).provisioning).toBe('provisioned');
  });
});

describe('the fallback for other configuration problems, and without it', () => {
  it('HZ-11 an invalid config.json also starts not provisioned (reason: invalid)', async () => {
    const folder = path.join(root, 'invalid', 'baladeur');
    mkdirSync(folder, { recursive: true });
    const configFile = path.join(folder, 'config.json');
    writeFileSync(configFile, '{ "site": ');
    const { kiosk, logs, base } = await start(configFile);
    try {
      expect(kiosk.provisioning).toBe('not_provisioned');
      expect(kiosk.provisioningDir).toBe(folder);
      expect(await healthz(base)).toMatchObject({ status: 'ok', provisioned: false });
      expect(logs.join('')).toMatch(/"event":"config.invalid".*"reason":"invalid"/);
      // Never the file's contents in the logs.
      expect(logs.join('')).not.toContain('{ \\"site\\"');
    } finally {
      await kiosk.close();
    }
  }, 60_000);

  it('without the fallback a missing configuration is still a ConfigError', async () => {
    await expect(
      start(path.join(root, 'nowhere', 'config.json'), { fallback: false }),
    ).rejects.toBeInstanceOf(ConfigError);
  });

  it('a broken fallback is a ConfigError that names it', async () => {
    const broken = path.join(root, 'broken-fallback.json');
    writeFileSync(broken, '{}');
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        MAIN,
        '--simulated',
        '--config',
        path.join(root, 'nowhere', 'config.json'),
        '--unprovisioned-config',
        broken,
      ],
      { encoding: 'utf8', env: { ...ENV, PORT: '0' }, timeout: 30_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^baladeur: fallback configuration: invalid configuration .*broken-fallback\.json/,
    );
  });

  it('main.ts --unprovisioned-config: the server process starts not provisioned and stops cleanly', async () => {
    const folder = path.join(root, 'cli', 'baladeur');
    mkdirSync(folder, { recursive: true });
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        MAIN,
        '--simulated',
        '--config',
        path.join(folder, 'config.json'),
        '--unprovisioned-config',
        fallbackFile,
      ],
      { env: { ...ENV, PORT: '0', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not ready:\n${output}`)), 60_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const ready = /kiosk ready at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
          if (ready?.[1]) {
            clearTimeout(timer);
            resolve(ready[1]);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', () => reject(new Error(`exited:\n${output}`)));
      });
      expect(output).toContain('NOT PROVISIONED');
      expect(output).toMatch(/no configuration at .*config\.json: starting not provisioned/);
      expect(await healthz(url.replace(/\/$/, ''))).toMatchObject({ status: 'ok', provisioned: false });
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 90_000);
});

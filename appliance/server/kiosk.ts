/**
 * Boots a kiosk: configuration → devices → audit → session runtime → HTTP/socket.io server.
 * Used by main.ts, the integration tests and the bench. Throws only for bugs; a bad
 * configuration is a `ConfigError` that main.ts turns into one line and exit code 2.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AuditLog } from './audit/audit-log.ts';
import { loadOrCreateKioskSecret } from './audit/pseudonym.ts';
import { loadConfig, type LoadedConfig } from './config/load.ts';
import { factoryAnchorsOf } from './config/factory-anchors.ts';
import { DEV_DIR, UI_DIST } from './paths.ts';
import { productionDevices, type DeviceContext, type DeviceSet } from './devices.ts';
import type { Router } from 'express';
import { createKioskServer, type KioskServer } from './http/app.ts';
import { createLogger, type EventLogger } from './logger.ts';
import { createDrugLoader, type DrugLoader } from './crosscheck-adapter.ts';
import { createPrintPort } from './print-adapter.ts';
import { createKeyWorkerService } from './key-worker/service.ts';
import { SessionRuntime } from './runtime.ts';
import { createTechnicianPort } from './technician-adapter.ts';
import { createLogRing, TechnicianService, type LogRing } from './technician/index.ts';
import { summariseCrls } from '../drivers/smartcard/revocation.ts';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Simulated hardware, the dev dock and demo keys: a port the development part (`appliance/dev`)
 * implements. The production entry point has none, so a kiosk image cannot run simulators.
 */
export interface Simulation {
  /** The development configuration, used when no `--config` is given. */
  devConfig(devDir: string): Promise<{ readonly file: string; readonly pkiDir: string }>;
  devices(pkiDir: string, ctx: DeviceContext): Promise<DeviceSet>;
  /** Slow first-start work (demo keys), before the session starts. */
  prepare(ctx: SimulationContext): Promise<void>;
  /** The factory CA the dev kiosk trusts for site bundles (the dev PKI's test CA, as a development image). */
  factoryAnchors(pkiDir: string): Promise<readonly string[]>;
  /** The dev dock's routes, mounted at `/dev`. */
  dock(ctx: { readonly runtime: SessionRuntime; readonly log: EventLogger }): Router;
}

export interface SimulationContext {
  readonly dataDir: string;
  readonly pkiDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: EventLogger;
  readonly onProgress?: (message: string) => void;
}

export interface KioskOptions {
  readonly configFile?: string;
  /**
   * The image's fallback configuration: used when `configFile` is missing or invalid, and the kiosk
   * then starts *not provisioned* (technician card only) instead of stopping. Provisioning then
   * writes into `configFile`'s folder, so the next start loads the new `config.json`.
   */
  readonly unprovisionedConfigFile?: string;
  readonly port?: number;
  readonly production?: boolean;
  /** Dev folder (PKI, dev config, data) when no config file is given; `<repo>/.dev` by default. */
  readonly devDir?: string;
  /** Dev PKI for simulated cards and demo keys with `configFile`; `<devDir>/pki` by default. */
  readonly pkiDir?: string;
  /** The server's and the drivers' logger; default: stdout at LOG_LEVEL and the technician's log ring. */
  readonly log?: EventLogger;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Loads the cross-check drug reference when a pharmacist first authenticates (tests count its
   * calls); default: the shipped BDPM release, its index cached in the data folder.
   */
  readonly drugs?: DrugLoader;
  /** Called before slow first-start work (demo keys), so main can tell the user. */
  readonly onProgress?: (message: string) => void;
}

export interface Kiosk {
  readonly url: string;
  readonly port: number;
  readonly secret: string;
  readonly config: LoadedConfig;
  /** `not_provisioned`: running on the fallback configuration (`unprovisionedConfigFile`). */
  readonly provisioning: 'provisioned' | 'not_provisioned';
  /** Where technician provisioning writes `config.json` and its files. */
  readonly provisioningDir: string;
  readonly runtime: SessionRuntime;
  readonly server: KioskServer;
  readonly devices: DeviceSet;
  readonly auditFile: string;
  close(): Promise<void>;
}

interface ConfigChoice {
  readonly loaded: LoadedConfig;
  readonly pkiDir: string;
  readonly provisioned: boolean;
  readonly provisioningDir: string;
}

/**
 * The site configuration, or the fallback one when it is missing or invalid and a fallback is
 * given (HZ-11: a kiosk that can be provisioned on the spot rather than a restart loop).
 */
function siteOrFallback(
  configFile: string,
  options: KioskOptions,
  log: EventLogger,
): Omit<ConfigChoice, 'pkiDir'> {
  const loaded = loadConfig(configFile);
  if (loaded.ok) return { loaded: loaded.value, provisioned: true, provisioningDir: loaded.value.dataDir };
  if (options.unprovisionedConfigFile === undefined) throw new ConfigError(loaded.error);
  const file = path.resolve(configFile);
  const reason = existsSync(file) ? 'invalid' : 'missing';
  const fallback = loadConfig(options.unprovisionedConfigFile);
  if (!fallback.ok) throw new ConfigError(`fallback configuration: ${fallback.error}`);
  // The reason only: the file's contents (or zod's words about them) stay out of the logs.
  log.warn('config.invalid', { path: file, reason, fallback: 'not_provisioned' });
  options.onProgress?.(
    `${reason === 'missing' ? `no configuration at ${file}` : loaded.error}: starting not provisioned (technician card only)`,
  );
  // Provisioning writes `config.json` next to the missing file, where the next start looks for it.
  if (path.basename(file) !== 'config.json')
    options.onProgress?.(`provisioning writes config.json, but --config names ${path.basename(file)}`);
  return { loaded: fallback.value, provisioned: false, provisioningDir: path.dirname(file) };
}

async function configFor(
  options: KioskOptions,
  log: EventLogger,
  simulation: Simulation | undefined,
): Promise<ConfigChoice> {
  if (options.configFile !== undefined) {
    const choice = siteOrFallback(options.configFile, options, log);
    // Simulated cards and demo keys always come from a development PKI, whatever the site config.
    const pkiDir =
      options.pkiDir ?? options.env?.BALADEUR_PKI_DIR ?? path.join(options.devDir ?? DEV_DIR, 'pki');
    return { ...choice, pkiDir };
  }
  if (options.production)
    throw new ConfigError('no configuration: --config <file> is required in production');
  // Only the development kiosk has a configuration of its own (appliance/dev, never shipped).
  if (simulation === undefined) throw new ConfigError('no configuration: --config <file> is required');
  const { file, pkiDir } = await simulation.devConfig(options.devDir ?? DEV_DIR);
  const loaded = loadConfig(file);
  if (!loaded.ok) throw new ConfigError(loaded.error);
  return { loaded: loaded.value, pkiDir, provisioned: true, provisioningDir: loaded.value.dataDir };
}

/** The factory CA a site bundle must chain to (config/factory-anchors.ts); the dev kiosk's is its PKI's. */
async function factoryAnchors(
  options: KioskOptions,
  pkiDir: string,
  simulation: Simulation | undefined,
): Promise<readonly string[]> {
  return simulation ? simulation.factoryAnchors(pkiDir) : factoryAnchorsOf(options.unprovisionedConfigFile);
}

/** Starts the kiosk; with `simulation`, on simulated hardware with the dev dock (never in the image). */
export async function startKiosk(options: KioskOptions, simulation?: Simulation): Promise<Kiosk> {
  const env = options.env ?? process.env;
  const ring = createLogRing(500);
  const log = options.log ?? createLogger({ ring });
  const choice = await configFor(options, log, simulation);
  const { loaded, pkiDir } = choice;
  const { config } = loaded;
  const deviceContext: DeviceContext = {
    trustAnchorsPem: loaded.trustAnchorsPem,
    revocation: { crls: loaded.crls, staleCrl: config.revocation?.staleCrl ?? 'warn' },
    staffMappings: config.staffMappings ?? [],
    log,
    notice: (message: string) => options.onProgress?.(message),
    env,
  };
  const devices = simulation
    ? await simulation.devices(pkiDir, deviceContext)
    : await productionDevices(config, deviceContext);
  try {
    return await startWithDevices(options, env, log, choice, devices, simulation, ring);
  } catch (error) {
    // Devices own child processes (pcscd, udevadm): never leave them behind.
    await devices.close().catch(() => undefined);
    throw error;
  }
}

async function startWithDevices(
  options: KioskOptions,
  env: NodeJS.ProcessEnv,
  log: EventLogger,
  choice: ConfigChoice,
  devices: DeviceSet,
  simulation: Simulation | undefined,
  ring: LogRing,
): Promise<Kiosk> {
  const { loaded, pkiDir, provisioned, provisioningDir } = choice;
  const { config } = loaded;
  const mode = simulation ? 'simulated' : 'production';
  const kioskSecret = loadOrCreateKioskSecret(loaded.dataDir);
  const auditFile = path.join(loaded.dataDir, 'audit.sqlite');
  const audit = new AuditLog(auditFile);

  await simulation?.prepare({
    dataDir: loaded.dataDir,
    pkiDir,
    env,
    log,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });

  // Started only when a pharmacist first authenticates (the runtime calls `drugs` at most once).
  // Awaited by close(): the loader may still be writing its index cache under the data folder.
  const loadDrugs = options.drugs ?? createDrugLoader(log, { dataDir: loaded.dataDir });
  let drugsLoading: Promise<unknown> = Promise.resolve();
  const keyRecords = createKeyWorkerService({
    // Records are checked against the record-signer anchors and policy, not the login anchors.
    trustAnchorsPem: loaded.recordSignerAnchorsPem,
    signerProfessions: config.recordSigning.professions,
    outdatedAfterMonths: config.recordSigning.outdatedAfterMonths,
    // The same CRLs as at login, judged at each record's signing time (HZ-26).
    revocation: { crls: loaded.crls, staleCrl: config.revocation?.staleCrl ?? 'warn' },
    emergencyKeyring: loaded.emergencyKeyring,
    kioskSecret,
    siteName: config.site.name,
  });
  const runtime = new SessionRuntime({
    policy: {
      provisioned,
      idleMs: config.timeouts.idleSeconds * 1000,
      languages: config.languages,
      defaultLanguage: config.defaultLanguage,
      breakGlassProfessions: config.breakGlass.professions,
      codeProfessions: config.codeProfessions,
      breakGlassReasons: config.breakGlass.reasons,
      recordSigningProfessions: config.recordSigning.professions,
    },
    mode: mode,
    siteName: config.site.name,
    blankAfterSeconds: config.screen.blankingSeconds,
    // The drug reference's index is cached in the data folder (the image's root is read-only).
    drugs: () => (drugsLoading = loadDrugs()),
    smartcard: devices.smartcard,
    usbKeys: devices.usbKeys,
    printer: devices.printer,
    records: keyRecords,
    printing: createPrintPort({
      printer: devices.printer,
      siteName: config.site.name,
      width: config.printer.width,
      codePage: config.printer.codePage,
      log,
    }),
    audit,
    log,
    technician: createTechnicianPort({
      service: new TechnicianService({
        dataDir: provisioningDir,
        factoryAnchorsPem: await factoryAnchors(options, pkiDir, simulation),
        auditFile,
        siteName: () => config.site.name,
        devices: () => ({
          reader: devices.smartcard.current(),
          printer: devices.printer.current(),
          usbKey: devices.usbKeys.current(),
        }),
        ring,
        revocation: () => ({
          staleCrl: config.revocation?.staleCrl ?? 'warn',
          crls: summariseCrls({ crls: loaded.crls, staleCrl: 'warn' }, new Date()),
        }),
        ...(simulation
          ? {}
          : {
              rebootRequestFile: '/run/baladeur/reboot-request',
              clockRequestFile: '/run/baladeur/clock-request',
            }),
      }),
      printer: devices.printer,
      mode: mode,
      printSettings: () => ({
        width: config.printer.width,
        codePage: config.printer.codePage,
        language: config.defaultLanguage,
        description: config.printer.model,
      }),
    }),
  });
  runtime.start();
  // No key worker while idle: one is loaded when a card is inserted (docs/usb-keys.md, "Key worker").

  const dock = simulation?.dock({ runtime, log });
  const server = createKioskServer({
    runtime,
    uiDist: UI_DIST,
    log,
    ...(dock ? { dock } : {}),
  });
  const port = options.port ?? Number(env.PORT ?? 8080);
  let listening: { port: number; url: string };
  try {
    listening = await server.listen(port);
  } catch (error) {
    runtime.stop();
    audit.close();
    throw error;
  }
  log.info('server.started', {
    url: listening.url,
    mode: mode,
    provisioned,
  });

  return {
    ...listening,
    secret: server.secret,
    config: loaded,
    provisioning: provisioned ? 'provisioned' : 'not_provisioned',
    provisioningDir,
    runtime,
    server,
    devices,
    auditFile,
    async close() {
      await server.close();
      runtime.stop();
      await devices.close();
      audit.close();
      await drugsLoading.catch(() => undefined);
    },
  };
}

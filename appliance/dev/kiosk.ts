/**
 * The kiosk on simulated hardware, for development, the demo, the tests and the bench: the server's
 * `startKiosk` with the dev part's `Simulation` (dev PKI, virtual card through pcscd, virtual
 * printer, key images, the dock, demo keys made from the IPS fixtures). Never shipped in the image.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  startKiosk as startServerKiosk,
  type Kiosk,
  type KioskOptions,
  type Simulation,
} from '../server/kiosk.ts';
import { ensureDemoKeys, type DemoKey } from './dock/demo-keys.ts';
import { dockRouter } from './dock/routes.ts';
import { ensureDevConfig } from './dev-config.ts';
import { simulatedDevices, type SimulatedDeviceSet } from './devices.ts';
import { ipsFixturesDir } from './fixtures.ts';
import { ensureDevPki } from './pki/dev-pki.ts';

export { ConfigError, type Kiosk } from '../server/kiosk.ts';

export interface DevKioskOptions extends KioskOptions {
  /** Simulated hardware and the dock; `false` runs the production wiring (tests of it). */
  readonly simulated: boolean;
}

export interface DevKiosk extends Kiosk {
  readonly demoKeys: readonly DemoKey[];
}

/** The development `Simulation`; `demoKeys` and the devices are read back by the dev kiosk. */
export function devSimulation(): Simulation & {
  demoKeys(): readonly DemoKey[];
  devices(...args: Parameters<Simulation['devices']>): Promise<SimulatedDeviceSet>;
} {
  let demoKeys: DemoKey[] = [];
  let fixturesDir: string | undefined;
  let devices: SimulatedDeviceSet | undefined;
  return {
    demoKeys: () => demoKeys,
    async devConfig(devDir) {
      const { file, pki } = await ensureDevConfig(devDir);
      return { file, pkiDir: pki.dir };
    },
    async devices(pkiDir, ctx) {
      devices = await simulatedDevices(await ensureDevPki(pkiDir), ctx);
      return devices;
    },
    async prepare({ dataDir, pkiDir, env, log, onProgress }) {
      const pki = await ensureDevPki(pkiDir);
      onProgress?.('preparing demo keys (slow on first start only)…');
      const only = env.BALADEUR_DEMO_ONLY?.split(',').filter(Boolean);
      const p2c = env.BALADEUR_DEMO_P2C ? Number(env.BALADEUR_DEMO_P2C) : undefined;
      fixturesDir = ipsFixturesDir(env);
      demoKeys = await ensureDemoKeys({
        dataDir,
        fixturesDir,
        signer: { privateKeyPem: pki.people.doctor.keyPem, certificatePem: pki.people.doctor.certPem },
        emergencyPublicKeys: pki.emergency.keyring,
        ...(p2c !== undefined && Number.isSafeInteger(p2c) ? { p2c } : {}),
        ...(only ? { only } : {}),
      });
      log.info('demo.keys_ready', { count: demoKeys.length });
    },
    async factoryAnchors(pkiDir) {
      return [(await ensureDevPki(pkiDir)).testCa.certPem];
    },
    dock({ runtime, log }) {
      if (devices === undefined) throw new Error('dock before devices');
      return dockRouter({
        devices: devices.simulated,
        demoKeys: () => demoKeys,
        runtime,
        log,
        exportFixture: (name) => readFixture(fixturesDir, name),
      });
    },
  };
}

export async function startKiosk(options: DevKioskOptions): Promise<DevKiosk> {
  const { simulated, ...rest } = options;
  if (!simulated) return { ...(await startServerKiosk(rest)), demoKeys: [] };
  const simulation = devSimulation();
  const kiosk = await startServerKiosk(rest, simulation);
  return { ...kiosk, demoKeys: simulation.demoKeys() };
}

/** An IPS fixture's bytes (the schema allows only plain names: no path outside the folder). */
function readFixture(dir: string | undefined, name: string): Uint8Array | undefined {
  if (dir === undefined) return undefined;
  try {
    return readFileSync(path.join(dir, `${name}.json`));
  } catch {
    return undefined;
  }
}

/**
 * Development images only (never staged in a production one: image/dev-provisioning.sh): provisions
 * a kiosk at boot from a signed site stick, without a technician card at the screen, so that the
 * boot test's kiosk holds a real emergency keyring and configuration on its encrypted /data.
 * Same code path as the technician screen: `provisionFromKey` (the bundle's signature verified
 * against the image's factory CA, then `site.json` validated and planned) and `applyProvisioning`.
 * Each USB disk (`/dev/sd?`) is tried in turn; one that is not a valid signed bundle is refused
 * and reported by file path only (never a value).
 * Bundled at image build (esbuild) into /opt/baladeur/dev-provision/dev-provision.js and run by
 * baladeur-dev-provision.service before the server.
 * Usage: node dev-provision.js --factory-ca <pem> --data <dir> [--wait <seconds>] [--device <file>]
 *   --device: try only this disk or disk image (image/dev-provision.test.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileSource } from '../appliance/drivers/usb-key/block-source.ts';
import { applyProvisioning, provisionFromKey } from '../appliance/server/technician/provisioning.ts';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const usbDisks = (): string[] => {
  const only = option('--device');
  if (only) return [only];
  return readdirSync('/sys/block')
    .filter((name) => /^sd[a-z]+$/.test(name))
    .map((name) => `/dev/${name}`);
};

async function tryDisk(device: string, factoryAnchorsPem: string[], dataDir: string): Promise<boolean> {
  let source;
  try {
    source = fileSource(device, { readOnly: true });
  } catch (error) {
    console.log(`dev-provision: ${device}: cannot open (${(error as Error).message})`);
    return false;
  }
  try {
    const plan = await provisionFromKey(source, { factoryAnchorsPem, now: new Date() });
    if (!plan.ok) {
      console.log(
        `dev-provision: ${device}: refused (${plan.error.map((p) => p.path || 'bundle').join(', ')})`,
      );
      return false;
    }
    const applied = applyProvisioning(dataDir, plan.value);
    if (!applied.ok) {
      console.log(`dev-provision: ${device}: ${applied.error.message}`);
      return false;
    }
    const { summary } = plan.value;
    console.log(
      `dev-provision: provisioned from ${device}, signed by ${summary.signature?.signer ?? '?'}: ` +
        `${summary.emergencyKeys.length} emergency key(s), ${summary.trustAnchors.length} trust anchor(s)`,
    );
    return true;
  } finally {
    source.close();
  }
}

async function main(): Promise<number> {
  const caFile = option('--factory-ca');
  const dataDir = option('--data');
  const waitSeconds = Number(option('--wait') ?? '120');
  if (!caFile || !dataDir) {
    console.error('usage: dev-provision --factory-ca <pem> --data <dir> [--wait <seconds>]');
    return 2;
  }
  if (existsSync(path.join(dataDir, 'config.json'))) {
    console.log('dev-provision: already provisioned');
    return 0;
  }
  const factoryAnchorsPem = [readFileSync(caFile, 'utf8')];
  const tried = new Set<string>();
  const deadline = Date.now() + waitSeconds * 1000;
  // USB disks appear once usbguard has authorised them: look again until the time is up.
  while (Date.now() < deadline) {
    for (const device of usbDisks().filter((d) => !tried.has(d))) {
      tried.add(device);
      if (await tryDisk(device, factoryAnchorsPem, dataDir)) return 0;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  console.log(`dev-provision: no signed site stick among ${[...tried].join(', ') || 'no USB disk'}`);
  return 1;
}

process.exitCode = await main();

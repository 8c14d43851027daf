/**
 * Writes the site's usbguard rule file from the kiosk configuration (run as root at boot, before
 * usbguard, by baladeur-usbguard-site.service). A missing or invalid configuration gives a rule
 * file without rules: the class rules of /etc/usbguard/rules.conf still apply and every HID
 * device stays blocked. The file is written under a temporary name and renamed, inside the folder
 * itself: under systemd the folder is its own mount (RuntimeDirectory=), so a rename from outside
 * fails with EXDEV (seen in the boot test). usbguard loads every file of its RuleFolder, but it is
 * not running yet (the unit is ordered Before=usbguard.service) and the rename leaves one file.
 * Kept light (node:fs, the schema, the generator): it runs on every boot.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '../../common/result.ts';
import { parseConfig } from './load.ts';
import type { UsbDevice } from './schema.ts';
import { usbguardSiteRules } from './usbguard-site-rules.ts';

export const SITE_RULES_FILE = '50-site.conf';

export interface SiteRulesWritten {
  readonly file: string;
  readonly rules: number;
  /** Where the devices came from: the configuration, or nothing (and why). */
  readonly source: 'config' | 'no_config' | 'invalid_config';
  readonly reason?: string;
}

function siteDevices(configFile: string): {
  devices: readonly UsbDevice[];
  source: SiteRulesWritten['source'];
  reason?: string;
} {
  let text: string;
  try {
    text = readFileSync(configFile, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return { devices: [], source: code === 'ENOENT' ? 'no_config' : 'invalid_config', reason: code };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { devices: [], source: 'invalid_config', reason: 'not valid JSON' };
  }
  const parsed = parseConfig(json, configFile);
  if (!parsed.ok) return { devices: [], source: 'invalid_config', reason: parsed.error };
  return { devices: parsed.value.usbDevices ?? [], source: 'config' };
}

/** Reads `configFile`, writes `<rulesDir>/50-site.conf` (mode 0600). Fails only if it cannot write. */
export function writeSiteRules(configFile: string, rulesDir: string): Result<SiteRulesWritten, string> {
  const found = siteDevices(configFile);
  const file = path.join(rulesDir, SITE_RULES_FILE);
  const temp = path.join(rulesDir, `.${SITE_RULES_FILE}.tmp`);
  try {
    mkdirSync(rulesDir, { recursive: true, mode: 0o700 });
    writeFileSync(temp, usbguardSiteRules(found.devices), { mode: 0o600 });
    // usbguard-daemon refuses a rule file readable by anyone but its owner (Daemon::checkFilePermissions).
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  } catch (error) {
    return err(`${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return ok({
    file,
    rules: found.devices.length,
    source: found.source,
    ...(found.reason === undefined ? {} : { reason: found.reason }),
  });
}

/**
 * Boot entry point (image: `node /opt/baladeur/appliance/server/config/usbguard-site-rules-cli.js`,
 * run by baladeur-usbguard-site.service before usbguard.service):
 *   usbguard-site-rules-cli [--config /data/baladeur/config.json] [--rules-dir /run/usbguard/rules.d]
 * Exits 0 whenever the rule file was written (even without devices), 1 if it could not be.
 */
import { createLogger } from '../logger.ts';
import { writeSiteRules } from './usbguard-site-rules-file.ts';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  return value ?? fallback;
}

const result = writeSiteRules(
  option('--config', '/data/baladeur/config.json'),
  option('--rules-dir', '/run/usbguard/rules.d'),
);
// The kiosk's catalogued log lines (journald), success on stdout and failure on stderr.
if (result.ok) {
  createLogger({ destination: process.stdout }).info('usbguard_site.rules_written', { ...result.value });
} else {
  createLogger({ destination: process.stderr }).error('usbguard_site.write_failed', { error: result.error });
  process.exitCode = 1;
}

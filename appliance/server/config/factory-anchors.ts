/**
 * The factory CA a site bundle's provisioning certificate must chain to (issue 20): the trust
 * anchors of the image's unprovisioned configuration (`/opt/baladeur/image/unprovisioned.config.json`
 * → `factory-technician-ca.pem`), whether or not the kiosk is provisioned — a site never replaces
 * the authority that may re-provision it. No fallback configuration, or an unreadable one: none
 * (every bundle is then refused).
 */
import { loadConfig } from './load.ts';

export function factoryAnchorsOf(unprovisionedConfigFile: string | undefined): readonly string[] {
  if (unprovisionedConfigFile === undefined) return [];
  const fallback = loadConfig(unprovisionedConfigFile);
  return fallback.ok ? fallback.value.trustAnchorsPem : [];
}

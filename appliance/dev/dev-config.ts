/**
 * The development configuration: used when no `--config` is given outside production. Written
 * once to `<repo>/.dev/kiosk.config.json` (editable) and pointing at the dev PKI from
 * `ensureDevPki()` (appliance/dev/pki/dev-pki.ts).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureDevPki, type DevPki } from './pki/dev-pki.ts';
import { DEV_DIR } from '../server/paths.ts';
import { DEFAULT_REASONS, type KioskConfig } from '../server/config/schema.ts';
import { LANGUAGES } from '../common/languages.ts';

export function devConfigJson(pki: DevPki, devDir: string): KioskConfig {
  const rel = (p: string) => path.relative(devDir, p);
  return {
    site: { name: 'Baladeur dev kiosk' },
    languages: [...LANGUAGES],
    defaultLanguage: 'fr',
    printer: { model: 'simulated', width: 80, codePage: 'pc858', transport: { type: 'simulated' } },
    trustAnchors: [rel(pki.testCa.certPath)],
    emergencyKeyring: [rel(pki.emergency.privateJwkPath)],
    breakGlass: { professions: ['doctor', 'nurse', 'midwife'], reasons: DEFAULT_REASONS },
    codeProfessions: ['doctor', 'pharmacist', 'midwife', 'nurse'],
    recordSigning: {
      professions: ['doctor', 'midwife'],
      trustAnchors: [rel(pki.testCa.certPath)],
      outdatedAfterMonths: 12,
    },
    timeouts: { idleSeconds: 120 },
    screen: { blankingSeconds: 600 },
    dataDir: 'data',
  };
}

/** Ensures the dev PKI and the dev config file exist; returns the config path and the PKI. */
export async function ensureDevConfig(
  devDir: string = DEV_DIR,
): Promise<{ readonly file: string; readonly pki: DevPki }> {
  const pki = await ensureDevPki(path.join(devDir, 'pki'));
  mkdirSync(devDir, { recursive: true });
  const file = path.join(devDir, 'kiosk.config.json');
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(devConfigJson(pki, devDir), null, 2) + '\n');
  return { file, pki };
}

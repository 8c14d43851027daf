/**
 * Provisioning a kiosk from a technician's USB key: the signed bundle in `BALADEUR-SITE/`
 * (`site.jws` verified against the factory CA, then `site.json` and the CRLs it names,
 * signed-site.ts) is read through the FAT layer (size-bounded), `site.json` validated against
 * `SiteProvisioningSchema`, and turned either into a report of every problem (path + message) or
 * a plan of files for the data folder: `config.json` (the kiosk ConfigSchema),
 * `anchors/anchor-N.pem`, `keyring/<kid>.private.jwk.json`, `crls/crl-N.crl` (the site's CRLs,
 * named by `config.json`'s `revocation`), `site.jws` (what was installed, by whom) and
 * `screen.env` (read by baladeur-kiosk.service). `config.json` also lists the site's pinned USB
 * devices, turned into usbguard rules at boot (config/usbguard-site-rules-cli.ts).
 * `applyProvisioning` writes the plan atomically, config.json last.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { z } from 'zod';
import type { BlockSource } from '../../record/block-source.ts';
import { err, ok, type Result } from '../../common/result.ts';
import { parseConfig } from '../config/load.ts';
import type { KioskConfig } from '../config/schema.ts';
import type { x509 } from '../../drivers/smartcard/x509.ts';
import { parseCrls } from '../../drivers/smartcard/revocation.ts';
import { SITE_DIR, SITE_JSON_MAX_BYTES, SITE_JSON_NAME } from '../../common/site-bundle.ts';
import { readSignedSite, type SignedSiteFiles, type SignedSiteOptions } from './signed-site.ts';
import type {
  BilingualText,
  ProvisioningProblem,
  ProvisioningSummary,
  ScreenSettings,
} from '../../contract/technician-view.ts';
import { siteMessage, SITE_MESSAGES } from './provisioning-messages.ts';
import { SiteProvisioningSchema, type SiteProvisioning } from './site-schema.ts';

export { applyProvisioning } from './apply.ts';

/** Where the site file lives on the technician's key (FAT names compare case-insensitively). */
export const SITE_FILE_PATH = `${SITE_DIR}/${SITE_JSON_NAME}`;
export const SITE_FILE_MAX_BYTES = SITE_JSON_MAX_BYTES;
export { SITE_SIGNATURE_PATH } from './signed-site.ts';

export interface PlannedFile {
  /** Relative to the data folder, '/'-separated. */
  readonly path: string;
  readonly contents: string | Uint8Array;
}

export interface ProvisioningPlan {
  readonly summary: ProvisioningSummary;
  readonly files: readonly PlannedFile[];
}

const problem = (path: string, key: string): ProvisioningProblem => ({ path, message: siteMessage(key) });

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** A union of literals (`width: 80 | 58`) fails as "Invalid input": say which values are allowed. */
function unionMessage(issue: z.core.$ZodIssue): BilingualText | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const values: unknown[] = [];
  for (const branch of issue.errors) {
    const only = branch.length === 1 ? branch[0] : undefined;
    if (only?.code !== 'invalid_value') return undefined;
    values.push(...only.values);
  }
  const list = values.map((v) => JSON.stringify(v)).join(', ');
  return { fr: `Valeur invalide : attendu l'une de ${list}`, en: `Invalid value: expected one of ${list}` };
}

/** Every issue, in both languages (zod's fr/en locales; our own checks through their keys). */
export function validateSite(json: unknown): Result<SiteProvisioning, ProvisioningProblem[]> {
  const en = SiteProvisioningSchema.safeParse(json, { error: z.locales.en().localeError });
  if (en.success) return ok(en.data);
  const fr = SiteProvisioningSchema.safeParse(json, { error: z.locales.fr().localeError });
  const frIssues = fr.success ? [] : fr.error.issues;
  return err(
    en.error.issues.map((issue, i) => {
      const path = formatPath(issue.path);
      if (SITE_MESSAGES[issue.message]) return problem(path, issue.message);
      const union = unionMessage(issue);
      if (union) return { path, message: union };
      return { path, message: { en: issue.message, fr: frIssues[i]?.message ?? issue.message } };
    }),
  );
}

function jsonProblem(error: unknown, text: string): ProvisioningProblem {
  const base = siteMessage('file.not_json');
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  if (position === undefined) return { path: '', message: { fr: `${base.fr}.`, en: `${base.en}.` } };
  const before = text.slice(0, Number(position)).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return {
    path: '',
    message: {
      fr: `${base.fr} (ligne ${line}, colonne ${column}).`,
      en: `${base.en} (line ${line}, column ${column}).`,
    },
  };
}

/** Bytes of a site file → the validated site, or every problem found. */
export function parseSiteFile(bytes: Uint8Array): Result<SiteProvisioning, ProvisioningProblem[]> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return err([problem('', 'file.not_utf8')]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return err([jsonProblem(error, text)]);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return err([problem('', 'file.not_object')]);
  return validateSite(json);
}

function transportText(transport: KioskConfig['printer']['transport']): string {
  switch (transport.type) {
    case 'tcp':
      return `tcp://${transport.host}:${transport.port}`;
    case 'usb':
      return `usb ${transport.vendorId.toString(16).padStart(4, '0')}:${transport.productId.toString(16).padStart(4, '0')}`;
    case 'serial':
      return `serial ${transport.path} ${transport.baudRate} bd`;
    case 'simulated':
      return 'simulated';
    case 'none':
      return 'none';
  }
}

function screenEnv(screen: ScreenSettings): string {
  const transform = screen.rotation === 0 ? 'normal' : String(screen.rotation);
  return [
    '# Written by Baladeur provisioning; read by baladeur-kiosk.service (EnvironmentFile).',
    `BALADEUR_SCREEN_ROTATION=${screen.rotation}`,
    `BALADEUR_OUTPUT_TRANSFORM=${transform}`,
    `BALADEUR_TOUCH_OUTPUT=${screen.touchOutput ?? ''}`,
    'BALADEUR_TOUCH_ARGS=--touch-events=enabled',
    '',
  ].join('\n');
}

/** The CRLs of a verified bundle, parsed (each must be a PEM or DER CRL). */
function parseBundleCrls(
  files: SignedSiteFiles['crls'],
): Result<
  { readonly name: string; readonly bytes: Uint8Array; readonly crl: x509.X509Crl }[],
  ProvisioningProblem[]
> {
  const parsed: { name: string; bytes: Uint8Array; crl: x509.X509Crl }[] = [];
  const problems: ProvisioningProblem[] = [];
  for (const file of files) {
    const text = Buffer.from(file.bytes).toString('latin1');
    try {
      const crls = parseCrls([text.includes('-----BEGIN X509 CRL-----') ? text : file.bytes]);
      const [crl] = crls;
      if (crl === undefined || crls.length !== 1) throw new Error('one CRL per file');
      parsed.push({ ...file, crl });
    } catch {
      problems.push(problem(`${SITE_DIR}/${file.name}`, 'crl.unreadable'));
    }
  }
  return problems.length > 0 ? err(problems) : ok(parsed);
}

/** What the signature installs besides the site: its CRLs and the signature itself. */
export interface PlannedBundle {
  readonly jws: string;
  readonly signer: string;
  readonly signedAt: Date;
  readonly crls: readonly { readonly name: string; readonly bytes: Uint8Array; readonly crl: x509.X509Crl }[];
}

/** The files a valid site gives; the config is re-checked with the kiosk's own ConfigSchema. */
export function planProvisioning(
  site: SiteProvisioning,
  bundle: PlannedBundle,
): Result<ProvisioningPlan, ProvisioningProblem[]> {
  const crlFiles = bundle.crls.map((c) => ({ path: `crls/${c.name}`, contents: c.bytes }));
  const anchorFiles = site.trustAnchors.map((pem, i) => ({
    path: `anchors/anchor-${i + 1}.pem`,
    contents: `${pem.trim()}\n`,
  }));
  const keyFiles = site.emergencyKeyring.map((jwk) => ({
    path: `keyring/${jwk.kid}.private.jwk.json`,
    contents: `${JSON.stringify(jwk, null, 2)}\n`,
  }));
  const config: KioskConfig = {
    site: site.site,
    languages: site.languages,
    defaultLanguage: site.defaultLanguage,
    printer: site.printer,
    trustAnchors: anchorFiles.map((f) => f.path),
    emergencyKeyring: keyFiles.map((f) => f.path),
    revocation: { crls: crlFiles.map((f) => f.path), staleCrl: site.revocation.staleCrl },
    breakGlass: site.breakGlass,
    codeProfessions: site.codeProfessions,
    // Record signers are checked against the site's trust anchors (the login ones).
    recordSigning: site.recordSigning,
    ...(site.staffMappings ? { staffMappings: site.staffMappings } : {}),
    timeouts: site.timeouts,
    screen: { blankingSeconds: site.screen.blankingSeconds },
    usbDevices: site.usbDevices,
    dataDir: '.',
  };
  if (!parseConfig(config, 'config.json').ok) return err([problem('', 'file.internal')]);
  const trustAnchors = site.trustAnchors.map((pem) => {
    const cert = new X509Certificate(pem);
    return {
      subject: cert.subject.replace(/\n/g, ', '),
      notAfter: new Date(cert.validTo).toISOString(),
      sha256: createHash('sha256').update(cert.raw).digest('hex'),
    };
  });
  return ok({
    summary: {
      siteName: site.site.name,
      languages: site.languages,
      defaultLanguage: site.defaultLanguage,
      printer: `${site.printer.model}, ${site.printer.width} mm, ${site.printer.codePage}, ${transportText(site.printer.transport)}`,
      trustAnchors,
      emergencyKeys: site.emergencyKeyring.map((k) => k.kid),
      breakGlassProfessions: site.breakGlass.professions,
      idleSeconds: site.timeouts.idleSeconds,
      screen: site.screen,
      usbDevices: site.usbDevices,
      signature: { signer: bundle.signer, signedAt: bundle.signedAt.toISOString() },
      revocation: {
        staleCrl: site.revocation.staleCrl,
        crls: bundle.crls.map(({ crl }) => ({
          issuer: crl.issuer,
          thisUpdate: crl.thisUpdate.toISOString(),
          ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate.toISOString() } : {}),
          entries: crl.entries.length,
        })),
      },
    },
    files: [
      ...anchorFiles,
      ...keyFiles,
      ...crlFiles,
      { path: 'site.jws', contents: `${bundle.jws}\n` },
      { path: 'screen.env', contents: screenEnv(site.screen) },
      { path: 'config.json', contents: `${JSON.stringify(config, null, 2)}\n` },
    ],
  });
}

/**
 * Reads the signed bundle on `source`, then validates and plans its site file. Never throws for a
 * bad key or file; an unsigned, altered or untrusted bundle is refused before `site.json` is parsed.
 */
export async function provisionFromKey(
  source: BlockSource,
  options: SignedSiteOptions,
): Promise<Result<ProvisioningPlan, ProvisioningProblem[]>> {
  const signed = await readSignedSite(source, options);
  if (!signed.ok) return signed;
  const site = parseSiteFile(signed.value.site);
  const crls = parseBundleCrls(signed.value.crls);
  if (!site.ok || !crls.ok) return err([...(site.ok ? [] : site.error), ...(crls.ok ? [] : crls.error)]);
  const { signature, jws } = signed.value;
  return planProvisioning(site.value, {
    jws,
    signer: signature.signer,
    signedAt: signature.signedAt,
    crls: crls.value,
  });
}

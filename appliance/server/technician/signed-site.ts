/**
 * Reading a signed site bundle from the provisioning stick: `BALADEUR-SITE/site.jws` first
 * (verified against the factory CA), then exactly the files its manifest names, each of the
 * signed size and SHA-256. A file added to the folder is never read; a file changed or swapped
 * after signing (a CRL included) refuses the whole bundle.
 */
import { decodeProtectedHeader } from 'jose';
import type { BlockSource } from '../../record/block-source.ts';
import { err, ok, type Result } from '../../common/result.ts';
import { fatError } from '../../record/fat/errors.ts';
import {
  SITE_CRL_MAX_BYTES,
  SITE_DIR,
  SITE_JSON_MAX_BYTES,
  SITE_SIGNATURE_MAX_BYTES,
  SITE_SIGNATURE_NAME,
  sha256Hex,
} from '../../common/site-bundle.ts';
import type { ProvisioningProblem } from '../../contract/technician-view.ts';
import { readTechnicianFile } from './key-files.ts';
import { KEY_MESSAGES_FR, siteMessage } from './provisioning-messages.ts';
import { verifySiteSignature, type VerifiedSiteSignature } from './site-signature.ts';

export const SITE_SIGNATURE_PATH = `${SITE_DIR}/${SITE_SIGNATURE_NAME}`;

export interface SignedSiteOptions {
  /** PEM certificates of the factory CA (the image's `factory-technician-ca.pem`). */
  readonly factoryAnchorsPem: readonly string[];
  readonly now: Date;
  /**
   * When the bundle installed now was signed (its kept `site.jws`): an older bundle is refused, so
   * a stick cannot bring back CRLs that listed fewer revoked cards.
   */
  readonly installedSignedAt?: Date;
}

export interface SignedSiteFiles {
  readonly signature: VerifiedSiteSignature;
  /** The `site.jws` text, kept in the data folder with what it installed. */
  readonly jws: string;
  readonly site: Uint8Array;
  readonly crls: readonly { readonly name: string; readonly bytes: Uint8Array }[];
}

const problem = (path: string, key: string): ProvisioningProblem => ({ path, message: siteMessage(key) });

function readSigned(
  source: BlockSource,
  name: string,
  expected: { readonly bytes: number; readonly sha256: string },
  maxBytes: number,
  tooLarge: 'file.too_large' | 'crl.too_large',
): Result<Uint8Array, ProvisioningProblem> {
  const path = `${SITE_DIR}/${name}`;
  if (expected.bytes > maxBytes) return err(problem(path, tooLarge));
  const read = readTechnicianFile(source, path, expected.bytes);
  if (!read.ok) {
    const { code } = read.error;
    if (code === 'not_found') return err(problem(path, 'signature.file_missing'));
    if (code === 'too_large') return err(problem(path, 'signature.file_changed'));
    return err({ path, message: { fr: KEY_MESSAGES_FR[code], en: fatError(code).message } });
  }
  if (read.value.byteLength !== expected.bytes || sha256Hex(read.value) !== expected.sha256)
    return err(problem(path, 'signature.file_changed'));
  return ok(read.value);
}

/** When a kept `site.jws` says it was signed (its own header; it was verified when installed). */
export function signedAtOf(jws: string): Date | undefined {
  try {
    const iat: unknown = decodeProtectedHeader(jws.trim()).iat;
    return typeof iat === 'number' && Number.isInteger(iat) && iat > 0 ? new Date(iat * 1000) : undefined;
  } catch {
    return undefined;
  }
}

/** The verified bundle's files, or why it is refused (nothing of an unsigned or altered bundle is used). */
export async function readSignedSite(
  source: BlockSource,
  options: SignedSiteOptions,
): Promise<Result<SignedSiteFiles, ProvisioningProblem[]>> {
  const read = readTechnicianFile(source, SITE_SIGNATURE_PATH, SITE_SIGNATURE_MAX_BYTES);
  if (!read.ok) {
    const { code } = read.error;
    if (code === 'not_found') return err([problem(SITE_SIGNATURE_PATH, 'signature.missing')]);
    if (code === 'too_large') return err([problem(SITE_SIGNATURE_PATH, 'signature.malformed')]);
    return err([
      { path: SITE_SIGNATURE_PATH, message: { fr: KEY_MESSAGES_FR[code], en: fatError(code).message } },
    ]);
  }
  let jws: string;
  try {
    jws = new TextDecoder('utf-8', { fatal: true }).decode(read.value).trim();
  } catch {
    return err([problem(SITE_SIGNATURE_PATH, 'signature.malformed')]);
  }
  const verified = await verifySiteSignature(jws, options.factoryAnchorsPem, options.now);
  if (!verified.ok) return err([problem(SITE_SIGNATURE_PATH, verified.error)]);
  const { manifest, signedAt } = verified.value;
  if (options.installedSignedAt !== undefined && signedAt.getTime() < options.installedSignedAt.getTime())
    return err([problem(SITE_SIGNATURE_PATH, 'signature.older')]);
  const site = readSigned(source, manifest.site.name, manifest.site, SITE_JSON_MAX_BYTES, 'file.too_large');
  if (!site.ok) return err([site.error]);
  const crls: { name: string; bytes: Uint8Array }[] = [];
  const problems: ProvisioningProblem[] = [];
  for (const entry of manifest.crls) {
    const crl = readSigned(source, entry.name, entry, SITE_CRL_MAX_BYTES, 'crl.too_large');
    if (crl.ok) crls.push({ name: entry.name, bytes: crl.value });
    else problems.push(crl.error);
  }
  if (problems.length > 0) return err(problems);
  return ok({ signature: verified.value, jws, site: site.value, crls });
}

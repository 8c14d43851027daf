/** Test helper: a provisioning stick (FAT image) carrying a signed site bundle, optionally altered after signing. */
import { buildSiteBundle, SITE_DIR, type SiteBundleFile } from '../../common/site-bundle.ts';
import { memorySource, type BlockSource } from '../../record/block-source.ts';
import { createKeyImage, writeKeyFile } from '../../record/fat/index.ts';

export interface StickOptions {
  /** A JSON value (serialised) or the exact bytes of site.json. */
  readonly site: unknown;
  readonly crls?: readonly Uint8Array[];
  readonly signer: { readonly keyPem: string; readonly certPem: string };
  readonly now?: Date;
  /** Changes the files after signing (the signature stays as made). */
  readonly alter?: (files: SiteBundleFile[]) => SiteBundleFile[];
  readonly readOnly?: boolean;
}

export const siteBytes = (site: unknown): Uint8Array =>
  site instanceof Uint8Array
    ? site
    : new TextEncoder().encode(typeof site === 'string' ? site : JSON.stringify(site, null, 2));

export function stickWith(
  files: readonly SiteBundleFile[],
  options: { readOnly?: boolean } = {},
): BlockSource {
  const image = createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes: 8 * 1024 * 1024 });
  for (const file of files) {
    const written = writeKeyFile(memorySource(image), `${SITE_DIR}/${file.name}`, file.bytes);
    if (!written.ok) throw new Error(`cannot write ${file.name}: ${written.error.code}`);
  }
  return memorySource(image, options);
}

export async function signedBundle(options: StickOptions): Promise<SiteBundleFile[]> {
  const files = await buildSiteBundle({
    site: siteBytes(options.site),
    crls: options.crls ?? [],
    keyPem: options.signer.keyPem,
    certificatesPem: options.signer.certPem,
    now: options.now ?? new Date(),
  });
  return options.alter ? options.alter(files) : files;
}

export async function signedStick(options: StickOptions): Promise<BlockSource> {
  return stickWith(await signedBundle(options), options.readOnly ? { readOnly: true } : {});
}

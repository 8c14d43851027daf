/**
 * Loads the drug index for the kiosk: reads the four BDPM files, and either loads the compact
 * index cached for exactly these bytes (keyed by their hash) or builds it once and caches it.
 * The cache is derived data (no patient data); a stale or corrupt cache file is rebuilt.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { APP_ROOT } from '../../common/app-root.ts';
import { err, ok, type Result } from '../../common/result.ts';
import type { DrugKnowledge } from '../knowledge.ts';
import { type BdpmSources, buildIndex, hashSources } from './build-index.ts';
import { type BdpmIndex, isBdpmIndex } from './index-format.ts';
import { knowledgeFromIndex } from './knowledge.ts';
import { BDPM_FILES, type BdpmFileKind } from './parse.ts';

/** The release shipped in the repository (see data/bdpm/README.md for source and licence). */
export const SHIPPED_BDPM_DIR = join(APP_ROOT, 'appliance', 'crosscheck', 'data', 'bdpm') + sep;

/** Where `scripts/bdpm-import.ts` installs a newer release, under a data directory. */
export function activeBdpmDir(dataDir: string): string {
  return join(dataDir, 'bdpm', 'active');
}

/** A BDPM file larger than this is refused (the 2022 release's largest file is 4 MB). */
export const MAX_BDPM_FILE_BYTES = 64 * 1024 * 1024;

export type LoadError =
  | { readonly kind: 'missing_file'; readonly file: string }
  | { readonly kind: 'file_too_large'; readonly file: string; readonly bytes: number }
  | { readonly kind: 'unreadable'; readonly file: string; readonly message: string };

export async function readSources(dir: string): Promise<Result<BdpmSources, LoadError>> {
  const out: Partial<Record<BdpmFileKind, Uint8Array>> = {};
  for (const kind of Object.keys(BDPM_FILES) as BdpmFileKind[]) {
    const file = join(dir, BDPM_FILES[kind]);
    try {
      const bytes = await readFile(file);
      if (bytes.length > MAX_BDPM_FILE_BYTES)
        return err({ kind: 'file_too_large', file, bytes: bytes.length });
      out[kind] = bytes;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return err({ kind: 'missing_file', file });
      return err({ kind: 'unreadable', file, message: String((e as Error).message) });
    }
  }
  return ok(out as BdpmSources);
}

export interface LoadedKnowledge {
  readonly knowledge: DrugKnowledge;
  readonly sourceDir: string;
  readonly indexFile: string;
  /** 'cache' when the index file was loaded, 'built' when it was (re)built from the sources. */
  readonly from: 'cache' | 'built';
  readonly indexBytes: number;
}

export function indexFileFor(cacheDir: string, sourceHash: string): string {
  return join(cacheDir, `bdpm-index-${sourceHash.slice(0, 32)}.json`);
}

async function readCachedIndex(
  file: string,
  sourceHash: string,
): Promise<{ index: BdpmIndex; bytes: number } | undefined> {
  try {
    const text = await readFile(file, 'utf8');
    const value: unknown = JSON.parse(text);
    return isBdpmIndex(value, sourceHash) ? { index: value, bytes: Buffer.byteLength(text) } : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the index next to its final name, then renames it: a reader never sees half a file. */
export async function writeIndex(file: string, index: BdpmIndex, cacheDir: string): Promise<number> {
  await mkdir(cacheDir, { recursive: true });
  const text = JSON.stringify(index);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
  return Buffer.byteLength(text);
}

export interface LoadOptions {
  /** Directory holding the four BDPM files; default: the active release under `dataDir`, else the shipped one. */
  readonly sourceDir?: string;
  /** Server data directory (where `bdpm-import` installs a release). */
  readonly dataDir?: string;
  /** Where the built index is cached; default `<dataDir>/cache`, else `<repo>/.dev/cache`. */
  readonly cacheDir?: string;
  /** A read-only folder searched first for a matching index; default SHIPPED_INDEX_DIR. */
  readonly shippedIndexDir?: string;
}

export const DEV_CACHE_DIR = join(APP_ROOT, '.dev', 'cache') + sep;

/**
 * The index of the shipped release, built once at image build (image/stage-app.sh) into the
 * read-only image: building it takes ≈ 2 s of blocked event loop on a PC (a minute under software
 * emulation), which the kiosk should not spend at every first boot. Absent in a checkout.
 */
export const SHIPPED_INDEX_DIR = join(APP_ROOT, 'appliance', 'crosscheck', 'data', 'bdpm-index') + sep;

async function chooseSourceDir(options: LoadOptions): Promise<string> {
  if (options.sourceDir !== undefined) return options.sourceDir;
  if (options.dataDir !== undefined) {
    const active = activeBdpmDir(options.dataDir);
    const probe = await readSources(active);
    if (probe.ok) return active;
  }
  return SHIPPED_BDPM_DIR;
}

export async function loadDrugKnowledge(
  options: LoadOptions = {},
): Promise<Result<LoadedKnowledge, LoadError>> {
  const sourceDir = await chooseSourceDir(options);
  const sources = await readSources(sourceDir);
  if (!sources.ok) return sources;
  const cacheDir =
    options.cacheDir ?? (options.dataDir !== undefined ? join(options.dataDir, 'cache') : DEV_CACHE_DIR);
  const sourceHash = hashSources(sources.value);
  const indexFile = indexFileFor(cacheDir, sourceHash);
  for (const file of [indexFileFor(options.shippedIndexDir ?? SHIPPED_INDEX_DIR, sourceHash), indexFile]) {
    const cached = await readCachedIndex(file, sourceHash);
    if (cached !== undefined) {
      return ok({
        knowledge: ready(knowledgeFromIndex(cached.index)),
        sourceDir,
        indexFile: file,
        from: 'cache',
        indexBytes: cached.bytes,
      });
    }
  }
  const { index } = buildIndex(sources.value);
  const indexBytes = await writeIndex(indexFile, index, cacheDir);
  return ok({ knowledge: ready(knowledgeFromIndex(index)), sourceDir, indexFile, from: 'built', indexBytes });
}

/**
 * Builds the brand and substance-word tables now, while the reference loads in the background,
 * rather than on the pharmacist's first scan (≈ 150 ms; `npm run bench`, crosscheck.*).
 */
function ready(knowledge: DrugKnowledge): DrugKnowledge {
  knowledge.productsByFirstWord('');
  knowledge.isSubstanceWord('');
  return knowledge;
}

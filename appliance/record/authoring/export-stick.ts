/**
 * A FHIR IPS bundle exported by the doctor's software onto a stick (issue 16, item 5): the JSON
 * files at the root of its first FAT volume and one folder level down, bounded (folders, files,
 * size), the ones whose top level is a `document` Bundle offered; the one chosen is validated
 * with the same bounds and parser as a record read. The stick may be hostile: one stick read
 * budget for each call (stick-budget.ts), every file size checked before it is read.
 */
import { err, ok, type Result } from '../../common/result.ts';
import type { BlockSource } from '../block-source.ts';
import { parseBoundedJson } from '../container/bounded-json.ts';
import { MAX_TIER_PLAINTEXT_BYTES } from '../crypto/padding.ts';
import { readBudgetFor, withVolume, type Ff } from '../fat/engine.ts';
import { lookup, readDir, splitPath, type DirEntry } from '../fat/dir.ts';
import type { FatError } from '../fat/errors.ts';
import { readOpenFile } from '../fat/files.ts';
import { primaryVolume } from '../fat/locate.ts';
import { stickBudgetFor, withStickBudget } from '../fat/stick-budget.ts';
import { IPS_LIMITS } from '../ips/limits.ts';
import { parseIpsBundle } from '../ips/parse.ts';

export const EXPORT_LIMITS = {
  /** A bundle larger than the record's largest full tier could never be written to a key. */
  maxFileBytes: MAX_TIER_PLAINTEXT_BYTES,
  /** Entries listed in the root or in one folder. */
  maxDirEntries: 512,
  /** Folders of the root looked into. */
  maxFolders: 16,
  /** JSON files opened to see what they are. */
  maxJsonFiles: 16,
} as const;

/** A document Bundle found on the stick: where, and how large (what the doctor chooses by). */
export interface ExportFile {
  /** Path on the stick, folder/name. */
  readonly path: string;
  readonly size: number;
}

export type ExportScanError =
  /** No FAT volume, or a stick that cannot be read within its budget. */
  | 'unreadable'
  /** No JSON file that is a FHIR document Bundle. */
  | 'no_bundle';

export type ExportReadError = 'unreadable' | 'too_large' | 'invalid';

const isJsonName = (name: string) => /\.json$/iu.test(name) && !name.startsWith('.');

/** Whole-call read budget: the listings plus every JSON file at its largest. */
const SCAN_BUDGET = readBudgetFor(EXPORT_LIMITS.maxJsonFiles * EXPORT_LIMITS.maxFileBytes);
const READ_BUDGET = readBudgetFor(EXPORT_LIMITS.maxFileBytes);

function onVolume<T>(
  stick: BlockSource,
  budget: number,
  work: (ff: Ff) => Result<T, FatError>,
): Result<T, FatError> {
  const source = withStickBudget(stick, stickBudgetFor(budget));
  const volume = primaryVolume(source);
  if (!volume.ok) return volume;
  return withVolume(source, volume.value, { readBudget: budget }, work);
}

function topLevelIsDocument(bytes: Uint8Array): boolean {
  const json = parseBoundedJson(bytes, IPS_LIMITS.maxDepth);
  if (!json.ok || typeof json.value !== 'object' || json.value === null) return false;
  const root = json.value as { resourceType?: unknown; type?: unknown };
  return root.resourceType === 'Bundle' && root.type === 'document';
}

/** The document Bundles on the stick, root first, then each folder's, in listing order. */
export function scanExportStick(stick: BlockSource): Result<readonly ExportFile[], ExportScanError> {
  const found = onVolume(stick, SCAN_BUDGET, (ff) => {
    const root = readDir(ff, '/', EXPORT_LIMITS.maxDirEntries);
    if (!root.ok) return root;
    const candidates: ExportFile[] = [];
    const consider = (folder: string, entries: readonly DirEntry[]) => {
      for (const e of entries) {
        if (e.isDir || !isJsonName(e.name) || e.size === 0 || e.size > EXPORT_LIMITS.maxFileBytes) continue;
        candidates.push({ path: folder === '' ? e.name : `${folder}/${e.name}`, size: e.size });
      }
    };
    consider('', root.value);
    const folders = root.value.filter((e) => e.isDir && !e.name.startsWith('.'));
    for (const folder of folders.slice(0, EXPORT_LIMITS.maxFolders)) {
      const listed = readDir(ff, `/${folder.name}`, EXPORT_LIMITS.maxDirEntries);
      if (listed.ok) consider(folder.name, listed.value);
    }
    const documents: ExportFile[] = [];
    for (const file of candidates.slice(0, EXPORT_LIMITS.maxJsonFiles)) {
      const bytes = readOpenFile(ff, `/${file.path}`, file.size);
      if (bytes.ok && topLevelIsDocument(bytes.value)) documents.push(file);
    }
    return ok(documents);
  });
  if (!found.ok) return err('unreadable');
  return found.value.length === 0 ? err('no_bundle') : ok(found.value);
}

/** The bundle at `path`, validated as a record's bundle is when a key is read. */
export function readExportBundle(stick: BlockSource, path: string): Result<unknown, ExportReadError> {
  const parts = splitPath(path);
  if (!parts.ok) return err('invalid');
  const bytes = onVolume<Uint8Array | 'too_large'>(stick, READ_BUDGET, (ff) => {
    const found = lookup(ff, parts.value);
    if (!found.ok) return found;
    if (found.value.isDir || found.value.size > EXPORT_LIMITS.maxFileBytes) return ok('too_large');
    return readOpenFile(ff, found.value.path, found.value.size);
  });
  if (!bytes.ok) return err('unreadable');
  if (bytes.value === 'too_large') return err('too_large');
  const json = parseBoundedJson(bytes.value, IPS_LIMITS.maxDepth);
  if (!json.ok) return err('invalid');
  const bundle = parseIpsBundle(json.value);
  return bundle.ok ? ok(json.value) : err('invalid');
}

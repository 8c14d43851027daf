/** Directory walking inside a mounted volume, bounded by FAT_LIMITS. */
import { err, ok, type Result } from '../../common/result.ts';
import { FatFs, fresult, type Ff } from './engine.ts';
import { fatError, type FatError } from './errors.ts';
import { FAT_LIMITS } from './limits.ts';

export interface DirEntry {
  readonly name: string;
  readonly size: number;
  readonly isDir: boolean;
}

/** Splits a key path ("BALADEUR/RECORD.JSON") into checked components. */
export function splitPath(path: string): Result<string[], FatError> {
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.length > FAT_LIMITS.maxDepth) return err(fatError('too_deep', `${parts.length} levels`));
  for (const p of parts) {
    if (p === '.' || p === '..' || new TextEncoder().encode(p).byteLength > FAT_LIMITS.maxNameBytes) {
      return err(fatError('not_found', 'invalid path'));
    }
  }
  return ok(parts);
}

export function joinPath(parts: readonly string[]): string {
  return `/${parts.join('/')}`;
}

/** Reads a directory, at most `maxEntries` entries ('.' and '..' skipped). */
export function readDir(
  ff: Ff,
  dirPath: string,
  maxEntries: number = FAT_LIMITS.maxDirEntries,
): Result<DirEntry[], FatError> {
  const dir = ff.malloc(FatFs.sizeof_DIR);
  const info = ff.malloc(FatFs.sizeof_FILINFO);
  try {
    const opened = ff.f_opendir(dir, dirPath);
    if (opened !== FatFs.FR_OK) return err(fresult(opened, 'open folder'));
    const out: DirEntry[] = [];
    try {
      for (;;) {
        const r = ff.f_readdir(dir, info);
        if (r !== FatFs.FR_OK) return err(fresult(r, 'read folder'));
        const name = ff.FILINFO_fname(info);
        if (name === '') return ok(out);
        if (name === '.' || name === '..') continue;
        if (out.length >= maxEntries) return err(fatError('too_many_entries', `more than ${maxEntries}`));
        const isDir = (ff.FILINFO_fattrib(info) & FatFs.AM_DIR) !== 0;
        out.push({ name, size: isDir ? 0 : ff.FILINFO_fsize(info), isDir });
      }
    } finally {
      ff.f_closedir(dir);
    }
  } finally {
    ff.free(info);
    ff.free(dir);
  }
}

/**
 * Finds `parts` from the root, comparing names case-insensitively as FAT does. Walking with our
 * own bounded listing (rather than letting FatFs search) caps the work on huge directories.
 */
export function lookup(ff: Ff, parts: readonly string[]): Result<DirEntry & { path: string }, FatError> {
  let current: (DirEntry & { path: string }) | undefined;
  const walked: string[] = [];
  for (const part of parts) {
    if (current && !current.isDir)
      return err(fatError('not_found', 'a file stands where a folder is expected'));
    const listing = readDir(ff, joinPath(walked));
    if (!listing.ok) return listing;
    const want = part.toUpperCase();
    const hit = listing.value.find((e) => e.name.toUpperCase() === want);
    if (!hit) return err(fatError('not_found', joinPath([...walked, part])));
    walked.push(hit.name);
    current = { ...hit, path: joinPath(walked) };
  }
  return current ? ok(current) : ok({ name: '', size: 0, isDir: true, path: '/' });
}

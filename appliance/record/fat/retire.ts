/**
 * Retiring a replaced file so that nothing of it stays on the key: its clusters are overwritten
 * with zeros through the file itself (FatFs writes into the file's own chain), synced, and only
 * then is the file deleted. FAT frees clusters without clearing them; a deleted container would
 * otherwise be carved out and still open with the patient code (docs/key-format.md §2).
 */
import { err, ok, type Result } from '../../common/result.ts';
import { captureReads, FatFs, fresult, type Ff } from './engine.ts';
import { lookup, splitPath } from './dir.ts';
import { fatError, type FatError } from './errors.ts';
import { FAT_LIMITS } from './limits.ts';

/** The name a replaced file carries until it is wiped: `RECORD.JSON` → `RECORD.OLD`. */
export function retiredName(path: string): string {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  const dot = name.indexOf('.');
  return `${path.slice(0, slash + 1)}${dot < 0 ? name : name.slice(0, dot)}.OLD`;
}

/** The volume sector holding a file's first byte; undefined for an empty file. */
function firstSector(ff: Ff, path: string): Result<number | undefined, FatError> {
  const fp = ff.malloc(FatFs.sizeof_FIL);
  const one = ff.malloc(1);
  const count = ff.malloc(4);
  try {
    const opened = ff.f_open(fp, path, FatFs.FA_READ);
    if (opened !== FatFs.FR_OK) return err(fresult(opened, 'open file'));
    try {
      if (ff.f_size(fp) === 0) return ok(undefined);
      const seen = captureReads('all');
      const r = ff.f_read(fp, one, 1, count);
      captureReads('off');
      if (r !== FatFs.FR_OK) return err(fresult(r, 'read file'));
      return ok(seen[seen.length - 1]);
    } finally {
      ff.f_close(fp);
    }
  } finally {
    ff.free(count);
    ff.free(one);
    ff.free(fp);
  }
}

function overwriteWithZeros(ff: Ff, path: string): Result<void, FatError> {
  const fp = ff.malloc(FatFs.sizeof_FIL);
  const zeros = ff.malloc(FAT_LIMITS.chunkBytes);
  const count = ff.malloc(4);
  try {
    ff.HEAPU8.fill(0, zeros, zeros + FAT_LIMITS.chunkBytes);
    const opened = ff.f_open(fp, path, FatFs.FA_WRITE | FatFs.FA_OPEN_EXISTING);
    if (opened !== FatFs.FR_OK) return err(fresult(opened, 'open file to wipe'));
    const size = ff.f_size(fp);
    let failure: FatError | undefined;
    for (let done = 0; done < size && !failure; done += FAT_LIMITS.chunkBytes) {
      const part = Math.min(FAT_LIMITS.chunkBytes, size - done);
      const r = ff.f_write(fp, zeros, part, count);
      if (r !== FatFs.FR_OK) failure = fresult(r, 'wipe file');
      else if (ff.getValue(count, 'i32') !== part) failure = fatError('corrupt', 'wipe wrote short');
    }
    const closed = ff.f_close(fp);
    if (failure) return err(failure);
    return closed === FatFs.FR_OK ? ok(undefined) : err(fresult(closed, 'close wiped file'));
  } finally {
    ff.free(count);
    ff.free(zeros);
    ff.free(fp);
  }
}

/**
 * Wipes and deletes `path` if it exists. `keep` are files that must survive: if `path` shares its
 * first sector with one of them (a cross-link a torn directory write could leave), nothing is
 * wiped or deleted and `'kept'` is returned, since freeing the chain would free theirs.
 */
export function wipeAndRemove(
  ff: Ff,
  path: string,
  keep: readonly string[],
): Result<'absent' | 'removed' | 'kept', FatError> {
  const parts = splitPath(path);
  if (!parts.ok) return parts;
  const found = lookup(ff, parts.value);
  if (!found.ok) return found.error.code === 'not_found' ? ok('absent') : found;
  if (found.value.isDir) return err(fatError('corrupt', 'a folder stands where a retired file is expected'));
  const own = firstSector(ff, found.value.path);
  if (!own.ok) return own;
  for (const other of keep) {
    const otherParts = splitPath(other);
    if (!otherParts.ok) return otherParts;
    const theirs = lookup(ff, otherParts.value);
    if (!theirs.ok) {
      if (theirs.error.code === 'not_found') continue;
      return theirs;
    }
    const sector = firstSector(ff, theirs.value.path);
    if (!sector.ok) return sector;
    if (own.value !== undefined && sector.value === own.value) return ok('kept');
  }
  const wiped = overwriteWithZeros(ff, found.value.path);
  if (!wiped.ok) return wiped;
  const removed = ff.f_unlink(found.value.path);
  return removed === FatFs.FR_OK ? ok('removed') : err(fresult(removed, 'remove retired file'));
}

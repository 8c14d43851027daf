/**
 * Reading and writing whole files on a key, never mounted.
 *
 * The careful write path (a pull at any sector must leave the previous file readable):
 *   1. finish or discard what an earlier interrupted write left (`X.NEW`, `X.OLD`),
 *   2. write the new bytes to `X.NEW` and close it (FatFs writes data, then the FAT, then the
 *      directory entry with its size last, and syncs),
 *   3. rename `X` to `X.OLD`, 4. rename `X.NEW` to `X` (each step syncs),
 *   5. overwrite `X.OLD` with zeros, then delete it (retire.ts): nothing of the old file is left
 *      in free clusters.
 * FAT has no atomic replace, so readers treat `X.NEW` as the file when `X` is missing: it only
 * exists without `X` after step 3, when it is complete. A pull during step 5 leaves part of
 * `X.OLD` on the key until the next write finishes wiping it.
 */
import type { BlockSource } from '../block-source.ts';
import { err, ok, type Result } from '../../common/result.ts';
import { captureReads, FatFs, fresult, readBudgetFor, withVolume, type Ff } from './engine.ts';
import { joinPath, lookup, readDir, splitPath, type DirEntry } from './dir.ts';
import { fatError, type FatError } from './errors.ts';
import { FAT_LIMITS } from './limits.ts';
import { locateContainer, pendingName, primaryVolume } from './locate.ts';
import { stickBudgetFor, withStickBudget } from './stick-budget.ts';
import { retiredName, wipeAndRemove } from './retire.ts';

export type { DirEntry };

/** Reads the open-able file at `path` (already looked up) into memory. */
export function readOpenFile(ff: Ff, path: string, size: number): Result<Uint8Array, FatError> {
  const fp = ff.malloc(FatFs.sizeof_FIL);
  const chunk = ff.malloc(FAT_LIMITS.chunkBytes);
  const count = ff.malloc(4);
  try {
    const opened = ff.f_open(fp, path, FatFs.FA_READ);
    if (opened !== FatFs.FR_OK) return err(fresult(opened, 'open file'));
    try {
      const out = new Uint8Array(size);
      let done = 0;
      // Data sectors read straight into the window: a sector seen twice means the cluster chain
      // loops back on itself (FatFs follows it for as long as the size says).
      const sectors = captureReads(chunk, FAT_LIMITS.chunkBytes);
      while (done < size) {
        const want = Math.min(FAT_LIMITS.chunkBytes, size - done);
        const r = ff.f_read(fp, chunk, want, count);
        if (r !== FatFs.FR_OK) return err(fresult(r, 'read file'));
        const got = ff.getValue(count, 'i32');
        if (got !== want) return err(fatError('corrupt', 'file shorter than its directory entry'));
        out.set(ff.HEAPU8.subarray(chunk, chunk + got), done);
        done += got;
      }
      captureReads('off');
      if (new Set(sectors).size !== sectors.length) return err(fatError('corrupt', 'cluster chain loops'));
      return ok(out);
    } finally {
      ff.f_close(fp);
    }
  } finally {
    ff.free(count);
    ff.free(chunk);
    ff.free(fp);
  }
}

function writeNewFile(ff: Ff, path: string, data: Uint8Array): Result<void, FatError> {
  const fp = ff.malloc(FatFs.sizeof_FIL);
  const chunk = ff.malloc(FAT_LIMITS.chunkBytes);
  const count = ff.malloc(4);
  try {
    const opened = ff.f_open(fp, path, FatFs.FA_WRITE | FatFs.FA_CREATE_NEW);
    if (opened !== FatFs.FR_OK) return err(fresult(opened, 'create file'));
    let done = 0;
    let failure: FatError | undefined;
    while (done < data.byteLength && !failure) {
      const part = data.subarray(done, done + FAT_LIMITS.chunkBytes);
      ff.HEAPU8.set(part, chunk);
      const r = ff.f_write(fp, chunk, part.byteLength, count);
      if (r !== FatFs.FR_OK) failure = fresult(r, 'write file');
      else if (ff.getValue(count, 'i32') !== part.byteLength) failure = fatError('no_space');
      done += part.byteLength;
    }
    const closed = ff.f_close(fp);
    if (failure) return err(failure);
    return closed === FatFs.FR_OK ? ok(undefined) : err(fresult(closed, 'close file'));
  } finally {
    ff.free(count);
    ff.free(chunk);
    ff.free(fp);
  }
}

function step(code: number, what: string): Result<void, FatError> {
  return code === FatFs.FR_OK ? ok(undefined) : err(fresult(code, what));
}

function ensureFolders(ff: Ff, folders: readonly string[]): Result<void, FatError> {
  for (let i = 1; i <= folders.length; i += 1) {
    const found = lookup(ff, folders.slice(0, i));
    if (found.ok) {
      if (!found.value.isDir) return err(fatError('corrupt', 'a file stands where a folder is expected'));
      continue;
    }
    if (found.error.code !== 'not_found') return found;
    const made = step(ff.f_mkdir(joinPath(folders.slice(0, i))), 'create folder');
    if (!made.ok) return made;
  }
  return ok(undefined);
}

function exists(ff: Ff, parts: readonly string[]): Result<boolean, FatError> {
  const found = lookup(ff, parts);
  if (found.ok) return ok(true);
  return found.error.code === 'not_found' ? ok(false) : found;
}

/** Replaces (or creates) `path` on the key through the careful write path. */
export function writeKeyFile(key: BlockSource, path: string, data: Uint8Array): Result<void, FatError> {
  if (key.readOnly) return err(fatError('read_only'));
  const source = withStickBudget(key, stickBudgetFor(readBudgetFor(data.byteLength)));
  const target = splitPath(path);
  if (!target.ok) return target;
  if (target.value.length === 0) return err(fatError('not_found', 'empty path'));
  const pending = splitPath(pendingName(joinPath(target.value)));
  if (!pending.ok) return pending;
  const volume = primaryVolume(source);
  if (!volume.ok) return volume;
  return withVolume(source, volume.value, { readBudget: readBudgetFor(data.byteLength) }, (ff) => {
    const folders = ensureFolders(ff, target.value.slice(0, -1));
    if (!folders.ok) return folders;
    const hadTarget = exists(ff, target.value);
    const hadPending = exists(ff, pending.value);
    if (!hadTarget.ok) return hadTarget;
    if (!hadPending.ok) return hadPending;
    const targetPath = joinPath(target.value);
    const pendingPath = joinPath(pending.value);
    const retiredPath = retiredName(targetPath);
    const leftover = wipeAndRemove(ff, retiredPath, [targetPath, pendingPath]);
    if (!leftover.ok) return leftover;
    let targetExists = hadTarget.value;
    if (hadPending.value && !targetExists) {
      const finished = step(ff.f_rename(pendingPath, targetPath), 'finish earlier replace');
      if (!finished.ok) return finished;
      targetExists = true;
    } else if (hadPending.value) {
      const dropped = step(ff.f_unlink(pendingPath), 'drop partial file');
      if (!dropped.ok) return dropped;
    }
    const written = writeNewFile(ff, pendingPath, data);
    if (!written.ok) return written;
    if (targetExists) {
      // A cross-linked `X.OLD` that could not be retired: the previous file is deleted unwiped.
      const retired =
        leftover.value === 'kept'
          ? step(ff.f_unlink(targetPath), 'remove previous file')
          : step(ff.f_rename(targetPath, retiredPath), 'retire previous file');
      if (!retired.ok) return retired;
    }
    const switched = step(ff.f_rename(pendingPath, targetPath), 'switch to new file');
    if (!switched.ok) return switched;
    const wiped = wipeAndRemove(ff, retiredPath, [targetPath]);
    return wiped.ok ? ok(undefined) : wiped;
  });
}

/** Reads `path` from the container volume; `maxBytes` bounds the file size. */
export function readKeyFile(
  key: BlockSource,
  path: string,
  options: { maxBytes: number },
): Result<Uint8Array, FatError> {
  const source = withStickBudget(key, stickBudgetFor(readBudgetFor(options.maxBytes)));
  const parts = splitPath(path);
  if (!parts.ok) return parts;
  const volume = locateContainer(source);
  if (!volume.ok) return volume;
  const pending = splitPath(pendingName(joinPath(parts.value)));
  if (!pending.ok) return pending;
  return withVolume(source, volume.value, { readBudget: readBudgetFor(options.maxBytes) }, (ff) => {
    let found = lookup(ff, parts.value);
    if (!found.ok && found.error.code === 'not_found') found = lookup(ff, pending.value);
    if (!found.ok) return found;
    if (found.value.isDir) return err(fatError('not_found', 'a folder, not a file'));
    if (found.value.size > options.maxBytes) return err(fatError('too_large', `${found.value.size} bytes`));
    return readOpenFile(ff, found.value.path, found.value.size);
  });
}

/** Lists a folder of the container volume (or the first FAT volume of a key without one). */
export function listDir(
  key: BlockSource,
  path: string,
  options: { maxEntries?: number } = {},
): Result<DirEntry[], FatError> {
  const source = withStickBudget(key, stickBudgetFor(readBudgetFor(0)));
  const parts = splitPath(path);
  if (!parts.ok) return parts;
  const volume = primaryVolume(source);
  if (!volume.ok) return volume;
  return withVolume(source, volume.value, { readBudget: readBudgetFor(0) }, (ff) => {
    const found = lookup(ff, parts.value);
    if (!found.ok) return found;
    if (!found.value.isDir) return err(fatError('not_found', 'a file, not a folder'));
    return readDir(ff, found.value.path, options.maxEntries);
  });
}

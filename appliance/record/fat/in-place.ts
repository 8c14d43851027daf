/**
 * Overwriting part of an existing, preallocated file without going through the filesystem: the
 * file's sectors are located once through FatFs (a read-only pass), then new bytes go straight to
 * those sectors. The FAT, the directories and the file's size never change, so a pull at any
 * sector leaves a consistent filesystem (only the sectors being rewritten may be torn).
 *
 * A hostile key could cross-link the file with the record or with a directory; the located
 * sectors must therefore be disjoint from every sector read while walking the folders and from
 * the sectors of the `protect` files, or nothing is written.
 */
import type { BlockSource } from '../block-source.ts';
import { err, ok, type Result } from '../../common/result.ts';
import { blockFailure } from './io.ts';
import { captureReads, FatFs, fresult, readBudgetFor, withVolume, type Ff } from './engine.ts';
import { lookup, splitPath } from './dir.ts';
import { fatError, type FatError } from './errors.ts';
import { locateContainer } from './locate.ts';
import { stickBudgetFor, withStickBudget } from './stick-budget.ts';

export interface FileMap {
  /** The file's bytes as read. */
  readonly content: Uint8Array;
  /** Absolute byte offset on the key of each of the file's sectors, in file order. */
  readonly sectorOffsets: readonly number[];
  readonly sectorSize: number;
}

/** Reads a file one whole sector at a time, reporting where each sector lives. */
function mapFile(ff: Ff, path: string, size: number, sectorSize: number): Result<FileMap, FatError> {
  if (size % sectorSize !== 0) return err(fatError('corrupt', 'file size is not whole sectors'));
  const fp = ff.malloc(FatFs.sizeof_FIL);
  const buffer = ff.malloc(sectorSize);
  const count = ff.malloc(4);
  try {
    const opened = ff.f_open(fp, path, FatFs.FA_READ);
    if (opened !== FatFs.FR_OK) return err(fresult(opened, 'open file'));
    try {
      const content = new Uint8Array(size);
      const sectors: number[] = [];
      for (let at = 0; at < size; at += sectorSize) {
        const seen = captureReads(buffer);
        const r = ff.f_read(fp, buffer, sectorSize, count);
        captureReads('off');
        if (r !== FatFs.FR_OK) return err(fresult(r, 'read file'));
        const [sector] = seen;
        if (ff.getValue(count, 'i32') !== sectorSize || seen.length !== 1 || sector === undefined) {
          return err(fatError('corrupt', 'file sectors could not be located'));
        }
        sectors.push(sector);
        content.set(ff.HEAPU8.subarray(buffer, buffer + sectorSize), at);
      }
      return ok({ content, sectorOffsets: sectors, sectorSize });
    } finally {
      ff.f_close(fp);
    }
  } finally {
    ff.free(count);
    ff.free(buffer);
    ff.free(fp);
  }
}

/**
 * Locates `path` (which must exist, in the container volume) for in-place writes, after checking
 * that its sectors are shared with no folder on the way and with none of the `protect` files.
 */
export function mapForInPlaceWrite(
  key: BlockSource,
  path: string,
  options: { maxBytes: number; protect: readonly string[] },
): Result<FileMap, FatError> {
  if (key.readOnly) return err(fatError('read_only'));
  const budget = readBudgetFor(options.maxBytes) + 4 * readBudgetFor(0);
  const source = withStickBudget(key, stickBudgetFor(budget));
  const volume = locateContainer(source);
  if (!volume.ok) return volume;
  const { offset, sectorSize } = volume.value;
  return withVolume(source, volume.value, { readBudget: budget }, (ff) => {
    const parts = splitPath(path);
    if (!parts.ok) return parts;
    const metadata = captureReads('all');
    const target = lookup(ff, parts.value);
    const protectedFiles: { path: string; size: number }[] = [];
    for (const other of options.protect) {
      const otherParts = splitPath(other);
      if (!otherParts.ok) return otherParts;
      const found = lookup(ff, otherParts.value);
      if (found.ok && !found.value.isDir) protectedFiles.push(found.value);
      else if (!found.ok && found.error.code !== 'not_found') return found;
    }
    captureReads('off');
    if (!target.ok) return target;
    if (target.value.isDir) return err(fatError('not_found', 'a folder, not a file'));
    if (target.value.size > options.maxBytes) return err(fatError('too_large', `${target.value.size} bytes`));
    const forbidden = new Set(metadata);
    for (const file of protectedFiles) {
      const size = Math.ceil(file.size / sectorSize) * sectorSize;
      const other = mapFileSectorsOnly(ff, file.path, file.size, size, sectorSize);
      if (!other.ok) return other;
      for (const s of other.value) forbidden.add(s);
    }
    const mapped = mapFile(ff, target.value.path, target.value.size, sectorSize);
    if (!mapped.ok) return mapped;
    const sectors = mapped.value.sectorOffsets;
    if (new Set(sectors).size !== sectors.length || sectors.some((s) => forbidden.has(s))) {
      return err(fatError('corrupt', 'file shares space with other data (cross-linked clusters)'));
    }
    return ok({ ...mapped.value, sectorOffsets: sectors.map((s) => offset + s * sectorSize) });
  });
}

/** Sector numbers of a file whose size may not be whole sectors (only full sectors are mapped directly). */
function mapFileSectorsOnly(
  ff: Ff,
  path: string,
  size: number,
  roundedSize: number,
  sectorSize: number,
): Result<number[], FatError> {
  if (size === roundedSize) {
    const m = mapFile(ff, path, size, sectorSize);
    return m.ok ? ok([...m.value.sectorOffsets]) : m;
  }
  // The last partial sector is read through FatFs's file buffer; capture every read instead.
  const fp = ff.malloc(FatFs.sizeof_FIL);
  const buffer = ff.malloc(sectorSize);
  const count = ff.malloc(4);
  try {
    const opened = ff.f_open(fp, path, FatFs.FA_READ);
    if (opened !== FatFs.FR_OK) return err(fresult(opened, 'open file'));
    try {
      const seen = captureReads('all');
      for (let at = 0; at < size; at += sectorSize) {
        const r = ff.f_read(fp, buffer, Math.min(sectorSize, size - at), count);
        if (r !== FatFs.FR_OK) return err(fresult(r, 'read file'));
      }
      captureReads('off');
      return ok(seen);
    } finally {
      ff.f_close(fp);
    }
  } finally {
    ff.free(count);
    ff.free(buffer);
    ff.free(fp);
  }
}

/** Writes `data` at byte `at` of a mapped file, one sector per write, then flushes. */
export function writeInPlace(
  source: BlockSource,
  map: FileMap,
  at: number,
  data: Uint8Array,
): Result<void, FatError> {
  const { sectorSize } = map;
  if (at < 0 || at + data.byteLength > map.content.byteLength)
    throw new RangeError('in-place write outside the file');
  const first = Math.floor(at / sectorSize);
  const last = Math.floor((at + data.byteLength - 1) / sectorSize);
  try {
    for (let i = first; i <= last; i += 1) {
      const sector = map.content.slice(i * sectorSize, (i + 1) * sectorSize);
      const from = Math.max(at, i * sectorSize);
      const to = Math.min(at + data.byteLength, (i + 1) * sectorSize);
      sector.set(data.subarray(from - at, to - at), from - i * sectorSize);
      source.write(map.sectorOffsets[i] as number, sector);
    }
    source.flush();
    return ok(undefined);
  } catch (error) {
    return err(blockFailure(error));
  }
}

/**
 * One js-fatfs (ChaN FatFs in WASM) instance for the whole process, bound to one volume at a time.
 * FatFs calls disk I/O synchronously, so a `withVolume` call runs start to finish without
 * interleaving: mount, work, unmount, unbind. Nothing is cached between calls (a swapped key can
 * never be served from the previous key's cache). WASM memory stays small: every buffer is
 * allocated per call and freed, file data moves through one 64 KiB window.
 *
 * Hostile images: FatFs follows cluster chains and directory chains itself; a loop there would
 * spin forever. Every call therefore gets a budget of sectors it may read; past it the DiskIO
 * callback fails the read and the call ends as 'corrupt'. Errors are never thrown through WASM
 * frames (that would leave FatFs half-way); the callbacks return an error code and record why.
 */
import * as FatFs from 'js-fatfs';
import type { BlockSource } from '../block-source.ts';
import { err, type Result } from '../../common/result.ts';
import { blockFailure } from './io.ts';
import { fatError, type FatError } from './errors.ts';

export type Ff = FatFs.FatFs;
export { FatFs };

export interface VolumeView {
  readonly offset: number;
  readonly size: number;
  readonly sectorSize: number;
}

interface Binding {
  readonly source: BlockSource;
  readonly view: VolumeView;
  readonly sectorCount: number;
  readonly readBudget: number;
  sectorsRead: number;
  failure: FatError | undefined;
  /** When set, reads (all, or only those into one WASM address) are reported. */
  capture: { readonly buffer: number | 'all'; readonly span: number; readonly sectors: number[] } | undefined;
}

let binding: Binding | undefined;

function bound(): Binding {
  if (binding === undefined) throw new Error('FatFs called with no volume bound');
  return binding;
}

function fail(b: Binding, error: FatError): number {
  b.failure ??= error;
  return FatFs.RES_ERROR;
}

const diskio: FatFs.DiskIO = {
  initialize: () => (binding ? 0 : FatFs.STA_NOINIT),
  status: () => {
    if (!binding) return FatFs.STA_NOINIT;
    return binding.source.readOnly ? FatFs.STA_PROTECT : 0;
  },
  read(ff, _pdrv, buff, sectorArg, count) {
    const b = bound();
    const sector = sectorArg >>> 0;
    if (b.failure) return FatFs.RES_ERROR;
    if (sector + count > b.sectorCount)
      return fail(b, fatError('corrupt', 'reference beyond the end of the volume'));
    b.sectorsRead += count;
    if (b.sectorsRead > b.readBudget)
      return fail(b, fatError('corrupt', 'read budget exhausted (cluster loop?)'));
    try {
      const data = b.source.read(b.view.offset + sector * b.view.sectorSize, count * b.view.sectorSize);
      ff.HEAPU8.set(data, buff);
    } catch (error) {
      return fail(b, blockFailure(error));
    }
    const c = b.capture;
    if (c && (c.buffer === 'all' || (buff >= c.buffer && buff < c.buffer + c.span))) {
      for (let i = 0; i < count; i += 1) c.sectors.push(sector + i);
    }
    return FatFs.RES_OK;
  },
  write(ff, _pdrv, buff, sectorArg, count) {
    const b = bound();
    const sector = sectorArg >>> 0;
    if (b.failure) return FatFs.RES_ERROR;
    if (b.source.readOnly) {
      fail(b, fatError('read_only'));
      return FatFs.RES_WRPRT;
    }
    if (sector + count > b.sectorCount)
      return fail(b, fatError('corrupt', 'write beyond the end of the volume'));
    const ss = b.view.sectorSize;
    try {
      // One sector per call, so a simulated pull can cut between any two sectors.
      for (let i = 0; i < count; i += 1) {
        const from = buff + i * ss;
        b.source.write(b.view.offset + (sector + i) * ss, ff.HEAPU8.slice(from, from + ss));
      }
    } catch (error) {
      return fail(b, blockFailure(error));
    }
    return FatFs.RES_OK;
  },
  ioctl(ff, _pdrv, cmd, buff) {
    const b = bound();
    switch (cmd) {
      case FatFs.CTRL_SYNC:
        if (b.source.readOnly) return FatFs.RES_OK;
        try {
          b.source.flush();
        } catch (error) {
          return fail(b, blockFailure(error));
        }
        return FatFs.RES_OK;
      case FatFs.GET_SECTOR_COUNT:
        ff.setValue(buff, b.sectorCount, 'i32');
        return FatFs.RES_OK;
      case FatFs.GET_SECTOR_SIZE:
        ff.setValue(buff, b.view.sectorSize, 'i16');
        return FatFs.RES_OK;
      case FatFs.GET_BLOCK_SIZE:
        ff.setValue(buff, 1, 'i32');
        return FatFs.RES_OK;
      default:
        return FatFs.RES_PARERR;
    }
  },
};

const ff: Ff = await FatFs.create({ diskio });

/** Sector reads allowed per call: the metadata of a small key plus the largest file read twice. */
export function readBudgetFor(maxFileBytes: number): number {
  return 20_000 + Math.ceil((2 * maxFileBytes) / 512);
}

/** FatFs result → FatError. A failure recorded by the DiskIO callbacks takes precedence. */
export function fresult(code: number, what: string): FatError {
  const recorded = binding?.failure;
  if (recorded) return recorded;
  switch (code) {
    case FatFs.FR_NO_FILE:
    case FatFs.FR_NO_PATH:
      return fatError('not_found', what);
    case FatFs.FR_NO_FILESYSTEM:
      return fatError('corrupt', `no valid FAT volume: ${what}`);
    case FatFs.FR_WRITE_PROTECTED:
      return fatError('read_only');
    case FatFs.FR_DENIED:
      return fatError('no_space', what);
    case FatFs.FR_NOT_READY:
    case FatFs.FR_DISK_ERR:
      return fatError('io', what);
    case FatFs.FR_INVALID_NAME:
      return fatError('not_found', `invalid name: ${what}`);
    default:
      return fatError('corrupt', `${what}: FatFs error ${code}`);
  }
}

/**
 * Collects the volume sectors that later reads come from: every read ('all'), or only data reads
 * into one WASM buffer (FatFs reads whole aligned sectors of a file straight into the caller's
 * buffer, ff.c f_read, which gives the file's sector map). 'off' stops collecting.
 */
export function captureReads(buffer: number | 'all' | 'off', span = 1): number[] {
  const b = bound();
  const sectors: number[] = [];
  b.capture = buffer === 'off' ? undefined : { buffer, span, sectors };
  return sectors;
}

/**
 * The time every directory entry written on a key carries (creation, modification, `.`/`..`):
 * 1980-01-01 00:00 local, the FAT epoch. A date of writing would tell a finder when the patient
 * last saw a doctor (docs/key-format.md §2). js-fatfs takes FatFs's get_fattime() from
 * `Date.now()` (its `_emscripten_date_now` import), so `Date.now` is pinned while FatFs runs.
 */
export const FAT_FIXED_TIME_MS = new Date(1980, 0, 1, 0, 0, 0).getTime();

function withFixedClock<T>(work: () => T): T {
  const realNow = Date.now;
  Date.now = () => FAT_FIXED_TIME_MS;
  try {
    return work();
  } finally {
    Date.now = realNow;
  }
}

/**
 * Binds `view` of `source` to FatFs drive 0, runs `work` (synchronous), then unbinds.
 * With `mount: false`, nothing is mounted (used by mkfs).
 */
export function withVolume<T>(
  source: BlockSource,
  view: VolumeView,
  options: { readBudget: number; mount?: boolean },
  work: (ff: Ff) => Result<T, FatError>,
): Result<T, FatError> {
  if (binding !== undefined) throw new Error('FatFs is already bound (re-entrant call)');
  const sectorCount = Math.floor(view.size / view.sectorSize);
  binding = {
    source,
    view,
    sectorCount,
    readBudget: options.readBudget,
    sectorsRead: 0,
    failure: undefined,
    capture: undefined,
  };
  const fatfs = ff.malloc(FatFs.sizeof_FATFS);
  try {
    if (options.mount === false) return withFixedClock(() => work(ff));
    const mounted = ff.f_mount(fatfs, '', 1);
    if (mounted !== FatFs.FR_OK) return err(fresult(mounted, 'mount'));
    try {
      const result = withFixedClock(() => work(ff));
      const late = binding.failure;
      return result.ok && late ? err(late) : result;
    } finally {
      ff.f_unmount('');
    }
  } finally {
    ff.free(fatfs);
    binding = undefined;
  }
}

/** Size of the WASM heap (it grows, never shrinks): for memory-bound tests and diagnostics. */
export function fatMemoryBytes(): number {
  return ff.HEAPU8.byteLength;
}

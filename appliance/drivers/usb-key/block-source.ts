/**
 * Block sources: the only way the kiosk touches a key's bytes. The FAT layer (appliance/record/fat)
 * reads and writes through one of these; a pulled key or a failing medium surfaces as a
 * `BlockIoError`, never as a crash.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BlockIoError, type BlockSource } from './types.ts';

function checkRange(size: number, offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw new RangeError(`bad block range ${offset}+${length}`);
  }
  if (offset + length > size) throw new RangeError(`block range ${offset}+${length} beyond end ${size}`);
}

/** A key held in memory (tests, demo keys). Writes change `bytes` in place. */
export function memorySource(bytes: Uint8Array, options: { readOnly?: boolean } = {}): BlockSource {
  const readOnly = options.readOnly ?? false;
  let closed = false;
  const live = (): void => {
    if (closed) throw new BlockIoError('removed', 'memory source closed');
  };
  return {
    size: bytes.byteLength,
    readOnly,
    read(offset, length) {
      live();
      checkRange(bytes.byteLength, offset, length);
      return bytes.slice(offset, offset + length);
    },
    write(offset, data) {
      live();
      if (readOnly) throw new BlockIoError('read_only', 'memory source is read-only');
      checkRange(bytes.byteLength, offset, data.byteLength);
      bytes.set(data, offset);
    },
    flush() {
      live();
    },
    close() {
      closed = true;
    },
  };
}

/** errno codes that mean the device went away rather than failed. */
const REMOVED_CODES = new Set(['ENODEV', 'ENXIO', 'ENOMEDIUM', 'ENOENT', 'EBADF']);

function ioError(error: unknown, what: string): BlockIoError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'EUNKNOWN';
  if (REMOVED_CODES.has(code)) return new BlockIoError('removed', `${what}: device gone (${code})`);
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new BlockIoError('read_only', `${what}: not writable (${code})`);
  }
  return new BlockIoError('io', `${what}: ${code}`);
}

/**
 * Size of a block device: fstat reports 0 for device nodes and Node has no BLKGETSIZE64 ioctl, so
 * read sysfs, which counts 512-byte units whatever the logical sector size
 * (Documentation/ABI/stable/sysfs-block, "size").
 */
function blockDeviceSize(devicePath: string): number {
  const name = path.basename(fs.realpathSync(devicePath));
  const text = fs.readFileSync(`/sys/class/block/${name}/size`, 'utf8');
  return Number.parseInt(text.trim(), 10) * 512;
}

/**
 * An image file or a block device node (`/dev/sdb`, `/dev/sdb1`), opened read-only unless asked.
 * The file descriptor stays open until `close()`; every write is followed by `flush()` (fsync) by
 * the careful write path.
 */
export function fileSource(filePath: string, options: { readOnly: boolean }): BlockSource {
  const { readOnly } = options;
  let fd: number | undefined;
  try {
    fd = fs.openSync(filePath, readOnly ? 'r' : 'r+');
  } catch (error) {
    throw ioError(error, 'open');
  }
  const stat = fs.fstatSync(fd);
  const size = stat.isBlockDevice() ? blockDeviceSize(filePath) : stat.size;
  const handle = (): number => {
    if (fd === undefined) throw new BlockIoError('removed', 'source closed');
    return fd;
  };
  return {
    size,
    readOnly,
    read(offset, length) {
      checkRange(size, offset, length);
      const out = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        let n: number;
        try {
          n = fs.readSync(handle(), out, done, length - done, offset + done);
        } catch (error) {
          throw error instanceof BlockIoError ? error : ioError(error, 'read');
        }
        if (n === 0) throw new BlockIoError('removed', `short read at ${offset + done}`);
        done += n;
      }
      return out;
    },
    write(offset, data) {
      if (readOnly) throw new BlockIoError('read_only', 'source opened read-only');
      checkRange(size, offset, data.byteLength);
      let done = 0;
      while (done < data.byteLength) {
        try {
          done += fs.writeSync(handle(), data, done, data.byteLength - done, offset + done);
        } catch (error) {
          throw error instanceof BlockIoError ? error : ioError(error, 'write');
        }
      }
    },
    flush() {
      if (readOnly) return;
      try {
        fs.fsyncSync(handle());
      } catch (error) {
        throw error instanceof BlockIoError ? error : ioError(error, 'fsync');
      }
    },
    close() {
      if (fd === undefined) return;
      const current = fd;
      fd = undefined;
      try {
        fs.closeSync(current);
      } catch {
        // A device that vanished may fail to close; there is nothing left to release.
      }
    },
  };
}

export interface FaultOptions {
  /** Any read whose range covers this byte offset fails (and the key counts as pulled if `kind` is 'removed'). */
  readonly failReadAtByte?: number;
  /** The first N writes succeed; the next one fails and the key is gone. */
  readonly failWriteAfterWrites?: number;
  /** The first N reads succeed; the next one fails and the key is gone. */
  readonly removeAfterReads?: number;
  /** What the failure looks like: a pulled key (default) or a medium error. */
  readonly kind?: 'removed' | 'io';
}

export interface FaultySource extends BlockSource {
  /** Pull the key now: every later operation fails with 'removed'. */
  pull(): void;
  readonly stats: { readonly reads: number; readonly writes: number; readonly pulled: boolean };
}

/**
 * Wraps a source to simulate a key pulled mid-read or mid-write, or a medium error at byte N.
 * Used by the pulled-key tests and by the dev dock. A cut write writes nothing of that call;
 * the FAT layer writes one sector per call, so "every write step" means every sector.
 */
export function faultySource(inner: BlockSource, options: FaultOptions): FaultySource {
  const kind = options.kind ?? 'removed';
  let reads = 0;
  let writes = 0;
  let pulled = false;
  const fail = (what: string): never => {
    if (kind === 'removed') pulled = true;
    throw new BlockIoError(
      kind,
      `simulated ${kind === 'removed' ? 'pulled key' : 'medium error'} during ${what}`,
    );
  };
  const live = (): void => {
    if (pulled) throw new BlockIoError('removed', 'key pulled');
  };
  return {
    size: inner.size,
    readOnly: inner.readOnly,
    get stats() {
      return { reads, writes, pulled };
    },
    pull() {
      pulled = true;
    },
    read(offset, length) {
      live();
      if (options.removeAfterReads !== undefined && reads >= options.removeAfterReads) fail('read');
      const at = options.failReadAtByte;
      if (at !== undefined && at >= offset && at < offset + length) fail(`read at byte ${at}`);
      reads += 1;
      return inner.read(offset, length);
    },
    write(offset, data) {
      live();
      if (options.failWriteAfterWrites !== undefined && writes >= options.failWriteAfterWrites) fail('write');
      writes += 1;
      inner.write(offset, data);
    },
    flush() {
      live();
      inner.flush();
    },
    close() {
      inner.close();
    },
  };
}

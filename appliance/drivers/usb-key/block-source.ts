/**
 * Block sources: the only way the kiosk touches a key's bytes. The FAT layer (appliance/record/fat)
 * reads and writes through one of these; a pulled key or a failing medium surfaces as a
 * `BlockIoError`, never as a crash.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BlockIoError, checkRange, type BlockSource } from '../../record/block-source.ts';

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

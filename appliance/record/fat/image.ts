/**
 * Blank key images built in memory with FatFs's own f_mkfs: a partitioned image like a stick
 * from a shop (MBR, one partition at sector 2048) or a superfloppy (filesystem from sector 0).
 */
import { randomBytes } from 'node:crypto';
import { memorySource } from '../block-source.ts';
import { FatFs, withVolume } from './engine.ts';
import { ok } from '../../common/result.ts';

export interface KeyImageOptions {
  readonly layout: 'partitioned' | 'superfloppy';
  readonly fat?: 'fat32' | 'fat16';
  /** Whole image size; default 64 MiB. FAT32 needs at least 33 MiB. */
  readonly sizeBytes?: number;
}

const MiB = 1024 * 1024;
const PARTITION_LBA = 2048;

function putU32(b: Uint8Array, at: number, v: number): void {
  new DataView(b.buffer, b.byteOffset, b.byteLength).setUint32(at, v, true);
}

export function createKeyImage(options: KeyImageOptions): Uint8Array {
  const fat = options.fat ?? 'fat32';
  const size = options.sizeBytes ?? 64 * MiB;
  if (size % 512 !== 0) throw new RangeError('image size must be a multiple of 512');
  if (fat === 'fat32' && size < 33 * MiB) throw new RangeError('FAT32 needs at least 33 MiB');
  if (size < 2 * MiB) throw new RangeError('image too small');
  const image = new Uint8Array(size);
  const offset = options.layout === 'partitioned' ? PARTITION_LBA * 512 : 0;
  if (options.layout === 'partitioned') {
    // MBR (one primary partition, 0x0C FAT32 LBA or 0x0E FAT16 LBA), CHS fields saturated.
    image.set(randomBytes(4), 440);
    const entry = 446;
    image.set([0x00, 0xfe, 0xff, 0xff, fat === 'fat32' ? 0x0c : 0x0e, 0xfe, 0xff, 0xff], entry);
    putU32(image, entry + 8, PARTITION_LBA);
    putU32(image, entry + 12, size / 512 - PARTITION_LBA);
    image[510] = 0x55;
    image[511] = 0xaa;
  }
  const source = memorySource(image);
  const view = { offset, size: size - offset, sectorSize: 512 };
  const made = withVolume(source, view, { readBudget: Number.MAX_SAFE_INTEGER, mount: false }, (ff) => {
    const workBytes = 64 * 1024;
    const work = ff.malloc(workBytes);
    try {
      const fmt = (fat === 'fat32' ? FatFs.FM_FAT32 : FatFs.FM_FAT) | FatFs.FM_SFD;
      return ok(ff.f_mkfs('', { fmt, n_fat: 2, align: 0, n_root: 0, au_size: 0 }, work, workBytes));
    } finally {
      ff.free(work);
    }
  });
  if (!made.ok || made.value !== FatFs.FR_OK) {
    throw new Error(`f_mkfs failed: ${made.ok ? made.value : made.error.message}`);
  }
  if (options.layout === 'partitioned') {
    // BPB_HiddSec: sectors before the volume (FatFs writes 0 for an SFD volume).
    putU32(image, offset + 28, PARTITION_LBA);
    if (fat === 'fat32') {
      const backup = image[offset + 50] ?? 0;
      if (backup > 0) putU32(image, offset + backup * 512 + 28, PARTITION_LBA);
    }
  }
  return image;
}

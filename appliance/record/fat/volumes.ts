/**
 * Finding the volumes on a key without trusting it: superfloppy (a filesystem from sector 0), MBR
 * (primary + a bounded chain of logical partitions) or GPT. Each volume is classified from its
 * first sector; FAT volumes get a BPB sanity check before FatFs ever sees them.
 */
import type { BlockSource } from '../block-source.ts';
import { err, ok, type Result } from '../../common/result.ts';
import { readBytes } from './io.ts';
import { fatError, type FatError } from './errors.ts';

export type VolumeKind = 'fat' | 'exfat' | 'ntfs' | 'unknown';

export interface Volume {
  /** Byte offset of the volume on the key. */
  readonly offset: number;
  /** Bytes available to the volume (clamped to the key's size). */
  readonly size: number;
  readonly kind: VolumeKind;
  /** FAT only: logical sector size from the BPB. */
  readonly sectorSize: number;
  /** FAT only: why the BPB is not usable (the volume is then damaged). */
  readonly damage?: string;
}

/** Partition tables address 512-byte logical blocks on USB mass storage. */
const LBA = 512;
const MAX_LOGICAL = 16;
const MAX_GPT_ENTRIES = 128;

function u16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, at: number): number {
  return (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0;
}
function ascii(b: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...b.subarray(at, at + length));
}
function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/** Plausible FAT boot sector (Microsoft FAT spec, "Boot Sector and BPB"). */
function looksLikeFatBpb(s: Uint8Array): boolean {
  const jump = s[0];
  if (jump !== 0xeb && jump !== 0xe9 && jump !== 0xe8) return false;
  const bps = u16(s, 11);
  return (
    [512, 1024, 2048, 4096].includes(bps) && isPowerOfTwo(s[13] ?? 0) && u16(s, 14) >= 1 && (s[16] ?? 0) >= 1
  );
}

/** Deeper BPB checks; returns a reason when the volume cannot be trusted to FatFs. */
export function checkFatBpb(s: Uint8Array, volumeBytes: number): string | undefined {
  const bps = u16(s, 11);
  const spc = s[13] ?? 0;
  const reserved = u16(s, 14);
  const fats = s[16] ?? 0;
  const rootEntries = u16(s, 17);
  const total = u16(s, 19) || u32(s, 32);
  const fatSize = u16(s, 22) || u32(s, 36);
  if (spc > 128) return 'cluster size out of range';
  if (fats > 2) return 'unexpected number of FATs';
  if (total === 0 || fatSize === 0) return 'empty geometry';
  if (total * bps > volumeBytes) return 'filesystem larger than the key (truncated image?)';
  const rootSectors = Math.ceil((rootEntries * 32) / bps);
  const dataStart = reserved + fats * fatSize + rootSectors;
  if (dataStart >= total) return 'no data area';
  const clusters = Math.floor((total - dataStart) / spc);
  const fat32 = u16(s, 22) === 0;
  if (fat32) {
    const rootCluster = u32(s, 44);
    if (rootEntries !== 0) return 'FAT32 with a fixed root directory';
    if (rootCluster < 2 || rootCluster >= clusters + 2) return 'root directory outside the volume';
    if (fatSize * (bps / 4) < clusters + 2) return 'FAT too small for the volume';
  } else {
    if (rootEntries === 0) return 'FAT12/16 without a root directory';
    const bits = clusters < 4085 ? 1.5 : 2;
    if (fatSize * bps < (clusters + 2) * bits) return 'FAT too small for the volume';
  }
  if (u16(s, 510) !== 0xaa55) return 'boot sector signature missing';
  return undefined;
}

function classify(sector: Uint8Array, offset: number, size: number): Volume {
  const oem = ascii(sector, 3, 8);
  if (oem === 'EXFAT   ') return { offset, size, kind: 'exfat', sectorSize: LBA };
  if (oem === 'NTFS    ') return { offset, size, kind: 'ntfs', sectorSize: LBA };
  if (!looksLikeFatBpb(sector)) return { offset, size, kind: 'unknown', sectorSize: LBA };
  const damage = checkFatBpb(sector, size);
  const sectorSize = u16(sector, 11);
  const aligned = offset % sectorSize === 0;
  const reason = damage ?? (aligned ? undefined : 'volume not aligned to its sector size');
  return reason === undefined
    ? { offset, size, kind: 'fat', sectorSize }
    : { offset, size, kind: 'fat', sectorSize, damage: reason };
}

function volumeAt(
  source: BlockSource,
  startLba: number,
  sectors: number,
): Result<Volume | undefined, FatError> {
  const offset = startLba * LBA;
  if (sectors === 0 || offset + LBA > source.size) return ok(undefined);
  const size = Math.min(sectors * LBA, source.size - offset);
  const first = readBytes(source, offset, LBA);
  if (!first.ok) return first;
  return ok(classify(first.value, offset, size));
}

const EXTENDED = new Set([0x05, 0x0f, 0x85]);

function logicalVolumes(source: BlockSource, extendedLba: number, out: Volume[]): Result<void, FatError> {
  let ebrLba = extendedLba;
  for (let i = 0; i < MAX_LOGICAL; i += 1) {
    if ((ebrLba + 1) * LBA > source.size) return ok(undefined);
    const ebr = readBytes(source, ebrLba * LBA, LBA);
    if (!ebr.ok) return ebr;
    if (u16(ebr.value, 510) !== 0xaa55) return ok(undefined);
    const type = ebr.value[446 + 4] ?? 0;
    if (type !== 0) {
      const v = volumeAt(source, ebrLba + u32(ebr.value, 446 + 8), u32(ebr.value, 446 + 12));
      if (!v.ok) return v;
      if (v.value) out.push(v.value);
    }
    const next = u32(ebr.value, 462 + 8);
    if ((ebr.value[462 + 4] ?? 0) === 0 || next === 0) return ok(undefined);
    ebrLba = extendedLba + next;
  }
  return ok(undefined);
}

function gptVolumes(source: BlockSource, out: Volume[]): Result<void, FatError> {
  const header = readBytes(source, LBA, LBA);
  if (!header.ok) return header;
  if (ascii(header.value, 0, 8) !== 'EFI PART') return ok(undefined);
  const entriesLba = u32(header.value, 72);
  const count = Math.min(u32(header.value, 80), MAX_GPT_ENTRIES);
  const entrySize = u32(header.value, 84);
  if (entrySize < 128 || entrySize > 1024 || entriesLba < 2) return ok(undefined);
  const bytes = count * entrySize;
  if (entriesLba * LBA + bytes > source.size) return ok(undefined);
  const table = readBytes(source, entriesLba * LBA, Math.ceil(bytes / LBA) * LBA);
  if (!table.ok) return table;
  for (let i = 0; i < count; i += 1) {
    const e = table.value.subarray(i * entrySize, (i + 1) * entrySize);
    if (e.subarray(0, 16).every((b) => b === 0)) continue;
    // 64-bit LBAs: a high word is only plausible on disks far larger than a key.
    if (u32(e, 36) !== 0 || u32(e, 44) !== 0) continue;
    const first = u32(e, 32);
    const last = u32(e, 40);
    if (last < first) continue;
    const v = volumeAt(source, first, last - first + 1);
    if (!v.ok) return v;
    if (v.value) out.push(v.value);
  }
  return ok(undefined);
}

/** Every volume on the key, in table order. An empty list means "no filesystem found". */
export function findVolumes(source: BlockSource): Result<Volume[], FatError> {
  if (source.size < LBA) return err(fatError('not_fat', 'the key is empty'));
  const first = readBytes(source, 0, LBA);
  if (!first.ok) return first;
  const s0 = first.value;
  const whole = classify(s0, 0, source.size);
  if (whole.kind !== 'unknown') return ok([whole]);
  if (u16(s0, 510) !== 0xaa55) return ok([]);
  const entries = [0, 1, 2, 3].map((i) => s0.subarray(446 + i * 16, 446 + (i + 1) * 16));
  if (entries.some((e) => e[0] !== 0x00 && e[0] !== 0x80)) return ok([]);
  const out: Volume[] = [];
  if (entries.some((e) => e[4] === 0xee)) {
    const gpt = gptVolumes(source, out);
    return gpt.ok ? ok(out) : gpt;
  }
  for (const e of entries) {
    const type = e[4] ?? 0;
    if (type === 0) continue;
    if (EXTENDED.has(type)) {
      const logical = logicalVolumes(source, u32(e, 8), out);
      if (!logical.ok) return logical;
      continue;
    }
    const v = volumeAt(source, u32(e, 8), u32(e, 12));
    if (!v.ok) return v;
    if (v.value) out.push(v.value);
  }
  return ok(out);
}

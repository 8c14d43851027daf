/**
 * HZ-13 hostile keys that cost time rather than crash: a GPT listing one looping FAT32 volume 128
 * times (one read budget per stick, not per volume). Issue 15.
 */
import { clusterOffset, dirEntry, geometry, put32, setFat } from './fat-layout.ts';
import { keyWithContainer, type Case } from './hostile-support.ts';

const LBA = 512;
const VOLUME_LBA = 2048;
const GPT_ENTRIES = 128;
const ENTRY_BYTES = 128;

/**
 * A FAT32 volume at LBA 2048 whose root cluster chain loops on itself and holds only deleted
 * entries: FatFs walks it without ever counting an entry, until the read budget stops it.
 */
function loopingFat32(): Uint8Array {
  const image = keyWithContainer('fat32', 'partitioned');
  const g = geometry(image, VOLUME_LBA * LBA);
  setFat(image, g, g.rootCluster, g.rootCluster);
  const root = clusterOffset(g, g.rootCluster);
  for (let at = root; at < root + g.spc * g.bps; at += 32) {
    const deleted = dirEntry(`D${String(at % 10_000_000).padStart(7, '0')}TXT`, 0x20, 0, 0);
    deleted[0] = 0xe5;
    image.set(deleted, at);
  }
  return image;
}

/** Protective MBR + GPT header (UEFI 2.10 §5.3) whose 128 entries all point at the same volume. */
export function gptWith128LoopingEntries(): Uint8Array {
  const image = loopingFat32();
  const volumeSectors = (image.byteLength - VOLUME_LBA * LBA) / LBA;
  image.fill(0, 446, 510);
  image[446 + 4] = 0xee;
  put32(image, 446 + 8, 1);
  put32(image, 446 + 12, Math.min(0xffffffff, image.byteLength / LBA - 1));
  image.fill(0, LBA, VOLUME_LBA * LBA);
  image.set(new TextEncoder().encode('EFI PART'), LBA);
  put32(image, LBA + 72, 2);
  put32(image, LBA + 80, GPT_ENTRIES);
  put32(image, LBA + 84, ENTRY_BYTES);
  for (let i = 0; i < GPT_ENTRIES; i += 1) {
    const e = 2 * LBA + i * ENTRY_BYTES;
    image.fill(0xa2, e, e + 16); // any non-zero partition type GUID
    put32(image, e + 32, VOLUME_LBA);
    put32(image, e + 40, VOLUME_LBA + volumeSectors - 1);
  }
  return image;
}

export const budgetCases: Case[] = [
  ['GPT with 128 entries pointing at one looping FAT32 volume', gptWith128LoopingEntries, ['corrupt']],
];

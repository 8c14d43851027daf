/** Shared material for the hostile key corpus (HZ-13): base images with a container, FAT surgery. */
import { memorySource } from '../../../appliance/record/block-source.ts';
import type { BlockSource } from '../../../appliance/record/block-source.ts';
import { createKeyImage, writeKeyFile, type FatErrorCode } from '../../../appliance/record/fat/index.ts';
import { RECORD_PATH } from '../../../appliance/record/container/layout.ts';
import {
  clusterOffset,
  dirEntry,
  entryCluster,
  findEntry,
  firstFreeEntry,
  geometry,
  setFat,
} from './fat-layout.ts';

/** One hostile key: its name, how to build it, and the outcomes reading the record may end in. */
export type Case = readonly [
  name: string,
  build: () => Uint8Array | BlockSource,
  expected: readonly (FatErrorCode | 'ok')[],
];

const record = new TextEncoder().encode('{"format":"baladeur-key"}'.padEnd(70_000, ' '));

export function keyWithContainer(
  fat: 'fat16' | 'fat32',
  layout: 'superfloppy' | 'partitioned' = 'superfloppy',
): Uint8Array {
  const image = createKeyImage({ layout, fat, sizeBytes: fat === 'fat16' ? 4 << 20 : 40 << 20 });
  const source = memorySource(image);
  if (!writeKeyFile(source, RECORD_PATH, record).ok) throw new Error('base image');
  if (!writeKeyFile(source, 'PHOTO.JPG', new Uint8Array(5000).fill(7)).ok) throw new Error('base image');
  return image;
}
export const base16 = keyWithContainer('fat16');
const base32 = keyWithContainer('fat32');
export const copy16 = (): Uint8Array => new Uint8Array(base16);
export const copy32 = (): Uint8Array => new Uint8Array(base32);

/** Offsets of the BALADEUR entry, its folder, and the RECORD.JSON entry in a FAT16 copy. */
export function locate16(image: Uint8Array) {
  const g = geometry(image);
  const dirAt = findEntry(image, g.rootDirOffset, g.rootEntries * 32, 'BALADEUR');
  if (dirAt === undefined) throw new Error('no BALADEUR entry');
  const dirCluster = entryCluster(image, dirAt);
  const folder = clusterOffset(g, dirCluster);
  const recAt = findEntry(image, folder, g.spc * g.bps, 'RECORD~1JSO');
  if (recAt === undefined) throw new Error('no RECORD entry');
  return { g, dirAt, dirCluster, folder, recAt, recCluster: entryCluster(image, recAt) };
}

export function rootOf32(image: Uint8Array) {
  const g = geometry(image);
  return { g, root: clusterOffset(g, g.rootCluster) };
}

/** `depth` nested folders from the FAT32 root, one cluster each. */
export function deepNest(depth: number): Uint8Array {
  const image = copy32();
  const { g, root } = rootOf32(image);
  let parentAt = firstFreeEntry(image, root, g.spc * g.bps);
  const first = 30_000;
  for (let i = 0; i < depth; i += 1) {
    const c = first + i;
    setFat(image, g, c, 0x0fffffff);
    image.set(dirEntry(`D${String(i).padStart(7, '0')}   `, 0x10, c, 0), parentAt);
    parentAt = clusterOffset(g, c);
  }
  return image;
}

/** HZ-13 hostile keys, directory trees: looping or huge roots, deep nesting, long names, no container. */
import { memorySource } from '../../../appliance/record/block-source.ts';
import { createKeyImage, writeKeyFile } from '../../../appliance/record/fat/index.ts';
import { clusterOffset, dirEntry, firstFreeEntry, put16, setFat } from './fat-layout.ts';
import { copy16, copy32, deepNest, locate16, rootOf32, type Case } from './hostile-support.ts';

/** A FAT32 root directory made of `entries` short entries over a fresh cluster chain. */
function hugeRoot(entries: number): Uint8Array {
  const image = copy32();
  const { g } = rootOf32(image);
  const perCluster = (g.spc * g.bps) / 32;
  const clusters = Math.ceil(entries / perCluster);
  const first = 20_000;
  const root = clusterOffset(g, g.rootCluster);
  for (let at = firstFreeEntry(image, root, g.spc * g.bps); at < root + g.spc * g.bps; at += 32) {
    image.set(dirEntry(`R${String(at).padStart(7, '0')}BIN`, 0x20, 0, 0), at);
  }
  setFat(image, g, g.rootCluster, first);
  for (let i = 0; i < clusters; i += 1) {
    setFat(image, g, first + i, i === clusters - 1 ? 0x0fffffff : first + i + 1);
    const at = clusterOffset(g, first + i);
    for (let j = 0; j < perCluster && i * perCluster + j < entries; j += 1) {
      const n = String(i * perCluster + j).padStart(8, '0');
      image.set(dirEntry(`${n}BIN`, 0x20, 0, 0), at + j * 32);
    }
  }
  return image;
}

export const directoryCases: Case[] = [
  [
    'FAT32 root chain loops with no end marker',
    () => {
      const b = copy32();
      const { g, root } = rootOf32(b);
      setFat(b, g, g.rootCluster, g.rootCluster);
      for (let at = firstFreeEntry(b, root, g.spc * g.bps); at < root + g.spc * g.bps; at += 32)
        b.set(dirEntry(`Y${String(at).padStart(7, '0')}TXT`, 0x20, 0, 0), at);
      return b;
    },
    ['too_many_entries'],
  ],
  ['root with 100 000 entries', () => hugeRoot(100_000), ['too_many_entries']],
  ['folders nested 60 deep beside the container', () => deepNest(60), ['ok']],
  [
    'long-name slots with bad checksums everywhere',
    () => {
      const b = copy16();
      const l = locate16(b);
      for (let at = l.g.rootDirOffset + 32 * 4; at < l.g.rootDirOffset + 32 * 200; at += 32) {
        const e = new Uint8Array(32).fill(0x41);
        e[0] = 0x41;
        e[11] = 0x0f;
        e[13] = 0x99;
        b.set(e, at);
      }
      return b;
    },
    ['ok'],
  ],
  [
    'long-name sequence of 40 slots (over 255 chars)',
    () => {
      const b = copy16();
      const l = locate16(b);
      const start = l.g.rootDirOffset + 32 * 4;
      for (let i = 0; i < 40; i += 1) {
        const e = new Uint8Array(32).fill(0x42);
        e[0] = i === 0 ? 0x40 | (40 - i) : 40 - i;
        e[11] = 0x0f;
        e[12] = 0;
        put16(e, 26, 0);
        b.set(e, start + i * 32);
      }
      b.set(dirEntry('LONGNAMETXT', 0x20, 0, 0), start + 40 * 32);
      return b;
    },
    ['ok'],
  ],
  [
    'FSInfo full of garbage',
    () => {
      const b = copy32();
      b.fill(0xa5, 512, 1024);
      return b;
    },
    ['ok'],
  ],
  [
    'photos-only key',
    () => {
      const image = createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 4 << 20 });
      writeKeyFile(memorySource(image), 'DCIM/100CANON/IMG_0001.JPG', new Uint8Array(3000));
      return image;
    },
    ['no_container'],
  ],
  [
    'empty formatted key',
    () => createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes: 4 << 20 }),
    ['no_container'],
  ],
];

/**
 * HZ-13 hostile keys: every case ends in a typed FatError (or a clean read), never a crash or a
 * hang; each case runs under a 2 s per-case timeout and WASM memory stays bounded.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { faultySource, memorySource } from '../../../appliance/drivers/usb-key/block-source.ts';
import type { BlockSource } from '../../../appliance/drivers/usb-key/types.ts';
import {
  createKeyImage,
  fatMemoryBytes,
  listDir,
  readKeyFile,
  writeKeyFile,
  type FatErrorCode,
} from '../../../appliance/record/fat/index.ts';
import { RECORD_PATH } from '../../../appliance/record/container/layout.ts';
import {
  clusterOffset,
  dirEntry,
  entryCluster,
  findEntry,
  firstFreeEntry,
  geometry,
  put16,
  put32,
  setFat,
} from './fat-layout.ts';

const record = new TextEncoder().encode('{"format":"baladeur-key"}'.padEnd(70_000, ' '));

function keyWithContainer(
  fat: 'fat16' | 'fat32',
  layout: 'superfloppy' | 'partitioned' = 'superfloppy',
): Uint8Array {
  const image = createKeyImage({ layout, fat, sizeBytes: fat === 'fat16' ? 4 << 20 : 40 << 20 });
  const source = memorySource(image);
  if (!writeKeyFile(source, RECORD_PATH, record).ok) throw new Error('base image');
  if (!writeKeyFile(source, 'PHOTO.JPG', new Uint8Array(5000).fill(7)).ok) throw new Error('base image');
  return image;
}
const base16 = keyWithContainer('fat16');
const base32 = keyWithContainer('fat32');
const copy16 = (): Uint8Array => new Uint8Array(base16);
const copy32 = (): Uint8Array => new Uint8Array(base32);

/** Offsets of the BALADEUR entry, its folder, and the RECORD.JSON entry in a FAT16 copy. */
function locate16(image: Uint8Array) {
  const g = geometry(image);
  const dirAt = findEntry(image, g.rootDirOffset, g.rootEntries * 32, 'BALADEUR');
  if (dirAt === undefined) throw new Error('no BALADEUR entry');
  const dirCluster = entryCluster(image, dirAt);
  const folder = clusterOffset(g, dirCluster);
  const recAt = findEntry(image, folder, g.spc * g.bps, 'RECORD~1JSO');
  if (recAt === undefined) throw new Error('no RECORD entry');
  return { g, dirAt, dirCluster, folder, recAt, recCluster: entryCluster(image, recAt) };
}

function rootOf32(image: Uint8Array) {
  const g = geometry(image);
  return { g, root: clusterOffset(g, g.rootCluster) };
}

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

/** `depth` nested folders from the FAT32 root, one cluster each. */
function deepNest(depth: number): Uint8Array {
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

type Case = readonly [
  name: string,
  build: () => Uint8Array | BlockSource,
  expected: readonly (FatErrorCode | 'ok')[],
];

const cases: Case[] = [
  ['0-byte key', () => new Uint8Array(0), ['not_fat']],
  ['100-byte key', () => new Uint8Array(100), ['not_fat']],
  ['all-zero key', () => new Uint8Array(1 << 20), ['not_fat']],
  [
    'random bytes',
    () => Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 2654435761) >>> 24),
    ['not_fat'],
  ],
  [
    'bytes/sector 0',
    () => {
      const b = copy16();
      put16(b, 11, 0);
      return b;
    },
    ['not_fat'],
  ],
  [
    'bytes/sector 300',
    () => {
      const b = copy16();
      put16(b, 11, 300);
      return b;
    },
    ['not_fat'],
  ],
  [
    'bytes/sector 4096 on a 512-byte volume',
    () => {
      const b = copy16();
      put16(b, 11, 4096);
      return b;
    },
    ['corrupt', 'not_fat'],
  ],
  [
    'sectors/cluster 3',
    () => {
      const b = copy16();
      b[13] = 3;
      return b;
    },
    ['not_fat'],
  ],
  [
    'sectors/cluster 0',
    () => {
      const b = copy16();
      b[13] = 0;
      return b;
    },
    ['not_fat'],
  ],
  [
    'reserved sectors 0',
    () => {
      const b = copy16();
      put16(b, 14, 0);
      return b;
    },
    ['not_fat'],
  ],
  [
    'no FATs',
    () => {
      const b = copy16();
      b[16] = 0;
      return b;
    },
    ['not_fat'],
  ],
  [
    '200 FATs',
    () => {
      const b = copy16();
      b[16] = 200;
      return b;
    },
    ['corrupt'],
  ],
  [
    'total sectors beyond the key',
    () => {
      const b = copy16();
      put16(b, 19, 0);
      put32(b, 32, 0x7fffffff);
      return b;
    },
    ['corrupt'],
  ],
  [
    'FAT size 0',
    () => {
      const b = copy16();
      put16(b, 22, 0);
      return b;
    },
    ['corrupt'],
  ],
  [
    'FAT32 root cluster 0',
    () => {
      const b = copy32();
      put32(b, 44, 0);
      return b;
    },
    ['corrupt'],
  ],
  [
    'FAT32 root cluster past the end',
    () => {
      const b = copy32();
      put32(b, 44, 0x0ffffff0);
      return b;
    },
    ['corrupt'],
  ],
  [
    'boot signature missing',
    () => {
      const b = copy16();
      b[510] = 0;
      b[511] = 0;
      return b;
    },
    ['corrupt'],
  ],
  ['truncated image (half)', () => base16.slice(0, base16.byteLength / 2), ['corrupt']],
  ['truncated image (boot sector only)', () => base16.slice(0, 512), ['corrupt']],
  [
    'exFAT signature',
    () => {
      const b = new Uint8Array(1 << 20);
      b.set([0xeb, 0x76, 0x90, ...new TextEncoder().encode('EXFAT   ')]);
      b[510] = 0x55;
      b[511] = 0xaa;
      return b;
    },
    ['exfat'],
  ],
  [
    'NTFS signature',
    () => {
      const b = new Uint8Array(1 << 20);
      b.set([0xeb, 0x52, 0x90, ...new TextEncoder().encode('NTFS    ')]);
      b[510] = 0x55;
      b[511] = 0xaa;
      return b;
    },
    ['ntfs'],
  ],
  [
    'MBR with an exFAT partition',
    () => {
      const b = new Uint8Array(2 << 20);
      b[446 + 4] = 0x07;
      put32(b, 446 + 8, 2048);
      put32(b, 446 + 12, 2048);
      b[510] = 0x55;
      b[511] = 0xaa;
      b.set([0xeb, 0x76, 0x90, ...new TextEncoder().encode('EXFAT   ')], 2048 * 512);
      return b;
    },
    ['exfat'],
  ],
  [
    'MBR partition beyond the end',
    () => {
      const b = new Uint8Array(1 << 20);
      b[446 + 4] = 0x0c;
      put32(b, 446 + 8, 0x7fff0000);
      put32(b, 446 + 12, 100);
      b[510] = 0x55;
      b[511] = 0xaa;
      return b;
    },
    ['not_fat'],
  ],
  [
    'MBR partition starting at the MBR itself',
    () => {
      const b = new Uint8Array(1 << 20);
      b[446 + 4] = 0x0c;
      put32(b, 446 + 8, 0);
      put32(b, 446 + 12, 2048);
      b[510] = 0x55;
      b[511] = 0xaa;
      return b;
    },
    ['not_fat'],
  ],
  [
    'extended partition chain looping on itself',
    () => {
      const b = new Uint8Array(1 << 20);
      b[446 + 4] = 0x0f;
      put32(b, 446 + 8, 100);
      put32(b, 446 + 12, 1000);
      b[510] = 0x55;
      b[511] = 0xaa;
      const e = 100 * 512;
      b[e + 462 + 4] = 0x05;
      put32(b, e + 462 + 8, 0x1);
      put32(b, e + 462 + 12, 10);
      b[e + 510] = 0x55;
      b[e + 511] = 0xaa;
      const e2 = 101 * 512;
      b[e2 + 462 + 4] = 0x05;
      put32(b, e2 + 462 + 8, 0);
      b.copyWithin(e2 + 462 + 4, e + 462 + 4, e + 462 + 16);
      put32(b, e2 + 462 + 8, 0x1);
      b[e2 + 510] = 0x55;
      b[e2 + 511] = 0xaa;
      return b;
    },
    ['not_fat'],
  ],
  [
    'GPT claiming 100 000 entries',
    () => {
      const b = new Uint8Array(1 << 20);
      b[446 + 4] = 0xee;
      put32(b, 446 + 8, 1);
      put32(b, 446 + 12, 2047);
      b[510] = 0x55;
      b[511] = 0xaa;
      b.set(new TextEncoder().encode('EFI PART'), 512);
      put32(b, 512 + 72, 2);
      put32(b, 512 + 80, 100_000);
      put32(b, 512 + 84, 128);
      return b;
    },
    ['not_fat'],
  ],
  [
    'four MBR entries pointing at one volume with a container',
    () => {
      const inner = keyWithContainer('fat16', 'partitioned');
      for (let i = 1; i < 4; i += 1) inner.copyWithin(446 + i * 16, 446, 462);
      return inner;
    },
    ['several_containers'],
  ],
  [
    'record cluster chain loops on itself',
    () => {
      const b = copy16();
      const l = locate16(b);
      setFat(b, l.g, l.recCluster, l.recCluster);
      return b;
    },
    ['corrupt'],
  ],
  [
    'record chain points past the volume',
    () => {
      const b = copy16();
      const l = locate16(b);
      setFat(b, l.g, l.recCluster, 0xfff0);
      return b;
    },
    ['corrupt'],
  ],
  [
    'record chain hits a free cluster',
    () => {
      const b = copy16();
      const l = locate16(b);
      setFat(b, l.g, l.recCluster, 0);
      return b;
    },
    ['corrupt'],
  ],
  [
    'record chain ends before its size',
    () => {
      const b = copy16();
      const l = locate16(b);
      setFat(b, l.g, l.recCluster, 0xffff);
      return b;
    },
    ['corrupt'],
  ],
  [
    'record starts at cluster 1',
    () => {
      const b = copy16();
      const l = locate16(b);
      put16(b, l.recAt + 26, 1);
      return b;
    },
    ['corrupt'],
  ],
  [
    'record cross-linked with the folder',
    () => {
      const b = copy16();
      const l = locate16(b);
      put16(b, l.recAt + 26, l.dirCluster);
      return b;
    },
    ['corrupt', 'ok'],
  ],
  [
    'record size 4 GB (sparse entry)',
    () => {
      const b = copy16();
      const l = locate16(b);
      put32(b, l.recAt + 28, 0xffffffff);
      return b;
    },
    ['too_large'],
  ],
  [
    'record size 2 MB on a short chain',
    () => {
      const b = copy16();
      const l = locate16(b);
      put32(b, l.recAt + 28, 900_000);
      return b;
    },
    ['corrupt'],
  ],
  [
    'record entry marked as a folder',
    () => {
      const b = copy16();
      const l = locate16(b);
      b[l.recAt + 11] = 0x10;
      return b;
    },
    ['no_container', 'corrupt'],
  ],
  [
    'record entry marked as a long-name slot',
    () => {
      const b = copy16();
      const l = locate16(b);
      b[l.recAt + 11] = 0x0f;
      return b;
    },
    ['no_container'],
  ],
  [
    'container folder is a file',
    () => {
      const b = copy16();
      const l = locate16(b);
      b[l.dirAt + 11] = 0x20;
      return b;
    },
    ['no_container'],
  ],
  [
    'container folder chain loops with no end marker',
    () => {
      const b = copy16();
      const l = locate16(b);
      setFat(b, l.g, l.dirCluster, l.dirCluster);
      const f = l.folder;
      for (let at = firstFreeEntry(b, f, l.g.spc * l.g.bps); at < f + l.g.spc * l.g.bps; at += 32)
        b.set(dirEntry(`X${String(at).padStart(7, '0')}TXT`, 0x20, 0, 0), at);
      return b;
    },
    ['too_many_entries', 'corrupt'],
  ],
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
  [
    'read error in the boot sector',
    () => faultySource(memorySource(copy16()), { failReadAtByte: 10, kind: 'io' }),
    ['io'],
  ],
  [
    'read error in the FAT',
    () =>
      faultySource(memorySource(copy16()), {
        failReadAtByte: geometry(base16).reserved * 512 + 4,
        kind: 'io',
      }),
    ['io'],
  ],
  [
    'read error in the root folder',
    () =>
      faultySource(memorySource(copy16()), {
        failReadAtByte: geometry(base16).rootDirOffset + 1,
        kind: 'io',
      }),
    ['io'],
  ],
  [
    'read error inside the record',
    () =>
      faultySource(memorySource(copy16()), {
        failReadAtByte: clusterOffset(geometry(base16), locate16(copy16()).recCluster) + 20_000,
        kind: 'io',
      }),
    ['io'],
  ],
  [
    'key pulled after 3 reads',
    () => faultySource(memorySource(copy16()), { removeAfterReads: 3 }),
    ['removed'],
  ],
];

describe('HZ-13 hostile key corpus', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)(
    'HZ-13 %s → typed result',
    (_name, build, expected) => {
      const built = build();
      const source = built instanceof Uint8Array ? memorySource(built, { readOnly: true }) : built;
      const result = readKeyFile(source, RECORD_PATH, { maxBytes: 1 << 20 });
      const outcome = result.ok ? 'ok' : result.error.code;
      expect(expected).toContain(outcome);
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
      // Listing never throws either.
      const listing = listDir(source, '/');
      expect(typeof listing.ok).toBe('boolean');
    },
    2000,
  );

  it('HZ-13 a path nested deeper than the limit → too_deep', () => {
    const result = readKeyFile(
      memorySource(deepNest(12)),
      Array.from({ length: 12 }, (_, i) => `D${String(i).padStart(7, '0')}`).join('/'),
      { maxBytes: 100 },
    );
    expect(!result.ok && result.error.code).toBe('too_deep');
  });

  it('HZ-13 a 4 GB file entry is refused without reading it', () => {
    const image = copy16();
    const g = geometry(image);
    image.set(
      dirEntry('BIG     BIN', 0x20, 3, 0xfffffff0),
      firstFreeEntry(image, g.rootDirOffset, g.rootEntries * 32),
    );
    const listing = listDir(memorySource(image), '/');
    expect(listing.ok && listing.value.find((e) => e.name === 'BIG.BIN')?.size).toBe(0xfffffff0);
    const r = readKeyFile(memorySource(image), 'BIG.BIN', { maxBytes: 1 << 20 });
    expect(!r.ok && r.error.code).toBe('too_large');
  });

  afterAll(() => {
    // HZ-13 memory bounded: the WASM heap never grows with the size of hostile inputs.
    expect(fatMemoryBytes()).toBeLessThanOrEqual(16 * 1024 * 1024);
  });
});

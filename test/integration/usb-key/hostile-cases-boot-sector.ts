/** HZ-13 hostile keys, boot sector: sizes, BPB fields out of range, signatures of other file systems. */
import { put16, put32 } from './fat-layout.ts';
import { base16, copy16, copy32, type Case } from './hostile-support.ts';

export const bootSectorCases: Case[] = [
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
];

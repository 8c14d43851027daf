/** HZ-13 hostile keys, partition tables: MBR entries out of bounds or looping, oversized GPT. */
import { put32 } from './fat-layout.ts';
import { keyWithContainer, type Case } from './hostile-support.ts';

export const partitionCases: Case[] = [
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
];

/** HZ-13 hostile CLI keys, the medium and its file system: empty, random, foreign or damaged images. */
import { createKeyImage } from '../../../appliance/record/fat/index.ts';
import { inImage, notFat, type HostileCase, type HostileKit } from './hostile-kit.ts';

export function mediumCases({ valid }: HostileKit): HostileCase[] {
  const cases: HostileCase[] = [
    // The medium and the file system.
    { name: 'image of 0 bytes', bytes: new Uint8Array(0), exit: 2, message: notFat },
    { name: 'image of 1 byte', bytes: new Uint8Array([0xeb]), exit: 2, message: notFat },
    { name: 'image of 511 zero bytes', bytes: new Uint8Array(511), exit: 2, message: notFat },
    { name: '1 MiB of zeros', bytes: new Uint8Array(1024 * 1024), exit: 2, message: notFat },
    {
      name: '1 MiB of random bytes',
      bytes: globalThis.crypto.getRandomValues(new Uint8Array(65536)),
      exit: 2,
      message: notFat,
    },
    {
      name: 'FAT image without a record',
      bytes: createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes: 8 * 1024 * 1024 }),
      exit: 2,
      message: /no Baladeur record/u,
    },
    {
      name: 'FAT image truncated to its first 64 KiB',
      bytes: inImage(valid).slice(0, 65536),
      exit: 2,
      message: notFat,
    },
    {
      name: 'PNG file given as a key',
      bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(2048)]),
      exit: 2,
      message: notFat,
    },
  ];
  const corruptBoot = inImage(valid);
  corruptBoot.fill(0xff, 11, 64);
  cases.push({ name: 'FAT boot sector with garbage BPB', bytes: corruptBoot, exit: 2, message: notFat });
  const corruptFat = inImage(valid);
  corruptFat.fill(0xff, 512, 512 * 40);
  cases.push({
    name: 'FAT tables overwritten with 0xFF',
    bytes: corruptFat,
    exit: 2,
    message: /damaged|no Baladeur record|not a Baladeur|malformed|too large|invalid/u,
  });
  const oversize = new Uint8Array(9 * 1024 * 1024).fill(0x20);
  oversize[0] = 0x7b;
  cases.push({
    name: 'record file of 9 MiB in an image',
    bytes: inImage(oversize, 24 * 1024 * 1024),
    exit: 2,
    message: /larger than a Baladeur record/u,
  });
  cases.push({ name: 'bare record file of 9 MiB', bytes: oversize, exit: 2, message: /too large/u });
  return cases;
}

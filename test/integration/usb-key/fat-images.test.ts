import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../../appliance/drivers/usb-key/block-source.ts';
import { memorySource } from '../../../appliance/record/block-source.ts';
import {
  createKeyImage,
  findVolumes,
  listDir,
  locateContainer,
  readKeyFile,
  writeKeyFile,
} from '../../../appliance/record/fat/index.ts';
import { RECORD_PATH } from '../../../appliance/record/container/layout.ts';
import { blankImage, fsck, mcopy, mkfat, mmd, partition, workdir } from './images.ts';

const wd = workdir();
afterAll(() => wd.cleanup());
const record = new TextEncoder().encode('{"format":"baladeur-key","test":true}'.padEnd(70_000, ' '));
const recordFile = wd.file('RECORD.JSON');
fs.writeFileSync(recordFile, record);

function withContainer(file: string, offsetBytes = 0): void {
  mmd(file, 'BALADEUR', offsetBytes);
  mcopy(file, recordFile, RECORD_PATH, offsetBytes);
}

function read(file: string): ReturnType<typeof readKeyFile> {
  const source = fileSource(file, { readOnly: true });
  try {
    return readKeyFile(source, RECORD_PATH, { maxBytes: 1 << 20 });
  } finally {
    source.close();
  }
}

describe('keys built with mkfs.vfat / sfdisk / mtools read through the user-space FAT', () => {
  it.each([
    ['partitioned FAT32', 64, 32, true],
    ['superfloppy FAT32', 40, 32, false],
    ['partitioned FAT16', 16, 16, true],
    ['superfloppy FAT16', 24, 16, false],
    ['superfloppy FAT12', 2, 12, false],
  ] as const)('%s', (name, mib, fat, partitioned) => {
    const file = wd.file(`${name.replace(/ /g, '-')}.img`);
    blankImage(file, mib);
    if (partitioned) {
      partition(file, [`start=2048, type=${fat === 32 ? 'c' : 'e'}`]);
      mkfat(file, { fat, offsetSectors: 2048 });
    } else {
      mkfat(file, { fat });
    }
    withContainer(file, partitioned ? 2048 * 512 : 0);
    const got = read(file);
    expect(got.ok && Buffer.from(got.value).equals(Buffer.from(record))).toBe(true);
  });

  it('picks the partition holding the container among several (MBR)', () => {
    const file = wd.file('several.img');
    blankImage(file, 100);
    partition(file, [
      'start=2048, size=40960, type=e',
      'start=43008, size=81920, type=c',
      'start=124928, type=7',
    ]);
    mkfat(file, { fat: 16, offsetSectors: 2048, sectors: 40960 });
    mkfat(file, { fat: 32, offsetSectors: 43008, sectors: 81920 });
    mcopy(file, recordFile, 'PHOTO.JPG', 2048 * 512);
    withContainer(file, 43008 * 512);
    const source = fileSource(file, { readOnly: true });
    const volume = locateContainer(source);
    expect(volume.ok && volume.value.offset).toBe(43008 * 512);
    expect(read(file).ok).toBe(true);
    source.close();
  });

  it('picks the partition holding the container on a GPT key', () => {
    const file = wd.file('gpt.img');
    blankImage(file, 80);
    partition(
      file,
      ['start=2048, size=20480, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7', 'start=22528, size=90000'],
      'gpt',
    );
    mkfat(file, { fat: 16, offsetSectors: 2048, sectors: 20480 });
    mkfat(file, { fat: 32, offsetSectors: 22528, sectors: 90000 });
    withContainer(file, 22528 * 512);
    expect(read(file).ok).toBe(true);
  });

  it('a FAT key with files but no container → no_container', () => {
    const file = wd.file('photos.img');
    blankImage(file, 40);
    mkfat(file, { fat: 32 });
    mmd(file, 'DCIM');
    mcopy(file, recordFile, 'DCIM/IMG_0001.JPG');
    const got = read(file);
    expect(!got.ok && got.error.code).toBe('no_container');
    const source = fileSource(file, { readOnly: true });
    const listing = listDir(source, 'DCIM');
    expect(listing.ok && listing.value.map((e) => e.name)).toEqual(['IMG_0001.JPG']);
    source.close();
  });

  it('two partitions each with a container → several_containers', () => {
    const file = wd.file('two.img');
    blankImage(file, 80);
    partition(file, ['start=2048, size=40960, type=e', 'start=43008, type=e']);
    mkfat(file, { fat: 16, offsetSectors: 2048, sectors: 40960 });
    mkfat(file, { fat: 16, offsetSectors: 43008 });
    withContainer(file, 2048 * 512);
    withContainer(file, 43008 * 512);
    const got = read(file);
    expect(!got.ok && got.error.code).toBe('several_containers');
  });

  it('an empty (all zero) key → not_fat', () => {
    const file = wd.file('empty.img');
    blankImage(file, 8);
    const got = read(file);
    expect(!got.ok && got.error.code).toBe('not_fat');
  });

  it.each([
    ['partitioned', 'fat32', 64],
    ['superfloppy', 'fat32', 40],
    ['partitioned', 'fat16', 16],
    ['superfloppy', 'fat16', 4],
  ] as const)(
    'createKeyImage %s %s: fsck-clean, readable by mtools after writeKeyFile',
    (layout, fat, mib) => {
      const image = createKeyImage({ layout, fat, sizeBytes: mib * 1024 * 1024 });
      const source = memorySource(image);
      expect(writeKeyFile(source, RECORD_PATH, record).ok).toBe(true);
      expect(writeKeyFile(source, RECORD_PATH, record.subarray(0, 1000)).ok).toBe(true);
      const offset = layout === 'partitioned' ? 2048 * 512 : 0;
      expect(fsck(image, offset, wd).clean).toBe(true);
      const file = wd.file(`created-${layout}-${fat}.img`);
      fs.writeFileSync(file, image);
      const volumes = findVolumes(source);
      expect(volumes.ok && volumes.value.map((v) => [v.kind, v.offset])).toEqual([['fat', offset]]);
      const got = read(file);
      expect(got.ok && got.value.byteLength).toBe(1000);
    },
  );

  it('createKeyImage refuses FAT32 below 33 MiB', () => {
    expect(() =>
      createKeyImage({ layout: 'partitioned', fat: 'fat32', sizeBytes: 32 * 1024 * 1024 }),
    ).toThrow(RangeError);
  });

  it('a write-protected key reads but refuses writes with read_only', () => {
    const image = createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes: 4 << 20 });
    expect(writeKeyFile(memorySource(image), RECORD_PATH, record).ok).toBe(true);
    const ro = memorySource(image, { readOnly: true });
    expect(readKeyFile(ro, RECORD_PATH, { maxBytes: 1 << 20 }).ok).toBe(true);
    const w = writeKeyFile(ro, RECORD_PATH, record);
    expect(!w.ok && w.error.code).toBe('read_only');
  });
});

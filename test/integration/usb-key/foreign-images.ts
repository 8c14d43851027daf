/**
 * Sticks a kiosk meets that hold no Baladeur record, built with the real tools (mkfs.vfat,
 * mkfs.exfat from exfatprogs, mkfs.ntfs from ntfs-3g, mkfs.ext4, sfdisk), as in the wild: what
 * the key worker reports for each decides whether a signing card is offered *Nouveau dossier*.
 */
import fs from 'node:fs';
import { blankImage, mcopy, mkfat, mmd, partition, sh, type Workdir } from './images.ts';

export interface ForeignStick {
  readonly name: string;
  readonly file: string;
  /** `not_a_baladeur_key`: a FAT volume without a record (writable); `not_fat`: none at all. */
  readonly expected: 'not_a_baladeur_key' | 'not_fat';
}

const MiB = 1024 * 1024;
const PARTITION_START = 2048;

/** A file system made in its own file, copied into the image's first partition. */
function intoPartition(image: string, filesystem: string): void {
  const bytes = fs.readFileSync(filesystem);
  const fd = fs.openSync(image, 'r+');
  try {
    fs.writeSync(fd, bytes, 0, bytes.byteLength, PARTITION_START * 512);
  } finally {
    fs.closeSync(fd);
  }
}

export function foreignSticks(wd: Workdir): ForeignStick[] {
  const sticks: ForeignStick[] = [];
  const make = (name: string, expected: ForeignStick['expected'], build: (file: string) => void) => {
    const file = wd.file(`${name}.img`);
    blankImage(file, 24);
    build(file);
    sticks.push({ name, file, expected });
  };
  const photo = wd.file('photo.jpg');
  fs.writeFileSync(photo, new Uint8Array(3000).fill(0xd8));

  make('zeroed', 'not_fat', () => {});
  make('exfat', 'not_fat', (file) => sh('mkfs.exfat', [file]));
  make('ntfs', 'not_fat', (file) => sh('mkfs.ntfs', ['-q', '-F', '-f', file]));
  make('ext4', 'not_fat', (file) => sh('mkfs.ext4', ['-q', '-F', file]));
  make('mbr-empty-linux-partition', 'not_fat', (file) =>
    partition(file, [`start=${PARTITION_START}, type=83`]),
  );
  make('mbr-exfat', 'not_fat', (file) => {
    const volume = wd.file('exfat-volume.img');
    blankImage(volume, 20);
    sh('mkfs.exfat', [volume]);
    partition(file, [`start=${PARTITION_START}, type=7`]);
    intoPartition(file, volume);
  });
  make('gpt-ext4', 'not_fat', (file) => {
    const volume = wd.file('ext4-volume.img');
    blankImage(volume, 20);
    sh('mkfs.ext4', ['-q', '-F', volume]);
    partition(file, [`start=${PARTITION_START}, size=${(20 * MiB) / 512}`], 'gpt');
    intoPartition(file, volume);
  });
  make('fat-photos', 'not_a_baladeur_key', (file) => {
    mkfat(file, { fat: 16 });
    mmd(file, 'DCIM');
    mcopy(file, photo, 'DCIM/IMG_0001.JPG');
  });
  make('mbr-ntfs-then-fat', 'not_a_baladeur_key', (file) => {
    const ntfs = wd.file('ntfs-volume.img');
    blankImage(ntfs, 8);
    sh('mkfs.ntfs', ['-q', '-F', '-f', ntfs]);
    const fatStart = PARTITION_START + (8 * MiB) / 512;
    partition(file, [
      `start=${PARTITION_START}, size=${(8 * MiB) / 512}, type=7`,
      `start=${fatStart}, type=6`,
    ]);
    intoPartition(file, ntfs);
    mkfat(file, { fat: 16, offsetSectors: fatStart });
  });
  return sticks;
}

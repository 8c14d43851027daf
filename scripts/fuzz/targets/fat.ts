/**
 * FAT reader over block images: small key images (a 2 MiB FAT16 superfloppy and a 3 MiB
 * partitioned FAT16, each holding BALADEUR/RECORD.JSON) with bytes overwritten where the
 * filesystem's structures live (MBR, boot sector, FATs, root directory, the record's directory),
 * read through `memorySource` exactly as a key is: locate, read the record, list folders.
 */
import fc from 'fast-check';
import { memorySource } from '../../../appliance/record/block-source.ts';
import { RECORD_PATH } from '../../../appliance/record/container/layout.ts';
import { createKeyImage } from '../../../appliance/record/fat/image.ts';
import { listDir, readKeyFile, writeKeyFile } from '../../../appliance/record/fat/files.ts';
import type { FuzzTarget, PreparedTarget } from '../harness.ts';

interface Patch {
  /** Offset inside the image's metadata window (see `windows`). */
  readonly at: number;
  readonly bytes: readonly number[];
}

interface Input {
  readonly image: number;
  readonly patches: readonly Patch[];
}

const MiB = 1024 * 1024;
/** The first 96 KiB of a volume hold its boot sector, both FATs, the root directory and the first clusters. */
const WINDOW = 96 * 1024;

function keyImage(
  layout: 'superfloppy' | 'partitioned',
  size: number,
): { bytes: Uint8Array; windows: number[] } {
  const bytes = createKeyImage({ layout, fat: 'fat16', sizeBytes: size });
  const written = writeKeyFile(
    memorySource(bytes),
    RECORD_PATH,
    new TextEncoder().encode(`{"format":"x"}${' '.repeat(9000)}`),
  );
  if (!written.ok) throw new Error(`fuzz image: ${written.error.code}`);
  return { bytes, windows: layout === 'partitioned' ? [0, 1 * MiB] : [0] };
}

const u32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
const patchBytes = fc.oneof(
  fc.array(fc.nat(255), { minLength: 1, maxLength: 4 }),
  fc.constantFrom(0, 1, 2, 0x7f, 0x80, 0xff, 0xfff7, 0xffff, 0x0ffffff7, 0xffffffff).map(u32),
  fc.constantFrom([0x00], [0xe5], [0x2e], [0x10], [0x0f], [0x55, 0xaa], [0xeb, 0x3c, 0x90]),
);

function run(images: readonly { bytes: Uint8Array; windows: number[] }[], input: Input): void {
  const image = images[input.image % images.length] as { bytes: Uint8Array; windows: number[] };
  const saved: { at: number; old: Uint8Array }[] = [];
  for (const patch of input.patches) {
    const window = image.windows[patch.at % image.windows.length] as number;
    const at = window + (Math.floor(patch.at / image.windows.length) % WINDOW);
    const bytes = patch.bytes.slice(0, image.bytes.length - at);
    saved.push({ at, old: image.bytes.slice(at, at + bytes.length) });
    image.bytes.set(bytes, at);
  }
  try {
    const source = memorySource(image.bytes, { readOnly: true });
    readKeyFile(source, RECORD_PATH, { maxBytes: 64 * 1024 });
    listDir(source, '/');
    listDir(source, 'BALADEUR');
  } finally {
    for (const { at, old } of saved.reverse()) image.bytes.set(old, at);
  }
}

export const fatTarget: FuzzTarget<Input> = {
  name: 'fat',
  covers: 'appliance/record/fat readKeyFile, listDir over memorySource (block-source.ts)',
  prepare(): Promise<PreparedTarget<Input>> {
    const images = [keyImage('superfloppy', 2 * MiB), keyImage('partitioned', 3 * MiB)];
    for (const image of images) {
      const read = readKeyFile(memorySource(image.bytes, { readOnly: true }), RECORD_PATH, {
        maxBytes: 64 * 1024,
      });
      if (!read.ok) throw new Error(`fuzz image unreadable before any patch: ${read.error.code}`);
    }
    return Promise.resolve({
      arbitrary: fc.record({
        image: fc.nat(1),
        patches: fc.array(
          // Boot sectors (the first 512 bytes of each window) often, the rest of the window otherwise.
          fc.record({ at: fc.oneof(fc.nat(1023), fc.nat()), bytes: patchBytes }),
          { minLength: 1, maxLength: 6 },
        ),
      }),
      run: (input) => run(images, input),
      encode: (input) => input,
      decode: (stored) => stored as Input,
    });
  },
};

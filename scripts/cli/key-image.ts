/** Reading and writing the record file on a key image or device, for the CLI (never mounted). */
import fs from 'node:fs';
import { fileSource } from '../../appliance/drivers/usb-key/block-source.ts';
import { memorySource } from '../../appliance/record/block-source.ts';
import { BlockIoError, type BlockSource } from '../../appliance/record/block-source.ts';
import { RECORD_PATH } from '../../appliance/record/container/layout.ts';
import { MAX_CONTAINER_BYTES } from '../../appliance/record/crypto/padding.ts';
import { createKeyImage, readKeyFile } from '../../appliance/record/fat/index.ts';
import { writeRecordToKey } from '../../appliance/record/write-record.ts';
import { EXIT, fail } from './command.ts';

function open(path: string, option: string, readOnly: boolean): BlockSource {
  try {
    return fileSource(path, { readOnly });
  } catch (error) {
    if (error instanceof BlockIoError)
      fail(EXIT.unusable, `${option} ${path}: cannot open (${error.message})`);
    throw error;
  }
}

function statOf(path: string): fs.Stats | undefined {
  try {
    return fs.statSync(path);
  } catch {
    return undefined;
  }
}

/** Opens a key image or device read-only for the time `use` runs (awaited when it is async). */
export async function withKeyAsync<T>(path: string, use: (source: BlockSource) => Promise<T>): Promise<T> {
  const source = openKey(path);
  try {
    return await use(source);
  } finally {
    source.close();
  }
}

function openKey(path: string): BlockSource {
  const stat = statOf(path);
  if (stat === undefined) fail(EXIT.unusable, `--in ${path}: no such file`);
  if (stat.isDirectory()) fail(EXIT.unusable, `--in ${path}: is a folder, not a key image or device`);
  return open(path, '--in', true);
}

/** Opens a key image or device read-only; `--in` may also name a bare container file (JSON). */
export function withKey<T>(path: string, use: (source: BlockSource) => T): T {
  const source = openKey(path);
  try {
    return use(source);
  } finally {
    source.close();
  }
}

function firstByte(source: BlockSource): number | undefined {
  return source.size === 0 ? undefined : source.read(0, 1)[0];
}

/** The bytes of RECORD_PATH (or of the bare container file given as --in). */
export function readRecord(path: string): Uint8Array {
  return withKey(path, (source) => {
    if (firstByte(source) === 0x7b) {
      if (source.size > MAX_CONTAINER_BYTES)
        fail(EXIT.unusable, `--in ${path}: the record file is too large`);
      return source.read(0, source.size);
    }
    const record = readKeyFile(source, RECORD_PATH, { maxBytes: MAX_CONTAINER_BYTES });
    if (!record.ok) fail(EXIT.unusable, `--in ${path}: ${record.error.message}`);
    return record.value;
  });
}

/** Writes an image file sparsely: only the 64 KiB chunks that hold something. */
function writeSparse(path: string, image: Uint8Array): void {
  const fd = fs.openSync(path, 'wx');
  try {
    fs.ftruncateSync(fd, image.byteLength);
    const chunk = 64 * 1024;
    const zeros = Buffer.alloc(chunk);
    for (let offset = 0; offset < image.byteLength; offset += chunk) {
      const part = Buffer.from(
        image.buffer,
        image.byteOffset + offset,
        Math.min(chunk, image.byteLength - offset),
      );
      if (!part.equals(zeros.subarray(0, part.byteLength)))
        fs.writeSync(fd, part, 0, part.byteLength, offset);
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes the record to an existing image or device (`--out` exists) or creates a new partitioned
 * FAT32 key image holding it. Returns whether a new image was created.
 */
export function writeRecord(path: string, record: Uint8Array): 'created' | 'updated' {
  const stat = statOf(path);
  if (stat?.isDirectory() === true)
    fail(EXIT.unusable, `--out ${path}: is a folder, not a key image or device`);
  if (stat === undefined) {
    const image = createKeyImage({ layout: 'partitioned', fat: 'fat32' });
    const written = writeRecordToKey(memorySource(image), record);
    if (!written.ok) fail(EXIT.unusable, `--out ${path}: ${written.error.message}`);
    writeSparse(path, image);
    return 'created';
  }
  const source = open(path, '--out', false);
  try {
    const written = writeRecordToKey(source, record);
    if (!written.ok) fail(EXIT.unusable, `--out ${path}: ${written.error.message}`);
    source.flush();
    return 'updated';
  } finally {
    source.close();
  }
}

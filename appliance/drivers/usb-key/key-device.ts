/**
 * What a key is, as a description any thread can re-open: the key worker (appliance/server/key-worker)
 * receives one of these, never a file descriptor or a BlockSource, and opens the bytes itself, so
 * a stalling device blocks that worker and nothing else. Structured-clone-able by design.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { BlockIoError, faultySource, memorySource, type BlockSource } from '../../record/block-source.ts';
import { fileSource } from './block-source.ts';

/** Simulated faults (simulator and tests only): the record's `faultySource` options plus a stall. */
export const KeyFaultsSchema = z
  .object({
    failReadAtByte: z.number().int().nonnegative().optional(),
    failWriteAfterWrites: z.number().int().nonnegative().optional(),
    removeAfterReads: z.number().int().nonnegative().optional(),
    kind: z.enum(['removed', 'io']).optional(),
    /** The read after this many blocks the thread for `stallMs`, then fails as a medium error. */
    stallAfterReads: z.number().int().nonnegative().optional(),
    stallMs: z.number().int().positive().optional(),
    /** Every write blocks the thread this long first, like a slow stick (the access-log notice shows). */
    writeDelayMs: z.number().int().positive().max(60_000).optional(),
  })
  .strict();
export type KeyFaults = z.infer<typeof KeyFaultsSchema>;

const simulated = {
  readOnly: z.boolean(),
  faults: KeyFaultsSchema.optional(),
  /** Int32 flag set to 1 by the simulator when the key is pulled (every thread then sees 'removed'). */
  pulled: z.instanceof(SharedArrayBuffer).optional(),
};

export const KeyDeviceSchema = z.discriminatedUnion('kind', [
  /** A real USB disk: opened read-write (for the access log), read-only when the kernel refuses. */
  z.object({ kind: z.literal('device'), path: z.string().regex(/^\/dev\/[A-Za-z0-9/_-]+$/) }).strict(),
  /** A simulated key backed by an image file. */
  z.object({ kind: z.literal('image'), path: z.string().min(1), ...simulated }).strict(),
  /** A simulated key held in shared memory (writes land in `image`, seen by every thread). */
  z.object({ kind: z.literal('memory'), image: z.instanceof(SharedArrayBuffer), ...simulated }).strict(),
]);
export type KeyDevice = z.infer<typeof KeyDeviceSchema>;

/** The medium size of a block device from sysfs, without opening it (0: a reader with no medium). */
export function deviceMediumBytes(devicePath: string): number {
  const name = path.basename(fs.realpathSync(devicePath));
  return Number.parseInt(fs.readFileSync(`/sys/class/block/${name}/size`, 'utf8').trim(), 10) * 512;
}

function openDeviceNode(devicePath: string): BlockSource {
  try {
    return fileSource(devicePath, { readOnly: false });
  } catch (error) {
    if (error instanceof BlockIoError && error.kind === 'read_only')
      return fileSource(devicePath, { readOnly: true });
    throw error;
  }
}

function stalling(inner: BlockSource, afterReads: number, stallMs: number): BlockSource {
  let reads = 0;
  return {
    ...inner,
    size: inner.size,
    readOnly: inner.readOnly,
    read(offset, length) {
      reads += 1;
      if (reads > afterReads) {
        // Like a stick that stops answering: the thread blocks as in a kernel SCSI timeout.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, stallMs);
        throw new BlockIoError('io', 'simulated stall: the key did not answer');
      }
      return inner.read(offset, length);
    },
  };
}

function slowWrites(inner: BlockSource, delayMs: number): BlockSource {
  return {
    ...inner,
    size: inner.size,
    readOnly: inner.readOnly,
    write(offset, data) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, delayMs);
      inner.write(offset, data);
    },
  };
}

function pullable(inner: BlockSource, flag: SharedArrayBuffer): BlockSource {
  const pulled = new Int32Array(flag);
  const live = (): void => {
    if (Atomics.load(pulled, 0) !== 0) throw new BlockIoError('removed', 'key pulled');
  };
  return {
    size: inner.size,
    readOnly: inner.readOnly,
    read: (offset, length) => (live(), inner.read(offset, length)),
    write: (offset, data) => (live(), inner.write(offset, data)),
    flush: () => (live(), inner.flush()),
    close: () => inner.close(),
  };
}

/** Opens the key's bytes on the calling thread. Throws `BlockIoError` when the device cannot be opened. */
export function openKey(device: KeyDevice): BlockSource {
  switch (device.kind) {
    case 'device':
      return openDeviceNode(device.path);
    case 'image':
    case 'memory': {
      let source =
        device.kind === 'image'
          ? fileSource(device.path, { readOnly: device.readOnly })
          : memorySource(new Uint8Array(device.image), { readOnly: device.readOnly });
      const { stallAfterReads, stallMs, writeDelayMs, ...faults } = device.faults ?? {};
      if (Object.keys(faults).length > 0) source = faultySource(source, faults);
      if (stallAfterReads !== undefined) source = stalling(source, stallAfterReads, stallMs ?? 3_600_000);
      if (writeDelayMs !== undefined) source = slowWrites(source, writeDelayMs);
      return device.pulled ? pullable(source, device.pulled) : source;
    }
  }
}

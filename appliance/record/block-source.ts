/**
 * The block-device port the record reads a key through (a device node, an image file, or memory).
 * The record owns it; the USB-key driver implements it over a device node (`fileSource`). A pulled
 * key or a failing medium surfaces as a `BlockIoError`, never as a crash.
 */
/** Thrown by a BlockSource when the medium fails (pulled key, read error): caught at the FAT layer. */
export class BlockIoError extends Error {
  constructor(
    readonly kind: 'removed' | 'io' | 'read_only',
    message: string,
  ) {
    super(message);
    this.name = 'BlockIoError';
  }
}

/**
 * Synchronous by design: the FAT library (ChaN's FatFs in WASM) calls disk I/O synchronously.
 * Offsets and lengths are in bytes and sector-aligned by the caller.
 */
export interface BlockSource {
  readonly size: number;
  readonly readOnly: boolean;
  read(offset: number, length: number): Uint8Array;
  write(offset: number, data: Uint8Array): void;
  flush(): void;
  close(): void;
}

export function checkRange(size: number, offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw new RangeError(`bad block range ${offset}+${length}`);
  }
  if (offset + length > size) throw new RangeError(`block range ${offset}+${length} beyond end ${size}`);
}

/** A key held in memory (tests, demo keys). Writes change `bytes` in place. */
export function memorySource(bytes: Uint8Array, options: { readOnly?: boolean } = {}): BlockSource {
  const readOnly = options.readOnly ?? false;
  let closed = false;
  const live = (): void => {
    if (closed) throw new BlockIoError('removed', 'memory source closed');
  };
  return {
    size: bytes.byteLength,
    readOnly,
    read(offset, length) {
      live();
      checkRange(bytes.byteLength, offset, length);
      return bytes.slice(offset, offset + length);
    },
    write(offset, data) {
      live();
      if (readOnly) throw new BlockIoError('read_only', 'memory source is read-only');
      checkRange(bytes.byteLength, offset, data.byteLength);
      bytes.set(data, offset);
    },
    flush() {
      live();
    },
    close() {
      closed = true;
    },
  };
}

export interface FaultOptions {
  /** Any read whose range covers this byte offset fails (and the key counts as pulled if `kind` is 'removed'). */
  readonly failReadAtByte?: number;
  /** The first N writes succeed; the next one fails and the key is gone. */
  readonly failWriteAfterWrites?: number;
  /** The first N reads succeed; the next one fails and the key is gone. */
  readonly removeAfterReads?: number;
  /** What the failure looks like: a pulled key (default) or a medium error. */
  readonly kind?: 'removed' | 'io';
}

export interface FaultySource extends BlockSource {
  /** Pull the key now: every later operation fails with 'removed'. */
  pull(): void;
  readonly stats: { readonly reads: number; readonly writes: number; readonly pulled: boolean };
}

/**
 * Wraps a source to simulate a key pulled mid-read or mid-write, or a medium error at byte N.
 * Used by the pulled-key tests and by the dev dock. A cut write writes nothing of that call;
 * the FAT layer writes one sector per call, so "every write step" means every sector.
 */
export function faultySource(inner: BlockSource, options: FaultOptions): FaultySource {
  const kind = options.kind ?? 'removed';
  let reads = 0;
  let writes = 0;
  let pulled = false;
  const fail = (what: string): never => {
    if (kind === 'removed') pulled = true;
    throw new BlockIoError(
      kind,
      `simulated ${kind === 'removed' ? 'pulled key' : 'medium error'} during ${what}`,
    );
  };
  const live = (): void => {
    if (pulled) throw new BlockIoError('removed', 'key pulled');
  };
  return {
    size: inner.size,
    readOnly: inner.readOnly,
    get stats() {
      return { reads, writes, pulled };
    },
    pull() {
      pulled = true;
    },
    read(offset, length) {
      live();
      if (options.removeAfterReads !== undefined && reads >= options.removeAfterReads) fail('read');
      const at = options.failReadAtByte;
      if (at !== undefined && at >= offset && at < offset + length) fail(`read at byte ${at}`);
      reads += 1;
      return inner.read(offset, length);
    },
    write(offset, data) {
      live();
      if (options.failWriteAfterWrites !== undefined && writes >= options.failWriteAfterWrites) fail('write');
      writes += 1;
      inner.write(offset, data);
    },
    flush() {
      live();
      inner.flush();
    },
    close() {
      inner.close();
    },
  };
}

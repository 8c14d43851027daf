/**
 * A patient's USB key as the session sees it. The key is never mounted: its blocks are read in
 * user space through a `BlockSource` (a device node, an image file, or memory).
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

export type UsbKeyStatus =
  | { readonly status: 'no_key' }
  /** `keyId` changes at every insertion. */
  | { readonly status: 'key_present'; readonly keyId: string; readonly source: BlockSource }
  | { readonly status: 'several_keys' }
  | { readonly status: 'key_error'; readonly reason: 'unreadable_device' | 'not_usb' };

export interface UsbKeyService {
  current(): UsbKeyStatus;
  onStatus(listener: (status: UsbKeyStatus) => void): () => void;
  close(): Promise<void>;
}

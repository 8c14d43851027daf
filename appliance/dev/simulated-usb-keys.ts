/**
 * Simulated USB keys for development and tests: the dev dock "inserts" a key image and the same
 * BlockSource path as the real driver runs (FAT in user space over the image bytes). A key can be
 * write-protected, pulled mid-read or mid-write (faultySource), or a second key can be inserted.
 */
import { randomUUID } from 'node:crypto';
import { fileSource } from '../drivers/usb-key/block-source.ts';
import { faultySource, memorySource, type FaultySource } from '../record/block-source.ts';
import type { UsbKeyService, UsbKeyStatus } from '../drivers/usb-key/types.ts';

export interface SimulatedInsertOptions {
  /** Write-protected key: reads work, writes fail with 'read_only'. */
  readonly readOnly?: boolean;
  /** Image files are opened read-only unless this is set (bytes are copied, so always writable). */
  readonly writable?: boolean;
  readonly failReadAtByte?: number;
  readonly failWriteAfterWrites?: number;
}

interface Inserted {
  readonly keyId: string;
  readonly source: FaultySource;
}

export class SimulatedUsbKeys implements UsbKeyService {
  private readonly keys: Inserted[] = [];
  private readonly listeners = new Set<(status: UsbKeyStatus) => void>();
  private status: UsbKeyStatus = { status: 'no_key' };

  /** Inserts a key image (a path or bytes); returns the new key's id. */
  insert(image: string | Uint8Array, options: SimulatedInsertOptions = {}): string {
    const readOnly = options.readOnly ?? false;
    const inner =
      typeof image === 'string'
        ? fileSource(image, { readOnly: readOnly || !(options.writable ?? false) })
        : memorySource(new Uint8Array(image), { readOnly });
    const source = faultySource(inner, {
      ...(options.failReadAtByte === undefined ? {} : { failReadAtByte: options.failReadAtByte }),
      ...(options.failWriteAfterWrites === undefined
        ? {}
        : { failWriteAfterWrites: options.failWriteAfterWrites }),
    });
    const keyId = randomUUID();
    this.keys.push({ keyId, source });
    this.publish();
    return keyId;
  }

  /** Pulls a key (the given one, or the last inserted): its pending and later I/O fail with 'removed'. */
  remove(keyId?: string): void {
    const index = keyId === undefined ? this.keys.length - 1 : this.keys.findIndex((k) => k.keyId === keyId);
    const [gone] = index < 0 ? [] : this.keys.splice(index, 1);
    if (!gone) return;
    gone.source.pull();
    gone.source.close();
    this.publish();
  }

  current(): UsbKeyStatus {
    return this.status;
  }

  onStatus(listener: (status: UsbKeyStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    while (this.keys.length > 0) this.remove();
    this.listeners.clear();
  }

  private publish(): void {
    const [only] = this.keys;
    const next: UsbKeyStatus =
      this.keys.length === 0
        ? { status: 'no_key' }
        : this.keys.length > 1 || !only
          ? { status: 'several_keys' }
          : { status: 'key_present', keyId: only.keyId, source: only.source };
    if (sameStatus(next, this.status)) return;
    this.status = next;
    for (const listener of [...this.listeners]) listener(next);
  }
}

function sameStatus(a: UsbKeyStatus, b: UsbKeyStatus): boolean {
  if (a.status !== b.status) return false;
  if (a.status === 'key_present' && b.status === 'key_present') return a.keyId === b.keyId;
  return true;
}

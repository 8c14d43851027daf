/**
 * Simulated USB keys for development and tests: the dev dock "inserts" a key image and the same
 * path as the real driver runs (the key's worker opens it and reads FAT in user space over the
 * image bytes). A key can be write-protected, pulled mid-read or mid-write, stall like a stick
 * that stops answering, or a second key can be inserted. Key bytes given in memory live in a
 * SharedArrayBuffer, so every thread sees the same key (and the writes to it).
 */
import { randomUUID } from 'node:crypto';
import type { KeyDevice, KeyFaults } from '../drivers/usb-key/key-device.ts';
import type { UsbKeyService, UsbKeyStatus } from '../drivers/usb-key/types.ts';

export interface SimulatedInsertOptions {
  /** Write-protected key: reads work, writes fail with 'read_only'. */
  readonly readOnly?: boolean;
  /** Image files are opened read-only unless this is set (bytes are copied, so always writable). */
  readonly writable?: boolean;
  readonly failReadAtByte?: number;
  readonly failWriteAfterWrites?: number;
  /** The read after this many blocks for `stallMs` (default: an hour), then fails. */
  readonly stallAfterReads?: number;
  readonly stallMs?: number;
  /** Each write waits this long first: a slow stick. */
  readonly writeDelayMs?: number;
}

interface Inserted {
  readonly keyId: string;
  readonly device: KeyDevice;
  /** Int32 flag: 1 once the key is pulled. */
  readonly pulled: SharedArrayBuffer;
}

function faultsOf(options: SimulatedInsertOptions): KeyFaults | undefined {
  const faults: KeyFaults = {
    ...(options.failReadAtByte === undefined ? {} : { failReadAtByte: options.failReadAtByte }),
    ...(options.failWriteAfterWrites === undefined
      ? {}
      : { failWriteAfterWrites: options.failWriteAfterWrites }),
    ...(options.stallAfterReads === undefined ? {} : { stallAfterReads: options.stallAfterReads }),
    ...(options.stallMs === undefined ? {} : { stallMs: options.stallMs }),
    ...(options.writeDelayMs === undefined ? {} : { writeDelayMs: options.writeDelayMs }),
  };
  return Object.keys(faults).length > 0 ? faults : undefined;
}

export class SimulatedUsbKeys implements UsbKeyService {
  private readonly keys: Inserted[] = [];
  private readonly listeners = new Set<(status: UsbKeyStatus) => void>();
  private status: UsbKeyStatus = { status: 'no_key' };

  /** Inserts a key image (a path or bytes); returns the new key's id. */
  insert(image: string | Uint8Array, options: SimulatedInsertOptions = {}): string {
    const readOnly = options.readOnly ?? false;
    const pulled = new SharedArrayBuffer(4);
    const faults = faultsOf(options);
    const common = { pulled, ...(faults ? { faults } : {}) };
    let device: KeyDevice;
    if (typeof image === 'string') {
      device = { kind: 'image', path: image, readOnly: readOnly || !(options.writable ?? false), ...common };
    } else {
      const shared = new SharedArrayBuffer(image.byteLength);
      new Uint8Array(shared).set(image);
      device = { kind: 'memory', image: shared, readOnly, ...common };
    }
    const keyId = randomUUID();
    this.keys.push({ keyId, device, pulled });
    this.publish();
    return keyId;
  }

  /** Pulls a key (the given one, or the last inserted): its pending and later I/O fail with 'removed'. */
  remove(keyId?: string): void {
    const index = keyId === undefined ? this.keys.length - 1 : this.keys.findIndex((k) => k.keyId === keyId);
    const [gone] = index < 0 ? [] : this.keys.splice(index, 1);
    if (!gone) return;
    Atomics.store(new Int32Array(gone.pulled), 0, 1);
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
          : { status: 'key_present', keyId: only.keyId, device: only.device };
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

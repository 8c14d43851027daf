/**
 * A patient's USB key as the session sees it. The key is never mounted: its blocks are read in
 * user space through a `BlockSource` that the key's worker opens from the key's description
 * (`KeyDevice`: a device node, an image file, or shared memory); the service itself never reads it.
 */
import type { KeyDevice } from './key-device.ts';

export type UsbKeyStatus =
  | { readonly status: 'no_key' }
  /** `keyId` changes at every insertion. */
  | { readonly status: 'key_present'; readonly keyId: string; readonly device: KeyDevice }
  | { readonly status: 'several_keys' }
  | { readonly status: 'key_error'; readonly reason: 'unreadable_device' | 'not_usb' };

export interface UsbKeyService {
  current(): UsbKeyStatus;
  onStatus(listener: (status: UsbKeyStatus) => void): () => void;
  close(): Promise<void>;
}

/**
 * When pcscd reports a card gone, seen by a second PC/SC client of the same pcscd (the bench's
 * own, never connecting to a card): the kiosk's driver and this watcher are woken by the same
 * SCardGetStatusChange event. Times are wall-clock epoch ms (`performance.timeOrigin + now`), the
 * clock a page on the same machine reads, so "pcscd reported → page painted" can be computed.
 */
import {
  openPcscliteContext,
  SCARD_STATE_PRESENT,
  type PcscReader,
  type PcscReaderStatus,
} from '../../appliance/drivers/smartcard/pcsc-binding.ts';

export interface RemovalWatch {
  /** Epoch ms of the last present → absent change on any reader, or undefined. */
  last(): number | undefined;
  close(): void;
}

export function watchCardRemovals(): RemovalWatch {
  const context = openPcscliteContext();
  const readers: PcscReader[] = [];
  let last: number | undefined;
  context.on('error', () => undefined);
  context.on('reader', (reader: PcscReader) => {
    readers.push(reader);
    let previous = 0;
    reader.on('error', () => undefined);
    reader.on('status', (status: PcscReaderStatus) => {
      if ((previous & SCARD_STATE_PRESENT) !== 0 && (status.state & SCARD_STATE_PRESENT) === 0)
        last = performance.timeOrigin + performance.now();
      previous = status.state;
    });
  });
  return {
    last: () => last,
    close() {
      // From a fresh turn, never from an addon callback (see pcsc-driver.ts).
      setImmediate(() => {
        for (const reader of readers) reader.close();
        context.close();
      });
    },
  };
}

/**
 * In-memory receipt printer for unit tests and the dev dock (simulated mode) until the virtual
 * ESC/POS printer on a loopback socket replaces it. Keeps the bytes of every printed job.
 */
import type { PrintOutcome, Printer, PrinterStatus } from '../drivers/printer/types.ts';

export type SimulatedPrinterState = 'ready' | 'paper_out' | 'cover_open' | 'offline';

export class MemoryPrinter implements Printer {
  private status: PrinterStatus = { status: 'ready', paperNearEnd: false };
  private readonly listeners = new Set<(status: PrinterStatus) => void>();
  private readonly printed: Uint8Array[] = [];

  constructor(private readonly options: { readonly chunkBytes?: number } = {}) {}

  setState(state: SimulatedPrinterState): void {
    this.set(state === 'ready' ? { status: 'ready', paperNearEnd: false } : { status: state });
  }

  /** Bytes of the last job printed in full, if any. */
  last(): Uint8Array | undefined {
    return this.printed.at(-1);
  }

  jobCount(): number {
    return this.printed.length;
  }

  current(): PrinterStatus {
    return this.status;
  }

  onStatus(listener: (status: PrinterStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async print(
    bytes: Uint8Array,
    onProgress?: (sentBytes: number, totalBytes: number) => void,
  ): Promise<PrintOutcome> {
    const chunk = this.options.chunkBytes ?? 4096;
    for (let sent = 0; sent < bytes.length;) {
      if (this.status.status !== 'ready') return { status: 'failed', printer: this.status };
      sent = Math.min(bytes.length, sent + chunk);
      onProgress?.(sent, bytes.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (this.status.status !== 'ready') return { status: 'failed', printer: this.status };
    this.printed.push(bytes.slice());
    return { status: 'printed' };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }

  private set(status: PrinterStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener(status);
  }
}

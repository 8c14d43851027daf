/**
 * The receipt printer as the session sees it: ESC/POS bytes in, status out.
 * Transports (TCP 9100, USB printer class, serial) sit below `Printer`.
 */
export type PrinterStatus =
  | { readonly status: 'ready'; readonly paperNearEnd: boolean }
  | { readonly status: 'paper_out' }
  | { readonly status: 'cover_open' }
  | { readonly status: 'offline' }
  | { readonly status: 'error'; readonly reason: string }
  /** The printer did not answer a status request within the timeout. */
  | { readonly status: 'no_answer' }
  | { readonly status: 'not_configured' };

export type PrintOutcome =
  | { readonly status: 'printed' }
  | { readonly status: 'failed'; readonly printer: PrinterStatus };

export interface Printer {
  current(): PrinterStatus;
  onStatus(listener: (status: PrinterStatus) => void): () => void;
  /** Sends a whole job; resolves `printed` only when every byte was accepted and no error reported. */
  print(bytes: Uint8Array, onProgress?: (sentBytes: number, totalBytes: number) => void): Promise<PrintOutcome>;
  close(): Promise<void>;
}

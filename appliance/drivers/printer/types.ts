/**
 * The receipt printer as the session sees it: ESC/POS bytes in, status out.
 * Transports (TCP 9100, USB printer class, serial) sit below `Printer`.
 */
export type PrinterStatus =
  | { readonly status: 'ready'; readonly paperNearEnd: boolean }
  | { readonly status: 'paper_out' }
  | { readonly status: 'cover_open' }
  /**
   * The printer reports itself offline, or (`unreachable`) the transport cannot reach it at all:
   * connection refused or lost, device unplugged. A print job waits on the first, fails on the second.
   */
  | { readonly status: 'offline'; readonly unreachable?: boolean }
  | { readonly status: 'error'; readonly reason: string }
  /** The printer did not answer a status request within the timeout. */
  | { readonly status: 'no_answer' }
  | { readonly status: 'not_configured' };

export type PrintOutcome =
  { readonly status: 'printed' } | { readonly status: 'failed'; readonly printer: PrinterStatus };

export interface Printer {
  current(): PrinterStatus;
  onStatus(listener: (status: PrinterStatus) => void): () => void;
  /** Sends a whole job; resolves `printed` only when every byte was accepted and no error reported. */
  print(
    bytes: Uint8Array,
    onProgress?: (sentBytes: number, totalBytes: number) => void,
  ): Promise<PrintOutcome>;
  /**
   * Asks the printer for its status now (ESC/POS: DLE EOT 1–4) and pushes it to listeners.
   * Optional: a printer without it is only known through `current()` and `onStatus`.
   */
  refresh?(): Promise<PrinterStatus>;
  close(): Promise<void>;
}

/**
 * What a print job (`runPrintJob`) reports while it runs, in the driver's own terms; the server
 * maps it to what the screen shows.
 */
export type PrintJobProgress =
  | { readonly status: 'sending'; readonly sentBytes: number; readonly totalBytes: number }
  /** Held until the printer is ready again (paper out, cover open, reported offline). */
  | { readonly status: 'waiting_for_printer'; readonly printer: PrinterStatus }
  | { readonly status: 'done' }
  | { readonly status: 'failed'; readonly printer: PrinterStatus }
  /** The caller's signal aborted the job. */
  | { readonly status: 'aborted' };

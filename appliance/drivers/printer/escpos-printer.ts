/**
 * `EscPosPrinter`: the Printer interface over any transport, speaking ESC/POS.
 *
 * Status without busy polling: DLE EOT 1–4 at open, before a job and after it; Automatic Status
 * Back (GS a) enabled at open and at the start of every job so that a printer pushes paper-out /
 * cover-open / offline changes by itself, mid-job included. Network printers do not push anything
 * over TCP unless ASB is on. Completion: GS r 1 after the job's last byte; a printer answers it only
 * once every earlier byte is processed, so its answer (then a clean DLE EOT) is what makes a job
 * `printed` (HZ-07). The only timer runs while a job waits for that answer (a status check every
 * `jobStatusIntervalMs`) — and in runPrintJob while a job is held waiting.
 */
import { silentLogger, type EventLogger } from '../../common/event-logger.ts';
import { serialQueue } from '../../common/serial-queue.ts';
import { concat, dleEot, enableAsb, ESC, gsR1 } from './escpos/commands.ts';
import { StatusStream, statusFromAsb, statusFromRealTime } from './escpos/status.ts';
import type { PrintOutcome, Printer, PrinterStatus } from './types.ts';
import type { PrinterTransport, TransportError } from './transport/types.ts';
import { Listeners } from './transport/types.ts';

export interface EscPosPrinterOptions {
  /** Time allowed for each DLE EOT answer. */
  readonly statusTimeoutMs?: number;
  /** Longest wait for the end-of-job answer (GS r) after the last byte. */
  readonly completionTimeoutMs?: number;
  /** Status check while waiting for the end-of-job answer. */
  readonly jobStatusIntervalMs?: number;
  readonly chunkBytes?: number;
  /** Enable Automatic Status Back (GS a); on by default. */
  readonly asb?: boolean;
  readonly logger?: EventLogger;
}

interface Slot {
  receive: ((byte: number) => void) | undefined;
}

const UNREACHABLE: PrinterStatus = { status: 'offline', unreachable: true };
const isReady = (s: PrinterStatus): boolean => s.status === 'ready';
const sameStatus = (a: PrinterStatus, b: PrinterStatus): boolean => JSON.stringify(a) === JSON.stringify(b);

export class EscPosPrinter implements Printer {
  private status: PrinterStatus = { status: 'no_answer' };
  private readonly listeners = new Listeners<PrinterStatus>();
  private readonly stream = new StatusStream();
  /**
   * Answers come back in the order of the requests (real-time commands are handled in the order
   * received; GS r in stream order), so each request gets a slot in a FIFO. A request that timed out
   * keeps its slot with no receiver: its late answer is discarded instead of being taken for the
   * answer to a later request (a DLE EOT stuck behind job data while paper is out is answered only
   * once paper is back; a GS r of an interrupted job is answered before the reprint's).
   */
  private readonly realTimeSlots: Slot[] = [];
  private readonly gsRSlots: Slot[] = [];
  private jobWatcher: ((status: PrinterStatus) => void) | undefined;
  /** Status requests and jobs, one at a time. */
  private readonly exclusive = serialQueue();
  private readonly o: Required<Omit<EscPosPrinterOptions, 'logger'>>;

  constructor(
    private readonly transport: PrinterTransport,
    options: EscPosPrinterOptions = {},
  ) {
    this.o = {
      statusTimeoutMs: options.statusTimeoutMs ?? 1000,
      completionTimeoutMs: options.completionTimeoutMs ?? 60_000,
      jobStatusIntervalMs: options.jobStatusIntervalMs ?? 5000,
      chunkBytes: options.chunkBytes ?? 1024,
      asb: options.asb ?? true,
    };
    this.log = options.logger ?? silentLogger;
    transport.onData((bytes) => this.onBytes(bytes));
    transport.onClose((e) => this.onTransportClosed(e));
  }
  private readonly log: EventLogger;

  current(): PrinterStatus {
    return this.status;
  }

  onStatus(listener: (status: PrinterStatus) => void): () => void {
    return this.listeners.add(listener);
  }

  refresh(): Promise<PrinterStatus> {
    return this.exclusive(async () => {
      if (!(await this.ensureOpen())) return this.status;
      return this.setStatus(await this.queryRealTimeOrResync());
    });
  }

  print(
    bytes: Uint8Array,
    onProgress?: (sentBytes: number, totalBytes: number) => void,
  ): Promise<PrintOutcome> {
    return this.exclusive(() => this.printNow(bytes, onProgress));
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  private setStatus(status: PrinterStatus): PrinterStatus {
    if (!sameStatus(status, this.status)) {
      this.status = status;
      this.listeners.emit(status);
    }
    return status;
  }

  private onBytes(bytes: Uint8Array): void {
    for (const m of this.stream.push(bytes)) {
      if (m.kind === 'realtime') {
        this.realTimeSlots.shift()?.receive?.(m.byte);
      } else if (m.kind === 'gs_r') {
        this.gsRSlots.shift()?.receive?.(m.byte);
      } else {
        const status = this.setStatus(statusFromAsb(m.bytes));
        this.jobWatcher?.(status);
      }
    }
  }

  private onTransportClosed(e: TransportError): void {
    this.log.warn('printer.transport_closed', { kind: e.kind });
    for (const slot of [...this.realTimeSlots.splice(0), ...this.gsRSlots.splice(0)]) slot.receive?.(-1);
    this.setStatus(UNREACHABLE);
    this.jobWatcher?.(UNREACHABLE);
  }

  private async ensureOpen(): Promise<boolean> {
    if (this.transport.isOpen()) return true;
    const opened = await this.transport.open();
    if (!opened.ok) {
      this.log.warn('printer.open_failed', { kind: opened.error.kind });
      this.setStatus(UNREACHABLE);
      return false;
    }
    if (this.o.asb) await this.transport.write(enableAsb());
    return true;
  }

  private async queryRealTime(): Promise<PrinterStatus> {
    const replies: number[] = [];
    for (const n of [1, 2, 3, 4] as const) {
      const slot = this.slot(this.realTimeSlots, this.o.statusTimeoutMs);
      if (!(await this.transport.write(dleEot(n))).ok) {
        slot.receive?.(-1);
        return UNREACHABLE;
      }
      const byte = await slot.answer;
      if (byte === undefined) return this.transport.isOpen() ? { status: 'no_answer' } : UNREACHABLE;
      if (byte < 0) return UNREACHABLE;
      replies.push(byte);
    }
    const [printer = 0, offlineCause = 0, errorCause = 0, paper = 0] = replies;
    return statusFromRealTime({ printer, offlineCause, errorCause, paper });
  }

  /**
   * Outside a job, a printer that answered no status request gets a fresh connection: its
   * unanswered requests would otherwise keep their places in the FIFO and swallow the answers to
   * the next requests once it answers again (a hung printer that recovers without a reconnect).
   */
  private async queryRealTimeOrResync(): Promise<PrinterStatus> {
    const status = await this.queryRealTime();
    if (status.status === 'no_answer') {
      for (const slot of [...this.realTimeSlots.splice(0), ...this.gsRSlots.splice(0)]) slot.receive?.(-1);
      this.log.warn('printer.resync');
      await this.transport.close();
    }
    return status;
  }

  /** A FIFO slot resolving with the answer byte, -1 when the transport closed, undefined on timeout. */
  private slot(queue: Slot[], timeoutMs?: number): Slot & { readonly answer: Promise<number | undefined> } {
    let resolve!: (value: number | undefined) => void;
    const answer = new Promise<number | undefined>((r) => (resolve = r));
    const slot: Slot & { answer: Promise<number | undefined> } = { receive: undefined, answer };
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            slot.receive = undefined;
            resolve(undefined);
          }, timeoutMs);
    slot.receive = (byte) => {
      clearTimeout(timer);
      slot.receive = undefined;
      resolve(byte);
    };
    queue.push(slot);
    return slot;
  }

  private async printNow(
    bytes: Uint8Array,
    onProgress?: (sentBytes: number, totalBytes: number) => void,
  ): Promise<PrintOutcome> {
    const failed = (printer: PrinterStatus): PrintOutcome => ({ status: 'failed', printer });
    if (!(await this.ensureOpen())) return failed(UNREACHABLE);
    const before = this.setStatus(await this.queryRealTimeOrResync());
    if (!isReady(before)) return failed(before);

    let interrupted: PrinterStatus | undefined;
    let wake: (() => void) | undefined;
    let pendingEnd: Slot | undefined;
    this.jobWatcher = (status) => {
      if (!isReady(status)) {
        interrupted ??= status;
        wake?.();
      }
    };
    try {
      // ESC @ may restore power-on settings on some models, ASB included: re-enable it after.
      const startsWithInit = bytes[0] === ESC && bytes[1] === 0x40;
      const head = startsWithInit ? 2 : 0;
      const prefix = concat(bytes.subarray(0, head), this.o.asb ? enableAsb() : new Uint8Array(0));
      const lostWrite = (e: TransportError): PrintOutcome =>
        failed(
          interrupted ??
            (e.kind === 'io' ? { status: 'error', reason: `transport_${e.detail}` } : UNREACHABLE),
        );
      if (prefix.length) {
        const written = await this.transport.write(prefix);
        if (!written.ok) return lostWrite(written.error);
      }
      onProgress?.(head, bytes.length);
      for (let offset = head; offset < bytes.length; offset += this.o.chunkBytes) {
        if (interrupted) return failed(interrupted);
        const chunk = bytes.subarray(offset, Math.min(bytes.length, offset + this.o.chunkBytes));
        const written = await this.transport.write(chunk);
        if (!written.ok) return lostWrite(written.error);
        onProgress?.(offset + chunk.length, bytes.length);
      }
      const endOfJob = this.slot(this.gsRSlots);
      pendingEnd = endOfJob;
      const completed = new Promise<boolean>((resolve) => {
        void endOfJob.answer.then((byte) => resolve(byte !== undefined && byte >= 0));
        wake = () => resolve(false);
      });
      const asked = await this.transport.write(gsR1());
      if (!asked.ok) return lostWrite(asked.error);
      const started = Date.now();
      for (;;) {
        if (interrupted) return failed(interrupted);
        const elapsed = Date.now() - started;
        const step = Math.min(this.o.jobStatusIntervalMs, this.o.completionTimeoutMs - elapsed);
        let timer: NodeJS.Timeout | undefined;
        const tick = new Promise<undefined>(
          (resolve) => (timer = setTimeout(() => resolve(undefined), Math.max(0, step))),
        );
        const done = await Promise.race([completed, tick]);
        clearTimeout(timer);
        if (done === true) break;
        if (interrupted) return failed(interrupted);
        const status = this.setStatus(await this.queryRealTime());
        // no_answer: the request may be queued behind job data; keep waiting for the end of job.
        if (!isReady(status) && status.status !== 'no_answer') return failed(status);
        if (Date.now() - started >= this.o.completionTimeoutMs) return failed({ status: 'no_answer' });
      }
      const after = this.setStatus(await this.queryRealTime());
      if (!isReady(after)) return failed(after);
      return { status: 'printed' };
    } finally {
      this.jobWatcher = undefined;
      if (pendingEnd) pendingEnd.receive = undefined;
      wake = undefined;
    }
  }
}

/**
 * The behaviour of an ESC/POS receipt printer, independent of how bytes reach it (TCP, a fake USB
 * endpoint, a mock serial port). Real-time commands (DLE EOT) are answered as soon as they are
 * received, whatever the state; everything else is "printed" only while the printer is ready.
 * Data received while it is not ready waits in a receive buffer of limited size; when that is full
 * the transport stops reading (flow control), as a real printer does.
 */
import { nextToken } from '../../drivers/printer/escpos/splitter.ts';

export type VirtualState = 'ready' | 'paper_near_end' | 'paper_out' | 'cover_open' | 'offline' | 'error';

export interface VirtualPrinterOptions {
  readonly state?: VirtualState;
  /** Never answers status requests (DLE EOT, GS r, ASB): a printer that answers nothing. */
  readonly silent?: boolean;
  /** Prints at most this many bytes per 10 ms tick (a slow printer); unlimited by default. */
  readonly bytesPerTick?: number;
  readonly receiveBufferBytes?: number;
  readonly supportsAsb?: boolean;
}

export class VirtualPrinterCore {
  state: VirtualState;
  silent: boolean;
  bytesPerTick: number | undefined;
  readonly supportsAsb: boolean;
  private readonly receiveBufferBytes: number;
  private input: Uint8Array = new Uint8Array(0);
  /** Index up to which the input has been scanned for real-time commands. */
  private scanned = 0;
  /** Index up to which the input has been printed/processed. */
  private processed = 0;
  private readonly realTimeAt = new Set<number>();
  private asbMask = 0;
  private receivedLog: number[] = [];
  private printedLog: number[] = [];
  private switches: { atPrinted: number; state: VirtualState }[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Bytes to send back to the host. */
  reply: (bytes: Uint8Array) => void = () => {};
  /** Called with false when the receive buffer is full, true when there is room again. */
  flow: (accepting: boolean) => void = () => {};
  accepting = true;

  constructor(options: VirtualPrinterOptions = {}) {
    this.state = options.state ?? 'ready';
    this.silent = options.silent ?? false;
    this.bytesPerTick = options.bytesPerTick;
    this.receiveBufferBytes = options.receiveBufferBytes ?? 4096;
    this.supportsAsb = options.supportsAsb ?? true;
  }

  get received(): Uint8Array {
    return Uint8Array.from(this.receivedLog);
  }
  /** What went to paper: every processed byte except real-time and status commands. */
  get printed(): Uint8Array {
    return Uint8Array.from(this.printedLog);
  }
  get pendingBytes(): number {
    return this.input.length - this.processed;
  }

  clearLogs(): void {
    this.receivedLog = [];
    this.printedLog = [];
  }

  setState(state: VirtualState): void {
    if (state === this.state) return;
    this.state = state;
    this.sendAsb();
    this.pump();
  }

  /** Switch to `state` once `bytes` more bytes have been printed (e.g. paper runs out mid-job). */
  switchAfter(bytes: number, state: VirtualState): void {
    this.switches.push({ atPrinted: this.printedLog.length + bytes, state });
  }

  /** Forgets every pending `switchAfter`. */
  cancelSwitches(): void {
    this.switches = [];
  }

  receive(chunk: Uint8Array): void {
    for (const b of chunk) this.receivedLog.push(b);
    const merged = new Uint8Array(this.input.length + chunk.length);
    merged.set(this.input);
    merged.set(chunk, this.input.length);
    this.input = merged;
    this.scan();
    this.pump();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private printing(): boolean {
    return this.state === 'ready' || this.state === 'paper_near_end';
  }

  private scan(): void {
    for (;;) {
      const token = nextToken(this.input, this.scanned);
      if (!token) return;
      const at = this.scanned;
      if (token.kind === 'command' && token.prefix[0] === 0x10) {
        this.realTimeAt.add(at);
        if (token.prefix[1] === 0x04) this.answerRealTime(this.input[at + 2] ?? 0);
      }
      this.scanned += token.length;
    }
  }

  private answerRealTime(n: number): void {
    if (this.silent) return;
    const s = this.state;
    let byte = 0x12;
    if (n === 1 && !this.printing()) byte |= 0x08;
    if (n === 2) {
      if (s === 'cover_open') byte |= 0x04;
      if (s === 'paper_out') byte |= 0x20;
      if (s === 'error') byte |= 0x40;
    }
    if (n === 3 && s === 'error') byte |= 0x08;
    if (n === 4) {
      if (s === 'paper_near_end' || s === 'paper_out') byte |= 0x0c;
      if (s === 'paper_out') byte |= 0x60;
    }
    this.reply(Uint8Array.of(byte));
  }

  private sendAsb(): void {
    if (this.silent || this.asbMask === 0) return;
    const s = this.state;
    const b1 = 0x10 | (this.printing() ? 0 : 0x08) | (s === 'cover_open' ? 0x20 : 0);
    const b2 = s === 'error' ? 0x08 : 0;
    const b3 = (s === 'paper_near_end' || s === 'paper_out' ? 0x03 : 0) | (s === 'paper_out' ? 0x0c : 0);
    this.reply(Uint8Array.of(b1, b2, b3, 0));
  }

  private pump(): void {
    if (this.timer) return;
    let budget = this.bytesPerTick ?? Number.POSITIVE_INFINITY;
    while (this.printing() && this.processed < this.scanned && budget > 0) {
      const at = this.processed;
      const token = nextToken(this.input, at);
      if (!token) break;
      const bytes = this.input.subarray(at, at + token.length);
      this.processed += token.length;
      budget -= token.length;
      if (this.realTimeAt.delete(at)) continue;
      if (token.kind === 'command' && token.prefix[0] === 0x1d && token.prefix[1] === 0x61) {
        this.asbMask = this.supportsAsb ? (bytes[2] ?? 0) : 0;
        this.sendAsb();
        continue;
      }
      if (token.kind === 'command' && token.prefix[0] === 0x1d && token.prefix[1] === 0x72) {
        if (!this.silent)
          this.reply(
            Uint8Array.of(this.state === 'paper_out' ? 0x0f : this.state === 'paper_near_end' ? 0x03 : 0),
          );
        continue;
      }
      for (const b of bytes) this.printedLog.push(b);
      const due = this.switches.find((s) => this.printedLog.length >= s.atPrinted);
      if (due) {
        this.switches = this.switches.filter((s) => s !== due);
        this.setState(due.state);
      }
    }
    this.compact();
    const accepting = this.pendingBytes < this.receiveBufferBytes;
    if (accepting !== this.accepting) {
      this.accepting = accepting;
      this.flow(accepting);
    }
    if (this.printing() && this.processed < this.scanned && this.bytesPerTick !== undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, 10);
    }
  }

  private compact(): void {
    if (this.processed < 65536) return;
    const shift = this.processed;
    this.input = this.input.slice(shift);
    this.scanned -= shift;
    this.processed = 0;
    const moved = [...this.realTimeAt].map((i) => i - shift);
    this.realTimeAt.clear();
    for (const i of moved) this.realTimeAt.add(i);
  }
}

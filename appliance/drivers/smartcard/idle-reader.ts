/**
 * A PC/SC reader that knows whether one of its native calls is in flight.
 *
 * pcsclite runs connect, transmit and disconnect on a libuv worker thread that holds the reader's
 * mutex for the whole PC/SC call, and its `close()` takes that mutex on the main thread. Closing a
 * reader while a call is in flight therefore blocks the event loop until the card answers — for
 * ever when the card is served by this very process, as the vpcd test card is (seen as a hung CI
 * run, main thread in CardReader::Close). So readers are closed only once idle.
 */
import { EventEmitter } from 'node:events';
import type { PcscReader } from './pcsc-binding.ts';

export class IdleTrackingReader extends EventEmitter implements PcscReader {
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly inner: PcscReader) {
    super();
    // 'error' stays on the addon's object, where the driver listens for it.
    for (const event of ['status', 'end'] as const) {
      inner.on(event, (...args: unknown[]) => this.emit(event, ...args));
    }
  }

  get name(): string {
    return this.inner.name;
  }

  /** Resolves true once no native call is in flight (at once when none is), false after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Starts a native call; its callback (called once by the addon) ends it. */
  private call<A extends unknown[]>(
    cb: (...args: A) => void,
    start: (done: (...args: A) => void) => void,
  ): void {
    this.inFlight++;
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      this.inFlight--;
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    };
    try {
      start((...args: A) => {
        end();
        cb(...args);
      });
    } catch (error) {
      end(); // thrown synchronously: no callback will come
      throw error;
    }
  }

  connect(
    options: { share_mode: number; protocol: number },
    cb: (err: unknown, protocol: number) => void,
  ): void {
    this.call(cb, (done) => this.inner.connect(options, done));
  }

  disconnect(disposition: number, cb: (err: unknown) => void): void {
    this.call(cb, (done) => this.inner.disconnect(disposition, done));
  }

  transmit(
    data: Buffer,
    resLen: number,
    protocol: number,
    cb: (err: unknown, response: Buffer) => void,
  ): void {
    this.call(cb, (done) => this.inner.transmit(data, resLen, protocol, done));
  }

  close(): void {
    this.inner.close();
  }
}

import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PcscContext, PcscReader } from './pcsc-binding.ts';
import { SCARD_STATE_EMPTY, SCARD_STATE_MUTE, SCARD_STATE_PRESENT, isContactless } from './pcsc-binding.ts';
import { PcscSmartcardService } from './pcsc-driver.ts';

/** A fake addon: readers appear/disappear and change state on demand; no card ever answers. */
class FakeReader extends EventEmitter implements PcscReader {
  constructor(readonly name: string) {
    super();
  }
  connect(_o: unknown, cb: (err: unknown, protocol: number) => void): void {
    setImmediate(() => cb(new Error('SCardConnect error: Card was removed.(0x80100069)'), 0));
  }
  disconnect(_d: number, cb: (err: unknown) => void): void {
    setImmediate(() => cb(undefined));
  }
  transmit(_d: Buffer, _l: number, _p: number, cb: (err: unknown, r: Buffer) => void): void {
    setImmediate(() => cb(new Error('(0x80100069)'), Buffer.alloc(0)));
  }
  close(): void {
    this.emit('end');
  }
}
class FakeContext extends EventEmitter implements PcscContext {
  close(): void {}
}

let services: PcscSmartcardService[] = [];
afterEach(async () => {
  // Closing waits for event-loop turns: on fake timers, let them run while it closes.
  const closing = Promise.all(services.map((s) => s.close()));
  if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(5_000);
  await closing;
  vi.useRealTimers();
  services = [];
});

function make(openContext: () => PcscContext, readerPattern?: RegExp): PcscSmartcardService {
  const s = new PcscSmartcardService({
    anchors: [],
    openContext,
    readerPattern,
    retry: { initialMs: 5, maxMs: 20, presentMs: 300 },
  });
  services.push(s);
  return s;
}

describe('PcscSmartcardService (fake PC/SC)', () => {
  it('recognises contactless interfaces by name', () => {
    expect(isContactless('ACS ACR122U PICC Interface')).toBe(true);
    expect(isContactless('HID Global OMNIKEY 5422 Contactless')).toBe(true);
    expect(isContactless('Identiv SCR3310 Smart Card Reader [CCID Interface]')).toBe(false);
  });

  it('HZ-11 reports service_unavailable while pcscd is down and connects by itself when it comes back', async () => {
    vi.useFakeTimers();
    let attempts = 0;
    const ctx = new FakeContext();
    const s = make(() => {
      if (++attempts < 3) throw new Error('SCardEstablishContext error: Service not available.(0x8010001d)');
      return ctx;
    });
    expect(s.current()).toEqual({ status: 'service_unavailable' });
    await vi.advanceTimersByTimeAsync(4); // the first retry is due at 5 ms
    expect(attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(20); // 5 ms, then 10 ms
    expect(attempts).toBe(3);
    expect(s.current()).toEqual({ status: 'no_reader' });
    ctx.emit('error', new Error('SCardGetStatusChange error: Service was stopped.(0x8010001e)'));
    expect(s.current()).toEqual({ status: 'service_unavailable' });
  });

  it('ignores contactless interfaces and readers not matching the pattern; follows reader unplug', () => {
    const ctx = new FakeContext();
    const s = make(() => ctx, /Gemalto|Omnikey/i);
    const contactless = new FakeReader('HID Omnikey 5422 Contactless');
    const other = new FakeReader('Some Other Reader');
    const chosen = new FakeReader('Gemalto PC Twin Reader');
    for (const r of [contactless, other]) ctx.emit('reader', r);
    expect(s.current()).toEqual({ status: 'no_reader' });
    ctx.emit('reader', chosen);
    chosen.emit('status', { state: SCARD_STATE_EMPTY });
    expect(s.current()).toEqual({ status: 'no_card', reader: 'Gemalto PC Twin Reader' });
    contactless.emit('status', { state: SCARD_STATE_PRESENT });
    expect(s.current()).toMatchObject({ status: 'no_card' });
    chosen.close(); // unplugged
    expect(s.current()).toEqual({ status: 'no_reader' });
  });

  it('reports a mute card as unresponsive, and a fresh insertion is tried again', () => {
    const ctx = new FakeContext();
    const s = make(() => ctx);
    const r = new FakeReader('Reader A');
    ctx.emit('reader', r);
    r.emit('status', { state: SCARD_STATE_PRESENT | SCARD_STATE_MUTE | (1 << 16) });
    expect(s.current()).toEqual({ status: 'card_error', reader: 'Reader A', reason: 'unresponsive' });
    r.emit('status', { state: SCARD_STATE_EMPTY | (2 << 16) });
    expect(s.current()).toEqual({ status: 'no_card', reader: 'Reader A' });
  });

  it('HZ-11 never closes a reader while one of its native calls is in flight (pcsclite would block the event loop)', async () => {
    /** Like pcsclite: close() takes the mutex a pending connect holds, so it must not come first. */
    class SlowReader extends FakeReader {
      pendingConnect: ((err: unknown, protocol: number) => void) | undefined;
      closedWhileBusy = false;
      closed = false;
      override connect(_o: unknown, cb: (err: unknown, protocol: number) => void): void {
        this.pendingConnect = cb;
      }
      override close(): void {
        if (this.pendingConnect) this.closedWhileBusy = true;
        this.closed = true;
      }
    }
    const ctx = new FakeContext();
    const s = make(() => ctx);
    const r = new SlowReader('Reader A');
    ctx.emit('reader', r);
    r.emit('status', { state: SCARD_STATE_PRESENT | (1 << 16) });
    expect(r.pendingConnect).toBeDefined();
    const closing = s.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(r.closed).toBe(false);
    const answer = r.pendingConnect;
    r.pendingConnect = undefined;
    answer?.(new Error('SCardConnect error: Card was removed.(0x80100069)'), 0);
    await closing;
    expect(r.closed).toBe(true);
    expect(r.closedWhileBusy).toBe(false);
  });

  it('HZ-11 never closes a reader from inside one of its own event callbacks (pcsclite holds its mutex there)', async () => {
    /** Like pcsclite: while it delivers a reader event, microtasks run with the reader's mutex held. */
    class LockingReader extends FakeReader {
      locked = false;
      closedWhileLocked = false;
      closed = false;
      async deliverLocked(event: string, ...args: unknown[]): Promise<void> {
        this.locked = true;
        this.emit(event, ...args);
        for (let i = 0; i < 20; i++) await Promise.resolve(); // the checkpoint at the end of MakeCallback
        this.locked = false;
      }
      override close(): void {
        if (this.locked) this.closedWhileLocked = true;
        this.closed = true;
      }
    }
    const ctx = new FakeContext();
    const s = make(() => ctx);
    const r = new LockingReader('Reader A');
    ctx.emit('reader', r);
    r.emit('status', { state: SCARD_STATE_EMPTY });
    // pcscd dies: the context reports it, then the reader's thread ends with an error and `end`.
    ctx.emit('error', new Error('SCardGetStatusChange error: Service was stopped.(0x8010001e)'));
    await r.deliverLocked('end');
    await s.close();
    expect(r.closed).toBe(true);
    expect(r.closedWhileLocked).toBe(false);
  });

  it('connects again (a few times) when a card looks removed but the reader still holds it', async () => {
    class CountingReader extends FakeReader {
      connects = 0;
      override connect(o: unknown, cb: (err: unknown, protocol: number) => void): void {
        this.connects++;
        super.connect(o, cb); // always "Card was removed"
      }
    }
    vi.useFakeTimers();
    const ctx = new FakeContext();
    make(() => ctx);
    const r = new CountingReader('Reader A');
    ctx.emit('reader', r);
    r.emit('status', { state: SCARD_STATE_PRESENT | (1 << 16) });
    await vi.advanceTimersByTimeAsync(299);
    expect(r.connects).toBe(1); // the retry waits presentMs
    await vi.advanceTimersByTimeAsync(1301);
    expect(r.connects).toBe(4); // the first connection and 3 retries, then it waits for an event
    const gone = new CountingReader('Reader B');
    ctx.emit('reader', gone);
    r.emit('end');
    gone.emit('status', { state: SCARD_STATE_PRESENT | (1 << 16) });
    gone.emit('status', { state: SCARD_STATE_EMPTY | (2 << 16) }); // really pulled: no retry
    await vi.advanceTimersByTimeAsync(700);
    expect(gone.connects).toBe(1);
  });
});

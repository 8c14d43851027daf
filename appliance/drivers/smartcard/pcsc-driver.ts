/**
 * The professional card reader through the real pcscd (`pcsclite` addon). Events are pushed by
 * pcscd (reader list and reader state watched by the addon's threads); we never poll a card.
 */
import { errorCode, silentLogger, type EventLogger } from '../../common/event-logger.ts';
import { authenticate, failureToLogin } from './authenticate.ts';
import type { TrustConfig } from './authenticate.ts';
import type { CardProfile } from './card-profile.ts';
import { CardSession } from './card-session.ts';
import { IdleTrackingReader } from './idle-reader.ts';
import type { OpenPcscContext, PcscContext, PcscReader, PcscReaderStatus } from './pcsc-binding.ts';
import {
  SCARD_STATE_MUTE,
  SCARD_STATE_PRESENT,
  eventCount,
  isContactless,
  openPcscliteContext,
} from './pcsc-binding.ts';
import { pivProfile } from './piv/piv-card.ts';
import type { LoginResult, ReaderStatus, RecordSignerResult, SmartcardService } from './types.ts';
import { cardRecordSigner } from './card-record-signer.ts';

const REMOVAL_GRACE_MS = 500;
/** How long a reader may stay busy before we give up closing it (a hung pcscd: leak, never block). */
const CLOSE_IDLE_TIMEOUT_MS = 5000;
/** A card that refuses its first connection as "removed" while the reader still holds it. */
const PRESENT_RETRIES = 3;

/**
 * Addon objects are closed from a fresh event-loop turn, never from an event handler or a
 * microtask: microtasks also run when an addon callback (node::MakeCallback) ends, and pcsclite
 * emits a reader's events while it holds that reader's mutex, so a close() there locks a mutex
 * its own thread holds (a hung CI run after pcscd was killed).
 */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface PcscSmartcardOptions extends TrustConfig {
  /** Use only readers whose name matches (e.g. /Gemalto/); contactless interfaces are always ignored. */
  readonly readerPattern?: RegExp;
  readonly profiles?: readonly CardProfile[];
  readonly logger?: EventLogger;
  readonly openContext?: OpenPcscContext;
  /**
   * Delays (ms), injectable so tests run on fake timers: reconnecting while pcscd is unreachable
   * (doubling from `initialMs` to `maxMs`), and connecting again to a card that looked removed while
   * the reader still holds it (`presentMs`, default 300).
   */
  readonly retry?: { readonly initialMs: number; readonly maxMs: number; readonly presentMs?: number };
}

interface ReaderEntry {
  readonly reader: IdleTrackingReader;
  state: number;
  /** The insertion (event count) that failed to open, so it is not retried until re-inserted. */
  failedInsertion?: number;
  failure?: Extract<ReaderStatus, { status: 'card_error' }>['reason'];
  /** Connections retried for this insertion after the card looked removed while still present. */
  retried?: { readonly insertion: number; count: number };
}

export class PcscSmartcardService implements SmartcardService {
  private readonly log: EventLogger;
  private readonly openContext: OpenPcscContext;
  private readonly profiles: readonly CardProfile[];
  private readonly retry: { readonly initialMs: number; readonly maxMs: number; readonly presentMs?: number };
  private context: PcscContext | undefined;
  private readonly readers = new Map<string, ReaderEntry>();
  private chosen: ReaderEntry | undefined;
  private card: CardSession | undefined;
  private status: ReaderStatus = { status: 'service_unavailable' };
  private readonly listeners = new Set<(status: ReaderStatus) => void>();
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay: number;
  private closed = false;
  private readonly pendingDisconnects = new Set<Promise<void>>();
  private readonly closingReaders = new Set<Promise<void>>();

  constructor(private readonly options: PcscSmartcardOptions) {
    this.log = options.logger ?? silentLogger;
    this.openContext = options.openContext ?? openPcscliteContext;
    this.profiles = options.profiles ?? [pivProfile];
    this.retry = options.retry ?? { initialMs: 200, maxMs: 2000 };
    this.retryDelay = this.retry.initialMs;
    this.connectService();
  }

  current(): ReaderStatus {
    return this.status;
  }

  onStatus(listener: (status: ReaderStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setStatus(next: ReaderStatus): void {
    if (JSON.stringify(next) === JSON.stringify(this.status)) return;
    this.status = next;
    for (const listener of [...this.listeners]) listener(next);
  }

  private connectService(): void {
    if (this.closed) return;
    let context: PcscContext;
    try {
      context = this.openContext();
    } catch (error) {
      // pcscd down: creating the context throws synchronously. With no daemon there is no event
      // to wait for, so this is the one place we retry on a timer (backoff up to retry.maxMs).
      // Once per outage: the first failure of a backoff sequence (the delay is reset on success).
      if (this.retryDelay === this.retry.initialMs)
        this.log.warn('smartcard.service_unavailable', { error: errorCode(error) });
      this.setStatus({ status: 'service_unavailable' });
      this.retryTimer = setTimeout(() => this.connectService(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, this.retry.maxMs);
      return;
    }
    this.retryDelay = this.retry.initialMs;
    this.context = context;
    context.on('error', (error: unknown) => this.onServiceLost(context, error));
    context.on('reader', (reader: PcscReader) => this.onReader(context, reader));
    this.log.info('smartcard.service_connected');
    this.evaluate();
  }

  private onServiceLost(context: PcscContext, error: unknown): void {
    if (this.context !== context) return;
    this.log.warn('smartcard.service_lost', { error: errorCode(error) });
    this.teardown();
    this.setStatus({ status: 'service_unavailable' });
    if (!this.closed) this.retryTimer = setTimeout(() => this.connectService(), this.retryDelay);
  }

  /**
   * Drops the context, its readers and any card session. Every addon object keeps an error
   * listener. The addon objects are closed once their native calls are over (see idle-reader.ts).
   */
  private teardown(): void {
    const context = this.context;
    this.context = undefined;
    this.endCard();
    const readers = [...this.readers.values()].map((entry) => entry.reader);
    this.readers.clear();
    this.chosen = undefined;
    const closing = this.closeWhenIdle(readers, context).finally(() => this.closingReaders.delete(closing));
    this.closingReaders.add(closing);
  }

  private async closeWhenIdle(
    readers: readonly IdleTrackingReader[],
    context: PcscContext | undefined,
  ): Promise<void> {
    for (const reader of readers) {
      const idle = await reader.idle(CLOSE_IDLE_TIMEOUT_MS);
      await nextTurn();
      if (!idle) {
        this.log.warn('smartcard.reader_busy', { reader: reader.name });
        continue;
      }
      try {
        reader.close();
      } catch {
        // already ended with the service
      }
    }
    await nextTurn();
    try {
      context?.close();
    } catch {
      // the context died with pcscd
    }
  }

  private eligible(name: string): boolean {
    if (isContactless(name)) return false;
    return this.options.readerPattern === undefined || this.options.readerPattern.test(name);
  }

  private onReader(context: PcscContext, reader: PcscReader): void {
    reader.on('error', (error: unknown) => {
      this.log.warn('smartcard.reader_error', { reader: reader.name, error: errorCode(error) });
    });
    if (this.context !== context) return;
    const entry: ReaderEntry = { reader: new IdleTrackingReader(reader), state: 0 };
    this.readers.set(reader.name, entry);
    this.log.info('smartcard.reader_added', { reader: reader.name, used: this.eligible(reader.name) });
    reader.on('end', () => {
      if (this.readers.get(reader.name) !== entry) return;
      this.readers.delete(reader.name);
      this.log.info('smartcard.reader_removed', { reader: reader.name });
      this.evaluate();
    });
    reader.on('status', (s: PcscReaderStatus) => {
      entry.state = s.state;
      this.evaluate();
    });
    this.evaluate();
  }

  /** Recomputes the status from the chosen reader's last state; starts or ends card sessions. */
  private evaluate(): void {
    if (this.context === undefined) return this.setStatus({ status: 'service_unavailable' });
    const chosen = [...this.readers.values()].find((e) => this.eligible(e.reader.name));
    if (chosen !== this.chosen) {
      this.endCard();
      this.chosen = chosen;
    }
    if (chosen === undefined) return this.setStatus({ status: 'no_reader' });
    const reader = chosen.reader.name;
    const present = (chosen.state & SCARD_STATE_PRESENT) !== 0;
    const insertion = eventCount(chosen.state);
    if (this.card !== undefined && (!present || this.card.eventCount !== insertion)) this.endCard();
    if (!present) {
      chosen.failedInsertion = undefined;
      return this.setStatus({ status: 'no_card', reader });
    }
    if (chosen.failedInsertion === insertion) {
      return this.setStatus({ status: 'card_error', reader, reason: chosen.failure ?? 'unknown_card' });
    }
    if ((chosen.state & SCARD_STATE_MUTE) !== 0) {
      chosen.failedInsertion = insertion;
      chosen.failure = 'unresponsive';
      return this.setStatus({ status: 'card_error', reader, reason: 'unresponsive' });
    }
    if (this.card === undefined) this.startCard(chosen, insertion);
  }

  private startCard(entry: ReaderEntry, insertion: number): void {
    const session = new CardSession(entry.reader, insertion);
    this.card = session;
    const reader = entry.reader.name;
    void (async () => {
      const connected = await session.connect();
      const identified = connected.ok
        ? await session.identify(this.profiles)
        : ({ ok: false, error: connected.error.kind === 'removed' ? 'removed' : 'io' } as const);
      if (this.card !== session) {
        void this.trackDisconnect(session);
        return;
      }
      if (identified.ok) {
        this.log.info('smartcard.card_identified', { reader, profile: identified.value.profile });
        this.setStatus({
          status: 'card_present',
          reader,
          cardId: session.id,
          pinLength: identified.value.pinLength,
        });
        return;
      }
      if (identified.error === 'removed') {
        // Usually the reader's removal event follows. But a card can refuse the connection just
        // after its insertion and still be there (seen with vpcd in CI: the status then stayed
        // no_card for ever): if the reader still reports this insertion, connect again.
        setTimeout(() => this.retryIfStillPresent(entry, session), this.retry.presentMs ?? 300);
        return;
      }
      entry.failedInsertion = insertion;
      entry.failure = identified.error;
      this.endCard();
      this.setStatus({ status: 'card_error', reader, reason: identified.error });
    })().catch((error: unknown) => {
      // A fault while identifying a card must never end the kiosk process (HZ-11).
      this.log.error('smartcard.card_error', { reader, error: errorCode(error) });
      if (this.card !== session) return;
      this.endCard();
      this.setStatus({ status: 'card_error', reader, reason: 'unresponsive' });
    });
  }

  private retryIfStillPresent(entry: ReaderEntry, session: CardSession): void {
    if (this.closed || this.card !== session || this.chosen !== entry) return;
    const present = (entry.state & SCARD_STATE_PRESENT) !== 0;
    if (!present || eventCount(entry.state) !== session.eventCount) return;
    const retried =
      entry.retried?.insertion === session.eventCount
        ? entry.retried
        : { insertion: session.eventCount, count: 0 };
    if (retried.count >= PRESENT_RETRIES) return;
    retried.count++;
    entry.retried = retried;
    this.log.info('smartcard.card_retry', { reader: entry.reader.name });
    this.card = undefined;
    void this.trackDisconnect(session);
    this.evaluate();
  }

  private endCard(): void {
    const session = this.card;
    if (session === undefined) return;
    this.card = undefined;
    session.markRemoved();
    void this.trackDisconnect(session);
  }

  private trackDisconnect(session: CardSession): Promise<void> {
    const p = session.disconnect().finally(() => this.pendingDisconnects.delete(p));
    this.pendingDisconnects.add(p);
    return p;
  }

  private session(cardId: string): CardSession | undefined {
    const s = this.card;
    return s !== undefined && s.id === cardId && !s.removed && s.opened !== undefined ? s : undefined;
  }

  async pinRetries(cardId: string): Promise<number | undefined> {
    const s = this.session(cardId);
    const opened = s?.opened;
    if (s === undefined || opened === undefined) return undefined;
    const retries = await s.run(() => opened.pinRetries());
    return retries.ok ? retries.value : undefined;
  }

  async login(cardId: string, pin: string): Promise<LoginResult> {
    const s = this.session(cardId);
    const opened = s?.opened;
    if (s === undefined || opened === undefined) return { status: 'card_removed' };
    const result = await s.run(async (): Promise<LoginResult> => {
      const cert = await s.readCertificate();
      if (!cert.ok) return failureToLogin(cert.error);
      return authenticate(opened, cert.value, pin, this.options);
    });
    // A pulled card can surface as a failed or garbled exchange before pcscd reports the removal.
    if (result.status === 'card_error') await s.removedWithin(REMOVAL_GRACE_MS);
    // A card pulled during the exchange never yields a session, whatever the card answered.
    const final: LoginResult = s.removed || this.card !== s ? { status: 'card_removed' } : result;
    return final;
  }

  /** The card's PIV 9C signing key after a fresh VERIFY (issue 16), on this session only. */
  async recordSigner(cardId: string, pin: string): Promise<RecordSignerResult> {
    const s = this.session(cardId);
    if (s === undefined) return { status: 'card_removed' };
    const current = () => !s.removed && this.card === s;
    return cardRecordSigner({ transmit: s.transmit, run: (work) => s.run(work), current }, pin);
  }

  /** Stops watching, releases the card and awaits every pending disconnect (so exit never hangs). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.teardown();
    await Promise.all([...this.pendingDisconnects, ...this.closingReaders]);
    this.listeners.clear();
  }
}

/**
 * The professional card through a PKCS#11 module (ANS Cryptolib CPS, OpenSC, SoftHSM in
 * development), behind the same `SmartcardService` as the PC/SC-PIV driver. The module lives in a
 * worker thread (module-host.ts). A round reads the slots (slot-watch.ts: a non-blocking slot-event
 * ask, the slot list, the token info only while no card is open or its slot changed). Where the
 * module has slot events, the next round may wait for one: a second worker blocks in
 * C_WaitForSlotEvent (slot-events.ts) so that this one stays free for logins; elsewhere a bounded
 * poll (`pollMs`). A failing module is finalized and initialised again (how a restarted pcscd is
 * recovered), with a backoff while it keeps failing. The dock's simulated reader says when it
 * inserts or removes (`tokenChanges`): the driver then scans when told and does not poll.
 */
import { randomUUID } from 'node:crypto';
import { errorCode, silentLogger, type EventLogger } from '../../../common/event-logger.ts';
import type { Result } from '../../../common/result.ts';
import { assertNever, err, ok } from '../../../common/result.ts';
import { serialQueue, type SerialQueue } from '../../../common/serial-queue.ts';
import type { LoginResult, ReaderStatus, RecordSignerResult, SmartcardService } from '../types.ts';
import { CKR } from './constants.ts';
import { loginToken, openToken, pinRetriesOf, type LoginOptions, type OpenToken } from './login.ts';
import {
  describeFault,
  openWorkerModule,
  type OpenModule,
  type Pkcs11Fault,
  type Pkcs11Module,
} from './module-host.ts';
import { pkcs11RecordSigner, signerResult, type Pkcs11SignerOptions } from './record-signer.ts';
import { SlotWatch, type FoundToken, type TokenLabel } from './slot-watch.ts';
import { readCertificates } from './token.ts';

export type { TokenLabel } from './slot-watch.ts';

export interface Pkcs11SmartcardOptions extends LoginOptions, Pkcs11SignerOptions {
  /** Path of the PKCS#11 module (site configuration `cardReader.module`). */
  readonly modulePath: string;
  readonly logger?: EventLogger;
  readonly pollMs?: number;
  /** A module call that takes longer is abandoned and the module re-initialised. */
  readonly callTimeoutMs?: number;
  readonly retry?: { readonly initialMs: number; readonly maxMs: number };
  /** Development only (the dock's simulated reader): a token this refuses is treated as absent. */
  readonly tokenVisible?: (token: TokenLabel) => boolean;
  /**
   * Development only: subscribes to the simulated reader's insertions and removals. With it the
   * driver scans once at start and then only when told (no poll, nothing runs while idle).
   */
  readonly tokenChanges?: (rescan: () => void) => () => void;
  /**
   * Wait for slot events in a second worker blocked in C_WaitForSlotEvent (slot-events.ts) instead
   * of the bounded poll. Off by default: with OpenSC 0.23 over pcscd, ending that worker while
   * its wait is blocked in the module (module recovery, close) crashed the whole process about one
   * run in three ("Worker exited unexpectedly" in test/integration/pkcs11/opensc-pcscd.test.ts):
   * a native crash would take the kiosk down (HZ-11). The poll costs ≈ 4 % of a core with OpenSC.
   */
  readonly blockingSlotWaits?: boolean;
  /** Unit tests: a fake module for what real ones cannot do on demand (final try, lock, crash). */
  readonly openModule?: OpenModule;
}

interface Card {
  readonly id: string;
  readonly key: string;
  readonly label: TokenLabel;
  readonly token: OpenToken;
  readonly run: SerialQueue;
  removed: boolean;
}

export class Pkcs11SmartcardService implements SmartcardService {
  private readonly log: EventLogger;
  private readonly pollMs: number;
  private readonly retry: { readonly initialMs: number; readonly maxMs: number };
  private retryDelay: number;
  private host: Pkcs11Module | undefined;
  private card: Card | undefined;
  /** The token that failed to open, not retried until it changes. */
  private failedKey: string | undefined;
  private readonly watch: SlotWatch;
  private status: ReaderStatus = { status: 'service_unavailable' };
  private readonly listeners = new Set<(status: ReaderStatus) => void>();
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  /** The previous module's C_Finalize: a module is one library per process, finalized before the next starts. */
  private closing: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly unsubscribe: (() => void) | undefined;

  constructor(private readonly options: Pkcs11SmartcardOptions) {
    this.log = options.logger ?? silentLogger;
    this.pollMs = options.pollMs ?? 300;
    this.watch = new SlotWatch({
      open: options.openModule ?? openWorkerModule,
      modulePath: options.modulePath,
      log: this.log,
      tokenVisible: options.tokenVisible,
      blockingSlotWaits: options.blockingSlotWaits ?? false,
      onEvent: () => this.schedule(0),
      onEnd: (why) => this.schedule(why === 'unsupported' ? this.pollMs : this.retry.initialMs),
    });
    this.retry = options.retry ?? { initialMs: 500, maxMs: 5000 };
    this.retryDelay = this.retry.initialMs;
    this.unsubscribe = options.tokenChanges?.(() => this.schedule(0));
    this.schedule(0);
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

  /** The next round in `ms`, after the current one (rounds never overlap); replaces a pending one. */
  private schedule(ms: number): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.round = this.round.then(() =>
        this.poll().catch((error: unknown) => {
          // A fault while watching tokens must never end the kiosk process (HZ-11).
          this.log.warn('smartcard.pkcs11_lost', { error: errorCode(error) });
          this.lose();
          this.schedule(this.retry.initialMs);
        }),
      );
    }, ms);
  }

  private async poll(): Promise<void> {
    if (this.host === undefined || !this.host.alive) {
      if (this.host !== undefined) this.lose(); // a wedged or crashed module: its sessions are gone
      await this.closing;
      const open = this.options.openModule ?? openWorkerModule;
      const host = open(this.options.modulePath, this.options.callTimeoutMs ?? 20_000);
      const init = await host.call('C_Initialize');
      // A previous worker that died before its C_Finalize leaves the library initialised (v2.40 §5.4).
      const already =
        !init.ok && init.error.kind === 'ckr' && init.error.code === CKR.CRYPTOKI_ALREADY_INITIALIZED;
      if (!init.ok && !already) {
        if (this.retryDelay === this.retry.initialMs)
          this.log.warn('smartcard.pkcs11_unavailable', { reason: describeFault(init.error) });
        await host.close();
        this.lose();
        this.schedule(this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, this.retry.maxMs);
        return;
      }
      this.host = host;
      this.watch.moduleChanged();
      this.retryDelay = this.retry.initialMs;
    }
    const scanned = await this.scan(this.host);
    if (!scanned.ok) {
      this.log.warn('smartcard.pkcs11_lost', { error: describeFault(scanned.error) });
      this.lose();
      this.schedule(this.retry.initialMs);
      return;
    }
    if (this.options.tokenChanges !== undefined) return;
    if (!this.watch.waitForEvents()) this.schedule(this.pollMs);
  }

  /** Drops the card and the module: the next round initialises it again. */
  private lose(): void {
    this.watch.stop();
    this.endCard();
    const host = this.host;
    this.host = undefined;
    const previous = this.closing;
    this.closing = Promise.all([previous, host?.close()]).then(() => undefined);
    this.setStatus({ status: 'service_unavailable' });
  }

  private async scan(host: Pkcs11Module): Promise<Result<void, Pkcs11Fault>> {
    const scanned = await this.watch.scan(host.call, () => this.card);
    if (!scanned.ok) return scanned;
    const seen = scanned.value;
    switch (seen.kind) {
      case 'stays':
        return ok(undefined);
      case 'no_reader':
        this.endCard();
        this.setStatus({ status: 'no_reader' });
        return ok(undefined);
      case 'no_card':
        this.endCard();
        this.failedKey = undefined;
        this.setStatus({ status: 'no_card', reader: seen.reader });
        return ok(undefined);
      case 'token':
        if (this.card !== undefined && (this.card.key !== seen.key || seen.slotEvent)) this.endCard();
        if (seen.slotEvent) this.failedKey = undefined;
        if (this.card === undefined && this.failedKey !== seen.key) await this.openCard(host, seen);
        return ok(undefined);
      default:
        return assertNever(seen);
    }
  }

  private async openCard(host: Pkcs11Module, found: FoundToken): Promise<void> {
    const { reader, key } = found;
    const opened = await openToken(host.call, found.slot, found.info);
    if (!opened.ok) {
      if (opened.error.removed) {
        // Listed but gone (a pulled card the module has not noticed yet): no card until it says so.
        this.setStatus({ status: 'no_card', reader });
        return;
      }
      const fault = opened.error.fault;
      this.log.warn('smartcard.pkcs11_token_unreadable', { error: fault ? describeFault(fault) : 'unknown' });
      this.failedKey = key;
      this.setStatus({ status: 'card_error', reader, reason: 'unknown_card' });
      return;
    }
    const token = opened.value;
    const label = { label: found.info.label, serialNumber: found.info.serialNumber };
    this.card = { id: randomUUID(), key, label, token, run: serialQueue(), removed: false };
    this.setStatus({ status: 'card_present', reader, cardId: this.card.id, pinLength: token.pinLength });
  }

  private endCard(): void {
    const card = this.card;
    if (card === undefined) return;
    this.card = undefined;
    card.removed = true;
    const host = this.host;
    if (host !== undefined) void card.run(() => host.call('C_CloseSession', card.token.session));
  }

  private live(cardId: string): { card: Card; host: Pkcs11Module } | undefined {
    const card = this.card;
    const host = this.host;
    return card !== undefined && card.id === cardId && !card.removed && host !== undefined
      ? { card, host }
      : undefined;
  }

  async pinRetries(cardId: string): Promise<number | undefined> {
    const live = this.live(cardId);
    if (live === undefined) return undefined;
    return live.card.run(() => pinRetriesOf(live.host.call, live.card.token.slot));
  }

  async login(cardId: string, pin: string): Promise<LoginResult> {
    const live = this.live(cardId);
    if (live === undefined) return { status: 'card_removed' };
    const { card, host } = live;
    const result = await card.run(() => loginToken(host.call, card.token, pin, this.options));
    // A card pulled during the exchange never yields a session, whatever the module answered.
    if (card.removed || this.card !== card) return { status: 'card_removed' };
    // Its token vanished under the module (sessions gone): the next round looks at the slot again.
    if (result.status === 'card_removed') this.endCard();
    return result;
  }

  /** The token's signature key after a fresh C_Login (issue 16), on this card's session and queue. */
  async recordSigner(cardId: string, pin: string): Promise<RecordSignerResult> {
    const live = this.live(cardId);
    if (live === undefined) return { status: 'card_removed' };
    const { card, host } = live;
    const run = <T>(work: () => Promise<T>): Promise<T> => {
      if (card.removed || this.card !== card)
        return Promise.reject(new Error('the card has left the reader'));
      return card.run(work);
    };
    const certs = await card.run(() => readCertificates(host.call, card.token.session));
    const made = certs.ok
      ? await pkcs11RecordSigner(host.call, card.token, certs.value, pin, this.options, run).catch(
          () => undefined,
        )
      : undefined;
    if (card.removed || this.card !== card) return { status: 'card_removed' };
    if (!certs.ok) return signerResult(err({ kind: 'fault', fault: certs.error }));
    return made === undefined ? { status: 'card_removed' } : signerResult(made);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    this.watch.stop();
    await this.round.catch(() => undefined);
    this.endCard();
    const host = this.host;
    this.host = undefined;
    await host?.close();
    this.listeners.clear();
  }
}

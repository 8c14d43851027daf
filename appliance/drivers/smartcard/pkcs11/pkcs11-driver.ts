/**
 * The professional card through a PKCS#11 module (ANS Cryptolib CPS, OpenSC, SoftHSM in
 * development), behind the same `SmartcardService` as the PC/SC-PIV driver. The module lives in a
 * worker thread (module-host.ts). A round asks C_WaitForSlotEvent without blocking
 * (CKF_DONT_BLOCK, so that a card pulled and put back between two rounds is still a new
 * insertion), then the slot list; the token info only while no card is open or its slot changed.
 * Where the module has slot events, the next round waits for one: a second worker blocks in
 * C_WaitForSlotEvent (slot-events.ts) so that this one stays free for logins; elsewhere a bounded
 * poll (`pollMs`). A failing module is finalized and initialised again (how a restarted pcscd is
 * recovered), with a backoff while it keeps failing. The dock's simulated reader says when it
 * inserts or removes (`tokenChanges`): the driver then scans when told and does not poll.
 */
import { randomUUID } from 'node:crypto';
import { errorCode, silentLogger, type EventLogger } from '../../../common/event-logger.ts';
import type { Result } from '../../../common/result.ts';
import { err, ok } from '../../../common/result.ts';
import { serialQueue, type SerialQueue } from '../../../common/serial-queue.ts';
import type { LoginResult, ReaderStatus, RecordSignerResult, SmartcardService } from '../types.ts';
import { CKF_DONT_BLOCK, CKF_SERIAL_SESSION, CKR } from './constants.ts';
import { faultToLogin, loginToken, pinRetriesOf, type LoginOptions, type OpenToken } from './login.ts';
import { openWorkerModule, type OpenModule, type Pkcs11Fault, type Pkcs11Module } from './module-host.ts';
import { pinLengthOf } from './pin-status.ts';
import { pkcs11RecordSigner, signerResult, type Pkcs11SignerOptions } from './record-signer.ts';
import { SlotEventWaiter } from './slot-events.ts';
import { chooseAuthenticationCertificate, readCertificates } from './token.ts';

export interface TokenLabel {
  readonly label: string;
  readonly serialNumber: string;
}

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

interface TokenInfo extends TokenLabel {
  readonly flags: number;
  readonly minPinLen: number;
  readonly maxPinLen: number;
}

interface Card {
  readonly id: string;
  readonly key: string;
  readonly label: TokenLabel;
  readonly token: OpenToken;
  readonly run: SerialQueue;
  removed: boolean;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
/** PKCS#11 pads text fields with blanks (and some modules with NULs); a loop, as `/[\s\0]+$/` is quadratic. */
const trim = (s: string): string => {
  let end = s.length;
  while (end > 0 && /[\s\0]/.test(s.charAt(end - 1))) end -= 1;
  return s.slice(0, end);
};

export class Pkcs11SmartcardService implements SmartcardService {
  private readonly log: EventLogger;
  private readonly pollMs: number;
  private readonly retry: { readonly initialMs: number; readonly maxMs: number };
  private retryDelay: number;
  private host: Pkcs11Module | undefined;
  private card: Card | undefined;
  /** The token that failed to open, not retried until it changes. */
  private failedKey: string | undefined;
  private slotEvents: boolean | undefined;
  /** The worker blocked in C_WaitForSlotEvent, while the module has slot events. */
  private waiter: SlotEventWaiter | undefined;
  /** Asked for (options.blockingSlotWaits) and not refused by the module; else the bounded poll. */
  private blockingWaits: boolean;
  /** Slots the waiter reported since the last round. */
  private readonly pendingEvents = new Set<string>();
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
    this.blockingWaits = options.blockingSlotWaits ?? false;
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
          this.log.warn('smartcard.pkcs11_unavailable', { reason: describe(init.error) });
        await host.close();
        this.lose();
        this.schedule(this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, this.retry.maxMs);
        return;
      }
      this.host = host;
      this.slotEvents = undefined;
      this.retryDelay = this.retry.initialMs;
    }
    const scanned = await this.scan(this.host);
    if (!scanned.ok) {
      this.log.warn('smartcard.pkcs11_lost', { error: describe(scanned.error) });
      this.lose();
      this.schedule(this.retry.initialMs);
      return;
    }
    if (this.options.tokenChanges !== undefined) return;
    if (this.slotEvents === true && this.blockingWaits) this.waitForEvents();
    else this.schedule(this.pollMs);
  }

  private waitForEvents(): void {
    if (this.waiter !== undefined) return;
    const waiter = new SlotEventWaiter(
      this.options.openModule ?? openWorkerModule,
      this.options.modulePath,
      (slot) => {
        if (slot !== undefined) this.pendingEvents.add(hex(slot));
        this.schedule(0);
      },
      (why) => {
        if (this.waiter !== waiter) return;
        this.waiter = undefined;
        if (why === 'unsupported') this.blockingWaits = false;
        this.schedule(why === 'unsupported' ? this.pollMs : this.retry.initialMs);
      },
    );
    this.waiter = waiter;
  }

  private stopWaiting(): void {
    this.waiter?.stop();
    this.waiter = undefined;
  }

  /** Drops the card and the module: the next round initialises it again. */
  private lose(): void {
    this.stopWaiting();
    this.endCard();
    const host = this.host;
    this.host = undefined;
    const previous = this.closing;
    this.closing = Promise.all([previous, host?.close()]).then(() => undefined);
    this.setStatus({ status: 'service_unavailable' });
  }

  private async scan(host: Pkcs11Module): Promise<Result<void, Pkcs11Fault>> {
    const call = host.call;
    const events = new Set(this.pendingEvents);
    this.pendingEvents.clear();
    if (this.slotEvents !== false) {
      const event = await call('C_WaitForSlotEvent', CKF_DONT_BLOCK);
      if (event.ok && event.value instanceof Uint8Array) events.add(hex(event.value));
      const supported = event.ok || (event.error.kind === 'ckr' && event.error.code === CKR.NO_EVENT);
      if (this.slotEvents === undefined)
        this.log.info('smartcard.pkcs11_ready', { slotEvents: supported ? 'supported' : 'poll' });
      this.slotEvents = supported;
    }
    const slots = await call('C_GetSlotList', false);
    if (!slots.ok) return slots;
    const [first] = slots.value as Uint8Array[];
    if (first === undefined) {
      this.endCard();
      this.setStatus({ status: 'no_reader' });
      return ok(undefined);
    }
    const slotInfo = await call('C_GetSlotInfo', first);
    if (!slotInfo.ok) return slotInfo;
    const reader = trim((slotInfo.value as { slotDescription: string }).slotDescription);
    const present = await call('C_GetSlotList', true);
    if (!present.ok) return present;
    const presentSlots = present.value as Uint8Array[];
    if (await this.cardStays(host, presentSlots, events)) return ok(undefined);
    let chosen: { slot: Uint8Array; info: TokenInfo } | undefined;
    for (const slot of presentSlots) {
      const info = await call('C_GetTokenInfo', slot);
      if (!info.ok) continue; // pulled between the two calls
      const t = info.value as TokenInfo;
      const label = { label: trim(t.label), serialNumber: trim(t.serialNumber) };
      if (!this.visible(label)) continue;
      chosen = { slot, info: { ...t, ...label } };
      break;
    }
    if (chosen === undefined) {
      this.endCard();
      this.failedKey = undefined;
      this.setStatus({ status: 'no_card', reader });
      return ok(undefined);
    }
    const key = `${hex(chosen.slot)}/${chosen.info.serialNumber}/${chosen.info.label}`;
    if (this.card !== undefined && (this.card.key !== key || events.has(hex(chosen.slot)))) this.endCard();
    if (events.has(hex(chosen.slot))) this.failedKey = undefined;
    if (this.card === undefined && this.failedKey !== key) await this.openCard(host, reader, key, chosen);
    return ok(undefined);
  }

  private visible(label: TokenLabel): boolean {
    return this.options.tokenVisible === undefined || this.options.tokenVisible(label);
  }

  /**
   * The open card is still in its slot: listed present and, after a slot event on its slot, its
   * session still open. A pull and put back closes the card's sessions; OpenSC also signals an
   * event on the slot after a failed C_Login, where the session lives on. Otherwise nothing is
   * asked, so watching never talks to the card. Through OpenSC 0.23 (Debian 12) neither C_GetTokenInfo nor
   * C_GetSessionInfo is a passive query: the first reads the PIN status from the card, and a card
   * pulled during that exchange deadlocks the module in sc_unlock (the worker never answers again;
   * OpenSC issue #2707); the second, once logged in, asks the card and closes every session when
   * it finds it logged out (OpenSC PR #1875, undone in 0.24 by #2740), which failed logins at
   * random as card_removed; asked in the card's queue, never during a login, it does neither. A
   * token a module still lists after a pull is found out at use.
   */
  private async cardStays(
    host: Pkcs11Module,
    presentSlots: readonly Uint8Array[],
    events: ReadonlySet<string>,
  ): Promise<boolean> {
    const card = this.card;
    if (card === undefined) return false;
    const slot = hex(card.token.slot);
    if (!presentSlots.some((s) => hex(s) === slot) || !this.visible(card.label)) return false;
    if (!events.has(slot)) return true;
    const session = await card.run(() => host.call('C_GetSessionInfo', card.token.session));
    return session.ok && this.card === card;
  }

  private async openCard(
    host: Pkcs11Module,
    reader: string,
    key: string,
    chosen: { slot: Uint8Array; info: TokenInfo },
  ): Promise<void> {
    const call = host.call;
    const session = await call('C_OpenSession', chosen.slot, CKF_SERIAL_SESSION);
    const certs = session.ok ? await readCertificates(call, session.value as Uint8Array) : session;
    if (!session.ok || !certs.ok) {
      const fault = !session.ok ? session.error : certs.ok ? undefined : certs.error;
      if (session.ok) void call('C_CloseSession', session.value);
      const removed = fault !== undefined && faultToLogin(fault).status === 'card_removed';
      if (removed) {
        // Listed but gone (a pulled card the module has not noticed yet): no card until it says so.
        this.setStatus({ status: 'no_card', reader });
        return;
      }
      this.log.warn('smartcard.pkcs11_token_unreadable', { error: fault ? describe(fault) : 'unknown' });
      this.failedKey = key;
      this.setStatus({ status: 'card_error', reader, reason: 'unknown_card' });
      return;
    }
    const pinLength = pinLengthOf(chosen.info);
    const token: OpenToken = {
      slot: chosen.slot,
      session: session.value as Uint8Array,
      certificate: chooseAuthenticationCertificate(certs.value),
      pinLength,
    };
    const label = { label: chosen.info.label, serialNumber: chosen.info.serialNumber };
    this.card = { id: randomUUID(), key, label, token, run: serialQueue(), removed: false };
    this.setStatus({ status: 'card_present', reader, cardId: this.card.id, pinLength });
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
    this.stopWaiting();
    await this.round.catch(() => undefined);
    this.endCard();
    const host = this.host;
    this.host = undefined;
    await host?.close();
    this.listeners.clear();
  }
}

function describe(fault: Pkcs11Fault): string {
  return fault.kind === 'ckr' ? `CKR_0x${fault.code.toString(16)}` : fault.reason;
}

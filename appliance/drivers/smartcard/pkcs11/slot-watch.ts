/**
 * The PKCS#11 driver's slot watch: what one round learns from the module about the reader and
 * its token, and when the next round runs. A round asks C_WaitForSlotEvent without blocking
 * (CKF_DONT_BLOCK, so that a card pulled and put back between two rounds is still a new
 * insertion), then the slot list; the token info only while no card is open or its slot changed.
 * Where the module has slot events and blocking waits are asked for, the next round waits for one
 * in a second worker (slot-events.ts); elsewhere the driver polls.
 */
import type { EventLogger } from '../../../common/event-logger.ts';
import type { Result } from '../../../common/result.ts';
import { ok } from '../../../common/result.ts';
import type { SerialQueue } from '../../../common/serial-queue.ts';
import { CKF_DONT_BLOCK, CKR } from './constants.ts';
import type { OpenModule, Pkcs11Call, Pkcs11Fault } from './module-host.ts';
import { SlotEventWaiter, type WaitEnd } from './slot-events.ts';

export interface TokenLabel {
  readonly label: string;
  readonly serialNumber: string;
}

export interface TokenInfo extends TokenLabel {
  readonly flags: number;
  readonly minPinLen: number;
  readonly maxPinLen: number;
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
/** PKCS#11 pads text fields with blanks (and some modules with NULs); a loop, as `/[\s\0]+$/` is quadratic. */
const trim = (s: string): string => {
  let end = s.length;
  while (end > 0 && /[\s\0]/.test(s.charAt(end - 1))) end -= 1;
  return s.slice(0, end);
};

/** What the slots hold: `stays` when the open card is still there (its token not asked again). */
export type SlotScan =
  | { readonly kind: 'no_reader' }
  | { readonly kind: 'no_card'; readonly reader: string }
  | { readonly kind: 'stays' }
  | { readonly kind: 'token'; readonly reader: string; readonly slot: Uint8Array; readonly info: TokenInfo };

/** A token found: `key` names slot and token; `slotEvent` when its slot had an event since the last round. */
export type FoundToken = Extract<SlotScan, { kind: 'token' }> & {
  readonly key: string;
  readonly slotEvent: boolean;
};

export type SlotRound = Exclude<SlotScan, { kind: 'token' }> | FoundToken;

/**
 * The first reader's slot and the first visible token present: `stays` is asked with the present
 * slots before any token info, so that watching never talks to an open card (pkcs11-driver.ts).
 */
export async function readSlots(
  call: Pkcs11Call,
  stays: (presentSlots: readonly Uint8Array[]) => Promise<boolean>,
  visible: (label: TokenLabel) => boolean,
): Promise<Result<SlotScan, Pkcs11Fault>> {
  const slots = await call('C_GetSlotList', false);
  if (!slots.ok) return slots;
  const [first] = slots.value as Uint8Array[];
  if (first === undefined) return ok({ kind: 'no_reader' });
  const slotInfo = await call('C_GetSlotInfo', first);
  if (!slotInfo.ok) return slotInfo;
  const reader = trim((slotInfo.value as { slotDescription: string }).slotDescription);
  const present = await call('C_GetSlotList', true);
  if (!present.ok) return present;
  const presentSlots = present.value as Uint8Array[];
  if (await stays(presentSlots)) return ok({ kind: 'stays' });
  for (const slot of presentSlots) {
    const info = await call('C_GetTokenInfo', slot);
    if (!info.ok) continue; // pulled between the two calls
    const t = info.value as TokenInfo;
    const label = { label: trim(t.label), serialNumber: trim(t.serialNumber) };
    if (!visible(label)) continue;
    return ok({ kind: 'token', reader, slot, info: { ...t, ...label } });
  }
  return ok({ kind: 'no_card', reader });
}

/** The open card, as far as the watch asks about it. */
export interface WatchedCard {
  readonly label: TokenLabel;
  readonly token: { readonly slot: Uint8Array; readonly session: Uint8Array };
  readonly run: SerialQueue;
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
export async function cardStays<C extends WatchedCard>(
  call: Pkcs11Call,
  card: C | undefined,
  presentSlots: readonly Uint8Array[],
  events: ReadonlySet<string>,
  visible: (label: TokenLabel) => boolean,
  stillOpen: (card: C) => boolean,
): Promise<boolean> {
  if (card === undefined) return false;
  const slot = hex(card.token.slot);
  if (!presentSlots.some((s) => hex(s) === slot) || !visible(card.label)) return false;
  if (!events.has(slot)) return true;
  const session = await card.run(() => call('C_GetSessionInfo', card.token.session));
  return session.ok && stillOpen(card);
}

export interface SlotWatchOptions {
  readonly open: OpenModule;
  readonly modulePath: string;
  readonly log: EventLogger;
  /** Development only (the driver's option): a token this refuses is treated as absent. */
  readonly tokenVisible: ((token: TokenLabel) => boolean) | undefined;
  /** Asked for (driver option `blockingSlotWaits`); dropped when the module refuses the wait. */
  readonly blockingSlotWaits: boolean;
  /** A slot event came: the driver runs a round now. */
  readonly onEvent: () => void;
  /** The blocking wait ended: the driver polls again (`unsupported`) or recovers (`failed`). */
  readonly onEnd: (why: WaitEnd) => void;
}

export class SlotWatch {
  private slotEvents: boolean | undefined;
  /** The worker blocked in C_WaitForSlotEvent, while the module has slot events. */
  private waiter: SlotEventWaiter | undefined;
  private blockingWaits: boolean;
  /** Slots the waiter reported since the last round. */
  private readonly pendingEvents = new Set<string>();

  constructor(private readonly options: SlotWatchOptions) {
    this.blockingWaits = options.blockingSlotWaits;
  }

  /** A newly initialised module: whether it has slot events is asked again. */
  moduleChanged(): void {
    this.slotEvents = undefined;
  }

  /** One round's look at the slots; `openCard` is the driver's open card when asked. */
  async scan<C extends WatchedCard>(
    call: Pkcs11Call,
    openCard: () => C | undefined,
  ): Promise<Result<SlotRound, Pkcs11Fault>> {
    const events = await this.events(call);
    const visible = (label: TokenLabel): boolean => this.options.tokenVisible?.(label) ?? true;
    const scanned = await readSlots(
      call,
      (presentSlots) =>
        cardStays(call, openCard(), presentSlots, events, visible, (card) => openCard() === card),
      visible,
    );
    if (!scanned.ok) return scanned;
    const seen = scanned.value;
    if (seen.kind !== 'token') return ok(seen);
    const key = `${hex(seen.slot)}/${seen.info.serialNumber}/${seen.info.label}`;
    return ok({ ...seen, key, slotEvent: events.has(hex(seen.slot)) });
  }

  /** The slots (hex) with an event since the last round: the waiter's, then a non-blocking ask. */
  private async events(call: Pkcs11Call): Promise<ReadonlySet<string>> {
    const events = new Set(this.pendingEvents);
    this.pendingEvents.clear();
    if (this.slotEvents !== false) {
      const event = await call('C_WaitForSlotEvent', CKF_DONT_BLOCK);
      if (event.ok && event.value instanceof Uint8Array) events.add(hex(event.value));
      const supported = event.ok || (event.error.kind === 'ckr' && event.error.code === CKR.NO_EVENT);
      if (this.slotEvents === undefined)
        this.options.log.info('smartcard.pkcs11_ready', { slotEvents: supported ? 'supported' : 'poll' });
      this.slotEvents = supported;
    }
    return events;
  }

  /** Waits for the next slot event where the module has them and waits are on; false: poll. */
  waitForEvents(): boolean {
    if (this.slotEvents !== true || !this.blockingWaits) return false;
    if (this.waiter !== undefined) return true;
    const waiter = new SlotEventWaiter(
      this.options.open,
      this.options.modulePath,
      (slot) => {
        if (slot !== undefined) this.pendingEvents.add(hex(slot));
        this.options.onEvent();
      },
      (why) => {
        if (this.waiter !== waiter) return;
        this.waiter = undefined;
        if (why === 'unsupported') this.blockingWaits = false;
        this.options.onEnd(why);
      },
    );
    this.waiter = waiter;
    return true;
  }

  stop(): void {
    this.waiter?.stop();
    this.waiter = undefined;
  }
}

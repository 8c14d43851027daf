/**
 * One insertion of one card: an exclusive PC/SC connection, a serialised command queue (APDU
 * sequences never interleave), the opened card profile and its certificate read once.
 */
import { randomUUID } from 'node:crypto';
import type { Result } from '../../common/result.ts';
import { err, ok } from '../../common/result.ts';
import { serialQueue } from '../../common/serial-queue.ts';
import type { Transmit, TransportError } from './apdu.ts';
import type { CardFailure, CardProfile, OpenedCard } from './card-profile.ts';
import type { PcscReader } from './pcsc-binding.ts';
import {
  SCARD_PROTOCOL_T0,
  SCARD_PROTOCOL_T1,
  SCARD_SHARE_EXCLUSIVE,
  SCARD_UNPOWER_CARD,
  classifyPcscError,
} from './pcsc-binding.ts';
import type { CardErrorReason } from './types.ts';

/** A transmit error that is not a known removal code is a removal if the reader says so soon after. */
const REMOVAL_GRACE_MS = 500;
const DISCONNECT_TIMEOUT_MS = 2000;
const MAX_RESPONSE = 4096;

export type IdentifyError = CardErrorReason | 'removed';

export class CardSession {
  readonly id = randomUUID();
  private removedFlag = false;
  private removalWaiters: (() => void)[] = [];
  private protocol = 0;
  private connected = false;
  private disconnecting: Promise<void> | undefined;
  opened: OpenedCard | undefined;
  private certificate: Promise<Result<Uint8Array | undefined, CardFailure>> | undefined;

  constructor(
    readonly reader: PcscReader,
    readonly eventCount: number,
  ) {}

  get removed(): boolean {
    return this.removedFlag;
  }

  markRemoved(): void {
    this.removedFlag = true;
    for (const wake of this.removalWaiters.splice(0)) wake();
  }

  /** Resolves true as soon as the card is reported removed, false after `ms`. */
  removedWithin(ms: number): Promise<boolean> {
    if (this.removedFlag) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(this.removedFlag), ms);
      this.removalWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Serialises `task` after every earlier task of this card. */
  readonly run = serialQueue();

  connect(): Promise<Result<void, TransportError>> {
    return new Promise((resolve) => {
      this.reader.connect(
        { share_mode: SCARD_SHARE_EXCLUSIVE, protocol: SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1 },
        (error, protocol) => {
          if (error) {
            const c = classifyPcscError(error);
            resolve(err(c.kind === 'removed' ? { kind: 'removed' } : { kind: 'io', message: c.code }));
            return;
          }
          this.protocol = protocol;
          this.connected = true;
          resolve(ok(undefined));
        },
      );
    });
  }

  readonly transmit: Transmit = (command) => {
    if (this.removedFlag || !this.connected) return Promise.resolve(err({ kind: 'removed' }));
    return new Promise((resolve) => {
      // A card swapped within milliseconds can leave the protocol unset: the addon then throws
      // synchronously ("Third argument must be an integer"). That card is gone: report removal.
      if (typeof this.protocol !== 'number') {
        resolve(err({ kind: 'removed' }));
        return;
      }
      this.reader.transmit(Buffer.from(command), MAX_RESPONSE, this.protocol, (error, response) => {
        if (!error) {
          resolve(ok(new Uint8Array(response)));
          return;
        }
        const c = classifyPcscError(error);
        if (c.kind === 'removed') {
          resolve(err({ kind: 'removed' }));
          return;
        }
        // vpcd and some readers report a pulled card as a failed transaction: wait for the event.
        void this.removedWithin(REMOVAL_GRACE_MS).then((gone) =>
          resolve(err(gone ? { kind: 'removed' } : { kind: 'io', message: c.code })),
        );
      });
    });
  };

  /** Finds the first profile whose application the card carries and prefetches its certificate. */
  identify(profiles: readonly CardProfile[]): Promise<Result<OpenedCard, IdentifyError>> {
    return this.run(async () => {
      for (const profile of profiles) {
        const opened = await profile.open(this.transmit);
        if (opened.ok) {
          this.opened = opened.value;
          this.certificate = this.run(() => opened.value.readCertificate());
          return ok(opened.value);
        }
        switch (opened.error.kind) {
          case 'not_this_card':
            continue;
          case 'removed':
            return err('removed');
          case 'io':
            return err('io');
          case 'malformed_response':
          case 'unexpected_status':
            return err('unknown_card');
        }
      }
      return err('unknown_card');
    });
  }

  readCertificate(): Promise<Result<Uint8Array | undefined, CardFailure>> {
    return this.certificate ?? Promise.resolve(err({ kind: 'removed' }));
  }

  /** Releases the card (unpowered, so a verified PIN does not outlive us). Never hangs. */
  disconnect(): Promise<void> {
    if (!this.connected) return Promise.resolve();
    this.disconnecting ??= new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, DISCONNECT_TIMEOUT_MS);
      try {
        this.reader.disconnect(SCARD_UNPOWER_CARD, () => {
          clearTimeout(timer);
          this.connected = false;
          resolve();
        });
      } catch {
        clearTimeout(timer);
        resolve();
      }
    });
    return this.disconnecting;
  }
}

/**
 * A scriptable in-memory PKCS#11 module for the driver's unit tests: one slot, one token with an
 * ECDSA P-256 key and its certificate, PIN flags the test sets, and faults on demand.
 */
import type { KeyObject } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { err, ok } from '../../../common/result.ts';
import type { Pkcs11Call, Pkcs11Module } from './module-host.ts';
import { WAIT_FOREVER_MS } from './slot-events.ts';
import {
  CKA_CLASS,
  CKA_ID,
  CKA_LABEL,
  CKA_VALUE,
  CKF_USER_PIN_FINAL_TRY,
  CKF_USER_PIN_INITIALIZED,
  CKF_USER_PIN_LOCKED,
  CKM_ECDSA,
  CKO_CERTIFICATE,
  CKR,
} from './constants.ts';

export interface FakeToken {
  serial: string;
  pin: string;
  /** Wrong PINs left before the lock; the token flags follow (FINAL_TRY at 1, LOCKED at 0). */
  triesLeft: number;
  readonly certificateDer: Uint8Array;
  readonly privateKey: KeyObject;
}

export class FakeModuleWorld {
  token: FakeToken | undefined;
  /** Next call of `method` fails with this CKR (once). */
  readonly failNext = new Map<string, number>();
  /** A slot event is pending (C_WaitForSlotEvent returns the slot once). */
  slotEvent = false;
  /** Run before C_Sign answers (e.g. pull the card). */
  beforeSign: (() => void) | undefined;
  /** Module instances opened by the driver for its calls (not counting slot-event waiters). */
  opened = 0;
  /** Instances opened to block in C_WaitForSlotEvent (no call timeout). */
  waitersOpened = 0;
  /** The module has blocking C_WaitForSlotEvent (else it answers FUNCTION_NOT_SUPPORTED). */
  blockingWaits = false;
  private initialised = false;
  private readonly waiting: (() => void)[] = [];
  /** How many times each method was called, over every module instance. */
  readonly calls = new Map<string, number>();
  loggedIn = false;
  /** The card was pulled but the module still lists its token (a stale slot list): sessions are gone. */
  sessionsGone = false;
  /** Bumped by a pull and put back: sessions opened before it are closed. */
  private insertion = 1;

  /** The card pulled and put back between two rounds: a slot event, earlier sessions closed. */
  pullAndPutBack(): void {
    this.insertion += 1;
    this.signalSlotEvent();
  }

  /** A slot event: answers a blocked C_WaitForSlotEvent, else stays pending for the next call. */
  signalSlotEvent(): void {
    this.slotEvent = true;
    this.waiting.shift()?.();
  }

  open = (_modulePath: string, callTimeoutMs: number): Pkcs11Module => {
    if (callTimeoutMs === WAIT_FOREVER_MS) this.waitersOpened++;
    else this.opened++;
    let alive = true;
    const call: Pkcs11Call = async (method, ...args) => {
      this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
      const fail = this.failNext.get(method);
      if (fail !== undefined) {
        this.failNext.delete(method);
        return err({ kind: 'ckr', code: fail });
      }
      return this.answer(method, args);
    };
    return {
      get alive() {
        return alive;
      },
      call,
      close: async () => {
        alive = false;
        this.initialised = false;
      },
      abandon: () => {
        alive = false;
      },
    };
  };

  private flags(t: FakeToken): number {
    let flags = CKF_USER_PIN_INITIALIZED;
    if (t.triesLeft === 1) flags |= CKF_USER_PIN_FINAL_TRY;
    if (t.triesLeft === 0) flags |= CKF_USER_PIN_LOCKED;
    return flags;
  }

  private answer(method: string, args: unknown[]) {
    const slot = new Uint8Array([1]);
    const t = this.token;
    const gone = err({ kind: 'ckr', code: CKR.TOKEN_NOT_PRESENT } as const);
    switch (method) {
      case 'C_Initialize':
        if (this.initialised)
          return Promise.resolve(err({ kind: 'ckr', code: CKR.CRYPTOKI_ALREADY_INITIALIZED } as const));
        this.initialised = true;
        return Promise.resolve(ok(undefined));
      case 'C_Finalize':
        this.initialised = false;
        return Promise.resolve(ok(undefined));
      case 'C_CloseSession':
      case 'C_FindObjectsFinal':
      case 'C_SignInit':
        return Promise.resolve(ok(undefined));
      case 'C_WaitForSlotEvent': {
        if (args[0] === 0) return this.blockingWait(slot);
        const ev = this.slotEvent;
        this.slotEvent = false;
        return Promise.resolve(ev ? ok(slot) : ok(null));
      }
      case 'C_GetSlotList':
        return Promise.resolve(ok(args[0] === true && t === undefined ? [] : [slot]));
      case 'C_GetSlotInfo':
        return Promise.resolve(ok({ slotDescription: 'Fake reader' }));
      case 'C_GetTokenInfo':
        if (t === undefined) return Promise.resolve(gone);
        return Promise.resolve(
          ok({ label: 'Fake CPS', serialNumber: t.serial, flags: this.flags(t), minPinLen: 4, maxPinLen: 8 }),
        );
      case 'C_OpenSession':
        if (this.sessionsGone) return Promise.resolve(gone);
        return Promise.resolve(t === undefined ? gone : ok(new Uint8Array([this.insertion])));
      case 'C_GetSessionInfo':
        if (t === undefined || this.sessionsGone || (args[0] as Uint8Array)[0] !== this.insertion)
          return Promise.resolve(err({ kind: 'ckr', code: CKR.SESSION_HANDLE_INVALID } as const));
        return Promise.resolve(ok({ state: 0 }));
      case 'C_FindObjectsInit':
        this.findClass = (args[1] as { type: number; value: unknown }[]).find(
          (a) => a.type === CKA_CLASS,
        )?.value;
        return Promise.resolve(ok(undefined));
      case 'C_FindObjects':
        if (this.findClass === CKO_CERTIFICATE) return Promise.resolve(ok([new Uint8Array([0xc1])]));
        return Promise.resolve(ok(this.loggedIn ? [new Uint8Array([0xb1])] : []));
      case 'C_GetAttributeValue':
        if (t === undefined) return Promise.resolve(gone);
        return Promise.resolve(
          ok([
            { type: CKA_ID, value: new Uint8Array([1]) },
            { type: CKA_LABEL, value: new TextEncoder().encode('Authentification') },
            { type: CKA_VALUE, value: t.certificateDer },
          ]),
        );
      case 'C_Login': {
        if (t === undefined) return Promise.resolve(gone);
        if (this.sessionsGone)
          return Promise.resolve(err({ kind: 'ckr', code: CKR.SESSION_HANDLE_INVALID } as const));
        if (t.triesLeft === 0) return Promise.resolve(err({ kind: 'ckr', code: CKR.PIN_LOCKED } as const));
        if (args[2] !== t.pin) {
          t.triesLeft--;
          return Promise.resolve(err({ kind: 'ckr', code: CKR.PIN_INCORRECT } as const));
        }
        t.triesLeft = 3;
        this.loggedIn = true;
        return Promise.resolve(ok(undefined));
      }
      case 'C_Logout':
        this.loggedIn = false;
        return Promise.resolve(ok(undefined));
      case 'C_GetMechanismList':
        return Promise.resolve(ok([CKM_ECDSA]));
      case 'C_Sign': {
        this.beforeSign?.();
        const now = this.token;
        if (now === undefined)
          return Promise.resolve(err({ kind: 'ckr', code: CKR.DEVICE_REMOVED } as const));
        // CKM_ECDSA signs the digest it is given, r‖s (the driver hashed the challenge).
        const digest = args[1] as Uint8Array;
        return Promise.resolve(ok(signDigest(now.privateKey, digest)));
      }
      default:
        return Promise.resolve(err({ kind: 'host', reason: 'not_allowed' } as const));
    }
  }

  private findClass: unknown;

  private blockingWait(slot: Uint8Array) {
    if (!this.blockingWaits)
      return Promise.resolve(err({ kind: 'ckr', code: CKR.FUNCTION_NOT_SUPPORTED } as const));
    if (this.slotEvent) {
      this.slotEvent = false;
      return Promise.resolve(ok(slot));
    }
    return new Promise<ReturnType<typeof ok<Uint8Array>>>((resolve) =>
      this.waiting.push(() => {
        this.slotEvent = false;
        resolve(ok(slot));
      }),
    );
  }
}

/** ECDSA over an already computed digest (what a card does), r‖s. */
function signDigest(key: KeyObject, digest: Uint8Array): Uint8Array {
  const d = Buffer.from(key.export({ format: 'jwk' }).d ?? '', 'base64url');
  return p256.sign(digest, new Uint8Array(d), { prehash: false });
}

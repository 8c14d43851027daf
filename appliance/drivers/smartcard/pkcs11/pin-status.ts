/**
 * What a PKCS#11 token says about its PIN. Cryptoki gives no retry count, only token flags
 * (v2.40 §3.2 Table 8): COUNT_LOW (a wrong PIN since the last good one), FINAL_TRY, LOCKED.
 */
import type { PinLength } from '../types.ts';
import { CKF_USER_PIN_FINAL_TRY, CKF_USER_PIN_INITIALIZED, CKF_USER_PIN_LOCKED, CKR } from './constants.ts';

/** The kiosk's keypad bounds: CPS PINs are 4 digits, PIV 6–8; no card we accept wants more than 8. */
export const KEYPAD_PIN_LENGTH: PinLength = { min: 4, max: 8 };

/** The token's PIN bounds within the keypad's (a module saying 4–255, like SoftHSM, gets 4–8). */
export function pinLengthOf(info: { readonly minPinLen: number; readonly maxPinLen: number }): PinLength {
  const min = Math.max(KEYPAD_PIN_LENGTH.min, info.minPinLen);
  const max = Math.min(KEYPAD_PIN_LENGTH.max, info.maxPinLen);
  return min <= max ? { min, max } : KEYPAD_PIN_LENGTH;
}

/** Retries left as far as the flags tell: 0 when locked (or never initialised), 1 on the final try. */
export function retriesFromFlags(flags: number): number | undefined {
  if ((flags & CKF_USER_PIN_LOCKED) !== 0 || (flags & CKF_USER_PIN_INITIALIZED) === 0) return 0;
  if ((flags & CKF_USER_PIN_FINAL_TRY) !== 0) return 1;
  return undefined;
}

export type LoginCallOutcome =
  | { readonly kind: 'verified' }
  | { readonly kind: 'wrong_pin'; readonly retriesLeft?: number }
  | { readonly kind: 'blocked' }
  | { readonly kind: 'failed'; readonly ckr: number };

/** C_Login's return value, read with the token flags fetched just after it. */
export function loginOutcome(ckr: number, flagsAfter: number | undefined): LoginCallOutcome {
  switch (ckr) {
    case CKR.OK:
    case CKR.USER_ALREADY_LOGGED_IN:
      return { kind: 'verified' };
    case CKR.PIN_INCORRECT:
    case CKR.PIN_INVALID:
    case CKR.PIN_LEN_RANGE: {
      const retries = flagsAfter === undefined ? undefined : retriesFromFlags(flagsAfter);
      if (retries === 0) return { kind: 'blocked' };
      return retries === undefined ? { kind: 'wrong_pin' } : { kind: 'wrong_pin', retriesLeft: retries };
    }
    case CKR.PIN_LOCKED:
    case CKR.PIN_EXPIRED:
    case CKR.USER_PIN_NOT_INITIALIZED:
      return { kind: 'blocked' };
    default:
      return { kind: 'failed', ckr };
  }
}

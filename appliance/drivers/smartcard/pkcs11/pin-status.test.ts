import { describe, expect, it } from 'vitest';
import {
  CKF_USER_PIN_COUNT_LOW,
  CKF_USER_PIN_FINAL_TRY,
  CKF_USER_PIN_INITIALIZED,
  CKF_USER_PIN_LOCKED,
  CKR,
} from './constants.ts';
import { loginOutcome, pinLengthOf, retriesFromFlags } from './pin-status.ts';

const INIT = CKF_USER_PIN_INITIALIZED;

describe('PKCS#11 PIN flags', () => {
  it('keeps the token PIN bounds within the 4–8 digit keypad', () => {
    expect(pinLengthOf({ minPinLen: 4, maxPinLen: 255 })).toEqual({ min: 4, max: 8 });
    expect(pinLengthOf({ minPinLen: 6, maxPinLen: 8 })).toEqual({ min: 6, max: 8 });
    expect(pinLengthOf({ minPinLen: 12, maxPinLen: 16 })).toEqual({ min: 4, max: 8 });
  });

  it('tells retries only when the flags do', () => {
    expect(retriesFromFlags(INIT)).toBeUndefined();
    expect(retriesFromFlags(INIT | CKF_USER_PIN_COUNT_LOW)).toBeUndefined();
    expect(retriesFromFlags(INIT | CKF_USER_PIN_FINAL_TRY)).toBe(1);
    expect(retriesFromFlags(INIT | CKF_USER_PIN_LOCKED)).toBe(0);
    expect(retriesFromFlags(0)).toBe(0);
  });

  it('reads C_Login with the flags after it', () => {
    expect(loginOutcome(CKR.OK, undefined)).toEqual({ kind: 'verified' });
    expect(loginOutcome(CKR.USER_ALREADY_LOGGED_IN, undefined)).toEqual({ kind: 'verified' });
    expect(loginOutcome(CKR.PIN_INCORRECT, INIT | CKF_USER_PIN_COUNT_LOW)).toEqual({ kind: 'wrong_pin' });
    expect(loginOutcome(CKR.PIN_INCORRECT, INIT | CKF_USER_PIN_FINAL_TRY)).toEqual({
      kind: 'wrong_pin',
      retriesLeft: 1,
    });
    expect(loginOutcome(CKR.PIN_INCORRECT, INIT | CKF_USER_PIN_LOCKED)).toEqual({ kind: 'blocked' });
    expect(loginOutcome(CKR.PIN_LOCKED, undefined)).toEqual({ kind: 'blocked' });
    expect(loginOutcome(CKR.USER_PIN_NOT_INITIALIZED, undefined)).toEqual({ kind: 'blocked' });
    expect(loginOutcome(CKR.DEVICE_ERROR, undefined)).toEqual({ kind: 'failed', ckr: CKR.DEVICE_ERROR });
  });
});

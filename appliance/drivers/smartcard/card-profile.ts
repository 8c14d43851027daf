/**
 * A card profile knows one card application's commands. The PIV profile (`piv/`) is the first;
 * a CPS profile through PKCS#11 can implement the same small interface later. Certificate and
 * signature checks are not the profile's business: see `authenticate.ts`.
 */
import type { Result } from '../../common/result.ts';
import type { ApduError, Transmit } from './apdu.ts';
import type { PinLength } from './types.ts';

export type CardFailure = ApduError | { readonly kind: 'unexpected_status'; readonly sw: number };

export type PinOutcome =
  | { readonly kind: 'verified' }
  | { readonly kind: 'wrong_pin'; readonly retriesLeft: number }
  | { readonly kind: 'blocked' };

export interface OpenedCard {
  readonly profile: string;
  readonly pinLength: PinLength;
  /** DER of the authentication certificate, `undefined` when the card has none. */
  readCertificate(): Promise<Result<Uint8Array | undefined, CardFailure>>;
  /** Retries left without spending one; `undefined` when the card does not tell (e.g. already verified). */
  pinRetries(): Promise<Result<number | undefined, CardFailure>>;
  verifyPin(pin: string): Promise<Result<PinOutcome, CardFailure>>;
  /** ECDSA P-256 signature (DER) of a SHA-256 digest by the authentication key; needs a verified PIN. */
  signDigest(digest: Uint8Array): Promise<Result<Uint8Array, CardFailure>>;
}

export interface CardProfile {
  readonly name: string;
  /** Selects the application. `not_this_card` when the card does not carry it. */
  open(transmit: Transmit): Promise<Result<OpenedCard, CardFailure | { readonly kind: 'not_this_card' }>>;
}

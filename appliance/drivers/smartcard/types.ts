import type { ProfessionalIdentity } from '../../common/professions.ts';
import type { RecordSigner } from '../../common/record-signer.ts';

/**
 * The professional smart-card reader as the session sees it. Real driver: PC/SC through pcscd
 * (`pcsc-driver.ts`); simulators: in-memory (unit tests) and a virtual PIV card over vpcd.
 */
/** PIN lengths the card accepts (digits); the keypad offers exactly these. */
export interface PinLength {
  readonly min: number;
  readonly max: number;
}

export type CardErrorReason = 'unknown_card' | 'unresponsive' | 'removed_during_command' | 'io';

export type ReaderStatus =
  | { readonly status: 'service_unavailable' }
  | { readonly status: 'no_reader' }
  | { readonly status: 'no_card'; readonly reader: string }
  /** `cardId` changes at every insertion: a session is bound to one insertion of one card. */
  | {
      readonly status: 'card_present';
      readonly reader: string;
      readonly cardId: string;
      /** Absent when the card does not say: the keypad then offers 4–8 digits. */
      readonly pinLength?: PinLength;
    }
  | { readonly status: 'card_error'; readonly reader: string; readonly reason: CardErrorReason };

export type LoginResult =
  | { readonly status: 'authenticated'; readonly identity: ProfessionalIdentity }
  /** `retriesLeft` is absent when the card does not tell (PKCS#11 only flags "low" and "final try"). */
  | { readonly status: 'wrong_pin'; readonly retriesLeft?: number }
  | { readonly status: 'blocked' }
  /** Certificate chain, validity, key usage or challenge signature failed. */
  | {
      readonly status: 'rejected';
      readonly reason:
        | 'expired'
        | 'untrusted'
        | 'bad_signature'
        | 'bad_key_usage'
        | 'not_yet_valid'
        | 'no_identity'
        /** Listed on the issuer's CRL. */
        | 'revoked'
        /** No current CRL for the issuer and the site refuses then. */
        | 'revocation_unknown'
        /** The certificate or CRL is "not yet valid" by more than a few minutes: the kiosk's clock. */
        | 'clock_suspect';
    }
  | { readonly status: 'card_removed' }
  | { readonly status: 'card_error'; readonly reason: CardErrorReason };

export type RecordSignerResult =
  | { readonly status: 'ready'; readonly signer: RecordSigner }
  | { readonly status: 'wrong_pin'; readonly retriesLeft?: number }
  | { readonly status: 'blocked' }
  /** The card has no record-signing key and certificate. */
  | { readonly status: 'no_signing_key' }
  | { readonly status: 'card_removed' }
  | { readonly status: 'card_error' };

export interface SmartcardService {
  current(): ReaderStatus;
  /** Pushes every status change; returns an unsubscribe function. */
  onStatus(listener: (status: ReaderStatus) => void): () => void;
  /** PIN retries left before any attempt, when the card tells (VERIFY with Lc=0). */
  pinRetries(cardId: string): Promise<number | undefined>;
  /** VERIFY the PIN, challenge the card's key, verify the certificate chain: all or nothing. */
  login(cardId: string, pin: string): Promise<LoginResult>;
  /**
   * The card's record-signing key, after a fresh PIN VERIFY (issue 16): PIV key 9C, whose PIN is
   * checked again before each signature (SP 800-73-4, PIN Always); PKCS#11: the token's
   * non-repudiation certificate and key, C_Login before each signature. Absent: this reader's
   * cards cannot sign records here.
   */
  recordSigner?(cardId: string, pin: string): Promise<RecordSignerResult>;
  close(): Promise<void>;
}

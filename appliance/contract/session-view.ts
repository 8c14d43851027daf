/**
 * What the server pushes to the kiosk page (socket.io event `session`): the whole session
 * view, every time it changes. The UI renders it and holds no other state of its own besides
 * what is being typed. Clinical content appears only under `key.status === 'open'`.
 */
import type { Summary } from '../record/summary/types.ts';
import type { VerificationView } from '../record/crypto/view.ts';
import type { Language } from '../common/languages.ts';
import type { Profession } from '../common/professions.ts';
import type { CrossCheckResult } from '../crosscheck/checks/types.ts';
import type { TechnicianView } from './technician-view.ts';
import type { PatientLogView } from './patient-view.ts';
import type { AuthoringView } from './authoring.ts';

export type * from './authoring.ts';

/** The banner's view of the record's signature check: the record owns it (record/crypto/view.ts). */
export type { VerificationView };

/** The kiosk's languages (common/languages.ts): fr, en, de, es, it. */
export type { Language };
/** `simulated`: the dev dock's simulators stand in for the devices (never on a kiosk image). */
export type KioskMode = 'simulated' | 'production';
export type Tier = 'emergency' | 'full';

export type DeviceStatusView = {
  readonly reader: 'service_unavailable' | 'no_reader' | 'ready' | 'card_present' | 'card_error';
  readonly usbKey: 'none' | 'present' | 'several' | 'error';
  readonly printer:
    | 'ready'
    | 'paper_near_end'
    | 'paper_out'
    | 'cover_open'
    | 'offline'
    | 'error'
    | 'no_answer'
    | 'not_configured';
};

/** `not_provisioned`: the card is valid, but this kiosk accepts only technicians until provisioned. */
export type CardRejectReason =
  | 'expired'
  | 'untrusted'
  | 'bad_signature'
  | 'bad_key_usage'
  | 'not_yet_valid'
  | 'no_identity'
  | 'revoked'
  | 'revocation_unknown'
  | 'clock_suspect'
  | 'not_provisioned';

/** The PIN lengths the present card accepts (digits). */
export interface PinLengthView {
  readonly min: number;
  readonly max: number;
}

export type CardView =
  | { readonly status: 'service_unavailable' }
  | { readonly status: 'absent' }
  | {
      readonly status: 'pin_entry';
      readonly pinLength: PinLengthView;
      readonly retriesLeft?: number;
      readonly lastAttemptWrong: boolean;
    }
  | { readonly status: 'checking_pin'; readonly pinLength: PinLengthView }
  | {
      readonly status: 'authenticated';
      readonly name: string;
      readonly profession: Profession;
      /** The role was given by the site's mapping of establishment staff (its name), not the card. */
      readonly siteMapping?: string;
    }
  | { readonly status: 'blocked' }
  | {
      readonly status: 'rejected';
      readonly reason: CardRejectReason;
    }
  | {
      readonly status: 'card_error';
      readonly reason: 'unknown_card' | 'unresponsive' | 'removed_during_command' | 'io';
    };

export type KeyErrorReason =
  /** A FAT stick without a record (empty, photos…): a signing card may write a new record on it. */
  | 'not_a_baladeur_key'
  /** No FAT volume (exFAT, NTFS, ext4, blank, unformatted): the kiosk neither reads nor writes it, nor formats it. */
  | 'not_fat'
  /** A FAT stick without a record whose write protection is on: nothing can be written on it. */
  | 'write_protected'
  | 'unreadable'
  | 'unsupported_version'
  | 'corrupt_record'
  | 'removed_while_reading'
  | 'several_keys'
  | 'too_large'
  /** The key stopped answering within its time budget; its worker was stopped (HZ-13). */
  | 'not_responding'
  /** Set by the session, never by the record layer: the kiosk is not provisioned, the key was not read. */
  | 'not_provisioned';

export type KeyView =
  | { readonly status: 'absent' }
  | { readonly status: 'reading' }
  | {
      readonly status: 'locked';
      readonly failedAttempts: number;
      /**
       * A code with a bad check character is refused before any KDF: not counted as an attempt.
       * `emergency_unavailable`: break-glass was tried but the key holds no emergency tier this
       * kiosk's keyring can open; the patient's code still works.
       */
      readonly lastError?: 'wrong_code' | 'typo' | 'emergency_unavailable';
      /**
       * Epoch ms until which the patient code may not be tried (5 wrong codes for this record; the
       * delay grows): the page shows a countdown instead of the keypad until then.
       */
      readonly codeBlockedUntil?: number;
    }
  | { readonly status: 'unlocking' }
  | {
      readonly status: 'open';
      readonly tier: Tier;
      readonly breakGlass: boolean;
      /** Pseudonymous record identifier (as in the audit trail); not personal. */
      readonly recordId: string;
      readonly verification: VerificationView;
      readonly summary: Summary;
      /** The access-log entry is being written to the key: pulling it now would lose the entry. */
      readonly accessLogWriting?: true;
      /** The access-log entry could not be written (write-protected key, …). */
      readonly accessLogWarning?: 'read_only' | 'write_failed';
      /** Opened by the patient with their code and no card: their own view (docs/patient-view.md). */
      readonly patient?: true;
      /** The patient's own view only: who opened their key (docs/patient-view.md). */
      readonly patientLog?: PatientLogView;
      /** Present for a pharmacist with the key open by the patient's code (full tier) only. */
      readonly crosscheck?: CrossCheckView;
    }
  | { readonly status: 'error'; readonly reason: KeyErrorReason };

/** The pharmacist's cross-check screen (issue 7). */
export interface CrossCheckView {
  /** The drug reference, loaded when a pharmacist is first authenticated: `unavailable` when it could not be loaded (HZ-11). */
  readonly reference: 'loading' | 'ready' | 'unavailable';
  readonly visible: boolean;
  readonly boxCount: number;
  /** Absent while the basket is empty or the reference is not ready. */
  readonly result?: CrossCheckResult;
  readonly search?: {
    readonly query: string;
    readonly matches: readonly { readonly cis: string; readonly name: string; readonly form: string }[];
  };
  /** The last scan: added, or refused by the parser (its reason kind). */
  readonly lastScan?: { readonly status: 'added' } | { readonly status: 'rejected'; readonly reason: string };
}

export type BreakGlassView =
  | { readonly status: 'closed' }
  /** Reason chosen or typed; needs an explicit confirmation. */
  | { readonly status: 'choosing_reason'; readonly reasons: readonly string[] }
  | { readonly status: 'not_allowed'; readonly why: 'not_authenticated' | 'profession_not_allowed' };

export type PrintView =
  | { readonly status: 'idle' }
  | { readonly status: 'printing'; readonly sentBytes: number; readonly totalBytes: number }
  /** The job is held; it resumes (or reprints) when the printer is ready again. */
  | { readonly status: 'waiting'; readonly printer: DeviceStatusView['printer'] }
  | { readonly status: 'done' }
  /**
   * `cause` absent: the printer's state says why. `kiosk_error`: the kiosk could not build or send
   * the receipt (a bug); the printer may be fine. Either way the screen offers retry and cancel.
   */
  | {
      readonly status: 'failed';
      readonly printer: DeviceStatusView['printer'];
      readonly cause?: 'kiosk_error';
    };

export interface SessionView {
  /** Increments at every change; the page ignores stale pushes. */
  readonly revision: number;
  /** Changes at every server start: the page drops everything when it changes. */
  readonly bootId: string;
  readonly mode: KioskMode;
  /**
   * `not_provisioned`: the kiosk runs on its fallback configuration (no site configuration yet):
   * only a technician card is accepted, to provision it.
   */
  readonly provisioning: 'provisioned' | 'not_provisioned';
  readonly site: { readonly name: string };
  /** The untouched welcome screen goes black after this many seconds (0: never); a site setting. */
  readonly blankAfterSeconds: number;
  readonly language: Language;
  readonly languages: readonly Language[];
  readonly devices: DeviceStatusView;
  readonly card: CardView;
  readonly key: KeyView;
  readonly breakGlass: BreakGlassView;
  readonly print: PrintView;
  /** Epoch ms at which the session is wiped for inactivity, when something is open. */
  readonly idleDeadline?: number;
  /** Technician mode (technician card only); absent or `closed` otherwise. */
  readonly technician?: TechnicianView;
  /**
   * What the card may author now (site `recordSigning.professions`): `update` with the key open by
   * the patient's code at full tier, `new` with a blank or foreign stick in. Absent otherwise.
   */
  readonly authoringOffer?: 'update' | 'new';
  /** Present while a draft exists (record authoring, issue 16). */
  readonly authoring?: AuthoringView;
}

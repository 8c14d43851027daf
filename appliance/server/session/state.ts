/**
 * The session state: the single owner of the truth about who is authenticated, which key is
 * open at which tier, and what the screen shows. Pure data; only `machine.ts` changes it.
 * Decrypted content lives only under `key.status === 'open'` and nowhere else.
 */
import type { ProfessionalIdentity, Profession } from '../../common/professions.ts';
import type { CardErrorReason, PinLength, ReaderStatus } from '../../drivers/smartcard/types.ts';
import type { PrinterStatus } from '../../drivers/printer/types.ts';
import type { Summary } from '../../record/summary/types.ts';
import type { CrossCheckState } from './crosscheck.ts';
import type { DrugReference } from './drug-reference.ts';
import type { TechnicianState } from './technician.ts';
import type { BilingualText } from '../../contract/technician-view.ts';
import type { PatientLogView } from '../../contract/patient-view.ts';
import type { CodeAttemptTable } from './code-throttle.ts';
import type { AuthoringState } from './authoring-state.ts';
import type {
  CardRejectReason,
  KeyErrorReason,
  Language,
  PrintView,
  Tier,
  VerificationView,
} from '../../contract/session-view.ts';

export type RejectReason = CardRejectReason;

export type CardState =
  | { readonly status: 'service_unavailable' }
  | { readonly status: 'absent' }
  | {
      readonly status: 'pin_entry';
      readonly cardId: string;
      readonly retriesLeft?: number;
      readonly lastAttemptWrong: boolean;
    }
  | { readonly status: 'checking'; readonly cardId: string; readonly requestId: number }
  | { readonly status: 'authenticated'; readonly cardId: string; readonly identity: ProfessionalIdentity }
  | { readonly status: 'blocked'; readonly cardId: string }
  | { readonly status: 'rejected'; readonly cardId: string; readonly reason: RejectReason }
  | { readonly status: 'card_error'; readonly cardId?: string; readonly reason: CardErrorReason };

/** What a successful unlock yields: the only place decrypted content lives. */
export interface OpenRecord {
  /** Pseudonymous record identifier (HMAC of the container id with the kiosk secret). */
  readonly recordId: string;
  readonly summary: Summary;
  readonly verification: VerificationView;
  /** The key's access log, read with the patient's code when the patient opens their own key. */
  readonly accessLog?: PatientLogView;
}

export type LockedError = 'wrong_code' | 'typo' | 'emergency_unavailable';

export type KeyState =
  | { readonly status: 'absent' }
  | { readonly status: 'reading'; readonly keyId: string; readonly requestId: number }
  | {
      readonly status: 'locked';
      readonly keyId: string;
      /** The record's pseudonymous id, known once the container is read (the code attempt limit). */
      readonly recordId?: string;
      readonly failedAttempts: number;
      readonly lastError?: LockedError;
    }
  | {
      readonly status: 'unlocking';
      readonly keyId: string;
      readonly recordId?: string;
      readonly requestId: number;
      readonly failedAttempts: number;
      readonly via: 'code' | 'emergency';
      /** The patient typed their code with no card in the reader (issue 19, docs/patient-view.md). */
      readonly patient?: true;
      /** Break-glass only: the reason category (kiosk audit) and the text as given (key's access log). */
      readonly reason?: { readonly category: string; readonly text: string };
    }
  | {
      readonly status: 'open';
      readonly keyId: string;
      readonly tier: Tier;
      readonly breakGlass: boolean;
      /** Opened by the patient, no card: the summary (and their log) only; a card inserted wipes it. */
      readonly patient?: true;
      readonly record: OpenRecord;
      /** The access-log entry is being appended to the key: the screen asks to leave the key in. */
      readonly accessLogWriting?: true;
      readonly accessLogWarning?: 'read_only' | 'write_failed';
      /** The pharmacist's cross-check basket: decrypted-derived, wiped with the record (HZ-01). */
      readonly crosscheck?: CrossCheckState;
    }
  | { readonly status: 'error'; readonly keyId?: string; readonly reason: KeyErrorReason };

export type BreakGlassState =
  | { readonly status: 'closed' }
  | { readonly status: 'choosing_reason' }
  | { readonly status: 'not_allowed'; readonly why: 'not_authenticated' | 'profession_not_allowed' };

export type PrintState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'active';
      readonly jobId: number;
      /** What is printed; absent: the summary. */
      readonly document?: 'crosscheck' | 'code_card' | 'change_receipt';
      readonly view: Exclude<PrintView, { status: 'idle' }>;
    };

export type UsbKeyDeviceStatus = 'none' | 'present' | 'several' | 'error';

export interface DevicesState {
  readonly reader: ReaderStatus['status'];
  /** What the present card's PIN accepts, when the card says. */
  readonly pinLength?: PinLength;
  readonly usbKey: UsbKeyDeviceStatus;
  readonly printer: PrinterStatus;
}

/** A break-glass reason offered on screen; `id` is what the kiosk audit stores. */
export interface BreakGlassReason {
  readonly id: string;
  /** fr and en always; de, es, it when the site gives them (else English is shown). */
  readonly label: BilingualText;
}

/** Site policy the machine applies; comes from the validated configuration. */
export interface SessionPolicy {
  /**
   * False when the kiosk runs on the image's fallback configuration (no site configuration yet):
   * only a technician card is accepted, no patient key is read, no break-glass (HZ-06, HZ-11).
   */
  readonly provisioned: boolean;
  readonly idleMs: number;
  readonly languages: readonly Language[];
  readonly defaultLanguage: Language;
  readonly breakGlassProfessions: readonly Profession[];
  /** Professions that may open a key with the patient's code (full tier). */
  readonly codeProfessions: readonly Profession[];
  readonly breakGlassReasons: readonly BreakGlassReason[];
  /** Config `recordSigning.professions`: who may author a record here; absent: doctor and midwife. */
  readonly recordSigningProfessions?: readonly Profession[];
}

export interface SessionState {
  readonly policy: SessionPolicy;
  readonly devices: DevicesState;
  readonly card: CardState;
  readonly key: KeyState;
  readonly breakGlass: BreakGlassState;
  readonly print: PrintState;
  /** The drug reference for the cross-check: loaded when a pharmacist first needs it (drug-reference.ts). */
  readonly drugs: DrugReference;
  /** Technician mode (technician card only); `closed` for everyone else. */
  readonly technician: TechnicianState;
  readonly language: Language;
  /** Epoch ms of the idle wipe; undefined when there is nothing to wipe. */
  readonly idleDeadline?: number;
  /** Monotonic counter: every asynchronous request carries one; a result for another is stale. */
  readonly nextRequestId: number;
  /** Wrong patient codes per record, for the kiosk's uptime (code-throttle.ts); never wiped by a session. */
  readonly codeAttempts: CodeAttemptTable;
  /** A record being authored (issue 16): patient data, in memory only, dropped with the session. */
  readonly authoring?: AuthoringState;
}

export function initialState(policy: SessionPolicy): SessionState {
  return {
    policy,
    devices: { reader: 'no_reader', usbKey: 'none', printer: { status: 'not_configured' } },
    card: { status: 'absent' },
    key: { status: 'absent' },
    breakGlass: { status: 'closed' },
    print: { status: 'idle' },
    drugs: { status: 'not_loaded' },
    technician: { status: 'closed' },
    language: policy.defaultLanguage,
    nextRequestId: 1,
    codeAttempts: new Map(),
  };
}

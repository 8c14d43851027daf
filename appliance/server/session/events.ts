/**
 * Inputs and outputs of the session machine. Events come from devices, from the page
 * (`command`) and from the clock; effects are data that the I/O shell (`../runtime.ts`) carries out.
 */
import type { PatientLogView } from '../../contract/patient-view.ts';
import type { Result } from '../../common/result.ts';
import type { Profession } from '../../common/professions.ts';
import type { ReaderStatus, LoginResult } from '../../drivers/smartcard/types.ts';
import type { PrinterStatus } from '../../drivers/printer/types.ts';
import type { Summary } from '../../record/summary/types.ts';
import type { Command } from '../../contract/commands.ts';
import type { CrossCheckResult } from '../../crosscheck/checks/types.ts';
import type { DrugKnowledge } from '../../crosscheck/knowledge.ts';
import type {
  KeyErrorReason,
  Language,
  PrintView,
  Tier,
  VerificationView,
} from '../../contract/session-view.ts';
import type { OpenRecord, RejectReason, SessionState } from './state.ts';
import type { TechnicianAction, TechnicianResult } from './technician.ts';
import type { AuthoringEffect, AuthoringEvent, AuthoringPrint } from './authoring-state.ts';

/** A USB key status as the machine needs it (the block source stays in the shell). */
export type KeySignal =
  | { readonly status: 'no_key' }
  | { readonly status: 'key_present'; readonly keyId: string }
  | { readonly status: 'several_keys' }
  | { readonly status: 'key_error'; readonly reason: 'unreadable_device' | 'not_usb' };

export type OpenFailure = 'wrong_code' | 'typo' | 'emergency_unavailable' | KeyErrorReason;

export type SessionEvent =
  | { readonly type: 'card.status'; readonly status: ReaderStatus }
  | { readonly type: 'card.retries'; readonly cardId: string; readonly retriesLeft: number | undefined }
  | {
      readonly type: 'card.login_result';
      readonly cardId: string;
      readonly requestId: number;
      readonly result: LoginResult;
    }
  | { readonly type: 'key.status'; readonly status: KeySignal }
  | {
      readonly type: 'key.read_result';
      readonly keyId: string;
      readonly requestId: number;
      readonly result: Result<null, KeyErrorReason>;
      /** The pseudonymous id of the record read, when its container could be parsed. */
      readonly recordId?: string;
    }
  | {
      readonly type: 'key.open_result';
      readonly keyId: string;
      readonly requestId: number;
      readonly result: Result<{ readonly tier: Tier; readonly record: OpenRecord }, OpenFailure>;
    }
  | {
      readonly type: 'key.access_log_result';
      readonly keyId: string;
      readonly result: 'written' | 'read_only' | 'write_failed';
    }
  | { readonly type: 'printer.status'; readonly status: PrinterStatus }
  | {
      readonly type: 'print.update';
      readonly jobId: number;
      readonly view: Exclude<PrintView, { status: 'idle' }>;
    }
  | { readonly type: 'command'; readonly command: Command }
  /** The drug reference finished loading; `undefined`: it could not be loaded (HZ-11). */
  | { readonly type: 'drugs.loaded'; readonly knowledge: DrugKnowledge | undefined }
  | { readonly type: 'technician.result'; readonly requestId: number; readonly result: TechnicianResult }
  /** The clock: the shell sends it when a scheduled idle deadline is reached. */
  | { readonly type: 'clock' }
  | AuthoringEvent;

/** Who did something, as the kiosk audit records it: never a name. */
export interface AuditActor {
  readonly nationalId: string;
  readonly profession: Profession;
}

export type AuditEvent =
  /** `siteMapping`: the site mapping that gave an establishment card its role (config `staffMappings`). */
  | { readonly event: 'card_authenticated'; readonly who: AuditActor; readonly siteMapping?: string }
  | { readonly event: 'pin_blocked' }
  /** `who`: set when the card itself was valid (`not_provisioned`). */
  | { readonly event: 'card_rejected'; readonly reason: RejectReason; readonly who?: AuditActor }
  | {
      readonly event: 'key_opened';
      /** Absent: the patient opened their own key with their code, no card (issue 19). */
      readonly who?: AuditActor;
      readonly patient?: true;
      readonly recordId: string;
      readonly tier: Tier;
      readonly breakGlass: boolean;
    }
  /** `reason` is the category id from the configured list, or `other` for a typed reason. */
  | {
      readonly event: 'break_glass';
      readonly who: AuditActor;
      readonly recordId: string;
      readonly reason: string;
    }
  | {
      readonly event: 'break_glass_denied';
      readonly who?: AuditActor;
      readonly why: 'not_authenticated' | 'profession_not_allowed';
    }
  | {
      readonly event: 'wrong_code';
      /** Absent: typed by the patient, no card (issue 19). */
      readonly who?: AuditActor;
      readonly patient?: true;
      readonly recordId?: string;
      /** Wrong codes for this record during the kiosk's uptime. */
      readonly failedAttempts: number;
      /** Set when this wrong code blocks the code for a while (code-throttle.ts). */
      readonly blockedSeconds?: number;
    }
  | {
      readonly event: 'print';
      /** Absent: the patient printed their own record (issue 19). */
      readonly who?: AuditActor;
      readonly patient?: true;
      readonly recordId: string;
      readonly tier: Tier;
      readonly outcome: 'done' | 'failed';
    }
  | { readonly event: 'idle_wipe' }
  /** A record written at this kiosk (issue 16): who, which record (HMAC), its version; never content. */
  | {
      readonly event: 'record_written';
      readonly who: AuditActor;
      readonly recordId: string;
      readonly version: number;
      readonly kind: 'new' | 'update';
    }
  /** An authored record that was not written, and why (no content). */
  | {
      readonly event: 'record_write_failed';
      readonly who: AuditActor;
      readonly recordId?: string;
      readonly kind: 'new' | 'update';
      readonly reason: string;
    }
  | {
      readonly event: 'technician_action';
      readonly who: AuditActor;
      readonly action: 'provision' | 'export' | 'reboot' | 'test_print';
      readonly outcome: string;
    }
  /** The technician set the clock: the kiosk's time before and the time asked (ISO instants). */
  | {
      readonly event: 'clock_set';
      readonly who: AuditActor;
      readonly previous: string;
      readonly requested: string;
      readonly outcome: 'requested' | 'simulated';
    };

/** The access-log entry written on the patient's key (encrypted to the patient by the record layer). */
export interface AccessLogEntryData {
  readonly tier: Tier;
  readonly breakGlass: boolean;
  /** The break-glass reason exactly as given (patient-owned log only). */
  readonly reason?: string;
  readonly by: { readonly name: string; readonly nationalId: string; readonly profession: Profession };
}

export type SessionEffect =
  | { readonly type: 'query_pin_retries'; readonly cardId: string }
  | { readonly type: 'login'; readonly cardId: string; readonly requestId: number; readonly pin: string }
  | { readonly type: 'read_key'; readonly keyId: string; readonly requestId: number }
  | {
      readonly type: 'open_with_code';
      readonly keyId: string;
      readonly requestId: number;
      readonly code: string;
      /** The patient opens their own key: read their access log too (issue 19). */
      readonly withAccessLog?: true;
    }
  | { readonly type: 'open_emergency'; readonly keyId: string; readonly requestId: number }
  | { readonly type: 'append_access_log'; readonly keyId: string; readonly entry: AccessLogEntryData }
  | {
      readonly type: 'print';
      readonly jobId: number;
      readonly summary: Summary;
      readonly verification: VerificationView;
      /** Absent: the patient prints their own record (no card, issue 19). */
      readonly printedBy?: { readonly name: string; readonly profession: Profession };
      readonly language: Language;
      /** The patient's access log, printed after their summary (issue 19). */
      readonly accessLog?: PatientLogView;
      /** Set for the pharmacist's cross-check receipt instead of the summary. */
      readonly crosscheck?: CrossCheckResult;
      /** Set for an author's change receipt or a new key's code card instead of the summary. */
      readonly authoring?: AuthoringPrint;
    }
  | { readonly type: 'abort_print'; readonly jobId: number }
  | { readonly type: 'audit'; readonly event: AuditEvent }
  /** A technician tool; `keyId` is the technician's key (provisioning source, export target). */
  | {
      readonly type: 'technician';
      readonly requestId: number;
      readonly action: TechnicianAction;
      readonly keyId?: string;
      /** `set_clock` only: the instant asked for. */
      readonly at?: string;
    }
  /** Load the drug reference (asked once, when a pharmacist first needs it); answered by `drugs.loaded`. */
  | { readonly type: 'load_drug_reference' }
  /** Replace the single idle timer; `null` cancels it. */
  | { readonly type: 'schedule_idle'; readonly at: number | null }
  | AuthoringEffect;

export interface Step {
  readonly state: SessionState;
  readonly effects: readonly SessionEffect[];
  /** Set when a command was refused in the current state (answered `not_allowed_now`). */
  readonly refused?: true;
}

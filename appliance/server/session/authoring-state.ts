/**
 * The authoring sub-state of the session (issue 16, item 4; contract/authoring.ts): a draft of
 * edits on the open record, or a new record for a blank stick. The draft is patient data, in
 * memory only: a card or key pulled, the idle wipe or a closed record drops it. The key's worker
 * holds the decrypted bundle and applies the edits (preview, then the signed write).
 */
import type { Result } from '../../common/result.ts';
import type {
  AuthoringFailure,
  AuthoringIdentity,
  AuthoringItems,
  AuthoringSearchView,
  ChangeLine,
  ImportOutcome,
  RecordEdit,
} from '../../contract/authoring.ts';
import type { ExportFile, ExportReadError, ExportScanError } from '../../record/authoring/export-stick.ts';
import type { EditError, RecordAuthor } from '../../record/authoring/types.ts';
import type { KeyErrorReason } from '../../contract/session-view.ts';
import type { OpenRecord } from './state.ts';
import type { AuditActor } from './events.ts';

export type AuthoringMode = 'update' | 'new';

export type AuthoringPhase =
  | { readonly status: 'identity' }
  | { readonly status: 'editing' }
  | { readonly status: 'reviewing' }
  /** PIN sent; the card signs (through the key worker's sign requests), then the worker writes. */
  | { readonly status: 'signing'; readonly requestId: number }
  | { readonly status: 'pin_wrong'; readonly retriesLeft?: number }
  | { readonly status: 'writing'; readonly requestId: number }
  | {
      readonly status: 'written';
      readonly version: number;
      /** Epoch ms of the write (the change receipt's time). */
      readonly writtenAt: number;
      /** The before/after lines, kept for the patient's change receipt until the outcome screen goes. */
      readonly changes: readonly ChangeLine[];
      /** A new key's code, formatted: shown while `written`, printed on the code card, then gone. */
      readonly patientCode?: string;
      readonly codeCardPrinted: boolean;
    }
  | { readonly status: 'failed'; readonly reason: AuthoringFailure }
  | { readonly status: 'importing'; readonly step: ImportStep };

/**
 * Importing from the doctor's software (issue 16, item 5). The USB driver presents one key at a
 * time, so the patient key leaves for the export stick and comes back; the draft waits in memory.
 */
export type ImportStep =
  | { readonly step: 'remove_patient_key' }
  | { readonly step: 'insert_export' }
  | { readonly step: 'scanning'; readonly keyId: string; readonly requestId: number }
  | { readonly step: 'choose'; readonly keyId: string; readonly files: readonly ExportFile[] }
  | { readonly step: 'reading'; readonly keyId: string; readonly requestId: number }
  | {
      readonly step: 'return_patient_key';
      readonly outcome: ImportOutcome;
      /** The export stick, while it is still in: not the patient key put back. */
      readonly exportKeyId?: string;
      readonly wrongKey?: true;
      /** A new record: the stick put back cannot take one (not FAT, write-protected…). */
      readonly keyProblem?: KeyErrorReason;
      /** A new record: the stick put back, its worker asked whether it holds a document Bundle. */
      readonly checking?: { readonly keyId: string; readonly requestId: number };
      /** A new record: the stick put back holds an export (a summary in plain JSON): refused. */
      readonly holdsExport?: true;
    };

/** What an authoring print job prints (print-adapter.ts builds it with receipts/). */
export type AuthoringPrint =
  | { readonly kind: 'code_card'; readonly code: string; readonly createdAt: number }
  | {
      readonly kind: 'change_receipt';
      readonly changes: readonly ChangeLine[];
      readonly author: RecordAuthor;
      readonly version: number;
      readonly newRecord: boolean;
      readonly writtenAt: number;
    };

export interface AuthoringPreview {
  readonly items: AuthoringItems;
  readonly changes: readonly ChangeLine[];
  /** The draft's imported bundle names another patient than the key's record: left out (HZ-23). */
  readonly importRefused?: 'other_patient';
}

export interface AuthoringState {
  readonly mode: AuthoringMode;
  readonly keyId: string;
  readonly cardId: string;
  /** Who authors, as the kiosk audit names them (never a name). */
  readonly actor: AuditActor;
  readonly identity?: AuthoringIdentity;
  readonly edits: readonly RecordEdit[];
  /** The worker's view of the draft as of the last preview answered. */
  readonly preview?: AuthoringPreview;
  /** The preview asked for and not yet answered (a review waits for it). */
  readonly previewRequestId?: number;
  readonly lastEditError?: EditError['code'];
  readonly search?: AuthoringSearchView;
  readonly phase: AuthoringPhase;
  /** The card left while signing or writing: the outcome decides what the screen says. */
  readonly cardGone?: true;
  /** The record the draft is for (pseudonymous id): the key put back after an import must hold it. */
  readonly recordId?: string;
  /** A bundle imported from the doctor's software, validated: the edits apply to it (memory only). */
  readonly imported?: unknown;
  readonly importOutcome?: ImportOutcome;
}

/** What the worker needs to rebuild the draft: the edits in order, and a new record's identity. */
export interface DraftRequest {
  readonly keyId: string;
  readonly requestId: number;
  readonly mode: AuthoringMode;
  readonly identity?: AuthoringIdentity;
  /** A bundle imported from the doctor's software: the base the edits apply to. */
  readonly imported?: unknown;
  readonly edits: readonly RecordEdit[];
  readonly author: RecordAuthor;
}

export type AuthoringEffect =
  | ({ readonly type: 'author_preview' } & DraftRequest)
  | ({ readonly type: 'author_write'; readonly cardId: string; readonly pin: string } & DraftRequest)
  /** The worker drops what it kept to author (the decrypted bundle and the code). */
  | { readonly type: 'author_forget'; readonly keyId: string }
  | { readonly type: 'export_scan'; readonly keyId: string; readonly requestId: number }
  | {
      readonly type: 'export_read';
      readonly keyId: string;
      readonly requestId: number;
      readonly path: string;
    };

export interface AuthoringWritten {
  readonly version: number;
  readonly recordId: string;
  /** The record read back from the key after the write, as any opening yields it. */
  readonly opened?: OpenRecord;
  readonly patientCode?: string;
}

export type AuthoringWriteFailure =
  | { readonly reason: Exclude<AuthoringFailure, 'blocked'> }
  | { readonly reason: 'blocked' }
  | { readonly reason: 'pin_wrong'; readonly retriesLeft?: number };

export type AuthoringEvent =
  | {
      readonly type: 'authoring.preview_result';
      readonly requestId: number;
      readonly result: Result<AuthoringPreview, EditError>;
    }
  /** Both tiers are signed; the worker writes. */
  | { readonly type: 'authoring.sealed'; readonly requestId: number }
  | {
      readonly type: 'authoring.write_result';
      readonly requestId: number;
      readonly result: Result<AuthoringWritten, AuthoringWriteFailure>;
    }
  | {
      readonly type: 'authoring.export_scanned';
      readonly requestId: number;
      readonly result: Result<readonly ExportFile[], ExportScanError>;
    }
  | {
      readonly type: 'authoring.export_read';
      readonly requestId: number;
      readonly result: Result<unknown, ExportReadError>;
    };

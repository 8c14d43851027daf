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
  RecordEdit,
} from '../../contract/authoring.ts';
import type { EditError, RecordAuthor } from '../../record/authoring/types.ts';
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
  | { readonly status: 'failed'; readonly reason: AuthoringFailure };

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
}

/** What the worker needs to rebuild the draft: the edits in order, and a new record's identity. */
export interface DraftRequest {
  readonly keyId: string;
  readonly requestId: number;
  readonly mode: AuthoringMode;
  readonly identity?: AuthoringIdentity;
  readonly edits: readonly RecordEdit[];
  readonly author: RecordAuthor;
}

export type AuthoringEffect =
  | ({ readonly type: 'author_preview' } & DraftRequest)
  | ({ readonly type: 'author_write'; readonly cardId: string; readonly pin: string } & DraftRequest)
  /** The worker drops what it kept to author (the decrypted bundle and the code). */
  | { readonly type: 'author_forget'; readonly keyId: string };

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
    };

/**
 * What the I/O shell needs from the record layer, the printer and the audit trail, as small
 * interfaces: the real adapters (`record-adapter.ts`, `print-adapter.ts`, `audit/`) implement them
 * and tests use fakes. Every expected failure is a value.
 */
import type { Result } from '../common/result.ts';
import type { BlockSource } from '../record/block-source.ts';
import type { KeyDevice } from '../drivers/usb-key/key-device.ts';
import type { KeyErrorReason, PrintView, Tier } from '../contract/session-view.ts';
import type { PatientLogView } from '../contract/patient-view.ts';
import type { AccessLogEntryData, AuditEvent, OpenFailure, SessionEffect } from './session/events.ts';
import type { OpenRecord } from './session/state.ts';
import type { RecordSigner } from '../common/record-signer.ts';
import type {
  AuthoringPreview,
  AuthoringWriteFailure,
  AuthoringWritten,
  DraftRequest,
} from './session/authoring-state.ts';
import type { EditError } from '../record/authoring/types.ts';
import type { ExportFile, ExportReadError, ExportScanError } from '../record/authoring/export-stick.ts';

export interface OpenedRecord {
  readonly tier: Tier;
  readonly record: OpenRecord;
}

/**
 * The record work on one key's bytes, in-process and synchronous underneath (FAT over a
 * `BlockSource`): it runs inside the key's worker (`key-worker/`), never on the kiosk's main thread.
 */
export interface RecordPort {
  /** Reads the encrypted container from the key, bounded; never throws for bad media. */
  readContainer(source: BlockSource): Promise<Result<Uint8Array, KeyErrorReason>>;
  /** The pseudonymous id of the record in a container read from a key, if its header parses. */
  recordIdOf(container: Uint8Array): string | undefined;
  openWithCode(container: Uint8Array, code: string): Promise<Result<OpenedRecord, OpenFailure>>;
  openEmergency(container: Uint8Array): Promise<Result<OpenedRecord, OpenFailure>>;
  /** The key's access log read with the patient's code, for the patient's own view (issue 19). */
  readAccessLog(source: BlockSource, code: string): Promise<PatientLogView>;
  appendAccessLog(
    source: BlockSource,
    entry: AccessLogEntryData,
  ): Promise<'written' | 'read_only' | 'write_failed'>;
}

/** One inserted key's record work, carried out by its own worker with a time budget per request. */
export interface KeyRecords {
  /** Reads the container (kept in the worker); the pseudonymous record id when its header parses. */
  read(): Promise<Result<{ readonly bytes: number; readonly recordId?: string }, KeyErrorReason>>;
  /** `withAccessLog`: the patient opens their own key; their log comes with the record. */
  openWithCode(
    code: string,
    now: number,
    withAccessLog?: boolean,
  ): Promise<Result<OpenedRecord, OpenFailure>>;
  openEmergency(now: number): Promise<Result<OpenedRecord, OpenFailure>>;
  appendAccessLog(entry: AccessLogEntryData, now: number): Promise<'written' | 'read_only' | 'write_failed'>;
  /** The key left: its work stops, whatever it was blocked in. */
  close(): void;
  /** Record authoring (issue 16): the draft applied to the record opened with the code, or a new one. */
  authorPreview?(request: DraftRequest, now: number): Promise<Result<AuthoringPreview, EditError>>;
  /**
   * Signs (the signer is the card, on the main thread: the worker asks it for each signature)
   * and writes; `onSealed` when both tiers are signed, before the write.
   */
  authorWrite?(
    request: DraftRequest,
    signer: RecordSigner,
    now: number,
    onSealed: () => void,
  ): Promise<Result<AuthoringWritten, AuthoringWriteFailure>>;
  /** Drops what the worker kept to author (the opened bundle, the code). */
  forgetDraft?(): void;
  /** This key is the doctor's export stick (issue 16, item 5): its document Bundles. */
  scanExport?(): Promise<Result<readonly ExportFile[], ExportScanError>>;
  /** One of them, validated with the record's bounds and parser. */
  readExport?(path: string): Promise<Result<unknown, ExportReadError>>;
}

/** What the runtime uses: a key's record work starts when the key is presented. */
export interface KeyRecordService {
  attach(device: KeyDevice): KeyRecords;
  /** Starts a worker ahead of the first key; resolves when its code is loaded (never rejects). */
  prepare(): Promise<void>;
}

export type PrintJob = Extract<SessionEffect, { type: 'print' }>;
export type ActivePrintView = Exclude<PrintView, { status: 'idle' }>;

export interface PrintPort {
  /** Builds the receipt and sends it; reports every state; resolves with the final one. */
  run(job: PrintJob, onState: (view: ActivePrintView) => void, signal: AbortSignal): Promise<ActivePrintView>;
}

export interface AuditSink {
  append(event: AuditEvent, at: number): void;
}

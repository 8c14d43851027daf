/**
 * The main thread's side of record authoring with a key worker (issue 16): previews and writes
 * with their own time budgets, and the card's signatures asked for by the worker. The card
 * signs here, on the main thread; the worker never sees it, only the signatures.
 */
import type { Worker } from 'node:worker_threads';
import { err, ok, type Result } from '../../common/result.ts';
import type { RecordSigner } from '../../common/record-signer.ts';
import type { EditError } from '../../record/authoring/types.ts';
import type { ExportFile, ExportReadError, ExportScanError } from '../../record/authoring/export-stick.ts';
import type {
  AuthoringPreview,
  AuthoringWriteFailure,
  AuthoringWritten,
  DraftRequest,
} from '../session/authoring-state.ts';
import type { OpenRecord } from '../session/state.ts';
import { AuthorReplySchema, type AuthorReply } from './authoring-protocol.ts';

export interface AuthoringBudgets {
  /** The first preview opens the record with the code again (the KDF). */
  readonly previewMs: number;
  /** Sealing (KDFs), the card's signatures, the careful write and the read-back. */
  readonly writeMs: number;
  /** Listing an export stick and reading its JSON files (bounded: export-stick.ts), or one bundle. */
  readonly exportMs: number;
}
export const DEFAULT_AUTHORING_BUDGETS: AuthoringBudgets = {
  previewMs: 25_000,
  writeMs: 120_000,
  exportMs: 20_000,
};

type Pending =
  | { op: 'author_preview'; resolve: (r: Result<AuthoringPreview, EditError>) => void; timer: NodeJS.Timeout }
  | {
      op: 'export_scan';
      resolve: (r: Result<readonly ExportFile[], ExportScanError>) => void;
      timer: NodeJS.Timeout;
    }
  | { op: 'export_read'; resolve: (r: Result<unknown, ExportReadError>) => void; timer: NodeJS.Timeout }
  | {
      op: 'author_write';
      resolve: (r: Result<AuthoringWritten, AuthoringWriteFailure>) => void;
      signer: RecordSigner;
      onSealed: () => void;
      timer: NodeJS.Timeout;
    };

const draftOf = (request: DraftRequest, now: number) => ({
  mode: request.mode,
  ...(request.identity !== undefined ? { identity: request.identity } : {}),
  ...(request.imported !== undefined ? { imported: request.imported } : {}),
  edits: [...request.edits],
  author: { ...request.author },
  now,
});

export class AuthoringChannel {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead = false;

  constructor(
    private readonly worker: Worker,
    /** Past a budget the whole worker goes (KeyWorker.die), like any request. */
    private readonly onTimeout: () => void,
    private readonly budgets: AuthoringBudgets = DEFAULT_AUTHORING_BUDGETS,
  ) {}

  preview(request: DraftRequest, now: number): Promise<Result<AuthoringPreview, EditError>> {
    if (this.dead) return Promise.resolve(err({ index: 0, code: 'invalid' }));
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(this.onTimeout, this.budgets.previewMs);
      this.pending.set(id, { op: 'author_preview', resolve, timer });
      this.worker.postMessage({ op: 'author_preview', id, draft: draftOf(request, now) });
    });
  }

  write(
    request: DraftRequest,
    signer: RecordSigner,
    now: number,
    onSealed: () => void,
  ): Promise<Result<AuthoringWritten, AuthoringWriteFailure>> {
    if (this.dead) return Promise.resolve(err({ reason: 'key_removed' }));
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(this.onTimeout, this.budgets.writeMs);
      this.pending.set(id, { op: 'author_write', resolve, signer, onSealed, timer });
      this.worker.postMessage({
        op: 'author_write',
        id,
        draft: draftOf(request, now),
        signer: { algorithm: signer.algorithm, certificateChain: [...signer.certificateChain] },
      });
    });
  }

  /** This key is an export stick: the document Bundles on it. */
  scanExport(): Promise<Result<readonly ExportFile[], ExportScanError>> {
    if (this.dead) return Promise.resolve(err('unreadable'));
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(this.onTimeout, this.budgets.exportMs);
      this.pending.set(id, { op: 'export_scan', resolve, timer });
      this.worker.postMessage({ op: 'export_scan', id });
    });
  }

  /** One bundle of the export stick, validated like a record read. */
  readExport(path: string): Promise<Result<unknown, ExportReadError>> {
    if (this.dead) return Promise.resolve(err('unreadable'));
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(this.onTimeout, this.budgets.exportMs);
      this.pending.set(id, { op: 'export_read', resolve, timer });
      this.worker.postMessage({ op: 'export_read', id, path });
    });
  }

  forget(): void {
    if (!this.dead) this.worker.postMessage({ op: 'author_forget' });
  }

  /** An authoring message from the worker: handled (true), or not one (false). */
  accept(message: unknown): boolean {
    const parsed = AuthorReplySchema.safeParse(message);
    if (!parsed.success) return false;
    this.onReply(parsed.data);
    return true;
  }

  private writing(): Extract<Pending, { op: 'author_write' }> | undefined {
    for (const p of this.pending.values()) if (p.op === 'author_write') return p;
    return undefined;
  }

  private onReply(reply: AuthorReply): void {
    switch (reply.op) {
      case 'sign': {
        const signer = this.writing()?.signer;
        const answer = (signature?: Uint8Array) =>
          this.worker.postMessage({ op: 'signature', id: reply.id, ...(signature ? { signature } : {}) });
        if (signer === undefined) return answer();
        signer.sign(reply.input).then(answer, () => answer());
        return;
      }
      case 'sealed':
        this.writing()?.onSealed();
        return;
      case 'author_preview': {
        const p = this.pending.get(reply.id);
        if (p?.op !== 'author_preview') return;
        this.settle(reply.id);
        p.resolve(reply.result);
        return;
      }
      case 'export_scan': {
        const p = this.pending.get(reply.id);
        if (p?.op !== 'export_scan') return;
        this.settle(reply.id);
        p.resolve(reply.result);
        return;
      }
      case 'export_read': {
        const p = this.pending.get(reply.id);
        if (p?.op !== 'export_read') return;
        this.settle(reply.id);
        p.resolve(reply.result);
        return;
      }
      case 'author_write': {
        const p = this.pending.get(reply.id);
        if (p?.op !== 'author_write') return;
        this.settle(reply.id);
        const result = reply.result;
        if (!result.ok) return p.resolve(result);
        const { version, recordId, opened, patientCode } = result.value;
        p.resolve(
          ok({
            version,
            recordId,
            ...(opened !== undefined ? { opened: opened as OpenRecord } : {}),
            ...(patientCode !== undefined ? { patientCode } : {}),
          }),
        );
        return;
      }
    }
  }

  private settle(id: number): void {
    const p = this.pending.get(id);
    if (p) clearTimeout(p.timer);
    this.pending.delete(id);
  }

  /** The worker is gone: every pending request fails (the key left, or it stopped answering). */
  die(keyRemoved: boolean): void {
    this.dead = true;
    for (const [id, p] of this.pending) {
      this.settle(id);
      if (p.op === 'author_preview') p.resolve(err({ index: 0, code: 'invalid' }));
      else if (p.op === 'export_scan' || p.op === 'export_read') p.resolve(err('unreadable'));
      else p.resolve(err({ reason: keyRemoved ? 'key_removed' : 'write_failed' }));
    }
  }
}

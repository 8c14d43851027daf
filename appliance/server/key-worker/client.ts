/**
 * The main thread's side of a key worker: one worker per inserted key, requests with a time
 * budget each. Past its budget the worker is terminated (whatever it is blocked in: a stalled
 * read, a hostile key's loop) and every request on that key, pending or later, answers
 * `not_responding`; the next key gets a fresh worker. The main thread never touches the key.
 */
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { err, ok, type Result } from '../../common/result.ts';
import type { KeyDevice } from '../../drivers/usb-key/key-device.ts';
import type { KeyErrorReason } from '../../contract/session-view.ts';
import type { AccessLogEntryData, OpenFailure } from '../session/events.ts';
import {
  KeyReplySchema,
  WorkerReadySchema,
  type KeyOp,
  type KeyReply,
  type KeyRequest,
  type OpenedView,
  type WorkerSetup,
} from './protocol.ts';
import { AuthoringChannel } from './authoring-client.ts';
import type { ExportFile, ExportReadError, ExportScanError } from '../../record/authoring/export-stick.ts';
import type { RecordSigner } from '../../common/record-signer.ts';
import type { EditError } from '../../record/authoring/types.ts';
import type {
  AuthoringPreview,
  AuthoringWriteFailure,
  AuthoringWritten,
  DraftRequest,
} from '../session/authoring-state.ts';

/** Time budgets per operation, in milliseconds. */
export interface KeyBudgets {
  /** Device open, partitions, FAT, the container read. */
  readonly readMs: number;
  /** Key derivation (PBKDF2, 600 000 rounds by default), decryption, signature, validation, summary. */
  readonly unlockMs: number;
  readonly appendMs: number;
  /** Loading the worker's code (nothing of the key is touched before it is ready). */
  readonly bootMs: number;
}

export const DEFAULT_KEY_BUDGETS: KeyBudgets = {
  readMs: 10_000,
  unlockMs: 20_000,
  appendMs: 10_000,
  bootMs: 30_000,
};

/** A hostile key must not take the kiosk's memory with it. */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };

let devBundle: URL | undefined;

/**
 * Development and tests run the TypeScript sources: the worker and what it imports are bundled
 * once per process with esbuild (a dev dependency; packages stay external) into the repository's
 * node_modules cache, so each worker loads one JavaScript file instead of compiling ~100 modules.
 * The built kiosk runs dist/…/worker.js and needs none of this.
 */
function devWorkerUrl(here: string): URL {
  if (devBundle) return devBundle;
  const require = createRequire(here);
  const esbuild = require('esbuild') as typeof import('esbuild');
  const out = new URL(`../../../node_modules/.cache/baladeur/key-worker-${process.pid}.mjs`, here);
  esbuild.buildSync({
    entryPoints: [fileURLToPath(new URL('./worker.ts', here))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: fileURLToPath(out),
    logLevel: 'silent',
  });
  devBundle = out;
  // One bundle per process, removed with it (they would otherwise pile up in the cache).
  process.once('exit', () => rmSync(fileURLToPath(out), { force: true }));
  return out;
}

function spawn(setup: WorkerSetup): Worker {
  const here = import.meta.url;
  const entry = here.endsWith('.ts') ? devWorkerUrl(here) : new URL('./worker.js', here);
  // Plain JavaScript either way: the parent's loaders (tsx, vitest) are not inherited.
  return new Worker(entry, { workerData: setup, resourceLimits: RESOURCE_LIMITS, execArgv: [] });
}

type Dead = KeyErrorReason;

interface Pending {
  readonly op: KeyOp;
  readonly budgetMs: number;
  readonly resolve: (reply: KeyReply) => void;
  timer?: NodeJS.Timeout;
}

function failedReply(id: number, op: KeyOp, reason: Dead): KeyReply {
  switch (op) {
    case 'read':
      return { id, op, result: err(reason) };
    case 'open_with_code':
    case 'open_emergency':
      return { id, op, result: err(reason) };
    case 'append_access_log':
      return { id, op, result: 'write_failed' };
  }
}

export class KeyWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private ready = false;
  private dead: Dead | undefined;
  private readonly bootTimer: NodeJS.Timeout;
  /** Record authoring's requests and the card's signatures (issue 16). */
  private readonly authoring: AuthoringChannel;
  /** Milliseconds from spawn to the worker's code loaded; rejects if it never loads. */
  readonly started: Promise<number>;

  constructor(
    setup: WorkerSetup,
    private readonly budgets: KeyBudgets = DEFAULT_KEY_BUDGETS,
  ) {
    const spawnedAt = performance.now();
    this.worker = spawn(setup);
    // A worker never keeps the process alive by itself (pending requests have their timers).
    this.worker.unref();
    let loaded: (ms: number) => void = () => {};
    let failed: (reason: Dead) => void = () => {};
    this.started = new Promise<number>((resolve, reject) => {
      loaded = resolve;
      failed = (reason) => reject(new Error(`key worker ${reason}`));
    });
    this.started.catch(() => {});
    this.bootTimer = setTimeout(() => this.die('not_responding'), budgets.bootMs);
    this.authoring = new AuthoringChannel(this.worker, () => this.die('not_responding'));
    this.worker.on('message', (message: unknown) => {
      if (!this.ready && WorkerReadySchema.safeParse(message).success) {
        this.ready = true;
        clearTimeout(this.bootTimer);
        loaded(performance.now() - spawnedAt);
        for (const p of this.pending.values()) this.arm(p);
        return;
      }
      if (this.authoring.accept(message)) return;
      this.onReply(message);
    });
    // A worker that fails is a bug or an exhausted memory limit: the key is unreadable, not the kiosk.
    this.worker.on('error', () => this.die('unreadable'));
    this.worker.on('exit', () => {
      this.die('unreadable');
      failed(this.dead ?? 'unreadable');
    });
  }

  /** Gives the worker its key; once, before any request. */
  attach(device: KeyDevice): this {
    this.worker.postMessage({ op: 'attach', device });
    return this;
  }

  read(): Promise<Result<{ bytes: number; recordId?: string }, KeyErrorReason>> {
    return this.request({ op: 'read' }).then((reply) =>
      reply.op === 'read' ? reply.result : err('unreadable'),
    );
  }

  openWithCode(code: string, now: number, withAccessLog = false): Promise<Result<OpenedView, OpenFailure>> {
    return this.request({
      op: 'open_with_code',
      code,
      now,
      ...(withAccessLog ? { withAccessLog: true } : {}),
    }).then((reply) => this.opened(reply));
  }

  openEmergency(now: number): Promise<Result<OpenedView, OpenFailure>> {
    return this.request({ op: 'open_emergency', now }).then((reply) => this.opened(reply));
  }

  appendAccessLog(entry: AccessLogEntryData, now: number): Promise<'written' | 'read_only' | 'write_failed'> {
    return this.request({ op: 'append_access_log', entry, now }).then((reply) =>
      reply.op === 'append_access_log' ? reply.result : 'write_failed',
    );
  }

  authorPreview(request: DraftRequest, now: number): Promise<Result<AuthoringPreview, EditError>> {
    return this.authoring.preview(request, now);
  }

  authorWrite(
    request: DraftRequest,
    signer: RecordSigner,
    now: number,
    onSealed: () => void,
  ): Promise<Result<AuthoringWritten, AuthoringWriteFailure>> {
    return this.authoring.write(request, signer, now, onSealed);
  }

  forgetDraft(): void {
    this.authoring.forget();
  }

  scanExport(): Promise<Result<readonly ExportFile[], ExportScanError>> {
    return this.authoring.scanExport();
  }

  readExport(path: string): Promise<Result<unknown, ExportReadError>> {
    return this.authoring.readExport(path);
  }

  /** The key left: stop the worker (a blocked read included); pending requests answer `removed_while_reading`. */
  close(): void {
    this.die('removed_while_reading');
  }

  private opened(reply: KeyReply): Result<OpenedView, OpenFailure> {
    if (reply.op !== 'open_with_code' && reply.op !== 'open_emergency') return err('unreadable');
    return reply.result.ok ? ok(reply.result.value) : reply.result;
  }

  private request(body: DistributiveOmit<KeyRequest, 'id'>): Promise<KeyReply> {
    const id = this.nextId++;
    if (this.dead) return Promise.resolve(failedReply(id, body.op, this.dead));
    return new Promise<KeyReply>((resolve) => {
      const pending: Pending = { op: body.op, budgetMs: this.budgetOf(body.op), resolve };
      this.pending.set(id, pending);
      if (this.ready) this.arm(pending);
      this.worker.postMessage({ ...body, id });
    });
  }

  private budgetOf(op: KeyOp): number {
    switch (op) {
      case 'read':
        return this.budgets.readMs;
      case 'open_with_code':
      case 'open_emergency':
        return this.budgets.unlockMs;
      case 'append_access_log':
        return this.budgets.appendMs;
    }
  }

  /** The budget runs from when the worker can serve the request. */
  private arm(pending: Pending): void {
    pending.timer ??= setTimeout(() => this.die('not_responding'), pending.budgetMs);
  }

  private onReply(message: unknown): void {
    const parsed = KeyReplySchema.safeParse(message);
    if (!parsed.success) return this.die('unreadable');
    const pending = this.pending.get(parsed.data.id);
    if (!pending || pending.op !== parsed.data.op) return this.die('unreadable');
    this.pending.delete(parsed.data.id);
    clearTimeout(pending.timer);
    pending.resolve(parsed.data);
  }

  private die(reason: Dead): void {
    if (this.dead) return;
    this.dead = reason;
    clearTimeout(this.bootTimer);
    void this.worker.terminate();
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.resolve(failedReply(id, pending.op, reason));
    }
    this.pending.clear();
    this.authoring.die(reason === 'removed_while_reading');
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

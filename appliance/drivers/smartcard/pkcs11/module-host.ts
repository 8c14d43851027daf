/**
 * One PKCS#11 module loaded in its own worker thread (see worker-source.ts). Calls are queued and
 * answered in order; a call that does not answer in time, or a worker that dies, fails every
 * pending call and the host is then unusable: the driver starts a new one (re-initialisation is
 * how a restarted pcscd or a wedged module is recovered).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Result } from '../../../common/result.ts';
import { err, ok } from '../../../common/result.ts';
import { WORKER_SOURCE } from './worker-source.ts';

/** A Cryptoki return value (CKR_*), or why the call never reached the module. */
export type Pkcs11Fault =
  | { readonly kind: 'ckr'; readonly code: number }
  | {
      readonly kind: 'host';
      readonly reason: 'load_failed' | 'not_allowed' | 'native_error' | 'timeout' | 'gone';
    };

/** A fault as logged: the CKR code in hex, or the host's reason. */
export function describeFault(fault: Pkcs11Fault): string {
  return fault.kind === 'ckr' ? `CKR_0x${fault.code.toString(16)}` : fault.reason;
}

export type Pkcs11Call = (method: string, ...args: unknown[]) => Promise<Result<unknown, Pkcs11Fault>>;

/** What the driver needs of a loaded module: the worker host, or a fake in unit tests. */
export interface Pkcs11Module {
  readonly alive: boolean;
  readonly call: Pkcs11Call;
  close(): Promise<void>;
  /** Ends the worker without C_Finalize (a second worker on a library another one initialised). */
  abandon(): void;
}

export type OpenModule = (modulePath: string, callTimeoutMs: number) => Pkcs11Module;

interface Pending {
  readonly resolve: (r: Result<unknown, Pkcs11Fault>) => void;
  readonly timer: NodeJS.Timeout;
}

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: { readonly code: number | string };
}

const binding = createRequire(import.meta.url).resolve('pkcs11js');

export class Pkcs11Host implements Pkcs11Module {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead = false;

  constructor(
    modulePath: string,
    private readonly callTimeoutMs: number,
  ) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modulePath, binding } });
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => this.onReply(reply));
    this.worker.on('error', () => this.fail());
    this.worker.on('exit', () => this.fail());
  }

  get alive(): boolean {
    return !this.dead;
  }

  readonly call: Pkcs11Call = (method, ...args) => {
    if (this.dead) return Promise.resolve(err({ kind: 'host', reason: 'gone' }));
    const id = this.nextId++;
    return new Promise((resolve) => {
      // A module stuck in a card exchange: the whole host is abandoned (terminate), never waited on.
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(err({ kind: 'host', reason: 'timeout' }));
        this.abandon();
      }, this.callTimeoutMs);
      this.pending.set(id, { resolve, timer });
      this.worker.postMessage({ id, method, args });
    });
  };

  private onReply(reply: Reply): void {
    const p = this.pending.get(reply.id);
    if (p === undefined) return;
    this.pending.delete(reply.id);
    clearTimeout(p.timer);
    if (reply.ok) return p.resolve(ok(reply.value));
    const code = reply.error?.code;
    if (typeof code === 'number') return p.resolve(err({ kind: 'ckr', code }));
    const reason = code === 'load_failed' || code === 'not_allowed' ? code : 'native_error';
    p.resolve(err({ kind: 'host', reason }));
  }

  private fail(): void {
    this.dead = true;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve(err({ kind: 'host', reason: 'gone' }));
      this.pending.delete(id);
    }
  }

  /** Ends the worker without waiting for the module (a wedged call). */
  abandon(): void {
    this.fail();
    void this.worker.terminate().catch(() => undefined);
  }

  /** Finalizes the module when it still answers (C_Finalize logs out, PKCS#11 v2.40 §5.4), then ends the worker. */
  async close(): Promise<void> {
    if (this.dead) return;
    await this.call('C_Finalize');
    this.abandon();
  }
}

export const openWorkerModule: OpenModule = (modulePath, callTimeoutMs) =>
  new Pkcs11Host(modulePath, callTimeoutMs);

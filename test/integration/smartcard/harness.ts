/** Shared set-up for the smart-card integration tests: one private pcscd, a temp dev PKI, waits. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ReaderStatus, SmartcardService } from '../../../appliance/drivers/smartcard/types.ts';
import type { PcscdProcess } from '../../../appliance/dev/pcscd-process.ts';
import { startPcscd } from '../../../appliance/dev/pcscd-process.ts';
import { ensureDevPki } from '../../../appliance/dev/pki/dev-pki.ts';
import type { DevPki } from '../../../appliance/dev/pki/dev-pki.ts';

export interface Harness {
  readonly pki: DevPki;
  readonly pcscd: PcscdProcess;
  dispose(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dir = await mkdtemp(path.join(tmpdir(), 'smartcard-it-'));
  const pki = await ensureDevPki(path.join(dir, 'pki'));
  const started = await startPcscd({ friendlyName: 'Test Virtual Reader' });
  if (!started.ok) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`cannot run the smart-card integration tests: ${started.error.message}`);
  }
  const pcscd = started.value;
  return {
    pki,
    pcscd,
    async dispose() {
      await pcscd.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the first status (current or pushed) matching `predicate`; rejects after `ms`. */
export function waitForStatus<S extends ReaderStatus['status']>(
  service: SmartcardService,
  status: S,
  predicate: (s: Extract<ReaderStatus, { status: S }>) => boolean = () => true,
  ms = 8000,
): Promise<Extract<ReaderStatus, { status: S }>> {
  const matches = (s: ReaderStatus): s is Extract<ReaderStatus, { status: S }> =>
    s.status === status && predicate(s as Extract<ReaderStatus, { status: S }>);
  return new Promise((resolve, reject) => {
    const now = service.current();
    if (matches(now)) return resolve(now);
    const timer = setTimeout(() => {
      off();
      reject(
        new Error(`timed out waiting for status ${status}; current ${JSON.stringify(service.current())}`),
      );
    }, ms);
    const off = service.onStatus((s) => {
      if (!matches(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

/** Records every pushed status (to assert that a state was passed through). */
export function recordStatuses(service: SmartcardService): { readonly seen: ReaderStatus[]; stop(): void } {
  const seen: ReaderStatus[] = [];
  const stop = service.onStatus((s) => seen.push(s));
  return { seen, stop };
}

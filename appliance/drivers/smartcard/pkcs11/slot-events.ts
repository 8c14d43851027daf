/**
 * Slot events without polling, where the module has them: a second worker blocked in
 * C_WaitForSlotEvent(0) on the library the driver's own worker initialised (one library per
 * process, so its C_Initialize answers CRYPTOKI_ALREADY_INITIALIZED). The driver's worker stays
 * free for logins meanwhile. PKCS #11 v2.40 §5.5: C_Finalize called while another thread waits
 * makes that wait return CKR_CRYPTOKI_NOT_INITIALIZED, so finalizing the driver's module releases
 * this worker too. Measured on OpenSC 0.23 over pcscd, each poll call costs ≈ 2.2 ms of CPU (it
 * asks pcscd for every reader's state): a 300 ms poll of four calls was ≈ 4 % of a core, idle.
 */
import { CKR } from './constants.ts';
import type { OpenModule, Pkcs11Module } from './module-host.ts';

/** No call timeout: the wait lasts until a card comes or goes. */
export const WAIT_FOREVER_MS = 2 ** 31 - 1;

export type WaitEnd = 'unsupported' | 'failed';

export class SlotEventWaiter {
  private readonly module: Pkcs11Module;
  private stopped = false;

  constructor(
    open: OpenModule,
    modulePath: string,
    private readonly onEvent: (slot: Uint8Array | undefined) => void,
    private readonly onEnd: (why: WaitEnd) => void,
  ) {
    this.module = open(modulePath, WAIT_FOREVER_MS);
    void this.run();
  }

  private async run(): Promise<void> {
    const init = await this.module.call('C_Initialize');
    const shared =
      !init.ok && init.error.kind === 'ckr' && init.error.code === CKR.CRYPTOKI_ALREADY_INITIALIZED;
    // Initialised by this worker: the driver's module was finalized meanwhile; not ours to keep.
    if (init.ok) await this.module.call('C_Finalize');
    if (!shared) return this.end('failed');
    for (;;) {
      const event = await this.module.call('C_WaitForSlotEvent', 0);
      if (this.stopped) return;
      if (!event.ok) {
        const unsupported = event.error.kind === 'ckr' && event.error.code === CKR.FUNCTION_NOT_SUPPORTED;
        return this.end(unsupported ? 'unsupported' : 'failed');
      }
      this.onEvent(event.value instanceof Uint8Array ? event.value : undefined);
    }
  }

  private end(why: WaitEnd): void {
    if (this.stopped) return;
    this.stop();
    this.onEnd(why);
  }

  /** Ends the worker without C_Finalize (the library is the driver's); a blocked wait ends with it. */
  stop(): void {
    this.stopped = true;
    this.module.abandon();
  }
}

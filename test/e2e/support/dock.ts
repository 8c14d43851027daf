/** Drives the dev dock's JSON API (simulated mode, loopback, no secret). */
import type { DockLastReceiptResponse, DockStateResponse } from '../../../appliance/contract/dock.ts';
import type { DockMidJobFault, DockPrinterState } from '../../../appliance/contract/dock-printer.ts';

export class Dock {
  constructor(private readonly url: string) {}

  private async post(path: string, body: unknown = {}): Promise<void> {
    const send = () =>
      fetch(new URL(path, this.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // A kept-alive connection closed by the server at the same instant fails once ("other side
    // closed"); a fresh connection is the fix. A server that is down fails again.
    const response = await send().catch(send);
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  }

  insertCard(profile: string): Promise<void> {
    return this.post('dev/card/insert', { profile });
  }
  removeCard(): Promise<void> {
    return this.post('dev/card/remove');
  }
  /** A demo key; `writeDelayMs`: a slow stick, each write to it takes that long. */
  insertDemoKey(demo: string, faults: { writeDelayMs?: number } = {}): Promise<void> {
    return this.post('dev/usb-key/insert', { demo, ...faults });
  }
  /** A key image file, writable: what the kiosk writes (access log, a new record) lands in the file. */
  insertKeyImage(image: string): Promise<void> {
    return this.post('dev/usb-key/insert', { image });
  }
  /** An export stick of the doctor's software holding the IPS fixture `name` (memory only). */
  insertExportStick(name: string): Promise<void> {
    return this.post('dev/usb-key/insert', { export: name });
  }
  removeKey(): Promise<void> {
    return this.post('dev/usb-key/remove');
  }
  printer(state: DockPrinterState): Promise<void> {
    return this.post('dev/printer/state', { state });
  }
  /** The printer reports `state` once `afterBytes` more bytes of the next job are on paper. */
  printerMidJob(state: DockMidJobFault, afterBytes: number): Promise<void> {
    return this.post('dev/printer/state', { state, afterBytes });
  }
  async state(): Promise<DockStateResponse> {
    const response = await fetch(new URL('dev/state', this.url));
    return (await response.json()) as DockStateResponse;
  }
  async lastReceipt(): Promise<DockLastReceiptResponse> {
    const response = await fetch(new URL('dev/printer/last', this.url));
    return (await response.json()) as DockLastReceiptResponse;
  }
  /** How many jobs the simulated printer confirmed in full (0 before the first). */
  async printedJobs(): Promise<number> {
    return (await this.state()).devices.printedJobs;
  }
}

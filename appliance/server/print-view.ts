/**
 * The printer and a print job as the screen shows them: the driver's `PrinterStatus` and
 * `PrintJobProgress` (appliance/drivers/printer/types.ts) mapped to the contract's views.
 */
import { assertNever } from '../common/result.ts';
import type { PrinterStatus, PrintJobProgress } from '../drivers/printer/types.ts';
import type { DeviceStatusView, PrintView } from '../contract/session-view.ts';

export function printerView(status: PrinterStatus): DeviceStatusView['printer'] {
  switch (status.status) {
    case 'ready':
      return status.paperNearEnd ? 'paper_near_end' : 'ready';
    case 'paper_out':
    case 'cover_open':
    case 'offline':
    case 'error':
    case 'no_answer':
    case 'not_configured':
      return status.status;
    default:
      return assertNever(status, 'printer status');
  }
}

/** A job's progress on screen; `aborted` (the session dropped the job) shows nothing. */
export function printViewOf(progress: PrintJobProgress): PrintView {
  switch (progress.status) {
    case 'sending':
      return { status: 'printing', sentBytes: progress.sentBytes, totalBytes: progress.totalBytes };
    case 'waiting_for_printer':
      return { status: 'waiting', printer: printerView(progress.printer) };
    case 'done':
      return { status: 'done' };
    case 'failed':
      return { status: 'failed', printer: printerView(progress.printer) };
    case 'aborted':
      return { status: 'idle' };
    default:
      return assertNever(progress, 'print job progress');
  }
}

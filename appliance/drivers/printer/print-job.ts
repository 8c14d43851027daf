/**
 * One print job, in memory only, from bytes to `done` or `failed` (`PrintJobProgress`).
 *
 * - Printer not ready before the job (paper out, cover open, reported offline): `waiting_for_printer` with the
 *   cause; the job starts when the printer reports ready.
 * - Interrupted mid-job (paper out, cover open, offline): `waiting_for_printer`, then the WHOLE receipt is
 *   printed again behind a "REPRINT" band. We cannot know which bytes reached paper (socket, USB
 *   and printer buffers hold kilobytes), and the part printed before paper ran out may end up on the
 *   tail of the old roll: a complete sheet is the only safe thing to staple. The content is the same
 *   bytes, marked, so a partial copy can never be mistaken for a different one (HZ-07).
 * - Printer gone (unreachable), in error, or silent: `failed` with the cause; the user can retry.
 *   While held waiting, a printer that stays unreachable or silent for `goneAfterMs` fails too.
 * - `done` only when the printer accepted every byte, confirmed the end of the job and reports no
 *   error afterwards. The job bytes are released as soon as the job ends, whatever the outcome.
 * Status is polled (slowly) only while the job is held waiting; pushes (ASB) are used as they come.
 */
import { assertNever } from '../../common/result.ts';
import { concat } from './escpos/commands.ts';
import type { Printer, PrinterStatus, PrintJobProgress } from './types.ts';

export interface PrintJobOptions {
  /** Status check interval while the job is held waiting. */
  readonly waitPollMs?: number;
  /** Give up waiting when the printer stays unreachable or silent this long. */
  readonly goneAfterMs?: number;
}

type Disposition = 'go' | 'wait' | 'gone' | 'fail';

function disposition(status: PrinterStatus): Disposition {
  switch (status.status) {
    case 'ready':
      return 'go';
    case 'paper_out':
    case 'cover_open':
      return 'wait';
    case 'offline':
      return status.unreachable ? 'gone' : 'wait';
    case 'no_answer':
      return 'gone';
    case 'error':
    case 'not_configured':
      return 'fail';
    default:
      return assertNever(status, 'printer status');
  }
}

const ASCII = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** Printed before a reprinted receipt (ASCII only: it must print whatever the code page). */
export const REPRINT_MARKER = Uint8Array.from([
  0x1b, 0x40, 0x1d, 0x42, 0x01, 0x1b, 0x45, 0x01,
  ...ASCII('*** REPRINT / REIMPRESSION ***'), 0x0a,
  0x1d, 0x42, 0x00, 0x1b, 0x45, 0x00,
  ...ASCII('Replaces any partial copy.'), 0x0a,
  ...ASCII('Remplace toute copie partielle.'), 0x0a, 0x0a,
]); // prettier-ignore

export function withReprintMarker(bytes: Uint8Array): Uint8Array {
  return concat(REPRINT_MARKER, bytes);
}

export async function runPrintJob(
  printer: Printer,
  bytes: Uint8Array,
  onState: (state: PrintJobProgress) => void,
  signal: AbortSignal,
  options: PrintJobOptions = {},
): Promise<PrintJobProgress> {
  let last: PrintJobProgress | undefined;
  const emit = (progress: PrintJobProgress): PrintJobProgress => {
    if (JSON.stringify(progress) !== JSON.stringify(last)) onState(progress);
    last = progress;
    return progress;
  };
  let reprint = false;
  // After an interruption the cause is already known (and a status request may be stuck behind
  // job data in a printer that stopped reading): go straight to waiting.
  let known: PrinterStatus | undefined;
  for (;;) {
    if (signal.aborted) return emit({ status: 'aborted' });
    let status = known ?? (printer.refresh ? await printer.refresh() : printer.current());
    const d = disposition(status);
    if (d === 'gone' || d === 'fail') return emit({ status: 'failed', printer: status });
    if (d === 'wait') {
      emit({ status: 'waiting_for_printer', printer: status });
      const waited = await waitUntilReady(printer, status, signal, options, (s) =>
        emit({ status: 'waiting_for_printer', printer: s }),
      );
      if (waited === 'aborted') return emit({ status: 'aborted' });
      status = waited;
      if (!isGo(status)) return emit({ status: 'failed', printer: status });
    }
    if (signal.aborted) return emit({ status: 'aborted' });
    const payload: Uint8Array = reprint ? withReprintMarker(bytes) : bytes;
    emit({ status: 'sending', sentBytes: 0, totalBytes: payload.length });
    const outcome = await printer.print(payload, (sentBytes, totalBytes) => {
      if (sentBytes > 0) reprint = true;
      emit({ status: 'sending', sentBytes, totalBytes });
    });
    if (outcome.status === 'printed') return emit({ status: 'done' });
    if (disposition(outcome.printer) !== 'wait') {
      return emit({ status: 'failed', printer: outcome.printer });
    }
    known = outcome.printer;
  }
}

const isGo = (s: PrinterStatus): boolean => disposition(s) === 'go';

function waitUntilReady(
  printer: Printer,
  initial: PrinterStatus,
  signal: AbortSignal,
  options: PrintJobOptions,
  onChange: (status: PrinterStatus) => void,
): Promise<PrinterStatus | 'aborted'> {
  const pollMs = options.waitPollMs ?? 2000;
  const goneAfterMs = options.goneAfterMs ?? 30_000;
  return new Promise((resolve) => {
    let goneSince: number | undefined;
    let polling = false;
    let finished = false;
    const finish = (result: PrinterStatus | 'aborted'): void => {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const consider = (status: PrinterStatus): void => {
      const d = disposition(status);
      if (d === 'go' || d === 'fail') return finish(status);
      if (d === 'gone') {
        // Silent or unreachable while held: keep showing the known cause for a while (a request
        // can be stuck behind job data), fail if it lasts.
        goneSince ??= Date.now();
        if (Date.now() - goneSince >= goneAfterMs) return finish(status);
        return;
      }
      goneSince = undefined;
      onChange(status);
    };
    const onAbort = (): void => finish('aborted');
    const unsubscribe = printer.onStatus(consider);
    signal.addEventListener('abort', onAbort);
    const timer = setInterval(() => {
      if (polling || !printer.refresh) return;
      polling = true;
      printer
        .refresh()
        .then(consider)
        .finally(() => (polling = false));
    }, pollMs);
    consider(initial);
  });
}

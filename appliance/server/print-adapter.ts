/**
 * Printing behind the `PrintPort`: builds the receipt (appliance/receipts/) and
 * runs it as a print job (appliance/drivers/printer/print-job.ts). The bytes are built once per job, so a retry reprints the same
 * content (HZ-07).
 */
import type { Printer } from '../drivers/printer/types.ts';
import type { CodePageId } from '../drivers/printer/layout/code-page.ts';
import type { ActivePrintView, PrintJob, PrintPort } from './ports.ts';
import { printerView, runPrintJob } from '../drivers/printer/print-job.ts';
import type { PrintView } from '../contract/session-view.ts';
import type { CrossCheckResult } from '../crosscheck/checks/types.ts';

export interface PrintAdapterOptions {
  readonly printer: Printer;
  readonly siteName: string;
  readonly width: 80 | 58;
  readonly codePage: CodePageId;
  readonly now?: () => Date;
}

async function summaryBytes(job: PrintJob, options: PrintAdapterOptions): Promise<Uint8Array> {
  const { buildSummaryReceipt } = await import('../receipts/summary-receipt.ts');
  return buildSummaryReceipt({
    summary: job.summary,
    verification: job.verification,
    site: { name: options.siteName },
    printedAt: (options.now ?? (() => new Date()))(),
    printedBy: job.printedBy,
    language: job.language,
    width: options.width,
    codePage: options.codePage,
  });
}

async function crossCheckBytes(
  job: PrintJob,
  result: CrossCheckResult,
  options: PrintAdapterOptions,
): Promise<Uint8Array> {
  const { buildCrossCheckReceipt } = await import('../receipts/crosscheck-receipt.ts');
  return buildCrossCheckReceipt({
    result,
    site: { name: options.siteName },
    printedAt: (options.now ?? (() => new Date()))(),
    printedBy: job.printedBy,
    language: job.language,
    width: options.width,
    codePage: options.codePage,
  });
}

export function createPrintPort(options: PrintAdapterOptions): PrintPort {
  const { printer } = options;
  return {
    async run(
      job: PrintJob,
      onState: (view: ActivePrintView) => void,
      signal: AbortSignal,
    ): Promise<ActivePrintView> {
      // Loaded on first print: the raster path (sharp) is heavy and not needed to show a summary.
      const bytes = job.crosscheck
        ? await crossCheckBytes(job, job.crosscheck, options)
        : await summaryBytes(job, options);
      const active = (view: PrintView): ActivePrintView =>
        view.status === 'idle' ? { status: 'failed', printer: printerView(printer.current()) } : view;
      // runPrintJob waits for paper/cover, reprints a whole marked copy after an interruption (HZ-07).
      const final = await runPrintJob(
        printer,
        bytes,
        (view) => view.status !== 'idle' && onState(view),
        signal,
      );
      return active(final);
    },
  };
}

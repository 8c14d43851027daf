/**
 * Printing behind the `PrintPort`: builds the receipt (appliance/receipts/) and runs it as a print
 * job (appliance/drivers/printer/print-job.ts), mapping the job's progress to `PrintView`. The
 * bytes are built once per job, so a retry reprints the same content (HZ-07). A receipt that
 * cannot be built ends the job `failed` (cause `kiosk_error`), never stuck on "printing".
 */
import type { EventLogger } from '../common/event-logger.ts';
import type { Printer } from '../drivers/printer/types.ts';
import type { CodePageId } from '../drivers/printer/layout/code-page.ts';
import type { ActivePrintView, PrintJob, PrintPort } from './ports.ts';
import { runPrintJob } from '../drivers/printer/print-job.ts';
import type { CrossCheckResult } from '../crosscheck/checks/types.ts';
import { printerView, printViewOf } from './print-view.ts';
import type { AuthoringPrint } from './session/authoring-state.ts';
import { parsePatientCode } from '../record/code/patient-code.ts';

export interface PrintAdapterOptions {
  readonly printer: Printer;
  readonly siteName: string;
  readonly width: 80 | 58;
  readonly codePage: CodePageId;
  readonly now?: () => Date;
  readonly log?: EventLogger;
}

async function summaryBytes(job: PrintJob, options: PrintAdapterOptions): Promise<Uint8Array> {
  const { buildSummaryReceipt } = await import('../receipts/summary-receipt.ts');
  return buildSummaryReceipt({
    summary: job.summary,
    verification: job.verification,
    site: { name: options.siteName },
    printedAt: (options.now ?? (() => new Date()))(),
    ...(job.printedBy ? { printedBy: job.printedBy } : {}),
    language: job.language,
    width: options.width,
    codePage: options.codePage,
  });
}

/** The patient's own print (issue 19): their summary, then who opened their key. */
async function patientBytes(job: PrintJob, options: PrintAdapterOptions): Promise<Uint8Array> {
  const summary = await summaryBytes(job, options);
  const log = job.accessLog;
  if (log?.status !== 'ready') return summary;
  const { renderAccessLogReceipt } = await import('../receipts/access-log-receipt.ts');
  const { bytes } = await renderAccessLogReceipt({
    entries: log.entries,
    unreadable: log.unreadable,
    site: { name: options.siteName },
    printedAt: (options.now ?? (() => new Date()))(),
    language: job.language,
    width: options.width,
    codePage: options.codePage,
  });
  const both = new Uint8Array(summary.byteLength + bytes.byteLength);
  both.set(summary, 0);
  both.set(bytes, summary.byteLength);
  return both;
}

/** An author's prints (issue 16): the patient's change receipt, or a new key's code card. */
async function authoringBytes(
  job: PrintJob,
  print: AuthoringPrint,
  options: PrintAdapterOptions,
): Promise<Uint8Array> {
  const layout = { language: job.language, width: options.width, codePage: options.codePage };
  if (print.kind === 'code_card') {
    const code = parsePatientCode(print.code);
    if (!code.ok) throw new Error('code card without a valid code');
    const { renderCodeCard } = await import('../receipts/code-card.ts');
    return (await renderCodeCard({ code: code.value, createdAt: new Date(print.createdAt), ...layout }))
      .bytes;
  }
  const { buildUpdateReceipt } = await import('../receipts/update-receipt.ts');
  return buildUpdateReceipt({
    changes: print.changes,
    author: print.author,
    version: print.version,
    newRecord: print.newRecord,
    writtenAt: new Date(print.writtenAt),
    site: { name: options.siteName },
    ...layout,
  });
}

async function crossCheckBytes(
  job: PrintJob,
  result: CrossCheckResult,
  options: PrintAdapterOptions,
): Promise<Uint8Array> {
  const { buildCrossCheckReceipt } = await import('../receipts/crosscheck-receipt.ts');
  // Only a pharmacist's session has a cross-check; a job without a professional is a bug.
  if (!job.printedBy) throw new Error('cross-check receipt without a professional');
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
  const notBuilt = (): ActivePrintView => ({
    status: 'failed',
    printer: printerView(printer.current()),
    cause: 'kiosk_error',
  });
  return {
    async run(
      job: PrintJob,
      onState: (view: ActivePrintView) => void,
      signal: AbortSignal,
    ): Promise<ActivePrintView> {
      let bytes: Uint8Array;
      try {
        // Loaded on first print: the raster path (sharp) is heavy and not needed to show a summary.
        bytes = job.authoring
          ? await authoringBytes(job, job.authoring, options)
          : job.crosscheck
            ? await crossCheckBytes(job, job.crosscheck, options)
            : job.accessLog
              ? await patientBytes(job, options)
              : await summaryBytes(job, options);
      } catch (error) {
        // The error's class only, never its message: it may quote record text.
        const name = error instanceof Error ? error.name : 'unknown';
        options.log?.error('effect.failed', { effect: 'print', error: name });
        return notBuilt();
      }
      // runPrintJob waits for paper/cover, reprints a whole marked copy after an interruption (HZ-07).
      const final = printViewOf(
        await runPrintJob(
          printer,
          bytes,
          (progress) => {
            const view = printViewOf(progress);
            if (view.status !== 'idle') onState(view);
          },
          signal,
        ),
      );
      // Aborted: the session already dropped the job; report the printer as it is.
      return final.status === 'idle' ? { status: 'failed', printer: printerView(printer.current()) } : final;
    },
  };
}

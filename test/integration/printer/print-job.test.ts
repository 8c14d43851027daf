import { afterEach, describe, expect, it } from 'vitest';
import { EscPosPrinter } from '../../../appliance/drivers/printer/escpos-printer.ts';
import { runPrintJob } from '../../../appliance/drivers/printer/print-job.ts';
import { buildSummaryReceipt } from '../../../appliance/receipts/summary-receipt.ts';
import { frenchSummary } from '../../../appliance/receipts/summaries.testing.ts';
import { TcpTransport } from '../../../appliance/drivers/printer/transport/tcp.ts';
import { decodeReceiptText } from '../../../appliance/dev/virtual-printer/decoder.ts';
import type { VirtualState } from '../../../appliance/dev/virtual-printer/printer-core.ts';
import {
  startVirtualPrinter,
  type VirtualPrinter,
} from '../../../appliance/dev/virtual-printer/tcp-server.ts';
import type { PrintJobProgress } from '../../../appliance/drivers/printer/types.ts';

const FAST = { statusTimeoutMs: 200, completionTimeoutMs: 3000, jobStatusIntervalMs: 300 };
const JOB_OPTIONS = { waitPollMs: 100, goneAfterMs: 1500 };

let printer: VirtualPrinter | undefined;
let driver: EscPosPrinter | undefined;
afterEach(async () => {
  await driver?.close();
  await printer?.close();
  printer = undefined;
  driver = undefined;
});

async function receipt(): Promise<Uint8Array> {
  return buildSummaryReceipt({
    summary: frenchSummary(),
    verification: { status: 'valid', signer: 'Dr Anaïs LEFÈVRE', signedAt: '2026-10-02' },
    site: { name: 'CHU — Urgences' },
    printedAt: new Date('2026-11-28T13:45:00Z'),
    printedBy: { name: 'Marie DURAND', profession: 'nurse' },
    language: 'fr',
    width: 58,
    codePage: 'pc858', // the Œ of a reaction goes to raster: a 6 KB job, larger than the printer's buffer
  });
}

async function setup(options: Parameters<typeof startVirtualPrinter>[0] = {}) {
  printer = await startVirtualPrinter(options);
  driver = new EscPosPrinter(new TcpTransport({ host: printer.host, port: printer.port }), FAST);
  return { printer, driver };
}

/** Runs a job; `onView` may act on the printer when a given state is first seen. */
async function run(
  bytes: Uint8Array,
  onView: (view: PrintJobProgress) => void = () => {},
  signal = new AbortController().signal,
): Promise<{ final: PrintJobProgress; views: PrintJobProgress[] }> {
  const views: PrintJobProgress[] = [];
  const final = await runPrintJob(
    driver as EscPosPrinter,
    bytes,
    (v) => {
      views.push(v);
      onView(v);
    },
    signal,
    JOB_OPTIONS,
  );
  return { final, views };
}

/** `status` or `status:printer status` (`failed:no_answer`). */
const brief = (v: PrintJobProgress): string =>
  'printer' in v ? `${v.status}:${v.printer.status}` : v.status;

const statuses = (views: PrintJobProgress[]): string[] =>
  views.map(brief).filter((s, i, all) => s !== all[i - 1]);

const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

describe('print jobs against the virtual printer over TCP', () => {
  it('HZ-07 a ready printer prints every byte and the job is done', async () => {
    const { printer: p } = await setup();
    const bytes = await receipt();
    const { final, views } = await run(bytes);
    expect(final).toEqual({ status: 'done' });
    expect(statuses(views)).toEqual(['sending', 'done']);
    expect(Buffer.from(p.core.printed)).toEqual(Buffer.from(bytes));
  });

  it.each<[VirtualState, string]>([
    ['paper_out', 'paper_out'],
    ['cover_open', 'cover_open'],
    ['offline', 'offline'],
  ])(
    'HZ-07 printer %s before the job: waiting, then printed once, no reprint marker',
    async (state, view) => {
      const { printer: p } = await setup({ state });
      const bytes = await receipt();
      const { final, views } = await run(bytes, (v) => {
        if (v.status === 'waiting_for_printer') setTimeout(() => p.setState('ready'), 150);
      });
      expect(final).toEqual({ status: 'done' });
      expect(statuses(views)).toEqual([`waiting_for_printer:${view}`, 'sending', 'done']);
      expect(Buffer.from(p.core.printed)).toEqual(Buffer.from(bytes));
    },
  );

  it.each<VirtualState>(['paper_out', 'cover_open'])(
    'HZ-07 %s mid-job: waiting, then the whole receipt reprinted behind a REPRINT band',
    async (state) => {
      const { printer: p } = await setup();
      const bytes = await receipt();
      p.core.switchAfter(1500, state);
      const { final, views } = await run(bytes, (v) => {
        if (v.status === 'waiting_for_printer') setTimeout(() => p.setState('ready'), 200);
      });
      expect(final).toEqual({ status: 'done' });
      expect(statuses(views)).toEqual(['sending', `waiting_for_printer:${state}`, 'sending', 'done']);
      const { transcript } = decodeReceiptText(p.core.printed);
      expect(count(transcript, 'REPRINT / REIMPRESSION')).toBe(1);
      const afterMarker = transcript.slice(transcript.indexOf('REPRINT / REIMPRESSION'));
      expect(afterMarker).toContain('Pénicillines (bêta-lactamines)');
      expect(afterMarker).toContain('Auteur(s) : Dr Anaïs LEFÈVRE');
      // The printed stream ends with the complete job.
      expect(Buffer.from(p.core.printed.subarray(p.core.printed.length - bytes.length))).toEqual(
        Buffer.from(bytes),
      );
    },
  );

  it('HZ-07 a printer that never answers: failed (no_answer), nothing reported printed', async () => {
    await setup({ silent: true });
    const { final, views } = await run(await receipt());
    expect(brief(final)).toBe('failed:no_answer');
    expect(views.some((v) => v.status === 'done')).toBe(false);
  });

  it('HZ-07 a silent printer that answers again: the retry prints (its unanswered requests are not in the way)', async () => {
    const { printer: p } = await setup({ silent: true });
    const first = await run(await receipt());
    expect(brief(first.final)).toBe('failed:no_answer');
    expect(p.core.printed.length).toBe(0);
    p.core.silent = false;
    const retry = await run(await receipt());
    expect(retry.final).toEqual({ status: 'done' });
    expect(decodeReceiptText(p.core.printed).plain).toContain('ALLERGIES');
  });

  it('HZ-07 a printer that goes silent after the data: never done (no end-of-job answer)', async () => {
    const { printer: p } = await setup();
    const { final, views } = await run(await receipt(), (v) => {
      if (v.status === 'sending' && v.sentBytes > 0) p.core.silent = true;
    });
    expect(brief(final)).toBe('failed:no_answer');
    expect(views.some((v) => v.status === 'done')).toBe(false);
  });

  it('HZ-07 printer gone (connection refused): failed offline, the user can retry', async () => {
    const { printer: p } = await setup();
    await p.close();
    const { final } = await run(await receipt());
    expect(brief(final)).toBe('failed:offline');
  });

  it('HZ-07 printer unplugged mid-job: failed offline, not done', async () => {
    const { printer: p } = await setup({ bytesPerTick: 200 });
    const { final, views } = await run(await receipt(), (v) => {
      if (v.status === 'sending' && v.sentBytes > 2000) p.dropClients();
    });
    expect(brief(final)).toBe('failed:offline');
    expect(views.some((v) => v.status === 'done')).toBe(false);
  });

  it('a slow printer still ends done, with progress pushed', async () => {
    const { printer: p } = await setup({ bytesPerTick: 400 });
    const bytes = await receipt();
    const { final, views } = await run(bytes);
    expect(final).toEqual({ status: 'done' });
    expect(views.filter((v) => v.status === 'sending').length).toBeGreaterThan(2);
    expect(Buffer.from(p.core.printed)).toEqual(Buffer.from(bytes));
  });

  it('a printer in error fails at once with the cause', async () => {
    await setup({ state: 'error' });
    const { final } = await run(await receipt());
    expect(brief(final)).toBe('failed:error');
  });

  it('cancelling a held job ends it aborted and prints nothing', async () => {
    const { printer: p } = await setup({ state: 'paper_out' });
    const controller = new AbortController();
    const { final } = await run(
      await receipt(),
      (v) => {
        if (v.status === 'waiting_for_printer') setTimeout(() => controller.abort(), 100);
      },
      controller.signal,
    );
    expect(final).toEqual({ status: 'aborted' });
    expect(p.core.printed.length).toBe(0);
  });

  it('status pushes: paper near end is reported ready with the warning', async () => {
    const { printer: p, driver: d } = await setup({ state: 'paper_near_end' });
    expect(await d.refresh()).toEqual({ status: 'ready', paperNearEnd: true });
    const seen: string[] = [];
    d.onStatus((s) => seen.push(s.status));
    p.setState('cover_open');
    await expect.poll(() => seen).toContain('cover_open');
  });
});

import { describe, expect, it } from 'vitest';
import type { EventLogger } from '../common/event-logger.ts';
import { MemoryPrinter } from '../dev/memory-printer.ts';
import { decodeReceiptText } from '../dev/virtual-printer/decoder.ts';
import { frenchSummary } from '../receipts/summaries.testing.ts';
import type { Summary } from '../record/summary/types.ts';
import { createPrintPort } from './print-adapter.ts';
import type { ActivePrintView, PrintJob } from './ports.ts';

const job = (summary: Summary = frenchSummary()): PrintJob => ({
  type: 'print',
  jobId: 1,
  summary,
  verification: { status: 'valid', signer: 'Dr Test', signedAt: '2026-10-02' },
  printedBy: { name: 'Marie DURAND', profession: 'nurse' },
  language: 'fr',
});

function setup(printer = new MemoryPrinter()) {
  const errors: [string, unknown][] = [];
  const log = {
    info: () => undefined,
    warn: () => undefined,
    error: (event: string, fields?: unknown) => errors.push([event, fields]),
  } as unknown as EventLogger;
  const port = createPrintPort({ printer, siteName: 'Site', width: 80, codePage: 'wpc1252', log });
  return { printer, port, errors };
}

async function run(port: ReturnType<typeof setup>['port'], printJob: PrintJob, signal?: AbortSignal) {
  const views: ActivePrintView[] = [];
  const final = await port.run(printJob, (v) => views.push(v), signal ?? new AbortController().signal);
  return { final, views };
}

describe('print adapter: driver progress on screen', () => {
  it('HZ-07 a printed summary goes printing → done, with the bytes sent', async () => {
    const { port, printer } = setup();
    const { final, views } = await run(port, job());
    expect(final).toEqual({ status: 'done' });
    expect(views[0]).toMatchObject({ status: 'printing', sentBytes: 0 });
    expect(views.at(-1)).toEqual({ status: 'done' });
    expect(printer.jobCount()).toBe(1);
  });

  it('HZ-20 the patient’s own print: their summary, then who opened their key, no professional named', async () => {
    const { port, printer } = setup();
    const { printedBy: _none, ...withoutProfessional } = job();
    const patientJob: PrintJob = {
      ...withoutProfessional,
      accessLog: {
        status: 'ready',
        unreadable: 0,
        entries: [
          {
            when: '2026-11-29T02:10:00Z',
            site: 'Urgences Test',
            name: 'Inf. Test',
            profession: 'nurse',
            tier: 'emergency',
            breakGlassReason: 'Patient inconscient',
          },
          {
            when: '2026-11-28T09:05:00Z',
            site: 'Pharmacie Test',
            name: 'Ph. Test',
            profession: 'pharmacist',
            tier: 'full',
          },
        ],
      },
    };
    const { final } = await run(port, patientJob);
    expect(final).toEqual({ status: 'done' });
    const plain = decodeReceiptText(printer.last() ?? new Uint8Array()).plain.replace(/\s+/g, ' ');
    expect(plain).toContain("Résumé d'urgence");
    expect(plain.indexOf('Qui a ouvert votre clé')).toBeGreaterThan(plain.indexOf("Résumé d'urgence"));
    expect(plain).toContain('Inf. Test');
    expect(plain).toContain('Ph. Test');
    expect(plain).toContain('Motif donné : Patient inconscient');
    expect(plain).not.toContain('Marie DURAND');
  });

  it('HZ-07 paper out before the job shows waiting with the cause, then prints', async () => {
    const printer = new MemoryPrinter();
    printer.setState('paper_out');
    const { port } = setup(printer);
    const running = run(port, job());
    await expect.poll(() => printer.jobCount()).toBe(0);
    setTimeout(() => printer.setState('ready'), 50);
    const { final, views } = await running;
    expect(views[0]).toEqual({ status: 'waiting', printer: 'paper_out' });
    expect(final).toEqual({ status: 'done' });
  });

  it('HZ-07 a receipt that throws while being built ends failed (kiosk_error), logged by class only', async () => {
    const { port, printer, errors } = setup();
    const broken = { ...frenchSummary(), allergies: undefined } as unknown as Summary;
    const { final } = await run(port, job(broken));
    expect(final).toEqual({ status: 'failed', printer: 'ready', cause: 'kiosk_error' });
    expect(printer.jobCount()).toBe(0);
    expect(errors).toEqual([['effect.failed', { effect: 'print', error: 'TypeError' }]]);
  });

  it('an aborted job ends failed with the printer as it is (the session already dropped it)', async () => {
    const printer = new MemoryPrinter();
    printer.setState('cover_open');
    const { port } = setup(printer);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { final } = await run(port, job(), controller.signal);
    expect(final).toEqual({ status: 'failed', printer: 'cover_open' });
    expect(printer.jobCount()).toBe(0);
  });
});

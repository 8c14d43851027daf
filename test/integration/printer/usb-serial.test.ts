import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { EscPosPrinter } from '../../../appliance/drivers/printer/escpos-printer.ts';
import { runPrintJob } from '../../../appliance/drivers/printer/print-job.ts';
import { buildSummaryReceipt } from '../../../appliance/receipts/summary-receipt.ts';
import { FakeUsbApi } from '../../../appliance/drivers/printer/fake-usb.testing.ts';
import { frenchSummary } from '../../../appliance/receipts/summaries.testing.ts';
import { SerialTransport, type SerialPortLike } from '../../../appliance/drivers/printer/transport/serial.ts';
import { UsbTransport } from '../../../appliance/drivers/printer/transport/usb.ts';
import { decodeReceiptText } from '../../../appliance/dev/virtual-printer/decoder.ts';
import { VirtualPrinterCore } from '../../../appliance/dev/virtual-printer/printer-core.ts';
import type { PrintJobProgress } from '../../../appliance/drivers/printer/types.ts';

const FAST = { statusTimeoutMs: 200, completionTimeoutMs: 3000, jobStatusIntervalMs: 300 };
const receipt = (): Promise<Uint8Array> =>
  buildSummaryReceipt({
    summary: frenchSummary(),
    verification: { status: 'unsigned' },
    site: { name: 'Pharmacie' },
    printedAt: new Date('2026-11-28T13:45:00Z'),
    printedBy: { name: 'Paul MARTIN', profession: 'pharmacist' },
    language: 'fr',
    width: 80,
    codePage: 'pc858',
  });

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  SerialPortMock.binding.reset();
});

describe('USB printer-class transport against a fake usb API', () => {
  function setup(options = {}) {
    const api = new FakeUsbApi();
    const device = api.addPrinter(options);
    const transport = new UsbTransport(api, { transferTimeoutMs: 1000 });
    const printer = new EscPosPrinter(transport, FAST);
    closers.push(() => printer.close());
    return { api, device, transport, printer };
  }

  it('claims the printer interface, prints over bulk OUT and reads status back over bulk IN', async () => {
    const { device, printer } = setup();
    const bytes = await receipt();
    expect(await printer.refresh()).toEqual({ status: 'ready', paperNearEnd: false });
    expect(device.claimed).toBe(true);
    expect(await printer.print(bytes)).toEqual({ status: 'printed' });
    expect(Buffer.from(device.core.printed)).toEqual(Buffer.from(bytes));
    expect(decodeReceiptText(device.core.printed).transcript).toContain('DOSSIER NON SIGNÉ');
  });

  it('a stalled bulk OUT endpoint is cleared (CLEAR_FEATURE HALT) and the transfer retried', async () => {
    const { device, printer } = setup();
    await printer.refresh();
    device.out.stallsLeft = 1;
    const bytes = await receipt();
    expect(await printer.print(bytes)).toEqual({ status: 'printed' });
    expect(device.out.clearHaltCalls).toBe(1);
    expect(Buffer.from(device.core.printed)).toEqual(Buffer.from(bytes));
  });

  it('an endpoint that keeps stalling fails the job as a printer error, never printed', async () => {
    const { device, printer } = setup();
    await printer.refresh();
    device.out.stallsLeft = 100;
    const outcome = await printer.print(await receipt());
    expect(outcome.status).toBe('failed');
  });

  it('HZ-07 unplugged mid-job: the job fails offline and the interface is released', async () => {
    const { device, printer } = setup({ bytesPerTick: 100 });
    const views: PrintJobProgress[] = [];
    const final = await runPrintJob(
      printer,
      await receipt(),
      (v) => {
        views.push(v);
        if (v.status === 'sending' && v.sentBytes > 1500 && !device.unplugged) device.unplug();
      },
      new AbortController().signal,
      { waitPollMs: 100, goneAfterMs: 500 },
    );
    expect(final).toEqual({ status: 'failed', printer: { status: 'offline', unreachable: true } });
    expect(views.some((v) => v.status === 'done')).toBe(false);
    expect(printer.current()).toEqual({ status: 'offline', unreachable: true });
    await expect.poll(() => device.claimed).toBe(false);
  });

  it('no USB printer present: unreachable', async () => {
    const printer = new EscPosPrinter(new UsbTransport(new FakeUsbApi()), FAST);
    expect(await printer.refresh()).toEqual({ status: 'offline', unreachable: true });
  });

  it('paper out reported over bulk IN holds the job, which completes once paper is back', async () => {
    const { device, printer } = setup({ state: 'paper_out' });
    const bytes = await receipt();
    const final = await runPrintJob(
      printer,
      bytes,
      (v) => {
        if (v.status === 'waiting_for_printer') setTimeout(() => device.core.setState('ready'), 100);
      },
      new AbortController().signal,
      { waitPollMs: 50 },
    );
    expect(final).toEqual({ status: 'done' });
    expect(Buffer.from(device.core.printed)).toEqual(Buffer.from(bytes));
  });
});

describe('serial transport with @serialport/binding-mock', () => {
  function setup(silent = false) {
    const path = '/dev/ttyPRINTER';
    // SerialPortMock carries its own copy of @serialport/binding-mock's MockBinding.
    SerialPortMock.binding.createPort(path, { echo: false, record: true });
    const core = new VirtualPrinterCore({ silent });
    const transport = new SerialTransport({
      path,
      createPort: ({ path: p, baudRate }) => {
        const port = new SerialPortMock({ path: p, baudRate, autoOpen: false });
        port.on('open', () => {
          const binding = port.port;
          if (!binding) return;
          const write = binding.write.bind(binding);
          core.reply = (bytes) => setImmediate(() => binding.emitData(Buffer.from(bytes)));
          binding.write = async (buffer: Buffer) => {
            await write(buffer);
            core.receive(new Uint8Array(buffer));
          };
        });
        return port as unknown as SerialPortLike;
      },
    });
    const printer = new EscPosPrinter(transport, FAST);
    closers.push(() => printer.close());
    return { core, printer };
  }

  it('prints and confirms the job over a serial line', async () => {
    const { core, printer } = setup();
    const bytes = await receipt();
    expect(await printer.print(bytes)).toEqual({ status: 'printed' });
    expect(Buffer.from(core.printed)).toEqual(Buffer.from(bytes));
  });

  it('reports cover open from DLE EOT answers', async () => {
    const { core, printer } = setup();
    core.setState('cover_open');
    expect(await printer.refresh()).toEqual({ status: 'cover_open' });
  });

  it('a serial printer that answers nothing is no_answer, and a job is never printed', async () => {
    const { printer } = setup(true);
    expect(await printer.refresh()).toEqual({ status: 'no_answer' });
    expect((await printer.print(await receipt())).status).toBe('failed');
  });
});

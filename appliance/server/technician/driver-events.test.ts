/** One logging path: driver events reach the technician's log ring through the kiosk's logger. */
import { EventEmitter } from 'node:events';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { err } from '../../common/result.ts';
import { EscPosPrinter } from '../../drivers/printer/escpos-printer.ts';
import type { PrinterTransport } from '../../drivers/printer/transport/types.ts';
import type { PcscContext, PcscReader } from '../../drivers/smartcard/pcsc-binding.ts';
import { PcscSmartcardService } from '../../drivers/smartcard/pcsc-driver.ts';
import { UdevUsbKeys, type MonitorProcess } from '../../drivers/usb-key/udev-usb-keys.ts';
import { createLogger } from '../logger.ts';
import { createLogRing, type LogRing } from './log-ring.ts';

class FakeContext extends EventEmitter implements PcscContext {
  close(): void {}
}
class FakeReader extends EventEmitter {
  constructor(readonly name: string) {
    super();
  }
  close(): void {
    this.emit('end');
  }
}
class FakeMonitor extends EventEmitter implements MonitorProcess {
  readonly stdout = new PassThrough();
  kill(): boolean {
    setImmediate(() => this.emit('exit', null));
    return true;
  }
}

const unreachable: PrinterTransport = {
  description: 'tcp://192.0.2.1:9100',
  isOpen: () => false,
  open: async () => err({ kind: 'unreachable', detail: 'connect ETIMEDOUT 192.0.2.1:9100' }),
  write: async () => err({ kind: 'io', detail: 'closed' }),
  onData: () => () => {},
  onClose: () => () => {},
  close: async () => {},
};

/** The kiosk's logger (kiosk.ts: `createLogger({ ring })`), stdout replaced by a sink. */
function kioskLogger(): { ring: LogRing; log: ReturnType<typeof createLogger> } {
  const ring = createLogRing(50);
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  return { ring, log: createLogger({ ring, destination: sink }) };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('driver events in the technician log ring', () => {
  it('the card reader driver: pcscd outage once, reader name (spaces kept) and error code', async () => {
    const { ring, log } = kioskLogger();
    const ctx = new FakeContext();
    let attempts = 0;
    const service = new PcscSmartcardService({
      anchors: [],
      logger: log,
      retry: { initialMs: 2, maxMs: 4 },
      openContext: () => {
        if (++attempts < 4)
          throw new Error('SCardEstablishContext error: Service not available.(0x8010001d)');
        return ctx;
      },
    });
    closers.push(() => service.close());
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(attempts).toBe(4);
    ctx.emit('reader', new FakeReader('Gemalto PC Twin Reader (645D94C3) 00 00') as unknown as PcscReader);
    const entries = ring.entries().map((e) => [e.level, e.event, e.fields]);
    expect(entries).toEqual([
      ['warn', 'smartcard.service_unavailable', { error: '0x8010001d' }],
      ['info', 'smartcard.service_connected', {}],
      ['info', 'smartcard.reader_added', { reader: 'Gemalto PC Twin Reader (645D94C3) 00 00', used: true }],
    ]);
  });

  it('the USB key driver: monitor start and a udevadm that cannot be run, by errno code', async () => {
    const { ring, log } = kioskLogger();
    const monitor = new FakeMonitor();
    const keys = await UdevUsbKeys.start({
      spawnMonitor: () => monitor,
      enumerate: async () => [],
      logger: log,
    });
    closers.push(() => keys.close());
    monitor.emit('error', Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' }));
    expect(ring.entries().map((e) => [e.level, e.event, e.fields])).toEqual([
      ['info', 'usb_key.monitor_started', { devices: 0 }],
      ['warn', 'usb_key.monitor_error', { error: 'ENOENT' }],
    ]);
  });

  it('the printer driver: an unreachable printer, by transport error kind (not its message)', async () => {
    const { ring, log } = kioskLogger();
    const printer = new EscPosPrinter(unreachable, { logger: log });
    await printer.refresh();
    expect(ring.entries().map((e) => [e.level, e.event, e.fields])).toEqual([
      ['warn', 'printer.open_failed', { kind: 'unreachable' }],
    ]);
  });
});

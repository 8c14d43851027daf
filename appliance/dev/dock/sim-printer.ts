/**
 * The simulated receipt printer for the dev dock: the virtual ESC/POS printer on a loopback TCP
 * port, driven by the real `EscPosPrinter` over the real `TcpTransport` — the code that ships
 * with a network printer is the code tested. The dock sets the virtual printer's state and reads
 * back the bytes it received for the last job that printed.
 */
import type { EventLogger } from '../../common/event-logger.ts';
import { EscPosPrinter } from '../../drivers/printer/escpos-printer.ts';
import { TcpTransport } from '../../drivers/printer/transport/tcp.ts';
import type { Printer, PrinterStatus } from '../../drivers/printer/types.ts';
import { startVirtualPrinter } from '../virtual-printer/tcp-server.ts';
import type { DockPrinterRequest } from '../../contract/dock.ts';

/** What the dock drives. */
export interface SimulatedPrinter {
  current(): PrinterStatus;
  /** Sets the virtual printer's state now, or (with `afterBytes`) partway through the next job. */
  setState(request: DockPrinterRequest): void;
  /** The bytes the virtual printer received for the last job that printed in full. */
  last(): Uint8Array | undefined;
  jobCount(): number;
}

export interface PrinterSimulation {
  readonly printer: Printer;
  readonly simulated: SimulatedPrinter;
  close(): Promise<void>;
}

export async function virtualPrinterSimulation(logger?: EventLogger): Promise<PrinterSimulation> {
  const virtual = await startVirtualPrinter();
  const escpos = new EscPosPrinter(new TcpTransport({ host: virtual.host, port: virtual.port }), {
    // The virtual printer answers from this process's event loop: a busy loop (the drug index is
    // built at start) delays its answers without any printer fault, so allow more than 1 s.
    statusTimeoutMs: 5000,
    ...(logger ? { logger } : {}),
  });
  let last: Uint8Array | undefined;
  let jobs = 0;
  const printer: Printer = {
    current: () => escpos.current(),
    onStatus: (listener) => escpos.onStatus(listener),
    refresh: () => escpos.refresh(),
    async print(bytes, onProgress) {
      // Only the current job is kept (a simulator, but still clinical text in memory).
      virtual.core.clearLogs();
      last = undefined;
      const outcome = await escpos.print(bytes, onProgress);
      if (outcome.status === 'printed') {
        last = virtual.core.received;
        jobs++;
      }
      virtual.core.clearLogs();
      return outcome;
    },
    async close() {
      await escpos.close();
      await virtual.close();
    },
  };
  await escpos.refresh();
  return {
    printer,
    simulated: {
      current: () => escpos.current(),
      setState: (request) => {
        if ('afterBytes' in request) {
          virtual.core.switchAfter(request.afterBytes, request.state);
          return;
        }
        const { state } = request;
        virtual.core.cancelSwitches();
        virtual.setUnplugged(state === 'unplugged');
        virtual.core.silent = state === 'silent';
        if (state !== 'silent' && state !== 'unplugged') virtual.setState(state);
      },
      last: () => last,
      jobCount: () => jobs,
    },
    close: () => printer.close(),
  };
}

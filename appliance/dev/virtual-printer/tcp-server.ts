/**
 * The virtual printer on a loopback TCP socket (port 9100 protocol: raw bytes both ways).
 * `startVirtualPrinter()` listens on 127.0.0.1 (an ephemeral port unless one is given).
 */
import net from 'node:net';
import { VirtualPrinterCore, type VirtualPrinterOptions, type VirtualState } from './printer-core.ts';

export interface VirtualPrinter {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  readonly core: VirtualPrinterCore;
  setState(state: VirtualState): void;
  /** Closes every client connection (the printer is switched off or unplugged). */
  dropClients(): void;
  /** Unplugged: every connection is dropped and new ones are refused until plugged back. */
  setUnplugged(unplugged: boolean): void;
  close(): Promise<void>;
}

export async function startVirtualPrinter(
  options: VirtualPrinterOptions & { readonly port?: number } = {},
): Promise<VirtualPrinter> {
  const core = new VirtualPrinterCore(options);
  const sockets = new Set<net.Socket>();
  let unplugged = false;
  core.reply = (bytes) => {
    for (const s of sockets) if (!s.destroyed) s.write(bytes);
  };
  core.flow = (accepting) => {
    for (const s of sockets) {
      if (accepting) s.resume();
      else s.pause();
    }
  };
  const server = net.createServer((socket) => {
    if (unplugged) {
      socket.on('error', () => {});
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.setNoDelay(true);
    if (!core.accepting) socket.pause();
    socket.on('data', (chunk) => core.receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)));
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('virtual printer: no address');
  const port = address.port;
  const dropClients = (): void => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  return {
    host: '127.0.0.1',
    port,
    url: `tcp://127.0.0.1:${port}`,
    core,
    setState: (state) => core.setState(state),
    dropClients,
    setUnplugged: (value) => {
      unplugged = value;
      if (value) dropClients();
    },
    close: async () => {
      core.stop();
      dropClients();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** TCP transport: raw ESC/POS on port 9100 ("RAW"/"JetDirect" printing). */
import net from 'node:net';
import { err, ok, type Result } from '../../../common/result.ts';
import { Listeners, type PrinterTransport, type TransportError } from './types.ts';

export interface TcpTransportOptions {
  readonly host: string;
  readonly port?: number;
  readonly connectTimeoutMs?: number;
}

export function parsePrinterUrl(url: string): Result<{ host: string; port: number }, string> {
  const m = /^tcp:\/\/([^:/]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?\/?$/.exec(url);
  if (!m || !m[1]) return err('expected tcp://host:port');
  const port = m[2] ? Number(m[2]) : 9100;
  if (port < 1 || port > 65535) return err('port out of range');
  return ok({ host: m[1].replace(/^\[|\]$/g, ''), port });
}

export class TcpTransport implements PrinterTransport {
  readonly description: string;
  private socket: net.Socket | undefined;
  private readonly data = new Listeners<Uint8Array>();
  private readonly closed = new Listeners<TransportError>();

  constructor(private readonly options: TcpTransportOptions) {
    this.description = `tcp://${options.host}:${options.port ?? 9100}`;
  }

  isOpen(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  open(): Promise<Result<void, TransportError>> {
    if (this.isOpen()) return Promise.resolve(ok(undefined));
    return new Promise((resolve) => {
      const socket = net.connect({ host: this.options.host, port: this.options.port ?? 9100 });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        resolve(err({ kind: 'unreachable', detail: 'connect timeout' }));
      }, this.options.connectTimeoutMs ?? 3000);
      socket.once('connect', () => {
        clearTimeout(timer);
        this.socket = socket;
        socket.setKeepAlive(true, 10_000);
        resolve(ok(undefined));
      });
      socket.on('data', (chunk) =>
        this.data.emit(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)),
      );
      socket.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (this.socket !== socket) resolve(err({ kind: 'unreachable', detail: e.code ?? 'error' }));
      });
      socket.on('close', () => {
        if (this.socket === socket) {
          this.socket = undefined;
          this.closed.emit({ kind: 'disconnected', detail: 'connection closed' });
        }
      });
    });
  }

  write(bytes: Uint8Array): Promise<Result<void, TransportError>> {
    const socket = this.socket;
    if (!socket || socket.destroyed)
      return Promise.resolve(err({ kind: 'disconnected', detail: 'not connected' }));
    return new Promise((resolve) => {
      socket.write(bytes, (e) =>
        resolve(e ? err({ kind: 'disconnected', detail: e.message }) : ok(undefined)),
      );
    });
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (error: TransportError) => void): () => void {
    return this.closed.add(listener);
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }
}

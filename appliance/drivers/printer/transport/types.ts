/**
 * A byte pipe to a printer (TCP 9100, USB printer class, serial). Shaped like node-serialport's
 * binding interface: open, write, incoming data, close. Expected failures are values.
 */
import type { Result } from '../../../common/result.ts';

export type TransportError =
  | { readonly kind: 'unreachable'; readonly detail: string }
  | { readonly kind: 'disconnected'; readonly detail: string }
  | { readonly kind: 'io'; readonly detail: string };

export interface PrinterTransport {
  /** For logs and the technician screen, e.g. "tcp://10.0.0.5:9100"; never patient data. */
  readonly description: string;
  isOpen(): boolean;
  open(): Promise<Result<void, TransportError>>;
  /** Resolves once the transport accepted the bytes (socket/endpoint/port buffer). */
  write(bytes: Uint8Array): Promise<Result<void, TransportError>>;
  onData(listener: (bytes: Uint8Array) => void): () => void;
  /** Called when an open transport closes by itself (peer closed, device unplugged). */
  onClose(listener: (error: TransportError) => void): () => void;
  close(): Promise<void>;
}

export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();
  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }
  emit(value: T): void {
    for (const l of [...this.set]) l(value);
  }
}

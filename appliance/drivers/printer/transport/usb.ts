/**
 * USB printer class transport (interface class 07h, USB Device Class Definition for Printing
 * Devices 1.1): ESC/POS goes out on the bulk OUT endpoint, DLE EOT / ASB answers come back on the
 * bulk IN endpoint. Written against a small structural subset of `usb@2` (libusb) so that it is
 * tested against a fake at that boundary: this machine has no USB bus.
 */
import { err, ok, type Result } from '../../../common/result.ts';
import { Listeners, type PrinterTransport, type TransportError } from './types.ts';

/** libusb transfer status codes (libusb_transfer_status), as `errno` of node-usb transfer errors. */
export const LIBUSB_TRANSFER_TIMED_OUT = 2;
export const LIBUSB_TRANSFER_STALL = 4;
export const LIBUSB_TRANSFER_NO_DEVICE = 5;
export const LIBUSB_TRANSFER_TYPE_BULK = 2;
export const USB_CLASS_PRINTER = 7;

export interface UsbError {
  readonly errno?: number;
  readonly message: string;
}
export interface UsbOutEndpoint {
  readonly direction: 'in' | 'out';
  readonly transferType: number;
  timeout: number;
  transfer(buffer: Buffer, callback: (error: UsbError | undefined, actualLength?: number) => void): unknown;
  clearHalt(callback: (error: UsbError | undefined) => void): void;
}
export interface UsbInEndpoint {
  readonly direction: 'in' | 'out';
  readonly transferType: number;
  startPoll(nTransfers?: number, transferSize?: number): unknown;
  stopPoll(callback?: () => void): void;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: UsbError) => void): unknown;
  removeAllListeners(event?: string): unknown;
}
export type UsbEndpoint = UsbOutEndpoint | UsbInEndpoint;
export interface UsbInterface {
  readonly descriptor: { readonly bInterfaceClass: number };
  readonly endpoints: readonly UsbEndpoint[];
  claim(): void;
  release(closeEndpoints: boolean, callback?: (error: UsbError | undefined) => void): void;
  isKernelDriverActive(): boolean;
  detachKernelDriver(): void;
}
export interface UsbDevice {
  readonly deviceDescriptor: { readonly idVendor: number; readonly idProduct: number };
  readonly interfaces?: readonly UsbInterface[] | undefined;
  open(): void;
  close(): void;
}
/** The part of the `usb` module this transport uses. */
export interface UsbApi {
  getDeviceList(): readonly UsbDevice[];
  onDetach(listener: (device: UsbDevice) => void): () => void;
}

/** The real libusb binding, loaded only when a USB printer is configured. */
export async function realUsbApi(): Promise<UsbApi> {
  const mod = await import('usb');
  return {
    getDeviceList: () => mod.getDeviceList() as unknown as UsbDevice[],
    onDetach: (listener) => {
      const l = (d: unknown): void => listener(d as UsbDevice);
      mod.usb.on('detach', l);
      return () => mod.usb.off('detach', l);
    },
  };
}

export interface UsbTransportOptions {
  readonly vendorId?: number;
  readonly productId?: number;
  /** Per-transfer timeout; a printer that stops reading (paper out, full buffer) NAKs forever. */
  readonly transferTimeoutMs?: number;
}

const isPrinter = (i: UsbInterface): boolean => i.descriptor.bInterfaceClass === USB_CLASS_PRINTER;
const bulk = (e: UsbEndpoint, direction: 'in' | 'out'): boolean =>
  e.direction === direction && e.transferType === LIBUSB_TRANSFER_TYPE_BULK;

export class UsbTransport implements PrinterTransport {
  readonly description: string;
  private device: UsbDevice | undefined;
  private iface: UsbInterface | undefined;
  private out: UsbOutEndpoint | undefined;
  private in: UsbInEndpoint | undefined;
  private stopDetach: (() => void) | undefined;
  private readonly data = new Listeners<Uint8Array>();
  private readonly closed = new Listeners<TransportError>();

  constructor(
    private readonly api: UsbApi,
    private readonly options: UsbTransportOptions = {},
  ) {
    const id = (n?: number): string => (n === undefined ? '*' : n.toString(16).padStart(4, '0'));
    this.description = `usb://${id(options.vendorId)}:${id(options.productId)}`;
  }

  isOpen(): boolean {
    return this.out !== undefined;
  }

  async open(): Promise<Result<void, TransportError>> {
    if (this.isOpen()) return ok(undefined);
    const device = this.api.getDeviceList().find((d) => this.matches(d));
    if (!device) return err({ kind: 'unreachable', detail: 'no USB printer' });
    try {
      device.open();
      const iface = device.interfaces?.find(isPrinter);
      if (!iface) {
        device.close();
        return err({ kind: 'unreachable', detail: 'no printer-class interface' });
      }
      if (iface.isKernelDriverActive()) iface.detachKernelDriver(); // usblp holds it otherwise
      iface.claim();
      const out = iface.endpoints.find((e) => bulk(e, 'out')) as UsbOutEndpoint | undefined;
      const inp = iface.endpoints.find((e) => bulk(e, 'in')) as UsbInEndpoint | undefined;
      if (!out) {
        iface.release(true);
        device.close();
        return err({ kind: 'unreachable', detail: 'no bulk OUT endpoint' });
      }
      out.timeout = this.options.transferTimeoutMs ?? 5000;
      if (inp) {
        inp.on('data', (chunk: Buffer) => {
          if (chunk.length) this.data.emit(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
        });
        inp.on('error', (e: UsbError) => {
          if (e.errno === LIBUSB_TRANSFER_NO_DEVICE) this.lost('device gone');
        });
        inp.startPoll(2, 64);
      }
      this.device = device;
      this.iface = iface;
      this.out = out;
      this.in = inp;
      this.stopDetach = this.api.onDetach((d) => {
        if (d === this.device) this.lost('unplugged');
      });
      return ok(undefined);
    } catch (e) {
      try {
        device.close();
      } catch {
        // already closed
      }
      return err({ kind: 'unreachable', detail: e instanceof Error ? e.message : 'open failed' });
    }
  }

  async write(bytes: Uint8Array): Promise<Result<void, TransportError>> {
    const out = this.out;
    if (!out) return err({ kind: 'disconnected', detail: 'not open' });
    const buffer = Buffer.from(bytes);
    for (let attempt = 0; ; attempt++) {
      const e = await new Promise<UsbError | undefined>((resolve) =>
        out.transfer(buffer, (error) => resolve(error)),
      );
      if (!e) return ok(undefined);
      if (e.errno === LIBUSB_TRANSFER_NO_DEVICE) {
        this.lost('device gone');
        return err({ kind: 'disconnected', detail: 'device gone' });
      }
      // A stalled bulk endpoint must be cleared (CLEAR_FEATURE ENDPOINT_HALT) before it moves again.
      if (e.errno === LIBUSB_TRANSFER_STALL && attempt === 0) {
        const cleared = await new Promise<UsbError | undefined>((resolve) => out.clearHalt(resolve));
        if (!cleared) continue;
      }
      const kind =
        e.errno === LIBUSB_TRANSFER_TIMED_OUT
          ? 'timeout'
          : e.errno === LIBUSB_TRANSFER_STALL
            ? 'stall'
            : 'io';
      return err({ kind: 'io', detail: kind });
    }
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (error: TransportError) => void): () => void {
    return this.closed.add(listener);
  }

  async close(): Promise<void> {
    await this.release();
  }

  private matches(d: UsbDevice): boolean {
    const { vendorId, productId } = this.options;
    if (vendorId !== undefined && d.deviceDescriptor.idVendor !== vendorId) return false;
    if (productId !== undefined && d.deviceDescriptor.idProduct !== productId) return false;
    // Interfaces are only known once a device is open (libusb); without ids, try any that may be one.
    return vendorId !== undefined || d.interfaces === undefined || d.interfaces.some(isPrinter);
  }

  private lost(detail: string): void {
    if (!this.out) return;
    void this.release();
    this.closed.emit({ kind: 'disconnected', detail });
  }

  private async release(): Promise<void> {
    const { device, iface, in: inp } = this;
    this.out = undefined;
    this.in = undefined;
    this.iface = undefined;
    this.device = undefined;
    this.stopDetach?.();
    this.stopDetach = undefined;
    if (inp) {
      inp.removeAllListeners('data');
      await new Promise<void>((resolve) => {
        try {
          inp.stopPoll(() => resolve());
        } catch {
          resolve();
        }
      });
    }
    try {
      if (iface) await new Promise<void>((resolve) => iface.release(true, () => resolve()));
      device?.close();
    } catch {
      // the device is gone: nothing left to release
    }
  }
}

/**
 * A fake at the `usb` API boundary: one printer-class device whose bulk OUT endpoint feeds a
 * VirtualPrinterCore and whose bulk IN endpoint returns its answers. Stalls and unplugging can be
 * injected.
 */
import { EventEmitter } from 'node:events';
import {
  LIBUSB_TRANSFER_NO_DEVICE,
  LIBUSB_TRANSFER_STALL,
  LIBUSB_TRANSFER_TYPE_BULK,
  USB_CLASS_PRINTER,
  type UsbApi,
  type UsbDevice,
  type UsbError,
  type UsbInEndpoint,
  type UsbInterface,
  type UsbOutEndpoint,
} from './transport/usb.ts';
import { VirtualPrinterCore, type VirtualPrinterOptions } from '../../dev/virtual-printer/printer-core.ts';

class FakeOut implements UsbOutEndpoint {
  readonly direction = 'out' as const;
  readonly transferType = LIBUSB_TRANSFER_TYPE_BULK;
  timeout = 0;
  stallsLeft = 0;
  halted = false;
  clearHaltCalls = 0;
  constructor(private readonly device: FakeUsbDevice) {}
  transfer(buffer: Buffer, callback: (error: UsbError | undefined, actualLength?: number) => void): void {
    setImmediate(() => {
      if (this.device.unplugged)
        return callback({ errno: LIBUSB_TRANSFER_NO_DEVICE, message: 'LIBUSB_TRANSFER_NO_DEVICE' });
      if (this.halted || this.stallsLeft > 0) {
        if (this.stallsLeft > 0) this.stallsLeft--;
        this.halted = true;
        return callback({ errno: LIBUSB_TRANSFER_STALL, message: 'LIBUSB_TRANSFER_STALL' });
      }
      this.device.core.receive(new Uint8Array(buffer));
      callback(undefined, buffer.length);
    });
  }
  clearHalt(callback: (error: UsbError | undefined) => void): void {
    this.clearHaltCalls++;
    this.halted = false;
    setImmediate(() => callback(undefined));
  }
}

class FakeIn extends EventEmitter implements UsbInEndpoint {
  readonly direction = 'in' as const;
  readonly transferType = LIBUSB_TRANSFER_TYPE_BULK;
  polling = false;
  startPoll(): void {
    this.polling = true;
  }
  stopPoll(callback?: () => void): void {
    this.polling = false;
    setImmediate(() => callback?.());
  }
}

export class FakeUsbDevice implements UsbDevice {
  readonly deviceDescriptor = { idVendor: 0x04b8, idProduct: 0x0e28 };
  readonly core: VirtualPrinterCore;
  readonly out = new FakeOut(this);
  readonly in = new FakeIn();
  unplugged = false;
  opened = false;
  claimed = false;
  interfaces: UsbInterface[] | undefined;
  private readonly api: FakeUsbApi;

  constructor(api: FakeUsbApi, options: VirtualPrinterOptions) {
    this.api = api;
    this.core = new VirtualPrinterCore(options);
    this.core.reply = (bytes) => {
      if (this.in.polling && !this.unplugged) setImmediate(() => this.in.emit('data', Buffer.from(bytes)));
    };
  }
  open(): void {
    if (this.unplugged) throw Object.assign(new Error('LIBUSB_ERROR_NO_DEVICE'), { errno: -4 });
    this.opened = true;
    this.interfaces = [
      {
        descriptor: { bInterfaceClass: USB_CLASS_PRINTER },
        endpoints: [this.in, this.out],
        claim: () => {
          this.claimed = true;
        },
        release: (_close: boolean, cb?: (e: UsbError | undefined) => void) => {
          this.claimed = false;
          setImmediate(() => cb?.(undefined));
        },
        isKernelDriverActive: () => false,
        detachKernelDriver: () => {},
      },
    ];
  }
  close(): void {
    this.opened = false;
  }
  unplug(): void {
    this.unplugged = true;
    this.in.emit('error', { errno: LIBUSB_TRANSFER_NO_DEVICE, message: 'LIBUSB_TRANSFER_NO_DEVICE' });
    this.api.detach(this);
  }
}

export class FakeUsbApi implements UsbApi {
  readonly devices: FakeUsbDevice[] = [];
  private readonly detachListeners = new Set<(d: UsbDevice) => void>();
  addPrinter(options: VirtualPrinterOptions = {}): FakeUsbDevice {
    const device = new FakeUsbDevice(this, options);
    this.devices.push(device);
    return device;
  }
  getDeviceList(): readonly UsbDevice[] {
    return this.devices.filter((d) => !d.unplugged);
  }
  onDetach(listener: (device: UsbDevice) => void): () => void {
    this.detachListeners.add(listener);
    return () => this.detachListeners.delete(listener);
  }
  detach(device: FakeUsbDevice): void {
    for (const l of this.detachListeners) l(device);
  }
}

/**
 * Device wiring for a real kiosk: the system pcscd, udev USB keys, the printer transport of the
 * configuration. (Simulated hardware is wired by `appliance/dev/devices.ts`.)
 * A missing pcscd, udevadm or printer never stops the kiosk: the statuses say so (HZ-11).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EscPosPrinter } from '../drivers/printer/escpos-printer.ts';
import { SerialTransport } from '../drivers/printer/transport/serial.ts';
import { TcpTransport } from '../drivers/printer/transport/tcp.ts';
import type { PrinterTransport } from '../drivers/printer/transport/types.ts';
import { UsbTransport, realUsbApi } from '../drivers/printer/transport/usb.ts';
import type { Printer, PrinterStatus } from '../drivers/printer/types.ts';
import { parseTrustAnchors } from '../drivers/smartcard/certificate.ts';
import { PcscSmartcardService } from '../drivers/smartcard/pcsc-driver.ts';
import { Pkcs11SmartcardService } from '../drivers/smartcard/pkcs11/pkcs11-driver.ts';
import type { RevocationConfig } from '../drivers/smartcard/revocation.ts';
import type { StaffMapping } from '../common/certificate-profile.ts';
import type { SmartcardService } from '../drivers/smartcard/types.ts';
import type { UsbKeyService, UsbKeyStatus } from '../drivers/usb-key/types.ts';
import { UdevUsbKeys } from '../drivers/usb-key/udev-usb-keys.ts';
import type { KioskConfig } from './config/schema.ts';
import { assertNever } from '../common/result.ts';
import type { EventLogger } from './logger.ts';

export interface DeviceSet {
  readonly smartcard: SmartcardService;
  readonly usbKeys: UsbKeyService;
  readonly printer: Printer;
  /** Stops every device and child process (pcscd, udevadm); call before the process exits. */
  close(): Promise<void>;
}

export interface DeviceContext {
  readonly trustAnchorsPem: readonly string[];
  /** The site's CRLs and stale-CRL policy (cards are checked at login). */
  readonly revocation?: RevocationConfig;
  /** The site's roles for establishment staff (config `staffMappings`), applied at login. */
  readonly staffMappings?: readonly StaffMapping[];
  /** The kiosk's logger, for the server and the drivers alike (their `smartcard.*`, `usb_key.*`, `printer.*` events). */
  readonly log: EventLogger;
  /** One line for the person starting the kiosk (e.g. pcscd not installed). */
  readonly notice: (message: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

/** Closes everything, even when one close fails. */
export async function closeAll(closers: readonly (() => Promise<void>)[]): Promise<void> {
  const results = await Promise.allSettled(closers.map((close) => close()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** A printer that is not there: its status never changes and a job fails at once. */
function absentPrinter(status: PrinterStatus): Printer {
  return {
    current: () => status,
    onStatus: () => () => {},
    print: async () => ({ status: 'failed', printer: status }),
    close: async () => {},
  };
}

/** A USB-key service that cannot run (no udevadm): an error status rather than a silent "no key". */
function unavailableUsbKeys(): UsbKeyService {
  const status: UsbKeyStatus = { status: 'key_error', reason: 'unreadable_device' };
  return { current: () => status, onStatus: () => () => {}, close: async () => {} };
}

function hasExecutable(name: string, env: NodeJS.ProcessEnv): boolean {
  const dirs = (env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(':').filter(Boolean);
  return [...dirs, '/usr/sbin', '/usr/bin', '/sbin', '/bin'].some((d) => existsSync(path.join(d, name)));
}

async function productionTransport(
  transport: KioskConfig['printer']['transport'],
  ctx: DeviceContext,
): Promise<PrinterTransport | PrinterStatus> {
  switch (transport.type) {
    case 'tcp':
      return new TcpTransport({ host: transport.host, port: transport.port });
    case 'usb':
      try {
        const api = await realUsbApi();
        return new UsbTransport(api, { vendorId: transport.vendorId, productId: transport.productId });
      } catch (error) {
        ctx.log.error('printer.unavailable', { reason: 'usb_unavailable' });
        ctx.notice(`USB printing unavailable: ${(error as Error).message}`);
        return { status: 'error', reason: 'usb_unavailable' };
      }
    case 'serial':
      return new SerialTransport({ path: transport.path, baudRate: transport.baudRate });
    case 'simulated':
      // No simulators on a production kiosk: a config asking for one has no printer.
      ctx.log.error('printer.unavailable', { reason: 'simulated_in_production' });
      return { status: 'not_configured' };
    case 'none':
      return { status: 'not_configured' };
    default:
      return assertNever(transport, 'printer transport');
  }
}

export async function productionDevices(config: KioskConfig, ctx: DeviceContext): Promise<DeviceSet> {
  const pattern = config.cardReader?.namePattern;
  const anchors = parseTrustAnchors(ctx.trustAnchorsPem);
  const pkcs11Module = config.cardReader?.kind === 'pkcs11' ? config.cardReader.module : undefined;
  const smartcard: SmartcardService =
    pkcs11Module !== undefined
      ? new Pkcs11SmartcardService({
          modulePath: pkcs11Module,
          anchors,
          ...(config.cardReader?.signWithAuthenticationKey === true
            ? { signWithAuthenticationKey: true }
            : {}),
          ...(ctx.revocation ? { revocation: ctx.revocation } : {}),
          ...(ctx.staffMappings ? { staffMappings: ctx.staffMappings } : {}),
          logger: ctx.log,
        })
      : new PcscSmartcardService({
          anchors,
          ...(ctx.revocation ? { revocation: ctx.revocation } : {}),
          ...(ctx.staffMappings ? { staffMappings: ctx.staffMappings } : {}),
          ...(pattern !== undefined ? { readerPattern: new RegExp(pattern) } : {}),
          logger: ctx.log,
        });
  let usbKeys: UsbKeyService;
  if (hasExecutable('udevadm', ctx.env)) {
    usbKeys = await UdevUsbKeys.start({ logger: ctx.log });
  } else {
    ctx.log.error('usb_key.unavailable', { reason: 'no_udevadm' });
    ctx.notice('USB keys unavailable: udevadm not found (the kiosk image runs systemd-udevd)');
    usbKeys = unavailableUsbKeys();
  }
  const transport = await productionTransport(config.printer.transport, ctx);
  let printer: Printer;
  if ('open' in transport) {
    const escpos = new EscPosPrinter(transport, { logger: ctx.log });
    // Not awaited: an unreachable printer (connect timeout) must not delay the kiosk's start.
    void escpos.refresh().catch(() => undefined);
    printer = escpos;
  } else {
    printer = absentPrinter(transport);
  }
  return {
    smartcard,
    usbKeys,
    printer,
    close: () => closeAll([() => smartcard.close(), () => usbKeys.close(), () => printer.close()]),
  };
}

/**
 * Device wiring, in one place: which smart-card service, USB-key service and printer the kiosk
 * runs with. Simulated mode: in-memory card (profiles from the dev PKI), simulated USB keys over
 * key images (same FAT code path as real keys), in-memory printer — all driven by the dev dock.
 * Swapping a simulator for a protocol-level one (virtual PIV card over pcscd, virtual printer on
 * a socket) or a real driver is a change in this file only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MemoryPrinter } from '../drivers/printer/memory-printer.ts';
import type { Printer } from '../drivers/printer/types.ts';
import {
  MemorySmartcard,
  withTestProfiles,
  type CardProfile,
} from '../drivers/smartcard/memory-smartcard.ts';
import type { SmartcardService } from '../drivers/smartcard/types.ts';
import { SimulatedUsbKeys } from '../drivers/usb-key/simulator.ts';
import type { UsbKeyService } from '../drivers/usb-key/types.ts';

export interface SimulatedDevices {
  readonly cards: MemorySmartcard;
  readonly profiles: readonly CardProfile[];
  readonly keys: SimulatedUsbKeys;
  readonly printer: MemoryPrinter;
}

export interface DeviceSet {
  readonly smartcard: SmartcardService;
  readonly usbKeys: UsbKeyService;
  readonly printer: Printer;
  /** Present in simulated mode only: what the dev dock drives. */
  readonly simulated?: SimulatedDevices;
  close(): Promise<void>;
}

/** Card profiles from `.dev/pki/profiles.json` with their certificates, plus the test-only cards. */
export function loadCardProfiles(pkiDir: string): CardProfile[] {
  const entries = JSON.parse(readFileSync(path.join(pkiDir, 'profiles.json'), 'utf8')) as CardProfile[];
  const withCerts = entries.map((entry) => {
    try {
      return {
        ...entry,
        certificatePem: readFileSync(path.join(pkiDir, 'people', `${entry.profile}.crt.pem`), 'utf8'),
      };
    } catch {
      return entry;
    }
  });
  return withTestProfiles(withCerts);
}

export function simulatedDevices(pkiDir: string): DeviceSet {
  const profiles = loadCardProfiles(pkiDir);
  const cards = new MemorySmartcard(profiles, { delayMs: 5 });
  const keys = new SimulatedUsbKeys();
  const printer = new MemoryPrinter();
  return {
    smartcard: cards,
    usbKeys: keys,
    printer,
    simulated: { cards, profiles, keys, printer },
    async close() {
      await Promise.all([cards.close(), keys.close(), printer.close()]);
    },
  };
}

/**
 * Production mode. The real drivers (pcscd smart cards, udev USB keys, ESC/POS transports) are
 * being built in their own issues; until they are wired here the kiosk reports the card service
 * unavailable, no key and no printer — the screens say so (HZ-11) rather than pretending.
 */
export function productionDevices(): DeviceSet {
  const listeners = () => () => {};
  return {
    smartcard: {
      current: () => ({ status: 'service_unavailable' }),
      onStatus: listeners,
      pinRetries: async () => undefined,
      login: async () => ({ status: 'card_error', reason: 'io' }),
      close: async () => {},
    },
    usbKeys: { current: () => ({ status: 'no_key' }), onStatus: listeners, close: async () => {} },
    printer: {
      current: () => ({ status: 'not_configured' }),
      onStatus: listeners,
      print: async () => ({ status: 'failed', printer: { status: 'not_configured' } }),
      close: async () => {},
    },
    async close() {},
  };
}

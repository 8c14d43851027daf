/**
 * Simulated hardware, wired like the real thing: the real pcscd (private vpcd reader) + the real
 * PC/SC driver + virtual PIV cards; the real ESC/POS printer driver over TCP to the virtual printer
 * on loopback; simulated USB keys over key images (same FAT code path as real keys) — all driven
 * by the dev dock. `BALADEUR_SIM_CARD=memory` swaps the card for the in-memory one (fast tests);
 * `memory+softhsm` adds the SoftHSM CPS cards beside it (server tests of the PKCS#11 path);
 * `opensc` reads the same virtual PIV cards through OpenSC's PKCS#11 module instead of the PC/SC
 * driver (issue 17: a second, independent middleware, end to end).
 */
import { closeAll, type DeviceContext, type DeviceSet } from '../server/devices.ts';
import type { DevPki } from './pki/dev-pki.ts';
import type { DockProfile } from '../contract/dock.ts';
import {
  memoryCardSimulation,
  virtualCardSimulation,
  type CardSimulation,
  type SimulatedCards,
} from './dock/sim-cards.ts';
import { combineCardSimulations } from './dock/sim-cards-combined.ts';
import { softHsmAvailable, softHsmCardSimulation } from './dock/sim-cards-softhsm.ts';
import { errorCode } from '../common/event-logger.ts';
import { virtualPrinterSimulation, type SimulatedPrinter } from './dock/sim-printer.ts';
import { SimulatedUsbKeys } from './simulated-usb-keys.ts';
import { parseTrustAnchors } from '../drivers/smartcard/certificate.ts';
import { Pkcs11SmartcardService } from '../drivers/smartcard/pkcs11/pkcs11-driver.ts';
import type { SmartcardService } from '../drivers/smartcard/types.ts';

/** Debian's OpenSC module (package `opensc`, scripts/install-system-packages.sh). */
const OPENSC_MODULE = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';

function openscService(ctx: DeviceContext): SmartcardService {
  return new Pkcs11SmartcardService({
    modulePath: OPENSC_MODULE,
    anchors: parseTrustAnchors(ctx.trustAnchorsPem),
    ...(ctx.revocation ? { revocation: ctx.revocation } : {}),
    ...(ctx.staffMappings ? { staffMappings: ctx.staffMappings } : {}),
    logger: ctx.log,
  });
}

/** What the dev dock drives. */
export interface SimulatedDevices {
  readonly cards: SimulatedCards;
  readonly profiles: readonly DockProfile[];
  readonly keys: SimulatedUsbKeys;
  readonly printer: SimulatedPrinter;
}

export interface SimulatedDeviceSet extends DeviceSet {
  readonly simulated: SimulatedDevices;
}

export async function simulatedDevices(pki: DevPki, ctx: DeviceContext): Promise<SimulatedDeviceSet> {
  /** The SoftHSM CPS-like cards beside the virtual PIV cards, when softhsm2 is installed (issue 17). */
  const withSoftHsm = async (piv: CardSimulation): Promise<CardSimulation> => {
    if (!softHsmAvailable()) return piv;
    try {
      return combineCardSimulations(piv, await softHsmCardSimulation({ pki, ...ctx }));
    } catch (error) {
      ctx.log.warn('smartcard.pkcs11_unavailable', { reason: errorCode(error) });
      return piv;
    }
  };
  const cardMode = ctx.env.BALADEUR_SIM_CARD ?? 'pcscd';
  if (cardMode !== 'pcscd' && cardMode !== 'memory' && cardMode !== 'memory+softhsm' && cardMode !== 'opensc')
    throw new Error(`BALADEUR_SIM_CARD must be pcscd, memory, memory+softhsm or opensc, not ${cardMode}`);
  const cards =
    cardMode === 'memory'
      ? memoryCardSimulation(pki)
      : cardMode === 'memory+softhsm'
        ? await withSoftHsm(memoryCardSimulation(pki))
        : cardMode === 'opensc'
          ? await virtualCardSimulation({ pki, ...ctx, service: () => openscService(ctx) })
          : await withSoftHsm(await virtualCardSimulation({ pki, ...ctx }));
  let printer;
  try {
    printer = await virtualPrinterSimulation(ctx.log);
  } catch (error) {
    await cards.close();
    throw error;
  }
  const keys = new SimulatedUsbKeys();
  return {
    smartcard: cards.service,
    usbKeys: keys,
    printer: printer.printer,
    simulated: { cards: cards.cards, profiles: cards.cards.profiles, keys, printer: printer.simulated },
    close: () => closeAll([() => cards.close(), () => keys.close(), () => printer.close()]),
  };
}

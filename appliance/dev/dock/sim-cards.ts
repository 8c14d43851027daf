/**
 * Simulated professional cards for the dev dock. Default: the real pcscd (private configuration
 * with the vpcd reader) + the real PC/SC driver + virtual PIV cards — the code that ships is the
 * code tested. `BALADEUR_SIM_CARD=memory` selects the in-memory card instead, for fast tests only.
 * One card in the reader at a time; one VirtualCard per profile, so its PIN counter persists.
 */
import type { DockProfile } from '../../contract/dock.ts';
import { serialQueue } from '../../common/serial-queue.ts';
import type { DevPki } from '../pki/dev-pki.ts';
import { DEV_PROFILE_ENTRIES } from '../pki/profiles.ts';
import { parseTrustAnchors } from '../../drivers/smartcard/certificate.ts';
import { MemorySmartcard, type CardProfile } from '../memory-smartcard.ts';
import { PcscSmartcardService } from '../../drivers/smartcard/pcsc-driver.ts';
import { startPcscd } from '../pcscd-process.ts';
import type { ReaderStatus, SmartcardService } from '../../drivers/smartcard/types.ts';
import { createVirtualCard, type VirtualCard, type VirtualCardProfile } from '../virtual-card/index.ts';
import type { EventLogger } from '../../server/logger.ts';
import { makeWayForPcscd } from './stale-pcscd.ts';

/** What the dock drives. */
export interface SimulatedCards {
  readonly profiles: readonly DockProfile[];
  insertedProfile(): string | undefined;
  readerStatus(): ReaderStatus['status'];
  /** Removes the card in the reader (if any), then inserts `profile`; false for an unknown profile. */
  insert(profile: string): Promise<boolean>;
  remove(): Promise<void>;
}

export interface CardSimulation {
  readonly service: SmartcardService;
  readonly cards: SimulatedCards;
  close(): Promise<void>;
}

/** Every profile the dock offers: the dev PKI's people, the nurse's card with its PIN blocked, a card answering garbage. */
export const SIMULATED_PROFILES: readonly VirtualCardProfile[] = [
  ...DEV_PROFILE_ENTRIES.map((e) => e.profile),
  'blocked',
  'garbage',
];

/** Older name of the blocked card (dock UI, scripts): still accepted. */
const ALIASES: Readonly<Record<string, VirtualCardProfile>> = { 'nurse-blocked': 'blocked' };

function canonical(profile: string): VirtualCardProfile | undefined {
  return ALIASES[profile] ?? SIMULATED_PROFILES.find((p) => p === profile);
}

function dockProfiles(): DockProfile[] {
  const nurse = DEV_PROFILE_ENTRIES.find((e) => e.profile === 'nurse');
  return [
    ...DEV_PROFILE_ENTRIES.map(({ profile, name, profession, pin }) => ({ profile, name, profession, pin })),
    { profile: 'blocked', name: nurse?.name ?? '-', profession: 'nurse', pin: nurse?.pin ?? '-' },
    { profile: 'garbage', name: '-', profession: '-', pin: '-' },
  ];
}

/** A card service that stays `service_unavailable` (pcscd missing): the screens say so (HZ-11). */
export const unavailableSmartcard: SmartcardService = {
  current: (): ReaderStatus => ({ status: 'service_unavailable' }),
  onStatus: () => () => {},
  pinRetries: async () => undefined,
  login: async () => ({ status: 'card_error', reason: 'io' }),
  close: async () => {},
};

export async function virtualCardSimulation(options: {
  readonly pki: DevPki;
  readonly trustAnchorsPem: readonly string[];
  readonly log: EventLogger;
  /** One line for the person starting the kiosk (pcscd missing and how to install it). */
  readonly notice: (message: string) => void;
  /**
   * The card service reading the virtual reader: the PC/SC-PIV driver, or another middleware over
   * the same pcscd (OpenSC's PKCS#11 module: `BALADEUR_SIM_CARD=opensc`, appliance/dev/devices.ts).
   */
  readonly service?: (reader: { readonly name: string; readonly pattern: RegExp }) => SmartcardService;
}): Promise<CardSimulation> {
  await makeWayForPcscd({ timeoutMs: 60_000, notice: options.notice });
  const pcscd = await startPcscd();
  const profiles = dockProfiles();
  if (!pcscd.ok) {
    options.log.warn('smartcard.service_unavailable', { error: pcscd.error.kind });
    options.notice(`smart cards unavailable: ${pcscd.error.message}`);
    return {
      service: unavailableSmartcard,
      cards: {
        profiles,
        insertedProfile: () => undefined,
        readerStatus: () => 'service_unavailable',
        insert: async () => false,
        remove: async () => {},
      },
      close: async () => {},
    };
  }
  const daemon = pcscd.value;
  const slot0 = daemon.readerNames[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const reader = { name: daemon.readerNames[0], pattern: new RegExp(`^${slot0}$`) };
  const service =
    options.service?.(reader) ??
    new PcscSmartcardService({
      anchors: parseTrustAnchors(options.trustAnchorsPem),
      readerPattern: reader.pattern,
      logger: options.log,
    });
  const made = new Map<VirtualCardProfile, VirtualCard>();
  let inserted: { profile: VirtualCardProfile; card: VirtualCard } | undefined;
  /** Dock actions one at a time (an insert removes the current card first). */
  const one = serialQueue();
  /**
   * Pulls the card and waits until the driver has seen it go, as a hand would take a moment to
   * swap cards: a new card connected within milliseconds of the old one's removal is a race no
   * physical reader produces.
   */
  const pull = async (): Promise<void> => {
    const current = inserted;
    inserted = undefined;
    if (current === undefined) return;
    const gone = (s: ReaderStatus) => s.status === 'no_card' || s.status === 'service_unavailable';
    const seen = new Promise<void>((resolve) => {
      if (gone(service.current())) return resolve();
      const timer = setTimeout(finish, 3000);
      const off = service.onStatus((s) => gone(s) && finish());
      function finish(): void {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
    await current.card.remove();
    await seen;
  };
  return {
    service,
    cards: {
      profiles,
      insertedProfile: () => inserted?.profile,
      readerStatus: () => service.current().status,
      insert: (name) =>
        one(async () => {
          const profile = canonical(name);
          if (profile === undefined) return false;
          await pull();
          let card = made.get(profile);
          if (card === undefined) {
            card = await createVirtualCard(options.pki, profile, { port: daemon.port });
            made.set(profile, card);
          }
          await card.insert();
          inserted = { profile, card };
          return true;
        }),
      remove: () => one(pull),
    },
    async close() {
      await service.close();
      await one(pull);
      await daemon.stop();
    },
  };
}

/** The in-memory card (BALADEUR_SIM_CARD=memory): fast, for unit and server tests only. */
export function memoryCardSimulation(pki: DevPki): CardSimulation {
  const people: CardProfile[] = DEV_PROFILE_ENTRIES.map((e) => ({
    ...e,
    certificatePem: pki.people[e.profile].certPem,
    ...(pki.people[e.profile].signing
      ? {
          signing: {
            certificatePem: pki.people[e.profile].signing?.certPem ?? '',
            privateKeyPem: pki.people[e.profile].signing?.keyPem ?? '',
          },
        }
      : {}),
  }));
  const nurse = people.find((e) => e.profile === 'nurse');
  const entries: CardProfile[] = [
    ...people,
    ...(nurse ? [{ ...nurse, profile: 'blocked' }] : []),
    { profile: 'garbage', name: '-', nationalId: '-', profession: 'nurse', pin: '000000' },
  ];
  const memory = new MemorySmartcard(entries, { delayMs: 5 });
  return {
    service: memory,
    cards: {
      profiles: dockProfiles(),
      insertedProfile: () => memory.insertedProfile(),
      readerStatus: () => memory.current().status,
      insert: async (name) => {
        const profile = canonical(name);
        if (profile === undefined) return false;
        memory.remove();
        return memory.insert(profile);
      },
      remove: async () => memory.remove(),
    },
    close: () => memory.close(),
  };
}

/**
 * CPS-like cards on SoftHSM2 through the real PKCS#11 driver (issue 17). SoftHSM has no reader:
 * all dev tokens live in one private token directory and the dock "inserts" one by making it the
 * only token the driver sees (the driver's development-only `tokenVisible`) and telling the driver
 * to look (`tokenChanges`): the driver does not poll, so an idle dev kiosk does no PKCS#11 work.
 * The driver (its worker thread and SoftHSM, ≈ 14 MB) starts with the first CPS card inserted:
 * until then this reader holds no card and the kiosk shows the PIV reader's status.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { APP_ROOT } from '../../common/app-root.ts';
import type { DockProfile } from '../../contract/dock.ts';
import { parseTrustAnchors } from '../../drivers/smartcard/certificate.ts';
import { Pkcs11SmartcardService } from '../../drivers/smartcard/pkcs11/pkcs11-driver.ts';
import { parseCrls, type RevocationConfig } from '../../drivers/smartcard/revocation.ts';
import type { ReaderStatus, SmartcardService } from '../../drivers/smartcard/types.ts';
import type { EventLogger } from '../../common/event-logger.ts';
import type { DevPki } from '../pki/dev-pki.ts';
import { ensureSoftHsmCards, SOFTHSM_MODULE, tokenLabel } from '../pki/softhsm-cards.ts';
import { SOFTHSM_PROFILES, type SoftHsmProfile } from '../pki/softhsm-profiles.ts';
import { readFile } from 'node:fs/promises';
import type { CardSimulation } from './sim-cards.ts';

export const DEFAULT_SOFTHSM_DIR = path.join(APP_ROOT, '.dev', 'softhsm');

export const softHsmAvailable = (): boolean => existsSync(SOFTHSM_MODULE);

const isSoftHsmProfile = (p: string): p is SoftHsmProfile =>
  (SOFTHSM_PROFILES as readonly string[]).includes(p);

export async function softHsmCardSimulation(options: {
  readonly pki: DevPki;
  readonly trustAnchorsPem: readonly string[];
  readonly log: EventLogger;
  readonly dir?: string;
}): Promise<CardSimulation> {
  const provisioned = await ensureSoftHsmCards(options.dir ?? DEFAULT_SOFTHSM_DIR, options.pki);
  process.env.SOFTHSM2_CONF = provisioned.conf;
  const revocation: RevocationConfig = {
    crls: parseCrls([await readFile(provisioned.crlPath, 'utf8')]),
    staleCrl: 'warn',
  };
  let visible: SoftHsmProfile | undefined;
  const rescans = new Set<() => void>();
  const setVisible = (profile: SoftHsmProfile | undefined): void => {
    visible = profile;
    for (const rescan of [...rescans]) rescan();
  };
  let driver: Pkcs11SmartcardService | undefined;
  const listeners = new Set<(status: ReaderStatus) => void>();
  const startDriver = (): Pkcs11SmartcardService => {
    if (driver !== undefined) return driver;
    driver = new Pkcs11SmartcardService({
      modulePath: provisioned.modulePath,
      anchors: parseTrustAnchors(options.trustAnchorsPem),
      revocation,
      logger: options.log,
      tokenVisible: (t) => visible !== undefined && t.label === tokenLabel(visible),
      tokenChanges: (rescan) => {
        rescans.add(rescan);
        return () => rescans.delete(rescan);
      },
    });
    driver.onStatus((status) => {
      for (const listener of [...listeners]) listener(status);
    });
    return driver;
  };
  const service: SmartcardService = {
    current: () => driver?.current() ?? { status: 'no_card', reader: 'SoftHSM' },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pinRetries: async (cardId) => driver?.pinRetries(cardId),
    login: async (cardId, pin) => (await driver?.login(cardId, pin)) ?? { status: 'card_removed' },
    recordSigner: async (cardId, pin) =>
      (await driver?.recordSigner(cardId, pin)) ?? { status: 'card_removed' },
    close: async () => {
      await driver?.close();
      listeners.clear();
    },
  };
  const profiles: DockProfile[] = provisioned.cards.map(({ profile, name, profession, pin }) => ({
    profile,
    name,
    profession,
    pin,
  }));
  const settled = (want: (s: ReaderStatus) => boolean): Promise<void> =>
    new Promise((resolve) => {
      if (want(service.current())) return resolve();
      const timer = setTimeout(finish, 3000);
      const off = service.onStatus((s) => want(s) && finish());
      function finish(): void {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  const remove = async (): Promise<void> => {
    if (visible === undefined) return;
    setVisible(undefined);
    await settled((s) => s.status !== 'card_present' && s.status !== 'card_error');
  };
  return {
    service,
    cards: {
      profiles,
      insertedProfile: () => visible,
      readerStatus: () => service.current().status,
      async insert(profile) {
        if (!isSoftHsmProfile(profile)) return false;
        await remove();
        startDriver();
        setVisible(profile);
        await settled((s) => s.status === 'card_present' || s.status === 'card_error');
        return true;
      },
      remove,
    },
    close: () => service.close(),
  };
}

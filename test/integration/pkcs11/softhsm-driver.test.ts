/**
 * The PKCS#11 driver against a real module: SoftHSM2 with the dev CPS-like cards (RSA-2048,
 * 4-digit PINs) in a private token directory. No pcscd: SoftHSM is a software token.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevPki } from '../../../appliance/dev/pki/dev-pki.ts';
import {
  ensureSoftHsmCards,
  tokenLabel,
  type SoftHsmCards,
} from '../../../appliance/dev/pki/softhsm-cards.ts';
import type { SoftHsmProfile } from '../../../appliance/dev/pki/softhsm-profiles.ts';
import { parseTrustAnchors } from '../../../appliance/drivers/smartcard/certificate.ts';
import { parseCrls, type RevocationConfig } from '../../../appliance/drivers/smartcard/revocation.ts';
import { readFile } from 'node:fs/promises';
import {
  Pkcs11SmartcardService,
  type Pkcs11SmartcardOptions,
} from '../../../appliance/drivers/smartcard/pkcs11/pkcs11-driver.ts';
import type { ReaderStatus } from '../../../appliance/drivers/smartcard/types.ts';

let dir: string;
let cards: SoftHsmCards;
let anchors: ReturnType<typeof parseTrustAnchors>;
let visible: string | undefined;
let revocation: RevocationConfig;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'baladeur-softhsm-'));
  const pki = await ensureDevPki();
  cards = await ensureSoftHsmCards(dir, pki);
  process.env.SOFTHSM2_CONF = cards.conf;
  anchors = parseTrustAnchors([pki.testCa.certPem]);
  revocation = { crls: parseCrls([await readFile(cards.crlPath, 'utf8')]), staleCrl: 'refuse' };
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pinOf = (profile: SoftHsmProfile): string => cards.cards.find((c) => c.profile === profile)?.pin ?? '';

/** One driver at a time: SoftHSM is one library per process (C_Initialize is process-wide). */
async function withDriver<T>(
  extra: Partial<Pkcs11SmartcardOptions>,
  body: (s: Pkcs11SmartcardService) => Promise<T>,
): Promise<T> {
  const service = new Pkcs11SmartcardService({
    modulePath: cards.modulePath,
    anchors,
    revocation,
    pollMs: 50,
    tokenVisible: (t) => t.label === visible,
    ...extra,
  });
  try {
    return await body(service);
  } finally {
    await service.close();
  }
}

function waitFor<S extends ReaderStatus['status']>(
  service: Pkcs11SmartcardService,
  status: S,
): Promise<Extract<ReaderStatus, { status: S }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timeout waiting for ${status}`)), 10_000);
    const check = (s: ReaderStatus): void => {
      if (s.status !== status) return;
      clearTimeout(timer);
      off();
      resolve(s as Extract<ReaderStatus, { status: S }>);
    };
    const off = service.onStatus(check);
    check(service.current());
  });
}

async function insert(service: Pkcs11SmartcardService, profile: SoftHsmProfile) {
  visible = tokenLabel(profile);
  return waitFor(service, 'card_present');
}

describe('PKCS#11 driver on SoftHSM2 (CPS-like RSA-2048 cards)', () => {
  it('no visible token → no_card; a nurse card → card_present with a 4–8 digit keypad', async () => {
    await withDriver({}, async (s) => {
      visible = undefined;
      await waitFor(s, 'no_card');
      const present = await insert(s, 'cps-nurse');
      expect(present.pinLength).toEqual({ min: 4, max: 8 });
      visible = undefined;
      await waitFor(s, 'no_card');
    });
  });

  it.each(['pkcs1', 'pss'] as const)(
    'nurse logs in with her 4-digit PIN (RSA %s challenge)',
    async (rsaPadding) => {
      await withDriver({ rsaPadding }, async (s) => {
        const { cardId } = await insert(s, 'cps-nurse');
        const result = await s.login(cardId, pinOf('cps-nurse'));
        expect(result).toMatchObject({
          status: 'authenticated',
          identity: { profession: 'nurse', name: 'Julie BERNARD' },
        });
      });
    },
  );

  it.each([
    ['cps-doctor', 'doctor'],
    ['cps-pharmacist', 'pharmacist'],
    ['cps-midwife', 'midwife'],
    ['cps-technician', 'technician'],
  ] as const)('%s authenticates as %s', async (profile, profession) => {
    await withDriver({}, async (s) => {
      const { cardId } = await insert(s, profile);
      expect(await s.login(cardId, pinOf(profile))).toMatchObject({
        status: 'authenticated',
        identity: { profession },
      });
    });
  });

  it('a wrong PIN is wrong_pin (SoftHSM does not count: no number), then the right one works', async () => {
    await withDriver({}, async (s) => {
      const { cardId } = await insert(s, 'cps-nurse');
      expect(await s.login(cardId, '0000')).toEqual({ status: 'wrong_pin' });
      expect(await s.login(cardId, pinOf('cps-nurse'))).toMatchObject({ status: 'authenticated' });
    });
  });

  it('a PIN the card cannot take (3 or 9 digits) is never sent', async () => {
    await withDriver({}, async (s) => {
      const { cardId } = await insert(s, 'cps-nurse');
      expect((await s.login(cardId, '606')).status).toBe('wrong_pin');
      expect((await s.login(cardId, '606060606')).status).toBe('wrong_pin');
    });
  });

  it('the blocked card is blocked before any PIN, and at login', async () => {
    await withDriver({}, async (s) => {
      const { cardId } = await insert(s, 'cps-blocked');
      expect(await s.pinRetries(cardId)).toBe(0);
      expect(await s.login(cardId, pinOf('cps-blocked'))).toEqual({ status: 'blocked' });
    });
  });

  it('the expired card is refused before its PIN is asked of the module', async () => {
    await withDriver({}, async (s) => {
      const { cardId } = await insert(s, 'cps-expired');
      expect(await s.login(cardId, pinOf('cps-expired'))).toEqual({ status: 'rejected', reason: 'expired' });
    });
  });

  it('HZ-26 the revoked card is refused (site CRL), before its PIN is asked', async () => {
    await withDriver({}, async (s) => {
      const { cardId } = await insert(s, 'cps-revoked');
      expect(await s.login(cardId, pinOf('cps-revoked'))).toEqual({ status: 'rejected', reason: 'revoked' });
    });
  });

  it('a card from an untrusted authority is refused', async () => {
    await withDriver({ anchors: [] }, async (s) => {
      const { cardId } = await insert(s, 'cps-nurse');
      expect(await s.login(cardId, pinOf('cps-nurse'))).toEqual({ status: 'rejected', reason: 'untrusted' });
    });
  });

  it('a card swapped for another is a new insertion; the old cardId is refused', async () => {
    await withDriver({}, async (s) => {
      const first = await insert(s, 'cps-nurse');
      visible = tokenLabel('cps-doctor');
      const second = await new Promise<string>((resolve) => {
        const off = s.onStatus((st) => {
          if (st.status === 'card_present' && st.cardId !== first.cardId) {
            off();
            resolve(st.cardId);
          }
        });
      });
      expect(await s.login(first.cardId, pinOf('cps-nurse'))).toEqual({ status: 'card_removed' });
      expect(await s.login(second, pinOf('cps-doctor'))).toMatchObject({ status: 'authenticated' });
    });
  });

  it('a module that cannot be loaded is service_unavailable, never a crash', async () => {
    await withDriver(
      { modulePath: path.join(dir, 'no-such-module.so'), retry: { initialMs: 20, maxMs: 50 } },
      async (s) => {
        await new Promise((r) => setTimeout(r, 200));
        expect(s.current()).toEqual({ status: 'service_unavailable' });
      },
    );
  });
});

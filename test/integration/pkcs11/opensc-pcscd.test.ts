/**
 * The PKCS#11 driver over OpenSC's module, over the virtual PIV card, through the machine's pcscd
 * (`pcscd` vitest project: one at a time). The same card the PC/SC-PIV driver reads, through a
 * second, independent middleware: P-256 key, CKM_ECDSA, retry counter and block from the card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustAnchors } from '../../../appliance/drivers/smartcard/certificate.ts';
import { Pkcs11SmartcardService } from '../../../appliance/drivers/smartcard/pkcs11/pkcs11-driver.ts';
import { createVirtualCard, type VirtualCard } from '../../../appliance/dev/virtual-card/index.ts';
import type { VirtualCardProfile } from '../../../appliance/dev/virtual-card/index.ts';
import { startHarness, waitForStatus, type Harness } from '../smartcard/harness.ts';

const OPENSC = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';
let h: Harness;
let service: Pkcs11SmartcardService;
let card: VirtualCard | undefined;

beforeAll(async () => {
  h = await startHarness();
  service = new Pkcs11SmartcardService({
    modulePath: OPENSC,
    anchors: parseTrustAnchors([h.pki.testCa.certPem]),
    pollMs: 100,
    retry: { initialMs: 200, maxMs: 1000 },
  });
  await waitForStatus(service, 'no_card', undefined, 20_000);
}, 60_000);

afterAll(async () => {
  await card?.remove();
  await service?.close();
  await h?.dispose();
});

async function insert(profile: VirtualCardProfile): Promise<string> {
  await card?.remove();
  if (card !== undefined) await waitForStatus(service, 'no_card', undefined, 10_000);
  card = await createVirtualCard(h.pki, profile, { port: h.pcscd.port });
  await card.insert();
  return (await waitForStatus(service, 'card_present', undefined, 20_000)).cardId;
}

describe('PKCS#11 driver over OpenSC and the virtual PIV card (pcscd)', () => {
  it('the nurse logs in through OpenSC (ECDSA P-256 challenge)', async () => {
    const cardId = await insert('nurse');
    expect(await service.login(cardId, h.pki.people.nurse.pin)).toMatchObject({
      status: 'authenticated',
      identity: { profession: 'nurse' },
    });
  }, 60_000);

  it('a wrong PIN is wrong_pin; the blocked card says blocked', async () => {
    const cardId = await insert('doctor');
    expect((await service.login(cardId, '000000')).status).toBe('wrong_pin');
    expect(await service.login(cardId, h.pki.people.doctor.pin)).toMatchObject({ status: 'authenticated' });
    const blocked = await insert('blocked');
    expect(await service.pinRetries(blocked)).toBe(0);
    expect(await service.login(blocked, h.pki.people.nurse.pin)).toEqual({ status: 'blocked' });
  }, 90_000);

  it('the expired card is refused', async () => {
    const cardId = await insert('nurse-expired');
    expect(await service.login(cardId, h.pki.people['nurse-expired'].pin)).toEqual({
      status: 'rejected',
      reason: 'expired',
    });
  }, 60_000);
});

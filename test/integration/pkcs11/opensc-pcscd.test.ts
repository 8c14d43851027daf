/**
 * The PKCS#11 driver over OpenSC's module, over the virtual PIV card, through the machine's pcscd
 * (`pcscd` vitest project: one at a time). The same card the PC/SC-PIV driver reads, through a
 * second, independent middleware: P-256 key, CKM_ECDSA, retry counter and block from the card.
 */
import { X509Certificate } from 'node:crypto';
import { compactVerify, importX509 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustAnchors } from '../../../appliance/drivers/smartcard/certificate.ts';
import { Pkcs11SmartcardService } from '../../../appliance/drivers/smartcard/pkcs11/pkcs11-driver.ts';
import { createVirtualCard, type VirtualCard } from '../../../appliance/dev/virtual-card/index.ts';
import type { VirtualCardProfile } from '../../../appliance/dev/virtual-card/index.ts';
import { startHarness, waitForStatus, type Harness } from '../smartcard/harness.ts';

const OPENSC = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';
let h: Harness;
let card: VirtualCard | undefined;
let service: Pkcs11SmartcardService | undefined;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);

afterAll(async () => {
  await service?.close();
  await card?.remove();
  await h?.dispose();
});

/** Inserts `profile` and starts a fresh driver on OpenSC's module for it. */
async function insert(profile: VirtualCardProfile): Promise<string> {
  await service?.close();
  await card?.remove();
  card = await createVirtualCard(h.pki, profile, { port: h.pcscd.port });
  await card.insert();
  service = new Pkcs11SmartcardService({
    modulePath: OPENSC,
    anchors: parseTrustAnchors([h.pki.testCa.certPem]),
    pollMs: 100,
    retry: { initialMs: 200, maxMs: 1000 },
  });
  return (await waitForStatus(service, 'card_present', undefined, 20_000)).cardId;
}

describe('PKCS#11 driver over OpenSC and the virtual PIV card (pcscd)', () => {
  it('the nurse logs in through OpenSC (ECDSA P-256 challenge)', async () => {
    const cardId = await insert('nurse');
    expect(await service?.login(cardId, h.pki.people.nurse.pin)).toMatchObject({
      status: 'authenticated',
      identity: { profession: 'nurse' },
    });
  }, 60_000);

  it('a wrong PIN is wrong_pin, then the right one authenticates', async () => {
    const cardId = await insert('doctor');
    expect((await service?.login(cardId, '000000'))?.status).toBe('wrong_pin');
    expect(await service?.login(cardId, h.pki.people.doctor.pin)).toMatchObject({ status: 'authenticated' });
  }, 90_000);

  it('HZ-21 the doctor’s card signs records through OpenSC: ES256 with the 9C signature certificate, verified by jose', async () => {
    const cardId = await insert('doctor');
    const made = await service?.recordSigner(cardId, h.pki.people.doctor.pin);
    if (made?.status !== 'ready') throw new Error(`no signer: ${made?.status}`);
    expect(made.signer.algorithm).toBe('ES256');
    const leaf = made.signer.certificateChain[0] ?? new Uint8Array();
    expect(
      new X509Certificate(leaf).raw.equals(
        new X509Certificate(h.pki.people.doctor.signing?.certPem ?? '').raw,
      ),
    ).toBe(true);
    const b64u = (d: string | Uint8Array) => Buffer.from(d).toString('base64url');
    const signingInput = `${b64u(JSON.stringify({ alg: 'ES256' }))}.${b64u('tier')}`;
    const signature = await made.signer.sign(new TextEncoder().encode(signingInput));
    const key = await importX509(new X509Certificate(leaf).toString(), 'ES256');
    const verified = await compactVerify(`${signingInput}.${b64u(signature)}`, key);
    expect(new TextDecoder().decode(verified.payload)).toBe('tier');
  }, 90_000);

  it('the blocked card says blocked', async () => {
    const blocked = await insert('blocked');
    expect(await service?.pinRetries(blocked)).toBe(0);
    expect(await service?.login(blocked, h.pki.people.nurse.pin)).toEqual({ status: 'blocked' });
  }, 60_000);

  it('the expired card is refused', async () => {
    const cardId = await insert('nurse-expired');
    expect(await service?.login(cardId, h.pki.people['nurse-expired'].pin)).toEqual({
      status: 'rejected',
      reason: 'expired',
    });
  }, 60_000);

  it('HZ-01 HZ-15 a pulled card is reported no_card, then a card put back is a new card', async () => {
    const first = await insert('nurse');
    await card?.remove();
    if (service) await waitForStatus(service, 'no_card', undefined, 2000);
    await card?.insert();
    const again = service && (await waitForStatus(service, 'card_present', undefined, 10_000));
    expect(again?.cardId).not.toBe(first);
    expect(await service?.login(first, h.pki.people.nurse.pin)).toEqual({ status: 'card_removed' });
  }, 30_000);
});

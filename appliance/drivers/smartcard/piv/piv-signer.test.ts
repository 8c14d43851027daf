import { createPrivateKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../../common/result.ts';
import type { Transmit } from '../apdu.ts';
import { PivApplet } from '../../../dev/virtual-card/piv-applet.ts';
import { personalise } from '../../../dev/virtual-card/index.ts';
import { testCa, testPerson, type TestIdentity } from '../../../record/pki.testing.ts';
import { signTier } from '../../../record/crypto/sign.ts';
import { verifyTier } from '../../../record/crypto/verify.ts';
import { derToRawP256, pivRecordSigner } from './piv-signer.ts';

let ca: TestIdentity;
let authentication: TestIdentity;
let signing: TestIdentity;
const PIN = '101010';
const payload = new TextEncoder().encode('{"resourceType":"Bundle"}');

const scalar = (pem: string) =>
  new Uint8Array(Buffer.from(String(createPrivateKey(pem).export({ format: 'jwk' }).d), 'base64url'));

beforeAll(async () => {
  ca = await testCa('PIV Root');
  authentication = await testPerson(ca, { name: 'Dr Claire MARTIN', title: '10' });
  signing = await testPerson(ca, { name: 'Dr Claire MARTIN', title: '10' });
});

async function card(withSigningKey: boolean): Promise<{ applet: PivApplet; transmit: Transmit }> {
  const perso = await personalise({
    certPem: authentication.certificatePem,
    keyPem: authentication.privateKeyPem,
    pin: PIN,
  });
  const applet = new PivApplet({
    ...perso,
    ...(withSigningKey
      ? {
          signing: {
            certificateDer: new Uint8Array(signing.certificate.rawData),
            privateKey: scalar(signing.privateKeyPem),
          },
        }
      : {}),
  });
  return { applet, transmit: async (cmd) => ok(applet.process(cmd)) };
}

describe('signing a record on a PIV card (9C)', () => {
  it('HZ-21 the card signs both tiers with its 9C key after VERIFY; the record verifies with the 9C certificate', async () => {
    const { transmit } = await card(true);
    const signer = await pivRecordSigner(transmit, PIN);
    if (!signer.ok) throw new Error(signer.error.kind);
    expect(
      Buffer.from(signer.value.certificateChain[0] ?? []).equals(Buffer.from(signing.certificate.rawData)),
    ).toBe(true);
    for (const tier of ['full', 'emergency'] as const) {
      const jws = await signTier(payload, signer.value, { tier, version: 2 });
      const verified = await verifyTier(jws, { tier, trustAnchorsPem: [ca.certificatePem], now: new Date() });
      expect(verified?.verification).toMatchObject({
        status: 'valid',
        version: 2,
        signer: { profession: 'doctor' },
      });
    }
  });

  it('the 9C key is "PIN Always": a second GENERAL AUTHENTICATE without VERIFY is refused by the card', async () => {
    const { applet, transmit } = await card(true);
    const signer = await pivRecordSigner(transmit, PIN);
    if (!signer.ok) throw new Error(signer.error.kind);
    await signer.value.sign(new Uint8Array([1, 2, 3]));
    const digest = new Uint8Array(32).fill(7);
    const ga = Uint8Array.from([0x00, 0x87, 0x11, 0x9c, 38, 0x7c, 36, 0x82, 0x00, 0x81, 32, ...digest, 0x00]);
    const answer = applet.process(ga);
    expect(Array.from(answer.slice(-2))).toEqual([0x69, 0x82]);
  });

  it('a wrong PIN and a card without a signature key are told apart, before anything is signed', async () => {
    const { transmit } = await card(true);
    const wrong = await pivRecordSigner(transmit, '999999');
    expect(!wrong.ok && wrong.error).toMatchObject({ kind: 'wrong_pin' });
    const without = await pivRecordSigner((await card(false)).transmit, PIN);
    expect(!without.ok && without.error.kind).toBe('no_signing_certificate');
  });

  it('DER ECDSA signatures become 64-byte R‖S; malformed DER is refused', () => {
    const der = Uint8Array.from([0x30, 0x08, 0x02, 0x02, 0x00, 0x81, 0x02, 0x02, 0x01, 0x02]);
    const raw = derToRawP256(der);
    expect(raw?.length).toBe(64);
    expect(raw?.[31]).toBe(0x81);
    expect(Array.from(raw?.slice(62) ?? [])).toEqual([0x01, 0x02]);
    expect(derToRawP256(Uint8Array.from([0x30, 0x03, 0x02, 0x01]))).toBeUndefined();
  });
});

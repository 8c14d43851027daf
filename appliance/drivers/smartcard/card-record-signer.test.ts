import { createPrivateKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../common/result.ts';
import { personalise } from '../../dev/virtual-card/index.ts';
import { PivApplet } from '../../dev/virtual-card/piv-applet.ts';
import { testCa, testPerson, type TestIdentity } from '../../record/pki.testing.ts';
import type { Transmit } from './apdu.ts';
import { cardRecordSigner, type SigningSession } from './card-record-signer.ts';

const PIN = '101010';
let ca: TestIdentity;
let person: TestIdentity;
const scalar = (pem: string) =>
  new Uint8Array(Buffer.from(String(createPrivateKey(pem).export({ format: 'jwk' }).d), 'base64url'));

beforeAll(async () => {
  ca = await testCa('Card Root');
  person = await testPerson(ca, { name: 'Dr Claire MARTIN', title: '10' });
});

async function session(withSigningKey: boolean): Promise<SigningSession & { pull(): void }> {
  const perso = await personalise({ certPem: person.certificatePem, keyPem: person.privateKeyPem, pin: PIN });
  const applet = new PivApplet({
    ...perso,
    ...(withSigningKey
      ? {
          signing: {
            certificateDer: new Uint8Array(person.certificate.rawData),
            privateKey: scalar(person.privateKeyPem),
          },
        }
      : {}),
  });
  let present = true;
  const transmit: Transmit = async (cmd) => ok(applet.process(cmd));
  return { transmit, run: (work) => work(), current: () => present, pull: () => (present = false) };
}

describe('the logged-in card as a record signer (issue 16)', () => {
  it('a PIV card with 9C: ready, ES256, its signing certificate; each signature queued on the session', async () => {
    const s = await session(true);
    const made = await cardRecordSigner(s, PIN);
    if (made.status !== 'ready') throw new Error(made.status);
    expect(made.signer.algorithm).toBe('ES256');
    expect(
      Buffer.from(made.signer.certificateChain[0] ?? []).equals(Buffer.from(person.certificate.rawData)),
    ).toBe(true);
    expect((await made.signer.sign(new TextEncoder().encode('x.y'))).byteLength).toBe(64);
  });

  it('wrong PIN with the retries left; no 9C key: no_signing_key (a card that may not sign records)', async () => {
    expect(await cardRecordSigner(await session(true), '000000')).toMatchObject({
      status: 'wrong_pin',
      retriesLeft: 2,
    });
    expect(await cardRecordSigner(await session(false), PIN)).toEqual({ status: 'no_signing_key' });
  });

  it('HZ-22 the card pulled after the PIN: every later signature fails (nothing can be sealed)', async () => {
    const s = await session(true);
    const made = await cardRecordSigner(s, PIN);
    if (made.status !== 'ready') throw new Error(made.status);
    s.pull();
    await expect(made.signer.sign(new TextEncoder().encode('x.y'))).rejects.toThrow(/left the reader/u);
  });
});

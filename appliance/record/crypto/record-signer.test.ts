import { beforeAll, describe, expect, it } from 'vitest';
import { testCa, testPerson, type TestIdentity } from '../pki.testing.ts';
import { RecordInputError } from './errors.ts';
import type { RecordSigner } from './record-signer.ts';
import { signTier } from './sign.ts';
import { verifyTier } from './verify.ts';

const payload = new TextEncoder().encode('{"resourceType":"Bundle"}');
let ca: TestIdentity;

beforeAll(async () => {
  ca = await testCa('Signer Root');
});

/** A signer that, like a card, only exposes "sign these bytes" (WebCrypto key, not extractable use). */
function cardLike(person: TestIdentity, algorithm: 'ES256' | 'PS256'): RecordSigner {
  return {
    algorithm,
    certificateChain: [new Uint8Array(person.certificate.rawData)],
    sign: async (input) => {
      const pkcs8 = Buffer.from(person.privateKeyPem.replace(/-----[^-]+-----|\s/gu, ''), 'base64');
      const params =
        algorithm === 'ES256' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSA-PSS', hash: 'SHA-256' };
      const key = await crypto.subtle.importKey('pkcs8', pkcs8, params, false, ['sign']);
      const signParams =
        algorithm === 'ES256' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSA-PSS', saltLength: 32 };
      return new Uint8Array(await crypto.subtle.sign(signParams, key, new Uint8Array(input)));
    },
  };
}

describe('RecordSigner', () => {
  it('a card-like signer (sign bytes only) makes a tier that verifies, ES256 and PS256', async () => {
    const ec = await testPerson(ca, { title: '10' });
    const rsa = await testPerson(ca, { title: '50', rsa: true });
    for (const [person, alg] of [
      [ec, 'ES256'],
      [rsa, 'PS256'],
    ] as const) {
      const jws = await signTier(payload, cardLike(person, alg), { tier: 'full', version: 2 });
      const verified = await verifyTier(jws, {
        tier: 'full',
        trustAnchorsPem: [ca.certificatePem],
        now: new Date(),
      });
      expect(verified?.verification, alg).toMatchObject({ status: 'valid', version: 2 });
    }
  });

  it('a signer whose key does not match its certificate is refused before anything is written', async () => {
    const a = await testPerson(ca);
    const b = await testPerson(ca);
    const mismatched: RecordSigner = {
      ...cardLike(a, 'ES256'),
      certificateChain: [new Uint8Array(b.certificate.rawData)],
    };
    await expect(signTier(payload, mismatched, { tier: 'full' })).rejects.toBeInstanceOf(RecordInputError);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { CompactSign } from 'jose';
import { createPrivateKey } from 'node:crypto';
import { KeyUsageFlags } from '../../common/x509.ts';
import { testCa, testPerson, type TestIdentity } from '../testing/pki.ts';
import { signTier } from './sign.ts';
import { verifyTier } from './verify.ts';
import { RecordInputError } from './errors.ts';

const payload = new TextEncoder().encode('{"resourceType":"Bundle"}');
const now = new Date();
const DAY = 24 * 3600 * 1000;
let ca: TestIdentity;
let other: TestIdentity;
let doctor: TestIdentity;

beforeAll(async () => {
  ca = await testCa('Test Root');
  other = await testCa('Other Root');
  doctor = await testPerson(ca, { name: 'Dr Claire MARTIN', nationalId: '810001234567', title: '10' });
});

const signer = (p: TestIdentity, chain: TestIdentity[] = []) => ({
  privateKeyPem: p.privateKeyPem,
  certificateChainPem: [p.certificatePem, ...chain.map((c) => c.certificatePem)],
});
const verify = (jws: string, anchors = [ca.certificatePem], tier: 'full' | 'emergency' = 'full', at = now) =>
  verifyTier(jws, { tier, trustAnchorsPem: anchors, now: at });

describe('tier signatures', () => {
  it('ES256 with x5c verifies as valid with the signer identity and signing time', async () => {
    const at = new Date('2026-03-01T10:00:00Z');
    const jws = await signTier(payload, signer(doctor), { tier: 'full', now: at });
    const result = await verify(jws);
    expect(result?.verification).toEqual({
      status: 'valid',
      signer: { name: 'Dr Claire MARTIN', nationalId: '810001234567', profession: 'doctor' },
      signedAt: '2026-03-01T10:00:00.000Z',
    });
    expect(result?.payload).toEqual(payload);
  });

  it('PS256 and RS256 signers (RSA cards) verify', async () => {
    const rsa = await testPerson(ca, { rsa: true, title: '21' });
    for (const rsaAlgorithm of ['PS256', 'RS256'] as const) {
      const jws = await signTier(payload, signer(rsa), { tier: 'full', rsaAlgorithm });
      expect(JSON.parse(Buffer.from(jws.split('.')[0] as string, 'base64url').toString()).alg).toBe(
        rsaAlgorithm,
      );
      expect((await verify(jws))?.verification).toMatchObject({
        status: 'valid',
        signer: { profession: 'pharmacist' },
      });
    }
  });

  it('a chain through an intermediate given in x5c is trusted', async () => {
    const intermediate = await testCa('Test Intermediate', ca);
    const nurse = await testPerson(intermediate, { title: '60' });
    const jws = await signTier(payload, signer(nurse, [intermediate]), { tier: 'full' });
    expect((await verify(jws))?.verification.status).toBe('valid');
    const withoutIntermediate = await signTier(payload, signer(nurse), { tier: 'full' });
    expect((await verify(withoutIntermediate))?.verification.status).toBe('untrusted');
  });

  it('HZ-04 a record signed by a certificate outside the trust anchors is untrusted, with the claimed signer', async () => {
    const impostor = await testPerson(other, { name: 'Dr Claire MARTIN' });
    const jws = await signTier(payload, signer(impostor), { tier: 'full' });
    expect((await verify(jws))?.verification).toMatchObject({
      status: 'untrusted',
      signer: { name: 'Dr Claire MARTIN' },
    });
  });

  it('HZ-04 an expired (or not yet valid) signer certificate reads as expired', async () => {
    const expired = await testPerson(ca, {
      notBefore: new Date(Date.now() - 300 * DAY),
      notAfter: new Date(Date.now() - 10 * DAY),
    });
    const then = new Date(Date.now() - 100 * DAY);
    const jws = await signTier(payload, signer(expired), { tier: 'full', now: then });
    expect((await verify(jws))?.verification.status).toBe('expired');
    expect((await verify(jws, [ca.certificatePem], 'full', then))?.verification.status).toBe('valid');
    const future = await testPerson(ca, { notBefore: new Date(Date.now() + 10 * DAY) });
    const early = await signTier(payload, signer(future), { tier: 'full' });
    expect((await verify(early))?.verification.status).toBe('expired');
  });

  it('HZ-04 a certificate without signing keyUsage is untrusted', async () => {
    const noUsage = await testPerson(ca, { usages: null });
    const encipherOnly = await testPerson(ca, { usages: KeyUsageFlags.keyEncipherment });
    for (const p of [noUsage, encipherOnly]) {
      const jws = await signTier(payload, signer(p), { tier: 'full' });
      expect((await verify(jws))?.verification.status).toBe('untrusted');
    }
  });

  it('HZ-04 a leaf used as an issuer (not a CA) does not make a chain', async () => {
    const fake = await testPerson(doctor, {});
    const jws = await signTier(payload, signer(fake, [doctor]), { tier: 'full' });
    expect((await verify(jws))?.verification.status).toBe('untrusted');
  });

  it('HZ-04 any altered byte of the payload, header or signature is an invalid signature', async () => {
    const jws = await signTier(payload, signer(doctor), { tier: 'full' });
    const [h, p, s] = jws.split('.') as [string, string, string];
    const otherPayload = Buffer.from('{"resourceType":"Bundle","x":1}').toString('base64url');
    const flip = (part: string) => part.slice(0, 5) + (part[5] === 'A' ? 'B' : 'A') + part.slice(6);
    for (const altered of [`${h}.${otherPayload}.${s}`, `${h}.${p}.${flip(s)}`, `${flip(h)}.${p}.${s}`]) {
      expect((await verify(altered))?.verification.status).toBe('invalid_signature');
    }
  });

  it('HZ-04 a tier signature moved to the other tier is refused', async () => {
    const jws = await signTier(payload, signer(doctor), { tier: 'full' });
    expect((await verify(jws, [ca.certificatePem], 'emergency'))?.verification.status).toBe(
      'invalid_signature',
    );
  });

  it('HZ-04 a JWS without x5c, with another typ or alg none is not valid', async () => {
    const key = createPrivateKey(doctor.privateKeyPem);
    const noX5c = await new CompactSign(payload)
      .setProtectedHeader({ alg: 'ES256', typ: 'baladeur-tier+jws', tier: 'full' })
      .sign(key);
    expect((await verify(noX5c))?.verification.status).toBe('invalid_signature');
    const none = `${Buffer.from('{"alg":"none","typ":"baladeur-tier+jws","tier":"full"}').toString('base64url')}.${Buffer.from(payload).toString('base64url')}.`;
    expect((await verify(none))?.verification.status).toBe('invalid_signature');
    expect(await verify('not a jws')).toBeUndefined();
  });

  it('refuses to sign with a key that does not match the certificate', async () => {
    const someoneElse = await testPerson(ca);
    await expect(
      signTier(
        payload,
        { privateKeyPem: someoneElse.privateKeyPem, certificateChainPem: [doctor.certificatePem] },
        { tier: 'full' },
      ),
    ).rejects.toBeInstanceOf(RecordInputError);
    await expect(
      signTier(
        payload,
        { privateKeyPem: 'nope', certificateChainPem: [doctor.certificatePem] },
        { tier: 'full' },
      ),
    ).rejects.toThrow(/not a PEM private key/u);
  });
});

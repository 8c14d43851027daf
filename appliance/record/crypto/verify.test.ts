import { beforeAll, describe, expect, it } from 'vitest';
import { CompactSign } from 'jose';
import { createPrivateKey } from 'node:crypto';
import { KeyUsageFlags } from '../../common/x509.ts';
import { testCa, testPerson, unknownCriticalExtension, type TestIdentity } from '../pki.testing.ts';
import { signTier } from './sign.ts';
import { verifyTier } from './verify.ts';
import { RecordInputError } from './errors.ts';
import type { Profession } from '../../common/professions.ts';

const payload = new TextEncoder().encode('{"resourceType":"Bundle"}');
const now = new Date();
const DAY = 24 * 3600 * 1000;
let ca: TestIdentity;
let other: TestIdentity;
let doctor: TestIdentity;

beforeAll(async () => {
  ca = await testCa('Test Root');
  other = await testCa('Other Root');
  doctor = await testPerson(ca, { name: 'Dr Claire MARTIN', nationalId: '810000000009', title: '10' });
});

const signer = (p: TestIdentity, chain: TestIdentity[] = []) => ({
  privateKeyPem: p.privateKeyPem,
  certificateChainPem: [p.certificatePem, ...chain.map((c) => c.certificatePem)],
});
const verify = (jws: string, anchors = [ca.certificatePem], tier: 'full' | 'emergency' = 'full', at = now) =>
  verifyTier(jws, { tier, trustAnchorsPem: anchors, now: at });
const statusOf = async (jws: string, signerProfessions?: readonly Profession[]) =>
  (
    await verifyTier(jws, {
      tier: 'full',
      trustAnchorsPem: [ca.certificatePem],
      now,
      ...(signerProfessions === undefined ? {} : { signerProfessions }),
    })
  )?.verification.status;

describe('tier signatures', () => {
  it('ES256 with x5c verifies as valid with the signer identity and signing time', async () => {
    const at = new Date('2026-03-01T10:00:00Z');
    const jws = await signTier(payload, signer(doctor), { tier: 'full', now: at });
    const result = await verify(jws);
    expect(result?.verification).toEqual({
      status: 'valid',
      signer: { name: 'Dr Claire MARTIN', nationalId: '810000000009', profession: 'doctor' },
      signedAt: '2026-03-01T10:00:00.000Z',
      version: 1,
    });
    expect(result?.payload).toEqual(payload);
  });

  it('HZ-05 the version and the replaced container id are signed and read back; malformed ones are refused', async () => {
    const previousId = '8b400b57e020fdd98f23c567fc7b1b15';
    const jws = await signTier(payload, signer(doctor), { tier: 'full', version: 4, previousId });
    expect((await verify(jws))?.verification).toMatchObject({ status: 'valid', version: 4, previousId });
    await expect(signTier(payload, signer(doctor), { tier: 'full', version: 0 })).rejects.toBeInstanceOf(
      RecordInputError,
    );
    await expect(
      signTier(payload, signer(doctor), { tier: 'full', previousId: 'not-an-id' }),
    ).rejects.toBeInstanceOf(RecordInputError);
    const key = createPrivateKey(doctor.privateKeyPem);
    const x5c = [Buffer.from(doctor.certificate.rawData).toString('base64')];
    for (const extra of [{ ver: 1.5 }, { ver: '2' }, { ver: 2, prev: 'ABC' }]) {
      const odd = await new CompactSign(payload)
        .setProtectedHeader({
          alg: 'ES256',
          typ: 'baladeur-tier+jws',
          tier: 'full',
          x5c,
          iat: Math.floor(Date.now() / 1000),
          ...extra,
        })
        .sign(key);
      expect((await verify(odd))?.verification.status, JSON.stringify(extra)).toBe('invalid_signature');
    }
  });

  it('PS256 and RS256 signers (RSA cards) verify', async () => {
    const rsa = await testPerson(ca, { rsa: true, title: '50' });
    for (const rsaAlgorithm of ['PS256', 'RS256'] as const) {
      const jws = await signTier(payload, signer(rsa), { tier: 'full', rsaAlgorithm });
      expect(JSON.parse(Buffer.from(jws.split('.')[0] as string, 'base64url').toString()).alg).toBe(
        rsaAlgorithm,
      );
      expect((await verify(jws))?.verification).toMatchObject({
        status: 'valid',
        signer: { profession: 'midwife' },
      });
    }
  });

  it('a chain through an intermediate given in x5c is trusted', async () => {
    const intermediate = await testCa('Test Intermediate', ca);
    const nurse = await testPerson(intermediate, { title: '50' });
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

  it('HZ-05 a signature is judged at its signing time: valid after the signer certificate expired', async () => {
    const expired = await testPerson(ca, {
      notBefore: new Date(Date.now() - 300 * DAY),
      notAfter: new Date(Date.now() - 10 * DAY),
    });
    const then = new Date(Date.now() - 100 * DAY);
    const jws = await signTier(payload, signer(expired), { tier: 'full', now: then });
    expect((await verify(jws))?.verification).toMatchObject({
      status: 'valid',
      signedAt: new Date(Math.floor(then.getTime() / 1000) * 1000).toISOString(),
    });
  });

  it('HZ-04 a signing time outside the signer certificate validity, or in the future, reads as expired', async () => {
    const expired = await testPerson(ca, {
      notBefore: new Date(Date.now() - 300 * DAY),
      notAfter: new Date(Date.now() - 10 * DAY),
    });
    const afterExpiry = await signTier(payload, signer(expired), {
      tier: 'full',
      now: new Date(Date.now() - DAY),
    });
    expect((await verify(afterExpiry))?.verification.status).toBe('expired');
    const beforeIssue = await signTier(payload, signer(expired), {
      tier: 'full',
      now: new Date(Date.now() - 400 * DAY),
    });
    expect((await verify(beforeIssue))?.verification.status).toBe('expired');
    const future = await testPerson(ca, { notBefore: new Date(Date.now() + 10 * DAY) });
    const early = await signTier(payload, signer(future), { tier: 'full' });
    expect((await verify(early))?.verification.status).toBe('expired');
    const tomorrow = await signTier(payload, signer(doctor), {
      tier: 'full',
      now: new Date(Date.now() + DAY),
    });
    expect((await verify(tomorrow))?.verification.status).toBe('expired');
    const fiveMinutesAhead = await signTier(payload, signer(doctor), {
      tier: 'full',
      now: new Date(Date.now() + 5 * 60_000),
    });
    expect((await verify(fiveMinutesAhead))?.verification.status).toBe('valid');
  });

  it('HZ-04 a JWS without iat (no signing time to judge) is not valid', async () => {
    const key = createPrivateKey(doctor.privateKeyPem);
    const noIat = await new CompactSign(payload)
      .setProtectedHeader({
        alg: 'ES256',
        typ: 'baladeur-tier+jws',
        tier: 'full',
        x5c: [Buffer.from(doctor.certificate.rawData).toString('base64')],
      })
      .sign(key);
    expect((await verify(noIat))?.verification.status).toBe('invalid_signature');
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

  it('HZ-21 records signed by the technician, pharmacist or nurse profile read not_authorised', async () => {
    for (const [title, profession] of [
      ['TECH', 'technician'],
      ['21', 'pharmacist'],
      ['60', 'nurse'],
    ] as const) {
      const nationalId = title === 'TECH' ? 'T00000000042' : '810000000009';
      const person = await testPerson(ca, { title, nationalId, name: 'Someone SIGNING' });
      const jws = await signTier(payload, signer(person), { tier: 'full' });
      expect((await verify(jws))?.verification).toEqual({
        status: 'not_authorised',
        signer: { name: 'Someone SIGNING', nationalId, profession },
      });
    }
  });

  it('HZ-21 the site policy decides who may sign: a pharmacist allowed by it reads valid, a doctor left out does not', async () => {
    const pharmacist = await testPerson(ca, { title: '21' });
    const byPharmacist = await signTier(payload, signer(pharmacist), { tier: 'full' });
    expect(await statusOf(byPharmacist, ['doctor', 'midwife', 'pharmacist'])).toBe('valid');
    const byDoctor = await signTier(payload, signer(doctor), { tier: 'full' });
    expect(await statusOf(byDoctor, ['midwife'])).toBe('not_authorised');
    expect(await statusOf(byDoctor)).toBe('valid');
  });

  it('HZ-21 a trusted certificate without a profile identity (TLS server, bad RPPS key) is refused', async () => {
    const tlsServer = await testPerson(ca, {
      subject: 'CN=kiosk.example.org',
      extendedUsages: ['1.3.6.1.5.5.7.3.1'],
    });
    expect(await statusOf(await signTier(payload, signer(tlsServer), { tier: 'full' }))).toBe('untrusted');
    const tlsNoEku = await testPerson(ca, { subject: 'CN=kiosk.example.org' });
    expect(await statusOf(await signTier(payload, signer(tlsNoEku), { tier: 'full' }))).toBe(
      'not_authorised',
    );
    const badId = await testPerson(ca, { nationalId: '810000000008' });
    expect(await statusOf(await signTier(payload, signer(badId), { tier: 'full' }))).toBe('not_authorised');
  });

  it('HZ-21 the extended key usage, when present, must allow signing a document', async () => {
    const cases = [
      [['1.3.6.1.5.5.7.3.36'], 'valid'],
      [['1.3.6.1.5.5.7.3.4'], 'valid'],
      [['1.3.6.1.5.5.7.3.2'], 'valid'],
      [['1.3.6.1.5.5.7.3.1'], 'untrusted'],
      [['1.3.6.1.5.5.7.3.3', '1.3.6.1.5.5.7.3.8'], 'untrusted'],
    ] as const;
    for (const [extendedUsages, expected] of cases) {
      const person = await testPerson(ca, { extendedUsages });
      expect(
        await statusOf(await signTier(payload, signer(person), { tier: 'full' })),
        extendedUsages.join(),
      ).toBe(expected);
    }
  });

  it('HZ-21 a sub-CA that breaks the root pathLenConstraint 0 does not make a path', async () => {
    const strictRoot = await testCa('Strict Root', undefined, { pathLength: 0 });
    const sub = await testCa('Sub CA', strictRoot);
    const leaf = await testPerson(sub, {});
    const jws = await signTier(payload, signer(leaf, [sub]), { tier: 'full' });
    expect((await verify(jws, [strictRoot.certificatePem]))?.verification.status).toBe('untrusted');
    const looseRoot = await testCa('Loose Root', undefined, { pathLength: 1 });
    const sub2 = await testCa('Sub CA 2', looseRoot, { pathLength: 0 });
    const leaf2 = await testPerson(sub2, {});
    const ok = await signTier(payload, signer(leaf2, [sub2]), { tier: 'full' });
    expect((await verify(ok, [looseRoot.certificatePem]))?.verification.status).toBe('valid');
    const sub3 = await testCa('Sub CA 3', sub2);
    const leaf3 = await testPerson(sub3, {});
    const tooDeep = await signTier(payload, signer(leaf3, [sub3, sub2]), { tier: 'full' });
    expect((await verify(tooDeep, [looseRoot.certificatePem]))?.verification.status).toBe('untrusted');
  });

  it('HZ-21 an unknown critical extension on the leaf or an issuer is refused', async () => {
    const leaf = await testPerson(ca, { extraExtensions: [unknownCriticalExtension()] });
    expect(await statusOf(await signTier(payload, signer(leaf), { tier: 'full' }))).toBe('untrusted');
    const oddSub = await testCa('Odd Sub CA', ca, { extraExtensions: [unknownCriticalExtension()] });
    const under = await testPerson(oddSub, {});
    expect(await statusOf(await signTier(payload, signer(under, [oddSub]), { tier: 'full' }))).toBe(
      'untrusted',
    );
    const plainSub = await testCa('Plain Sub CA', ca);
    const control = await testPerson(plainSub, {});
    expect(await statusOf(await signTier(payload, signer(control, [plainSub]), { tier: 'full' }))).toBe(
      'valid',
    );
  });
});

import { webcrypto } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffMapping } from '../../common/certificate-profile.ts';
import { ok } from '../../common/result.ts';
import { authenticate } from './authenticate.ts';
import type { OpenedCard } from './card-profile.ts';
import { x509 } from './x509.ts';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00Z');

let ca: { cert: x509.X509Certificate; key: CryptoKey };
let caKeyId: string;

interface TestCard {
  readonly der: Uint8Array;
  readonly card: OpenedCard;
}

/** A card whose authentication key signs the challenge digest, like a PIV card (DER ECDSA). */
async function card(subject: string): Promise<TestCard> {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await webcrypto.subtle.exportKey('jwk', keys.privateKey);
  const secret = new Uint8Array(Buffer.from(jwk.d ?? '', 'base64url'));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '0c01',
    subject,
    issuer: ca.cert.subjectName,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    signingAlgorithm: EC,
    notBefore: new Date(NOW.getTime() - DAY),
    notAfter: new Date(NOW.getTime() + 365 * DAY),
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
    ],
  });
  const opened: OpenedCard = {
    profile: 'test',
    pinLength: { min: 6, max: 8 },
    readCertificate: async () => ok(new Uint8Array(cert.rawData)),
    pinRetries: async () => ok(3),
    verifyPin: async () => ok({ kind: 'verified' }),
    signDigest: async (digest) => ok(p256.sign(digest, secret, { prehash: false, format: 'der' })),
  };
  return { der: new Uint8Array(cert.rawData), card: opened };
}

beforeAll(async () => {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=Test Establishment CA, O=CHU Test',
    keys,
    signingAlgorithm: EC,
    notBefore: new Date(NOW.getTime() - 1000 * DAY),
    notAfter: new Date(NOW.getTime() + 1000 * DAY),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  ca = { cert, key: keys.privateKey };
  caKeyId = cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId ?? '';
});

const CPE_NURSE = 'CN=Sophie PETIT, 2.5.4.5=3750100000042, 2.5.4.12=IDE';
const mapping = (extra: Partial<StaffMapping> = {}): StaffMapping => ({
  name: 'IDE du CHU',
  issuerKeyId: caKeyId,
  titles: ['IDE'],
  profession: 'nurse',
  ...extra,
});
const login = async (subject: string, staffMappings?: readonly StaffMapping[]) => {
  const c = await card(subject);
  return authenticate(c.card, c.der, '123456', {
    anchors: [ca.cert],
    now: () => NOW,
    ...(staffMappings === undefined ? {} : { staffMappings }),
  });
};

describe('login of establishment staff mapped by site policy', () => {
  it('HZ-06 an establishment card gets no_identity when the site maps nobody (today’s behaviour)', async () => {
    expect(await login(CPE_NURSE)).toEqual({ status: 'rejected', reason: 'no_identity' });
    expect(await login(CPE_NURSE, [])).toEqual({ status: 'rejected', reason: 'no_identity' });
  });

  it('HZ-06 a mapping by issuer key id and title logs the card in with the mapped role, named', async () => {
    const result = await login(CPE_NURSE, [mapping()]);
    expect(result).toMatchObject({
      status: 'authenticated',
      identity: {
        name: 'Sophie PETIT',
        nationalId: '3750100000042',
        profession: 'nurse',
        siteMapping: 'IDE du CHU',
      },
    });
  });

  it('HZ-06 a mapping by issuer DN and id prefix works; another issuer, title or prefix does not', async () => {
    const byDn = mapping({
      issuerKeyId: undefined,
      issuerSubject: ca.cert.subject,
      titles: undefined,
      idPrefixes: ['375010'],
    });
    expect((await login(CPE_NURSE, [byDn])).status).toBe('authenticated');
    const otherIssuer = mapping({ issuerKeyId: undefined, issuerSubject: 'CN=Another CA' });
    expect(await login(CPE_NURSE, [otherIssuer])).toEqual({ status: 'rejected', reason: 'no_identity' });
    expect(await login(CPE_NURSE, [mapping({ titles: ['SEC'] })])).toEqual({
      status: 'rejected',
      reason: 'no_identity',
    });
    expect(await login(CPE_NURSE, [mapping({ idPrefixes: ['3130'] })])).toEqual({
      status: 'rejected',
      reason: 'no_identity',
    });
  });

  it('HZ-21 a mapping never changes a card that carries its own profession (RPPS + TRE_G15)', async () => {
    const result = await login('CN=Dr Claire MARTIN, 2.5.4.5=810000000009, 2.5.4.12=10', [
      mapping({ titles: ['10'], profession: 'nurse' }),
    ]);
    expect(result).toMatchObject({ status: 'authenticated', identity: { profession: 'doctor' } });
    expect(result.status === 'authenticated' && result.identity.siteMapping).toBeUndefined();
  });
});

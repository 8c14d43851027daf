import { webcrypto } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexCrl, indexSignedBy, serialKey } from './crl-index.ts';
import * as x509 from './x509.ts';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
} as const;

interface Ca {
  readonly cert: x509.X509Certificate;
  readonly keys: CryptoKeyPair;
}

async function ca(name: string, algorithm: typeof EC | typeof RSA): Promise<Ca> {
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name,
    keys,
    signingAlgorithm: algorithm,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
  });
  return { cert, keys };
}

const crlBy = (issuer: Ca, algorithm: typeof EC | typeof RSA, signer: Ca = issuer) =>
  x509.X509CrlGenerator.create({
    issuer: issuer.cert.subjectName,
    thisUpdate: new Date('2026-06-01T00:00:00Z'),
    nextUpdate: new Date('2026-06-08T00:00:00Z'),
    entries: [
      { serialNumber: '00a1', revocationDate: new Date('2026-05-10T00:00:00Z') },
      {
        serialNumber: '0b02',
        revocationDate: new Date('2026-05-20T00:00:00Z'),
        invalidity: new Date('2026-05-01T00:00:00Z'),
      },
    ],
    signingKey: signer.keys.privateKey,
    signingAlgorithm: algorithm,
  });

let ecCa: Ca;
let rsaCa: Ca;
let otherCa: Ca;
beforeAll(async () => {
  ecCa = await ca('CN=EC CA', EC);
  rsaCa = await ca('CN=RSA CA', RSA);
  otherCa = await ca('CN=Other CA', EC);
});

describe('CRL index (what key workers receive)', () => {
  it('HZ-27 an ECDSA or RSA CRL is signed by its issuer’s key, not by another key', async () => {
    const ec = indexCrl(await crlBy(ecCa, EC));
    const rsa = indexCrl(await crlBy(rsaCa, RSA));
    expect(ec && indexSignedBy(ec, ecCa.cert)).toBe(true);
    expect(rsa && indexSignedBy(rsa, rsaCa.cert)).toBe(true);
    expect(ec && indexSignedBy(ec, otherCa.cert)).toBe(false);
    expect(ec && indexSignedBy(ec, rsaCa.cert)).toBe(false);
    expect(rsa && indexSignedBy(rsa, ecCa.cert)).toBe(false);
  });

  it('HZ-27 a CRL naming the issuer but signed by another key, or altered after signing, fails', async () => {
    const forged = indexCrl(await crlBy(ecCa, EC, otherCa));
    expect(forged && indexSignedBy(forged, ecCa.cert)).toBe(false);
    const genuine = indexCrl(await crlBy(ecCa, EC));
    if (genuine === undefined) throw new Error('not indexed');
    const tbs = new Uint8Array(genuine.tbs);
    tbs[tbs.length - 5] = (tbs[tbs.length - 5] ?? 0) ^ 1;
    expect(indexSignedBy({ ...genuine, tbs }, ecCa.cert)).toBe(false);
  });

  it('keeps issuer, dates and each serial with the earlier of revocation and invalidity dates', async () => {
    const index = indexCrl(await crlBy(ecCa, EC));
    expect(index?.issuer).toBe('CN=EC CA');
    expect(index?.thisUpdate).toBe(Date.parse('2026-06-01T00:00:00Z'));
    expect(index?.nextUpdate).toBe(Date.parse('2026-06-08T00:00:00Z'));
    expect(index?.revoked.get(serialKey('a1'))).toBe(Date.parse('2026-05-10T00:00:00Z'));
    expect(index?.revoked.get(serialKey('0B02'))).toBe(Date.parse('2026-05-01T00:00:00Z'));
    expect(serialKey('00A1')).toBe('a1');
    expect(serialKey('00')).toBe('00');
  });
});

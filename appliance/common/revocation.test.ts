import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCrls } from './revocation.ts';
import * as x509 from './x509.ts';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

describe('parsing the site CRLs', () => {
  it('HZ-26 a CRL listing thousands of cards parses (the ASN.1 parser’s default node cap would refuse it)', async () => {
    const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
    const crl = await x509.X509CrlGenerator.create({
      issuer: 'CN=Large CA',
      thisUpdate: new Date('2026-06-01T00:00:00Z'),
      nextUpdate: new Date('2026-06-08T00:00:00Z'),
      entries: Array.from({ length: 3000 }, (_, i) => ({
        serialNumber: (0x10000 + i).toString(16),
        revocationDate: new Date('2026-05-01T00:00:00Z'),
      })),
      signingKey: keys.privateKey,
      signingAlgorithm: EC,
    });
    const [parsed] = parseCrls([new Uint8Array(crl.rawData)]);
    expect(parsed?.findRevoked('010bb7')?.revocationDate.toISOString()).toBe('2026-05-01T00:00:00.000Z');
    expect(parseCrls([crl.toString('pem')])).toHaveLength(1);
  });
});

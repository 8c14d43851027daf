import { webcrypto } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkTrust } from './trust.ts';
import { checkRevocation, summariseCrls, type RevocationConfig } from './revocation.ts';
import { x509 } from './x509.ts';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00Z');

let ca: { cert: x509.X509Certificate; key: CryptoKey };
let card: x509.X509Certificate;
let other: x509.X509Certificate;

async function leaf(serialNumber: string, notBefore: Date): Promise<x509.X509Certificate> {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  return x509.X509CertificateGenerator.create({
    serialNumber,
    subject: 'CN=Julie BERNARD',
    issuer: ca.cert.subjectName,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    signingAlgorithm: EC,
    notBefore,
    notAfter: new Date(notBefore.getTime() + 365 * DAY),
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
}

const crl = (thisUpdate: Date, nextUpdate: Date, revoked: readonly string[], key = ca.key) =>
  x509.X509CrlGenerator.create({
    issuer: ca.cert.subjectName,
    thisUpdate,
    nextUpdate,
    entries: revoked.map((serialNumber) => ({ serialNumber, revocationDate: thisUpdate })),
    signingKey: key,
    signingAlgorithm: EC,
  });

beforeAll(async () => {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=Test CA',
    keys,
    signingAlgorithm: EC,
    notBefore: new Date(NOW.getTime() - 1000 * DAY),
    notAfter: new Date(NOW.getTime() + 1000 * DAY),
    extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
  });
  ca = { cert, key: keys.privateKey };
  card = await leaf('0a01', new Date(NOW.getTime() - DAY));
  other = await leaf('0a02', new Date(NOW.getTime() - DAY));
});

const config = async (
  c: Promise<x509.X509Crl>,
  staleCrl: 'warn' | 'refuse' = 'warn',
): Promise<RevocationConfig> => ({
  crls: [await c],
  staleCrl,
});
const current = () => crl(new Date(NOW.getTime() - DAY), new Date(NOW.getTime() + 6 * DAY), ['0a01']);
const stale = () => crl(new Date(NOW.getTime() - 10 * DAY), new Date(NOW.getTime() - 3 * DAY), []);

describe('revocation (site CRLs)', () => {
  it('a card listed on its issuer’s CRL is revoked; another card of that issuer is good', async () => {
    const c = await config(current());
    expect(await checkRevocation(card, ca.cert, c, NOW)).toEqual({ ok: false, error: 'revoked' });
    expect(await checkRevocation(other, ca.cert, c, NOW)).toEqual({ ok: true, value: 'good' });
  });

  it('a CRL not signed by the issuer counts for nothing', async () => {
    const forger = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
    const forged = await config(
      crl(new Date(NOW.getTime() - DAY), new Date(NOW.getTime() + DAY), ['0a02'], forger.privateKey),
    );
    expect(await checkRevocation(other, ca.cert, forged, NOW)).toEqual({ ok: true, value: 'unchecked' });
  });

  it('a stale CRL follows the site policy: warn accepts, refuse refuses', async () => {
    expect(await checkRevocation(other, ca.cert, await config(stale(), 'warn'), NOW)).toEqual({
      ok: true,
      value: 'good_stale_crl',
    });
    expect(await checkRevocation(other, ca.cert, await config(stale(), 'refuse'), NOW)).toEqual({
      ok: false,
      error: 'revocation_unknown',
    });
  });

  it('no CRL configured: not checked; CRLs configured but none for this issuer under refuse: refused', async () => {
    expect(await checkRevocation(card, ca.cert, undefined, NOW)).toEqual({ ok: true, value: 'unchecked' });
    const otherIssuer: RevocationConfig = { crls: [await stale()], staleCrl: 'refuse' };
    const foreign = { ...card, issuer: 'CN=Someone else' } as unknown as x509.X509Certificate;
    expect(await checkRevocation(foreign, ca.cert, otherIssuer, NOW)).toEqual({
      ok: false,
      error: 'revocation_unknown',
    });
  });

  it('HZ-25 a CRL issued days "in the future" blames the kiosk clock, not the card', async () => {
    const future = await config(
      crl(new Date(NOW.getTime() + 2 * DAY), new Date(NOW.getTime() + 9 * DAY), []),
    );
    expect(await checkRevocation(other, ca.cert, future, NOW)).toEqual({ ok: false, error: 'clock_suspect' });
    expect(summariseCrls(future, NOW)[0]?.state).toBe('not_yet_valid');
    expect(summariseCrls(await config(stale()), NOW)[0]?.state).toBe('stale');
  });

  it('HZ-26 a revoked card is refused at login whatever its chain (checkTrust)', async () => {
    const revocation = await config(current());
    expect(await checkTrust(card, { anchors: [ca.cert], revocation, now: () => NOW })).toEqual({
      ok: false,
      error: 'revoked',
    });
    expect((await checkTrust(other, { anchors: [ca.cert], revocation, now: () => NOW })).ok).toBe(true);
  });
});

describe('the kiosk clock (certificate dates)', () => {
  it('HZ-25 a card "not yet valid" by more than a few minutes says the clock may be wrong', async () => {
    const tomorrow = await leaf('0b01', new Date(NOW.getTime() + DAY));
    expect(await checkTrust(tomorrow, { anchors: [ca.cert], now: () => NOW })).toEqual({
      ok: false,
      error: 'clock_suspect',
    });
  });

  it('HZ-25 a card valid from two minutes ahead is accepted (clock drift)', async () => {
    const soon = await leaf('0b02', new Date(NOW.getTime() + 2 * 60_000));
    expect((await checkTrust(soon, { anchors: [ca.cert], now: () => NOW })).ok).toBe(true);
  });
});

import { webcrypto } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDevPki, type DevPki } from '../../dev/pki/dev-pki.ts';
import { checkTrust } from './trust.ts';
import { x509 } from './x509.ts';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
/** What a kiosk whose RTC battery died reads. */
const RESET = new Date('2001-01-01T00:03:00Z');

let pki: DevPki;
let ca: x509.X509Certificate;
let caKey: CryptoKey;

const cert = (pem: string) => new x509.X509Certificate(pem);
async function crlRevoking(serials: readonly string[]) {
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.subjectName,
    thisUpdate: new Date(Date.now() - DAY),
    nextUpdate: new Date(Date.now() + 30 * DAY),
    entries: serials.map((serialNumber) => ({ serialNumber })),
    signingKey: caKey,
    signingAlgorithm: EC,
  });
  return { crls: [crl], staleCrl: 'refuse' as const };
}

beforeAll(async () => {
  pki = await ensureDevPki();
  ca = cert(pki.testCa.certPem);
  caKey = await webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(pki.testCa.keyPem),
    EC,
    false,
    ['sign'],
  );
});

describe('a kiosk clock reset to 2001 (HZ-25)', () => {
  it('HZ-25 refuses a nurse as "clock may be wrong", but lets the technician in to set the clock', async () => {
    const trust = { anchors: [ca], now: () => RESET };
    expect(await checkTrust(cert(pki.people.nurse.certPem), trust)).toEqual({
      ok: false,
      error: 'clock_suspect',
    });
    expect(await checkTrust(cert(pki.people.technician.certPem), trust)).toMatchObject({ ok: true });
  });

  it('HZ-25 the technician exception keeps every other rule: a revoked or untrusted technician card stays out', async () => {
    const technician = cert(pki.people.technician.certPem);
    const revocation = await crlRevoking([technician.serialNumber]);
    expect(await checkTrust(technician, { anchors: [ca], revocation, now: () => RESET })).toEqual({
      ok: false,
      error: 'revoked',
    });
    const current = await crlRevoking([]);
    expect(
      await checkTrust(technician, { anchors: [ca], revocation: current, now: () => RESET }),
    ).toMatchObject({
      ok: true,
    });
    expect(
      await checkTrust(technician, { anchors: [cert(pki.unknownCa.certPem)], now: () => RESET }),
    ).toEqual({
      ok: false,
      error: 'untrusted',
    });
  });

  it('a clock far ahead is not excused: an expired-looking technician card stays refused', async () => {
    const far = new Date(Date.now() + 20 * 365 * DAY);
    expect(await checkTrust(cert(pki.people.technician.certPem), { anchors: [ca], now: () => far })).toEqual({
      ok: false,
      error: 'expired',
    });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { indexCrl } from '../../common/crl-index.ts';
import type { SigningRevocationConfig, StaleCrlPolicy } from '../../common/revocation.ts';
import { X509CrlGenerator, type X509Crl } from '../../common/x509.ts';
import { testCa, testPerson, type TestIdentity } from '../pki.testing.ts';
import { signTier } from './sign.ts';
import { verifyTier, type Verification } from './verify.ts';
import { verificationView } from './view.ts';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 24 * 3600 * 1000;
/** Whole seconds: CRL and JWS dates carry no milliseconds. */
const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const signedAt = new Date(now.getTime() - 30 * DAY);
const payload = new TextEncoder().encode('{"resourceType":"Bundle"}');

let ca: TestIdentity;
let otherCa: TestIdentity;
let doctor: TestIdentity;
let jws: string;

beforeAll(async () => {
  ca = await testCa('Revocation Root');
  otherCa = await testCa('Other Root');
  doctor = await testPerson(ca, { name: 'Dr Claire MARTIN', nationalId: '810000000009', title: '10' });
  jws = await signTier(
    payload,
    { privateKeyPem: doctor.privateKeyPem, certificateChainPem: [doctor.certificatePem] },
    { tier: 'full', now: signedAt },
  );
});

interface CrlOptions {
  readonly revokedAt?: Date;
  readonly invalidity?: Date;
  readonly thisUpdate?: Date;
  readonly nextUpdate?: Date;
  /** Who the CRL names as issuer and whose key signs it (default: the doctor's CA for both). */
  readonly issuer?: TestIdentity;
  readonly signer?: TestIdentity;
}

function crl(options: CrlOptions = {}): Promise<X509Crl> {
  const issuer = options.issuer ?? ca;
  const revokedAt = options.revokedAt;
  return X509CrlGenerator.create({
    issuer: issuer.certificate.subjectName,
    thisUpdate: options.thisUpdate ?? new Date(now.getTime() - DAY),
    nextUpdate: options.nextUpdate ?? new Date(now.getTime() + 6 * DAY),
    entries:
      revokedAt === undefined
        ? []
        : [
            {
              serialNumber: doctor.certificate.serialNumber,
              revocationDate: revokedAt,
              ...(options.invalidity === undefined ? {} : { invalidity: options.invalidity }),
            },
          ],
    signingKey: (options.signer ?? issuer).keys.privateKey,
    signingAlgorithm: EC,
  });
}

async function readWith(
  crls: SigningRevocationConfig['crls'],
  staleCrl: StaleCrlPolicy,
): Promise<Verification> {
  const result = await verifyTier(jws, {
    tier: 'full',
    trustAnchorsPem: [ca.certificatePem],
    now,
    revocation: { crls, staleCrl },
  });
  if (result === undefined) throw new Error('not a JWS');
  return result.verification;
}

/** Read with the CRLs parsed (CLI) and indexed (the kiosk's key workers): both must agree. */
async function read(crls: readonly X509Crl[], staleCrl: StaleCrlPolicy = 'warn'): Promise<Verification> {
  const parsed = await readWith(crls, staleCrl);
  const indexed = await readWith(
    crls.map((crl) => indexCrl(crl) ?? crl),
    staleCrl,
  );
  expect(indexed).toEqual(parsed);
  return parsed;
}

const stale = {
  thisUpdate: new Date(now.getTime() - 20 * DAY),
  nextUpdate: new Date(now.getTime() - 2 * DAY),
};

describe('record signatures against the site CRLs, at the signing time', () => {
  it('HZ-27 a card revoked after the signature: the record stays valid and says since when', async () => {
    const revokedAt = new Date(signedAt.getTime() + 10 * DAY);
    const v = await read([await crl({ revokedAt })]);
    expect(v).toMatchObject({ status: 'valid', signerRevokedAt: revokedAt.toISOString() });
    expect(v.status === 'valid' && v.crlNotCurrent).toBeFalsy();
    expect(verificationView(v)).toMatchObject({ status: 'valid', signerRevokedAt: revokedAt.toISOString() });
  });

  it('HZ-27 a card revoked before the signature: the record reads revoked, with both dates', async () => {
    const revokedAt = new Date(signedAt.getTime() - DAY);
    const v = await read([await crl({ revokedAt })]);
    expect(v).toEqual({
      status: 'revoked',
      signer: { name: 'Dr Claire MARTIN', nationalId: '810000000009', profession: 'doctor' },
      signedAt: signedAt.toISOString(),
      revokedAt: revokedAt.toISOString(),
    });
    expect(verificationView(v)).toMatchObject({ status: 'revoked', signer: 'Dr Claire MARTIN' });
  });

  it('HZ-27 an invalidity date before the signature revokes it even when the revocation came later', async () => {
    const v = await read([
      await crl({
        revokedAt: new Date(signedAt.getTime() + 5 * DAY),
        invalidity: new Date(signedAt.getTime() - 2 * DAY),
      }),
    ]);
    expect(v.status).toBe('revoked');
  });

  it('HZ-27 a stale CRL: warn reads valid with a note, refuse reads revocation_unknown', async () => {
    const warn = await read([await crl(stale)], 'warn');
    expect(warn).toMatchObject({ status: 'valid', crlNotCurrent: true });
    expect(verificationView(warn)).toMatchObject({ status: 'valid', crlNotCurrent: true });
    expect((await read([await crl(stale)], 'refuse')).status).toBe('revocation_unknown');
  });

  it('HZ-27 a stale CRL that lists the card from before the signature is still a revocation', async () => {
    const v = await read([await crl({ ...stale, revokedAt: new Date(signedAt.getTime() - DAY) })], 'warn');
    expect(v.status).toBe('revoked');
  });

  it('HZ-27 revoked since signing under a stale list and the refuse policy: unknown (a newer list could date it earlier)', async () => {
    const v = await read([await crl({ ...stale, revokedAt: new Date(signedAt.getTime() + DAY) })], 'refuse');
    expect(v.status).toBe('revocation_unknown');
  });

  it('HZ-27 a CRL of another issuer is ignored, even listing the same serial number', async () => {
    const foreign = await crl({ issuer: otherCa, revokedAt: new Date(signedAt.getTime() - DAY) });
    expect(await read([foreign], 'warn')).toMatchObject({ status: 'valid', crlNotCurrent: true });
    expect((await read([foreign], 'refuse')).status).toBe('revocation_unknown');
  });

  it('HZ-27 a CRL naming the issuer but not signed by its key is ignored', async () => {
    const forged = await crl({ signer: otherCa, revokedAt: new Date(signedAt.getTime() - DAY) });
    expect(await read([forged], 'warn')).toMatchObject({ status: 'valid', crlNotCurrent: true });
    const genuine = await crl();
    const v = await read([forged, genuine], 'refuse');
    expect(v.status).toBe('valid');
    expect(v.status === 'valid' && (v.crlNotCurrent ?? v.signerRevokedAt)).toBeUndefined();
  });

  it('no CRL provisioned: not checked, no note (sites without CRLs read as before)', async () => {
    const v = await read([], 'refuse');
    expect(v.status).toBe('valid');
    expect(v.status === 'valid' && (v.crlNotCurrent ?? v.signerRevokedAt)).toBeUndefined();
  });

  it('the newest CRL of the issuer is the one that counts', async () => {
    const older = await crl({ thisUpdate: new Date(now.getTime() - 3 * DAY) });
    const newer = await crl({ revokedAt: new Date(signedAt.getTime() - DAY) });
    expect((await read([newer, older])).status).toBe('revoked');
  });
});

describe('establishment staff as record signers', () => {
  it('HZ-21 an establishment card (idNat_PS "3…", no TRE_G15 profession) never signs a valid record', async () => {
    const cpe = await testPerson(ca, { name: 'Sophie PETIT', nationalId: '3750100000042', title: 'IDE' });
    const signed = await signTier(
      payload,
      { privateKeyPem: cpe.privateKeyPem, certificateChainPem: [cpe.certificatePem] },
      { tier: 'full', now: signedAt },
    );
    const result = await verifyTier(signed, { tier: 'full', trustAnchorsPem: [ca.certificatePem], now });
    expect(result?.verification.status).toBe('not_authorised');
  });
});

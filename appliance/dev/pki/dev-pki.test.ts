import { webcrypto } from 'node:crypto';
import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { x509 } from '../../drivers/smartcard/x509.ts';
import { DEV_PROFILES, TEST_CA_NAME, ensureDevPki, isValidLuhn, luhnCheckDigit } from './dev-pki.ts';
import type { DevPki } from './dev-pki.ts';

let root: string;
let pki: DevPki;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'dev-pki-test-'));
  // Two processes' worth of concurrent calls on a fresh folder end with one consistent set.
  const [a, b] = await Promise.all([
    ensureDevPki(path.join(root, 'pki')),
    ensureDevPki(path.join(root, 'pki')),
  ]);
  expect(a.testCa.certPem).toBe(b.testCa.certPem);
  pki = a;
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const cert = (pem: string): x509.X509Certificate => new x509.X509Certificate(pem);

async function keyMatchesCert(keyPem: string, certPem: string): Promise<boolean> {
  const alg = { name: 'ECDSA', namedCurve: 'P-256' };
  const key = await webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(keyPem), alg, false, [
    'sign',
  ]);
  const data = new TextEncoder().encode('challenge');
  const sig = await webcrypto.subtle.sign({ ...alg, hash: 'SHA-256' }, key, data);
  const pub = await cert(certPem).publicKey.export(alg, ['verify']);
  return webcrypto.subtle.verify({ ...alg, hash: 'SHA-256' }, pub, sig, data);
}

describe('Luhn', () => {
  it('computes and checks the RPPS check digit', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3');
    expect(isValidLuhn('79927398713')).toBe(true);
    expect(isValidLuhn('79927398710')).toBe(false);
    expect(isValidLuhn('')).toBe(false);
  });

  it('every health professional id is "8" + an 11-digit RPPS with a valid check digit', () => {
    for (const profile of DEV_PROFILES) {
      const p = pki.people[profile];
      if (p.profession === 'technician') {
        expect(p.nationalId).toMatch(/^T\d{11}$/);
      } else {
        expect(p.nationalId).toMatch(/^8\d{11}$/);
        expect(isValidLuhn(p.nationalId.slice(1))).toBe(true);
      }
    }
  });
});

describe('ensureDevPki', () => {
  it('names the test CA as a test CA', () => {
    expect(cert(pki.testCa.certPem).subject).toContain(`CN=${TEST_CA_NAME}`);
    expect(TEST_CA_NAME).toMatch(/TEST.*not for production/);
  });

  it('issues certificates following the professional-card profile, keys matching', async () => {
    const profiles = JSON.parse(await readFile(pki.profilesPath, 'utf8')) as {
      profile: string;
      pin: string;
    }[];
    expect(profiles.map((p) => p.profile)).toEqual([...DEV_PROFILES]);
    const pins = Object.fromEntries(profiles.map((p) => [p.profile, p.pin]));
    expect(pins).toMatchObject({
      doctor: '101010',
      pharmacist: '212121',
      midwife: '505050',
      nurse: '606060',
    });
    const codes = { doctor: '10', pharmacist: '21', midwife: '50', nurse: '60', technician: 'TECH' };
    for (const profile of DEV_PROFILES) {
      const p = pki.people[profile];
      const c = cert(p.certPem);
      expect(c.subjectName.getField('CN')).toEqual([p.name]);
      expect(c.subjectName.getField('2.5.4.5')).toEqual([p.nationalId]);
      expect(c.subjectName.getField('2.5.4.12')).toEqual([codes[p.profession]]);
      const ku = c.getExtension(x509.KeyUsagesExtension);
      expect(ku?.usages).toBe(
        x509.KeyUsageFlags.digitalSignature | (profile === 'doctor' ? x509.KeyUsageFlags.nonRepudiation : 0),
      );
      expect(c.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([
        x509.ExtendedKeyUsage.clientAuth,
      ]);
      expect(await keyMatchesCert(p.keyPem, p.certPem)).toBe(true);
    }
  });

  it('chains trusted profiles to the test CA; the untrusted one does not chain', async () => {
    const anchor = cert(pki.testCa.certPem);
    for (const profile of DEV_PROFILES) {
      const c = cert(pki.people[profile].certPem);
      const chain = await new x509.X509ChainBuilder({ certificates: [anchor] }).build(c);
      const chained = chain.length === 2 && (await c.verify({ publicKey: anchor, signatureOnly: true }));
      expect(chained, profile).toBe(profile !== 'nurse-untrusted');
    }
    const untrusted = cert(pki.people['nurse-untrusted'].certPem);
    expect(await untrusted.verify({ publicKey: cert(pki.unknownCa.certPem), signatureOnly: true })).toBe(
      true,
    );
  });

  it('makes the expired profile expired and the others valid for about two years', () => {
    const now = new Date();
    for (const profile of DEV_PROFILES) {
      const c = cert(pki.people[profile].certPem);
      if (profile === 'nurse-expired') {
        expect(c.notAfter.getUTCFullYear()).toBe(2025);
        expect(c.notAfter.getTime()).toBeLessThan(now.getTime());
      } else {
        expect(c.notBefore.getTime()).toBeLessThan(now.getTime());
        const years = (c.notAfter.getTime() - c.notBefore.getTime()) / (365 * 86_400_000);
        expect(years).toBeCloseTo(2, 1);
      }
    }
  });

  it('writes an emergency P-256 ECDH key pair with a kid, public part in the keyring', async () => {
    const { privateJwk, keyring } = pki.emergency;
    expect(privateJwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: 'emergency-2026' });
    expect(privateJwk.d).toBeTypeOf('string');
    expect(keyring.keys).toHaveLength(1);
    const pub = keyring.keys[0];
    expect(pub).toMatchObject({ kid: privateJwk.kid, x: privateJwk.x, y: privateJwk.y });
    expect(pub).not.toHaveProperty('d');
    const key = await webcrypto.subtle.importKey(
      'jwk',
      privateJwk,
      { name: 'ECDH', namedCurve: 'P-256' },
      false,
      ['deriveBits'],
    );
    expect(key.type).toBe('private');
  });

  it('is idempotent and recreates only what is missing', async () => {
    const again = await ensureDevPki(pki.dir);
    expect(again.testCa.certPem).toBe(pki.testCa.certPem);
    expect(again.people.nurse.keyPem).toBe(pki.people.nurse.keyPem);
    await unlink(pki.people.midwife.certPath);
    const repaired = await ensureDevPki(pki.dir);
    expect(repaired.testCa.certPem).toBe(pki.testCa.certPem);
    expect(repaired.people.nurse.certPem).toBe(pki.people.nurse.certPem);
    expect(repaired.people.midwife.keyPem).not.toBe(pki.people.midwife.keyPem);
    expect(await keyMatchesCert(repaired.people.midwife.keyPem, repaired.people.midwife.certPem)).toBe(true);
    expect(await cert(repaired.people.midwife.certPem).verify({ publicKey: cert(pki.testCa.certPem) })).toBe(
      true,
    );
  });
});

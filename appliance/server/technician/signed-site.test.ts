import { webcrypto } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureDevPki, type DevPki } from '../../dev/pki/dev-pki.ts';
import { makeProvisioningCertificate } from '../../dev/pki/provisioning-cert.ts';
import { checkRevocation } from '../../drivers/smartcard/revocation.ts';
import { x509 } from '../../drivers/smartcard/x509.ts';
import { loadConfig } from '../config/load.ts';
import { applyProvisioning, provisionFromKey } from './provisioning.ts';
import { signedStick } from './site-bundle.testing.ts';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

let pki: DevPki;
let testCa: { cert: x509.X509Certificate; key: CryptoKey };
let dataDir: string;

async function caPair(pair: { certPem: string; keyPem: string }) {
  const key = await webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(pair.keyPem),
    EC,
    false,
    ['sign'],
  );
  return { cert: new x509.X509Certificate(pair.certPem), key };
}

/** A CRL of the test CA revoking the dev doctor's login certificate. */
async function crlRevokingDoctor(thisUpdate = new Date(Date.now() - DAY)): Promise<Uint8Array> {
  const crl = await x509.X509CrlGenerator.create({
    issuer: testCa.cert.subjectName,
    thisUpdate,
    nextUpdate: new Date(thisUpdate.getTime() + 30 * DAY),
    entries: [{ serialNumber: new x509.X509Certificate(pki.people.doctor.certPem).serialNumber }],
    signingKey: testCa.key,
    signingAlgorithm: EC,
  });
  return new TextEncoder().encode(crl.toString('pem') + '\n');
}

const site = () => ({
  format: 'baladeur-site/1',
  site: { name: 'Urgences — CH de Test' },
  languages: ['fr', 'en'],
  defaultLanguage: 'fr',
  printer: { model: 'generic-escpos', transport: { type: 'none' } },
  trustAnchors: [pki.testCa.certPem],
  breakGlass: { professions: ['doctor', 'nurse'] },
  timeouts: { idleSeconds: 120 },
  revocation: { staleCrl: 'refuse' },
});

const options = (now = new Date()) => ({ factoryAnchorsPem: [pki.testCa.certPem], now });

beforeAll(async () => {
  pki = await ensureDevPki();
  testCa = await caPair(pki.testCa);
});
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'baladeur-signed-site-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('signed site bundle', () => {
  it('HZ-26 a bundle signed by the provisioning key applies, and its CRL refuses a revoked card at login', async () => {
    const stick = await signedStick({
      site: site(),
      crls: [await crlRevokingDoctor()],
      signer: pki.provisioning,
    });
    const plan = await provisionFromKey(stick, options());
    if (!plan.ok) throw new Error(JSON.stringify(plan.error));
    expect(plan.value.summary.signature.signer).toContain('provisioning');
    expect(plan.value.summary.revocation).toMatchObject({ staleCrl: 'refuse', crls: [{ entries: 1 }] });
    expect(plan.value.files.map((f) => f.path)).toContain('crls/crl-1.crl');
    expect(applyProvisioning(dataDir, plan.value)).toMatchObject({ ok: true });

    const loaded = loadConfig(path.join(dataDir, 'config.json'));
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.value.config.revocation).toEqual({ crls: ['crls/crl-1.crl'], staleCrl: 'refuse' });
    // The kiosk hands `loaded.crls` to the card drivers (kiosk.ts → trust.ts): the login check.
    const revocation = { crls: loaded.value.crls, staleCrl: 'refuse' } as const;
    const doctor = new x509.X509Certificate(pki.people.doctor.certPem);
    const nurse = new x509.X509Certificate(pki.people.nurse.certPem);
    expect(await checkRevocation(doctor, testCa.cert, revocation, new Date())).toEqual({
      ok: false,
      error: 'revoked',
    });
    expect(await checkRevocation(nurse, testCa.cert, revocation, new Date())).toEqual({
      ok: true,
      value: 'good',
    });
  });

  it('HZ-04 one byte of site.json changed after signing: refused, nothing written', async () => {
    const stick = await signedStick({
      site: site(),
      signer: pki.provisioning,
      alter: (files) =>
        files.map((f) =>
          f.name === 'site.json'
            ? {
                ...f,
                bytes: new TextEncoder().encode(
                  new TextDecoder().decode(f.bytes).replace('"none"', '"nonf"'),
                ),
              }
            : f,
        ),
    });
    const plan = await provisionFromKey(stick, options());
    expect(plan).toMatchObject({
      ok: false,
      error: [
        { path: 'BALADEUR-SITE/site.json', message: { en: expect.stringMatching(/changed or replaced/) } },
      ],
    });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('one byte of the signature changed: refused as not matching', async () => {
    const stick = await signedStick({
      site: site(),
      signer: pki.provisioning,
      alter: (files) =>
        files.map((f) => {
          if (f.name !== 'site.jws') return f;
          const bytes = new Uint8Array(f.bytes);
          const at = bytes.length - 10;
          bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
          return { ...f, bytes };
        }),
    });
    expect(await provisionFromKey(stick, options())).toMatchObject({
      ok: false,
      error: [
        {
          path: 'BALADEUR-SITE/site.jws',
          message: { fr: expect.stringMatching(/modifié après sa signature/) },
        },
      ],
    });
  });

  it('HZ-26 a CRL swapped after signing (another genuine CRL of the same CA) refuses the whole bundle', async () => {
    const older = await crlRevokingDoctor(new Date(Date.now() - 20 * DAY));
    const stick = await signedStick({
      site: site(),
      crls: [await crlRevokingDoctor()],
      signer: pki.provisioning,
      alter: (files) => files.map((f) => (f.name === 'crl-1.crl' ? { ...f, bytes: older } : f)),
    });
    expect(await provisionFromKey(stick, options())).toMatchObject({
      ok: false,
      error: [
        { path: 'BALADEUR-SITE/crl-1.crl', message: { de: expect.stringMatching(/verändert oder ersetzt/) } },
      ],
    });
  });

  it('a CRL added beside the signed files is never read nor installed', async () => {
    const stick = await signedStick({
      site: site(),
      signer: pki.provisioning,
      alter: (files) => [...files, { name: 'crl-1.crl', bytes: new TextEncoder().encode('not even a CRL') }],
    });
    const plan = await provisionFromKey(stick, options());
    if (!plan.ok) throw new Error(JSON.stringify(plan.error));
    expect(plan.value.files.map((f) => f.path).filter((p) => p.startsWith('crls/'))).toEqual([]);
  });

  it('HZ-04 a signer that does not chain to the factory CA is refused as untrusted', async () => {
    const stranger = await makeProvisioningCertificate(await caPair(pki.unknownCa));
    const stick = await signedStick({ site: site(), signer: stranger });
    expect(await provisionFromKey(stick, options())).toMatchObject({
      ok: false,
      error: [{ message: { en: expect.stringMatching(/not issued by this kiosk's factory authority/) } }],
    });
  });

  it("a technician card's certificate (factory CA, client authentication only) cannot sign a site", async () => {
    const stick = await signedStick({ site: site(), signer: pki.people.technician });
    expect(await provisionFromKey(stick, options())).toMatchObject({
      ok: false,
      error: [{ message: { en: expect.stringMatching(/not a provisioning certificate/) } }],
    });
  });

  it('an expired provisioning certificate is refused', async () => {
    const expired = await makeProvisioningCertificate(testCa, {
      notBefore: new Date(Date.now() - 40 * DAY),
      days: 30,
    });
    const stick = await signedStick({ site: site(), signer: expired, now: new Date(Date.now() - 20 * DAY) });
    expect(await provisionFromKey(stick, options())).toMatchObject({
      ok: false,
      error: [{ message: { en: expect.stringMatching(/expired/) } }],
    });
  });

  it('HZ-25 a bundle signed "in the future" blames the kiosk clock, not the certificate; once set, it applies', async () => {
    const stick = await signedStick({ site: site(), signer: pki.provisioning });
    const hourBehind = new Date(Date.now() - 3_600_000);
    const early = await provisionFromKey(stick, { ...options(), now: new Date(Date.now() - 3 * DAY) });
    expect(early).toMatchObject({
      ok: false,
      error: [{ message: { en: expect.stringMatching(/clock may be wrong/) } }],
    });
    expect(await provisionFromKey(stick, options(hourBehind))).toMatchObject({ ok: false });
    expect(await provisionFromKey(stick, options())).toMatchObject({ ok: true });
  });

  it('a kiosk without a factory CA refuses every bundle', async () => {
    const stick = await signedStick({ site: site(), signer: pki.provisioning });
    expect(await provisionFromKey(stick, { factoryAnchorsPem: [], now: new Date() })).toMatchObject({
      ok: false,
      error: [{ message: { en: expect.stringMatching(/no factory authority/) } }],
    });
  });
});

/**
 * Record signing with a PKCS#11 token (issue 16) against the real SoftHSM2 module and the dev
 * CPS-like cards: the driver's `recordSigner` (the kiosk's path) and `baladeur key update --card
 * pkcs11:…` (the CLI's). No pcscd: SoftHSM is a software token. One module user at a time.
 */
import fs from 'node:fs';
import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { compactVerify, importX509 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevPki } from '../../../appliance/dev/pki/dev-pki.ts';
import {
  certificateSerial,
  ensureSoftHsmCards,
  tokenLabel,
  type SoftHsmCards,
} from '../../../appliance/dev/pki/softhsm-cards.ts';
import type { SoftHsmProfile } from '../../../appliance/dev/pki/softhsm-profiles.ts';
import { parseTrustAnchors } from '../../../appliance/drivers/smartcard/certificate.ts';
import { Pkcs11SmartcardService } from '../../../appliance/drivers/smartcard/pkcs11/pkcs11-driver.ts';
import type { ReaderStatus } from '../../../appliance/drivers/smartcard/types.ts';
import { signsAs } from '../../../appliance/server/authoring-runner.ts';
import { createDevKey, keyUpdate, MINIMAL_FIXTURE } from '../cli/cli-setup.testing.ts';
import { devPki, runCli, tempDir } from '../cli/harness.ts';

const tmp = tempDir('pkcs11-sign');
let pki: DevPki;
let cards: SoftHsmCards;
let visible: string | undefined;

beforeAll(async () => {
  pki = await devPki();
  cards = await ensureSoftHsmCards(path.join(tmp.dir, 'softhsm'), pki);
  process.env.SOFTHSM2_CONF = cards.conf;
}, 120_000);

afterAll(() => tmp.remove());

const card = (profile: SoftHsmProfile) => {
  const found = cards.cards.find((c) => c.profile === profile);
  if (found === undefined) throw new Error(`no ${profile}`);
  return found;
};

async function withCard<T>(
  profile: SoftHsmProfile,
  body: (s: Pkcs11SmartcardService, cardId: string) => Promise<T>,
) {
  visible = tokenLabel(profile);
  const service = new Pkcs11SmartcardService({
    modulePath: cards.modulePath,
    anchors: parseTrustAnchors([pki.testCa.certPem]),
    pollMs: 50,
    tokenVisible: (t) => t.label === visible,
  });
  try {
    const present = await new Promise<Extract<ReaderStatus, { status: 'card_present' }>>(
      (resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no card_present')), 10_000);
        const check = (s: ReaderStatus) => {
          if (s.status !== 'card_present') return;
          clearTimeout(timer);
          resolve(s);
        };
        service.onStatus(check);
        check(service.current());
      },
    );
    return await body(service, present.cardId);
  } finally {
    await service.close();
  }
}

const b64u = (data: string | Uint8Array) => Buffer.from(data).toString('base64url');
const serialOf = (der: Uint8Array) => new X509Certificate(der).serialNumber.toLowerCase();

describe('PKCS#11 record signer on SoftHSM2 (the kiosk driver)', () => {
  it('HZ-21 cps-doctor: PS256 with the signature certificate (not the authentication one), verified by jose', async () => {
    await withCard('cps-doctor', async (s, cardId) => {
      const made = await s.recordSigner(cardId, card('cps-doctor').pin);
      if (made.status !== 'ready') throw new Error(made.status);
      const { signer } = made;
      expect(signer.algorithm).toBe('PS256');
      expect(signer.certificateChain).toHaveLength(1);
      const leaf = signer.certificateChain[0] ?? new Uint8Array();
      expect(serialOf(leaf)).toBe(certificateSerial('cps-doctor', 'sign'));
      expect(
        signsAs(signer, { nationalId: card('cps-doctor').nationalId, profession: 'doctor' } as never),
      ).toBe(true);
      expect(
        signsAs(signer, { nationalId: card('cps-nurse').nationalId, profession: 'doctor' } as never),
      ).toBe(false);

      const signingInput = `${b64u(JSON.stringify({ alg: 'PS256' }))}.${b64u('a record tier')}`;
      const signature = await signer.sign(new TextEncoder().encode(signingInput));
      const key = await importX509(new X509Certificate(leaf).toString(), 'PS256');
      const verified = await compactVerify(`${signingInput}.${b64u(signature)}`, key);
      expect(new TextDecoder().decode(verified.payload)).toBe('a record tier');
      // Each signature logs in again: a second one works as well.
      expect((await signer.sign(new TextEncoder().encode(signingInput))).length).toBe(256);
    });
  });

  it('a wrong PIN is wrong_pin, then the right PIN still gives the signer', async () => {
    await withCard('cps-midwife', async (s, cardId) => {
      expect(await s.recordSigner(cardId, '0000')).toEqual({ status: 'wrong_pin' });
      expect((await s.recordSigner(cardId, card('cps-midwife').pin)).status).toBe('ready');
    });
  });

  it('a card without a user PIN is blocked; a stale card id is card_removed', async () => {
    await withCard('cps-blocked', async (s, cardId) => {
      expect(await s.recordSigner(cardId, '1234')).toEqual({ status: 'blocked' });
      expect(await s.recordSigner('not-this-card', '1234')).toEqual({ status: 'card_removed' });
    });
  });
});

describe('baladeur key update --card pkcs11:… on SoftHSM2', () => {
  const newKey = (name: string) => createDevKey(path.join(tmp.dir, `${name}.img`));

  const update = (image: string, code: string, profile: SoftHsmProfile, pin: string) => {
    const pinFile = path.join(tmp.dir, `pin-${profile}-${pin}.txt`);
    fs.writeFileSync(pinFile, `${pin}\n`, { mode: 0o600 });
    return keyUpdate(
      image,
      code,
      MINIMAL_FIXTURE,
      '--card',
      `pkcs11:${cards.modulePath}:${tokenLabel(profile)}`,
      '--pin-file',
      pinFile,
    );
  };

  it('HZ-21 cps-doctor signs version 2, which reads valid, signed by the doctor', async () => {
    const { image, code } = await newKey('doctor');
    const run = await update(image, code, 'cps-doctor', card('cps-doctor').pin);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/version 2 \(replaces .+\), signed by .+ \(doctor\)/u);
    const read = await runCli(['key', 'read', '--dev', '--in', image, '--code', code]);
    expect(read.exitCode, read.stderr).toBe(0);
    expect(read.stderr).toMatch(/signature: valid, signed by .+ \(\d+, doctor\).*version 2/u);
  });

  it('a wrong PIN exits 3 and writes nothing', async () => {
    const { image, code } = await newKey('wrong-pin');
    const before = fs.readFileSync(image);
    const run = await update(image, code, 'cps-doctor', '0000');
    expect(run.exitCode, run.stderr).toBe(3);
    expect(run.stderr).toMatch(/wrong PIN; nothing written/u);
    expect(fs.readFileSync(image).equals(before)).toBe(true);
  });

  it('HZ-21 cps-nurse (a signature key, but a nurse) is refused before signing: exit 2, nothing written', async () => {
    const { image, code } = await newKey('nurse');
    const before = fs.readFileSync(image);
    const run = await update(image, code, 'cps-nurse', card('cps-nurse').pin);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('a nurse may not author a record');
    expect(fs.readFileSync(image).equals(before)).toBe(true);
  });

  it('an unknown token label names the tokens present', async () => {
    const { image, code } = await newKey('no-token');
    const run = await keyUpdate(
      image,
      code,
      MINIMAL_FIXTURE,
      '--card',
      `pkcs11:${cards.modulePath}:No such card`,
      '--pin-file',
      path.join(tmp.dir, `pin-cps-doctor-${card('cps-doctor').pin}.txt`),
    );
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/no such token \(present: .*Baladeur cps-doctor/u);
  });
});

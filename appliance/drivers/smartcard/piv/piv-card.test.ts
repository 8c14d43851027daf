import { createHash, generateKeyPairSync } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../../common/result.ts';
import type { Transmit } from '../apdu.ts';
import type { OpenedCard } from '../card-profile.ts';
import { GarbageApplet, PivApplet } from '../../../dev/virtual-card/piv-applet.ts';
import { personalise } from '../../../dev/virtual-card/index.ts';
import { encodePin, pivProfile } from './piv-card.ts';

let certPem: string;
let keyPem: string;

beforeAll(() => {
  // Any P-256 key works for the card commands; certificate contents are tested elsewhere.
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  certPem = '-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n';
});

async function open(options: { retries?: number; compress?: boolean } = {}): Promise<{
  card: OpenedCard;
  applet: PivApplet;
  log: Uint8Array[];
}> {
  const perso = await personalise(
    { certPem, keyPem, pin: '606060' },
    { retries: options.retries, compressCertificate: options.compress },
  );
  const applet = new PivApplet(perso);
  const log: Uint8Array[] = [];
  const transmit: Transmit = async (cmd) => {
    log.push(cmd);
    return ok(applet.process(cmd));
  };
  const opened = await pivProfile.open(transmit);
  if (!opened.ok) throw new Error('PIV applet not opened');
  return { card: opened.value, applet, log };
}

describe('PIV profile against the virtual PIV applet (in memory)', () => {
  it('pads PINs to 8 bytes with FF and refuses non-PIV PINs', () => {
    expect([...(encodePin('606060') ?? [])]).toEqual([0x36, 0x30, 0x36, 0x30, 0x36, 0x30, 0xff, 0xff]);
    expect(encodePin('12345')).toBeUndefined();
    expect(encodePin('123456789')).toBeUndefined();
    expect(encodePin('12a456')).toBeUndefined();
  });

  it('reads the certificate, plain or gzip-compressed (CertInfo 01)', async () => {
    const der = Buffer.from('MAMCAQE=', 'base64');
    for (const compress of [false, true]) {
      const { card } = await open({ compress });
      const cert = await card.readCertificate();
      expect(cert.ok && Buffer.from(cert.value ?? []).equals(der)).toBe(true);
    }
  });

  it('counts retries on the card: 3 → 2 → right PIN resets → blocked at 0', async () => {
    const { card, applet } = await open();
    expect(await card.pinRetries()).toEqual({ ok: true, value: 3 });
    expect(await card.verifyPin('000000')).toEqual({
      ok: true,
      value: { kind: 'wrong_pin', retriesLeft: 2 },
    });
    expect(await card.verifyPin('606060')).toEqual({ ok: true, value: { kind: 'verified' } });
    expect(applet.retriesLeft).toBe(3);
    await card.verifyPin('000000');
    await card.verifyPin('000000');
    expect(await card.verifyPin('000000')).toEqual({ ok: true, value: { kind: 'blocked' } });
    expect(await card.verifyPin('606060')).toEqual({ ok: true, value: { kind: 'blocked' } });
    expect(await card.pinRetries()).toEqual({ ok: true, value: 0 });
  });

  it('signs a digest only after VERIFY; the signature verifies over that digest', async () => {
    const { card } = await open();
    const digest = new Uint8Array(createHash('sha256').update('challenge').digest());
    const before = await card.signDigest(digest);
    expect(before).toEqual({ ok: false, error: { kind: 'unexpected_status', sw: 0x6982 } });
    await card.verifyPin('606060');
    const sig = await card.signDigest(digest);
    const { privateKey } = await personalise({ certPem, keyPem, pin: '606060' });
    const pub = p256.getPublicKey(privateKey, false);
    expect(
      sig.ok && p256.verify(sig.value, digest, pub, { prehash: false, format: 'der', lowS: false }),
    ).toBe(true);
  });

  it('honours Le exactly: 8 bytes then 61xx and GET RESPONSE (what OpenSC does)', async () => {
    const { applet } = await open();
    const first = applet.process(Uint8Array.from([0, 0xcb, 0x3f, 0xff, 5, 0x5c, 3, 0x5f, 0xc1, 0x02, 8]));
    expect(first.length).toBe(10);
    expect(first[8]).toBe(0x61);
    const rest = applet.process(Uint8Array.from([0, 0xc0, 0, 0, first[9] ?? 0]));
    expect(rest.slice(-2)).toEqual(Uint8Array.from([0x90, 0x00]));
  });

  it('keeps the PIV selection when other drivers probe; SELECT by partial AID works', async () => {
    const { applet } = await open();
    expect([...applet.process(Uint8Array.from([0, 0xa4, 4, 0, 5, 0xa0, 0, 0, 1, 0x16]))]).toEqual([
      0x6a, 0x82,
    ]);
    expect([...applet.process(Uint8Array.from([0, 0xca, 0xdf, 0x30, 0]))]).toEqual([0x6d, 0x00]);
    const status = applet.process(Uint8Array.from([0, 0x20, 0, 0x80]));
    expect([...status]).toEqual([0x63, 0xc3]);
    applet.reset();
    const partial = applet.process(Uint8Array.from([0, 0xa4, 4, 0, 9, 0xa0, 0, 0, 3, 8, 0, 0, 0x10, 0, 0]));
    expect(partial.slice(-2)).toEqual(Uint8Array.from([0x90, 0x00]));
  });

  it('does not open a card answering garbage as PIV', async () => {
    const garbage = new GarbageApplet();
    for (let i = 0; i < 50; i++) {
      const opened = await pivProfile.open(async () => ok(garbage.process()));
      expect(opened.ok).toBe(false);
    }
  });
});

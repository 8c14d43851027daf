import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { x509 } from '../x509.ts';
import type { ReaderStatus } from '../types.ts';
import { CKR } from './constants.ts';
import { FakeModuleWorld, type FakeToken } from './fake-module.testing.ts';
import { Pkcs11SmartcardService } from './pkcs11-driver.ts';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
let anchor: x509.X509Certificate;
let token: () => FakeToken;

beforeAll(async () => {
  const caKeys = (await webcrypto.subtle.generateKey(EC, false, ['sign', 'verify'])) as CryptoKeyPair;
  anchor = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=Fake CA',
    keys: caKeys,
    signingAlgorithm: EC,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 86_400_000),
  });
  const holder = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicKey = await webcrypto.subtle.importKey(
    'spki',
    holder.publicKey.export({ format: 'der', type: 'spki' }),
    EC,
    true,
    ['verify'],
  );
  const cert = await x509.X509CertificateGenerator.create({
    subject: [{ CN: ['Julie BERNARD'] }, { '2.5.4.5': ['810000234566'] }, { T: ['60'] }],
    issuer: anchor.subjectName,
    publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: EC,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 86_400_000),
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    ],
  });
  token = () => ({
    serial: '0001',
    pin: '1234',
    triesLeft: 3,
    certificateDer: new Uint8Array(cert.rawData),
    privateKey: holder.privateKey,
  });
});

let service: Pkcs11SmartcardService | undefined;
afterEach(async () => service?.close());

function start(
  world: FakeModuleWorld,
  options: { blockingSlotWaits?: boolean } = {},
): Pkcs11SmartcardService {
  service = new Pkcs11SmartcardService({
    modulePath: 'fake',
    anchors: [anchor],
    pollMs: 5,
    retry: { initialMs: 5, maxMs: 10 },
    openModule: world.open,
    ...options,
  });
  return service;
}

function next(s: Pkcs11SmartcardService, ok: (st: ReaderStatus) => boolean): Promise<ReaderStatus> {
  return new Promise((resolve) => {
    if (ok(s.current())) return resolve(s.current());
    const off = s.onStatus((st) => {
      if (!ok(st)) return;
      off();
      resolve(st);
    });
  });
}
const present = async (s: Pkcs11SmartcardService, not?: string): Promise<string> => {
  const st = await next(s, (x) => x.status === 'card_present' && x.cardId !== not);
  return st.status === 'card_present' ? st.cardId : '';
};

describe('PKCS#11 driver (fake module: what SoftHSM cannot do)', () => {
  it('an ECDSA P-256 token authenticates (CKM_ECDSA over the SHA-256 digest, r‖s)', async () => {
    const world = new FakeModuleWorld();
    world.token = token();
    const s = start(world);
    const id = await present(s);
    expect(await s.login(id, '1234')).toMatchObject({
      status: 'authenticated',
      identity: { profession: 'nurse' },
    });
  });

  it('wrong PINs show the final try, then the card says blocked', async () => {
    const world = new FakeModuleWorld();
    world.token = token();
    const s = start(world);
    const id = await present(s);
    expect(await s.login(id, '0000')).toEqual({ status: 'wrong_pin' });
    expect(await s.login(id, '0000')).toEqual({ status: 'wrong_pin', retriesLeft: 1 });
    expect(await s.pinRetries(id)).toBe(1);
    expect(await s.login(id, '0000')).toEqual({ status: 'blocked' });
    expect(await s.pinRetries(id)).toBe(0);
    expect(await s.login(id, '1234')).toEqual({ status: 'blocked' });
  });

  it('a card pulled during the challenge never yields a session', async () => {
    const world = new FakeModuleWorld();
    world.token = token();
    const s = start(world);
    const id = await present(s);
    world.beforeSign = () => (world.token = undefined);
    expect(await s.login(id, '1234')).toEqual({ status: 'card_removed' });
    await next(s, (x) => x.status === 'no_card');
  });

  it('a pulled card whose token the module still lists is gone once its session fails', async () => {
    const world = new FakeModuleWorld();
    world.token = token();
    const s = start(world);
    const id = await present(s);
    world.sessionsGone = true;
    expect(await s.login(id, '1234')).toEqual({ status: 'card_removed' });
    await next(s, (x) => x.status !== 'card_present');
    expect(await s.login(id, '1234')).toEqual({ status: 'card_removed' });
    world.sessionsGone = false;
    expect(await present(s, id)).not.toBe(id);
  });

  it('a slot event on the same token is a new insertion (pulled and put back between two polls)', async () => {
    const world = new FakeModuleWorld();
    world.token = token();
    const s = start(world);
    const first = await present(s);
    world.pullAndPutBack();
    const second = await present(s, first);
    expect(second).not.toBe(first);
    expect(await s.login(first, '1234')).toEqual({ status: 'card_removed' });
  });

  it('a slot event while the card stays (OpenSC after a failed C_Login) keeps the card and its login', async () => {
    const world = new FakeModuleWorld();
    world.token = token();
    const s = start(world);
    const id = await present(s);
    expect(await s.login(id, '0000')).toEqual({ status: 'wrong_pin' });
    world.slotEvent = true;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(world.slotEvent).toBe(false);
    expect(s.current()).toMatchObject({ status: 'card_present', cardId: id });
    expect(await s.login(id, '1234')).toMatchObject({ status: 'authenticated' });
  });

  it('HZ-15 while a card stays in its slot, watching asks neither token nor session info (no card exchange)', async () => {
    const world = new FakeModuleWorld();
    world.token = token();
    const s = start(world);
    await present(s);
    const asked = world.calls.get('C_GetTokenInfo');
    const rounds = world.calls.get('C_GetSlotList') ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(world.calls.get('C_GetSlotList') ?? 0).toBeGreaterThan(rounds + 2);
    expect(world.calls.get('C_GetTokenInfo')).toBe(asked);
    expect(world.calls.get('C_GetSessionInfo')).toBeUndefined();
    world.token = undefined;
    await next(s, (x) => x.status === 'no_card');
  });

  it('HZ-11 by default it polls even where the module could block in C_WaitForSlotEvent (no second worker)', async () => {
    const world = new FakeModuleWorld();
    world.blockingWaits = true;
    world.token = token();
    const s = start(world);
    await present(s);
    const rounds = world.calls.get('C_GetSlotList') ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(world.calls.get('C_GetSlotList') ?? 0).toBeGreaterThan(rounds + 2);
    expect(world.waitersOpened).toBe(0);
  });

  it('HZ-01 with blocking slot waits asked for, it waits in a second worker instead of polling; a pull and a new card are seen', async () => {
    const world = new FakeModuleWorld();
    world.blockingWaits = true;
    world.token = token();
    const s = start(world, { blockingSlotWaits: true });
    const first = await present(s);
    const rounds = world.calls.get('C_GetSlotList') ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(world.calls.get('C_GetSlotList')).toBe(rounds);
    expect(world.waitersOpened).toBe(1);
    world.token = undefined;
    world.signalSlotEvent();
    await next(s, (x) => x.status === 'no_card');
    world.token = token();
    world.signalSlotEvent();
    expect(await present(s, first)).not.toBe(first);
    expect(world.opened).toBe(1);
  });

  it('with tokenChanges (the dock) it scans when told and never polls', async () => {
    const world = new FakeModuleWorld();
    let rescan: () => void = () => undefined;
    service = new Pkcs11SmartcardService({
      modulePath: 'fake',
      anchors: [anchor],
      pollMs: 5,
      openModule: world.open,
      tokenChanges: (r) => {
        rescan = r;
        return () => (rescan = () => undefined);
      },
    });
    const s = service;
    await next(s, (x) => x.status === 'no_card');
    world.token = token();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(s.current().status).toBe('no_card');
    expect(world.calls.get('C_GetSlotList')).toBe(2);
    rescan();
    await present(s);
    world.token = undefined;
    rescan();
    await next(s, (x) => x.status === 'no_card');
  });

  it('a failing module (pcscd restarted) is finalized and initialised again; the card comes back', async () => {
    const world = new FakeModuleWorld();
    world.token = token();
    const s = start(world);
    const first = await present(s);
    world.failNext.set('C_GetSlotList', CKR.GENERAL_ERROR);
    await next(s, (x) => x.status === 'service_unavailable');
    const again = await present(s, first);
    expect(world.opened).toBe(2);
    expect(await s.login(again, '1234')).toMatchObject({ status: 'authenticated' });
  });

  it('a library left initialised by a dead worker is used, not refused', async () => {
    const world = new FakeModuleWorld();
    world.token = token();
    world.failNext.set('C_Initialize', CKR.CRYPTOKI_ALREADY_INITIALIZED);
    const s = start(world);
    const id = await present(s);
    expect(world.opened).toBe(1);
    expect(await s.login(id, '1234')).toMatchObject({ status: 'authenticated' });
  });

  it('a module that fails to initialise is retried, not fatal', async () => {
    const world = new FakeModuleWorld();
    world.token = token();
    world.failNext.set('C_Initialize', CKR.GENERAL_ERROR);
    const s = start(world);
    expect(s.current()).toEqual({ status: 'service_unavailable' });
    await present(s);
    expect(world.opened).toBe(2);
  });
});

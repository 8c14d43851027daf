/**
 * The smart-card driver against the REAL pcscd with the vsmartcard virtual reader and our virtual
 * PIV card; plus OpenSC as an independent client of the same virtual card. One pcscd for the file.
 */
import { execFile } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustAnchors } from '../../../appliance/drivers/smartcard/certificate.ts';
import { PcscSmartcardService } from '../../../appliance/drivers/smartcard/pcsc-driver.ts';
import type { VirtualCard, VirtualCardProfile } from '../../../appliance/dev/virtual-card/index.ts';
import { createVirtualCard } from '../../../appliance/dev/virtual-card/index.ts';
import type { PivApplet } from '../../../appliance/dev/virtual-card/piv-applet.ts';
import type { Harness } from './harness.ts';
import { recordStatuses, startHarness, waitForStatus } from './harness.ts';

const run = promisify(execFile);
let h: Harness;
let service: PcscSmartcardService;
const inserted = new Set<VirtualCard>();

beforeAll(async () => {
  h = await startHarness();
  service = new PcscSmartcardService({
    anchors: parseTrustAnchors([h.pki.testCa.certPem]),
    retry: { initialMs: 100, maxMs: 400 },
  });
  await waitForStatus(service, 'no_card');
});

afterAll(async () => {
  for (const card of inserted) await card.remove();
  await service?.close();
  await h?.dispose();
});

async function insert(profile: VirtualCardProfile, port = h.pcscd.port): Promise<VirtualCard> {
  const card = await createVirtualCard(h.pki, profile, { port });
  await card.insert();
  inserted.add(card);
  return card;
}

async function remove(card: VirtualCard): Promise<void> {
  await card.remove();
  inserted.delete(card);
}

async function insertAndWait(profile: VirtualCardProfile): Promise<{ card: VirtualCard; cardId: string }> {
  const card = await insert(profile);
  const present = await waitForStatus(service, 'card_present');
  return { card, cardId: present.cardId };
}

async function removeAndWait(card: VirtualCard): Promise<void> {
  await remove(card);
  await waitForStatus(service, 'no_card');
}

describe('PcscSmartcardService with pcscd + vpcd + virtual PIV card', () => {
  it('pushes card inserted and removed, on the first reader, with a new cardId each insertion', async () => {
    const log = recordStatuses(service);
    const { card, cardId } = await insertAndWait('nurse');
    expect(service.current()).toMatchObject({ status: 'card_present', reader: h.pcscd.readerNames[0] });
    await removeAndWait(card);
    const again = await insertAndWait('nurse');
    expect(again.cardId).not.toBe(cardId);
    await removeAndWait(again.card);
    log.stop();
    expect(log.seen.map((s) => s.status)).toEqual(['card_present', 'no_card', 'card_present', 'no_card']);
  });

  it('authenticates every profession with the right PIN, identity read from the certificate', async () => {
    const expected = {
      nurse: ['Julie BERNARD', 'nurse'],
      doctor: ['Dr Claire MARTIN', 'doctor'], // certificate stored gzip-compressed on this card
      pharmacist: ['Thomas PETIT', 'pharmacist'],
      midwife: ['Sophie DUBOIS', 'midwife'],
      technician: ['Marc LEROY', 'technician'],
    } as const;
    for (const [profile, [name, profession]] of Object.entries(expected)) {
      const person = h.pki.people[profile as keyof typeof expected];
      const { card, cardId } = await insertAndWait(profile as VirtualCardProfile);
      expect(await service.pinRetries(cardId)).toBe(3);
      const result = await service.login(cardId, person.pin);
      expect(result, profile).toMatchObject({
        status: 'authenticated',
        identity: { name, profession, nationalId: person.nationalId },
      });
      await removeAndWait(card);
    }
  });

  it('counts wrong PINs on the card, blocks at 0, and a blocked card stays blocked after re-insertion', async () => {
    const { card, cardId } = await insertAndWait('midwife');
    expect(await service.login(cardId, '000000')).toEqual({ status: 'wrong_pin', retriesLeft: 2 });
    expect(await service.pinRetries(cardId)).toBe(2);
    expect(await service.login(cardId, '505050')).toMatchObject({ status: 'authenticated' });
    expect(await service.pinRetries(cardId)).toBeUndefined(); // verified: the card gives no count
    await removeAndWait(card);
    const again = await insert('midwife');
    const id = (await waitForStatus(service, 'card_present')).cardId;
    expect(await service.login(id, '111111')).toEqual({ status: 'wrong_pin', retriesLeft: 2 });
    expect(await service.login(id, '222222')).toEqual({ status: 'wrong_pin', retriesLeft: 1 });
    expect(await service.login(id, '333333')).toEqual({ status: 'blocked' });
    expect(await service.login(id, '505050')).toEqual({ status: 'blocked' });
    expect((again.applet as PivApplet).retriesLeft).toBe(0);
    await removeAndWait(again);
    await again.insert(); // the same physical card back in the reader
    inserted.add(again);
    const back = await waitForStatus(service, 'card_present');
    expect(await service.pinRetries(back.cardId)).toBe(0);
    expect(await service.login(back.cardId, '505050')).toEqual({ status: 'blocked' });
    await removeAndWait(again);
  });

  it('recognises a card personalised with its PIN blocked', async () => {
    const { card, cardId } = await insertAndWait('blocked');
    expect(await service.pinRetries(cardId)).toBe(0);
    expect(await service.login(cardId, h.pki.people.nurse.pin)).toEqual({ status: 'blocked' });
    await removeAndWait(card);
  });

  it('HZ-15 rejects an expired certificate without spending a PIN try', async () => {
    const { card, cardId } = await insertAndWait('nurse-expired');
    expect(await service.login(cardId, '606060')).toEqual({ status: 'rejected', reason: 'expired' });
    expect((card.applet as PivApplet).retriesLeft).toBe(3);
    await removeAndWait(card);
  });

  it('HZ-15 rejects a certificate from a CA outside the trust anchors', async () => {
    const { card, cardId } = await insertAndWait('nurse-untrusted');
    expect(await service.login(cardId, '606060')).toEqual({ status: 'rejected', reason: 'untrusted' });
    await removeAndWait(card);
  });

  it('reports a card that answers garbage as unknown, without crashing, then serves the next card', async () => {
    const card = await insert('garbage');
    const error = await waitForStatus(service, 'card_error');
    expect(error.reason).toBe('unknown_card');
    expect(await service.login('whatever', '123456')).toEqual({ status: 'card_removed' });
    await removeAndWait(card);
    const good = await insertAndWait('nurse');
    expect(await service.login(good.cardId, '606060')).toMatchObject({ status: 'authenticated' });
    await removeAndWait(good.card);
  });

  it('HZ-15 a swapped card is a new, unauthenticated card: the old cardId is dead', async () => {
    const first = await insertAndWait('nurse');
    expect(await service.login(first.cardId, '606060')).toMatchObject({ status: 'authenticated' });
    await removeAndWait(first.card);
    const second = await insertAndWait('doctor');
    expect(second.cardId).not.toBe(first.cardId);
    expect(await service.login(first.cardId, '606060')).toEqual({ status: 'card_removed' });
    expect(await service.login(second.cardId, '101010')).toMatchObject({
      status: 'authenticated',
      identity: { profession: 'doctor' },
    });
    await removeAndWait(second.card);
  });

  it('HZ-15 a card pulled during GENERAL AUTHENTICATE never yields a session', async () => {
    const { card, cardId } = await insertAndWait('pharmacist');
    card.pullOnNextCommand(0x87);
    expect(await service.login(cardId, '212121')).toEqual({ status: 'card_removed' });
    await waitForStatus(service, 'no_card');
    inserted.delete(card);
  });

  it('uses only the reader chosen by name pattern; the other reader is ignored', async () => {
    const second = new PcscSmartcardService({
      anchors: parseTrustAnchors([h.pki.testCa.certPem]),
      readerPattern: / 00 01$/,
    });
    try {
      await waitForStatus(second, 'no_card', (s) => s.reader === h.pcscd.readerNames[1]);
      const card = await insert('technician', h.pcscd.port + 1);
      const present = await waitForStatus(second, 'card_present');
      expect(present.reader).toBe(h.pcscd.readerNames[1]);
      expect(service.current()).toMatchObject({ status: 'no_card', reader: h.pcscd.readerNames[0] });
      expect(await second.login(present.cardId, '999999')).toMatchObject({ status: 'authenticated' });
      await remove(card);
      await waitForStatus(second, 'no_card');
    } finally {
      await second.close();
    }
  });

  it('HZ-11 recovers by itself when pcscd is killed and restarted, and starts while pcscd is down', async () => {
    const card = await insert('nurse');
    await waitForStatus(service, 'card_present');
    await h.pcscd.kill('SIGKILL');
    await waitForStatus(service, 'service_unavailable');
    inserted.delete(card); // vpcd died with pcscd: the socket is closed
    const late = new PcscSmartcardService({
      anchors: parseTrustAnchors([h.pki.testCa.certPem]),
      retry: { initialMs: 100, maxMs: 400 },
    });
    try {
      expect(late.current()).toEqual({ status: 'service_unavailable' });
      const started = await h.pcscd.start();
      expect(started.ok).toBe(true);
      await waitForStatus(service, 'no_card');
      await waitForStatus(late, 'no_card');
      // One kiosk has one service: two in one process would race for the exclusive connection.
      await late.close();
      const { cardId, card: again } = await insertAndWait('nurse');
      expect(await service.login(cardId, '606060')).toMatchObject({ status: 'authenticated' });
      await removeAndWait(again);
    } finally {
      await late.close();
    }
  });
});

/** pcscd notices a vpcd card ≈ 0.3 s after it connects: retry while OpenSC says "Card not present". */
async function untilCardSeen<T>(command: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await command();
    } catch (error) {
      if (i > 25 || !String(error).includes('Card not present')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

describe('OpenSC as an independent client of the virtual PIV card', () => {
  it('lists and reads the authentication certificate, and signs with the card key (pkcs11-tool)', async () => {
    // Slot 1 of vpcd: the service above uses slot 0 and holds nothing there now.
    const card = await insert('doctor', h.pcscd.port + 1);
    const dir = await mkdtemp(path.join(tmpdir(), 'opensc-'));
    try {
      const list = await untilCardSeen(() =>
        run('pkcs15-tool', ['--list-certificates'], { timeout: 20_000 }),
      );
      expect(list.stdout).toContain('Certificate for PIV Authentication');
      expect(list.stdout).toMatch(/ID\s*:\s*01/);
      const read = await run('pkcs15-tool', ['--read-certificate', '01'], { timeout: 20_000 });
      const pem = h.pki.people.doctor.certPem.trim();
      expect(read.stdout.trim()).toContain(pem.split('\n')[1]);
      await writeFile(path.join(dir, 'data'), 'Baladeur challenge');
      await run(
        'pkcs11-tool',
        [
          '--module',
          '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so',
          '--login',
          '--pin',
          h.pki.people.doctor.pin,
          '--sign',
          '--id',
          '01',
          '-m',
          'ECDSA-SHA256',
          '--signature-format',
          'openssl',
          '-i',
          path.join(dir, 'data'),
          '-o',
          path.join(dir, 'sig'),
        ],
        { timeout: 20_000 },
      );
      const signature = await readFile(path.join(dir, 'sig'));
      const publicKey = createPublicKey(h.pki.people.doctor.certPem);
      const data = await readFile(path.join(dir, 'data'));
      expect(verify('sha256', data, publicKey, signature)).toBe(true);
      expect(verify('sha256', Buffer.from('other data'), publicKey, signature)).toBe(false);
    } finally {
      await remove(card);
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

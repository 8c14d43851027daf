import { createPrivateKey } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it } from 'vitest';
import { PivApplet } from '../../dev/virtual-card/piv-applet.ts';
import { personalise } from '../../dev/virtual-card/index.ts';
import { testCa, testPerson, type TestIdentity } from '../../record/pki.testing.ts';
import { signTier } from '../../record/crypto/sign.ts';
import { verifyTier } from '../../record/crypto/verify.ts';
import type { PcscContext, PcscReader } from './pcsc-binding.ts';
import { SCARD_STATE_EMPTY, SCARD_STATE_PRESENT } from './pcsc-binding.ts';
import { openPcscRecordSigner } from './pcsc-signer.ts';

const PIN = '505050';
let ca: TestIdentity;
let midwife: TestIdentity;

beforeAll(async () => {
  ca = await testCa('PCSC Root');
  midwife = await testPerson(ca, { name: 'Sophie DUBOIS', title: '50' });
});

/** A PC/SC context whose readers answer with in-process applets (no pcscd). */
function fakeContext(readers: { name: string; applet?: PivApplet; removedConnects?: number }[]): {
  context: PcscContext;
  closed: () => boolean;
} {
  let closed = false;
  const context = Object.assign(new EventEmitter(), {
    close: () => (closed = true),
  }) as unknown as PcscContext;
  setTimeout(() => {
    for (const r of readers) {
      const reader = Object.assign(new EventEmitter(), {
        name: r.name,
        connect: (_o: unknown, cb: (e: unknown, p: number) => void) => {
          if ((r.removedConnects ?? 0) > 0) {
            r.removedConnects = (r.removedConnects ?? 0) - 1;
            cb(new Error('SCardConnect error: Card was removed.(0x80100069)'), 0);
            return;
          }
          cb(null, 2);
        },
        disconnect: (_d: number, cb: (e: unknown) => void) => cb(null),
        transmit: (data: Buffer, _l: number, _p: number, cb: (e: unknown, res: Buffer) => void) =>
          cb(null, Buffer.from(r.applet?.process(new Uint8Array(data)) ?? [0x6a, 0x82])),
        close: () => undefined,
      }) as unknown as PcscReader;
      context.emit('reader', reader);
      setTimeout(
        () => reader.emit('status', { state: r.applet ? SCARD_STATE_PRESENT : SCARD_STATE_EMPTY }),
        5,
      );
    }
  }, 5);
  return { context, closed: () => closed };
}

async function midwifeCard(): Promise<PivApplet> {
  const perso = await personalise({
    certPem: midwife.certificatePem,
    keyPem: midwife.privateKeyPem,
    pin: PIN,
  });
  const d = String(createPrivateKey(midwife.privateKeyPem).export({ format: 'jwk' }).d);
  return new PivApplet({
    ...perso,
    signing: {
      certificateDer: new Uint8Array(midwife.certificate.rawData),
      privateKey: new Uint8Array(Buffer.from(d, 'base64url')),
    },
  });
}

describe('a record signer on the card in a PC/SC reader', () => {
  it('HZ-21 picks the named reader with a card and signs with its 9C key; close releases the context', async () => {
    const fake = fakeContext([
      { name: 'Empty Reader 00' },
      { name: 'Gemalto PC Twin Reader 01', applet: await midwifeCard() },
    ]);
    const opened = await openPcscRecordSigner({
      reader: 'Gemalto',
      pin: PIN,
      openContext: () => fake.context,
    });
    if (!opened.ok) throw new Error(opened.error.kind);
    expect(opened.value.reader).toBe('Gemalto PC Twin Reader 01');
    const jws = await signTier(new TextEncoder().encode('{}'), opened.value.signer, { tier: 'full' });
    const read = await verifyTier(jws, {
      tier: 'full',
      trustAnchorsPem: [ca.certificatePem],
      now: new Date(),
    });
    expect(read?.verification).toMatchObject({ status: 'valid', signer: { profession: 'midwife' } });
    await opened.value.close();
    expect(fake.closed()).toBe(true);
  });

  it('a card reported present while pcscd still holds the pulled one: connecting again takes it', async () => {
    const fake = fakeContext([{ name: 'Desk Reader 00', applet: await midwifeCard(), removedConnects: 2 }]);
    const opened = await openPcscRecordSigner({ pin: PIN, openContext: () => fake.context });
    if (!opened.ok) throw new Error(opened.error.kind);
    await opened.value.close();
    const gone = fakeContext([{ name: 'Desk Reader 00', applet: await midwifeCard(), removedConnects: 9 }]);
    const refused = await openPcscRecordSigner({ pin: PIN, openContext: () => gone.context });
    expect(!refused.ok && refused.error.kind).toBe('removed');
    expect(gone.closed()).toBe(true);
  });

  it('no card in time, and no pcscd, are reported as such', async () => {
    const fake = fakeContext([{ name: 'Empty Reader 00' }]);
    const none = await openPcscRecordSigner({ pin: PIN, waitMs: 100, openContext: () => fake.context });
    expect(!none.ok && none.error).toEqual({ kind: 'no_card', readers: ['Empty Reader 00'] });
    const down = await openPcscRecordSigner({
      pin: PIN,
      openContext: () => {
        throw new Error('SCardEstablishContext error: Service not available.(0x8010001d)');
      },
    });
    expect(!down.ok && down.error.kind).toBe('no_service');
  });
});

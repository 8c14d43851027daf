import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../common/event-logger.ts';
import { fileRecordSigner } from '../record/crypto/record-signer.ts';
import { testCa, testPerson, type TestIdentity } from '../record/pki.testing.ts';
import type { SmartcardService } from '../drivers/smartcard/types.ts';
import { runAuthoring } from './authoring-runner.ts';
import type { KeyRecords } from './ports.ts';
import type { SessionEvent } from './session/events.ts';

let ca: TestIdentity;
let doctor: TestIdentity;
let otherDoctor: TestIdentity;
let pharmacist: TestIdentity;
const DOCTOR_ID = '810001234565';

beforeAll(async () => {
  ca = await testCa('Runner Root');
  doctor = await testPerson(ca, { name: 'Dr Claire MARTIN', title: '10', nationalId: DOCTOR_ID });
  otherDoctor = await testPerson(ca, { name: 'Dr Paul PETIT', title: '10', nationalId: '810009999995' });
  pharmacist = await testPerson(ca, { name: 'Jean PHARM', title: '21', nationalId: DOCTOR_ID });
});

const signerOf = (who: TestIdentity) =>
  fileRecordSigner(who.privateKeyPem, [new Uint8Array(new X509Certificate(who.certificatePem).raw)]);

function harness(card: Awaited<ReturnType<NonNullable<SmartcardService['recordSigner']>>>) {
  const events: SessionEvent[] = [];
  const authorWrite = vi.fn<NonNullable<KeyRecords['authorWrite']>>(async (_r, _s, _n, onSealed) => {
    onSealed();
    return { ok: true, value: { version: 2, recordId: 'rid' } };
  });
  const records = { authorWrite } as unknown as KeyRecords;
  const smartcard = { recordSigner: async () => card } as unknown as SmartcardService;
  const run = () =>
    runAuthoring(
      {
        type: 'author_write',
        keyId: 'k',
        cardId: 'c',
        pin: '123456',
        requestId: 4,
        mode: 'update',
        edits: [],
        author: { name: 'Dr Claire MARTIN', nationalId: DOCTOR_ID, profession: 'doctor' },
      },
      { records, smartcard, now: 0, dispatch: (e) => events.push(e), log: silentLogger },
    );
  return { events, authorWrite, run };
}

describe('the authoring write in the shell', () => {
  it('the logged-in doctor signs: sealed, then written', async () => {
    const h = harness({ status: 'ready', signer: signerOf(doctor) });
    await h.run();
    expect(h.events.map((e) => e.type)).toEqual(['authoring.sealed', 'authoring.write_result']);
  });

  it.each([
    ['someone else', () => otherDoctor],
    ['the same national id with a profession other than the login', () => pharmacist],
  ])('HZ-21 a signing certificate of %s: nothing is written (sign_failed)', async (_title, who) => {
    const h = harness({ status: 'ready', signer: signerOf(who()) });
    await h.run();
    expect(h.authorWrite).not.toHaveBeenCalled();
    expect(h.events).toEqual([
      {
        type: 'authoring.write_result',
        requestId: 4,
        result: { ok: false, error: { reason: 'sign_failed' } },
      },
    ]);
  });

  it('a wrong PIN goes back as pin_wrong with the retries; nothing written', async () => {
    const h = harness({ status: 'wrong_pin', retriesLeft: 1 });
    await h.run();
    expect(h.authorWrite).not.toHaveBeenCalled();
    expect(h.events[0]).toMatchObject({
      result: { ok: false, error: { reason: 'pin_wrong', retriesLeft: 1 } },
    });
  });
});

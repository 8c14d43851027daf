/**
 * The set-up the key-worker authoring tests share: the IPS IG minimal bundle, a test CA with a
 * doctor and an emergency key, key workers closed after each test, a shared-memory key device,
 * and a key-file signer standing in for the card (counting its signatures).
 */
import fs from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterEach, beforeAll } from 'vitest';
import { APP_ROOT } from '../../../appliance/common/app-root.ts';
import type { KeyDevice } from '../../../appliance/drivers/usb-key/key-device.ts';
import { fileRecordSigner } from '../../../appliance/record/crypto/record-signer.ts';
import {
  testCa,
  testEmergencyKey,
  testPerson,
  type TestIdentity,
} from '../../../appliance/record/pki.testing.ts';
import { KeyWorker } from '../../../appliance/server/key-worker/client.ts';
import { memorySource } from '../../../appliance/record/block-source.ts';
import type { PatientCode } from '../../../appliance/record/code/patient-code.ts';
import { RECORD_PATH } from '../../../appliance/record/container/layout.ts';
import { openWithCode } from '../../../appliance/record/container/open.ts';
import type { OpenedRecord } from '../../../appliance/record/container/types.ts';
import { readKeyFile } from '../../../appliance/record/fat/index.ts';

export const minimalBundle = JSON.parse(
  fs.readFileSync(path.join(APP_ROOT, 'test/fixtures/ips/IPS_IG_bundle-minimal.json'), 'utf8'),
) as unknown;
export const budgets = { readMs: 20_000, unlockMs: 60_000, appendMs: 20_000, bootMs: 90_000 };
export const author = {
  name: 'Dr Claire MARTIN',
  nationalId: '810001234567',
  profession: 'doctor' as const,
};

export interface KeyWorkerPki {
  ca: TestIdentity;
  doctor: TestIdentity;
  emergency: Awaited<ReturnType<typeof testEmergencyKey>>;
}

/** Registers the suite's hooks; `pki` is filled before the first test. */
export function keyWorkerHarness() {
  const pki = {} as KeyWorkerPki;
  const workers: KeyWorker[] = [];
  beforeAll(async () => {
    pki.ca = await testCa('Authoring Root');
    pki.doctor = await testPerson(pki.ca, { name: 'Dr Claire MARTIN', title: '10' });
    pki.emergency = await testEmergencyKey('e1');
  });
  afterEach(() => {
    for (const w of workers.splice(0)) w.close();
  });

  function device(image: Uint8Array): { device: KeyDevice; view: Uint8Array } {
    const shared = new SharedArrayBuffer(image.byteLength);
    const view = new Uint8Array(shared);
    view.set(image);
    return { device: { kind: 'memory', image: shared, readOnly: false }, view };
  }

  async function worker(dev: KeyDevice): Promise<KeyWorker> {
    const w = new KeyWorker(
      {
        trustAnchorsPem: [pki.ca.certificatePem],
        emergencyKeyring: [pki.emergency.privateJwk as Record<string, unknown>],
        kioskSecret: new Uint8Array(32).fill(7),
        siteName: 'Urgences CHU',
      },
      budgets,
    );
    workers.push(w);
    await w.started;
    return w.attach(dev);
  }

  const cardSigner = () => {
    let signatures = 0;
    const file = fileRecordSigner(pki.doctor.privateKeyPem, [
      new Uint8Array(new X509Certificate(pki.doctor.certificatePem).raw),
    ]);
    return {
      signer: { ...file, sign: async (input: Uint8Array) => ((signatures += 1), file.sign(input)) },
      count: () => signatures,
    };
  };

  /** The record on the key's bytes, opened with the patient's code (full tier); throws when it cannot be. */
  async function readBack(view: Uint8Array, code: PatientCode): Promise<OpenedRecord> {
    const back = readKeyFile(memorySource(view), RECORD_PATH, { maxBytes: 1 << 24 });
    if (!back.ok) throw new Error('no record');
    const read = await openWithCode(back.value, code, {
      tier: 'full',
      trustAnchorsPem: [pki.ca.certificatePem],
      now: new Date(),
    });
    if (!read.ok) throw new Error(read.error.code);
    return read.value;
  }

  return { pki, device, worker, cardSigner, readBack };
}

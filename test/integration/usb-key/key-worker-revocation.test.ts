/**
 * HZ-27 through the kiosk's real path: the CRLs the kiosk loaded are indexed once by the key-worker
 * service and judged in the worker against the record's signing time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X509CrlGenerator, type X509Crl } from '../../../appliance/common/x509.ts';
import type { KeyDevice } from '../../../appliance/drivers/usb-key/key-device.ts';
import { memorySource } from '../../../appliance/record/block-source.ts';
import { generatePatientCode } from '../../../appliance/record/code/patient-code.ts';
import { createContainer } from '../../../appliance/record/container/create.ts';
import { RECORD_PATH } from '../../../appliance/record/container/layout.ts';
import { createKeyImage, writeKeyFile } from '../../../appliance/record/fat/index.ts';
import {
  testCa,
  testEmergencyKey,
  testPerson,
  type TestIdentity,
} from '../../../appliance/record/pki.testing.ts';
import { ipsFixturesDir } from '../../../appliance/dev/fixtures.ts';
import { KeyWorker } from '../../../appliance/server/key-worker/client.ts';
import { createKeyWorkerService } from '../../../appliance/server/key-worker/service.ts';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
const signedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 30 * DAY);
let ca: TestIdentity;
let doctor: TestIdentity;
let image: Uint8Array;
let code: string;
const workers: KeyWorker[] = [];
afterAll(() => workers.forEach((w) => w.close()));

beforeAll(async () => {
  ca = await testCa('Worker Revocation Root');
  doctor = await testPerson(ca, { name: 'Dr Claire MARTIN', nationalId: '810000000009', title: '10' });
  const emergency = await testEmergencyKey('e1');
  code = generatePatientCode();
  const bundle = JSON.parse(
    fs.readFileSync(path.join(ipsFixturesDir(), 'IPS_IG_bundle-minimal.json'), 'utf8'),
  ) as unknown;
  const container = await createContainer({
    bundle,
    code,
    signer: { privateKeyPem: doctor.privateKeyPem, certificateChainPem: [doctor.certificatePem] },
    emergencyPublicKeys: { keys: [emergency.publicJwk] },
    p2c: 1000,
    now: signedAt,
  });
  image = createKeyImage({ layout: 'partitioned', fat: 'fat32', sizeBytes: 40 << 20 });
  if (!writeKeyFile(memorySource(image), RECORD_PATH, container).ok) throw new Error('test key');
});

const crl = (revokedAt: Date): Promise<X509Crl> =>
  X509CrlGenerator.create({
    issuer: ca.certificate.subjectName,
    thisUpdate: new Date(Date.now() - DAY),
    nextUpdate: new Date(Date.now() + 6 * DAY),
    entries: [{ serialNumber: doctor.certificate.serialNumber, revocationDate: revokedAt }],
    signingKey: ca.keys.privateKey,
    signingAlgorithm: EC,
  });

async function openThroughWorker(crls: readonly X509Crl[]) {
  const service = createKeyWorkerService({
    trustAnchorsPem: [ca.certificatePem],
    emergencyKeyring: [],
    kioskSecret: new Uint8Array(32).fill(7),
    siteName: 'Test site',
    revocation: { crls, staleCrl: 'warn' },
    budgets: { bootMs: 60_000, unlockMs: 20_000 },
  });
  const shared = new SharedArrayBuffer(image.byteLength);
  new Uint8Array(shared).set(image);
  const device: KeyDevice = { kind: 'memory', image: shared, readOnly: true };
  const worker = service.attach(device) as KeyWorker;
  workers.push(worker);
  expect((await worker.read()).ok).toBe(true);
  const opened = await worker.openWithCode(code, Date.now());
  if (!opened.ok) throw new Error(`not opened: ${opened.error}`);
  return opened.value.record.verification;
}

describe('the kiosk key worker and the site CRLs', () => {
  it('HZ-27 a card revoked before the signature: the record reads revoked in the worker', async () => {
    const revokedAt = new Date(signedAt.getTime() - DAY);
    expect(await openThroughWorker([await crl(revokedAt)])).toMatchObject({
      status: 'revoked',
      revokedAt: revokedAt.toISOString(),
    });
  });

  it('HZ-27 a card revoked after the signature: valid, with the revocation date', async () => {
    const revokedAt = new Date(signedAt.getTime() + DAY);
    expect(await openThroughWorker([await crl(revokedAt)])).toMatchObject({
      status: 'valid',
      signerRevokedAt: revokedAt.toISOString(),
    });
  });
});

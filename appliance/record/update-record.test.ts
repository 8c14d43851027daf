import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../common/app-root.ts';
import { memorySource } from './block-source.ts';
import { appendAccessLog, readAccessLog } from './access-log/index.ts';
import { generatePatientCode } from './code/patient-code.ts';
import { createContainer } from './container/create.ts';
import { openWithCode } from './container/open.ts';
import { RECORD_PATH } from './container/layout.ts';
import { createKeyImage, readKeyFile } from './fat/index.ts';
import { testCa, testPerson, testEmergencyKey, type TestIdentity } from './pki.testing.ts';
import { updateRecordOnKey } from './update-record.ts';
import { writeRecordToKey } from './write-record.ts';

const bundle = JSON.parse(
  fs.readFileSync(path.join(APP_ROOT, 'test/fixtures/ips/IPS_IG_bundle-minimal.json'), 'utf8'),
) as { entry: { resource: Record<string, unknown> }[] };
let ca: TestIdentity;
let doctor: TestIdentity;
let emergencyJwks: unknown;
const signerOf = (p: TestIdentity) => ({
  privateKeyPem: p.privateKeyPem,
  certificateChainPem: [p.certificatePem],
});

beforeAll(async () => {
  ca = await testCa('Update Root');
  doctor = await testPerson(ca, { name: 'Dr Claire MARTIN', title: '10' });
  emergencyJwks = { keys: [(await testEmergencyKey('e1')).publicJwk] };
});

describe('updating the record on a key', () => {
  it('HZ-22 version + 1 naming the replaced container, new content, the access log kept with one entry for the update', async () => {
    const code = generatePatientCode();
    const source = memorySource(createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 16 << 20 }));
    const first = await createContainer({
      bundle,
      code,
      signer: signerOf(doctor),
      emergencyPublicKeys: emergencyJwks,
      p2c: 1000,
    });
    expect(writeRecordToKey(source, first).ok).toBe(true);
    const nurse = {
      site: 'CHU',
      who: { name: 'Julie BERNARD', profession: 'nurse' as const },
      tier: 'full' as const,
    };
    expect((await appendAccessLog(source, nurse, { now: new Date() })).ok).toBe(true);
    const oldId = (JSON.parse(new TextDecoder().decode(first)) as { id: string }).id;

    const changed = structuredClone(bundle);
    (changed.entry[0]?.resource as { title?: string }).title = 'Updated summary';
    const updated = await updateRecordOnKey(source, {
      bundle: changed,
      code,
      signer: signerOf(doctor),
      emergencyPublicKeys: emergencyJwks,
      p2c: 1000,
      author: { name: 'Dr Claire MARTIN', profession: 'doctor', site: 'Cabinet' },
      trustAnchorsPem: [ca.certificatePem],
    });
    expect(updated.ok && updated.value.version).toBe(2);
    expect(updated.ok && updated.value.logged.ok).toBe(true);

    const file = readKeyFile(source, RECORD_PATH, { maxBytes: 1 << 24 });
    if (!file.ok) throw new Error('no record');
    const read = await openWithCode(file.value, code, {
      tier: 'full',
      trustAnchorsPem: [ca.certificatePem],
      now: new Date(),
    });
    expect(read.ok && read.value.verification).toMatchObject({
      status: 'valid',
      version: 2,
      previousId: oldId,
    });
    expect(read.ok && (read.value.bundle.entry[0]?.resource as { title?: string }).title).toBe(
      'Updated summary',
    );
    expect(read.ok && read.value.containerId).not.toBe(oldId);

    const log = await readAccessLog(source, code);
    expect(log.ok && log.value.map((e) => [e.who.name, e.updatedToVersion])).toEqual([
      ['Dr Claire MARTIN', 2],
      ['Julie BERNARD', undefined],
    ]);

    const again = await updateRecordOnKey(source, {
      bundle,
      code,
      signer: signerOf(doctor),
      emergencyPublicKeys: emergencyJwks,
      p2c: 1000,
      author: { name: 'Dr Claire MARTIN', profession: 'doctor', site: 'Cabinet' },
      trustAnchorsPem: [ca.certificatePem],
    });
    expect(again.ok && again.value.version).toBe(3);
    const log3 = await readAccessLog(source, code);
    expect(log3.ok && log3.value.length).toBe(3);
  });

  it('HZ-23 a summary for another patient (family name or birth date) is refused, nothing written', async () => {
    const code = generatePatientCode();
    const source = memorySource(createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 16 << 20 }));
    const first = await createContainer({
      bundle,
      code,
      signer: signerOf(doctor),
      emergencyPublicKeys: emergencyJwks,
      p2c: 1000,
    });
    expect(writeRecordToKey(source, first).ok).toBe(true);
    const patient = (b: typeof bundle) =>
      b.entry.find((e) => e.resource.resourceType === 'Patient')?.resource as {
        birthDate?: string;
        name?: { family?: string }[];
      };
    const otherBirth = structuredClone(bundle);
    patient(otherBirth).birthDate = '1901-01-01';
    const otherName = structuredClone(bundle);
    (patient(otherName).name ?? [])[0] = { ...(patient(otherName).name ?? [])[0], family: 'Someone-Else' };
    for (const other of [otherBirth, otherName]) {
      const updated = await updateRecordOnKey(source, {
        bundle: other,
        code,
        signer: signerOf(doctor),
        emergencyPublicKeys: emergencyJwks,
        p2c: 1000,
        author: { name: 'Dr Claire MARTIN', profession: 'doctor', site: 'Cabinet' },
        trustAnchorsPem: [ca.certificatePem],
      });
      expect(!updated.ok && updated.error.stage).toBe('patient');
    }
    const file = readKeyFile(source, RECORD_PATH, { maxBytes: 1 << 24 });
    expect(file.ok && Buffer.from(file.value).equals(Buffer.from(first))).toBe(true);
  });

  it('HZ-23 a wrong patient code updates nothing', async () => {
    const code = generatePatientCode();
    const source = memorySource(createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 16 << 20 }));
    const first = await createContainer({
      bundle,
      code,
      signer: signerOf(doctor),
      emergencyPublicKeys: emergencyJwks,
      p2c: 1000,
    });
    expect(writeRecordToKey(source, first).ok).toBe(true);
    const updated = await updateRecordOnKey(source, {
      bundle,
      code: generatePatientCode(),
      signer: signerOf(doctor),
      emergencyPublicKeys: emergencyJwks,
      p2c: 1000,
      author: { name: 'Dr Claire MARTIN', profession: 'doctor', site: 'Cabinet' },
      trustAnchorsPem: [ca.certificatePem],
    });
    expect(!updated.ok && updated.error.stage).toBe('read');
    const file = readKeyFile(source, RECORD_PATH, { maxBytes: 1 << 24 });
    expect(file.ok && Buffer.from(file.value).equals(Buffer.from(first))).toBe(true);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../common/app-root.ts';
import { memorySource } from '../block-source.ts';
import { generatePatientCode } from '../code/patient-code.ts';
import { createContainer } from '../container/create.ts';
import { RECORD_PATH } from '../container/layout.ts';
import { openWithCode } from '../container/open.ts';
import { createKeyImage, readKeyFile } from '../fat/index.ts';
import { summarize } from '../summary/summarize.ts';
import { testCa, testEmergencyKey, testPerson, type TestIdentity } from '../pki.testing.ts';
import { updateRecordOnKey } from '../update-record.ts';
import { writeRecordToKey } from '../write-record.ts';
import { applyEdits } from './edits.ts';

const bundle = JSON.parse(
  fs.readFileSync(path.join(APP_ROOT, 'test/fixtures/ips/IPS_IG_bundle-minimal.json'), 'utf8'),
) as unknown;
const MEDICATION = 'e1271efd-18ff-4654-9ee7-45f40019c453';
let ca: TestIdentity;
let doctor: TestIdentity;
let emergencyJwks: unknown;
const author = { name: 'Dr Claire MARTIN', nationalId: '810001234567', profession: 'doctor' as const };

beforeAll(async () => {
  ca = await testCa('Authoring Root');
  doctor = await testPerson(ca, { name: 'Dr Claire MARTIN', title: '10' });
  emergencyJwks = { keys: [(await testEmergencyKey('e1')).publicJwk] };
});

describe('edits written to a key', () => {
  it('edit → sign → write the image → read back: the changes, version + 1', async () => {
    const code = generatePatientCode();
    const source = memorySource(createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 16 << 20 }));
    const signer = { privateKeyPem: doctor.privateKeyPem, certificateChainPem: [doctor.certificatePem] };
    const first = await createContainer({
      bundle,
      code,
      signer,
      emergencyPublicKeys: emergencyJwks,
      p2c: 1000,
    });
    expect(writeRecordToKey(source, first).ok).toBe(true);
    const now = new Date();
    let sealed = false;
    const updated = await updateRecordOnKey(source, {
      bundle: undefined,
      fromCurrent: (current) =>
        applyEdits(
          current,
          [
            { op: 'allergy.add', substance: { kind: 'text', text: 'Latex' }, criticality: 'high' },
            { op: 'medication.dose', itemId: MEDICATION, dose: '1 comprimé le soir' },
          ],
          author,
          now,
        ),
      onSealed: () => (sealed = true),
      code,
      signer,
      emergencyPublicKeys: emergencyJwks,
      p2c: 1000,
      now,
      author: { name: author.name, profession: 'doctor', site: 'Urgences' },
      trustAnchorsPem: [ca.certificatePem],
    });
    expect(updated.ok && updated.value.version).toBe(2);
    expect(sealed).toBe(true);
    const file = readKeyFile(source, RECORD_PATH, { maxBytes: 1 << 24 });
    if (!file.ok) throw new Error('no record');
    const read = await openWithCode(file.value, code, {
      tier: 'full',
      trustAnchorsPem: [ca.certificatePem],
      now,
    });
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value.verification).toMatchObject({ status: 'valid', version: 2 });
    const summary = summarize(read.value.bundle);
    expect(
      summary.allergies.status === 'entries' && summary.allergies.items.map((a) => a.substance.text),
    ).toContain('Latex');
    expect(summary.medications.status === 'entries' && summary.medications.items[0]?.dosage).toBe(
      '1 comprimé le soir',
    );
  });

  it('an edit that cannot apply writes nothing: the old record stays', async () => {
    const code = generatePatientCode();
    const source = memorySource(createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 16 << 20 }));
    const signer = { privateKeyPem: doctor.privateKeyPem, certificateChainPem: [doctor.certificatePem] };
    const first = await createContainer({
      bundle,
      code,
      signer,
      emergencyPublicKeys: emergencyJwks,
      p2c: 1000,
    });
    expect(writeRecordToKey(source, first).ok).toBe(true);
    const updated = await updateRecordOnKey(source, {
      bundle: undefined,
      fromCurrent: (current) =>
        applyEdits(current, [{ op: 'problem.remove', itemId: 'gone' }], author, new Date()),
      code,
      signer,
      emergencyPublicKeys: emergencyJwks,
      p2c: 1000,
      author: { name: author.name, profession: 'doctor', site: 'Urgences' },
      trustAnchorsPem: [ca.certificatePem],
    });
    expect(!updated.ok && updated.error.stage).toBe('edit');
    const file = readKeyFile(source, RECORD_PATH, { maxBytes: 1 << 24 });
    expect(file.ok && Buffer.from(file.value).equals(Buffer.from(first))).toBe(true);
  });
});

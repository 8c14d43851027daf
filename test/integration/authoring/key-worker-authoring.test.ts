/**
 * Record authoring through the real key worker (issue 16, item 4): a FAT image in shared memory,
 * the worker opening it with the code, previewing the draft, then writing it while the "card"
 * (here a key-file signer standing in for the card, on the main thread) signs each tier when the
 * worker asks. Read back from the image: the changes, version + 1, the access log one entry more.
 * And a blank stick gets a new record that opens with the code the worker generated.
 */
import { describe, expect, it } from 'vitest';
import { readAccessLog } from '../../../appliance/record/access-log/index.ts';
import { memorySource } from '../../../appliance/record/block-source.ts';
import { generatePatientCode, parsePatientCode } from '../../../appliance/record/code/patient-code.ts';
import { createContainer } from '../../../appliance/record/container/create.ts';
import { RECORD_PATH } from '../../../appliance/record/container/layout.ts';
import { createKeyImage, readKeyFile } from '../../../appliance/record/fat/index.ts';
import { summarize } from '../../../appliance/record/summary/summarize.ts';
import { writeRecordToKey } from '../../../appliance/record/write-record.ts';
import { author, keyWorkerHarness, minimalBundle } from './key-worker-harness.testing.ts';
import type { DraftRequest } from '../../../appliance/server/session/authoring-state.ts';

const bundle = minimalBundle;
const MEDICATION = 'e1271efd-18ff-4654-9ee7-45f40019c453';
const { pki, device, worker, cardSigner, readBack } = keyWorkerHarness();

describe('authoring through the key worker', () => {
  it('HZ-22 preview, sign on the main thread, write, read back: both changes, version 2, the log one entry more', async () => {
    const code = generatePatientCode();
    const image = createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 16 << 20 });
    const first = await createContainer({
      bundle,
      code,
      signer: { privateKeyPem: pki.doctor.privateKeyPem, certificateChainPem: [pki.doctor.certificatePem] },
      emergencyPublicKeys: { keys: [pki.emergency.publicJwk] },
      p2c: 1000,
    });
    expect(writeRecordToKey(memorySource(image), first).ok).toBe(true);
    const { device: dev, view } = device(image);
    const w = await worker(dev);
    expect((await w.read()).ok).toBe(true);
    expect((await w.openWithCode(code, Date.now())).ok).toBe(true);

    const request: DraftRequest = {
      keyId: 'k',
      requestId: 1,
      mode: 'update',
      edits: [
        {
          op: 'allergy.add',
          substance: { kind: 'bdpm', code: '04545', label: 'AMOXICILLINE' },
          criticality: 'high',
        },
        { op: 'medication.dose', itemId: MEDICATION, dose: '1 comprimé le soir' },
      ],
      author,
    };
    const preview = await w.authorPreview(request, Date.now());
    expect(preview.ok && preview.value.changes.map((c) => `${c.kind} ${c.section}`)).toEqual([
      'added allergies',
      'changed medications',
    ]);

    const card = cardSigner();
    let sealed = false;
    const written = await w.authorWrite(request, card.signer, Date.now(), () => (sealed = true));
    if (!written.ok) throw new Error(written.error.reason);
    expect(written.value.version).toBe(2);
    expect(sealed).toBe(true);
    expect(card.count()).toBe(2); // one signature per tier, each asked of the main thread

    const read = await readBack(view, code);
    expect(read.verification).toMatchObject({ status: 'valid', version: 2 });
    const summary = summarize(read.bundle);
    expect(
      summary.allergies.status === 'entries' && summary.allergies.items.map((a) => a.substance.text),
    ).toContain('AMOXICILLINE');
    expect(summary.medications.status === 'entries' && summary.medications.items[0]?.dosage).toBe(
      '1 comprimé le soir',
    );
    expect(summary.authors).toEqual(['Dr Claire MARTIN']);
    const log = await readAccessLog(memorySource(view), code);
    expect(log.ok && log.value.map((e) => e.updatedToVersion)).toContain(2);
  }, 240_000);

  it('a blank stick: a new record that opens with the generated code; a refused signature writes nothing', async () => {
    const image = createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 16 << 20 });
    const { device: dev, view } = device(image);
    const w = await worker(dev);
    const read = await w.read();
    expect(!read.ok && read.error).toBe('not_a_baladeur_key');
    const request: DraftRequest = {
      keyId: 'k',
      requestId: 1,
      mode: 'new',
      identity: { family: 'Durand', given: 'Léa', birthDate: '1990-04-02' },
      edits: [{ op: 'problem.add', text: 'Épilepsie' }],
      author,
    };
    const refusing = { ...cardSigner().signer, sign: () => Promise.reject(new Error('card pulled')) };
    const failed = await w.authorWrite(request, refusing, Date.now(), () => {});
    expect(failed).toEqual({ ok: false, error: { reason: 'sign_failed' } });
    expect(readKeyFile(memorySource(view), RECORD_PATH, { maxBytes: 1 << 24 }).ok).toBe(false);

    const written = await w.authorWrite(request, cardSigner().signer, Date.now(), () => {});
    if (!written.ok) throw new Error(written.error.reason);
    expect(written.value.version).toBe(1);
    const code = parsePatientCode(written.value.patientCode ?? '');
    if (!code.ok) throw new Error('no code');
    const opened = await readBack(view, code.value);
    expect(summarize(opened.bundle).problems).toMatchObject({ status: 'entries' });
  }, 240_000);
});

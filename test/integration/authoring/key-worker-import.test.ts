/**
 * Importing a FHIR IPS bundle from the doctor's software through the real key workers (issue 16,
 * item 5): an export stick built with mkfs.vfat and mtools, listed and read by its own worker;
 * the bundle given to the patient key's worker as the draft's base, previewed as the before/after
 * list, signed on the main thread and written; read back from the key. The hostile sticks (no
 * JSON, a 50 MB JSON, a JSON that is not a document Bundle) and another patient's export. A new
 * key made from an export: the blank stick's record is the imported bundle, version 1.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fatStickWithFiles, workdir } from '../usb-key/images.ts';
import type { KeyDevice } from '../../../appliance/drivers/usb-key/key-device.ts';
import { memorySource } from '../../../appliance/record/block-source.ts';
import { generatePatientCode, parsePatientCode } from '../../../appliance/record/code/patient-code.ts';
import { importedIdentity } from '../../../appliance/record/authoring/import-identity.ts';
import { createContainer } from '../../../appliance/record/container/create.ts';
import { RECORD_PATH } from '../../../appliance/record/container/layout.ts';
import { createKeyImage, readKeyFile } from '../../../appliance/record/fat/index.ts';
import { summarize } from '../../../appliance/record/summary/summarize.ts';
import { writeRecordToKey } from '../../../appliance/record/write-record.ts';
import { author, keyWorkerHarness, minimalBundle } from './key-worker-harness.testing.ts';
import type { DraftRequest } from '../../../appliance/server/session/authoring-state.ts';

const bundle = minimalBundle;
const { pki, device, worker, cardSigner, readBack } = keyWorkerHarness();

const wd = workdir();
afterAll(() => wd.cleanup());

/** The same patient's summary as the doctor's software exports it: one dose changed. */
function exported(change: (b: { entry: { resource: Record<string, unknown> }[] }) => void): unknown {
  const copy = structuredClone(bundle) as { entry: { resource: Record<string, unknown> }[] };
  change(copy);
  return copy;
}
const NEW_DOSE = '2 comprimés le matin';
const sameDoctorSoftware = exported((b) => {
  const statement = b.entry.find((e) => e.resource.resourceType === 'MedicationStatement');
  (statement?.resource.dosage as { text?: string }[])[0]!.text = NEW_DOSE;
});
const otherPatient = exported((b) => {
  const patient = b.entry.find((e) => e.resource.resourceType === 'Patient');
  if (patient) patient.resource.birthDate = '1980-01-01';
});

function exportStick(
  name: string,
  files: Record<string, string | { bytes: number }>,
  folders: string[] = [],
): KeyDevice {
  const image = fatStickWithFiles(wd, name, files, folders);
  return { kind: 'image', path: image, readOnly: true };
}

async function patientKey() {
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
  return { w, view, code };
}

describe('import from the doctor’s software through the key workers', () => {
  it('HZ-23 the export stick listed and read by its worker; the draft previewed on the import, signed and written', async () => {
    const stick = await worker(
      exportStick(
        'export',
        { 'EXPORT/DELAROSA.JSON': JSON.stringify(sameDoctorSoftware), 'NOTES.TXT': 'x' },
        ['EXPORT'],
      ),
    );
    const files = await stick.scanExport();
    expect(files).toEqual({ ok: true, value: [{ path: 'EXPORT/DELAROSA.JSON', size: expect.any(Number) }] });
    const imported = await stick.readExport('EXPORT/DELAROSA.JSON');
    if (!imported.ok) throw new Error(imported.error);
    stick.close();

    const { w, view, code } = await patientKey();
    const request: DraftRequest = {
      keyId: 'k',
      requestId: 1,
      mode: 'update',
      imported: imported.value,
      edits: [{ op: 'problem.add', text: 'Épilepsie' }],
      author,
    };
    const preview = await w.authorPreview(request, Date.now());
    if (!preview.ok) throw new Error(preview.error.code);
    expect(preview.value.importRefused).toBeUndefined();
    expect(preview.value.changes.map((c) => `${c.kind} ${c.section}`)).toEqual(
      expect.arrayContaining(['changed medications', 'added problems']),
    );
    const written = await w.authorWrite(request, cardSigner().signer, Date.now(), () => {});
    if (!written.ok) throw new Error(written.error.reason);
    expect(written.value.version).toBe(2);
    const read = await readBack(view, code);
    const summary = summarize(read.bundle);
    expect(summary.medications.status === 'entries' && summary.medications.items[0]?.dosage).toBe(NEW_DOSE);
    expect(
      summary.problems.status === 'entries' && summary.problems.items.map((p) => p.condition.text),
    ).toContain('Épilepsie');
  }, 240_000);

  it('HZ-23 another patient’s export: left out of the preview, and never written', async () => {
    const { w, view } = await patientKey();
    const before = readKeyFile(memorySource(view), RECORD_PATH, { maxBytes: 1 << 24 });
    const request: DraftRequest = {
      keyId: 'k',
      requestId: 1,
      mode: 'update',
      imported: otherPatient,
      edits: [],
      author,
    };
    const preview = await w.authorPreview(request, Date.now());
    expect(preview.ok && preview.value).toMatchObject({ importRefused: 'other_patient', changes: [] });
    const written = await w.authorWrite(request, cardSigner().signer, Date.now(), () => {});
    expect(written).toEqual({ ok: false, error: { reason: 'not_same_patient' } });
    const after = readKeyFile(memorySource(view), RECORD_PATH, { maxBytes: 1 << 24 });
    expect(after.ok && before.ok && Buffer.from(after.value).equals(Buffer.from(before.value))).toBe(true);
  }, 240_000);

  it('HZ-23 an export giving the birth year only: the key’s patient if the year is theirs, and their full date is kept', async () => {
    const { w, view, code } = await patientKey();
    const patientOf = (b: unknown) =>
      (b as { entry: { resource: Record<string, unknown> }[] }).entry.find(
        (e) => e.resource.resourceType === 'Patient',
      )?.resource;
    const full = patientOf(bundle)?.birthDate as string;
    const withYear = (year: string) =>
      exported((b) => {
        const patient = patientOf(b);
        if (patient) patient.birthDate = year;
      });
    const request = (imported: unknown): DraftRequest => ({
      keyId: 'k',
      requestId: 1,
      mode: 'update',
      imported,
      edits: [],
      author,
    });
    const same = await w.authorPreview(request(withYear(full.slice(0, 4))), Date.now());
    if (!same.ok) throw new Error(same.error.code);
    expect(same.value.importRefused).toBeUndefined();
    const other = await w.authorPreview(request(withYear(String(Number(full.slice(0, 4)) + 1))), Date.now());
    expect(other.ok && other.value.importRefused).toBe('other_patient');
    const written = await w.authorWrite(
      request(withYear(full.slice(0, 4))),
      cardSigner().signer,
      Date.now(),
      () => {},
    );
    if (!written.ok) throw new Error(written.error.reason);
    const read = await readBack(view, code);
    expect(patientOf(read.bundle)?.birthDate).toBe(full);
  }, 240_000);

  it('HZ-23 a new key from an export: the blank stick’s record is the import (version 1), opened with the code card’s code; another patient’s identity writes nothing', async () => {
    const stick = await worker(exportStick('export-new', { 'IPS.JSON': JSON.stringify(sameDoctorSoftware) }));
    const imported = await stick.readExport('IPS.JSON');
    if (!imported.ok) throw new Error(imported.error);
    stick.close();
    const identity = importedIdentity(imported.value);
    expect(identity).toMatchObject({ family: 'DeLarosa', birthDate: expect.any(String) });

    const { device: dev, view } = device(
      createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 16 << 20 }),
    );
    const w = await worker(dev);
    const blank = await w.read();
    expect(!blank.ok && blank.error).toBe('not_a_baladeur_key');

    const other: DraftRequest = {
      keyId: 'k',
      requestId: 1,
      mode: 'new',
      identity: { family: 'Durand', given: 'Léa', birthDate: identity.birthDate ?? '' },
      imported: imported.value,
      edits: [],
      author,
    };
    const refused = await w.authorPreview(other, Date.now());
    expect(refused.ok && refused.value.importRefused).toBe('other_patient');
    expect(await w.authorWrite(other, cardSigner().signer, Date.now(), () => {})).toEqual({
      ok: false,
      error: { reason: 'not_same_patient' },
    });
    expect(readKeyFile(memorySource(view), RECORD_PATH, { maxBytes: 1 << 24 }).ok).toBe(false);

    const request: DraftRequest = {
      ...other,
      identity: {
        family: identity.family ?? '',
        given: identity.given ?? '',
        birthDate: identity.birthDate ?? '',
      },
      edits: [{ op: 'problem.add', text: 'Épilepsie' }],
    };
    const preview = await w.authorPreview(request, Date.now());
    if (!preview.ok) throw new Error(preview.error.code);
    expect(preview.value.importRefused).toBeUndefined();
    expect(new Set(preview.value.changes.map((c) => c.kind))).toEqual(new Set(['added']));
    expect(preview.value.changes.map((c) => c.section)).toEqual(
      expect.arrayContaining(['medications', 'problems', 'allergies']),
    );
    const written = await w.authorWrite(request, cardSigner().signer, Date.now(), () => {});
    if (!written.ok) throw new Error(written.error.reason);
    expect(written.value.version).toBe(1);
    const code = parsePatientCode(written.value.patientCode ?? '');
    if (!code.ok) throw new Error('no code on the code card');
    const read = await readBack(view, code.value);
    expect(read.verification).toMatchObject({ status: 'valid', version: 1 });
    const summary = summarize(read.bundle);
    expect(summary.patient.name).toContain('DeLarosa');
    expect(summary.medications.status === 'entries' && summary.medications.items[0]?.dosage).toBe(NEW_DOSE);
    expect(
      summary.problems.status === 'entries' && summary.problems.items.map((p) => p.condition.text),
    ).toContain('Épilepsie');
  }, 240_000);

  it('hostile export sticks: no JSON, a 50 MB JSON, a JSON that is not a document Bundle', async () => {
    const none = await worker(exportStick('none', { 'PHOTO.JPG': 'jpeg' }));
    expect(await none.scanExport()).toEqual({ ok: false, error: 'no_bundle' });
    const huge = await worker(exportStick('huge', { 'EXPORT.JSON': { bytes: 50 * 1024 * 1024 } }));
    expect(await huge.scanExport()).toEqual({ ok: false, error: 'no_bundle' });
    expect(await huge.readExport('EXPORT.JSON')).toEqual({ ok: false, error: 'too_large' });
    const other = await worker(
      exportStick('collection', {
        'A.JSON': JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [] }),
      }),
    );
    expect(await other.scanExport()).toEqual({ ok: false, error: 'no_bundle' });
    expect(await other.readExport('A.JSON')).toEqual({ ok: false, error: 'invalid' });
  }, 240_000);
});

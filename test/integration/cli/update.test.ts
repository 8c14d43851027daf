/** `baladeur key update`: the author replaces the record; version + 1, changes listed, log kept + 1, old record gone. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevKey, keyUpdate, MINIMAL_FIXTURE as FIXTURE } from './cli-setup.testing.ts';
import { devPki, readFixture, runCli, tempDir } from './harness.ts';

const tmp = tempDir('update');
afterAll(() => tmp.remove());
const image = path.join(tmp.dir, 'key.img');
let code = '';

type Bundle = { entry: { resource: Record<string, unknown> }[] };

beforeAll(async () => {
  code = (await createDevKey(image)).code;
  const opened = await runCli(['key', 'read', '--dev', '--in', image, '--code', code]);
  expect(opened.exitCode, opened.stderr).toBe(0);
});

/** The fixture with one allergy added and the first medication's dose changed. */
function edited(): string {
  const bundle = structuredClone(readFixture('IPS_IG_bundle-minimal.json')) as Bundle;
  const medication = bundle.entry.find((e) => e.resource.resourceType === 'MedicationStatement');
  if (medication) medication.resource.dosage = [{ text: '2 tablets a day' }];
  bundle.entry.push({
    resource: {
      resourceType: 'AllergyIntolerance',
      id: 'added-allergy',
      criticality: 'high',
      clinicalStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' },
        ],
      },
      code: { text: 'Amoxicillin' },
      patient: {
        reference: (bundle.entry.find((e) => e.resource.resourceType === 'Patient')?.resource.id as
          string | undefined)
          ? `Patient/${String(bundle.entry.find((e) => e.resource.resourceType === 'Patient')?.resource.id)}`
          : 'Patient/1',
      },
    },
  });
  const file = path.join(tmp.dir, 'edited.json');
  fs.writeFileSync(file, JSON.stringify(bundle));
  return file;
}

describe('baladeur key update', () => {
  it('HZ-22 writes version 2 signed by the dev doctor, prints the changes, keeps the access log plus one entry', async () => {
    const logBefore = await runCli(['key', 'log', '--in', image, '--code', code]);
    expect(logBefore.exitCode, logBefore.stderr).toBe(0);
    const entriesBefore = (JSON.parse(logBefore.stdout) as unknown[]).length;
    const record = (await import('../../../scripts/cli/key-image.ts')).readRecord(image);
    const oldId = (JSON.parse(new TextDecoder().decode(record)) as { id: string }).id;

    const run = await keyUpdate(image, code, edited(), '--site', 'Cabinet', '--lang', 'de');
    expect(run.exitCode, run.stderr).toBe(0);
    // The kiosk review's words, in German (--lang de): no generated English ("criticality high").
    expect(run.stdout).toMatch(
      /^\+ Hinzugefügt — Allergien und Unverträglichkeiten: Amoxicillin \(HOHE KRITIKALITÄT\) \[als Freitext eingegeben — nicht codiert\]$/mu,
    );
    expect(run.stdout).toMatch(
      /^\* Geändert — Aktuelle Medikation: Vorher: .* → Nachher: .*\(2 tablets a day\)$/mu,
    );
    expect(run.stdout).not.toMatch(/criticality/u);
    expect(run.stderr).toMatch(
      new RegExp(`version 2 \\(replaces ${oldId}\\), signed by Dr Claire MARTIN \\(doctor\\)`, 'u'),
    );

    const read = await runCli(['key', 'read', '--dev', '--in', image, '--code', code]);
    expect(read.exitCode, read.stderr).toBe(0);
    expect(read.stderr).toMatch(new RegExp(`version 2 \\(replaces ${oldId}\\)`, 'u'));
    expect(read.stderr).toMatch(/signed by Dr Claire MARTIN/u);
    const bundle = JSON.parse(read.stdout) as Bundle;
    expect(
      bundle.entry.some((e) => (e.resource.code as { text?: string } | undefined)?.text === 'Amoxicillin'),
    ).toBe(true);

    const logAfter = await runCli(['key', 'log', '--in', image, '--code', code]);
    const entries = JSON.parse(logAfter.stdout) as {
      who: { name: string };
      updatedToVersion?: number;
      site: string;
    }[];
    expect(entries.length).toBe(entriesBefore + 1);
    expect(entries[0]).toMatchObject({
      who: { name: 'Dr Claire MARTIN' },
      updatedToVersion: 2,
      site: 'Cabinet',
    });
  });

  it('HZ-21 a nurse, pharmacist or technician certificate is refused before anything is written (exit 2)', async () => {
    const pki = await devPki();
    const before = fs.readFileSync(image);
    for (const profile of ['nurse', 'pharmacist', 'technician'] as const) {
      const person = pki.people[profile];
      const run = await keyUpdate(
        image,
        code,
        FIXTURE,
        '--signer-key',
        person.keyPath,
        '--signer-cert',
        person.certPath,
      );
      expect(run.exitCode, profile).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`a ${profile} may not author a record`, 'u'));
    }
    expect(fs.readFileSync(image).equals(before)).toBe(true);
  });

  it('HZ-23 a summary for another patient is refused, nothing written (exit 2)', async () => {
    const before = fs.readFileSync(image);
    const other = structuredClone(readFixture('IPS_IG_bundle-minimal.json')) as Bundle;
    const patient = other.entry.find((e) => e.resource.resourceType === 'Patient');
    if (patient) patient.resource.birthDate = '1901-01-01';
    const file = path.join(tmp.dir, 'other-patient.json');
    fs.writeFileSync(file, JSON.stringify(other));
    const run = await keyUpdate(image, code, file);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/--ips: the new summary is for another patient .*nothing written/u);
    expect(fs.readFileSync(image).equals(before)).toBe(true);
  });

  it('HZ-23 a wrong patient code changes nothing (exit 3)', async () => {
    const before = fs.readFileSync(image);
    const run = await keyUpdate(image, '0000-0000-0000-0000', FIXTURE);
    expect(run.exitCode).toBe(3);
    expect(fs.readFileSync(image).equals(before)).toBe(true);
  });

  it('--card is checked before any card or key is touched', async () => {
    const before = fs.readFileSync(image);
    const pinFile = path.join(tmp.dir, 'pin.txt');
    fs.writeFileSync(pinFile, '12\n');
    const cases = [
      [['--card', 'usb'], /--card: must be pcsc\[:READER\] or pkcs11:MODULE\[:TOKEN\]/u],
      [['--card', 'pkcs11:'], /--card: must be pcsc\[:READER\] or pkcs11:MODULE\[:TOKEN\]/u],
      [['--card', 'pcsc'], /--card needs --pin-file/u],
      [['--card', 'pcsc', '--pin-file', pinFile], /--pin-file: a PIV PIN is 6 to 8 digits/u],
    ] as const;
    for (const [extra, message] of cases) {
      const run = await keyUpdate(image, code, FIXTURE, ...extra);
      expect(run.exitCode, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect(fs.readFileSync(image).equals(before)).toBe(true);
  });
});

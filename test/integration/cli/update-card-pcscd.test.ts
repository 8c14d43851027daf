/**
 * `baladeur key update --card pcsc[:READER] --pin-file FILE` through the REAL pcscd, the vpcd
 * reader and the virtual PIV card (issue 16): the doctor's card signs with its key 9C after the
 * PIN; a wrong PIN, a card without a signature key and a nurse's card are refused before anything
 * is written. One pcscd for the file (the `pcscd` vitest project runs it alone).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as x509 from '../../../appliance/common/x509.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPcscd, type PcscdProcess } from '../../../appliance/dev/pcscd-process.ts';
import {
  createVirtualCard,
  personalise,
  PivApplet,
  VirtualCard,
  type VirtualCardProfile,
} from '../../../appliance/dev/virtual-card/index.ts';
import type { DevPki } from '../../../appliance/dev/pki/dev-pki.ts';
import { parsePatientCode } from '../../../appliance/record/code/patient-code.ts';
import { parseContainer } from '../../../appliance/record/container/read.ts';
import { decryptWithCode } from '../../../appliance/record/crypto/decrypt.ts';
import { stripPadding } from '../../../appliance/record/crypto/padding.ts';
import { readRecord } from '../../../scripts/cli/key-image.ts';
import { devPki, FIXTURE_DIR, readFixture, runCli, tempDir } from './harness.ts';

const FIXTURE = path.join(FIXTURE_DIR, 'IPS_IG_bundle-minimal.json');
const tmp = tempDir('update-card');
let pki: DevPki;
let pcscd: PcscdProcess;
let card: VirtualCard | undefined;

beforeAll(async () => {
  pki = await devPki();
  const started = await startPcscd({ friendlyName: 'Desk Virtual Reader' });
  if (!started.ok) throw new Error(`cannot run the pcscd tests: ${started.error.message}`);
  pcscd = started.value;
});

afterEach(async () => {
  await card?.remove();
  card = undefined;
});

afterAll(async () => {
  await pcscd?.stop();
  tmp.remove();
});

/** Into the reader's first slot, or the second (`slot: 1`: no wait for pcscd to see the first emptied). */
async function insert(applet: VirtualCardProfile | PivApplet, slot: 0 | 1 = 0): Promise<void> {
  const port = pcscd.port + slot;
  card =
    applet instanceof PivApplet
      ? new VirtualCard(applet, { port })
      : await createVirtualCard(pki, applet, { port });
  await card.insert();
}

/** A fresh key image holding version 1, and its code. */
async function newKey(name: string): Promise<{ image: string; code: string }> {
  const image = path.join(tmp.dir, `${name}.img`);
  const created = await runCli(['key', 'create', '--dev', '--ips', FIXTURE, '--out', image]);
  expect(created.exitCode, created.stderr).toBe(0);
  return { image, code: created.stdout.trim() };
}

function pinFile(pin: string): string {
  const file = path.join(tmp.dir, `pin-${pin}.txt`);
  fs.writeFileSync(file, `${pin}\n`, { mode: 0o600 });
  return file;
}

/** The fixture with one allergy added (the entry the read-back looks for). */
function edited(): string {
  const bundle = structuredClone(readFixture('IPS_IG_bundle-minimal.json')) as {
    entry: { resource: Record<string, unknown> }[];
  };
  const patient = bundle.entry.find((e) => e.resource.resourceType === 'Patient')?.resource.id;
  bundle.entry.push({
    resource: {
      resourceType: 'AllergyIntolerance',
      id: 'added-on-card',
      criticality: 'high',
      code: { text: 'Latex' },
      patient: { reference: `Patient/${String(patient ?? '1')}` },
    },
  });
  const file = path.join(tmp.dir, 'edited.json');
  fs.writeFileSync(file, JSON.stringify(bundle));
  return file;
}

const update = (image: string, code: string, pin: string, cardOption = 'pcsc') =>
  runCli([
    'key',
    'update',
    '--dev',
    '--in',
    image,
    '--code',
    code,
    '--ips',
    edited(),
    '--card',
    cardOption,
    '--pin-file',
    pinFile(pin),
  ]);

/** The leaf certificate (x5c[0]) of the full tier's signature, as DER. */
async function signerCertificate(image: string, code: string): Promise<Uint8Array> {
  const container = parseContainer(readRecord(image));
  const parsed = parsePatientCode(code);
  if (!container.ok || !parsed.ok) throw new Error('unreadable key');
  const plaintext = await decryptWithCode(container.value.tiers.full as never, parsed.value, {
    cid: container.value.id,
    purpose: 'full',
  });
  if (!plaintext.ok) throw new Error(`full tier: ${plaintext.error}`);
  const jws = new TextDecoder().decode(stripPadding(plaintext.value));
  const header = JSON.parse(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
    x5c: string[];
  };
  return new Uint8Array(Buffer.from(header.x5c[0] ?? '', 'base64'));
}

const der = (pem: string): Uint8Array => new Uint8Array(x509.PemConverter.decodeFirst(pem));

describe('baladeur key update --card through pcscd + vpcd + the virtual PIV card', () => {
  it('HZ-21 the doctor card signs with key 9C after the PIN: version 2, the doctor card’s signature certificate as signer', async () => {
    const { image, code } = await newKey('doctor');
    await insert('doctor');
    const run = await update(image, code, pki.people.doctor.pin, 'pcsc:Desk Virtual');
    expect(run.exitCode, run.stderr).toBe(0);
    // The change list in the kiosk review's words, French by default (no --lang).
    expect(run.stdout).toMatch(
      /^\+ Ajouté — Allergies et intolérances : Latex \(CRITICITÉ ÉLEVÉE\)( \[.*\])?$/mu,
    );
    expect(run.stderr).toMatch(/version 2 \(replaces .+\), signed by Dr Claire MARTIN \(doctor\)/u);

    const read = await runCli(['key', 'read', '--dev', '--in', image, '--code', code]);
    expect(read.exitCode, read.stderr).toBe(0);
    expect(read.stderr).toMatch(/signature: valid, signed by Dr Claire MARTIN \(\d+, doctor\).*version 2/u);
    const signer = await signerCertificate(image, code);
    expect(Buffer.from(signer).equals(Buffer.from(der(pki.people.doctor.signing?.certPem ?? '')))).toBe(true);
    expect(Buffer.from(signer).equals(Buffer.from(der(pki.people.doctor.certPem)))).toBe(false);
  });

  it('a wrong PIN says how many tries are left, exits 3 and writes nothing', async () => {
    const { image, code } = await newKey('wrong-pin');
    const before = fs.readFileSync(image);
    await insert('doctor');
    const wrong = pki.people.doctor.pin === '000000' ? '111111' : '000000';
    const run = await update(image, code, wrong);
    expect(run.exitCode, run.stderr).toBe(3);
    expect(run.stderr).toMatch(
      /--card pcsc: wrong PIN, 2 tries left before the card blocks; nothing written/u,
    );
    expect(fs.readFileSync(image).equals(before)).toBe(true);
  });

  it('HZ-21 a nurse’s card is refused before anything is written: without a signature key, and with one (exit 2)', async () => {
    const { image, code } = await newKey('nurse');
    const before = fs.readFileSync(image);

    await insert('nurse');
    const plain = await update(image, code, pki.people.nurse.pin);
    expect(plain.exitCode).toBe(2);
    expect(plain.stderr).toMatch(/this card has no signature key \(PIV 9C\): it cannot sign records/u);
    await card?.remove();
    card = undefined;

    // A nurse's card that does carry a 9C key (CPS cards of every profession can sign): the
    // profession in its certificate refuses it.
    const perso = await personalise(pki.people.nurse);
    await insert(
      new PivApplet({
        ...perso,
        signing: { certificateDer: perso.certificateDer, privateKey: perso.privateKey },
      }),
      1,
    );
    const reader = `pcsc:${pcscd.readerNames[1]}`;
    const signing = await update(image, code, pki.people.nurse.pin, reader);
    expect(signing.exitCode).toBe(2);
    expect(signing.stderr).toContain(`--card ${reader}: a nurse may not author a record`);
    expect(fs.readFileSync(image).equals(before)).toBe(true);
  });
});

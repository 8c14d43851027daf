/**
 * Import from the doctor's software at the kiosk, end to end (issue 16, item 5): the real server in
 * simulated mode, the virtual doctor card over pcscd + vpcd, the patient key an image file and the
 * export stick made by the dock from an IPS fixture of the same patient. The patient key out, the
 * export stick in and out, the patient key back with the code, the review, the card's signature;
 * the key read back by the `baladeur` CLI holds the imported content. A new key made from an export:
 * the blank stick out and back (no code), the identity filled from the import, the code card's code.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { authenticate, summaryHeading, typeCode } from './support/kiosk-page.ts';
import { useKioskServer } from './support/kiosk-hooks.ts';
import { keyRead, resources } from './support/key-cli.ts';
import { expectAccessible } from './support/axe.ts';
import { createKeyImage } from '../../appliance/record/fat/index.ts';

/** The key holds the medication statements; the doctor's software exports the prescriptions. */
const DEMO = 'US_ePatientDave_medStatements_with_Narrative';
const EXPORT = 'US_ePatientDave_medRequest_with_Narrative';

test.describe.configure({ mode: 'serial' });

const kiosk = useKioskServer({ demos: [DEMO] });
let code: string;
let work: string;

test.beforeAll(async () => {
  const state = await kiosk.dock.state();
  const reader = (state.devices as { card?: { reader?: string } }).card?.reader;
  if (reader === 'service_unavailable')
    throw new Error(
      `the kiosk could not start its pcscd (another kiosk or test holds it):\n${kiosk.server.logs()}`,
    );
  const demo = state.demoKeys.find((k) => k.name === DEMO);
  if (!demo) throw new Error(`demo key ${DEMO} missing`);
  code = demo.code;
  work = mkdtempSync(path.join(tmpdir(), 'baladeur-import-e2e-'));
});
test.afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('HZ-23 doctor: key → import from the export stick → the same key back with its code → review → signed → read back', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const image = path.join(work, 'patient.img');
  copyFileSync(path.join(kiosk.server.dataDir, 'demo-keys', `${DEMO}.img`), image);
  const before = await keyRead(image, code);
  expect(resources(before.bundle, 'MedicationRequest')).toHaveLength(0);

  await page.goto(kiosk.server.url);
  await authenticate(page, kiosk.dock, 'doctor');
  await kiosk.dock.insertKeyImage(image);
  await typeCode(page, code);
  await expect(summaryHeading(page)).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Mettre à jour le dossier' }).click();
  await page.getByRole('button', { name: 'Importer depuis le logiciel du médecin' }).click();
  await expect(page.getByText('Retirez la clé du patient.')).toBeVisible();

  await kiosk.dock.removeKey();
  await expect(page.getByText('Insérez la clé d’export du logiciel du médecin.')).toBeVisible();
  await expectAccessible(page, 'import-insert-export');
  await kiosk.dock.insertExportStick(EXPORT);
  await expect(page.getByText(/^Retirez la clé d’export et remettez la clé du patient/)).toBeVisible({
    timeout: 30_000,
  });

  await kiosk.dock.removeKey();
  await kiosk.dock.insertKeyImage(image);
  await typeCode(page, code);
  await expect(page.getByText('Résumé importé : relisez chaque modification avant de signer.')).toBeVisible({
    timeout: 30_000,
  });
  await expectAccessible(page, 'import-editor-imported');
  await page.getByRole('button', { name: 'Relire' }).click();
  const review = page.getByRole('region', { name: 'Relire avec le patient' });
  await expect(review.getByRole('listitem').first()).toBeVisible();

  await page.getByRole('button', { name: 'Signer avec ma carte' }).click();
  for (const digit of '101010') await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(page.getByRole('heading', { name: 'Dossier écrit sur la clé' })).toBeVisible({
    timeout: 60_000,
  });
  await page.getByRole('button', { name: 'Terminé' }).click();
  await kiosk.dock.removeKey();

  const after = await keyRead(image, code);
  expect(resources(after.bundle, 'MedicationRequest').length).toBeGreaterThan(0);
  expect(after.signature).toMatch(/version 2\b/);
});

test('HZ-23 new key: Nouveau dossier → import → the blank stick back (no code) → identity from the import → signed → opens with the new code', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const image = path.join(work, 'blank.img');
  writeFileSync(image, createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 16 * 1024 * 1024 }));

  await page.goto(kiosk.server.url);
  await authenticate(page, kiosk.dock, 'doctor');
  await kiosk.dock.insertKeyImage(image);
  await page.getByRole('button', { name: 'Nouveau dossier' }).click({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Importer depuis le logiciel du médecin' }).click();
  await expect(page.getByText('Retirez la clé vierge.')).toBeVisible();
  await kiosk.dock.removeKey();
  await kiosk.dock.insertExportStick(EXPORT);
  await expect(page.getByText(/^Retirez la clé d’export et remettez une clé vierge/)).toBeVisible({
    timeout: 30_000,
  });
  await kiosk.dock.removeKey();
  await kiosk.dock.insertKeyImage(image);

  await expect(
    page.getByText('Identité reprise du résumé importé : vérifiez-la avec le patient.'),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole('textbox', { name: 'Nom de famille' })).toHaveValue('deBronkart');
  await expect(page.getByRole('textbox', { name: /Date de naissance/ })).toHaveValue('20/01/1951');
  await expectAccessible(page, 'import-new-identity');
  await page.getByRole('button', { name: 'Continuer' }).click();
  await expect(page.getByText('Résumé importé : relisez chaque modification avant de signer.')).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Relire' }).click();
  await page.getByRole('button', { name: 'Signer avec ma carte' }).click();
  for (const digit of '101010') await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(page.getByRole('heading', { name: 'Dossier écrit sur la clé' })).toBeVisible({
    timeout: 60_000,
  });
  const shown = (await page.locator('.code .group').allTextContents()).join('');
  expect(shown).toMatch(/^[0-9A-Z]{16}$/);
  await page.getByRole('button', { name: 'Terminé' }).click();
  await kiosk.dock.removeKey();

  const read = await keyRead(image, shown.match(/.{4}/g)?.join('-') ?? '');
  expect(JSON.stringify(resources(read.bundle, 'Patient'))).toContain('deBronkart');
  expect(resources(read.bundle, 'MedicationRequest').length).toBeGreaterThan(0);
  expect(read.signature).toMatch(/version 1\b/);
});

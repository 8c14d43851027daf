/**
 * Authoring at the kiosk end to end (issue 16, item 4): the real server in simulated mode, the
 * virtual doctor card over pcscd + vpcd, key images inserted through the dev dock, and the key
 * read back afterwards by the `baladeur` CLI as a separate process. Text is typed on the
 * on-screen keyboard, key by key.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import * as x509 from '../../appliance/common/x509.ts';
import { ensureDevPki } from '../../appliance/dev/pki/dev-pki.ts';
import { createKeyImage } from '../../appliance/record/fat/index.ts';
import { authenticate, summaryHeading, typeCode } from './support/kiosk-page.ts';
import { useKioskServer } from './support/kiosk-hooks.ts';
import { keyLog, keyRead, resources, signerCertificate } from './support/key-cli.ts';
import { pressOnScreen, typeOnScreen } from './support/on-screen-keyboard.ts';
import { snap } from './support/axe.ts';

const DEMO = 'IPS_IG-bundle-01';
const NEW_DOSE = '2 comprimés le soir';

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
  work = mkdtempSync(path.join(tmpdir(), 'baladeur-authoring-e2e-'));
});
test.afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});
test.beforeEach(async () => {
  await kiosk.dock.removeKey();
  await kiosk.dock.removeCard();
  await kiosk.dock.printer('ready');
});

/** A writable copy of the demo key (the dock writes the image file in place). */
function demoKeyCopy(name: string): string {
  const image = path.join(work, `${name}.img`);
  copyFileSync(path.join(kiosk.server.dataDir, 'demo-keys', `${DEMO}.img`), image);
  return image;
}

async function signWithPin(page: Page, pin: string): Promise<void> {
  await page.getByRole('button', { name: 'Signer avec ma carte' }).click();
  await expect(page.getByRole('heading', { name: 'Code PIN pour signer' })).toBeVisible();
  for (const digit of pin) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Valider' }).click();
  // The card signs over pcscd + vpcd, then the key is written (PBES2 at the calibrated count).
  await expect(page.getByRole('heading', { name: 'Dossier écrit sur la clé' })).toBeVisible({
    timeout: 60_000,
  });
}

async function addTypedAllergy(page: Page, substance: string): Promise<void> {
  const allergies = page.getByRole('region', { name: 'Allergies et intolérances' });
  await allergies.getByRole('textbox', { name: 'Ou en texte libre' }).click();
  await typeOnScreen(page, substance);
  await allergies.getByRole('button', { name: 'Élevée' }).click();
  await allergies.getByRole('button', { name: 'Ajouter' }).click();
}

test('HZ-23 doctor: card, key, code → an allergy added and a dose changed → signed on the card → read back by the CLI', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const pki = await ensureDevPki();
  const image = demoKeyCopy('update');
  const before = await keyRead(image, code);
  const versionBefore = Number(/version (\d+)/.exec(before.signature)?.[1]);
  const logBefore = await keyLog(image, code);

  await page.goto(kiosk.server.url);
  await authenticate(page, kiosk.dock, 'doctor');
  await kiosk.dock.insertKeyImage(image);
  await typeCode(page, code);
  await expect(summaryHeading(page)).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Mettre à jour le dossier' }).click();
  await expect(page.getByRole('heading', { name: 'Mise à jour du dossier' })).toBeVisible();

  await addTypedAllergy(page, 'Latex');
  const medications = page.getByRole('region', { name: 'Traitements en cours' });
  await medications
    .getByRole('button', { name: /^Changer la posologie de / })
    .first()
    .click();
  const dose = medications.getByRole('textbox', { name: /^Changer la posologie de / });
  await dose.click();
  await dose.selectText();
  await typeOnScreen(page, NEW_DOSE);
  await pressOnScreen(page, 'OK');
  await expect(page.getByRole('heading', { name: 'Modifications en attente (2)' })).toBeVisible();
  await snap(page, 'authoring-e2e-1-editor');

  await page.getByRole('button', { name: 'Relire' }).click();
  const review = page.getByRole('region', { name: 'Relire avec le patient' });
  await expect(review.getByRole('listitem')).toHaveCount(2);
  await expect(review).toContainText('Latex');
  await expect(review).toContainText(NEW_DOSE);
  await snap(page, 'authoring-e2e-2-review');
  await signWithPin(page, '101010');
  await expect(page.getByText(`Version ${versionBefore + 1} du dossier.`)).toBeVisible();
  await snap(page, 'authoring-e2e-3-written');
  await page.getByRole('button', { name: 'Imprimer le reçu pour le patient' }).click();
  await expect(page.getByText('Ticket imprimé.')).toBeVisible({ timeout: 30_000 });
  expect((await kiosk.dock.lastReceipt()).transcript).toContain('Latex');
  await page.getByRole('button', { name: 'Terminé' }).click();
  await expect(summaryHeading(page)).toBeVisible({ timeout: 30_000 });
  await kiosk.dock.removeKey();
  await expect(summaryHeading(page)).toHaveCount(0);

  const after = await keyRead(image, code);
  expect(after.signature).toMatch(new RegExp(`version ${versionBefore + 1}\\b`));
  expect(JSON.stringify(resources(after.bundle, 'AllergyIntolerance'))).toContain('Latex');
  expect(JSON.stringify(resources(after.bundle, 'MedicationStatement'))).toContain(NEW_DOSE);
  const signer = await signerCertificate(image, code);
  const doctorSigning = Buffer.from(x509.PemConverter.decodeFirst(pki.people.doctor.signing?.certPem ?? ''));
  expect(signer.equals(doctorSigning)).toBe(true);
  // The earlier entries are kept; the doctor's opening with the code and the update are added.
  const logAfter = await keyLog(image, code);
  expect(logAfter.slice(logAfter.length - logBefore.length)).toEqual(logBefore);
  // Newest first: the update's entry, then the opening's (full tier, with the code).
  const added = logAfter.slice(0, logAfter.length - logBefore.length);
  expect(added.map((e) => [e.who.profession, e.tier, e.updatedToVersion])).toEqual([
    ['doctor', 'full', versionBefore + 1],
    ['doctor', 'full', undefined],
  ]);
});

test('new key: a blank stick → Nouveau dossier → identity → an allergy → signed → opens with the code on the code card', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const image = path.join(work, 'blank.img');
  writeFileSync(image, createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 16 * 1024 * 1024 }));

  await page.goto(kiosk.server.url);
  await authenticate(page, kiosk.dock, 'doctor');
  await kiosk.dock.insertKeyImage(image);
  await page.getByRole('button', { name: 'Nouveau dossier' }).click({ timeout: 30_000 });
  await page.getByRole('textbox', { name: 'Nom de famille' }).click();
  await typeOnScreen(page, 'Fakepatient');
  await page.getByRole('textbox', { name: 'Prénom(s)' }).click();
  await typeOnScreen(page, 'Zoé');
  await page.getByRole('textbox', { name: /Date de naissance/ }).click();
  await typeOnScreen(page, '05/03/1950');
  await page.getByRole('button', { name: 'Continuer' }).click();
  await expect(page.getByRole('heading', { name: 'Nouveau dossier' })).toBeVisible();
  await addTypedAllergy(page, 'Arachide');
  await page.getByRole('button', { name: 'Relire' }).click();
  await signWithPin(page, '101010');

  const shown = (await page.locator('.code .group').allTextContents()).join('');
  expect(shown).toMatch(/^[0-9A-Z]{16}$/);
  const newCode = shown.match(/.{4}/g)?.join('-') ?? '';
  await page.getByRole('button', { name: 'Imprimer la carte code' }).click();
  await expect(page.getByText('Carte code imprimée.')).toBeVisible({ timeout: 30_000 });
  // The code card prints the code large on two lines (receipts/code-card.ts): style markers out.
  const card = (await kiosk.dock.lastReceipt()).transcript.replace(/\[\/?[A-Z]+\]|[\s-]/g, '');
  expect(card).toContain(shown);
  await snap(page, 'authoring-e2e-4-new-key');
  await page.getByRole('button', { name: 'Terminé' }).click();
  await kiosk.dock.removeKey();
  // The code is gone from the screen with the key.
  await expect(page.getByText(shown.slice(0, 4), { exact: true })).toHaveCount(0);

  const read = await keyRead(image, newCode);
  expect(JSON.stringify(resources(read.bundle, 'Patient'))).toContain('Fakepatient');
  expect(JSON.stringify(resources(read.bundle, 'AllergyIntolerance'))).toContain('Arachide');
  expect(read.signature).toMatch(/version 1\b/);
});

test('HZ-12 break-glass: the reason typed on the on-screen keyboard reaches the key’s access log only', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const image = demoKeyCopy('break-glass');
  const reason = 'Chute à vélo, inconsciente';
  await page.goto(kiosk.server.url);
  await authenticate(page, kiosk.dock, 'nurse');
  await kiosk.dock.insertKeyImage(image);
  await page.getByRole('button', { name: 'Accès d’urgence' }).click();
  const dialog = page.getByRole('dialog', { name: /bris de glace/ });
  await dialog.getByRole('radio', { name: 'Autre motif (à saisir)' }).check();
  await dialog.getByRole('textbox', { name: 'Motif saisi' }).click();
  await typeOnScreen(page, reason);
  await dialog.getByRole('checkbox').check();
  await dialog.getByRole('button', { name: 'Confirmer l’accès d’urgence' }).click();
  await expect(summaryHeading(page)).toBeVisible({ timeout: 30_000 });
  // The entry is written to the key after the summary is shown: wait for it before pulling the key.
  await expect
    .poll(async () => (await keyLog(image, code)).map((e) => e.breakGlassReason), { timeout: 20_000 })
    .toContain(reason);
  await kiosk.dock.removeKey();
  expect(kiosk.server.logs()).not.toContain(reason);
});

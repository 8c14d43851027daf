/**
 * The pharmacist's cross-check end to end (issue 7): the real kiosk in simulated mode, the demo
 * key IPS_IG-bundle-01 (high-criticality penicillin allergy), boxes "scanned" as a USB
 * keyboard-wedge scanner does — the DataMatrix typed as keystrokes (GS as 0x1D) then Enter.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible, snap } from './support/axe.ts';
import { Dock } from './support/dock.ts';
import { authenticate, summaryHeading, typeCode } from './support/kiosk-page.ts';
import { startKioskServer, type KioskServer } from './support/kiosk-server.ts';

const DEMO = 'IPS_IG-bundle-01';
// Real boxes from the shipped BDPM release (CIS_CIP_bdpm.txt).
const AMOXICILLINE = '3400933857042'; // AMOXICILLINE BIOGARAN 500 mg, gélule
const DOLIPRANE = '3400935955838'; // DOLIPRANE 1000 mg, comprimé
const GS = '\u001d';

test.describe.configure({ mode: 'serial' });

let server: KioskServer;
let dock: Dock;
let code: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // In-memory cards: this spec can run next to another kiosk (no machine-wide pcscd).
  server = await startKioskServer({ cards: 'memory', demos: [DEMO] });
  dock = new Dock(server.url);
  const demo = (await dock.state()).demoKeys.find((k) => k.name === DEMO);
  if (!demo) throw new Error(`demo key ${DEMO} missing`);
  code = demo.code;
});
test.afterAll(async () => {
  await server?.dispose();
});
test.afterEach(async ({ page: _page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('server-output', { body: server.logs().slice(-20_000), contentType: 'text/plain' });
  }
});

test('HZ-08 HZ-09 pharmacist scans boxes with a keyboard-wedge scanner, sees red/green with reasons, prints the cross-check', async ({
  page,
}) => {
  await page.goto(server.url);
  await dock.removeKey();
  await dock.printer('ready');
  await authenticate(page, dock, 'pharmacist');
  await dock.insertDemoKey(DEMO);
  await typeCode(page, code);
  await expect(summaryHeading(page)).toBeVisible({ timeout: 30_000 });

  await page.getByRole('button', { name: 'Contrôle de délivrance' }).click();
  await expect(page.getByRole('heading', { name: 'Contrôle de délivrance' })).toBeVisible();
  await expect(page.getByRole('note')).toHaveText(/ne remplace pas le jugement du pharmacien/);
  const scan = page.getByLabel('Scanner une boîte (DataMatrix, CIP13 ou CIP7)');
  await expect(scan).toBeFocused();

  // Box 1: full GS1 string with FNC1 as GS between the variable-length lot and the serial.
  await page.keyboard.type(`010${AMOXICILLINE}17281231` + `10LOTA1${GS}21SER0001`);
  await page.keyboard.press('Enter');
  const boxes = page.getByTestId('crosscheck-box');
  await expect(boxes).toHaveCount(1);
  const amox = boxes.nth(0);
  await expect(amox).toHaveAttribute('data-status', 'red');
  await expect(amox).toContainText('AMOXICILLINE BIOGARAN 500 mg');
  await expect(amox).toContainText('AMOXICILLINE 500 mg');
  await expect(amox).toContainText('LOTA1');
  await expect(amox).toContainText('31 décembre 2028');
  await expect(amox).toContainText(/allergie enregistrée.*pénicillines.*criticité élevée/);
  await expect(scan).toBeFocused();

  // Box 2: a scanner that drops the separators, an expired box (lot last, so no ambiguity).
  await page.keyboard.type(`010${DOLIPRANE}17200131` + `10LOTB2`);
  await page.keyboard.press('Enter');
  await expect(boxes).toHaveCount(2);
  const expired = boxes.nth(1);
  await expect(expired).toHaveAttribute('data-status', 'red');
  await expect(expired).toContainText('DOLIPRANE 1000 mg');
  await expect(expired).toContainText('PÉRIMÉE');

  // Box 3: a typed CIP13 of a box with no conflict for this patient.
  await page.keyboard.type(DOLIPRANE);
  await page.keyboard.press('Enter');
  await expect(boxes).toHaveCount(3);
  // Same substance as box 2: a duplicate, never shown as clear (HZ-08).
  await expect(boxes.nth(2)).not.toHaveAttribute('data-status', 'green');
  await expect(boxes.nth(2)).toContainText(/PARACÉTAMOL/);

  // A garbled scan is reported and adds nothing.
  await page.keyboard.type('3400935955839'); // bad check digit
  await page.keyboard.press('Enter');
  await expect(page.getByText('Code non reconnu')).toBeVisible();
  await expect(boxes).toHaveCount(3);

  await expectAccessible(page, 'crosscheck');
  await snap(page, 'crosscheck-1-basket');

  // Remove the expired box and the duplicate: the remaining paracetamol box is clear (HZ-09).
  await expired.getByRole('button', { name: /^Retirer/ }).click();
  await expect(boxes).toHaveCount(2);
  await expect(boxes.nth(1)).toHaveAttribute('data-status', 'green');

  // Name search for a box without a code.
  await page.getByLabel('Rechercher un médicament par son nom').fill('clamoxyl 1 g');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page
    .getByRole('button', { name: /^Ajouter CLAMOXYL 1 g/ })
    .first()
    .click();
  await expect(boxes).toHaveCount(3);
  await expect(boxes.nth(2)).toHaveAttribute('data-status', 'red');
  await expect(boxes.nth(2)).toContainText('AMOXICILLINE');

  // Print: same print path and states as the summary; the transcript carries the result.
  await page.getByRole('button', { name: 'Imprimer le contrôle' }).click();
  await expect(page.getByText('Ticket imprimé.')).toBeVisible({ timeout: 30_000 });
  const receipt = await dock.lastReceipt();
  const text = receipt.transcript.replace(/\s+/g, ' ');
  expect(text).toContain('CONTRÔLE DE DÉLIVRANCE');
  expect(text).toContain('Boîtes contrôlées : 3');
  expect(text).toContain('[ALERTE] AMOXICILLINE BIOGARAN 500 mg');
  expect(text).toContain('[SANS ALERTE] DOLIPRANE 1000 mg');
  expect(text).toContain('Aucune alerte parmi : allergies');
  expect(text).toMatch(/allergie enregistrée/);
  expect(text).toContain('Lot : LOTA1');
  expect(text).toMatch(/ne remplace pas le jugement .*du pharmacien/);
  const pharmacist = (await dock.state()).profiles.find((p) => p.profile === 'pharmacist');
  expect(text).toContain(`par ${pharmacist?.name ?? '?'}`);
  await snap(page, 'crosscheck-2-printed');

  // Clear all, back to the summary.
  await page.getByRole('button', { name: 'Tout effacer' }).click();
  await expect(page.getByText('Aucune boîte scannée.')).toBeVisible();
  await page.getByRole('button', { name: 'Retour au résumé' }).click();
  await expect(summaryHeading(page)).toBeVisible();
});

test('HZ-01 pulling the key wipes the cross-check screen and its basket', async ({ page }) => {
  await page.goto(server.url);
  await expect(summaryHeading(page)).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Contrôle de délivrance' }).click();
  await expect(page.getByLabel('Scanner une boîte (DataMatrix, CIP13 ou CIP7)')).toBeFocused();
  await page.keyboard.type(`010${AMOXICILLINE}17281231` + `10LOTA1`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('crosscheck-box')).toHaveCount(1);
  await dock.removeKey();
  await expect(page.getByRole('heading', { name: 'Contrôle de délivrance' })).toHaveCount(0);
  await expect(page.getByText('AMOXICILLINE')).toHaveCount(0);
  await dock.insertDemoKey(DEMO);
  await typeCode(page, code);
  await expect(summaryHeading(page)).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Contrôle de délivrance' }).click();
  await expect(page.getByText('Aucune boîte scannée.')).toBeVisible();
});

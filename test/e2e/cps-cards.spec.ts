/**
 * French professional cards through PKCS#11 (issue 17), end to end: SoftHSM CPS-like cards
 * (RSA-2048, 4-digit PINs) inserted by the dev dock beside the virtual PIV cards, through the
 * real PKCS#11 driver, in Chromium. The kiosk also starts its pcscd (the virtual PIV reader).
 */
import { expect, test, type Page } from '@playwright/test';
import { breakGlass, summaryHeading } from './support/kiosk-page.ts';
import { useKioskServer } from './support/kiosk-hooks.ts';

const DEMO = 'IPS_IG-bundle-01';

test.describe.configure({ mode: 'serial' });

const kiosk = useKioskServer({ demos: [DEMO] });

test.beforeEach(async () => {
  await kiosk.dock.removeKey();
  await kiosk.dock.removeCard();
});

async function typePin(page: Page, pin: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Code PIN de votre carte' })).toBeVisible({
    timeout: 15_000,
  });
  for (const digit of pin) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Valider' }).click();
}

test('the dock lists the SoftHSM CPS profiles with their 4-digit PINs', async () => {
  const state = await kiosk.dock.state();
  const cps = state.profiles.filter((p) => p.profile.startsWith('cps-'));
  expect(cps.map((p) => p.profile)).toContain('cps-nurse');
  for (const p of cps) expect(p.pin).toMatch(/^\d{4}$/);
});

test('HZ-06 a nurse with a CPS-like card (4-digit PIN) logs in and opens the emergency tier', async ({
  page,
}) => {
  await page.goto(kiosk.server.url);
  await kiosk.dock.insertCard('cps-nurse');
  await typePin(page, '6060');
  await expect(page.getByText(/^Authentifié/)).toBeVisible({ timeout: 30_000 });
  await kiosk.dock.insertDemoKey(DEMO);
  await expect(page.getByRole('heading', { name: 'Code du patient' })).toBeVisible();
  await breakGlass(page);
  await expect(summaryHeading(page)).toBeVisible();
  await expect(page.getByText('Résumé d’urgence', { exact: true })).toBeVisible();
  await kiosk.dock.removeKey();
});

test('HZ-26 the revoked CPS card is refused with its message', async ({ page }) => {
  await page.goto(kiosk.server.url);
  await kiosk.dock.insertCard('cps-revoked');
  await typePin(page, '6060');
  await expect(page.getByText(/Carte refusée : elle a été révoquée/)).toBeVisible({ timeout: 30_000 });
});

test('a wrong PIN on a CPS card says so and the keypad stays', async ({ page }) => {
  await page.goto(kiosk.server.url);
  await kiosk.dock.insertCard('cps-doctor');
  await typePin(page, '0000');
  // SoftHSM keeps no retry counter: the count is shown only when the card tells (OpenSC/PIV do).
  await expect(page.getByText('Code PIN incorrect.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Code PIN de votre carte' })).toBeVisible();
});

test('the blocked CPS card says blocked before any PIN', async ({ page }) => {
  await page.goto(kiosk.server.url);
  await kiosk.dock.insertCard('cps-blocked');
  await expect(page.getByText('Carte bloquée : trop de codes PIN incorrects.')).toBeVisible({
    timeout: 30_000,
  });
});

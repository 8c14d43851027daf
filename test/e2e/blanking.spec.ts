/**
 * Screen blanking, a site setting (issue 8): the untouched welcome screen goes black; a touch wakes
 * it without acting on what is underneath, and a card wakes it by itself. Never over an open record.
 */
import { expect, test } from '@playwright/test';
import { Dock } from './support/dock.ts';
import { startKioskServer, type KioskServer } from './support/kiosk-server.ts';

let server: KioskServer;
let dock: Dock;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startKioskServer({ cards: 'memory', demos: [], config: { screen: { blankingSeconds: 2 } } });
  dock = new Dock(server.url);
});
test.afterAll(async () => {
  await server?.dispose();
});

test('the welcome screen blanks after the site delay; a touch or a card wakes it', async ({ page }) => {
  await page.goto(server.url);
  const welcome = page.getByRole('heading', { name: 'Dossier d’urgence du patient' });
  const cover = page.getByRole('button', { name: 'Écran en veille : touchez l’écran pour le réveiller.' });
  await expect(welcome).toBeVisible();
  await expect(cover).toBeVisible({ timeout: 10_000 });
  const colour = await cover.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(colour).toBe('rgb(0, 0, 0)');

  await cover.click();
  await expect(cover).toHaveCount(0);
  await expect(welcome).toBeVisible();
  await expect(cover).toBeVisible({ timeout: 10_000 });

  await dock.insertCard('nurse');
  await expect(cover).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Code PIN de votre carte' })).toBeVisible();
  // Someone is at the kiosk: no blanking however long the PIN screen stays untouched.
  await page.waitForTimeout(3_000);
  await expect(cover).toHaveCount(0);
  await dock.removeCard();
});

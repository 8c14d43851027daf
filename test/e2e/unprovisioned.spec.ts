/**
 * A freshly imaged kiosk (no config.json on its data partition) started with the image's fallback
 * configuration: the page says "not provisioned", a nurse card is refused with the reason and no
 * patient key is read; a technician card still opens technician mode (issue 8, HZ-11).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createKeyImage } from '../../appliance/record/fat/index.ts';
import { expectAccessible, snap } from './support/axe.ts';
import { PINS } from './support/kiosk-page.ts';
import { useKioskServer } from './support/kiosk-hooks.ts';

const REFUSED_FR = 'Borne non configurée : seul un technicien peut l’utiliser. Appelez le support.';
const REFUSED_EN = 'Kiosk not provisioned: only a technician can use it. Call support.';

test.describe.configure({ mode: 'serial' });

const kiosk = useKioskServer({ cards: 'memory', demos: [], unprovisioned: true });

test('HZ-11 the welcome screen says the kiosk is not provisioned', async ({ page }) => {
  const health = async () => (await (await fetch(new URL('healthz', kiosk.server.url))).json()) as unknown;
  expect(await health()).toEqual({ status: 'ok', provisioned: false, pages: 0 });
  await page.goto(kiosk.server.url);
  await expect(page.getByRole('heading', { name: 'Borne non configurée', exact: true })).toBeVisible();
  // The page in Chromium is the one the image's page watchdog counts.
  await expect.poll(health).toEqual({ status: 'ok', provisioned: false, pages: 1 });
  await expect(page.getByText('Seule une carte de technicien est acceptée', { exact: false })).toBeVisible();
  await expect(page.getByText('Insérez une carte de technicien pour configurer la borne.')).toBeVisible();
  // No patient steps on a kiosk that cannot open a record.
  await expect(page.getByRole('heading', { name: 'Clé USB du patient' })).toHaveCount(0);
  await expectAccessible(page, 'not provisioned welcome');
  await snap(page, 'not-provisioned-welcome');
});

test('HZ-06 a nurse card on a kiosk that is not provisioned is refused with the message; a key is not read', async ({
  page,
}) => {
  await page.goto(kiosk.server.url);
  await kiosk.dock.insertCard('nurse');
  await expect(page.getByRole('heading', { name: 'Code PIN de votre carte' })).toBeVisible();
  for (const digit of PINS.nurse ?? '') await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Valider' }).click();

  const refusal = page.getByRole('alert').filter({ hasText: REFUSED_FR });
  await expect(refusal.getByRole('heading', { name: REFUSED_FR })).toBeVisible();
  await expect(refusal.getByText(/procédure papier/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Borne non configurée', exact: true })).toBeVisible();
  await expectAccessible(page, 'not provisioned, nurse refused');
  await snap(page, 'not-provisioned-nurse-refused');

  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.getByRole('heading', { name: REFUSED_EN })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Kiosk not provisioned', exact: true })).toBeVisible();
  await page.getByRole('button', { name: /Français/ }).click();

  await kiosk.dock.removeCard();
  await expect(page.getByText('Insérez une carte de technicien pour configurer la borne.')).toBeVisible();

  // A key: refused with the same message, never read.
  const image = path.join(kiosk.server.tmpDir, 'blank-key.img');
  writeFileSync(image, createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes: 8 * 1024 * 1024 }));
  const inserted = await fetch(new URL('dev/usb-key/insert', kiosk.server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ image }),
  });
  expect(inserted.ok).toBe(true);
  await expect(page.getByRole('heading', { name: REFUSED_FR })).toBeVisible();
  await kiosk.dock.removeKey();
  await expect(page.getByRole('heading', { name: REFUSED_FR })).toHaveCount(0);
  expect(kiosk.server.logs()).toContain('"reason":"missing"');
  expect(kiosk.server.logs()).not.toContain('"event":"usb_key.read"');
});

test('a technician card still opens technician mode', async ({ page }) => {
  await page.goto(kiosk.server.url);
  await kiosk.dock.insertCard('technician');
  await expect(page.getByRole('heading', { name: 'Code PIN de votre carte' })).toBeVisible();
  for (const digit of PINS.technician ?? '')
    await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(page.getByRole('button', { name: 'Vérifier le fichier' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Borne non configurée', exact: true })).toBeVisible();
  await expectAccessible(page, 'not provisioned, technician mode');
  await kiosk.dock.removeCard();
});

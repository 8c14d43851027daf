/** Steps a person takes on the kiosk page (French UI, found by accessible names). */
import { expect, type Page } from '@playwright/test';
import type { Dock } from './dock.ts';

export const PINS: Readonly<Record<string, string>> = {
  doctor: '101010',
  pharmacist: '212121',
  midwife: '505050',
  nurse: '606060',
  technician: '999999',
};

export async function authenticate(page: Page, dock: Dock, profile: keyof typeof PINS): Promise<void> {
  await dock.insertCard(profile);
  await expect(page.getByRole('heading', { name: 'Code PIN de votre carte' })).toBeVisible();
  for (const digit of PINS[profile] ?? '')
    await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Valider' }).click();
  // Authenticated: the PIN screen gives way to the welcome screen or, with a key in, the code screen.
  // A PIN check over pcscd + vpcd takes ≈ 1.5 s (MACHINE.md), more on a loaded machine.
  await expect(page.getByRole('heading', { name: 'Code PIN de votre carte' })).toHaveCount(0, {
    timeout: 30_000,
  });
  await expect(
    page.getByText(/^Authentifié/).or(page.getByRole('heading', { name: 'Code du patient' })),
  ).toBeVisible();
}

export async function typeCode(page: Page, code: string): Promise<void> {
  const open = page.getByRole('button', { name: 'Ouvrir avec le code' });
  await expect(open).toBeVisible();
  await page.getByRole('button', { name: 'Tout effacer' }).click();
  await page.keyboard.type(code);
  await open.click();
}

export async function breakGlass(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Accès d’urgence' }).click();
  const dialog = page.getByRole('dialog', { name: /bris de glace/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio').first().check();
  await dialog.getByRole('checkbox').check();
  await dialog.getByRole('button', { name: 'Confirmer l’accès d’urgence' }).click();
}

export const summaryHeading = (page: Page) => page.locator('#summary-title');

/** Typing with the kiosk's on-screen keyboard (French labels), as a person would: one key at a time. */
import { expect, type Page } from '@playwright/test';

export async function typeOnScreen(page: Page, text: string): Promise<void> {
  const keyboard = page.getByRole('group', { name: 'Clavier' });
  await expect(keyboard).toBeVisible();
  for (const char of text) {
    if (char === ' ') {
      await keyboard.getByRole('button', { name: /^(espace|␣)$/ }).click();
      continue;
    }
    const lower = char.toLocaleLowerCase('fr');
    if (lower !== char) await keyboard.getByRole('button', { name: 'Majuscule', exact: true }).click();
    await keyboard.getByRole('button', { name: char, exact: true }).click();
  }
}

export async function pressOnScreen(page: Page, name: 'OK' | 'Effacer le dernier caractère'): Promise<void> {
  await page.getByRole('group', { name: 'Clavier' }).getByRole('button', { name, exact: true }).click();
}

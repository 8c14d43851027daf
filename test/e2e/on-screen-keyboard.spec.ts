/**
 * The on-screen keyboard outside authoring (issue 16, item 4), pushed by a fake server: the
 * break-glass reason and the cross-check's search typed on it, a wedge keyboard or scanner beside
 * it, and taps on a touchscreen; what a touch sends (the commands), accessibility (axe) and
 * screenshots. The authoring screens' own fields are authoring-screens.spec.ts.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible, snap } from './support/axe.ts';
import { startFakeKiosk, type FakeKiosk } from './support/fake-kiosk.ts';
import { base, nurse, openKey } from './support/fake-views.ts';
import { pressOnScreen, typeOnScreen } from './support/on-screen-keyboard.ts';

let kiosk: FakeKiosk;
test.beforeEach(async () => {
  kiosk = await startFakeKiosk();
});
test.afterEach(async () => {
  await kiosk.close();
});

test('HZ-06 break-glass reason typed on the on-screen keyboard, accents and capitals included', async ({
  page,
}) => {
  await page.goto(kiosk.url);
  kiosk.push({
    ...base,
    card: nurse,
    key: { status: 'locked', failedAttempts: 0 },
    breakGlass: { status: 'choosing_reason', reasons: ['Patient inconscient'] },
  });
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: 'Autre motif (à saisir)' }).check();
  const field = dialog.getByRole('textbox', { name: 'Motif saisi' });
  await expect(field).toHaveAttribute('inputmode', 'none');
  await expect(page.getByRole('group', { name: 'Clavier' })).toHaveCount(0);
  await field.click();
  await typeOnScreen(page, 'Chute à vélo, Œdème');
  await expect(field).toHaveValue('Chute à vélo, Œdème');
  await expect(field).toBeFocused();
  await pressOnScreen(page, 'Effacer le dernier caractère');
  await expect(field).toHaveValue('Chute à vélo, Œdèm');
  // A physical (or wedge) keyboard still types into the same field.
  await page.keyboard.type('e');
  await expect(field).toHaveValue('Chute à vélo, Œdème');
  await expectAccessible(page, 'break-glass-keyboard');
  await snap(page, 'keyboard-break-glass');
  await dialog.getByRole('checkbox').check();
  // A touch elsewhere hides the keyboard.
  await expect(page.getByRole('group', { name: 'Clavier' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Confirmer l’accès d’urgence' }).click();
  await expect
    .poll(() => kiosk.sent('break_glass.confirm'))
    .toEqual([{ type: 'break_glass.confirm', reason: 'Chute à vélo, Œdème' }]);
});

test('cross-check: the search typed on the on-screen keyboard; the wedge scanner still types into the scan field', async ({
  page,
}) => {
  await page.goto(kiosk.url);
  const pharmacist = {
    status: 'authenticated',
    name: 'Ph. Test PHARMACIST',
    profession: 'pharmacist',
  } as const;
  const crossOpen = openKey({ status: 'unsigned' });
  if (crossOpen.key.status !== 'open') throw new Error('fixture');
  kiosk.push({
    ...crossOpen,
    card: pharmacist,
    key: {
      ...crossOpen.key,
      tier: 'full',
      breakGlass: false,
      crosscheck: { reference: 'ready', visible: true, boxCount: 0 },
    },
  });
  const scan = page.getByLabel('Scanner une boîte (DataMatrix, CIP13 ou CIP7)');
  await expect(scan).toBeFocused();
  // Focused by the page for the scanner: no on-screen keyboard until a field is touched.
  await expect(page.getByRole('group', { name: 'Clavier' })).toHaveCount(0);
  await page.keyboard.type('3400935955838');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => kiosk.sent('crosscheck.scan'))
    .toEqual([{ type: 'crosscheck.scan', text: '3400935955838' }]);

  await page.getByLabel('Rechercher un médicament par son nom').click();
  await typeOnScreen(page, 'doliprane');
  await pressOnScreen(page, 'OK');
  await expect
    .poll(() => kiosk.sent('crosscheck.search'))
    .toEqual([{ type: 'crosscheck.search', query: 'doliprane' }]);
  await snap(page, 'keyboard-crosscheck');
});

test.describe('on a touchscreen', () => {
  test.use({ hasTouch: true });
  test('taps on the keys type into the tapped field and keep its focus', async ({ page }) => {
    await page.goto(kiosk.url);
    kiosk.push({
      ...base,
      card: nurse,
      key: { status: 'locked', failedAttempts: 0 },
      breakGlass: { status: 'choosing_reason', reasons: ['Patient inconscient'] },
    });
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'Autre motif (à saisir)' }).tap();
    const field = dialog.getByRole('textbox', { name: 'Motif saisi' });
    await field.tap();
    const keyboard = page.getByRole('group', { name: 'Clavier' });
    await keyboard.getByRole('button', { name: 'Majuscule', exact: true }).tap();
    for (const key of ['É', 'v', 'a', 'c'])
      await keyboard.getByRole('button', { name: key, exact: true }).tap();
    await expect(field).toHaveValue('Évac');
    await expect(field).toBeFocused();
  });
});

/**
 * The PKCS#11 path through OpenSC's module (issue 17), end to end: the dev kiosk reads its virtual
 * PIV cards (pcscd + vpcd) through `opensc-pkcs11.so` instead of the PC/SC-PIV driver
 * (`BALADEUR_SIM_CARD=opensc`), in Chromium. The card keeps its own retry counter and block;
 * Cryptoki tells them only as token flags (final try, locked), which the screen says.
 */
import { expect, test, type Page } from '@playwright/test';
import { breakGlass, summaryHeading } from './support/kiosk-page.ts';
import { useKioskServer } from './support/kiosk-hooks.ts';

const DEMO = 'IPS_IG-bundle-01';

test.describe.configure({ mode: 'serial' });

const kiosk = useKioskServer({ demos: [DEMO], cards: 'opensc' });

test.beforeEach(async () => {
  await kiosk.dock.removeKey();
  await kiosk.dock.removeCard();
});

async function pinFor(profile: string): Promise<string> {
  const entry = (await kiosk.dock.state()).profiles.find((p) => p.profile === profile);
  if (!entry) throw new Error(`no dock profile ${profile}`);
  return entry.pin;
}

async function typePin(page: Page, pin: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Code PIN de votre carte' })).toBeVisible({
    // OpenSC binds a newly inserted card for about 2 s before it reports it (bench smartcard-pkcs11).
    timeout: 30_000,
  });
  for (const digit of pin) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Valider' }).click();
}

test('HZ-06 a nurse logs in through OpenSC (6-digit PIV PIN) and opens the emergency tier', async ({
  page,
}) => {
  await page.goto(kiosk.server.url);
  await kiosk.dock.insertCard('nurse');
  await typePin(page, await pinFor('nurse'));
  await kiosk.dock.insertDemoKey(DEMO);
  await breakGlass(page);
  await expect(summaryHeading(page)).toBeVisible({ timeout: 30_000 });
});

test('a wrong PIN through OpenSC says so and the keypad stays; the final try is said before it is used', async ({
  page,
}) => {
  await page.goto(kiosk.server.url);
  await kiosk.dock.insertCard('doctor');
  await typePin(page, '000000');
  await expect(page.getByText(/Code PIN incorrect/)).toBeVisible({ timeout: 20_000 });
  // Cryptoki gives no count: the PC/SC-PIV driver would say "2" here, the PKCS#11 path says none.
  await expect(page.getByText(/Essais restants avant blocage/)).toHaveCount(0);
  await typePin(page, '000001');
  // Two tries gone of three: the token sets CKF_USER_PIN_FINAL_TRY, shown as one try left.
  await expect(page.getByText('Essais restants avant blocage : 1.')).toBeVisible({ timeout: 20_000 });
  await typePin(page, await pinFor('doctor'));
  await expect(page.getByRole('heading', { name: 'Code PIN de votre carte' })).toBeHidden({
    timeout: 20_000,
  });
});

test('the blocked card says blocked through OpenSC, before any PIN', async ({ page }) => {
  await page.goto(kiosk.server.url);
  await kiosk.dock.insertCard('blocked');
  await expect(page.getByText(/bloquée/).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Code PIN de votre carte' })).toBeHidden();
});

/**
 * Every screen of the kiosk UI, pushed by a fake server: accessible (axe), screenshotted, and the
 * safety-relevant behaviours of the page itself (wipe on disconnect, banners, typo vs wrong code).
 */
import { expect, test } from '@playwright/test';
import { messagesFor } from '../../appliance/ui/src/i18n/catalogues.testing.ts';
import { expectAccessible, snap } from './support/axe.ts';
import { startFakeKiosk, type FakeKiosk } from './support/fake-kiosk.ts';
import { base, FAKE_ALLERGY, FAKE_PATIENT, nurse, openKey, type BaseView } from './support/fake-views.ts';

let kiosk: FakeKiosk;
test.beforeEach(async () => {
  kiosk = await startFakeKiosk();
});
test.afterEach(async () => {
  await kiosk.close();
});

const screens: [string, BaseView, RegExp][] = [
  ['welcome', base, /Dossier d’urgence du patient/],
  ['key-needs-card', { ...base, key: { status: 'locked', failedAttempts: 0 } }, /Insérez votre carte/],
  [
    'pin',
    { ...base, card: { status: 'pin_entry', pinLength: { min: 4, max: 8 }, lastAttemptWrong: false } },
    /Code PIN de votre carte/,
  ],
  [
    'pin-wrong',
    {
      ...base,
      card: { status: 'pin_entry', pinLength: { min: 4, max: 8 }, lastAttemptWrong: true, retriesLeft: 2 },
    },
    /Essais restants.*2/,
  ],
  ['reading', { ...base, card: nurse, key: { status: 'reading' } }, /Lecture de la clé/],
  ['code', { ...base, card: nurse, key: { status: 'locked', failedAttempts: 0 } }, /Code du patient/],
  [
    'code-typo',
    { ...base, card: nurse, key: { status: 'locked', failedAttempts: 1, lastError: 'typo' } },
    /Faute de frappe/,
  ],
  [
    'code-wrong',
    { ...base, card: nurse, key: { status: 'locked', failedAttempts: 3, lastError: 'wrong_code' } },
    /Essais infructueux : 3/,
  ],
  [
    'break-glass',
    {
      ...base,
      card: nurse,
      key: { status: 'locked', failedAttempts: 0 },
      breakGlass: { status: 'choosing_reason', reasons: ['Patient inconscient', 'Urgence vitale'] },
    },
    /bris de glace/,
  ],
  [
    'summary-valid',
    openKey({ status: 'valid', signer: 'Dr Test SIGNER', signedAt: '2026-10-02T10:00:00Z' }),
    /Signé par Dr Test SIGNER/,
  ],
  ['summary-unsigned', openKey({ status: 'unsigned' }), /DOSSIER NON SIGNÉ/],
  ['summary-invalid', openKey({ status: 'invalid_signature' }), /SIGNATURE INVALIDE/],
  ['summary-untrusted', openKey({ status: 'untrusted', signer: 'Dr Unknown' }), /SIGNATAIRE NON RECONNU/],
  ['summary-expired', openKey({ status: 'expired' }), /SIGNATURE HORS DE LA VALIDITÉ DU CERTIFICAT/],
  [
    'summary-not-authorised',
    openKey({ status: 'not_authorised', signer: 'Julie BERNARD', profession: 'nurse' }),
    /SIGNATAIRE NON HABILITÉ/,
  ],
  [
    'summary-revoked',
    openKey({
      status: 'revoked',
      signer: 'Dr Test SIGNER',
      signedAt: '2026-10-02T10:00:00Z',
      revokedAt: '2026-09-20T00:00:00Z',
    }),
    /CARTE DU SIGNATAIRE RÉVOQUÉE AVANT LA SIGNATURE \(révoquée le 20 septembre 2026\)/,
  ],
  [
    'summary-revoked-since-signing',
    openKey({
      status: 'valid',
      signer: 'Dr Test SIGNER',
      signedAt: '2026-02-02T10:00:00Z',
      signerRevokedAt: '2026-05-04T00:00:00Z',
    }),
    /Carte du signataire révoquée depuis la signature \(le 4 mai 2026\)/,
  ],
  [
    'summary-revocation-unknown',
    openKey({ status: 'revocation_unknown', signer: 'Dr X' }),
    /RÉVOCATION DU SIGNATAIRE NON VÉRIFIABLE/,
  ],
  [
    'welcome-site-mapped',
    { ...base, card: { ...nurse, siteMapping: 'IDE du CHU' } },
    /Rôle attribué par le site \(IDE du CHU\), pas par la carte/,
  ],
  [
    'summary-outdated',
    openKey({
      status: 'valid',
      signer: 'Dr Test SIGNER',
      signedAt: '2025-09-02T10:00:00Z',
      ageMonths: 14,
      outdated: true,
    }),
    /signé il y a 14 mois[\s\S]*peut ne plus être à jour/,
  ],
  [
    'print-progress',
    { ...openKey({ status: 'unsigned' }), print: { status: 'printing', sentBytes: 400, totalBytes: 1000 } },
    /Impression en cours/,
  ],
  [
    'print-paper-out',
    { ...openKey({ status: 'unsigned' }), print: { status: 'waiting', printer: 'paper_out' } },
    /placez un nouveau rouleau/,
  ],
  [
    'print-cover-open',
    { ...openKey({ status: 'unsigned' }), print: { status: 'failed', printer: 'cover_open' } },
    /refermez-le/,
  ],
  ['print-done', { ...openKey({ status: 'unsigned' }), print: { status: 'done' } }, /Ticket imprimé/],
  ['error-unreadable', { ...base, key: { status: 'error', reason: 'unreadable' } }, /Clé illisible/],
  [
    'error-not-baladeur',
    { ...base, key: { status: 'error', reason: 'not_a_baladeur_key' } },
    /pas une clé Baladeur/,
  ],
  ['error-card-blocked', { ...base, card: { status: 'blocked' } }, /Carte bloquée/],
  [
    'error-card-rejected',
    { ...base, card: { status: 'rejected', reason: 'expired' } },
    /certificat de la carte a expiré/,
  ],
  [
    'error-card-service',
    {
      ...base,
      card: { status: 'service_unavailable' },
      devices: { ...base.devices, reader: 'service_unavailable' },
    },
    /service de lecture des cartes/,
  ],
];

test('every screen renders and passes axe at 1024×600', async ({ page }) => {
  kiosk.push(base);
  await page.goto(kiosk.url);
  for (const [name, view, text] of screens) {
    await test.step(name, async () => {
      kiosk.push(view);
      await expect(page.locator('main')).toContainText(text);
      await expectAccessible(page, name);
      await snap(page, `gallery-${name}`);
    });
  }
});

for (const language of ['en', 'de', 'es', 'it'] as const) {
  test(`HZ-10 every screen in ${language}: complete (nothing left in French) and passes axe`, async ({
    page,
  }) => {
    const t = messagesFor(language);
    kiosk.push({ ...base, language });
    await page.goto(`${kiosk.url}?lang=${language}`);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.welcomeTitle);
    for (const [name, view] of screens) {
      await test.step(name, async () => {
        kiosk.push({ ...view, language });
        await expect(page.locator('main')).toBeVisible();
        // The French catalogue's section titles and buttons must not show through.
        for (const french of [messagesFor('fr').allergies, messagesFor('fr').print, messagesFor('fr').cancel])
          await expect(page.locator('main')).not.toContainText(french);
        await expectAccessible(page, `${name}-${language}`);
      });
    }
  });
}

test('HZ-02 allergies come first, high criticality loud and the long note is not cut', async ({ page }) => {
  kiosk.push(openKey({ status: 'valid', signer: 'Dr Test SIGNER' }));
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(kiosk.url);
  const headings = page.locator('main h2');
  await expect(headings.first()).toHaveText('Allergies et intolérances');
  const high = page.locator('.allergy.high');
  await expect(high).toContainText(FAKE_ALLERGY);
  await expect(high).toContainText('CRITICITÉ ÉLEVÉE');
  await expect(page.locator('.allergy').first()).toContainText(FAKE_ALLERGY);
  await expect(high).toContainText('very long note that must wrap and never be cut '.repeat(6).trim());
  const box = await high.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(1920);
  await snap(page, 'gallery-summary-1920');
});

test('HZ-01 a disconnect wipes the clinical content from the DOM at once', async ({ page }) => {
  kiosk.push(openKey({ status: 'valid', signer: 'Dr Test SIGNER' }));
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { name: FAKE_PATIENT })).toBeVisible();
  await kiosk.close();
  await expect(page.getByText('Connexion perdue')).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain(FAKE_PATIENT);
  expect(html).not.toContain(FAKE_ALLERGY);
  await expectAccessible(page, 'reconnecting');
  await snap(page, 'gallery-reconnecting');
});

test('HZ-11 a server away for 30 s: the reconnecting screen says to use the paper procedure', async ({
  page,
}) => {
  await page.clock.install();
  kiosk.push(base);
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { name: 'Dossier d’urgence du patient' })).toBeVisible();
  await kiosk.close();
  await expect(page.getByText('Connexion perdue')).toBeVisible();
  const fallback = page.getByText('En cas d’urgence, utilisez la procédure papier');
  await expect(fallback).toHaveCount(0);
  await page.clock.fastForward('00:31');
  await expect(fallback).toBeVisible();
  await expect(page.getByRole('status')).toContainText('appelez le support technique');
  await expectAccessible(page, 'reconnecting-fallback');
  await snap(page, 'gallery-reconnecting-fallback');
});

test('keypads send what was typed; the code keypad needs all 16 characters', async ({ page }) => {
  kiosk.push({
    ...base,
    card: { status: 'pin_entry', pinLength: { min: 4, max: 8 }, lastAttemptWrong: false },
  });
  await page.goto(kiosk.url);
  for (const digit of '6060') await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect.poll(() => kiosk.commands).toContainEqual({ type: 'pin.submit', pin: '6060' });

  kiosk.push({ ...base, card: nurse, key: { status: 'locked', failedAttempts: 0 } });
  const open = page.getByRole('button', { name: 'Ouvrir avec le code' });
  await expect(open).toBeVisible();
  await page.keyboard.type('abcd-efgh-jkmn-pqr');
  await expect(open).toBeDisabled();
  await page.keyboard.type('s');
  await expect(page.getByLabel('Code saisi')).toHaveText('ABCDEFGHJKMNPQRS');
  await open.click();
  await expect.poll(() => kiosk.commands).toContainEqual({ type: 'code.submit', code: 'ABCDEFGHJKMNPQRS' });
});

test("a PIV card's keypad takes 6 to 8 digits: 4 are never sent, a 9th is not typed", async ({ page }) => {
  kiosk.push({
    ...base,
    card: { status: 'pin_entry', pinLength: { min: 6, max: 8 }, lastAttemptWrong: false },
  });
  await page.goto(kiosk.url);
  for (const digit of '6060') await page.getByRole('button', { name: digit, exact: true }).click();
  const submit = page.getByRole('button', { name: 'Valider' });
  await expect(submit).toBeDisabled();
  for (const digit of '12345') await page.getByRole('button', { name: digit, exact: true }).click();
  await submit.click();
  await expect.poll(() => kiosk.commands).toContainEqual({ type: 'pin.submit', pin: '60601234' });
});

test('HZ-06 break-glass needs a reason and an explicit confirmation', async ({ page }) => {
  kiosk.push({
    ...base,
    card: nurse,
    key: { status: 'locked', failedAttempts: 0 },
    breakGlass: { status: 'choosing_reason', reasons: ['Patient inconscient'] },
  });
  await page.goto(kiosk.url);
  const confirm = page.getByRole('button', { name: 'Confirmer l’accès d’urgence' });
  await expect(confirm).toBeDisabled();
  await page.getByLabel('Autre motif (à saisir)').check();
  await page.getByLabel('Motif saisi').fill('  ab ');
  await page.getByLabel(/Je confirme/).check();
  await expect(confirm).toBeDisabled();
  await page.getByLabel('Patient inconscient').check();
  await confirm.click();
  await expect
    .poll(() => kiosk.commands)
    .toContainEqual({ type: 'break_glass.confirm', reason: 'Patient inconscient' });
});

test('HZ-10 ?lang=en asks for English and the page follows the server language', async ({ page }) => {
  kiosk.push(base);
  await page.goto(`${kiosk.url}?lang=en`);
  await expect.poll(() => kiosk.commands).toContainEqual({ type: 'language.set', language: 'en' });
  kiosk.push({ ...base, language: 'en' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Patient emergency record');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Français' }).click();
  await expect.poll(() => kiosk.commands).toContainEqual({ type: 'language.set', language: 'fr' });
});

test('HZ-10 ?lang=de|es|it ask for that language; the switch offers all five', async ({ page }) => {
  for (const language of ['de', 'es', 'it'] as const) {
    kiosk.push(base);
    await page.goto(`${kiosk.url}?lang=${language}`);
    await expect.poll(() => kiosk.commands).toContainEqual({ type: 'language.set', language });
    kiosk.push({ ...base, language });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(messagesFor(language).welcomeTitle);
  }
  for (const name of ['Français', 'English', 'Deutsch', 'Español', 'Italiano'])
    await expect(page.getByRole('button', { name })).toBeVisible();
  await page.getByRole('button', { name: 'Italiano' }).click();
  await expect.poll(() => kiosk.commands).toContainEqual({ type: 'language.set', language: 'it' });
});

test('the dev dock is absent in production mode', async ({ page }) => {
  kiosk.push({ ...base, mode: 'production' });
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Dock de développement' })).toHaveCount(0);
});

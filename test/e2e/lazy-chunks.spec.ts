/**
 * The page ships what the first screen needs; other languages and screens load when first needed
 * (issue 14, JavaScript budget). A language switch never shows a half-translated screen, and a
 * chunk that fails to load says so in the current language and offers to retry.
 */
import { expect, test, type Page, type Route } from '@playwright/test';
import { authoringMessages } from '../../appliance/ui/src/i18n/authoring.ts';
import { messagesFor } from '../../appliance/ui/src/i18n/catalogues.testing.ts';
import { startFakeKiosk, type FakeKiosk } from './support/fake-kiosk.ts';
import { nurse, openKey, type BaseView } from './support/fake-views.ts';

let kiosk: FakeKiosk;
test.beforeEach(async () => {
  kiosk = await startFakeKiosk();
});
test.afterEach(async () => {
  await kiosk.close();
});

const fr = messagesFor('fr');
const de = messagesFor('de');
const summaryView = openKey({ status: 'valid', signer: 'Dr Test SIGNER', signedAt: '2026-10-02T10:00:00Z' });

/** The page's script files fetched so far (file names under /assets/). */
function scriptsFetched(page: Page): string[] {
  const fetched: string[] = [];
  page.on('request', (request) => {
    const file = /\/assets\/([^/?]+\.js)/.exec(request.url())?.[1];
    if (file) fetched.push(file);
  });
  return fetched;
}

/** Every French sentence of the page catalogue that German does not share (the endonyms aside). */
function frenchOnly(): string[] {
  const strings = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(strings)
        : [];
  const { languageName: _fr, ...french } = fr;
  const { languageName: _de, ...german } = de;
  const germanText = strings(german).join('\n');
  return strings(french).filter((s) => s.length >= 6 && !germanText.includes(s));
}

test('the page and the nurse’s summary load no other chunk: French only, no authoring, technician or cross-check', async ({
  page,
}) => {
  const fetched = scriptsFetched(page);
  kiosk.push({ ...summaryView, mode: 'production' });
  await page.goto(kiosk.url);
  await expect(page.locator('#summary-title')).toBeVisible();
  expect(fetched.filter((f) => !f.startsWith('index-'))).toEqual([]);
});

test('HZ-10 switching to German loads the German catalogue, keeps French whole until it has, then no French is left', async ({
  page,
}) => {
  const fetched = scriptsFetched(page);
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/de-[^/]+\.js$/, async (route: Route) => {
    await held;
    await route.continue();
  });
  kiosk.push(summaryView);
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { name: fr.allergies })).toBeVisible();
  expect(fetched.some((f) => f.startsWith('de-'))).toBe(false);

  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect.poll(() => kiosk.commands).toContainEqual({ type: 'language.set', language: 'de' });
  kiosk.push({ ...summaryView, language: 'de' });
  await expect.poll(() => fetched.some((f) => f.startsWith('de-'))).toBe(true);
  // While German is on its way the screen stays French, whole.
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { name: fr.allergies })).toBeVisible();
  await expect(page.locator('main')).not.toContainText(de.allergies);

  release();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('heading', { name: de.allergies })).toBeVisible();
  await expect(page.locator('main')).toContainText(de.tierEmergency);
  const screenText = await page.locator('body').innerText();
  expect(frenchOnly().length).toBeGreaterThan(200);
  const left = frenchOnly().filter((s) => screenText.includes(s));
  expect(left).toEqual([]);
});

test('HZ-10 a language that fails to load: the screen stays French and says so; Retry loads it', async ({
  page,
}) => {
  let fail = true;
  await page.route(/\/assets\/en-[^/]+\.js$/, (route) => (fail ? route.abort() : route.continue()));
  kiosk.push(summaryView);
  await page.goto(kiosk.url);
  await expect(page.locator('#summary-title')).toBeVisible();
  kiosk.push({ ...summaryView, language: 'en' });
  await expect(page.getByRole('alert').filter({ hasText: fr.languageLoadFailed('English') })).toBeVisible();
  await expect(page.getByRole('heading', { name: fr.allergies })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  fail = false;
  await page.getByRole('button', { name: fr.retry }).click();
  await expect(page.getByRole('heading', { name: messagesFor('en').allergies })).toBeVisible();
  await expect(page.getByText(fr.languageLoadFailed('English'))).toHaveCount(0);
});

test('HZ-11 a screen whose chunk fails to load says so in the current language and Retry shows it', async ({
  page,
}) => {
  const doctor = { status: 'authenticated', name: 'Dr Test DOCTOR', profession: 'doctor' } as const;
  const reviewing: BaseView = {
    ...openKey({ status: 'unsigned' }),
    card: doctor,
    authoring: { status: 'reviewing', changes: [] },
  };
  let fail = true;
  await page.route(/\/assets\/AuthoringScreen-[^/]+\.js$/, (route) =>
    fail ? route.abort() : route.continue(),
  );
  kiosk.push({ ...summaryView, card: nurse });
  await page.goto(kiosk.url);
  await expect(page.locator('#summary-title')).toBeVisible();
  kiosk.push(reviewing);
  await expect(page.getByRole('alert').filter({ hasText: fr.loadFailed })).toBeVisible();

  fail = false;
  await page.getByRole('button', { name: fr.retry }).click();
  await expect(page.getByRole('heading', { name: authoringMessages('fr').reviewTitle })).toBeVisible();
  await expect(page.getByText(fr.loadFailed)).toHaveCount(0);
});

test('the patient’s code keypad fetches their access log while the code is typed', async ({ page }) => {
  const fetched = scriptsFetched(page);
  kiosk.push({ ...summaryView, card: { status: 'absent' }, key: { status: 'locked', failedAttempts: 0 } });
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { name: fr.patientCodeTitle })).toBeVisible();
  await expect.poll(() => fetched.some((f) => f.startsWith('PatientAccessLog-'))).toBe(true);
  expect(fetched.some((f) => /^(AuthoringScreen|TechnicianScreen|CrossCheckScreen)-/.test(f))).toBe(false);
});

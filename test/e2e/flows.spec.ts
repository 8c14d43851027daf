/**
 * The kiosk end to end: the real server in simulated mode, driven through the dev dock, in the
 * system Chromium. After each flow nothing clinical is left in the page, the browser's storage,
 * the server's logs or its data and temp folders (HZ-01, HZ-12).
 */
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter, CODE_ALPHABET } from '../../appliance/record/code/patient-code.ts';
import { expectAccessible, snap } from './support/axe.ts';
import { clinicalStrings, expectCleanPage, expectNothingAtRest, summaryOf } from './support/clinical.ts';
import { authenticate, breakGlass, summaryHeading, typeCode } from './support/kiosk-page.ts';
import { useKioskServer } from './support/kiosk-hooks.ts';

const DEMO = 'IPS_IG-bundle-01';
const FIXTURE = `${DEMO}.json`;
const SECRETS = clinicalStrings(FIXTURE);
const ALLERGIES = (() => {
  const section = summaryOf(FIXTURE).allergies;
  return section.status === 'entries' ? section.items.map((a) => a.substance.text) : [];
})();

test.describe.configure({ mode: 'serial' });

let code: string;

const kiosk = useKioskServer({ demos: [DEMO] });

test.beforeAll(async () => {
  const state = await kiosk.dock.state();
  const reader = (state.devices as { card?: { reader?: string } }).card?.reader;
  if (reader === 'service_unavailable') {
    throw new Error(
      `the kiosk could not start its pcscd (another kiosk or test holds it):\n${kiosk.server.logs()}`,
    );
  }
  const demo = state.demoKeys.find((k) => k.name === DEMO);
  if (!demo) throw new Error(`demo key ${DEMO} missing`);
  code = demo.code;
});
test.beforeEach(async () => {
  await kiosk.dock.removeKey();
  await kiosk.dock.removeCard();
  await kiosk.dock.printer('ready');
});

async function expectNoClinicalTrace(page: Page): Promise<void> {
  await expectCleanPage(page, SECRETS);
  expectNothingAtRest(kiosk.server.logs(), [kiosk.server.dataDir, kiosk.server.tmpDir], SECRETS);
}

test('HZ-06 HZ-12 nurse: card, PIN, key, emergency access, allergies, print, key pulled → wiped', async ({
  page,
}) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto(kiosk.server.url);
  await expect(page.getByRole('heading', { name: 'Dossier d’urgence du patient' })).toBeVisible();
  await expectAccessible(page, 'welcome');
  await snap(page, 'nurse-1-welcome');

  await kiosk.dock.insertCard('nurse');
  await expect(page.getByRole('heading', { name: 'Code PIN de votre carte' })).toBeVisible();
  await expectAccessible(page, 'pin');
  await snap(page, 'nurse-2-pin');
  for (const digit of '606060') await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(page.getByText(/^Authentifié/)).toBeVisible({ timeout: 30_000 });
  await snap(page, 'nurse-3-authenticated');

  await kiosk.dock.insertDemoKey(DEMO);
  await expect(page.getByRole('heading', { name: 'Code du patient' })).toBeVisible();
  await expectAccessible(page, 'code');
  await snap(page, 'nurse-4-locked');

  await page.getByRole('button', { name: 'Accès d’urgence' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'break-glass');
  await snap(page, 'nurse-5-break-glass');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio').first().check();
  await dialog.getByRole('checkbox').check();
  await dialog.getByRole('button', { name: 'Confirmer l’accès d’urgence' }).click();

  await expect(summaryHeading(page)).toBeVisible();
  await expect(page.getByText('Résumé d’urgence', { exact: true })).toBeVisible();
  const allergies = page.getByRole('region', { name: 'Allergies et intolérances' });
  for (const text of ALLERGIES) await expect(allergies).toContainText(text);
  await expect(page.locator('main h2').first()).toHaveText('Allergies et intolérances');
  await expectAccessible(page, 'summary');
  await snap(page, 'nurse-6-summary');

  await page.getByRole('button', { name: 'Imprimer le résumé' }).click();
  await expect(page.getByText('Ticket imprimé.')).toBeVisible();
  await snap(page, 'nurse-7-printed');
  const receipt = await kiosk.dock.lastReceipt();
  expect(receipt.transcript.length).toBeGreaterThan(0);

  await kiosk.dock.removeKey();
  await expect(page.getByRole('heading', { name: 'Dossier d’urgence du patient' })).toBeVisible();
  await snap(page, 'nurse-8-wiped');
  await expectNoClinicalTrace(page);
  // The page runs under the server's strict CSP: no inline script or style was refused.
  expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
});

test('pharmacist: patient code opens the full tier', async ({ page }) => {
  await page.goto(kiosk.server.url);
  await authenticate(page, kiosk.dock, 'pharmacist');
  await kiosk.dock.insertDemoKey(DEMO);
  await typeCode(page, code);
  await expect(summaryHeading(page)).toBeVisible();
  await expect(page.getByText('Dossier complet', { exact: true })).toBeVisible();
  for (const text of ALLERGIES) await expect(page.getByText(text)).toBeVisible();
  await snap(page, 'pharmacist-summary');
  await page.getByRole('button', { name: 'Fermer le dossier' }).click();
  await expect(summaryHeading(page)).toHaveCount(0);
  await kiosk.dock.removeKey();
  await expectNoClinicalTrace(page);
});

test('wrong code counts attempts; a typo is refused before unlocking and not counted', async ({ page }) => {
  await page.goto(kiosk.server.url);
  await authenticate(page, kiosk.dock, 'pharmacist');
  await kiosk.dock.insertDemoKey(DEMO);

  const plain = code.replaceAll('-', '');
  const other = CODE_ALPHABET[(CODE_ALPHABET.indexOf(plain[0] as string) + 1) % 32] as string;
  const typo = other + plain.slice(1);
  await typeCode(page, typo);
  await expect(page.getByText(/Faute de frappe/)).toBeVisible();
  await expect(page.getByText(/Essais infructueux/)).toHaveCount(0);
  await expectAccessible(page, 'code-typo');
  await snap(page, 'code-typo');

  const data = (other + plain.slice(1, 15)).slice(0, 15);
  const wrong = data + checkCharacter(data);
  await typeCode(page, wrong);
  await expect(page.getByText(/Code incorrect.*Essais infructueux : 1\./)).toBeVisible();
  await typeCode(page, wrong);
  await expect(page.getByText(/Essais infructueux : 2\./)).toBeVisible();
  await expectAccessible(page, 'code-wrong');
  await snap(page, 'code-wrong');
  await expect(summaryHeading(page)).toHaveCount(0);

  await typeCode(page, code);
  await expect(summaryHeading(page)).toBeVisible();
  await kiosk.dock.removeKey();
  await expectNoClinicalTrace(page);
});

test('HZ-15 card pulled mid-session wipes the screen', async ({ page }) => {
  await page.goto(kiosk.server.url);
  await authenticate(page, kiosk.dock, 'nurse');
  await kiosk.dock.insertDemoKey(DEMO);
  await breakGlass(page);
  await expect(summaryHeading(page)).toBeVisible();
  await kiosk.dock.removeCard();
  await expect(summaryHeading(page)).toHaveCount(0);
  await snap(page, 'card-pulled');
  await expectNoClinicalTrace(page);
  // The key is still in: a new card must authenticate and open it again.
  await authenticate(page, kiosk.dock, 'nurse');
  await expect(summaryHeading(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Code du patient' })).toBeVisible();
});

test('HZ-01 server restarted mid-session: reconnects to a fresh welcome screen, never stale', async ({
  page,
}) => {
  await page.goto(kiosk.server.url);
  await authenticate(page, kiosk.dock, 'nurse');
  await kiosk.dock.insertDemoKey(DEMO);
  await breakGlass(page);
  await expect(summaryHeading(page)).toBeVisible();

  await kiosk.server.stop('SIGKILL');
  await expect(page.getByText('Connexion perdue — reconnexion en cours…')).toBeVisible();
  await expectCleanPage(page, SECRETS);
  await expectAccessible(page, 'reconnecting');
  await snap(page, 'restart-reconnecting');

  await kiosk.server.start();
  await expect(page.getByRole('heading', { name: 'Dossier d’urgence du patient' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(summaryHeading(page)).toHaveCount(0);
  await snap(page, 'restart-welcome');
  await expectNoClinicalTrace(page);
});

test('the dev dock overlay drives the simulated card, key and printer', async ({ page }) => {
  await page.goto(kiosk.server.url);
  await page.getByRole('button', { name: 'Dock de développement' }).click();
  const dockPanel = page.getByRole('complementary', { name: /Dock de développement/ });
  await expect(dockPanel).toBeVisible();
  await dockPanel.getByRole('button', { name: /^Insérer la carte nurse PIN/ }).click();
  await expect(page.getByRole('heading', { name: 'Code PIN de votre carte' })).toBeVisible();
  await dockPanel.getByRole('button', { name: new RegExp(`Insérer la clé ${DEMO}`) }).click();
  await expect(page.getByRole('list', { name: 'État des appareils' })).toContainText('Clé insérée');
  await dockPanel.getByRole('button', { name: 'Imprimante : paper_out', exact: true }).click();
  await expect(page.getByRole('list', { name: 'État des appareils' })).toContainText('Plus de papier');
  await expectAccessible(page, 'dev-dock');
  await snap(page, 'dev-dock');
  await dockPanel.getByRole('button', { name: 'Retirer la carte' }).click();
  await dockPanel.getByRole('button', { name: 'Retirer la clé' }).click();
  await expect(page.getByRole('heading', { name: 'Dossier d’urgence du patient' })).toBeVisible();
});

/**
 * Printer faults end to end (issue 5): the real server in simulated mode, its real EscPosPrinter
 * over TCP to the virtual ESC/POS printer, faults set through the dev dock, the nurse's screen in
 * Chromium. Each fault must end in the right screen, and a job is counted printed by the
 * simulated printer only when it was confirmed in full (HZ-07): never while it waits or failed.
 */
import { expect, test, type Page } from '@playwright/test';
import { summaryOf } from './support/clinical.ts';
import { authenticate, breakGlass, summaryHeading } from './support/kiosk-page.ts';
import { useKioskServer } from './support/kiosk-hooks.ts';

const DEMO = 'IPS_IG-bundle-01';
const ALLERGIES = (() => {
  const section = summaryOf(`${DEMO}.json`).allergies;
  return section.status === 'entries' ? section.items.map((a) => a.substance.text) : [];
})();
const REPRINT = '*** REPRINT / REIMPRESSION ***';

test.describe.configure({ mode: 'serial' });

const kiosk = useKioskServer({ demos: [DEMO] });
test.beforeEach(async () => {
  await kiosk.dock.removeKey();
  await kiosk.dock.removeCard();
  await kiosk.dock.printer('ready');
});

async function openSummary(page: Page): Promise<void> {
  await page.goto(kiosk.server.url);
  await authenticate(page, kiosk.dock, 'nurse');
  await kiosk.dock.insertDemoKey(DEMO);
  await breakGlass(page);
  await expect(summaryHeading(page)).toBeVisible();
}

const panel = (page: Page) =>
  page.getByRole('status').filter({ has: page.getByRole('button', { name: 'Réessayer' }) });
const printButton = (page: Page) => page.getByRole('button', { name: 'Imprimer le résumé' });

/** The transcript as running text: style marks dropped, wrapped lines joined. */
const runningText = (transcript: string): string =>
  transcript
    .replace(/\[\/?[A-Z]+\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The printed receipt is whole: every allergy is on it, and its closing lines. */
async function expectWholeReceipt(reprint: boolean): Promise<void> {
  const receipt = await kiosk.dock.lastReceipt();
  const text = runningText(receipt.transcript);
  for (const allergy of ALLERGIES) expect(text).toContain(allergy.replace(/\s+/g, ' '));
  expect(text).toContain('Document confidentiel - secret médical.');
  if (reprint) expect(receipt.transcript).toContain(REPRINT);
  else expect(receipt.transcript).not.toContain(REPRINT);
}

for (const [fault, help] of [
  ['paper_out', 'Plus de papier : ouvrez le capot, placez un nouveau rouleau, refermez le capot.'],
  ['cover_open', 'Le capot de l’imprimante est ouvert : refermez-le.'],
] as const) {
  test(`HZ-07 ${fault} in the middle of a receipt: held with what to do, then a whole marked reprint`, async ({
    page,
  }) => {
    await openSummary(page);
    const jobsBefore = await kiosk.dock.printedJobs();
    await kiosk.dock.printerMidJob(fault, 400);
    await printButton(page).click();
    await expect(panel(page)).toContainText('Impression en attente de l’imprimante.');
    await expect(panel(page)).toContainText(help);
    await expect(page.getByText('Ticket imprimé.')).toHaveCount(0);
    expect(await kiosk.dock.printedJobs()).toBe(jobsBefore);

    await kiosk.dock.printer('ready');
    await expect(page.getByText('Ticket imprimé.')).toBeVisible({ timeout: 20_000 });
    expect(await kiosk.dock.printedJobs()).toBe(jobsBefore + 1);
    await expectWholeReceipt(true);
  });
}

test('HZ-07 paper out before the job: held, then printed once (no reprint band) when paper is back', async ({
  page,
}) => {
  await openSummary(page);
  const jobsBefore = await kiosk.dock.printedJobs();
  await kiosk.dock.printer('paper_out');
  await printButton(page).click();
  await expect(panel(page)).toContainText('Plus de papier');
  expect(await kiosk.dock.printedJobs()).toBe(jobsBefore);
  await kiosk.dock.printer('ready');
  await expect(page.getByText('Ticket imprimé.')).toBeVisible({ timeout: 20_000 });
  expect(await kiosk.dock.printedJobs()).toBe(jobsBefore + 1);
  await expectWholeReceipt(false);
});

test('HZ-07 printer reports offline: held with what to do, prints when it is back online', async ({
  page,
}) => {
  await openSummary(page);
  const jobsBefore = await kiosk.dock.printedJobs();
  await kiosk.dock.printer('offline');
  await printButton(page).click();
  await expect(panel(page)).toContainText('Impression en attente de l’imprimante.');
  await expect(panel(page)).toContainText('L’imprimante est hors ligne');
  expect(await kiosk.dock.printedJobs()).toBe(jobsBefore);
  await kiosk.dock.printer('ready');
  await expect(page.getByText('Ticket imprimé.')).toBeVisible({ timeout: 20_000 });
  expect(await kiosk.dock.printedJobs()).toBe(jobsBefore + 1);
});

for (const [fault, help] of [
  ['unplugged', 'L’imprimante est hors ligne : vérifiez qu’elle est allumée et branchée.'],
  ['silent', 'L’imprimante ne répond pas : vérifiez le câble et l’alimentation.'],
] as const) {
  test(`HZ-07 printer ${fault}: the job fails with what to check, nothing counted printed, retry prints it`, async ({
    page,
  }) => {
    await openSummary(page);
    const jobsBefore = await kiosk.dock.printedJobs();
    await kiosk.dock.printer(fault);
    await printButton(page).click();
    // A silent printer is given up on after the status timeout (5 s in simulated mode).
    await expect(panel(page)).toContainText('L’impression a échoué.', { timeout: 20_000 });
    await expect(panel(page)).toContainText(help);
    await expect(page.getByText('Ticket imprimé.')).toHaveCount(0);
    expect(await kiosk.dock.printedJobs()).toBe(jobsBefore);

    await kiosk.dock.printer('ready');
    await panel(page).getByRole('button', { name: 'Réessayer' }).click();
    await expect(page.getByText('Ticket imprimé.')).toBeVisible({ timeout: 20_000 });
    expect(await kiosk.dock.printedJobs()).toBe(jobsBefore + 1);
    await expectWholeReceipt(false);
  });
}

test('the dock overlay offers every printer fault, mid-job ones included', async ({ page }) => {
  await page.goto(kiosk.server.url);
  await page.getByRole('button', { name: 'Dock de développement' }).click();
  for (const state of ['ready', 'paper_out', 'cover_open', 'offline', 'silent', 'unplugged'])
    await expect(page.getByRole('button', { name: `Imprimante : ${state}`, exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Imprimante : paper_out pendant le prochain ticket' }).click();
  await expect(page.getByText('Le dock n’a pas répondu.')).toHaveCount(0);
});

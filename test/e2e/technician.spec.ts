/**
 * The technician screens end to end: the real server in simulated mode, a technician card and
 * technician keys through the dev dock, in the system Chromium. Provisioning from a valid file
 * (checked, then applied), a rejected invalid file, and an export to a blank key. Screenshots
 * for docs/technician-guide.md are written to docs/img/.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import jsQRImport from 'jsqr';
import sharp from 'sharp';
import { memorySource } from '../../appliance/record/block-source.ts';
import { createKeyImage, listDir, writeKeyFile } from '../../appliance/record/fat/index.ts';
import { EXPORT_DIR } from '../../appliance/server/technician/index.ts';
import { SITE_DIR, type SiteBundleFile } from '../../appliance/common/site-bundle.ts';
import { signedBundle } from '../../appliance/server/technician/site-bundle.testing.ts';
import { ensureDevPki } from '../../appliance/dev/pki/dev-pki.ts';
import { Dock } from './support/dock.ts';
import { PINS } from './support/kiosk-page.ts';
import { startKioskServer, type KioskServer } from './support/kiosk-server.ts';
import { REPO } from './support/paths.ts';

// jsqr is CommonJS with a default export: under ESM the function may sit on `.default`.
const jsQR = ((jsQRImport as unknown as { default?: typeof jsQRImport }).default ??
  jsQRImport) as unknown as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

const IMG = path.join(REPO, 'docs', 'img');

test.describe.configure({ mode: 'serial' });

let server: KioskServer;
let dock: Dock;
let dir: string;
let page: Page;

/** A technician key; with `site`, the site file signed by the dev provisioning key (`alter`: changed after signing). */
async function keyImage(
  name: string,
  site?: unknown,
  alter?: (files: SiteBundleFile[]) => SiteBundleFile[],
): Promise<string> {
  const image = createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes: 8 * 1024 * 1024 });
  if (site !== undefined) {
    const pki = await ensureDevPki();
    const files = await signedBundle({ site, signer: pki.provisioning, ...(alter ? { alter } : {}) });
    for (const file of files) {
      const written = writeKeyFile(memorySource(image), `${SITE_DIR}/${file.name}`, file.bytes);
      if (!written.ok) throw new Error(`could not write the site file: ${written.error.code}`);
    }
  }
  const file = path.join(dir, `${name}.img`);
  writeFileSync(file, image);
  return file;
}

async function insertKey(image: string): Promise<void> {
  const response = await fetch(new URL('dev/usb-key/insert', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ image }),
  });
  if (!response.ok) throw new Error(`insert ${image}: ${response.status} ${await response.text()}`);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  dir = mkdtempSync(path.join(tmpdir(), 'baladeur-tech-e2e-'));
  server = await startKioskServer({ cards: 'memory', demos: [] });
  dock = new Dock(server.url);
  page = await browser.newPage();
  await page.goto(server.url);
});
test.afterAll(async () => {
  await page?.close();
  await server?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
test.afterEach(async ({ page: _page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('server-output', { body: server.logs().slice(-20_000), contentType: 'text/plain' });
  }
});

const heading = () => page.getByRole('heading', { name: 'Mode technicien', level: 1 });

test('a technician card opens the technician screen with the version and diagnostics', async () => {
  await dock.insertCard('technician');
  await expect(page.getByRole('heading', { name: 'Code PIN de votre carte' })).toBeVisible();
  for (const digit of PINS.technician ?? '')
    await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(heading()).toBeVisible({ timeout: 30_000 });
  const version = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version as string;
  await expect(page.getByTestId('tech-version')).toHaveText(version);
  await expect(page.getByRole('img', { name: 'QR code de la version' })).toBeVisible();
  await expect(page.getByText(`baladeur:${version}:`)).toBeVisible();
  // The QR code drawn by the page decodes to the version text.
  const png = await page.getByRole('img', { name: 'QR code de la version' }).screenshot();
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  expect(jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data).toBe(`baladeur:${version}:none`);
  await page.screenshot({ path: path.join(IMG, 'technician-home.png'), fullPage: true });

  await page.getByRole('button', { name: 'Lancer les diagnostics' }).click();
  const diagnostics = page.getByTestId('tech-diagnostics');
  await expect(diagnostics).toBeVisible({ timeout: 30_000 });
  await expect(diagnostics.getByText('Processeur')).toBeVisible();
  await expect(diagnostics.getByText('Lecteur de cartes')).toBeVisible();
  await diagnostics.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(IMG, 'technician-diagnostics.png'), fullPage: true });
});

test('HZ-25 the technician sets the date and time: the dev kiosk records it, diagnostics show it', async () => {
  const panel = page.getByRole('region', { name: 'Date et heure' });
  const year = Number(await panel.getByTestId('tech-clock-year').textContent());
  await panel.getByRole('button', { name: 'Année plus un' }).click();
  await expect(panel.getByTestId('tech-clock-year')).toHaveText(String(year + 1));
  await panel.getByRole('button', { name: 'Heure moins un' }).click();
  await panel.getByRole('button', { name: 'Régler l’horloge' }).click();
  await expect(panel.getByTestId('tech-clock-status')).toHaveText(/Mode simulé : demande enregistrée/);
  await expect(panel.getByTestId('tech-clock-status')).toContainText(String(year + 1));
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(IMG, 'technician-clock.png') });
  await page.getByRole('button', { name: 'Lancer les diagnostics' }).click();
  await expect(page.getByTestId('tech-clock-setting')).toContainText(
    /réglée par le technicien .* en simulation/,
  );
  // The machine's clock is untouched: the diagnostics' clock is still this year.
  await expect(page.getByTestId('tech-clock')).toContainText(String(new Date().getFullYear()));
});

test('provisioning from a valid file: checked, then applied, restart asked', async () => {
  const pki = await ensureDevPki();
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await expect(page.getByText('Aucune clé insérée.')).toBeVisible();

  await insertKey(
    await keyImage('valid', {
      format: 'baladeur-site/1',
      site: { name: 'Centre de santé des Tilleuls' },
      languages: ['fr', 'en'],
      printer: { transport: { type: 'none' } },
      trustAnchors: [pki.testCa.certPem],
    }),
  );
  await expect(page.getByText('Clé du technicien insérée.')).toBeVisible();
  // The key is the technician's: never read as a patient key.
  await expect(heading()).toBeVisible();

  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  const report = page.getByTestId('tech-provisioning-report');
  await expect(report.getByText('Fichier valide. Vérifiez puis appliquez.')).toBeVisible();
  await expect(report.getByText('Centre de santé des Tilleuls')).toBeVisible();

  await page.getByRole('button', { name: 'Appliquer la configuration' }).click();
  await expect(report.getByText(/Configuration appliquée\. Redémarrez le kiosque/)).toBeVisible();
  await expect(report.getByText(/Baladeur TEST CA/)).toBeVisible();
  const written = JSON.parse(readFileSync(path.join(server.dataDir, 'config.json'), 'utf8'));
  expect(written.site.name).toBe('Centre de santé des Tilleuls');
  await report.scrollIntoViewIfNeeded();
  await report.screenshot({ path: path.join(IMG, 'technician-provisioning-report.png') });
});

test('an invalid file is rejected with each problem and nothing is changed', async () => {
  await dock.removeKey();
  await expect(page.getByText('Insérez la clé contenant BALADEUR-SITE/site.json.')).toBeVisible();
  await insertKey(
    await keyImage('invalid', {
      format: 'baladeur-site/1',
      site: { name: 'Autre site' },
      printer: { transport: { type: 'none' } },
      trustAnchors: [],
      codeProfessions: ['doctor', 'technician'],
      screen: { rotation: 45 },
    }),
  );
  await expect(page.getByText('Clé du technicien insérée.')).toBeVisible();
  await page.getByRole('button', { name: 'Appliquer la configuration' }).click();
  const rejected = page.getByTestId('tech-provisioning-rejected');
  await expect(rejected.getByText('Fichier refusé : rien n’a été modifié.')).toBeVisible();
  const problems = rejected.getByRole('listitem');
  // Every problem at once, each with where it is in the file.
  await expect(problems).toHaveCount(3);
  await expect(problems.filter({ hasText: 'trustAnchors' })).toHaveCount(1);
  await expect(problems.filter({ hasText: 'codeProfessions' })).toHaveCount(1);
  await expect(problems.filter({ hasText: 'screen.rotation' })).toHaveCount(1);
  await expect(problems.filter({ hasText: 'Rotation invalide' })).toHaveCount(1);
  const written = JSON.parse(readFileSync(path.join(server.dataDir, 'config.json'), 'utf8'));
  expect(written.site.name).toBe('Centre de santé des Tilleuls');

  // The same report in English.
  await page.getByRole('button', { name: /English/ }).click();
  await expect(rejected.getByText('File rejected: nothing was changed.')).toBeVisible();
  await page.getByRole('button', { name: /Français/ }).click();
  await expect(rejected.getByText('Fichier refusé : rien n’a été modifié.')).toBeVisible();
  await rejected.scrollIntoViewIfNeeded();
  await rejected.screenshot({ path: path.join(IMG, 'technician-provisioning-rejected.png') });
});

test('a site file changed after it was signed is refused, in the screen language', async () => {
  await dock.removeKey();
  const pki = await ensureDevPki();
  await insertKey(
    await keyImage(
      'altered',
      {
        format: 'baladeur-site/1',
        site: { name: 'Site signé' },
        printer: { transport: { type: 'none' } },
        trustAnchors: [pki.testCa.certPem],
      },
      (files) =>
        files.map((f) =>
          f.name === 'site.json'
            ? {
                ...f,
                bytes: new TextEncoder().encode(new TextDecoder().decode(f.bytes).replace('signé', 'signe')),
              }
            : f,
        ),
    ),
  );
  await expect(page.getByText('Clé du technicien insérée.')).toBeVisible();
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  const rejected = page.getByTestId('tech-provisioning-rejected');
  await expect(rejected.getByText(/modifié ou remplacé après la signature/)).toBeVisible();
  await page.getByRole('button', { name: /Deutsch/ }).click();
  await expect(rejected.getByText(/nach der Signatur verändert oder ersetzt/)).toBeVisible();
  await page.getByRole('button', { name: /Français/ }).click();
  const written = JSON.parse(readFileSync(path.join(server.dataDir, 'config.json'), 'utf8'));
  expect(written.site.name).toBe('Centre de santé des Tilleuls');
});

test('export of logs and audit to a blank key', async () => {
  await dock.removeKey();
  const blank = await keyImage('blank');
  await insertKey(blank);
  await expect(page.getByText('Clé du technicien insérée.')).toBeVisible();
  await page.getByRole('button', { name: 'Exporter sur la clé' }).click();
  await expect(page.getByText(/Exporté dans BALADEUR-EXPORT\//)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Audit : intact/)).toBeVisible();
  await page.getByRole('heading', { name: 'Export des journaux et de l’audit' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(IMG, 'technician-export.png') });
  await dock.removeKey();
  const listed = listDir(memorySource(new Uint8Array(readFileSync(blank))), EXPORT_DIR);
  expect(listed.ok && listed.value.length).toBe(1);
});

test('the technician leaves: the screen closes', async () => {
  await dock.removeCard();
  await expect(heading()).toHaveCount(0);
});

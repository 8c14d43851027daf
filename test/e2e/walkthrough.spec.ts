/**
 * HZ-02: every demo key (one per IPS fixture) opened by its patient code shows every allergy,
 * medication, problem, device, alert and directive the record holds, uncut.
 */
import { expect, test } from '@playwright/test';
import type { Summary, SummarySection } from '../../appliance/record/summary/types.ts';
import { snap } from './support/axe.ts';
import {
  clinicalStrings,
  expectCleanPage,
  expectNothingAtRest,
  fixtureNames,
  summaryOf,
} from './support/clinical.ts';
import { Dock } from './support/dock.ts';
import { authenticate, summaryHeading, typeCode } from './support/kiosk-page.ts';
import { startKioskServer, type KioskServer } from './support/kiosk-server.ts';

let server: KioskServer;

test.beforeAll(async () => {
  test.setTimeout(240_000); // first run on a machine makes the demo keys
  // In-memory cards, for speed: flows.spec.ts covers the pcscd card path.
  server = await startKioskServer({ cards: 'memory' });
});
test.afterAll(async () => {
  await server?.dispose();
});

function texts<T>(section: SummarySection<T> | undefined, pick: (item: T) => string): string[] {
  return section?.status === 'entries' ? section.items.map(pick) : [];
}

function expectedTexts(summary: Summary): string[] {
  return [
    ...texts(summary.allergies, (a) => a.substance.text),
    ...texts(summary.medications, (m) => m.medication.text),
    ...texts(summary.problems, (p) => p.condition.text),
    ...texts(summary.pastIllnesses, (p) => p.condition.text),
    ...texts(summary.devices, (d) => d.device.text),
    ...texts(summary.alerts, (a) => a.text),
    ...texts(summary.advanceDirectives, (a) => a.text),
    ...summary.bloodGroup.map((b) => b.value),
  ];
}

test('HZ-02 every demo key opens by code and its summary shows every entry', async ({ page }) => {
  test.setTimeout(180_000);
  const dock = new Dock(server.url);
  const { demoKeys } = await dock.state();
  const fixtures = fixtureNames().map((f) => f.replace(/\.json$/, ''));
  expect(demoKeys.map((k) => k.name).sort()).toEqual(fixtures.sort());

  await page.goto(server.url);
  await authenticate(page, dock, 'pharmacist');
  for (const demo of demoKeys) {
    await test.step(demo.name, async () => {
      const summary = summaryOf(`${demo.name}.json`);
      await dock.insertDemoKey(demo.name);
      await typeCode(page, demo.code);
      await expect(summaryHeading(page)).toBeVisible();
      if (summary.patient.name) await expect(summaryHeading(page)).toHaveText(summary.patient.name);
      const shown = (await page.locator('main').textContent()) ?? '';
      const missing = expectedTexts(summary).filter((text) => !shown.includes(text));
      expect(missing, `${demo.name}: not on screen`).toEqual([]);
      await snap(page, `walkthrough-${demo.name}`);
      await dock.removeKey();
      await expect(summaryHeading(page)).toHaveCount(0);
      await expectCleanPage(page, clinicalStrings(`${demo.name}.json`));
    });
  }
  const everything = fixtureNames().flatMap(clinicalStrings);
  // The demo key images (encrypted; one is scanned by flows.spec.ts) are skipped for time.
  expectNothingAtRest(server.logs(), [server.dataDir, server.tmpDir], everything, (f) => f.endsWith('.img'));
});

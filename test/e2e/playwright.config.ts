import { defineConfig } from '@playwright/test';

/** System Chromium only (no browser download on these machines; see MACHINE.md). */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // One kiosk at a time: simulated mode runs the machine-wide pcscd (a lock serialises it).
  workers: 1,
  reporter: [['list']],
  use: {
    viewport: { width: 1024, height: 600 },
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});

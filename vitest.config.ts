import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * Three projects. Pure unit tests and the integration tests that own their resources (temp dirs,
 * port 0, in-memory cards, loopback printers) run in parallel; the files that start the one
 * machine-wide pcscd (its vpcd reader listens on fixed TCP ports) run afterwards, one at a time.
 */
const PCSCD = [
  'test/integration/smartcard/pcscd-virtual-card.test.ts',
  'test/integration/server/pcscd-kiosk.test.ts',
  'test/integration/pkcs11/opensc-pcscd.test.ts',
  'test/integration/cli/update-card-pcscd.test.ts',
];

const shared = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
  globalSetup: ['test/global-setup.ts'],
  // FHIR bundles are large: an unbounded diff of two of them costs gigabytes and minutes.
  diff: { truncateThreshold: 4000, maxDepth: 6, expand: false },
  chaiConfig: { truncateThreshold: 400 },
};

const project = (name: string, test: NonNullable<TestProjectInlineConfiguration['test']>) => ({
  extends: true as const,
  test: { name, ...test },
});

export default defineConfig({
  test: {
    ...shared,
    pool: 'forks',
    exclude: ['**/node_modules/**', 'image/out/**', '**/dist/**'],
    projects: [
      project('unit', {
        include: ['appliance/**/*.test.ts', 'scripts/**/*.test.ts', 'image/*.test.ts'],
        exclude: ['**/node_modules/**', 'appliance/ui/node_modules/**', '**/dist/**'],
      }),
      project('integration', {
        include: ['test/integration/**/*.test.ts'],
        exclude: ['**/node_modules/**', ...PCSCD],
      }),
      project('pcscd', {
        include: PCSCD,
        fileParallelism: false,
        sequence: { groupOrder: 1 },
      }),
    ],
  },
});

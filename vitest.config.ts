import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'appliance/**/*.test.ts',
      'scripts/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'image/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'appliance/ui/**', 'image/out/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One pcscd per machine: files that start it must not overlap (a shared lock is not enough).
    maxWorkers: 1,
    globalSetup: ['test/global-setup.ts'],
    // FHIR bundles are large: an unbounded diff of two of them costs gigabytes and minutes.
    diff: { truncateThreshold: 4000, maxDepth: 6, expand: false },
    chaiConfig: { truncateThreshold: 400 },
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['appliance/**/*.test.ts', 'scripts/**/*.test.ts', 'test/integration/**/*.test.ts', 'image/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'appliance/ui/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});

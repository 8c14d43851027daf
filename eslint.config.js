import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import regexp from 'eslint-plugin-regexp';
import baladeur from './eslint/part-boundaries.js';

export default tseslint.config(
  { ignores: ['node_modules/', '**/dist/', '.dev/', 'test-results/', 'playwright-report/', 'image/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Issue 15: no regular expression shipped in the appliance may take super-linear time on hostile
    // text (a key's narrative, a scanned code, a receipt line); see docs/threat-model.md.
    files: ['appliance/**/*.ts', 'appliance/**/*.svelte'],
    ignores: ['**/*.test.ts', '**/*.testing.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': [
        'error',
        { report: 'potential', ignoreSticky: false, ignorePartial: false },
      ],
      // Overlapping alternatives under a quantifier backtrack exponentially (`(\w|\d)*x`).
      'regexp/no-dupe-disjunctions': ['error', { report: 'interesting' }],
    },
  },
  {
    // Issue 14: who may import whom, written in docs/architecture.md § The parts.
    files: ['appliance/**/*.ts', 'appliance/**/*.svelte', 'scripts/**/*.ts'],
    plugins: { baladeur },
    rules: { 'baladeur/part-boundaries': 'error' },
  },
  {
    // Build flags that vite.config.ts defines (appliance/ui/src/build-flags.d.ts).
    files: ['appliance/ui/**'],
    languageOptions: { globals: { __BALADEUR_DOCK__: 'readonly' } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
);

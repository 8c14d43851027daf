#!/usr/bin/env node
// Bin shim for `npx baladeur`: runs the bundled CLI (`npm run build`, done by `npm ci`; see
// scripts/cli/vite.config.ts).
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(compiled)) {
  console.error('baladeur: not built yet — run `npm run build` in the repository first');
  process.exit(2);
}
const { main } = await import(compiled.href);
process.exitCode = await main(process.argv.slice(2));

/**
 * The `baladeur` CLI bundled for Node (`npm run build:cli`, part of `npm run build`): one file per
 * command, loaded on use, so a CLI call parses a few files instead of resolving ~280 modules
 * (issue 14: `--help` and `key read` within 3 × bare node). Native addons and js-fatfs (it finds
 * its .wasm beside its own module) stay in node_modules. The development PKI (the default trust
 * anchor and emergency keyring) is its own chunk, dev-pki-*.js, which image/stage-app.sh leaves out:
 * there, `baladeur` asks for --trust and --keyring.
 */
import path from 'node:path';
import { defineConfig } from 'vite';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const OUT = path.join(REPO, 'dist', 'cli');
const NODE_MODULES_KEPT = ['js-fatfs', 'better-sqlite3', 'pcsclite', 'usb', 'serialport', 'sharp'];

export default defineConfig({
  root: REPO,
  logLevel: 'warn',
  build: {
    ssr: path.join(REPO, 'scripts', 'cli', 'main.ts'),
    outDir: OUT,
    emptyOutDir: true,
    target: 'node20',
    minify: true,
    sourcemap: false,
    rollupOptions: {
      external: (id) => NODE_MODULES_KEPT.some((name) => id === name || id.startsWith(`${name}/`)),
      output: {
        format: 'es',
        entryFileNames: 'main.js',
        chunkFileNames: '[name]-[hash].js',
        // zod alone, so main.ts can switch its JIT off before any schema is built (see loadCommand).
        codeSplitting: { groups: [{ name: 'zod', test: /node_modules[\\/]zod[\\/]/ }] },
      },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});

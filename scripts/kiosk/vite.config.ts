/**
 * The kiosk server bundled for Node (`npm run build:kiosk`, part of `npm run build`), as the CLI
 * is (scripts/cli/vite.config.ts): starting the compiled tree resolved and compiled ~600 modules,
 * most of the cold start (issue 14: ≤ 1.5 s). Two entries in dist/kiosk: `dev.js` (`npm start`,
 * the simulated kiosk with its dock) and `worker.js`, the key worker, beside the chunk that starts
 * it (key-worker/client.ts loads `./worker.js` next to itself). Native addons and js-fatfs (its
 * .wasm beside its module) stay in node_modules.
 */
import path from 'node:path';
import { defineConfig } from 'vite';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const NODE_MODULES_KEPT = [
  'js-fatfs',
  'better-sqlite3',
  'pcsclite',
  'pkcs11js',
  'usb',
  'serialport',
  'sharp',
  'esbuild',
];

export default defineConfig({
  root: REPO,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: path.join(REPO, 'dist', 'kiosk'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: {
        dev: path.join(REPO, 'appliance', 'dev', 'main.ts'),
        worker: path.join(REPO, 'appliance', 'server', 'key-worker', 'worker.ts'),
      },
      external: (id) => NODE_MODULES_KEPT.some((name) => id === name || id.startsWith(`${name}/`)),
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: '[name]-[hash].js',
      },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});

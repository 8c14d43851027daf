/**
 * The kiosk server bundled for Node (`npm run build:kiosk`, part of `npm run build`), as the CLI
 * is (scripts/cli/vite.config.ts): starting the compiled tree resolved and compiled ~600 modules,
 * most of the cold start (issue 14: ≤ 1.5 s). Two separate bundles, so that no chunk of the
 * production one holds development code:
 * - dist/kiosk: `dev.js` (`npm start`, the simulated kiosk with its dock);
 * - dist/server (BALADEUR_BUNDLE=server): `server.js`, the production entry, staged in the image.
 * Each has the key worker's `worker.js` beside the chunk that starts it (key-worker/client.ts
 * loads `./worker.js` next to itself). Native addons and js-fatfs (its .wasm beside its module)
 * stay in node_modules.
 */
import path from 'node:path';
import { defineConfig } from 'vite';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const SERVER = process.env.BALADEUR_BUNDLE === 'server';
const ENTRY: Record<string, string> = SERVER
  ? { server: path.join(REPO, 'appliance', 'server', 'main.ts') }
  : { dev: path.join(REPO, 'appliance', 'dev', 'main.ts') };
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
    outDir: path.join(REPO, 'dist', SERVER ? 'server' : 'kiosk'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: { ...ENTRY, worker: path.join(REPO, 'appliance', 'server', 'key-worker', 'worker.ts') },
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

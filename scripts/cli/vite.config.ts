/**
 * The `baladeur` CLI bundled for Node (`npm run build:cli`, part of `npm run build`): one file per
 * command, loaded on use, so a CLI call parses a few files instead of resolving ~280 modules
 * (issue 14: `--help` and `key read` within 3 × bare node). Native addons and js-fatfs (it finds
 * its .wasm beside its own module) stay in node_modules. The development PKI (the default trust
 * anchor and emergency keyring) is its own chunk, dev-pki-*.js, which image/stage-app.sh leaves out:
 * there, `baladeur` asks for --trust and --keyring. Everything `key read` imports statically is
 * one chunk, read-*.js (zod apart, see main.ts): Node 20's ES module loader reads each file through
 * the thread pool, so the budgeted read loads 7 files instead of 19 (a third fewer context switches,
 * the same code).
 */
import path from 'node:path';
import { defineConfig } from 'vite';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const OUT = path.join(REPO, 'dist', 'cli');
const NODE_MODULES_KEPT = ['js-fatfs', 'better-sqlite3', 'pcsclite', 'usb', 'serialport', 'sharp'];
const MAIN = path.join(REPO, 'scripts', 'cli', 'main.ts');
const KEY_READ = path.join(REPO, 'scripts', 'cli', 'key-read.ts');

interface ModuleGraph {
  getModuleInfo(id: string): { readonly importedIds: readonly string[] } | null;
}

/** The modules `entry` imports statically (dynamic imports, such as the dev PKI, stay apart). */
function staticClosure(graph: ModuleGraph, entry: string): Set<string> {
  const seen = new Set([entry]);
  const pending = [entry];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    for (const dep of graph.getModuleInfo(id)?.importedIds ?? []) {
      if (!seen.has(dep)) {
        seen.add(dep);
        pending.push(dep);
      }
    }
  }
  return seen;
}

const closures = new Map<string, Set<string>>();
function closureOf(graph: ModuleGraph, entry: string): Set<string> {
  const known = closures.get(entry) ?? staticClosure(graph, entry);
  closures.set(entry, known);
  return known;
}

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
        codeSplitting: {
          groups: [
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 3 },
            // What `--help` loads besides main.js stays small and apart (test/integration/cli/bin.test.ts).
            {
              name: (id, graph) => (id !== MAIN && closureOf(graph, MAIN).has(id) ? 'command' : null),
              debugName: 'command',
              priority: 2,
            },
            {
              name: (id, graph) => (closureOf(graph, KEY_READ).has(id) ? 'read' : null),
              debugName: 'read',
              priority: 1,
            },
          ],
        },
      },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});

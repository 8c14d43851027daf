import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = fileURLToPath(new URL('.', import.meta.url));
const server = `http://127.0.0.1:${process.env.PORT ?? '8080'}`;

export default defineConfig({
  root,
  base: '/',
  plugins: [svelte({ compilerOptions: { runes: true } })],
  // The image builds the page without the dev dock (image/stage-app.sh): dead code, removed.
  define: { __BALADEUR_DOCK__: JSON.stringify(process.env.BALADEUR_UI_DOCK !== '0') },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // A strict CSP (default-src 'self') forbids inline scripts and data: URLs.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/socket.io': { target: server, ws: true },
      '/dev': server,
      '/api': server,
    },
  },
});

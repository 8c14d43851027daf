#!/usr/bin/env bash
# Stages the app for the image: the one build (`npm run build`: server and CLI compiled to
# JavaScript in dist/, the CLI bundled in dist/cli, the UI built), the shipped drug reference, production node_modules — and
# nothing of development or tests: no appliance/dev (simulators, dock, dev PKI), no TypeScript
# sources, no test files (image/stage-app.test.ts checks the staged tree).
# Native addons (better-sqlite3, pcsclite, usb) are the ones built by `npm ci` on the build host
# (Debian 12, Node 20, N-API/ABI 115); the image's Node 20 (Debian 13) loads them and Debian 13's
# glibc is newer than the build host's, so they run unchanged.
# STAGE_WITHOUT_NODE_MODULES=1 stages the app alone (the staging test).
set -euo pipefail
dest=$1
cd "$(dirname "$0")/.."
# better-sqlite3 and pcsclite are V8-ABI addons: built for one Node major only. The image runs
# Debian 13's Node 20, so the host that ran `npm ci` must have Node 20 too.
if [ "$(node -p 'process.versions.node.split(".")[0]')" != 20 ]; then
  echo "stage-app: the image runs Node 20; this host has Node $(node -v): its native addons would not load" >&2
  exit 1
fi
node scripts/prune-dist.mjs
node_modules/.bin/tsc -p tsconfig.build.json
# The bundled CLI the bin runs (dist/cli); its development-PKI chunk is not staged.
node_modules/.bin/vite build --config scripts/cli/vite.config.ts
# The bundled production server (dist/server/server.js and its key worker), which
# baladeur-server.service runs: it starts in about half the time of the compiled tree's main.js.
BALADEUR_BUNDLE=server node_modules/.bin/vite build --config scripts/kiosk/vite.config.ts
rm -rf "$dest" && mkdir -p "$dest"
# dist/appliance stays for baladeur-usbguard-site.service's usbguard-site-rules-cli.js and the
# drug index below; its entry point main.js does not (the unit runs the bundle), nor the compiled
# CLI dist/scripts (the bin runs the bundled dist/cli).
tar --exclude='dist/appliance/dev' --exclude='dist/appliance/server/main.js' --exclude='dist/cli/dev-pki-*' \
  --exclude='*.test.js' --exclude='*.testing.js' --exclude='*/testing' \
  -cf - package.json package-lock.json scripts/baladeur.mjs dist/appliance dist/cli dist/server \
  appliance/crosscheck/data | tar -xf - -C "$dest"
# The page without the dev dock (see appliance/ui/vite.config.ts).
BALADEUR_UI_DOCK=0 node_modules/.bin/vite build --config appliance/ui/vite.config.ts --logLevel error \
  --outDir "$(realpath "$dest")/appliance/ui/dist" --emptyOutDir
# The shipped drug reference's index, built now rather than at the kiosk's first boot (≈ 2 s of
# blocked event loop on a PC; a minute under QEMU, past the server's watchdog).
( cd "$dest" && node -e "import('./dist/appliance/crosscheck/bdpm/load.js').then(async (m) => {
  const r = await m.loadDrugKnowledge({ cacheDir: m.SHIPPED_INDEX_DIR });
  if (!r.ok) { console.error('stage-app: drug index:', r.error); process.exit(1); }
})" )
if [ "${STAGE_WITHOUT_NODE_MODULES:-0}" != 1 ]; then
  cp -a node_modules "$dest/node_modules"
  ( cd "$dest" && npm prune --omit=dev --no-audit --no-fund --ignore-scripts >/dev/null 2>&1 )
fi
echo "stage-app: $(du -sh "$dest" | cut -f1) in $dest"

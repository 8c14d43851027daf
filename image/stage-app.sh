#!/usr/bin/env bash
# Stages the built app for the image: the server compiled to JavaScript in place (the .ts sources
# stay for the `baladeur` CLI, which runs them through tsx), the built UI, production node_modules. Native addons (better-sqlite3, pcsclite, usb) are the ones built by `npm ci` on the
# build host (Debian 12, Node 20, N-API/ABI 115); the image's Node 20 (Debian 13) loads them and
# Debian 13's glibc is newer than the build host's, so they run unchanged.
set -euo pipefail
dest=$1
cd "$(dirname "$0")/.."
# better-sqlite3 and pcsclite are V8-ABI addons: built for one Node major only. The image runs
# Debian 13's Node 20, so the host that ran `npm ci` must have Node 20 too.
if [ "$(node -p 'process.versions.node.split(".")[0]')" != 20 ]; then
  echo "stage-app: the image runs Node 20; this host has Node $(node -v): its native addons would not load" >&2
  exit 1
fi
npm run --silent build:ui >/dev/null 2>&1
rm -rf "$dest" && mkdir -p "$dest"
tar --exclude='*.test.ts' --exclude='appliance/ui/src' --exclude='appliance/ui/node_modules' \
  -cf - package.json package-lock.json tsconfig.json appliance scripts/baladeur.mjs scripts/cli \
  scripts/dev-pki.ts scripts/dev-pki-profiles.ts | tar -xf - -C "$dest"
cp -a node_modules "$dest/node_modules"
# Compiled before the dev dependencies (typescript, @types/node) are pruned.
cp image/tsconfig.app.json "$dest/tsconfig.app.json"
node_modules/.bin/tsc -p "$dest/tsconfig.app.json"
rm "$dest/tsconfig.app.json"
# The shipped drug reference's index, built now rather than at the kiosk's first boot (≈ 2 s of
# blocked event loop on a PC; a minute under QEMU, past the server's watchdog).
( cd "$dest" && node -e "import('./appliance/crosscheck/bdpm/load.js').then(async (m) => {
  const r = await m.loadDrugKnowledge({ cacheDir: m.SHIPPED_INDEX_DIR });
  if (!r.ok) { console.error('stage-app: drug index:', r.error); process.exit(1); }
})" )
( cd "$dest" && npm prune --omit=dev --no-audit --no-fund --ignore-scripts >/dev/null 2>&1 )
echo "stage-app: $(du -sh "$dest" | cut -f1) in $dest"

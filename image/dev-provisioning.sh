# Sourced by image/build.sh: provisioning at boot from a signed site stick, for DEVELOPMENT images
# only (the boot test's kiosk then holds a real emergency keyring on its encrypted /data). A
# production image gets none of it: no bundle, no unit (image/dev-provisioning.test.ts).
#
# dev_provisioning_stage BUILD_KIND DEST: for a development build, bundles image/dev-provision.ts
#   (esbuild; js-fatfs, with its .wasm, stays in /opt/baladeur/node_modules) into
#   DEST/dev-provision.js. Nothing for a production build.
# dev_provisioning_hooks BUILD_KIND DEST: the mmdebstrap arguments that put it in the tree, one a
#   line: the bundle in /opt/baladeur/dev-provision, the overlay image/dev-rootfs (its unit), the
#   unit enabled. Nothing for a production build.

dev_provisioning_stage() {
  local build_kind=$1 dest=$2
  [ "$build_kind" = development ] || return 0
  rm -rf "$dest" && mkdir -p "$dest"
  node_modules/.bin/esbuild image/dev-provision.ts --bundle --platform=node --format=esm --target=node20 \
    --external:js-fatfs --log-level=warning --outfile="$dest/dev-provision.js"
}

dev_provisioning_hooks() {
  local build_kind=$1 dest=$2
  [ "$build_kind" = development ] || return 0
  # sync-in needs its destination folder to exist.
  printf '%s\n' '--customize-hook=mkdir -p "$1/opt/baladeur/dev-provision"' \
    "--customize-hook=sync-in $dest /opt/baladeur/dev-provision" \
    '--customize-hook=sync-in image/dev-rootfs /' \
    '--customize-hook=chroot "$1" systemctl enable baladeur-dev-provision.service'
}

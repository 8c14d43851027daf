#!/usr/bin/env bash
# Builds the Baladeur kiosk image without mounting anything:
#   app staging → mmdebstrap (Debian 13) + overlay + users → normalised tree → ext4 (mkfs.ext4 -d)
#   → kernel + initrd beside it → GPT disk image (ESP with systemd-boot, root partition).
# Output in image/out/: rootfs.ext4, vmlinuz, initrd.img, baladeur-disk.img, SHA256SUMS, build.json.
# Usage: image/build.sh  (as root; SOURCE_DATE_EPOCH fixed for reproducibility unless set)
#   A production build (the default) needs BALADEUR_FACTORY_CA, BALADEUR_SB_KEY and BALADEUR_SB_CERT
#   and refuses to start without them; BALADEUR_DEV_BUILD=1 builds a development image (.ci/run).
#   See image/build-checks.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
# Before anything is built: what kind of image, and refuse an unsafe production one.
# shellcheck source=image/build-checks.sh
source image/build-checks.sh
baladeur_build_checks || exit 2
out=$repo/image/out
work=${BALADEUR_IMAGE_WORK:-/var/tmp/baladeur-image-work}  # outside the repo: test and lint globs never walk it
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 1764288000)}
mirror=${BALADEUR_MIRROR:-http://deb.debian.org/debian}
t0=$(date +%s)
step() { echo "image: $(( $(date +%s) - t0 ))s $*"; }

# shellcheck source=image/work-dir.sh
source image/work-dir.sh
release_work_dir "$work"
mkdir -p "$work" "$out"
trap 'release_work_dir "$work"' EXIT

version=$(node -p "require('./package.json').version")
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)

step "staging the app"
bash image/stage-app.sh "$work/app"

# The configuration a kiosk starts on before it is provisioned: technician cards only, issued by
# the factory CA (BALADEUR_FACTORY_CA, a PEM file). A development build without it trusts the
# development test CA and says so in /etc/baladeur-release (FACTORY_CA=development) and on the
# technician screen; a production build never gets here without it (build-checks.sh).
if [ -z "$factory_ca" ]; then
  node --import tsx appliance/dev/pki/dev-pki.ts >/dev/null
  factory_ca=.dev/pki/test-ca.crt.pem
  echo "image: WARNING development build: technician cards of the development test CA are trusted"
fi
mkdir -p "$work/factory"
cp "$factory_ca" "$work/factory/factory-technician-ca.pem"
cp image/unprovisioned.config.json "$work/factory/unprovisioned.config.json"

step "debootstrapping Debian 13 (trixie) with mmdebstrap"
packages=(systemd systemd-sysv udev dbus kmod linux-image-amd64 initramfs-tools libpam-systemd
  nodejs cage chromium fonts-dejavu-core fonts-noto-cjk pcscd libccid usbguard nftables curl
  iproute2 ca-certificates systemd-boot-efi wlr-randr)
mmdebstrap --variant=minbase --mode=root --format=directory --components=main \
  --include="$(IFS=,; echo "${packages[*]}")" \
  --customize-hook='sync-in image/rootfs /' \
  --customize-hook='mkdir -p "$1/opt/baladeur"' \
  --customize-hook="sync-in $work/app /opt/baladeur" \
  --customize-hook='mkdir -p "$1/opt/baladeur/image"' \
  --customize-hook="sync-in $work/factory /opt/baladeur/image" \
  --customize-hook='chroot "$1" sh /usr/local/lib/baladeur/configure-image' \
  trixie "$work/rootfs" "$mirror"

step "extracting kernel and initrd"
mkdir -p "$out"
cp "$work"/rootfs/boot/vmlinuz-* "$out/vmlinuz"
cp "$work"/rootfs/boot/initrd.img-* "$out/initrd.img"

step "normalising timestamps and hashing the root tree"
find "$work/rootfs" -newermt "@$SOURCE_DATE_EPOCH" -print0 | xargs -0r touch -h -d "@$SOURCE_DATE_EPOCH"
tree_hash=$(tar --sort=name --exclude=./etc/baladeur-release --mtime="@$SOURCE_DATE_EPOCH" --numeric-owner --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  -C "$work/rootfs" -cf - . | sha256sum | cut -d' ' -f1)

# The release file names the tree hash of everything else in the image and whether it is a
# development build (the technician screen shows both).
printf 'VERSION=%s\nGIT_COMMIT=%s\nBUILD_EPOCH=%s\nIMAGE_SHA256=%s\nBUILD=%s\nFACTORY_CA=%s\n' "$version" "$commit" "$SOURCE_DATE_EPOCH" "$tree_hash" "$build_kind" "$factory_kind" \
  > "$work/rootfs/etc/baladeur-release"
touch -d "@$SOURCE_DATE_EPOCH" "$work/rootfs/etc/baladeur-release"

step "making the ext4 root filesystem"
size_mb=$(( $(du -sm "$work/rootfs" | cut -f1) * 12 / 10 + 200 ))
rm -f "$out/rootfs.ext4"
E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH mkfs.ext4 -q -L baladeur-root -U 6b8f2c1e-1d3a-4c5e-9f00-ba1ade000001 \
  -E hash_seed=6b8f2c1e-1d3a-4c5e-9f00-ba1ade000002,root_owner=0:0 -T default \
  -d "$work/rootfs" "$out/rootfs.ext4" "${size_mb}M" 2>/dev/null || \
  mkfs.ext4 -q -L baladeur-root -d "$work/rootfs" "$out/rootfs.ext4" "${size_mb}M"

step "assembling the GPT disk image (ESP + root)"
bash image/make-disk.sh "$work/rootfs" "$out"

step "hashes"
( cd "$out" && sha256sum rootfs.ext4 vmlinuz initrd.img baladeur-disk.img > SHA256SUMS )
cat > "$out/build.json" <<JSON
{"sourceDateEpoch": $SOURCE_DATE_EPOCH, "rootTreeSha256": "$tree_hash", "rootfsMiB": $size_mb, "buildSeconds": $(( $(date +%s) - t0 ))}
JSON
release_work_dir "$work"
step "done: $(cat "$out/build.json")"

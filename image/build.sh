#!/usr/bin/env bash
# Builds the Baladeur kiosk image without mounting anything:
#   app staging → mmdebstrap (Debian 13) + overlay + users + systemd initrd (dracut) → normalised
#   tree → ext4 (mkfs.ext4 -d) → dm-verity hash tree (veritysetup format) → unified kernel image
#   (ukify: kernel + initrd + command line with roothash=) → systemd-boot and the UKI signed for
#   Secure Boot → GPT disk image (ESP, root, verity, empty data partition).
# Output in image/out/: baladeur-disk.img, rootfs.ext4, rootfs.verity, roothash, baladeur.efi,
#   cmdline, secure-boot.crt, SHA256SUMS, build.json.
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
# shellcheck source=image/secure-boot.sh
source image/secure-boot.sh
# shellcheck source=image/dev-provisioning.sh
source image/dev-provisioning.sh
# The Secure Boot signing pair: the production one (build-checks.sh required it), or for a
# development build a development pair kept in .dev/secure-boot/ (never committed, never in the image).
if [ -z "$sb_key" ]; then
  sb_dev_pair .dev/secure-boot
  sb_key=.dev/secure-boot/db.key
  sb_cert=.dev/secure-boot/db.crt
  echo "image: WARNING development build: signed with the development Secure Boot key (.dev/secure-boot)"
fi

# One build at a time on a machine: they share the scratch folder.
exec 9>/var/tmp/baladeur-image-build.lock
flock -n 9 || { echo "image: another image build is running (/var/tmp/baladeur-image-build.lock)" >&2; exit 3; }
# shellcheck source=image/work-dir.sh
source image/work-dir.sh
release_work_dir "$work"
mkdir -p "$work" "$out"
trap 'release_work_dir "$work"' EXIT

version=$(node -p "require('./package.json').version")
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)

step "staging the app"
bash image/stage-app.sh "$work/app"
# Development images only: provisioning at boot from a signed site stick (the boot test's keyring).
dev_provisioning_stage "$build_kind" "$work/dev-provision"
mapfile -t dev_hooks < <(dev_provisioning_hooks "$build_kind" "$work/dev-provision")

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
# dracut: a systemd initrd (systemd-veritysetup-generator opens the verity root); systemd-cryptsetup,
# cryptsetup-bin, e2fsprogs and the TPM2 libraries (dlopened by systemd): the TPM-sealed /data.
# systemd-ukify is used at build only (copied out, then purged with python3 before the tree is frozen).
packages=(systemd systemd-sysv udev dbus kmod linux-image-amd64 dracut libpam-systemd
  systemd-cryptsetup cryptsetup-bin e2fsprogs libtss2-esys-3.0.2-0t64 libtss2-rc0t64
  nodejs cage chromium fonts-dejavu-core fonts-noto-cjk pcscd libccid usbguard nftables curl
  iproute2 ca-certificates systemd-boot-efi systemd-ukify wlr-randr)
mmdebstrap --variant=minbase --mode=root --format=directory --components=main \
  --include="$(IFS=,; echo "${packages[*]}")" \
  --customize-hook='sync-in image/rootfs /' \
  --customize-hook='mkdir -p "$1/opt/baladeur"' \
  --customize-hook="sync-in $work/app /opt/baladeur" \
  --customize-hook='mkdir -p "$1/opt/baladeur/image"' \
  --customize-hook="sync-in $work/factory /opt/baladeur/image" \
  "${dev_hooks[@]}" \
  --customize-hook='bash image/customize.sh initrd "$1"' \
  --customize-hook="bash image/customize.sh take-ukify \"\$1\" $work/ukify" \
  --customize-hook='bash image/customize.sh check "$1"' \
  --customize-hook='chroot "$1" sh /usr/local/lib/baladeur/configure-image' \
  trixie "$work/rootfs" "$mirror"

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
E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH mkfs.ext4 -q -U 6b8f2c1e-1d3a-4c5e-9f00-ba1ade000001 \
  -E hash_seed=6b8f2c1e-1d3a-4c5e-9f00-ba1ade000002,root_owner=0:0 -T default \
  -d "$work/rootfs" "$out/rootfs.ext4" "${size_mb}M" 2>/dev/null || \
  mkfs.ext4 -q -d "$work/rootfs" "$out/rootfs.ext4" "${size_mb}M"

step "dm-verity hash tree of the root filesystem"
# Salt and UUID fixed (from the tree hash): the same tree gives the same root hash.
rm -f "$out/rootfs.verity"
veritysetup format --salt="$tree_hash" --uuid=6b8f2c1e-1d3a-4c5e-9f00-ba1ade000005 \
  "$out/rootfs.ext4" "$out/rootfs.verity" | sed -n 's/^Root hash:[[:space:]]*//p' > "$out/roothash"
roothash=$(cat "$out/roothash")
[[ $roothash =~ ^[0-9a-f]{64}$ ]] || { echo "image: veritysetup gave no root hash" >&2; exit 1; }

step "unified kernel image (ukify), signed for Secure Boot"
cmdline=$(kernel_cmdline "$roothash" "$build_kind")
printf '%s\n' "$cmdline" > "$out/cmdline"
kver=$(basename "$(ls -d "$work"/rootfs/lib/modules/*)")
PYTHONPATH=$work/ukify python3 "$work/ukify/ukify" build \
  --linux "$work/rootfs/boot/vmlinuz-$kver" --initrd "$work/rootfs/boot/initrd.img-$kver" \
  --uname "$kver" --cmdline "$cmdline" --os-release "@$work/rootfs/usr/lib/os-release" \
  --stub "$work/rootfs/usr/lib/systemd/boot/efi/linuxx64.efi.stub" --output "$work/baladeur.efi" >/dev/null
esp=$work/esp
mkdir -p "$esp/EFI/BOOT" "$esp/EFI/Linux" "$esp/loader/keys/auto"
sb_sign "$sb_key" "$sb_cert" "$work/baladeur.efi" "$esp/EFI/Linux/baladeur.efi"
sb_sign "$sb_key" "$sb_cert" "$work/rootfs/usr/lib/systemd/boot/efi/systemd-bootx64.efi" "$esp/EFI/BOOT/BOOTX64.EFI"
cp "$esp/EFI/Linux/baladeur.efi" "$out/baladeur.efi"
# The firmware keys systemd-boot enrolls when the firmware is in setup mode: by itself in a virtual
# machine (the boot test), from its menu on a kiosk PC (technician guide). No editor, no menu.
sb_key_files "$sb_key" "$sb_cert" "$esp/loader/keys/auto" "$SOURCE_DATE_EPOCH"
openssl x509 -in "$sb_cert" -out "$out/secure-boot.crt"
printf 'timeout 0\neditor no\nauto-entries no\nauto-firmware no\nsecure-boot-enroll if-safe\n' > "$esp/loader/loader.conf"
find "$esp" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

step "assembling the GPT disk image (ESP, root, verity, data)"
bash image/make-disk.sh "$esp" "$out"

step "hashes"
rm -f "$out/vmlinuz" "$out/initrd.img"
( cd "$out" && sha256sum rootfs.ext4 rootfs.verity baladeur.efi baladeur-disk.img > SHA256SUMS )
cat > "$out/build.json" <<JSON
{"sourceDateEpoch": $SOURCE_DATE_EPOCH, "rootTreeSha256": "$tree_hash", "rootHash": "$roothash", "build": "$build_kind", "rootfsMiB": $size_mb, "buildSeconds": $(( $(date +%s) - t0 ))}
JSON
release_work_dir "$work"
step "done: $(cat "$out/build.json")"

#!/usr/bin/env bash
# The Debian packages Baladeur needs to run in simulated mode and to run its tests.
# pcscd + vpcd: smart cards through the real middleware; mtools/dosfstools/fdisk: FAT images;
# exfatprogs, ntfs-3g (mkfs.exfat, mkfs.ntfs): the foreign sticks the kiosk must refuse to write;
# chromium: end-to-end tests; opensc: the independent PIV client check and its PKCS#11 module;
# softhsm2: the development CPS-like cards (PKCS#11); systemd, usbguard, nftables:
# offline checks of the image's lock-down; mmdebstrap, qemu-system-x86, e2fsprogs: image build + boot test;
# cryptsetup-bin (veritysetup), sbsigntool, efitools: the verified-boot image (dm-verity, Secure Boot
# signing and key files); ovmf (Secure Boot firmware), swtpm: the boot test's firmware and TPM.
set -euo pipefail
packages=(pcscd libpcsclite-dev vsmartcard-vpcd pcsc-tools opensc softhsm2 mtools dosfstools fdisk exfatprogs ntfs-3g chromium
  fonts-dejavu-core fonts-noto-cjk systemd usbguard nftables mmdebstrap qemu-system-x86 e2fsprogs
  cryptsetup-bin sbsigntool efitools ovmf swtpm swtpm-tools)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y --no-install-recommends "${missing[@]}"
fi

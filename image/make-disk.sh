#!/usr/bin/env bash
# Assembles the GPT disk image from files, without mounting:
#   1 ESP (FAT, written with mtools): the signed systemd-boot, the signed unified kernel image and
#     the Secure Boot key files, from <esp tree>;
#   2 the read-only root (ext4) and 3 its dm-verity hash tree, typed and identified as the
#     Discoverable Partitions Specification says (root-x86-64 / root-x86-64-verity; partition
#     UUIDs = the first and last 128 bits of the root hash, as systemd-veritysetup-generator
#     derives them from roothash=);
#   4 the data partition, left empty (zeros): the kiosk makes it a LUKS2 volume sealed to its TPM
#     at first boot (baladeur-data-setup.service). Its partition UUID is fixed: /etc/crypttab
#     names it. No file system label is used to find anything.
# Usage: make-disk.sh <esp tree> <out dir>   (reads <out>/rootfs.ext4, rootfs.verity, roothash)
set -euo pipefail
esp_tree=$1; out=$2
esp=$out/esp.img; disk=$out/baladeur-disk.img
readonly DATA_PARTUUID=6b8f2c1e-1d3a-4c5e-9f00-ba1ade000003
readonly TYPE_ROOT_X86_64=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709
readonly TYPE_ROOT_VERITY_X86_64=2C7357ED-EBD2-46D9-AEC1-23D437EC2BF5
readonly TYPE_LINUX_DATA=0FC63DAF-8483-4772-8E79-3D69D8477DE4
esp_mb=256; data_mb=128
mib() { echo $(( ($(stat -c %s "$1") + 1048575) / 1048576 )); }
root_mb=$(mib "$out/rootfs.ext4")
verity_mb=$(mib "$out/rootfs.verity")
roothash=$(cat "$out/roothash")
# shellcheck source=image/secure-boot.sh
source "$(dirname "$0")/secure-boot.sh"
root_uuid=$(partuuid_of "${roothash:0:32}")
verity_uuid=$(partuuid_of "${roothash: -32}")

rm -f "$esp" "$disk"
mkfs.vfat -C -n BALADEUR -i 0BA1ADE0 "$esp" $((esp_mb * 1024)) >/dev/null
export MTOOLS_SKIP_CHECK=1
mcopy -s -i "$esp" "$esp_tree"/* ::/

total_mb=$((1 + esp_mb + root_mb + verity_mb + data_mb + 1))
truncate -s "${total_mb}M" "$disk"
sfdisk --quiet --label gpt "$disk" <<SFDISK
label-id: 6B8F2C1E-1D3A-4C5E-9F00-BA1ADE000000
start=1MiB, size=${esp_mb}MiB, type=uefi, name=esp, uuid=6B8F2C1E-1D3A-4C5E-9F00-BA1ADE000004
size=${root_mb}MiB, type=$TYPE_ROOT_X86_64, name=root-x86-64, uuid=$root_uuid
size=${verity_mb}MiB, type=$TYPE_ROOT_VERITY_X86_64, name=root-x86-64-verity, uuid=$verity_uuid
size=${data_mb}MiB, type=$TYPE_LINUX_DATA, name=baladeur-data, uuid=$DATA_PARTUUID
SFDISK
dd if="$esp" of="$disk" bs=1M seek=1 conv=notrunc,sparse status=none
dd if="$out/rootfs.ext4" of="$disk" bs=1M seek=$((1 + esp_mb)) conv=notrunc,sparse status=none
dd if="$out/rootfs.verity" of="$disk" bs=1M seek=$((1 + esp_mb + root_mb)) conv=notrunc,sparse status=none
rm -f "$esp"
echo "make-disk: $disk ($total_mb MiB; root $root_uuid, verity $verity_uuid, data $DATA_PARTUUID)"

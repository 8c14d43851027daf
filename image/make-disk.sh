#!/usr/bin/env bash
# Assembles a GPT disk image from files, without mounting: ESP (FAT, systemd-boot + kernel + initrd,
# written with mtools), the read-only root (ext4), and an empty data partition (ext4, label
# baladeur-data) for the provisioned configuration and the audit trail.
# Usage: make-disk.sh <rootfs tree> <out dir>   (reads <out>/rootfs.ext4, vmlinuz, initrd.img)
set -euo pipefail
tree=$1; out=$2
esp=$out/esp.img; data=$out/data.img; disk=$out/baladeur-disk.img
esp_mb=128; data_mb=64
root_mb=$(( ($(stat -c %s "$out/rootfs.ext4") + 1048575) / 1048576 ))

rm -f "$esp" "$data" "$disk"
mkfs.vfat -C -n BALADEUR -i 0BA1ADE0 "$esp" $((esp_mb * 1024)) >/dev/null
export MTOOLS_SKIP_CHECK=1
mmd -i "$esp" ::/EFI ::/EFI/BOOT ::/loader ::/loader/entries
mcopy -i "$esp" "$tree/usr/lib/systemd/boot/efi/systemd-bootx64.efi" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$esp" "$out/vmlinuz" ::/vmlinuz
mcopy -i "$esp" "$out/initrd.img" ::/initrd.img
printf 'timeout 0\ndefault baladeur.conf\neditor no\n' > "$out/loader.conf"
printf 'title Baladeur\nlinux /vmlinuz\ninitrd /initrd.img\noptions root=LABEL=baladeur-root ro quiet systemd.gpt_auto=0\n' > "$out/baladeur.conf"
mcopy -i "$esp" "$out/loader.conf" ::/loader/loader.conf
mcopy -i "$esp" "$out/baladeur.conf" ::/loader/entries/baladeur.conf
rm -f "$out/loader.conf" "$out/baladeur.conf"

mkfs.ext4 -q -L baladeur-data -U 6b8f2c1e-1d3a-4c5e-9f00-ba1ade000003 "$data" "${data_mb}M"

total_mb=$((1 + esp_mb + root_mb + data_mb + 1))
truncate -s "${total_mb}M" "$disk"
sfdisk --quiet --label gpt "$disk" <<SFDISK
label-id: 6B8F2C1E-1D3A-4C5E-9F00-BA1ADE000000
start=1MiB, size=${esp_mb}MiB, type=uefi, name=esp
size=${root_mb}MiB, type=linux, name=baladeur-root
size=${data_mb}MiB, type=linux, name=baladeur-data
SFDISK
dd if="$esp" of="$disk" bs=1M seek=1 conv=notrunc,sparse status=none
dd if="$out/rootfs.ext4" of="$disk" bs=1M seek=$((1 + esp_mb)) conv=notrunc,sparse status=none
dd if="$data" of="$disk" bs=1M seek=$((1 + esp_mb + root_mb)) conv=notrunc,sparse status=none
rm -f "$esp"
echo "make-disk: $disk ($total_mb MiB)"

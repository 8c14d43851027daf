# Sourced by image/build.sh: the Secure Boot signing pair and what goes on the ESP with it.
#
# sb_dev_pair DIR: a development signing pair (DIR/db.key, DIR/db.crt), made once and kept there
#   (.dev/secure-boot/, never committed). Only for BALADEUR_DEV_BUILD=1 images.
# sb_key_files KEY CERT OUT EPOCH: the firmware key files systemd-boot enrolls from the ESP
#   (loader/keys/auto/{PK,KEK,db}.auth). One certificate serves as PK, KEK and db: whoever holds
#   the signing key also controls the kiosk's Secure Boot keys. Signed with the build's epoch as
#   the authenticated-variable timestamp, so two builds of a commit give the same files.
# sb_sign KEY CERT IN OUT: an EFI binary signed for Secure Boot (systemd-boot, the UKI).
# kernel_cmdline ROOTHASH BUILD_KIND: the kernel command line signed into the UKI.
# partuuid_of HEX32: 128 bits of hex written as a partition UUID (8-4-4-4-12).

readonly SB_OWNER_GUID=6b8f2c1e-1d3a-4c5e-9f00-ba1ade00f1a0

sb_dev_pair() {
  local dir=$1
  if [ -s "$dir/db.key" ] && [ -s "$dir/db.crt" ]; then return 0; fi
  mkdir -p "$dir"
  chmod 0700 "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 \
    -subj '/CN=Baladeur development Secure Boot/O=Baladeur development' \
    -keyout "$dir/db.key" -out "$dir/db.crt" 2>/dev/null
}

sb_key_files() {
  local key=$1 cert=$2 out=$3 epoch=$4 timestamp var
  timestamp=$(date -u -d "@$epoch" '+%Y-%m-%d %H:%M:%S')
  mkdir -p "$out"
  cert-to-efi-sig-list -g "$SB_OWNER_GUID" "$cert" "$out/cert.esl" >/dev/null
  for var in PK KEK db; do
    sign-efi-sig-list -g "$SB_OWNER_GUID" -t "$timestamp" -k "$key" -c "$cert" "$var" "$out/cert.esl" "$out/$var.auth" >/dev/null
  done
  rm -f "$out/cert.esl"
}

sb_sign() {
  local key=$1 cert=$2 in=$3 out=$4
  sbsign --key "$key" --cert "$cert" --output "$out" "$in" 2>/dev/null
  sbverify --cert "$cert" "$out" >/dev/null
}

partuuid_of() { echo "${1:0:8}-${1:8:4}-${1:12:4}-${1:16:4}-${1:20:12}"; }

# The whole command line is signed with the kernel and initrd. The root is the verity volume of
# this root hash; its data and hash partitions are found by partition UUID, the first and last
# 128 bits of the hash (what systemd-veritysetup-generator derives by itself; make-disk.sh gives
# the partitions these UUIDs), never by label. panic=10 and no shell: the initrd reboots rather
# than offer one (rd.shell=0 rd.emergency=reboot), the system too (emergency.service.d), no getty
# (systemd.getty_auto=0: a console on ttyS0 would otherwise get a login prompt). No USB device is
# authorised until usbguard decides (usbcore.authorized_default=0).
# rd.timeout=120: dracut's rootfs generator gives the root device's job this timeout, and none
# (wait forever) without it; a root that fails verity never appears, so without a limit the initrd
# waited instead of reaching rd.emergency=reboot. The root appears within seconds on a kiosk
# (49 s in the boot test's software emulation on a loaded machine).
kernel_cmdline() {
  local roothash=$1 build_kind=$2 cmdline
  cmdline="root=/dev/mapper/root ro roothash=$roothash"
  cmdline+=" systemd.verity_root_data=PARTUUID=$(partuuid_of "${roothash:0:32}")"
  cmdline+=" systemd.verity_root_hash=PARTUUID=$(partuuid_of "${roothash: -32}")"
  cmdline+=" systemd.gpt_auto=0 panic=10 rd.shell=0 rd.emergency=reboot rd.timeout=120 systemd.getty_auto=0"
  cmdline+=" usbcore.authorized_default=0 console=tty1 console=ttyS0 quiet"
  # A development image also copies its journal to the serial console (the boot test's log).
  if [ "$build_kind" = development ]; then cmdline+=" systemd.journald.forward_to_console=1"; fi
  echo "$cmdline"
}

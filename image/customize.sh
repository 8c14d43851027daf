#!/usr/bin/env bash
# mmdebstrap customize hooks of image/build.sh that are more than one command (run on the host,
# the tree is $2; chroot runs inside it, with the /proc, /sys and /dev mmdebstrap provides).
#   initrd TREE        a generic systemd initrd (dracut, /etc/dracut.conf.d/90-baladeur.conf)
#   take-ukify TREE D  copy ukify and the pefile module out of the tree (the UKI is built after the
#                      root file system is frozen and hashed), then purge them and python3
#   check TREE         what the first boot needs is there (LUKS2 + TPM2 enrolment of /data)
set -euo pipefail
tree=$2
case $1 in
  initrd)
    for k in "$tree"/lib/modules/*; do
      kver=${k##*/}
      chroot "$tree" dracut --quiet --force --kver "$kver" "/boot/initrd.img-$kver"
    done
    ;;
  take-ukify)
    dest=$3
    mkdir -p "$dest"
    cp -L "$tree/usr/bin/ukify" "$dest/ukify"
    cp -r "$tree"/usr/lib/python3/dist-packages/{pefile.py,peutils.py,ordlookup} "$dest/"
    # Nothing else in the image needs Python, but mmdebstrap leaves it marked as installed by hand.
    chroot "$tree" apt-get purge -y -q --autoremove systemd-ukify python3-pefile python3 python3-minimal \
      python3.13 python3.13-minimal libpython3-stdlib libpython3.13-minimal libpython3.13-stdlib >/dev/null
    if chroot "$tree" sh -c 'command -v python3' >/dev/null; then
      echo "image: WARNING python3 is still in the image (another package needs it)" >&2
    fi
    ;;
  check)
    for tool in cryptsetup systemd-cryptenroll mkfs.ext4 wipefs od awk; do
      chroot "$tree" sh -c "command -v $tool" >/dev/null || { echo "image: $tool is missing from the image" >&2; exit 1; }
    done
    ls "$tree"/usr/lib/x86_64-linux-gnu/libtss2-esys.so.* >/dev/null
    ;;
  *) echo "customize.sh: unknown step $1" >&2; exit 2 ;;
esac

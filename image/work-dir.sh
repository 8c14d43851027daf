#!/usr/bin/env bash
# The image build's scratch folder: made fresh, and removed without ever crossing a mount point.
# mmdebstrap --mode=root mounts /proc, /sys, /dev/pts and /dev/shm inside the tree it builds; a
# build killed mid-way (a timeout, a session ending) leaves them mounted. A plain `rm -rf` of the
# folder then walks into the host's /sys (read-only: the next build fails with "rootfs is not
# empty") and the host's /dev/shm (writable: it would empty it).
# Usage (sourced): release_work_dir DIR — unmounts everything under DIR, deepest first, then
# removes DIR on its own file system only; fails if anything is still mounted under it.

mounts_under() {
  # /proc/self/mounts escapes spaces as \040; build folders have none.
  awk -v p="${1%/}/" 'index($2, p) == 1 { print $2 }' /proc/self/mounts | sort -r
}

release_work_dir() {
  local dir=$1 mount
  [ -n "$dir" ] && [ "$dir" != / ] || { echo "work-dir: refusing to release '$dir'" >&2; return 2; }
  [ -e "$dir" ] || return 0
  dir=$(realpath "$dir")
  while read -r mount; do
    [ -n "$mount" ] || continue
    echo "work-dir: unmounting $mount left by an interrupted build" >&2
    umount "$mount" 2>/dev/null || umount --lazy "$mount"
  done < <(mounts_under "$dir")
  if [ -n "$(mounts_under "$dir")" ]; then
    echo "work-dir: still mounted under $dir; not removing it" >&2
    return 1
  fi
  rm -rf --one-file-system "$dir"
}

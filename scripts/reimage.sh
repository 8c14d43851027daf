#!/usr/bin/env bash
# Writes a Baladeur kiosk image to a whole disk (or to an image file) and verifies it by hash.
#
#   scripts/reimage.sh [--yes] [--sums FILE] <image file> <target disk or image file>
#   scripts/reimage.sh --verify-only [--sums FILE] <image file> <target disk or image file>
#
# Before writing: the image must match its line in SHA256SUMS when one is found (--sums FILE, else
# SHA256SUMS beside the image, else image/out/SHA256SUMS of this checkout); the target must be a
# whole disk (not a partition) or a regular file, with nothing on it mounted, used as swap or
# attached to a loop device. It shows what will be overwritten and asks for "yes" unless --yes.
# Writing: dd conv=fsync status=progress. Verifying: reads back exactly the image's length from
# the target and compares its SHA-256 with the image's. A target that does not exist becomes a new
# image file, except under /dev (a mistyped or unplugged disk).
#
# Exit codes:
#   0  written (or, with --verify-only, checked) and verified
#   1  verification failed: the target's first <image length> bytes differ from the image
#   2  usage error, or the image is missing, unreadable or empty
#   3  target refused (mounted, a partition, swap, loop-attached, not a disk or regular file,
#      a missing disk under /dev, smaller than the image, or the image itself)
#   4  the image does not match SHA256SUMS (damaged download or copy): nothing was written
#   5  not confirmed: nothing was written
#   6  writing failed (dd error): the target is in an unknown state, write it again
set -euo pipefail

readonly EXIT_MISMATCH=1 EXIT_USAGE=2 EXIT_TARGET=3 EXIT_SUMS=4 EXIT_ABORTED=5 EXIT_WRITE=6
readonly USAGE="usage: reimage.sh [--yes] [--verify-only] [--sums FILE] <image file> <target disk or image file>"

say() { echo "reimage: $*" >&2; }
die() {
  local code=$1
  shift
  say "$*"
  exit "$code"
}

yes=0
verify_only=0
sums=
args=()
while (($#)); do
  case $1 in
    --yes | -y) yes=1 ;;
    --verify-only) verify_only=1 ;;
    --sums)
      (($# >= 2)) || die $EXIT_USAGE "--sums needs a file"
      sums=$2
      shift
      ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    --) shift; args+=("$@"); break ;;
    -*) die $EXIT_USAGE "unknown option $1
$USAGE" ;;
    *) args+=("$1") ;;
  esac
  shift
done
((${#args[@]} == 2)) || die $EXIT_USAGE "$USAGE"
image=${args[0]}
target=${args[1]}

[[ -f $image && -r $image ]] || die $EXIT_USAGE "image not found or unreadable: $image"
image_size=$(stat -Lc %s -- "$image")
((image_size > 0)) || die $EXIT_USAGE "image is empty: $image"

# --- the image against SHA256SUMS ---------------------------------------------------------------
repo_sums="$(cd "$(dirname "$0")/.." && pwd)/image/out/SHA256SUMS"
if [[ -z $sums ]]; then
  for candidate in "$(dirname -- "$image")/SHA256SUMS" "$repo_sums"; do
    if [[ -f $candidate ]]; then sums=$candidate; break; fi
  done
elif [[ ! -f $sums ]]; then
  die $EXIT_USAGE "SHA256SUMS file not found: $sums"
fi

say "hashing the image ($image_size bytes)…"
image_sha=$(sha256sum -- "$image" | cut -d' ' -f1)
say "image  sha256 $image_sha  $image"
if [[ -n $sums ]]; then
  name=$(basename -- "$image")
  expected=$(awk -v n="$name" '{ f = $2; sub(/^\*/, "", f); sub(/.*\//, "", f); if (f == n) { print $1; exit } }' "$sums")
  if [[ -z $expected ]]; then
    say "note: $sums has no line for $name; checking against the image itself only"
  elif [[ $expected != "$image_sha" ]]; then
    die $EXIT_SUMS "the image does not match $sums (expected $expected): damaged copy? nothing written"
  else
    say "image matches $sums"
  fi
fi

# --- the target -------------------------------------------------------------------------------
resolved=$(readlink -f -- "$target" || true)
[[ -n $resolved ]] || die $EXIT_TARGET "cannot resolve target: $target"
is_block=0
if [[ -b $resolved ]]; then
  is_block=1
  dev=$(basename -- "$resolved")
  [[ -e /sys/class/block/$dev/partition ]] && die $EXIT_TARGET "$target is a partition; give the whole disk (e.g. /dev/sdb, not /dev/sdb1)"
  # The disk and every partition on it.
  mapfile -t nodes < <(lsblk -lnpo NAME -- "$resolved" 2>/dev/null || echo "$resolved")
  for node in "${nodes[@]}"; do
    if awk -v d="$node" '$1 == d { found = 1 } END { exit !found }' /proc/mounts; then
      die $EXIT_TARGET "$node is mounted; unmount it first (is this the disk the system runs from?)"
    fi
    if awk -v d="$node" 'NR > 1 && $1 == d { found = 1 } END { exit !found }' /proc/swaps; then
      die $EXIT_TARGET "$node is used as swap"
    fi
    holders=(/sys/class/block/"$(basename -- "$node")"/holders/*)
    [[ -e ${holders[0]} ]] && die $EXIT_TARGET "$node is in use by $(basename -- "${holders[0]}") (LVM, RAID or dm)"
  done
  target_size=$(blockdev --getsize64 "$resolved")
  ((target_size >= image_size)) || die $EXIT_TARGET "$target holds $target_size bytes, the image needs $image_size"
  description="whole disk $resolved, $target_size bytes, $(lsblk -dno MODEL,SERIAL -- "$resolved" 2>/dev/null | xargs || true)"
elif [[ -f $resolved || ! -e $resolved ]]; then
  if [[ -e $resolved ]]; then
    [[ $resolved -ef $image ]] && die $EXIT_TARGET "the target is the image itself"
    if command -v losetup >/dev/null && [[ -n $(losetup -j "$resolved" 2>/dev/null) ]]; then
      die $EXIT_TARGET "$target is attached to a loop device; detach it first (losetup -d)"
    fi
    description="image file $resolved, $(stat -c %s -- "$resolved") bytes, will be replaced"
  else
    # A disk that is not there (mistyped /dev/sdX, key not plugged) must not become a new file in /dev.
    [[ $resolved == /dev/* ]] && die $EXIT_TARGET "$target does not exist (no such disk)"
    [[ -d $(dirname -- "$resolved") ]] || die $EXIT_TARGET "folder of $target does not exist"
    ((verify_only == 0)) || die $EXIT_TARGET "nothing to verify: $target does not exist"
    description="new image file $resolved"
  fi
else
  die $EXIT_TARGET "$target is neither a whole disk nor a regular file"
fi

# --- write --------------------------------------------------------------------------------------
if ((verify_only == 0)); then
  say "about to write $image ($image_size bytes)"
  say "onto: $description"
  say "EVERYTHING on it will be overwritten."
  if ((yes == 0)); then
    answer=
    printf 'reimage: type "yes" to continue: ' >&2
    read -r answer || true
    [[ $answer == yes ]] || die $EXIT_ABORTED "not confirmed; nothing written"
  fi
  dd_args=(if="$image" of="$resolved" bs=4M iflag=fullblock conv=fsync status=progress)
  ((is_block)) && dd_args+=(oflag=direct)
  dd "${dd_args[@]}" || die $EXIT_WRITE "dd failed; the target is in an unknown state: write it again"
  sync
fi

# --- verify -------------------------------------------------------------------------------------
# Read back from the medium, not the page cache.
((is_block)) && blockdev --flushbufs "$resolved" 2>/dev/null || true
target_len=$(if ((is_block)); then blockdev --getsize64 "$resolved"; else stat -c %s -- "$resolved"; fi)
((target_len >= image_size)) || die $EXIT_MISMATCH "verification FAILED: $target holds $target_len bytes, fewer than the image's $image_size"
target_sha=$(head -c "$image_size" -- "$resolved" | sha256sum | cut -d' ' -f1)
say "target sha256 $target_sha  (first $image_size bytes of $target)"
[[ $target_sha == "$image_sha" ]] || die $EXIT_MISMATCH "verification FAILED: the target differs from the image; write it again or replace the disk"
say "verified: $target holds the image exactly"
exit 0

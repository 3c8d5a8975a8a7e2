#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# mkdisk-uboot.sh OUT IMAGE BOOT_SCR ENV [FILE...] - build the disk U-Boot
# boots contig from on QEMU's virt board (scripts/qemu-arm.sh --uboot OUT).
#
# A 16 MiB raw disk (sparse) with an MBR partition table holding one
# bootable FAT16 partition from 1 MiB to the end (U-Boot's distro boot
# scans partitions, and only bootable ones when any is marked), with:
#   /boot.scr    BOOT_SCR, the compiled boot script (mkimage -T script)
#   /Image       IMAGE, the contig image bootz starts
#   /contig.env  ENV, the settings boot.scr imports (name=value lines)
#   /FILE...     each FILE under its own name (the board DTB, say)
# Debian tools only: sfdisk (fdisk), mkfs.vfat (dosfstools), mcopy
# (mtools). The disk is written to OUT.tmp and renamed, so OUT is never
# half-built.
set -euo pipefail

if [ $# -lt 4 ]; then
	sed -n '4,5s/^# \{0,1\}//p' "$0" >&2
	exit 2
fi
out=$1
image=$2
scr=$3
env=$4
shift 4
for f in "$image" "$scr" "$env" "$@"; do
	[ -f "$f" ] || { echo "mkdisk-uboot.sh: $f is missing" >&2; exit 2; }
done
for t in sfdisk mkfs.vfat mcopy; do
	PATH=$PATH:/usr/sbin:/sbin command -v $t >/dev/null || {
		echo "mkdisk-uboot.sh: $t is missing: run scripts/install-deps.sh arm" >&2
		exit 2
	}
done
export PATH=$PATH:/usr/sbin:/sbin
# mtools checks the geometry of real floppies; this is an image.
export MTOOLS_SKIP_CHECK=1

disk_mib=16
part_start=2048 # sectors: 1 MiB
tmp=$out.tmp
rm -f "$tmp"
truncate -s ${disk_mib}M "$tmp"
echo "start=$part_start, type=e, bootable" | sfdisk -q "$tmp"
mkfs.vfat -F 16 -n CONTIG --offset=$part_start "$tmp" $(((disk_mib - 1) * 1024)) >/dev/null
fat="$tmp@@$((part_start * 512))"
mcopy -i "$fat" "$scr" ::/boot.scr
mcopy -i "$fat" "$image" ::/Image
mcopy -i "$fat" "$env" ::/contig.env
for f in "$@"; do
	mcopy -i "$fat" "$f" "::/$(basename "$f")"
done
mv "$tmp" "$out"

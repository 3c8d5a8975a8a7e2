#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# install-deps.sh [host|arm|gui|fresh-root|all] - install the Debian 12
# packages contig needs, and only the missing ones. Idempotent: when
# everything is present it prints one line and touches nothing (no apt-get
# update).
#
#   host  build the hosted kernel, the sanitizer variants, unit tests, DTBs,
#         and run make check (default)
#   arm   cross-build the ARM port (with what it needs from the host set:
#         make, cpp, dtc, kconfiglib), boot it on QEMU vexpress-a9 and,
#         through U-Boot, on QEMU virt (U-Boot, mkimage, sfdisk, mtools,
#         dosfstools)
#   gui   arm plus QEMU's display window (qemu-system-gui: make run-gui)
#   fresh-root  debootstrap, for scripts/fresh-root.sh
#   all   host, arm and gui
#
# Runs apt-get as root with no prompts. As another user it prints the exact
# command to run and fails.
#
# The ARM image links Debian's armhf libfdt.a. libfdt-dev and
# libfdt-dev:armhf cannot be installed side by side in Debian 12 (the
# package is not Multi-Arch: same; installing one removes the other), so the
# armhf archive is downloaded with apt-get and unpacked into
# build/deps/armhf/ instead of being installed.
set -euo pipefail

HOST_PKGS=(gcc make cpp libc6-dev libfdt-dev libcmocka-dev
	   device-tree-compiler python3 python3-kconfiglib clang
	   libclang-rt-14-dev)
# gcc's own sanitizer runtimes (libasan8, libubsan1, libtsan2) come with gcc.
# The ARM build also runs kconfiglib, cpp and dtc (the board DTBs) and
# python3 (make frames), so the arm set holds them too: make ARCH=arm can
# be the first command on a machine.
ARM_PKGS=(make cpp python3 python3-kconfiglib device-tree-compiler
	  gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm
	  u-boot-qemu u-boot-tools mtools dosfstools fdisk gdb-multiarch)
# QEMU's GTK window; without it qemu-system-arm falls back to VNC.
GUI_PKGS=(qemu-system-gui)
FRESH_ROOT_PKGS=(debootstrap)

top=$(cd "$(dirname "$0")/.." && pwd)
ARMHF_DIR=${CONTIG_ARMHF_DIR:-$top/build/deps/armhf}
ARMHF_LIBFDT=$ARMHF_DIR/usr/lib/arm-linux-gnueabihf/libfdt.a

target=${1:-host}
case "$target" in
host) want=("${HOST_PKGS[@]}") ;;
arm) want=("${ARM_PKGS[@]}") ;;
gui) want=("${ARM_PKGS[@]}" "${GUI_PKGS[@]}") ;;
fresh-root) want=("${FRESH_ROOT_PKGS[@]}") ;;
all) want=("${HOST_PKGS[@]}" "${ARM_PKGS[@]}" "${GUI_PKGS[@]}") ;;
-h | --help)
	sed -n '4,21s/^# \{0,1\}//p' "$0"
	exit 0
	;;
*)
	echo "install-deps.sh: unknown package set '$target' (use host, arm or all)" >&2
	exit 2
	;;
esac
need_armhf_libfdt=0
case "$target" in arm | gui | all) need_armhf_libfdt=1 ;; esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "install-deps.sh: dpkg-query not found; this script supports Debian 12." >&2
	echo "Install by hand: ${want[*]}" >&2
	exit 1
fi

installed() {
	local status
	status=$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) || return 1
	[ "$status" = installed ]
}

missing=()
for p in "${want[@]}"; do
	installed "$p" || missing+=("$p")
done
fetch_fdt=0
[ $need_armhf_libfdt -eq 1 ] && [ ! -f "$ARMHF_LIBFDT" ] && fetch_fdt=1

if [ ${#missing[@]} -eq 0 ] && [ $fetch_fdt -eq 0 ]; then
	echo "  DEPS      all $target packages are installed"
	exit 0
fi

if [ "$(id -u)" -ne 0 ] && [ ${#missing[@]} -ne 0 ]; then
	echo "install-deps.sh: missing Debian packages: ${missing[*]}" >&2
	echo "Run as root:" >&2
	echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}" >&2
	echo "or set CONTIG_NO_INSTALL=1 to skip this check." >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
updated=0
# A mirror that is mid-sync can fail one index file while the rest are
# fine, so a failed update is not fatal: the checks below are the verdict.
apt_update() {
	apt-get update -q || echo "install-deps.sh: apt-get update reported errors; going on" >&2
	updated=1
}

if [ ${#missing[@]} -ne 0 ]; then
	echo "  DEPS      installing: ${missing[*]}"
	apt_install() {
		apt-get install -y -q --no-install-recommends \
			-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
			"${missing[@]}" </dev/null
	}
	apt_update
	if ! apt_install; then
		echo "install-deps.sh: install failed; updating the package lists again and retrying" >&2
		sleep 5
		apt_update
		apt_install || true
	fi
	still=()
	for p in "${missing[@]}"; do
		installed "$p" || still+=("$p")
	done
	if [ ${#still[@]} -ne 0 ]; then
		echo "install-deps.sh: still missing after apt-get: ${still[*]}" >&2
		exit 1
	fi
fi

if [ $fetch_fdt -eq 1 ]; then
	echo "  DEPS      unpacking Debian's libfdt-dev:armhf into ${ARMHF_DIR#"$top"/}"
	if ! dpkg --print-foreign-architectures | grep -qx armhf; then
		if [ "$(id -u)" -ne 0 ]; then
			echo "install-deps.sh: the armhf architecture is not enabled; as root run:" >&2
			echo "  dpkg --add-architecture armhf && apt-get update" >&2
			exit 1
		fi
		dpkg --add-architecture armhf
		apt_update
	fi
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	# apt's download sandbox user must be able to write there.
	chmod 755 "$tmp"
	if ! (cd "$tmp" && apt-get download -q libfdt-dev:armhf); then
		[ $updated -eq 1 ] || apt_update
		(cd "$tmp" && apt-get download -q libfdt-dev:armhf) || {
			echo "install-deps.sh: cannot download libfdt-dev:armhf from the Debian mirror" >&2
			exit 1
		}
	fi
	mkdir -p "$ARMHF_DIR"
	dpkg-deb -x "$tmp"/libfdt-dev_*_armhf.deb "$ARMHF_DIR"
	if [ ! -f "$ARMHF_LIBFDT" ]; then
		echo "install-deps.sh: $ARMHF_LIBFDT missing after unpacking" >&2
		exit 1
	fi
fi

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# install-deps.sh [host|arm|check|gui|fresh-root|all] - install the Debian 12
# packages contig needs, and only the missing ones. Idempotent: when
# everything is present it prints one line and touches nothing (no apt-get
# update).
#
#   host  build the hosted kernel, the sanitizer variants, unit tests, DTBs,
#         and run make check (default); libpng for its --screendump and
#         matplotlib for make bench's plots
#   arm   cross-build the ARM port (with what it needs from the host set:
#         make, cpp, dtc, kconfiglib), boot it on QEMU vexpress-a9 and,
#         through U-Boot, on QEMU virt (U-Boot, mkimage, sfdisk, mtools,
#         dosfstools; matplotlib for make bench-qemu's plots)
#   check arm plus the device trees of Debian's armhf Linux kernel, which
#         make check boots and reads (see below)
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
#
# The tests that read device trees nobody here wrote (make check) use the
# DTBs of Debian's armhf Linux kernel package, the one linux-image-armmp
# depends on (resolved with apt-cache, never a fixed ABI): its
# usr/lib/linux-image-*-armmp/ is unpacked into build/deps/linux-armmp/.
# They are test data, not a build dependency: when the mirror cannot be
# reached after retries, build/deps/linux-armmp.unreachable says why and
# the script goes on; the suites that need them then report
# "skipped: mirror unreachable".
set -euo pipefail

HOST_PKGS=(gcc make cpp libc6-dev libfdt-dev libcmocka-dev libpng-dev
	   device-tree-compiler python3 python3-kconfiglib python3-libfdt clang
	   python3-matplotlib
	   libclang-rt-14-dev)
# gcc's own sanitizer runtimes (libasan8, libubsan1, libtsan2) come with gcc.
# The ARM build also runs kconfiglib, cpp and dtc (the board DTBs) and
# python3 (make frames), so the arm set holds them too: make ARCH=arm can
# be the first command on a machine.
ARM_PKGS=(make cpp python3 python3-kconfiglib python3-matplotlib device-tree-compiler
	  gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm
	  u-boot-qemu u-boot-tools mtools dosfstools fdisk gdb-multiarch)
# QEMU's GTK window; without it qemu-system-arm falls back to VNC.
GUI_PKGS=(qemu-system-gui)
FRESH_ROOT_PKGS=(debootstrap)

top=$(cd "$(dirname "$0")/.." && pwd)
ARMHF_DIR=${CONTIG_ARMHF_DIR:-$top/build/deps/armhf}
ARMHF_LIBFDT=$ARMHF_DIR/usr/lib/arm-linux-gnueabihf/libfdt.a
LINUX_DTB_DIR=${CONTIG_LINUX_DTB_DIR:-$top/build/deps/linux-armmp}

target=${1:-host}
case "$target" in
host) want=("${HOST_PKGS[@]}") ;;
arm | check) want=("${ARM_PKGS[@]}") ;;
gui) want=("${ARM_PKGS[@]}" "${GUI_PKGS[@]}") ;;
fresh-root) want=("${FRESH_ROOT_PKGS[@]}") ;;
all) want=("${HOST_PKGS[@]}" "${ARM_PKGS[@]}" "${GUI_PKGS[@]}") ;;
-h | --help)
	sed -n '4,23s/^# \{0,1\}//p' "$0"
	exit 0
	;;
*)
	echo "install-deps.sh: unknown package set '$target' (use host, arm, check, gui, fresh-root or all)" >&2
	exit 2
	;;
esac
need_armhf_libfdt=0
case "$target" in arm | check | gui | all) need_armhf_libfdt=1 ;; esac
need_linux_dtbs=0
case "$target" in check | all) need_linux_dtbs=1 ;; esac

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
fetch_dtbs=0
if [ $need_linux_dtbs -eq 1 ] &&
	! compgen -G "$LINUX_DTB_DIR/usr/lib/linux-image-*-armmp/*.dtb" >/dev/null; then
	fetch_dtbs=1
fi

if [ ${#missing[@]} -eq 0 ] && [ $fetch_fdt -eq 0 ] && [ $fetch_dtbs -eq 0 ]; then
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

# apt's download sandbox user must be able to write where it downloads.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"

enable_armhf() {
	dpkg --print-foreign-architectures | grep -qx armhf && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "install-deps.sh: the armhf architecture is not enabled; as root run:" >&2
		echo "  dpkg --add-architecture armhf && apt-get update" >&2
		return 1
	fi
	dpkg --add-architecture armhf
	apt_update
}

if [ $fetch_fdt -eq 1 ]; then
	echo "  DEPS      unpacking Debian's libfdt-dev:armhf into ${ARMHF_DIR#"$top"/}"
	enable_armhf || exit 1
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

# The kernel package linux-image-armmp:armhf depends on today, e.g.
# linux-image-6.1.0-57-armmp (empty when apt does not know it).
linux_armmp_pkg() {
	apt-cache depends linux-image-armmp:armhf 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^ :]*-armmp\)\(:armhf\)\{0,1\}$/\1/p' |
		head -n 1
}

# Debian's Linux DTBs (test data): a mirror that cannot be reached after
# retries is recorded, not fatal.
if [ $fetch_dtbs -eq 1 ]; then
	unreachable=$LINUX_DTB_DIR.unreachable
	rm -f "$unreachable"
	enable_armhf || exit 1
	pkg=$(linux_armmp_pkg)
	got=""
	for try in 1 2 3; do
		if [ -z "$pkg" ] || [ $try -gt 1 ]; then
			[ $try -eq 1 ] || sleep $((try * 5))
			apt_update
			pkg=$(linux_armmp_pkg)
		fi
		[ -n "$pkg" ] || continue
		echo "  DEPS      unpacking the DTBs of Debian's $pkg:armhf into ${LINUX_DTB_DIR#"$top"/}"
		if (cd "$tmp" && apt-get download -q "$pkg:armhf"); then
			got=$(ls "$tmp"/"$pkg"_*_armhf.deb 2>/dev/null | head -n 1)
			[ -n "$got" ] && break
		fi
	done
	if [ -z "$got" ]; then
		mkdir -p "$(dirname "$unreachable")"
		echo "cannot ${pkg:+download $pkg:armhf}${pkg:-resolve linux-image-armmp:armhf} from the Debian mirror after 3 tries ($(date -u +%FT%TZ))" >"$unreachable"
		echo "install-deps.sh: mirror unreachable: $(cat "$unreachable"); the suites that read Debian's Linux DTBs will be skipped" >&2
	else
		rm -rf "$LINUX_DTB_DIR"
		mkdir -p "$LINUX_DTB_DIR"
		# Only the DTBs (usr/lib/linux-image-*/): the modules are not needed.
		dpkg-deb --fsys-tarfile "$got" |
			tar -x -C "$LINUX_DTB_DIR" --wildcards './usr/lib/linux-image-*'
		rm -f "$got"
		if ! compgen -G "$LINUX_DTB_DIR/usr/lib/linux-image-*-armmp/*.dtb" >/dev/null; then
			echo "install-deps.sh: no DTB in $got after unpacking" >&2
			exit 1
		fi
	fi
fi

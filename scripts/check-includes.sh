#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check-includes.sh - who may include what. Prints every offending line and
# fails if there is one.
#
#  - Portable code (mm/ kernel/ lib/ init/ app/ drivers/
#    tests/ktest/) may include only
#    <contig/...>, <asm/...> and <libfdt.h>, plus "local.h" headers that
#    exist next to the including file (e.g. mm/internal.h,
#    kernel/dma/internal.h).
#  - The hosted port (arch/host/) reaches the C library only through
#    arch/host/os/: its other files (device models in arch/host/emu/, its
#    tests, its asm/ headers) may include <contig/...>, <asm/...>,
#    <asm-generic/...> and <libfdt.h>, plus quoted headers that exist
#    relative to the including file (e.g. "os/host_os.h").
#    arch/host/os/ itself may include system headers.
#  - Layers: a part includes only the headers of its own part and of the
#    parts below it (app, init > drivers > kernel > mm > lib; see below).
set -euo pipefail
shopt -s extglob
cd "$(dirname "$0")/.."

status=0

# check_files WHO ALLOWED-PATTERN HINT FILE...: WHO names the rule in messages.
check_files() {
	local who=$1 allowed=$2 hint=$3 f dir hit lineno line h
	shift 3
	for f in "$@"; do
		dir=$(dirname "$f")
		while IFS= read -r hit; do
			lineno=${hit%%:*}
			line=${hit#*:}
			if [[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\<([^>]*)\> ]]; then
				h=${BASH_REMATCH[1]}
				# shellcheck disable=SC2053 # $allowed is a glob on purpose
				if [[ $h == $allowed ]]; then
					continue
				fi
				echo "$f:$lineno: #include <$h>: $who; $hint"
				status=1
			elif [[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"]*)\" ]]; then
				h=${BASH_REMATCH[1]}
				if [ ! -f "$dir/$h" ]; then
					echo "$f:$lineno: #include \"$h\": no such file relative to $f;" \
					     "$who"
					status=1
				fi
			else
				echo "$f:$lineno: unrecognised #include line: $line"
				status=1
			fi
		done < <(grep -n '^[[:space:]]*#[[:space:]]*include' "$f" || true)
	done
}

files() {
	find "$@" -type f \( -name '*.c' -o -name '*.h' \) 2>/dev/null | sort
}

mapfile -t portable < <(files mm kernel lib init app drivers tests/ktest)
check_files "portable code may include only <contig/...>, <asm/...> and <libfdt.h>" \
	"@(contig/*|asm/*|libfdt.h)" \
	"use the contig header that declares it (e.g. <contig/string.h>)" "${portable[@]}"

mapfile -t host < <(files arch/host | grep -v '^arch/host/os/')
check_files "in arch/host only arch/host/os/ includes system headers" \
	"@(contig/*|asm/*|asm-generic/*|libfdt.h)" \
	"call the C library through arch/host/os/host_os.h (add a thin wrapper there)" \
	"${host[@]}"

# ---- layers ------------------------------------------------------------------
# Every header of include/contig/ belongs to one part of the tree, and a part
# may include the headers of its own part and of the parts below it, never
# one above:
#
#   app/ and init/  >  drivers/  >  kernel/ (the DMA layer)  >  mm/  >  lib/
#
# app/ and init/ do not include each other's headers (init/main.c runs the
# applications through the init_action() section; contig/init.h is lib's).
# arch/ (the ports) and tests/ may include every header. A new header must be
# given its part below, or this check fails and says so. The calls that
# could still run upward through an allowed header are what a call graph
# shows (Documentation/dev-tools/testing.rst, "Layers").
declare -A rank=([lib]=0 [mm]=1 [kernel]=2 [drivers]=3 [init]=4 [app]=4)
declare -A owner
own() {
	local part=$1 h
	shift
	for h in "$@"; do owner[$h]=$part; done
}
own lib arch.h atomic.h bitmap.h clocksource.h compiler.h console.h crc32.h \
	errno.h fourcc.h idle.h init.h io.h irq.h kconfig.h kernel.h ktest.h \
	list.h mutex.h of.h outer_cache.h params.h parse.h phase.h printk.h \
	shell.h smp.h spinlock.h string.h tpg.h trace.h types.h
own mm alloc_contig.h cma.h cma_borrow.h cma_parse.h fail_inject.h memblock.h \
	migrate.h mm.h mm_debug.h mmzone.h movable.h page-isolation.h \
	reserved_mem.h slab.h trace/cma.h
own kernel cma_dev.h dma-mapping.h dma_shell.h trace/dma.h
own drivers blk_cache.h blkdev.h cma_view.h device.h display.h font.h pl111.h \
	platform_device.h psci.h reboot.h vcam.h virtio.h virtio_blk.h \
	virtio_mmio.h virtio_ring.h
own app bench.h pipeline.h workload.h
# struct device is the device model's, and the DMA layer keeps its records
# in it (dev->dma_allocs, dev->dma_node) as Linux's kernel/dma does: it may
# include the header, not call the device model (layers.py checks calls).
declare -A allowed=([kernel:device.h]=1)

for h in include/contig/*.h include/contig/*/*.h; do
	h=${h#include/contig/}
	if [ -z "${owner[$h]:-}" ]; then
		echo "include/contig/$h: belongs to no part: add it to one of the" \
		     "own lines in scripts/check-includes.sh"
		status=1
	fi
done

for f in "${portable[@]}"; do
	part=${f%%/*}
	[ -n "${rank[$part]:-}" ] || continue
	while IFS= read -r hit; do
		lineno=${hit%%:*}
		line=${hit#*:}
		[[ $line =~ \<contig/([^>]*)\> ]] || continue
		h=${BASH_REMATCH[1]}
		hp=${owner[$h]:-}
		[ -n "$hp" ] || continue
		[ "$hp" = "$part" ] && continue
		[ -n "${allowed[$part:$h]:-}" ] && continue
		if ((rank[$hp] > rank[$part])) ||
		   { ((rank[$hp] == rank[$part])) && [ "$hp" != "$part" ]; }; then
			echo "$f:$lineno: #include <contig/$h>: $part/ may not include a" \
			     "header of $hp/ (the order is app, init > drivers > kernel >" \
			     "mm > lib): move what it needs down, or register it from above"
			status=1
		fi
	done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*<contig/' "$f" || true)
done
exit $status

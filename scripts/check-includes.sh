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
exit $status

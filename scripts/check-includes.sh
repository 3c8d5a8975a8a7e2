#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check-includes.sh - portable code (mm/ kernel/ lib/ init/ app/ drivers/ tests/ktest/)
# may include only <contig/...>, <asm/...> and <libfdt.h>, plus "local.h"
# headers that exist next to the including file (e.g. mm/internal.h,
# kernel/dma/internal.h). Prints
# every offending line and fails if there is one.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
while IFS= read -r -d '' f; do
	dir=$(dirname "$f")
	while IFS= read -r hit; do
		lineno=${hit%%:*}
		line=${hit#*:}
		if [[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\<([^>]*)\> ]]; then
			h=${BASH_REMATCH[1]}
			case "$h" in
			contig/* | asm/* | libfdt.h) continue ;;
			esac
			echo "$f:$lineno: #include <$h>: portable code may include only" \
			     "<contig/...>, <asm/...> and <libfdt.h>; use the contig header" \
			     "that declares it (e.g. <contig/string.h>)"
			status=1
		elif [[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"]*)\" ]]; then
			h=${BASH_REMATCH[1]}
			if [ ! -f "$dir/$h" ]; then
				echo "$f:$lineno: #include \"$h\": no such file next to $f;" \
				     "portable code may include only <contig/...>, <asm/...>," \
				     "<libfdt.h> and headers of its own directory"
				status=1
			fi
		else
			echo "$f:$lineno: unrecognised #include line: $line"
			status=1
		fi
	done < <(grep -n '^[[:space:]]*#[[:space:]]*include' "$f" || true)
done < <(find mm kernel lib init app drivers tests/ktest -type f \( -name '*.c' -o -name '*.h' \) \
	 -print0 2>/dev/null | sort -z)
exit $status

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# scripts/bench.sh - run the carve benchmark on the hosted kernel (make bench)
#
# Boots build/host/contig with a 128 MiB CMA region named "bench" (the
# named cma= syntax) and bench=carve, keeps the console output in
# build/host/bench.log and prints the RESULT line. Extra kernel parameters
# can be added with BENCH_EXTRA="...". Exit status: the kernel's (0 when
# no carve failed and no page was corrupted), or 1 without a RESULT line.
set -u

cd "$(dirname "$0")/.." || exit 1
BIN=build/host/contig
LOG=build/host/bench.log
# Production settings: page poisoning (a debug aid that writes every freed
# page) off, and simulated RAM faulted in before boot so host page faults
# do not land in the timings.
APPEND="cma=bench=128M bench=carve page_poison=off ${BENCH_EXTRA:-}"

if [ ! -x "$BIN" ]; then
	echo "bench: $BIN is missing: run make ARCH=host first" >&2
	exit 1
fi
"$BIN" --populate --append "$APPEND" > "$LOG" 2>&1
status=$?
grep '^bench: \|^RESULT' "$LOG"
if ! grep -q '^RESULT' "$LOG"; then
	echo "bench: no RESULT line in the output (status $status); see $LOG" >&2
	exit 1
fi
exit $status

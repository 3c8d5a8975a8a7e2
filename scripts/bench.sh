#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# scripts/bench.sh [host|arm] - run the carve benchmark (make bench,
# make bench-qemu)
#
# Boots the kernel with a 128 MiB CMA region named "bench" (the named cma=
# syntax) and bench=carve, keeps the console output in build/<arch>/bench.log
# and prints the bench lines and the RESULT line.
#   host  build/host/contig --populate: simulated RAM is faulted in before
#         boot, so host page faults do not land in the timings
#   arm   build/arm/Image on QEMU vexpress-a9 (-m 512M), timed by the A9
#         global timer; TCG emulation makes absolute times meaningless for
#         hardware, so compare them with the memcpy figure of the same run
# Page poisoning (a debug aid that writes every freed page) is off: the
# bench measures the production configuration. Extra kernel parameters:
# BENCH_EXTRA="...". CONTIG_QEMU_TIMEOUT bounds the QEMU run (600 s).
# Exit status: the kernel's (0 when no carve failed and no page was
# corrupted), or 1 without a RESULT line.
set -u

cd "$(dirname "$0")/.." || exit 1
APPEND="cma=bench=128M bench=carve page_poison=off ${BENCH_EXTRA:-}"

case "${1:-host}" in
host)
	BIN=build/host/contig
	LOG=build/host/bench.log
	set -- "$BIN" --populate --append "$APPEND"
	;;
arm)
	BIN=build/arm/Image
	LOG=build/arm/bench.log
	set -- bash scripts/qemu-arm.sh --mem 512M \
		--timeout "${CONTIG_QEMU_TIMEOUT:-600}" --append "$APPEND"
	;;
*)
	echo "usage: $0 [host|arm]" >&2
	exit 2
	;;
esac

if [ ! -f "$BIN" ]; then
	echo "bench: $BIN is missing: build it first (make ARCH=${1:-host})" >&2
	exit 1
fi
"$@" </dev/null >"$LOG" 2>&1
status=$?
grep '^bench: \|^RESULT' "$LOG"
if ! grep -q '^RESULT' "$LOG"; then
	echo "bench: no RESULT line in the output (status $status); see $LOG" >&2
	exit 1
fi
exit $status

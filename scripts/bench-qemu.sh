#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# scripts/bench-qemu.sh - run the carve benchmark on the ARM image under
# QEMU vexpress-a9 (make bench-qemu)
#
# Boots build/arm/Image through scripts/qemu-arm.sh (-m 512M) with a
# 128 MiB CMA region named "bench" and bench=carve, the same benchmark as
# make bench on the host (init/bench.c), timed by the Cortex-A9 global
# timer through arch_clock_ns(). Keeps the console output in
# build/arm/bench.log and prints the bench lines and the RESULT line.
# Extra kernel parameters: BENCH_EXTRA="...". CONTIG_QEMU_TIMEOUT bounds
# the run (default 600 s). Exit status: the kernel's, or 1 without a
# RESULT line.
#
# QEMU emulates the CPU with TCG, so absolute times say nothing about
# real hardware; compare them with the memcpy figure of the same run.
set -u

cd "$(dirname "$0")/.." || exit 1
IMAGE=build/arm/Image
LOG=build/arm/bench.log
APPEND="cma=bench=128M bench=carve page_poison=off ${BENCH_EXTRA:-}"

if [ ! -f "$IMAGE" ]; then
	echo "bench-qemu: $IMAGE is missing: run make ARCH=arm first" >&2
	exit 1
fi
bash scripts/qemu-arm.sh --mem 512M --timeout "${CONTIG_QEMU_TIMEOUT:-600}" \
	--append "$APPEND" </dev/null >"$LOG" 2>&1
status=$?
grep '^bench: \|^RESULT' "$LOG"
if ! grep -q '^RESULT' "$LOG"; then
	echo "bench-qemu: no RESULT line in the output (status $status); see $LOG" >&2
	exit 1
fi
exit $status

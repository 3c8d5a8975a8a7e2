#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# scripts/bench.sh [host|arm] - run the benchmarks (make bench,
# make bench-qemu)
#
# Two boots, each keeping its console output in build/<arch>/ and
# printing its bench lines and RESULT line:
#   bench.log      the carve benchmark: a 128 MiB CMA region named "bench"
#                  (the named cma= syntax) and bench=carve
#   bench-smp.log  the SMP benchmark (bench=smp): three 32 MiB regions
#                  par0..par2 carved by one CPU and by three at once, and
#                  carves from a 64 MiB "bench" region while the other
#                  CPUs write their pages
#   host  build/host/contig --populate (simulated RAM is faulted in before
#         boot, so host page faults do not land in the timings); the SMP
#         boot runs --cpus 3 (threads)
#   arm   build/arm/Image on QEMU vexpress-a9 (-m 512M, -smp 4), timed by
#         the A9 global timer; TCG emulation makes absolute times
#         meaningless for hardware, so compare them with the memcpy figure
#         of the same run, and the SMP ratios with the compute-only
#         cpu_3_ratio of the same run
# Page poisoning (a debug aid that writes every freed page) is off: the
# bench measures the production configuration. Extra kernel parameters:
# BENCH_EXTRA="...". CONTIG_QEMU_TIMEOUT bounds each QEMU run (600 s).
# Exit status: 0 when both ran without failed carves or corrupted pages,
# else the first non-zero kernel status, or 1 without a RESULT line.
set -u

cd "$(dirname "$0")/.." || exit 1
CARVE="cma=bench=128M bench=carve page_poison=off ${BENCH_EXTRA:-}"
SMP="cma=par0=32M;par1=32M;par2=32M;bench=64M bench=smp page_poison=off ${BENCH_EXTRA:-}"

arch=${1:-host}
case "$arch" in
host)
	BIN=build/host/contig
	SMP_CPUS=3
	boot() { # boot APPEND [CPUS]: CPUS threads, else the default
		"$BIN" --populate ${2:+--cpus "$2"} --append "$1"
	}
	;;
arm)
	BIN=build/arm/Image
	SMP_CPUS=4
	boot() { # boot APPEND [CPUS]: CPUS cores, else the board's four
		bash scripts/qemu-arm.sh --mem 512M --smp "${2:-4}" \
			--timeout "${CONTIG_QEMU_TIMEOUT:-600}" --append "$1"
	}
	;;
*)
	echo "usage: $0 [host|arm]" >&2
	exit 2
	;;
esac

if [ ! -f "$BIN" ]; then
	echo "bench: $BIN is missing: build it first (make ARCH=$arch)" >&2
	exit 1
fi

result=0
# bench_one LOG APPEND [CPUS]: one boot, its bench and RESULT lines, and
# its status folded into $result (the first failure wins).
bench_one() {
	boot "$2" "${3:-}" </dev/null >"$1" 2>&1
	status=$?
	grep '^bench: \|^RESULT' "$1"
	if ! grep -q '^RESULT' "$1"; then
		echo "bench: no RESULT line in the output (status $status); see $1" >&2
		status=1
	fi
	[ $result -eq 0 ] && result=$status
}

bench_one "build/$arch/bench.log" "$CARVE"
bench_one "build/$arch/bench-smp.log" "$SMP" "$SMP_CPUS"
exit $result

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# scripts/bench.sh [host|arm] - run the benchmarks (make bench,
# make bench-qemu)
#
# Three boots, each keeping its console output in build/<arch>/ and
# printing its bench lines and RESULT line, with one line when it starts
# and one when it ends (its status and wall time):
#   bench.log      the carve benchmark: a 128 MiB CMA region named "bench"
#                  (the named cma= syntax) and bench=carve
#   bench-coherent.log  dma_alloc_coherent() under pressure (bench=coherent,
#                  app/bench.c): the board of dts/bench/coherent.dts (one
#                  128 MiB default CMA area), one CPU; a 384 MiB movable
#                  workload stays resident while 5 rounds of 24 x 4 MiB
#                  coherent buffers are carved and freed; then the
#                  workload grows until a 4 MiB carve has no migration
#                  targets, and 24 attempts that fail are timed (the
#                  coherent_fail_* keys; "na" if none failed). On arm it runs
#                  under QEMU's -icount shift=0,align=off (1 guest
#                  instruction = 1 ns): its figures are deterministic
#   bench-latency.log  carve latency by borrowing policy and ready reserve
#                  (bench=latency, app/bench_latency.c): the board of
#                  dts/bench/latency.dts (one 64 MiB default area), one
#                  CPU, under -icount on arm; idle, movable, clean, none,
#                  movable+ready, clean+ready; single pages, 4 and 16 MiB
#                  coherent carves, the region refilled before each
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
# Then scripts/bench_plot.py draws the per-carve samples (SAMPLE lines and
# the coherent attempts) as build/<arch>/bench-migrated.png (latency
# against pages migrated), bench-latency.png (per phase) and
# bench-policy.png (per borrowing policy, from the latency boot).
# Exit status: 0 when all ran without corrupted pages and (carve, smp)
# without failed carves (the coherent workload exhausts memory on purpose),
# else the first non-zero kernel status, or 1 without a RESULT line.
set -u

cd "$(dirname "$0")/.." || exit 1
CARVE="cma=bench=128M bench=carve page_poison=off ${BENCH_EXTRA:-}"
COHERENT="bench=coherent page_poison=off ${BENCH_EXTRA:-}"
COHERENT_DTB=build/dtb/bench/coherent.dtb
SMP="cma=par0=32M;par1=32M;par2=32M;bench=64M bench=smp page_poison=off ${BENCH_EXTRA:-}"
LATENCY="bench=latency page_poison=off ${BENCH_EXTRA:-}"
LATENCY_DTB=build/dtb/bench/latency.dtb

arch=${1:-host}
case "$arch" in
host)
	BIN=build/host/contig
	SMP_CPUS=3
	boot() { # boot APPEND [CPUS [DTB]]: CPUS threads, else the default
		"$BIN" --populate ${2:+--cpus "$2"} ${3:+--dtb "$3"} --append "$1"
	}
	;;
arm)
	BIN=build/arm/Image
	SMP_CPUS=4
	boot() { # boot APPEND [CPUS [DTB]]: CPUS cores, else the board's four;
		 # with a DTB (the coherent bench), instructions counted
		bash scripts/qemu-arm.sh --mem 512M --smp "${2:-4}" \
			${3:+--dtb "$3" --icount} \
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
# bench_one NAME LOG APPEND [CPUS [DTB]]: one boot, announced when it
# starts and ends, its bench and RESULT lines, and its status folded into
# $result (the first failure wins).
bench_one() {
	name=$1
	shift
	echo "bench.sh: $name: booting ($arch), console in $1"
	start=$(date +%s)
	boot "$2" "${3:-}" "${4:-}" </dev/null >"$1" 2>&1
	status=$?
	grep '^bench: \|^RESULT' "$1"
	if ! grep -q '^RESULT' "$1"; then
		echo "bench: no RESULT line in the output (status $status); see $1" >&2
		status=1
	fi
	echo "bench.sh: $name: done, status $status, $(($(date +%s) - start)) s"
	[ $result -eq 0 ] && result=$status
}

for dtb in "$COHERENT_DTB" "$LATENCY_DTB"; do
	if [ ! -f "$dtb" ]; then
		echo "bench: $dtb is missing: build it first (make ARCH=$arch)" >&2
		exit 1
	fi
done
bench_one carve "build/$arch/bench.log" "$CARVE"
bench_one smp "build/$arch/bench-smp.log" "$SMP" "$SMP_CPUS"
bench_one coherent "build/$arch/bench-coherent.log" "$COHERENT" 1 "$COHERENT_DTB"
bench_one latency "build/$arch/bench-latency.log" "$LATENCY" 1 "$LATENCY_DTB"
# The per-carve samples as PNG plots beside the logs (python3-matplotlib);
# a missing plot does not change the status: the RESULT lines are the bench.
/usr/bin/python3 scripts/bench_plot.py "$arch"
exit $result

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# scripts/soak.sh - the long soak (make soak; not part of make check)
#
# Boots the hosted kernel with four CMA regions soak0..soak3 of 16 MiB and
# ktest=soak (tests/ktest/soak_test.c) twice, on four CPUs (threads):
#   asan  build/host-asan/contig (ASan + UBSan): SOAK_MIGRATIONS page
#         migrations (default 1000000) with every workload page verified
#         after every carve, then SOAK_CARVES random carves (default 10000)
#         checked against what was feasible
#   tsan  build/host-tsan/contig under ThreadSanitizer: the same, with
#         SOAK_TSAN_MIGRATIONS and SOAK_TSAN_CARVES (default: the same
#         sizes); TSan runs the kernel about six times slower than ASan,
#         so this boot takes most of the time (Documentation/figures.rst)
# SOAK_SANS (default "asan tsan") picks the boots, SOAK_SEED (default 1)
# seeds them. Each boot keeps its console output in
# build/host-<san>/soak.log; the script prints its RESULT line with the
# variant and the wall time added, and exits with the first failing
# status (1 without a RESULT line or KTAP "ok").
set -u

cd "$(dirname "$0")/.." || exit 1
REGIONS="cma=soak0=16M;soak1=16M;soak2=16M;soak3=16M"
SEED=${SOAK_SEED:-1}
SAN_ENV="ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 TSAN_OPTIONS=halt_on_error=1:exitcode=66"

result=0
# soak_one SAN MIGRATIONS CARVES [WRAPPER...]
soak_one() {
	san=$1 migrations=$2 carves=$3
	shift 3
	bin=build/host-$san/contig
	log=build/host-$san/soak.log
	if [ ! -x "$bin" ]; then
		echo "soak: $bin is missing: run make ARCH=host SAN=$san" >&2
		[ $result -eq 0 ] && result=1
		return
	fi
	t0=$(date +%s)
	env $SAN_ENV "$@" "$bin" --cpus 4 \
		--append "$REGIONS soak=$migrations,$carves,$SEED ktest=soak" \
		</dev/null >"$log" 2>&1
	status=$?
	t1=$(date +%s)
	line=$(grep '^RESULT soak_' "$log")
	if [ -z "$line" ] || ! grep -q '^ok 1 soak' "$log"; then
		echo "soak: $san: no RESULT line or the suite failed (status $status); see $log" >&2
		grep -E 'not ok|expected|ERROR|WARNING: ThreadSanitizer|runtime error' "$log" | head -20 >&2
		[ $status -eq 0 ] && status=1
	else
		echo "$line san=$san wall_s=$((t1 - t0))"
	fi
	[ $result -eq 0 ] && result=$status
}

MIGRATIONS=${SOAK_MIGRATIONS:-1000000}
CARVES=${SOAK_CARVES:-10000}
for san in ${SOAK_SANS:-asan tsan}; do
	case $san in
	asan) soak_one asan "$MIGRATIONS" "$CARVES" ;;
	tsan)
		# TSan wants a fixed address space layout (as check.py does).
		wrap=""
		command -v setarch >/dev/null 2>&1 && wrap="setarch $(uname -m) -R"
		soak_one tsan "${SOAK_TSAN_MIGRATIONS:-$MIGRATIONS}" \
			"${SOAK_TSAN_CARVES:-$CARVES}" $wrap
		;;
	*)
		echo "soak: unknown SOAK_SANS entry '$san' (use asan and/or tsan)" >&2
		exit 2
		;;
	esac
done
exit $result

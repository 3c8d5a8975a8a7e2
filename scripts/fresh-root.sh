#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# fresh-root.sh [COMMIT] - the first-contact test: a new user's Debian 12
# machine, built fresh, runs the README's commands as its very first ones.
#
# As root, from a contig clone (.ci/run runs it after make check):
#   1. debootstrap: a new Debian 12 (bookworm) root, --variant=minbase plus
#      make, gcc, git and ca-certificates only, from the Debian mirror this
#      machine's apt uses (CONTIG_MIRROR overrides it); apt in the root
#      gets bookworm, bookworm-updates and bookworm-security from there;
#   2. clone: COMMIT (default HEAD; uncommitted changes are not part of
#      it) cloned into /root/contig in the root;
#   then in the root, as root (chroot; /proc, /sys, /dev, /dev/pts and
#   /dev/shm mounted in a private mount namespace, so they are gone when
#   the step ends, however it ends):
#   3. make run        with "cma list" and "poweroff" piped in: the
#                      region table and "power off, status 0" must show,
#                      and make must exit 0;
#   4. make run-uboot  the same, through U-Boot on QEMU virt;
#   5. make bench-qemu a RESULT line and exit 0 (CONTIG_FRESH_BENCH_ENV,
#                      "NAME=VALUE ...", is put in its environment: a way
#                      to keep a long benchmark bounded);
#   6. make check      exit 0 and "N passed, 0 failed".
# Each step prints its status and wall time; the first failure stops the
# run (the rest are counted as skipped) and prints the end of its log.
# Logs: build/fresh-root/<step>.log. The last line is
# "fresh-root: N passed, N failed[, N skipped]".
#
# The root is new every run (under CONTIG_FRESH_TMP, default /var/tmp) and
# removed at the end (CONTIG_FRESH_KEEP=1 keeps it). Downloaded packages
# are kept between runs in CONTIG_FRESH_CACHE (/var/cache/contig-fresh-root):
# debootstrap's and the root's apt archives; a second run waits for the
# first to finish with it. Mirror access is retried; a
# mirror that cannot be reached at all gives "skipped: mirror unreachable"
# (every step skipped, exit status 77), never a pass. debootstrap comes
# from scripts/install-deps.sh fresh-root when missing.
# CONTIG_FRESH_STEP_TIMEOUT (default 3600 s) kills a step that hangs: a
# guard against a session waiting forever, not a speed target.
# Exit status: 0 when every step passed, 77 when skipped, else 1.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cache=${CONTIG_FRESH_CACHE:-/var/cache/contig-fresh-root}
tmpbase=${CONTIG_FRESH_TMP:-/var/tmp}
step_timeout=${CONTIG_FRESH_STEP_TIMEOUT:-3600}
bench_env=${CONTIG_FRESH_BENCH_ENV:-}
logdir=$top/build/fresh-root
suite=bookworm
STEPS=(debootstrap clone make-run make-run-uboot make-bench-qemu make-check)

case "${1:-}" in
-h | --help)
	sed -n '4,/^[^#]/s/^# \{0,1\}//p' "$0"
	exit 0
	;;
esac
rev=${1:-HEAD}

passed=0
failed=0
skipped=0
done_steps=0

summary() {
	local line="fresh-root: $passed passed, $failed failed"
	[ $skipped -eq 0 ] || line+=", $skipped skipped"
	echo "$line"
}

# finish STATUS: the steps not run are skipped; print the summary and exit.
finish() {
	skipped=$((skipped + ${#STEPS[@]} - done_steps))
	summary
	exit "$1"
}

if [ "$(id -u)" -ne 0 ]; then
	echo "fresh-root: needs root (debootstrap, chroot, mounts); run it as root" >&2
	failed=1
	done_steps=1
	finish 1
fi

if ! sha=$(git -C "$top" rev-parse --verify "$rev^{commit}" 2>/dev/null); then
	echo "fresh-root: $rev is not a commit of $top" >&2
	failed=1
	done_steps=1
	finish 1
fi
if [ -n "$(git -C "$top" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	echo "fresh-root: note: the work tree has uncommitted changes; testing commit $sha only"
fi

# The Debian mirror apt uses here: the first deb.debian.org-style URI of
# the main archive in /etc/apt (one-line or deb822 format).
detect_mirror() {
	local f uri
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		/etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		uri=$(sed -n -e 's/^[[:space:]]*deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\{0,1\}\(http[^[:space:]]*\/debian\/\{0,1\}\)[[:space:]].*/\2/p' \
			-e 's/^URIs:[[:space:]]*\(http[^[:space:]]*\/debian\/\{0,1\}\)[[:space:]]*$/\1/p' "$f" | head -n 1)
		if [ -n "$uri" ]; then
			echo "${uri%/}"
			return
		fi
	done
	echo http://deb.debian.org/debian
}
mirror=${CONTIG_MIRROR:-$(detect_mirror)}
security=${CONTIG_MIRROR_SECURITY:-${mirror%/debian}/debian-security}

# fetch_url URL: print it (wget, else curl, else python3).
fetch_url() {
	if command -v wget >/dev/null; then
		wget -q -T 30 -O - "$1"
	elif command -v curl >/dev/null; then
		curl -fsS -m 60 "$1"
	else
		/usr/bin/python3 -c 'import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1], timeout=60).read())' "$1"
	fi
}

# mirror_reachable: the suite's Release file can be read (3 tries).
mirror_reachable() {
	local i release
	for i in 1 2 3; do
		# Not piped into grep -q: with pipefail, its early exit would
		# fail the pipeline.
		release=$(fetch_url "$mirror/dists/$suite/Release" 2>/dev/null)
		[[ "$release" == *"Codename: $suite"* ]] && return 0
		[ $i -eq 3 ] || sleep $((i * 10))
	done
	return 1
}

echo "fresh-root: commit $sha, mirror $mirror"
if ! mirror_reachable; then
	echo "fresh-root: skipped: mirror unreachable ($mirror)"
	finish 77
fi
if ! command -v debootstrap >/dev/null && ! PATH=$PATH:/usr/sbin:/sbin command -v debootstrap >/dev/null; then
	bash "$top/scripts/install-deps.sh" fresh-root </dev/null || {
		echo "fresh-root: cannot install debootstrap (scripts/install-deps.sh fresh-root)" >&2
		failed=1
		done_steps=1
		finish 1
	}
fi
export PATH=$PATH:/usr/sbin:/sbin

mkdir -p "$cache/debootstrap" "$cache/apt-archives/partial" "$logdir" || finish 1
# One run at a time uses the cache: apt in two roots would fight over its
# lock (and the second install fail).
exec 9>"$cache/lock"
if ! flock -n 9; then
	echo "fresh-root: waiting for another fresh-root run to finish with $cache"
	flock 9
fi
rm -f "$logdir"/*.log
work=$(mktemp -d "$tmpbase/contig-fresh-root.XXXXXX") || finish 1
root=$work/root
cleanup() {
	if [ "${CONTIG_FRESH_KEEP:-0}" = 1 ]; then
		echo "fresh-root: kept the root in $root"
	else
		# The mounts lived in the steps' private namespaces: nothing of
		# the host is under the root any more (--one-file-system all the
		# same).
		rm -rf --one-file-system "$work"
	fi
}
trap cleanup EXIT
# Each step runs as a job of its own process group (set -m), so that a
# signal to this script ends the whole step too (QEMU included) before
# the root is removed.
set -m
child=0
on_signal() {
	[ "$child" -eq 0 ] || kill -TERM -- "-$child" 2>/dev/null
	exit 130
}
trap on_signal INT TERM HUP

# in_root COMMAND: run the shell command in the root as root, in its own
# mount namespace holding the root's /proc, /sys, /dev (with /dev/pts and
# a fresh /dev/shm) and the package cache; they go away with it.
in_root() {
	unshare --mount --propagation private -- /bin/bash -euc '
		root=$1 cache=$2 cmd=$3
		mount -t proc proc "$root/proc"
		mount -t sysfs sysfs "$root/sys"
		mount --rbind /dev "$root/dev"
		mount -t tmpfs -o mode=1777 shm "$root/dev/shm"
		mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives"
		exec chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			/bin/bash -c "$cmd"
	' in_root "$root" "$cache" "$1"
}

# step NAME CHECK COMMAND...: run COMMAND with its output in NAME's log,
# then CHECK LOG STATUS (a function) judges it; print the verdict and the
# wall time, and stop at the first failure.
step() {
	local name=$1 check=$2 log=$logdir/$1.log t0 status verdict
	shift 2
	echo "fresh-root: $name: started"
	t0=$(date +%s)
	"$@" >"$log" 2>&1 </dev/null &
	child=$!
	wait "$child"
	status=$?
	child=0
	verdict=$($check "$log" "$status")
	done_steps=$((done_steps + 1))
	if [ -z "$verdict" ]; then
		passed=$((passed + 1))
		echo "fresh-root: $name: ok ($(($(date +%s) - t0)) s)"
		return
	fi
	failed=$((failed + 1))
	echo "fresh-root: $name: FAILED ($(($(date +%s) - t0)) s): $verdict"
	echo "fresh-root: the end of ${log#"$top"/}:"
	tail -n 40 "$log" | sed 's/^/  | /'
	finish 1
}

exit_ok() { # LOG STATUS
	[ "$2" -eq 0 ] || echo "exited with status $2"
}

do_debootstrap() {
	local i
	for i in 1 2 3; do
		rm -rf --one-file-system "$root"
		# Its own mount namespace too: debootstrap mounts /proc and
		# /sys in the target while it installs.
		unshare --mount --propagation private -- debootstrap --variant=minbase \
			--include=make,gcc,git,ca-certificates \
			--cache-dir="$cache/debootstrap" "$suite" "$root" "$mirror" && return 0
		echo "fresh-root: debootstrap failed (try $i of 3)"
		[ $i -eq 3 ] || sleep $((i * 20))
	done
	return 1
}

write_sources() {
	cat >"$root/etc/apt/sources.list" <<-EOF
	deb $mirror $suite main
	deb $mirror $suite-updates main
	deb $security $suite-security main
	EOF
	# apt keeps what it downloads (the cache outside the root); no
	# recommends, as install-deps.sh asks anyway.
	echo 'APT::Keep-Downloaded-Packages "true";' >"$root/etc/apt/apt.conf.d/90contig-fresh-root"
}

do_clone() {
	write_sources || return 1
	git -c safe.directory='*' clone -q --no-checkout "$top" "$root/root/contig" || return 1
	if ! git -C "$root/root/contig" cat-file -e "$sha^{commit}" 2>/dev/null; then
		git -c safe.directory='*' -C "$root/root/contig" fetch -q "$top" "$sha" || return 1
	fi
	git -C "$root/root/contig" checkout -q --detach "$sha" &&
		git -C "$root/root/contig" log -1 --format='cloned %H %s'
}

# A scripted shell session: the region table ("cma list") and the
# power-off line (the shell's poweroff) must be in the output.
session_ok() { # LOG STATUS
	if [ "$2" -ne 0 ]; then
		echo "exited with status $2"
	elif ! grep -q '^(counts in pages; largest = largest free run)' "$1"; then
		echo "no region table: the piped 'cma list' did not reach contig's shell"
	elif ! grep -q '^contig: power off, status 0' "$1"; then
		echo "no 'contig: power off, status 0': the piped 'poweroff' did not end the session"
	fi
}

bench_ok() { # LOG STATUS
	if [ "$2" -ne 0 ]; then
		echo "exited with status $2"
	elif ! grep -q '^RESULT' "$1"; then
		echo "no RESULT line"
	fi
}

check_ok() { # LOG STATUS
	local last
	last=$(tail -n 1 "$1")
	if [ "$2" -ne 0 ]; then
		echo "exited with status $2 ($last)"
	elif ! [[ "$last" =~ ^[0-9]+\ passed,\ 0\ failed ]]; then
		echo "the last line is not 'N passed, 0 failed': $last"
	fi
}

session="printf 'cma list\\npoweroff\\n'"
guard="timeout -k 10 $step_timeout"
step debootstrap exit_ok do_debootstrap
step clone exit_ok do_clone
step make-run session_ok in_root "cd /root/contig && $session | $guard make run"
step make-run-uboot session_ok in_root "cd /root/contig && $session | $guard make run-uboot"
step make-bench-qemu bench_ok in_root "cd /root/contig && env $bench_env $guard make bench-qemu"
step make-check check_ok in_root "cd /root/contig && $guard make check"
finish 0

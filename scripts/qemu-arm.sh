#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# qemu-arm.sh - boot the ARM image on QEMU's vexpress-a9 board.
#
#   scripts/qemu-arm.sh [--debug] [--gui] [--dtb FILE] [--append "CMDLINE"]
#                       [--timeout S] [--kernel IMAGE] [--mem SIZE]
#                       [--qmp SOCKET]
#                       [--frames FILE [--frames-ioerr SECTOR]] [--virtio-legacy]
#
#   --debug      start QEMU halted with a gdb server on localhost:1234 (-s -S)
#                and print the gdb command that attaches to it
#   --gui        show the CLCD (PL111 at 0x10020000, QEMU's console 0) in a
#                window, serial console still on stdio (default: -nographic,
#                no window; the display is still emulated and screendump
#                works)
#   --dtb FILE   board DTB (default build/dtb/vexpress-a9.dtb)
#   --append S   kernel command line (QEMU writes it to /chosen/bootargs)
#   --timeout S  kill QEMU after S seconds (exit status 124)
#   --kernel F   image to boot (default build/arm/Image)
#   --mem SIZE   RAM (default 512M, as the board DTB says)
#   --qmp SOCKET serve QMP on the unix socket SOCKET (scripts/check.py takes
#                screendumps through it: {"execute": "screendump", ...})
#   --frames F   the capture device: a read-only virtio-blk-device backed by
#                F (scripts/mkframes.py), which QEMU plugs into its last
#                virtio-mmio transport, virtio_mmio@10013600; the command
#                line gets cma_map=virtio_mmio*=camera unless it has a
#                cma_map= already
#   --frames-ioerr N  reads covering sector N of F fail (QEMU's blkdebug)
#   --virtio-legacy   keep QEMU 7.2's default legacy virtio-mmio (version 1),
#                which the kernel refuses (for tests of that message)
#
# The serial console (PL011 uart0) is on stdio; Ctrl-A X leaves QEMU.
# "semihosting" is always added to the command line, with QEMU's
# -semihosting-config enable=on,target=native, so that the kernel's
# power-off status becomes QEMU's exit status. No network (-nic none).
# The virtio-mmio transports use the virtio 1.x register layout
# (-global virtio-mmio.force-legacy=false; QEMU 7.2 defaults to legacy).
# This is the one place that knows QEMU's command line for the board; the
# Makefile (make run, make debug) and scripts/check.py call it.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
kernel=$top/build/arm/Image
elf=$top/build/arm/contig.elf
dtb=$top/build/dtb/vexpress-a9.dtb
append=""
timeout=""
debug=0
gui=0
mem=512M
qmp=""
frames=""
ioerr=""
legacy=0

usage() {
	sed -n '4,38s/^# \{0,1\}//p' "$0"
}

while [ $# -gt 0 ]; do
	case "$1" in
	--debug) debug=1 ;;
	--gui) gui=1 ;;
	--dtb) dtb=$2; shift ;;
	--append) append=$2; shift ;;
	--timeout) timeout=$2; shift ;;
	--kernel) kernel=$2; shift ;;
	--mem) mem=$2; shift ;;
	--qmp) qmp=$2; shift ;;
	--frames) frames=$2; shift ;;
	--frames-ioerr) ioerr=$2; shift ;;
	--virtio-legacy) legacy=1 ;;
	-h | --help) usage; exit 0 ;;
	*) echo "qemu-arm.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
	esac
	shift
done

for f in "$kernel" "$dtb" ${frames:+"$frames"}; do
	if [ ! -f "$f" ]; then
		echo "qemu-arm.sh: $f is missing: run make ARCH=arm" >&2
		exit 2
	fi
done
if ! command -v qemu-system-arm >/dev/null; then
	echo "qemu-arm.sh: qemu-system-arm is missing: run scripts/install-deps.sh arm" >&2
	exit 2
fi

if [ -n "$ioerr" ] && [ -z "$frames" ]; then
	echo "qemu-arm.sh: --frames-ioerr needs --frames" >&2
	exit 2
fi
if [ -n "$frames" ]; then
	case " $append" in
	*" cma_map="*) ;;
	*) append="cma_map=virtio_mmio*=camera${append:+ $append}" ;;
	esac
fi

cmd=(qemu-system-arm -M vexpress-a9 -cpu cortex-a9 -m "$mem" -smp 1
     -nic none -kernel "$kernel" -dtb "$dtb"
     -append "semihosting${append:+ $append}"
     -semihosting-config enable=on,target=native)
if [ $legacy -eq 0 ]; then
	cmd+=(-global virtio-mmio.force-legacy=false)
fi
if [ -n "$frames" ]; then
	# Read-only: parallel boots share the file without QEMU's write lock.
	image="file.driver=file,file.filename=$frames,file.read-only=on"
	if [ -n "$ioerr" ]; then
		mkdir -p "$top/build"
		conf=$top/build/qemu-blkdebug-$ioerr.conf
		printf '[inject-error]\nevent = "read_aio"\nerrno = "5"\nsector = "%s"\nonce = "off"\n' \
			"$ioerr" >"$conf"
		image="file.driver=blkdebug,file.config=$conf,file.image.driver=file"
		image+=",file.image.filename=$frames,file.image.read-only=on"
	fi
	cmd+=(-blockdev "driver=raw,node-name=cam,read-only=on,$image"
	      -device virtio-blk-device,drive=cam,rerror=report)
fi
if [ $gui -eq 1 ]; then
	# The window shows console 0, the daughterboard CLCD the kernel drives
	# (the motherboard's PL111 at 0x1001f000 is console 1, unused).
	cmd+=(-serial mon:stdio)
else
	cmd+=(-nographic)
fi
if [ -n "$qmp" ]; then
	cmd+=(-qmp "unix:$qmp,server=on,wait=off")
fi
if [ $debug -eq 1 ]; then
	cmd+=(-s -S)
	gdb=gdb-multiarch
	command -v gdb-multiarch >/dev/null || gdb=arm-none-eabi-gdb
	echo "QEMU is waiting for gdb on localhost:1234. In another terminal:"
	echo "  $gdb -q $elf -ex 'target remote localhost:1234'"
	echo "The image runs at its link address once head.S has turned the MMU on;"
	echo "before that, break on the physical entry: b *0x60010000 (vexpress-a9)."
fi

# The board's audio codec (PL041) gets the null backend: no host sound
# device, and no messages about the audio modules Debian's QEMU lacks.
cmd+=(-audiodev none,id=noaudio -global pl041.audiodev=noaudio)

if [ -n "$timeout" ]; then
	exec timeout --foreground -k 5 "$timeout" "${cmd[@]}"
fi
exec "${cmd[@]}"

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# qemu-arm.sh - boot the ARM image on QEMU: vexpress-a9, or virt directly
# or through U-Boot.
#
#   scripts/qemu-arm.sh [--machine vexpress-a9|virt] [--uboot DISK] [--el2]
#                       [--debug] [--gui] [--dtb FILE] [--append "CMDLINE"]
#                       [--timeout S] [--kernel IMAGE] [--mem SIZE]
#                       [--qmp SOCKET] [--smp N] [--icount]
#                       [--frames FILE [--frames-ioerr SECTOR]] [--virtio-legacy]
#
#   --machine M  vexpress-a9 (Cortex-A9, the default) or virt (Cortex-A15,
#                GICv2; QEMU generates the board's DTB)
#   --el2        virt: give the CPU the virtualization extensions (EL2), so
#                the boot loader enters the kernel in HYP mode and PSCI
#                goes through SMC
#   --uboot DISK boot virt through Debian's U-Boot (-bios .../qemu_arm/
#                u-boot.bin) from DISK on virtio-blk (make uboot-disks);
#                the disk holds the image, the boot script and its
#                settings, so --kernel, --dtb and --append are refused, and
#                so is a --machine other than virt. When standard input
#                is a pipe or a file (a scripted session), it is held back
#                until contig's first "contig> " prompt
#                (scripts/console-hold.py), so U-Boot neither stops its
#                autoboot for it nor eats it; from a terminal, a key
#                pressed during U-Boot's 2 s countdown gives U-Boot's
#                prompt
#   --debug      start QEMU halted with a gdb server on localhost:1234 (-s -S)
#                and print the gdb command that attaches to it
#   --gui        show the display in a window (vexpress-a9: the CLCD, PL111
#                at 0x10020000, QEMU's console 0), serial console still on
#                stdio (default: -nographic, no window; the display is
#                still emulated and screendump works). Without a display
#                to open it on (no DISPLAY or WAYLAND_DISPLAY) or without
#                QEMU's GTK module (qemu-system-gui), it says so in one
#                line and serves the display over VNC on 127.0.0.1:5900
#   --dtb FILE   board DTB (default build/dtb/vexpress-a9.dtb; virt: QEMU's)
#   --append S   kernel command line (QEMU writes it to /chosen/bootargs)
#   --timeout S  kill QEMU after S seconds (exit status 124)
#   --kernel F   image to boot (default build/arm/Image)
#   --mem SIZE   RAM (default 512M, as the board DTB and the boot script say)
#   --qmp SOCKET serve QMP on the unix socket SOCKET (scripts/check.py takes
#                screendumps through it: {"execute": "screendump", ...})
#   --smp N      cores (default 4: the four Cortex-A9 of the vexpress-a9 DTB;
#                on virt QEMU lists N in its DTB and PSCI starts them)
#   --icount     count instructions: -icount shift=0,align=off, so one guest
#                instruction is one nanosecond of guest time and the guest's
#                clocks (and every figure a benchmark prints) are
#                deterministic, whatever the host's load (make bench-qemu's
#                coherent benchmark)
#   --frames F   the capture device: a read-only virtio-blk-device backed by
#                F (scripts/mkframes.py), which QEMU plugs into its last
#                virtio-mmio transport (vexpress-a9: virtio_mmio@10013600);
#                without --uboot the command line gets
#                cma_map=virtio_mmio*=camera unless it has a cma_map= already
#   --frames-ioerr N  reads covering sector N of F fail (QEMU's blkdebug)
#   --virtio-legacy   keep QEMU 7.2's default legacy virtio-mmio (version 1),
#                which the kernel refuses (for tests of that message)
#
# The serial console (PL011) is on stdio; Ctrl-A X leaves QEMU. Without
# --uboot, "semihosting" is added to the command line, with QEMU's
# -semihosting-config enable=on,target=native, so that the kernel's
# power-off status becomes QEMU's exit status. With --uboot the kernel
# powers off through PSCI SYSTEM_OFF and QEMU exits with 0 whatever the
# status; the console's "contig: power off, status N" line carries it
# (scripts/check.py reads it). No network (-nic none). The virtio-mmio
# transports use the virtio 1.x register layout (-global
# virtio-mmio.force-legacy=false; QEMU 7.2 defaults to legacy). This is the one
# place that knows QEMU's command line; the Makefile (make run, run-gui,
# run-uboot, debug), scripts/bench.sh (make bench-qemu) and scripts/check.py
# call it.
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
smp=4
frames=""
ioerr=""
legacy=0
icount=0
machine=""
uboot_disk=""
el2=0
dtb_given=0
kernel_given=0
uboot_bios=/usr/lib/u-boot/qemu_arm/u-boot.bin

usage() {
	# The header: line 4 up to the first line that is not a comment.
	sed -n '4,/^[^#]/s/^# \{0,1\}//p' "$0"
}

while [ $# -gt 0 ]; do
	case "$1" in
	--debug) debug=1 ;;
	--gui) gui=1 ;;
	--machine) machine=$2; shift ;;
	--uboot) uboot_disk=$2; shift ;;
	--el2) el2=1 ;;
	--dtb) dtb=$2; dtb_given=1; shift ;;
	--append) append=$2; shift ;;
	--timeout) timeout=$2; shift ;;
	--kernel) kernel=$2; kernel_given=1; shift ;;
	--mem) mem=$2; shift ;;
	--qmp) qmp=$2; shift ;;
	--smp) smp=$2; shift ;;
	--frames) frames=$2; shift ;;
	--frames-ioerr) ioerr=$2; shift ;;
	--virtio-legacy) legacy=1 ;;
	--icount) icount=1 ;;
	-h | --help) usage; exit 0 ;;
	*) echo "qemu-arm.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
	esac
	shift
done

if [ -n "$uboot_disk" ]; then
	if [ -n "$machine" ] && [ "$machine" != virt ]; then
		echo "qemu-arm.sh: --uboot boots the virt board (Debian's qemu_arm U-Boot)," \
		     "not $machine: drop --machine $machine" >&2
		exit 2
	fi
	machine=virt
fi
machine=${machine:-vexpress-a9}
case "$machine" in
vexpress-a9 | virt) ;;
*) echo "qemu-arm.sh: unknown machine '$machine': use vexpress-a9 or virt" >&2; exit 2 ;;
esac
if [ $el2 -eq 1 ] && [ "$machine" != virt ]; then
	echo "qemu-arm.sh: --el2 needs --machine virt (the Cortex-A9 has no EL2)" >&2
	exit 2
fi
if [ -n "$uboot_disk" ]; then
	if [ -n "$append" ] || [ $dtb_given -eq 1 ] || [ $kernel_given -eq 1 ]; then
		echo "qemu-arm.sh: --uboot boots what the disk holds: set the command line" \
		     "in its contig.env (arch/arm/boot/uboot/*.env) and rebuild it with" \
		     "make uboot-disks, not with --append/--dtb/--kernel" >&2
		exit 2
	fi
	need=("$uboot_disk" "$uboot_bios")
elif [ "$machine" = virt ]; then
	need=("$kernel")
	[ $dtb_given -eq 1 ] && need+=("$dtb")
else
	need=("$kernel" "$dtb")
fi
[ -z "$frames" ] || need+=("$frames")
for f in "${need[@]}"; do
	if [ ! -f "$f" ]; then
		case "$f" in
		"$uboot_bios") hint="install u-boot-qemu (scripts/install-deps.sh arm)" ;;
		"$uboot_disk") hint="run make uboot-disks" ;;
		*) hint="run make ARCH=arm" ;;
		esac
		echo "qemu-arm.sh: $f is missing: $hint" >&2
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
if [ -n "$frames" ] && [ -z "$uboot_disk" ]; then
	case " $append" in
	*" cma_map="*) ;;
	*) append="cma_map=virtio_mmio*=camera${append:+ $append}" ;;
	esac
fi

if [ "$machine" = virt ]; then
	# GICv2 (QEMU 7.2's default, spelled out), the generic timer, PSCI
	# through HVC (no EL2/EL3: the CPU runs in Non-secure PL1), or SMC
	# with --el2.
	board=virt,gic-version=2
	[ $el2 -eq 0 ] || board+=,virtualization=on
	cmd=(qemu-system-arm -M "$board" -cpu cortex-a15 -m "$mem" -smp "$smp" -nic none)
else
	cmd=(qemu-system-arm -M vexpress-a9 -cpu cortex-a9 -m "$mem" -smp "$smp" -nic none)
fi
if [ -n "$uboot_disk" ]; then
	cmd+=(-bios "$uboot_bios"
	      -drive "if=none,format=raw,file=$uboot_disk,id=contigdisk"
	      -device virtio-blk-device,drive=contigdisk)
	entry="0x40400000 (U-Boot's kernel_addr_r)"
else
	cmd+=(-kernel "$kernel")
	if [ "$machine" = vexpress-a9 ] || [ $dtb_given -eq 1 ]; then
		cmd+=(-dtb "$dtb")
	fi
	cmd+=(-append "semihosting${append:+ $append}"
	      -semihosting-config enable=on,target=native)
	if [ "$machine" = virt ]; then
		entry="0x40010000 (virt)"
	else
		entry="0x60010000 (vexpress-a9)"
	fi
fi
if [ $legacy -eq 0 ]; then
	cmd+=(-global virtio-mmio.force-legacy=false)
fi
if [ $icount -eq 1 ]; then
	cmd+=(-icount shift=0,align=off)
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
	vnc="the board's display is on VNC at 127.0.0.1:5900 instead (vncviewer 127.0.0.1:5900; from another machine, ssh -L 5900:127.0.0.1:5900 first)"
	if ! qemu-system-arm -display help 2>/dev/null | grep -qx gtk; then
		echo "qemu-arm.sh: QEMU's window needs qemu-system-gui (scripts/install-deps.sh gui); $vnc"
		cmd+=(-display vnc=127.0.0.1:0)
	elif [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
		echo "qemu-arm.sh: no display to open QEMU's window on (DISPLAY and WAYLAND_DISPLAY are unset); $vnc"
		cmd+=(-display vnc=127.0.0.1:0)
	else
		cmd+=(-display gtk)
	fi
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
	echo "before that, break on the physical entry: b *$entry."
fi

# The board's audio codec (PL041) gets the null backend: no host sound
# device, and no messages about the audio modules Debian's QEMU lacks.
cmd+=(-audiodev none,id=noaudio -global pl041.audiodev=noaudio)

if [ -n "$timeout" ]; then
	cmd=(timeout --foreground -k 5 "$timeout" "${cmd[@]}")
fi
# A scripted session through U-Boot: the input waits for contig's prompt.
if [ -n "$uboot_disk" ] && { [ -p /dev/stdin ] || [ -f /dev/stdin ]; }; then
	exec /usr/bin/python3 "$top/scripts/console-hold.py" "contig> " -- "${cmd[@]}"
fi
exec "${cmd[@]}"

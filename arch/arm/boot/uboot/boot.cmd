# SPDX-License-Identifier: GPL-2.0-only
#
# U-Boot boot script for contig on QEMU's virt board, with Debian's
# qemu_arm U-Boot (2023.01). The Makefile compiles it (mkimage -T script)
# into boot.scr on the FAT partition of a disk, next to the contig image
# ("Image", a copy of build/arm/Image) and a settings file ("contig.env");
# U-Boot's distro boot finds boot.scr on the virtio disk and runs it with
# devtype, devnum and distro_bootpart set (scripts/mkdisk-uboot.sh builds
# the disk). Documentation/admin-guide/boot.rst explains it.
#
# Steps; each fdt command's result is checked and every step prints a
# "contig-boot:" line saying what it did or, with "ERROR", what failed
# and what to change. A failed step is skipped and the boot goes on with
# what there is; contig then reports whatever it does not accept itself.
#   1. defaults for the settings below; contig.env overrides them;
#   2. the device tree: the one QEMU passed (fdt_addr) unless contig_dtb
#      names another, or the file contig_fdtfile loaded there; if there is
#      no DTB there, a copy of U-Boot's own (fdtcontroladdr) at
#      ramdisk_addr_r; "fdt resize" makes room;
#   3. /reserved-memory: created (2 address and 2 size cells, like the
#      root, and an empty ranges), or the board's own when it has one
#      (with 2 and 2 cells; "fdt mknode" then reports FDT_ERR_EXISTS);
#   4. the regions, each a reusable shared-dma-pool (a CMA area):
#        linux,cma  the default area, dynamic: size only
#        video      static: reg = <base size>
#        camera     dynamic inside a window: size, alignment, alloc-ranges
#      a region whose node cannot be completed is removed again;
#   5. bootargs: cma=, cma_map= and contig_args;
#   6. load the image (contig_image) and bootz it with the device tree;
#      should that fail, run contig_fail_cmd.
#
# Settings (contig.env holds "name=value" lines, # starts a comment;
# sizes and addresses are hex; an empty size leaves that region out):
#   contig_args            rest of the command line        (demo)
#   contig_cma             cma= value ("" for none)        (scratch=16M)
#   contig_cma_map         cma_map= rules
#   contig_dtb             device tree address             (${fdt_addr})
#   contig_fdtfile         a DTB file on the partition to load there
#                          first ("": the one the boot loader passed)
#   contig_default_size    linux,cma size                  (0x4000000)
#   contig_video_base      video base                      (0x58000000)
#   contig_video_size      video size                      (0x4000000)
#   contig_camera_size     camera size                     (0x2000000)
#   contig_camera_align    camera alignment                (0x400000)
#   contig_camera_window   camera alloc-ranges, 2+2 cells
#                          (0x0 0x50000000 0x0 0x8000000)
#   contig_image           file name of the contig image   (Image)
#   contig_fail_cmd        run when contig cannot be started ("": go
#                          on with U-Boot's next boot target; make check's
#                          disks say "poweroff", to end QEMU at once)
# U-Boot's hush: quote '#' in commands (an unquoted # starts a comment),
# and never put an apostrophe inside a double-quoted string (a syntax
# error that stops the whole script).

echo "contig-boot: boot script on ${devtype} ${devnum}:${distro_bootpart}"

# ---- 1. settings ------------------------------------------------------------
setenv contig_args "demo"
setenv contig_cma "scratch=16M"
setenv contig_cma_map "video*=video;cam*=camera;*=linux,cma"
setenv contig_dtb ${fdt_addr}
setenv contig_fdtfile
setenv contig_default_size 0x4000000
setenv contig_video_base 0x58000000
setenv contig_video_size 0x4000000
setenv contig_camera_size 0x2000000
setenv contig_camera_align 0x400000
setenv contig_camera_window "0x0 0x50000000 0x0 0x8000000"
setenv contig_image Image
setenv contig_fail_cmd
if load ${devtype} ${devnum}:${distro_bootpart} ${ramdisk_addr_r} contig.env; then
	if env import -t ${ramdisk_addr_r} ${filesize}; then
		echo "contig-boot: settings from contig.env"
	else
		echo "contig-boot: ERROR: contig.env is not a list of name=value lines; using the defaults"
	fi
else
	echo "contig-boot: no contig.env on ${devtype} ${devnum}:${distro_bootpart}; using the defaults"
fi

# ---- 2. the device tree -----------------------------------------------------
setenv contig_fdt_ok 0
if test -n "${contig_fdtfile}"; then
	if load ${devtype} ${devnum}:${distro_bootpart} ${contig_dtb} ${contig_fdtfile}; then
		echo "contig-boot: device tree ${contig_fdtfile} loaded to ${contig_dtb}"
	else
		echo "contig-boot: ERROR: cannot load ${contig_fdtfile} from ${devtype} ${devnum}:${distro_bootpart}: fix contig_fdtfile; using the device tree at ${contig_dtb}"
	fi
fi
if fdt addr ${contig_dtb}; then
	setenv contig_fdt_ok 1
else
	echo "contig-boot: ERROR: no device tree at ${contig_dtb}: fix contig_dtb (or fdt_addr); using a copy of the device tree of U-Boot (fdtcontroladdr)"
	setenv contig_dtb ${ramdisk_addr_r}
	if fdt addr ${fdtcontroladdr} && fdt move ${fdtcontroladdr} ${contig_dtb}; then
		setenv contig_fdt_ok 1
		echo "contig-boot: device tree copied from ${fdtcontroladdr} to ${contig_dtb}"
	else
		echo "contig-boot: ERROR: cannot copy the device tree of U-Boot either; contig cannot boot without one"
	fi
fi
if test ${contig_fdt_ok} = 1; then
	if fdt resize 0x2000; then
		echo "contig-boot: device tree at ${contig_dtb}"
	else
		echo "contig-boot: ERROR: fdt resize failed: the device tree at ${contig_dtb} has no room for regions; booting without them"
		setenv contig_fdt_ok 0
	fi
fi

# ---- 3. /reserved-memory ------------------------------------------------------
setenv contig_rmem_ok 0
if test ${contig_fdt_ok} = 1; then
	if fdt mknode / reserved-memory; then
		if fdt set /reserved-memory '#address-cells' <2> &&
		   fdt set /reserved-memory '#size-cells' <2> &&
		   fdt set /reserved-memory ranges; then
			setenv contig_rmem_ok 1
		else
			echo "contig-boot: ERROR: cannot complete /reserved-memory (see above); regions not added"
			fdt rm /reserved-memory
		fi
	elif fdt get value contig_ac /reserved-memory '#address-cells' &&
	     fdt get value contig_sc /reserved-memory '#size-cells'; then
		# FDT_ERR_EXISTS above: the board's device tree has one already.
		if test "${contig_ac}" = 0x00000002 -a "${contig_sc}" = 0x00000002; then
			setenv contig_rmem_ok 1
			echo "contig-boot: adding to the /reserved-memory node of the board"
		else
			echo "contig-boot: ERROR: the /reserved-memory node of the board has #address-cells ${contig_ac} and #size-cells ${contig_sc}; this script writes 2 and 2: regions not added"
		fi
	else
		echo "contig-boot: ERROR: cannot create /reserved-memory (see above); regions not added"
	fi
fi

# ---- 4. regions ------------------------------------------------------------------
# contig_made says whether this script created the node, so that a failed
# region removes only its own node, never one the board's tree had.
if test ${contig_rmem_ok} = 1; then
	# linux,cma: the default CMA area, placed by contig (dynamic).
	setenv contig_made 0
	setenv contig_node /reserved-memory/linux,cma
	if test -z "${contig_default_size}"; then
		echo "contig-boot: region linux,cma: contig_default_size is empty: not added"
	elif fdt mknode /reserved-memory linux,cma && setenv contig_made 1 &&
	     fdt set ${contig_node} compatible shared-dma-pool &&
	     fdt set ${contig_node} reusable &&
	     fdt set ${contig_node} linux,cma-default &&
	     fdt set ${contig_node} size <0x0 ${contig_default_size}>; then
		echo "contig-boot: region linux,cma: default area, ${contig_default_size} bytes, placed by contig"
	else
		echo "contig-boot: ERROR: region linux,cma: an fdt command failed (see above): check contig_default_size; region not added"
		if test ${contig_made} = 1; then fdt rm ${contig_node}; fi
	fi

	# video: static, at a fixed base; the unit address is the base.
	setenv contig_made 0
	if test -z "${contig_video_size}"; then
		echo "contig-boot: region video: contig_video_size is empty: not added"
	elif setexpr contig_unit ${contig_video_base} + 0 &&
	     setenv contig_node /reserved-memory/video@${contig_unit} &&
	     fdt mknode /reserved-memory video@${contig_unit} && setenv contig_made 1 &&
	     fdt set ${contig_node} compatible shared-dma-pool &&
	     fdt set ${contig_node} reusable &&
	     fdt set ${contig_node} reg <0x0 ${contig_video_base} 0x0 ${contig_video_size}>; then
		echo "contig-boot: region video: static, ${contig_video_size} bytes at ${contig_video_base}"
	else
		echo "contig-boot: ERROR: region video: an fdt command failed (see above): check contig_video_base and contig_video_size; region not added"
		if test ${contig_made} = 1; then fdt rm ${contig_node}; fi
	fi

	# camera: dynamic, aligned, inside the alloc-ranges window.
	setenv contig_made 0
	setenv contig_node /reserved-memory/camera
	if test -z "${contig_camera_size}"; then
		echo "contig-boot: region camera: contig_camera_size is empty: not added"
	elif fdt mknode /reserved-memory camera && setenv contig_made 1 &&
	     fdt set ${contig_node} compatible shared-dma-pool &&
	     fdt set ${contig_node} reusable &&
	     fdt set ${contig_node} size <0x0 ${contig_camera_size}> &&
	     fdt set ${contig_node} alignment <0x0 ${contig_camera_align}> &&
	     fdt set ${contig_node} alloc-ranges <${contig_camera_window}>; then
		echo "contig-boot: region camera: ${contig_camera_size} bytes aligned to ${contig_camera_align} in <${contig_camera_window}>"
	else
		echo "contig-boot: ERROR: region camera: an fdt command failed (see above): check contig_camera_size, contig_camera_align and contig_camera_window; region not added"
		if test ${contig_made} = 1; then fdt rm ${contig_node}; fi
	fi
fi

# ---- 5. command line --------------------------------------------------------------
setenv bootargs "cma_map=${contig_cma_map} ${contig_args}"
if test -n "${contig_cma}"; then
	setenv bootargs "cma=${contig_cma} ${bootargs}"
fi
echo "contig-boot: bootargs ${bootargs}"

# ---- 6. boot --------------------------------------------------------------------------
if load ${devtype} ${devnum}:${distro_bootpart} ${kernel_addr_r} ${contig_image}; then
	bootz ${kernel_addr_r} - ${contig_dtb}
	echo "contig-boot: ERROR: bootz failed (see above): is ${contig_image} a contig build/arm/Image?"
else
	echo "contig-boot: ERROR: no ${contig_image} on ${devtype} ${devnum}:${distro_bootpart}: copy build/arm/Image there as ${contig_image}, or fix contig_image"
fi
# Only reached when contig could not be started.
if test -n "${contig_fail_cmd}"; then
	echo "contig-boot: running contig_fail_cmd: ${contig_fail_cmd}"
	run contig_fail_cmd
fi

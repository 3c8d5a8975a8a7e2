/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The board DTB the hosted kernel boots with when no --dtb is given. The
 * Makefile passes its path as a string macro:
 *   -DHOST_DEFAULT_DTB=\"build/dtb/vexpress-a9.dtb\"
 */
#ifndef HOST_DEFAULT_DTB
#error "HOST_DEFAULT_DTB must name the default board DTB (set by the Makefile)"
#endif

	.section .rodata.host_dtb, "a"
	.balign 8
	.globl	__host_dtb_start
	.type	__host_dtb_start, @object
__host_dtb_start:
	.incbin	HOST_DEFAULT_DTB
	.globl	__host_dtb_end
__host_dtb_end:
	.size	__host_dtb_start, __host_dtb_end - __host_dtb_start

	.section .note.GNU-stack, "", @progbits

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Whole-page zeroing and copying (include/contig/arch.h: arch_zero_pages(),
 * arch_copy_pages()) with the VFP load/store-multiple instructions: one
 * vstmia/vldmia moves 16 doubleword registers, 128 bytes, where newlib's
 * memset()/memcpy() move a word or two per instruction and Linux's
 * copy_page()/clear_page() eight words (stm/ldm of eight core registers).
 * Each loop moves 256 bytes, so a 4 KiB page is 16 iterations of four
 * instructions (zero) or six (copy).
 *
 * Registers: d0-d7 are caller-saved (the IRQ entry saves them, entry.S);
 * d8-d15 are callee-saved under the hard-float AAPCS, so they are pushed
 * and popped here, and an interrupt handler written in C preserves them.
 * VFP is enabled on every CPU before C code runs (head.S,
 * cpu_vectors_vfp), and the kernel has no threads whose VFP state would
 * need switching. The kernel is built for VFPv3-D16 (Debian's armhf
 * baseline): only d0-d15 exist there, and these routines need nothing
 * more (vldm/vstm are VFP instructions, not NEON).
 *
 * Addresses are page-aligned kernel addresses of Normal memory (vldm/vstm
 * need word alignment only; Device memory is never passed).
 */
	.syntax	unified
	.arm
	.fpu	vfpv3-d16

	.text

/* void arch_zero_pages(void *va, size_t size): size a multiple of 256 (of PAGE_SIZE) */
	.globl	arch_zero_pages
	.type	arch_zero_pages, %function
	.balign	32
arch_zero_pages:
	cmp	r1, #0
	bxeq	lr
	vpush	{d8-d15}
	mov	r2, #0
	vmov	d0, r2, r2
	vmov	d1, r2, r2
	vmov	d2, r2, r2
	vmov	d3, r2, r2
	vmov	d4, r2, r2
	vmov	d5, r2, r2
	vmov	d6, r2, r2
	vmov	d7, r2, r2
	vmov	d8, r2, r2
	vmov	d9, r2, r2
	vmov	d10, r2, r2
	vmov	d11, r2, r2
	vmov	d12, r2, r2
	vmov	d13, r2, r2
	vmov	d14, r2, r2
	vmov	d15, r2, r2
1:	vstmia	r0!, {d0-d15}
	vstmia	r0!, {d0-d15}
	subs	r1, r1, #256
	bhi	1b
	vpop	{d8-d15}
	bx	lr
	.size	arch_zero_pages, . - arch_zero_pages

/* void arch_copy_pages(void *dst, const void *src, size_t size): size a multiple of 256 (of PAGE_SIZE) */
	.globl	arch_copy_pages
	.type	arch_copy_pages, %function
	.balign	32
arch_copy_pages:
	cmp	r2, #0
	bxeq	lr
	vpush	{d8-d15}
1:	vldmia	r1!, {d0-d15}
	vstmia	r0!, {d0-d15}
	vldmia	r1!, {d0-d15}
	vstmia	r0!, {d0-d15}
	subs	r2, r2, #256
	bhi	1b
	vpop	{d8-d15}
	bx	lr
	.size	arch_copy_pages, . - arch_copy_pages

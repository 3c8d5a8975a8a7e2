// SPDX-License-Identifier: GPL-2.0-only
/*
 * Whole-page zeroing and copying (include/contig/arch.h: arch_zero_pages(),
 * arch_copy_pages(), arch_copy_clear_pages()) with the VFP load/store-multiple
 * instructions: one vstmia/vldmia moves 16 doubleword registers, 128 bytes,
 * where newlib's memset()/memcpy() move a word or two per instruction and
 * Linux's copy_page()/clear_page() eight words (stm/ldm of eight core
 * registers). Each loop moves 256 bytes, so a 4 KiB page is 16 iterations
 * of four instructions (zero) or six (copy).
 *
 * Registers: d0-d7 are caller-saved (the IRQ entry saves them, entry.S);
 * d8-d15 are callee-saved under the hard-float AAPCS, so they are pushed
 * and popped here, and an interrupt handler written in C preserves them.
 * VFP is enabled on every CPU before C code runs (head.S,
 * cpu_vectors_vfp), and the kernel has no threads whose VFP state would
 * need switching. The kernel is built for VFPv3-D16 (Debian's armhf
 * baseline): only d0-d15 exist there, and the zero and copy routines need
 * nothing more (vldm/vstm are VFP instructions, not NEON).
 *
 * The fused copy-and-clear (arm_copy_clear_pages_d32(), which
 * arch_copy_clear_pages() in cpu.c calls when MVFR0 reports 32 doubleword
 * registers, VFPv3-D32 or NEON) also uses d16-d31: zeroed once per call,
 * they are stored over each source block right after it was loaded into
 * d0-d15 and stored to the destination, three instructions per 128 bytes
 * instead of the five of a copy then a zero. d16-d31 are caller-saved in
 * the AAPCS, so a call may clobber them; and no other code of the image
 * reads or writes them (C, newlib and libfdt are all built for D16, where
 * they do not exist), so the IRQ entry need not save them: an interrupt
 * taken inside the loop runs handlers that leave d16-d31 as they were,
 * and the loop goes on storing zeroes. What follows: nothing reachable
 * from an interrupt handler (or an exception entry) may use d16-d31 - in
 * particular arch_copy_clear_pages() is never called from one, which it
 * asserts (in_irq(), a few instructions a call) - and any new user of
 * d16-d31 must keep to the same rule or make entry.S save them.
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

/*
 * void arm_copy_clear_pages_d32(void *dst, void *src, size_t size): copy
 * then zero the source, size a multiple of 4096 (PAGE_SIZE); only on a
 * CPU with 32 doubleword registers (cpu.c checks MVFR0). One page per
 * iteration: 32 blocks of vldmia (no writeback) / vstmia dst / vstmia src
 * of zeroes, then the loop's two instructions, 98 instructions a page.
 */
	.fpu	vfpv3
	.balign	32
zero_block:			@ loaded into d16-d31: one instruction, not 16 vmov
	.space	128

	.globl	arm_copy_clear_pages_d32
	.type	arm_copy_clear_pages_d32, %function
arm_copy_clear_pages_d32:
	cmp	r2, #0
	bxeq	lr
	vpush	{d8-d15}
	adr	r3, zero_block
	vldmia	r3, {d16-d31}
1:
	.rept	4096 / 128
	vldmia	r1, {d0-d15}
	vstmia	r0!, {d0-d15}
	vstmia	r1!, {d16-d31}
	.endr
	subs	r2, r2, #4096
	bhi	1b
	vpop	{d8-d15}
	bx	lr
	.size	arm_copy_clear_pages_d32, . - arm_copy_clear_pages_d32

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ARM image's entry: Linux ARM boot protocol, position independent.
 *
 * The boot loader (QEMU -kernel, U-Boot bootz) enters at offset 0 of the
 * raw image in ARM state with r0 = 0, r1 = machine type, r2 = physical
 * address of the DTB, MMU off and D-cache off, in SVC mode or, on a CPU
 * with the virtualization extensions, possibly in HYP mode. The image's first 0x30
 * bytes are a zImage header (magic 0x016f2818 at 0x24, start/end at
 * 0x28/0x2c) so both loaders accept it.
 *
 * Nothing here depends on where RAM is or where the image was loaded: the
 * physical address of _head comes from the PC (adr), and r11 holds
 * phys - virt of the image from then on. With the MMU off we:
 *   1. enter SVC mode with IRQ, FIQ and asynchronous aborts masked (from
 *      HYP through arm_leave_hyp), and invalidate the I-cache, branch
 *      predictor, TLBs and the L1 D-cache;
 *   2. clear BSS (which holds the translation tables and stacks);
 *   3. build the boot tables in swapper_pg_dir: an identity section pair
 *      around _head (for the instructions that turn the MMU on) and the
 *      image, linked at KIMAGE_VADDR, mapped with 4 KiB pages onto wherever
 *      it was loaded (so the load address needs only 4 KiB alignment);
 *   4. turn on the MMU, the caches and branch prediction and jump to the
 *      linked address.
 * Then, virtually: stacks for every exception mode, VBAR, VFP, and
 * arm_start(dtb_phys, pv_delta) in C (arch/arm/setup.c), which never
 * returns.
 */
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/ptrace.h>

#define SVC_STACK_SIZE 0x10000
#define EXC_STACK_SIZE 0x2000

	.syntax unified
	.arm

	.section .head.text, "ax"
	.globl _head
_head:
	.rept 8
	mov	r0, r0
	.endr
	b	stext
	.word	0x016f2818		@ zImage magic
	.word	0			@ start: position independent
	.word	_image_size		@ end: bytes in the file

stext:
	bl	arm_leave_hyp		@ r9 = the mode we were entered in
	cpsid	aif, #MODE_SVC
	mov	r10, r2			@ DTB physical address
	adr	r4, _head		@ where we run (physical)
	ldr	r5, =_head		@ where we are linked
	sub	r11, r4, r5		@ phys = virt + r11

	/* The load address must be 4 KiB aligned; hang otherwise. */
	ubfx	r0, r4, #0, #12
	cmp	r0, #0
	bne	.

	/* MMU and D-cache off (the protocol says they are), no TEX remap. */
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #(SCTLR_M | SCTLR_C | SCTLR_A)
	bic	r0, r0, #(SCTLR_TRE | SCTLR_AFE)
	bic	r0, r0, #SCTLR_TE
	bic	r0, r0, #SCTLR_V
	mcr	p15, 0, r0, c1, c0, 0
	isb
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0	@ ICIALLU
	mcr	p15, 0, r0, c7, c5, 6	@ BPIALL
	mcr	p15, 0, r0, c8, c7, 0	@ TLBIALL
	dsb
	isb
	bl	inval_l1_dcache

	/* Clear BSS (physical addresses). */
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	add	r0, r0, r11
	add	r1, r1, r11
	mov	r2, #0
	mov	r3, #0
1:	cmp	r0, r1
	stmialo	r0!, {r2, r3}
	blo	1b

	/* The mode the boot loader entered us in, for the boot log. */
	ldr	r0, =arm_boot_mode
	add	r0, r0, r11
	str	r9, [r0]

	/* Identity sections around _head, executable normal memory. */
	ldr	r4, =swapper_pg_dir
	add	r4, r4, r11		@ r4 = physical first-level table
	adr	r0, _head
	lsr	r0, r0, #SECTION_SHIFT
	ldr	r1, =PMD_SECT_NORMAL
	orr	r2, r1, r0, lsl #SECTION_SHIFT
	str	r2, [r4, r0, lsl #2]
	add	r0, r0, #1
	cmp	r0, #PTRS_PER_PGD
	addlo	r2, r2, #SECTION_SIZE
	strlo	r2, [r4, r0, lsl #2]

	/* KIMAGE_VADDR: KIMAGE_MAX_SIZE >> 20 second-level tables. */
	ldr	r5, =kimage_pte
	add	r5, r5, r11		@ r5 = physical second-level tables
	add	r6, r4, #((KIMAGE_VADDR >> SECTION_SHIFT) << 2)
	mov	r7, #(KIMAGE_MAX_SIZE >> SECTION_SHIFT)
	orr	r8, r5, #PMD_TYPE_TABLE
2:	str	r8, [r6], #4
	add	r8, r8, #1024
	subs	r7, r7, #1
	bne	2b

	/* One small page per 4 KiB of [_head, _end). */
	adr	r0, _head
	ldr	r1, =_end
	ldr	r2, =_head
	sub	r1, r1, r2
	ldr	r3, =PTE_NORMAL
	orr	r3, r3, r0
	mov	r6, r5
3:	str	r3, [r6], #4
	add	r3, r3, #0x1000
	subs	r1, r1, #0x1000
	bhi	3b

	/* TTBR0 only (TTBCR.N = 0), every domain a client. */
	orr	r0, r4, #TTBR_FLAGS
	mcr	p15, 0, r0, c2, c0, 0
	mov	r0, #0
	mcr	p15, 0, r0, c2, c0, 2
	ldr	r0, =0x55555555
	mcr	p15, 0, r0, c3, c0, 0
	dsb
	isb

	ldr	r1, =__mmap_switched
	mrc	p15, 0, r0, c1, c0, 0
	orr	r0, r0, #(SCTLR_M | SCTLR_C)
	orr	r0, r0, #(SCTLR_I | SCTLR_Z)
	mcr	p15, 0, r0, c1, c0, 0
	isb
	bx	r1

/*
 * arm_leave_hyp - leave HYP mode for SVC, when the boot loader entered us
 * in HYP (U-Boot or QEMU's -kernel on a CPU with the virtualization
 * extensions: QEMU virt,virtualization=on, most Cortex-A7/A15 boards).
 * contig is a PL1 kernel with no hypervisor of its own, so before the
 * exception return to SVC it leaves PL1 nothing to trap on:
 *   HCR, HCPTR, HSTR = 0   no traps to HYP (VM, CP10/CP11 and CP15 access)
 *   VPIDR, VMPIDR          what MIDR and MPIDR read at Non-secure PL1
 *   CNTHCTL.PL1PCEN/PCTEN  PL1 may use the physical timer and counter
 *   CNTVOFF = 0            the virtual count is the physical one
 * (the generic timer registers only when ID_PFR1 says it exists).
 * A CPU in any other mode returns at once.
 *
 * Called with the MMU off, lr as the return address; returns in SVC mode
 * with IRQ, FIQ and asynchronous aborts masked. r9 = the mode it was
 * called in (arm_boot_mode); clobbers r0.
 */
	.arch_extension virt
	.globl arm_leave_hyp
arm_leave_hyp:
	mrs	r9, cpsr
	and	r9, r9, #MODE_MASK
	cmp	r9, #MODE_HYP
	bxne	lr
	mov	r0, #0
	mcr	p15, 4, r0, c1, c1, 0	@ HCR
	mcr	p15, 4, r0, c1, c1, 2	@ HCPTR
	mcr	p15, 4, r0, c1, c1, 3	@ HSTR
	mrc	p15, 0, r0, c0, c0, 0	@ MIDR
	mcr	p15, 4, r0, c0, c0, 0	@ VPIDR
	mrc	p15, 0, r0, c0, c0, 5	@ MPIDR
	mcr	p15, 4, r0, c0, c0, 5	@ VMPIDR
	mrc	p15, 0, r0, c0, c1, 1	@ ID_PFR1
	ubfx	r0, r0, #16, #4		@ GenTimer
	cmp	r0, #0
	beq	1f
	mrc	p15, 4, r0, c14, c1, 0	@ CNTHCTL
	orr	r0, r0, #3		@ PL1PCEN | PL1PCTEN
	mcr	p15, 4, r0, c14, c1, 0
	mov	r0, #0
	mcrr	p15, 4, r0, r0, c14	@ CNTVOFF
1:	isb
	mov	r0, #(PSR_A | PSR_I | PSR_F | MODE_SVC)
	msr	spsr_cxsf, r0		@ SPSR_hyp
	msr	elr_hyp, lr
	eret

/*
 * Invalidate the L1 data cache by set/way (its contents are unknown at
 * reset on real hardware). Clobbers r0-r7.
 */
inval_l1_dcache:
	mov	r0, #0
	mcr	p15, 2, r0, c0, c0, 0	@ CSSELR: level 1 data
	isb
	mrc	p15, 1, r0, c0, c0, 0	@ CCSIDR
	and	r1, r0, #7
	add	r1, r1, #4		@ log2(line bytes)
	ldr	r3, =0x3ff
	and	r2, r3, r0, lsr #3	@ ways - 1
	ldr	r3, =0x7fff
	and	r3, r3, r0, lsr #13	@ sets - 1
	clz	r4, r2			@ way field shift
1:	mov	r5, r3
2:	lsl	r6, r2, r4
	orr	r6, r6, r5, lsl r1
	mcr	p15, 0, r6, c7, c6, 2	@ DCISW
	subs	r5, r5, #1
	bge	2b
	subs	r2, r2, #1
	bge	1b
	dsb
	bx	lr
	.ltorg

	.text
__mmap_switched:
	cps	#MODE_IRQ
	ldr	sp, =irq_stack + EXC_STACK_SIZE
	cps	#MODE_ABT
	ldr	sp, =abt_stack + EXC_STACK_SIZE
	cps	#MODE_UND
	ldr	sp, =und_stack + EXC_STACK_SIZE
	cps	#MODE_FIQ
	ldr	sp, =fiq_stack + EXC_STACK_SIZE
	cps	#MODE_SVC
	ldr	sp, =svc_stack + SVC_STACK_SIZE

	ldr	r0, =vectors
	mcr	p15, 0, r0, c12, c0, 0	@ VBAR
	isb

	/* VFP: CP10/CP11 full access, then FPEXC.EN. */
	mrc	p15, 0, r0, c1, c0, 2
	orr	r0, r0, #(0xf << 20)
	mcr	p15, 0, r0, c1, c0, 2
	isb
	mov	r0, #0x40000000
	vmsr	fpexc, r0

	mov	r0, r10
	mov	r1, r11			@ r11 is fp: read it before clearing
	mov	fp, #0			@ ends the frame-pointer chain
	bl	arm_start
	b	.
	.ltorg

/*
 * Stacks. The SVC stack has an unmapped guard page below it (arm_start()
 * removes its mapping), so an overflow is a data abort the handler names.
 */
	.section .bss.stacks, "aw", %nobits
	.balign	4096
	.globl svc_stack_guard, svc_stack, exc_stacks_start, exc_stacks_end
svc_stack_guard:
	.space	4096
svc_stack:
	.space	SVC_STACK_SIZE
exc_stacks_start:
irq_stack:
	.space	EXC_STACK_SIZE
abt_stack:
	.space	EXC_STACK_SIZE
und_stack:
	.space	EXC_STACK_SIZE
fiq_stack:
	.space	EXC_STACK_SIZE
exc_stacks_end:

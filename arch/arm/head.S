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
 *
 * SMP: before the caches go on, a core that is part of an MPCore cluster
 * (MPIDR.MP set, MPIDR.U clear) sets ACTLR.SMP and ACTLR.FW, so its L1
 * takes part in the SCU's coherency and its cache and TLB maintenance is
 * broadcast; TPIDRPRW holds the logical CPU number (arch_cpu_id()), 0 on
 * the boot CPU. Secondary CPUs enter at secondary_startup (physical, MMU
 * off; arch/arm/smp.c releases them): they invalidate their own caches
 * and TLB, wait in a holding pen until arm_pen_release holds their MPIDR,
 * turn the MMU on with the identity-mapped table arm_secondary_data names,
 * switch to swapper_pg_dir and call arm_secondary_start(cpu) on their own
 * stacks (asm/smp.h: one block per CPU, a guard page under every stack).
 */
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/ptrace.h>
#include <asm/smp.h>

/* Offsets in struct arm_secondary_data (arch/arm/internal.h). */
#define SD_TTBR_IDMAP 0
#define SD_TTBR_SWAPPER 4
#define SD_CPU 8
#define SD_STACKS 12

/*
 * Join the cluster's coherency if this core is an MPCore core: ACTLR.SMP
 * (bit 6 on the Cortex-A9, A7 and A15), and on the Cortex-A9 ACTLR.FW,
 * which broadcasts its cache and TLB maintenance. ACTLR is written only
 * when SMP is still clear (Non-secure PL1 may not write it; firmware that
 * runs us there has set it). Clobbers \tmp, \tmp2, \tmp3; D-cache off.
 */
	.macro	join_coherency, tmp, tmp2, tmp3
	mrc	p15, 0, \tmp, c0, c0, 5	@ MPIDR
	and	\tmp, \tmp, #(MPIDR_MP | MPIDR_UP)
	teq	\tmp, #MPIDR_MP
	bne	9f
	mrc	p15, 0, \tmp2, c1, c0, 1	@ ACTLR
	tst	\tmp2, #ACTLR_A9_SMP
	bne	9f
	orr	\tmp2, \tmp2, #ACTLR_A9_SMP
	mrc	p15, 0, \tmp, c0, c0, 0	@ MIDR
	bic	\tmp, \tmp, #0xf		@ revision
	bic	\tmp, \tmp, #0x00f00000	@ variant
	ldr	\tmp3, =MIDR_CORTEX_A9
	teq	\tmp, \tmp3
	orreq	\tmp2, \tmp2, #ACTLR_A9_FW
	mcr	p15, 0, \tmp2, c1, c0, 1
	isb
9:
	.endm

/* The stack of one mode: sp_<mode> = \base + \top. Ends in that mode. */
	.macro	mode_stack, mode, top, base, tmp
	cps	#\mode
	ldr	\tmp, =\top
	add	sp, \base, \tmp
	.endm

/* Stacks of every mode from this CPU's block at \base (virtual); ends in SVC. */
	.macro	set_mode_stacks, base, tmp
	mode_stack MODE_IRQ, CPU_STACK_IRQ_TOP, \base, \tmp
	mode_stack MODE_ABT, CPU_STACK_ABT_TOP, \base, \tmp
	mode_stack MODE_UND, CPU_STACK_UND_TOP, \base, \tmp
	mode_stack MODE_FIQ, CPU_STACK_FIQ_TOP, \base, \tmp
	mode_stack MODE_SVC, CPU_STACK_SVC_TOP, \base, \tmp
	.endm

/*
 * Apply a set/way operation to every line of this CPU's L1 data cache:
 * \crm is c6 for DCISW (invalidate), c14 for DCCISW (clean and
 * invalidate). Clobbers r0-r6.
 */
	.macro	l1_dcache_setway, crm
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
	mcr	p15, 0, r6, c7, \crm, 2
	subs	r5, r5, #1
	bge	2b
	subs	r2, r2, #1
	bge	1b
	.endm

/*
 * Start from a clean slate, as a core entered with the MMU off must: MMU,
 * D-cache, alignment checks, TEX remap, access flag, Thumb exceptions and
 * high vectors off; then the I-cache, branch predictor, TLB and L1 D-cache
 * invalidated (this core's only: ACTLR.FW may not be set yet). Clobbers
 * r0-r6 and lr (inval_l1_dcache).
 */
	.macro	cpu_reset_mmu_off
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
	.endm

/* VBAR, and VFP on (CP10/CP11 full access, FPEXC.EN). Clobbers \tmp. */
	.macro	cpu_vectors_vfp, tmp
	ldr	\tmp, =vectors
	mcr	p15, 0, \tmp, c12, c0, 0	@ VBAR
	isb
	mrc	p15, 0, \tmp, c1, c0, 2
	orr	\tmp, \tmp, #(0xf << 20)
	mcr	p15, 0, \tmp, c1, c0, 2
	isb
	mov	\tmp, #0x40000000
	vmsr	fpexc, \tmp
	.endm

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

	mov	r0, #0
	mcr	p15, 0, r0, c13, c0, 4	@ TPIDRPRW: logical CPU 0
	/* MMU and D-cache off (the protocol says they are), no TEX remap. */
	cpu_reset_mmu_off
	join_coherency r0, r1, r2

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

	orr	r0, r4, #TTBR_FLAGS
	ldr	r1, =__mmap_switched
	b	enable_mmu

/*
 * Turn the MMU on with TTBR0 = r0 (table | walk attributes), TTBCR.N = 0,
 * every domain a client, caches and branch prediction on, and jump to r1
 * (a virtual address both tables map).
 */
enable_mmu:
	mcr	p15, 0, r0, c2, c0, 0
	mov	r0, #0
	mcr	p15, 0, r0, c2, c0, 2
	ldr	r0, =0x55555555
	mcr	p15, 0, r0, c3, c0, 0
	dsb
	isb
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
 * Secondary CPUs, released by arch/arm/smp.c (on vexpress through the
 * system flags register, which the boot loader's stub jumps through).
 * Physical, MMU and caches off, any core: reset our own caches and TLB,
 * wait until arm_pen_release names our MPIDR, join the coherency, and
 * turn the MMU on with the table arm_secondary_data gives.
 */
	.globl	secondary_startup
secondary_startup:
	bl	arm_leave_hyp		@ PSCI CPU_ON may enter in HYP (virt with EL2)
	cpsid	aif, #MODE_SVC
	cpu_reset_mmu_off

	adr	r4, _head
	ldr	r5, =_head
	sub	r11, r4, r5		@ phys = virt + r11

	/* The holding pen: uncached reads until the boot CPU names us. */
	mrc	p15, 0, r6, c0, c0, 5
	bic	r6, r6, #0xff000000	@ MPIDR_HWID_MASK
	ldr	r7, =arm_pen_release
	add	r7, r7, r11
1:	ldr	r8, [r7]
	cmp	r8, r6
	wfene
	bne	1b

	join_coherency r0, r1, r2
	ldr	r7, =arm_secondary_data
	add	r7, r7, r11
	ldr	r0, [r7, #SD_TTBR_IDMAP]
	ldr	r1, =__secondary_switched
	b	enable_mmu

/*
 * Invalidate the L1 data cache by set/way (its contents are unknown at
 * reset on real hardware). Clobbers r0-r6.
 */
inval_l1_dcache:
	l1_dcache_setway c6		@ DCISW
	dsb
	bx	lr
	.ltorg

	.text
__mmap_switched:
	ldr	r0, =arm_cpu_stacks	@ CPU 0's block
	set_mode_stacks r0, r1
	cpu_vectors_vfp r0

	mov	r0, r10
	mov	r1, r11			@ r11 is fp: read it before clearing
	mov	fp, #0			@ ends the frame-pointer chain
	bl	arm_start
	b	.

/* A secondary CPU, now at its link address on the identity table. */
__secondary_switched:
	ldr	r7, =arm_secondary_data
	ldr	r0, [r7, #SD_TTBR_SWAPPER]
	mcr	p15, 0, r0, c2, c0, 0	@ TTBR0: the kernel's table
	isb
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0	@ TLBIALL: drop the identity entries
	mcr	p15, 0, r0, c7, c5, 6	@ BPIALL
	dsb
	isb
	ldr	r0, [r7, #SD_CPU]
	mcr	p15, 0, r0, c13, c0, 4	@ TPIDRPRW: our logical CPU
	ldr	r1, [r7, #SD_STACKS]
	set_mode_stacks r1, r2
	cpu_vectors_vfp r2
	mov	fp, #0
	bl	arm_secondary_start	@ r0 = cpu; never returns
	b	.
	.ltorg

/*
 * void arm_flush_l1_dcache_all(void): clean and invalidate this CPU's L1
 * data cache by set/way (after the SCU is enabled, so that nothing the
 * boot CPU cached before lies outside the SCU's duplicate tags).
 */
	.globl	arm_flush_l1_dcache_all
arm_flush_l1_dcache_all:
	push	{r4-r6}
	l1_dcache_setway c14		@ DCCISW
	dsb
	isb
	pop	{r4-r6}
	bx	lr
	.ltorg

/*
 * Stacks: one block per CPU (asm/smp.h), each stack with a guard page
 * below it that arm_start() unmaps, so an overflow is a data abort the
 * handler names.
 */
	.section .bss.stacks, "aw", %nobits
	.balign	4096
	.globl	arm_cpu_stacks
arm_cpu_stacks:
	.space	CPU_STACKS_SIZE * CONFIG_NR_CPUS

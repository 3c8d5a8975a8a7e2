// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exception vectors (VBAR points here) and entry code.
 *
 * Faults (undefined instruction, SVC, prefetch abort, data abort, FIQ,
 * reset) are fatal: the entry saves a struct pt_regs (asm/ptrace.h) on
 * the exception mode's own stack - r0-r12, the interrupted mode's banked sp
 * and lr, the faulting pc and the cpsr - and calls arm_fault(regs, kind)
 * (arch/arm/traps.c), which reports and powers off. Running on the
 * exception mode's stack means an SVC stack overflow is still reported.
 * The one exception: a data abort on the instruction of arm_probe_read32()
 * or arm_probe_write32() is expected (tests use them to check that a page
 * is unmapped); arm_fault() moves the pc to the probe's fixup, which
 * returns -EFAULT, and returns here to resume.
 *
 * IRQs return: the entry saves lr_irq/spsr_irq on the SVC stack (srsdb),
 * switches to SVC mode, saves the caller-saved core registers and the
 * caller-saved VFP state (d0-d7, FPSCR: C code is hard-float), aligns the
 * stack to 8 bytes and calls handle_arch_irq() (lib/irq.c); rfeia returns.
 * IRQs stay masked in the handler (no nesting).
 */
#include <asm/ptrace.h>

	.syntax unified
	.arm
	.fpu	vfpv3-d16

	.text
	.balign	32
	.globl	vectors
vectors:
	b	vec_reset
	b	vec_undef
	b	vec_svc
	b	vec_pabt
	b	vec_dabt
	b	vec_reset		@ reserved (hypervisor trap)
	b	vec_irq
	b	vec_fiq

/* Save a pt_regs frame on this mode's stack and call arm_fault(). */
	.macro	fault_entry kind, lr_adjust
	sub	lr, lr, #\lr_adjust
	sub	sp, sp, #S_FRAME_SIZE
	stmia	sp, {r0-r12}
	str	lr, [sp, #S_PC]
	mrs	r4, spsr
	str	r4, [sp, #S_PSR]
	/* The interrupted mode's banked sp/lr: visit that mode (usr -> sys). */
	mrs	r5, cpsr
	and	r6, r4, #MODE_MASK
	cmp	r6, #MODE_USR
	moveq	r6, #MODE_SYS
	bic	r7, r5, #MODE_MASK
	orr	r7, r7, r6
	orr	r7, r7, #(PSR_I | PSR_F)
	mov	r0, sp
	msr	cpsr_c, r7
	mov	r1, sp
	mov	r2, lr
	msr	cpsr_c, r5
	str	r1, [r0, #S_SP]
	str	r2, [r0, #S_LR]
	mov	r1, #\kind
	mov	fp, #0
	bl	arm_fault
	/* arm_fault() returns only after a fixup: resume at the new pc. */
	ldr	r0, [sp, #S_PSR]
	msr	spsr_cxsf, r0
	ldr	lr, [sp, #S_PC]
	ldmia	sp, {r0-r12}
	add	sp, sp, #S_FRAME_SIZE
	movs	pc, lr
	.endm

vec_reset:
	fault_entry EXC_RESET, 0
vec_undef:
	fault_entry EXC_UNDEF, 4
vec_svc:
	fault_entry EXC_SVC, 4
vec_pabt:
	fault_entry EXC_PABT, 4
vec_dabt:
	fault_entry EXC_DABT, 8
vec_fiq:
	fault_entry EXC_FIQ, 4

vec_irq:
	sub	lr, lr, #4
	srsdb	sp!, #MODE_SVC		@ lr_irq, spsr_irq onto the SVC stack
	cps	#MODE_SVC
	push	{r0-r3, r12, lr}
	vmrs	r0, fpscr
	sub	sp, sp, #8
	str	r0, [sp]
	vpush	{d0-d7}
	and	r1, sp, #4		@ align the stack to 8 bytes for C
	sub	sp, sp, r1
	push	{r1, r2}
	bl	handle_arch_irq
	pop	{r1, r2}
	add	sp, sp, r1
	vpop	{d0-d7}
	ldr	r0, [sp]
	add	sp, sp, #8
	vmsr	fpscr, r0
	pop	{r0-r3, r12, lr}
	rfeia	sp!

/*
 * int arm_probe_read32(const void *addr, u32 *val)
 * int arm_probe_write32(void *addr, u32 val)
 * One access that may fault: 0 when it worked, -EFAULT (-14) when it took
 * a data abort (arm_fault() redirects to the fixup).
 */
	.globl	arm_probe_read32, arm_probe_write32
	.globl	arm_probe_read_insn, arm_probe_write_insn, arm_probe_fixup
arm_probe_read32:
arm_probe_read_insn:
	ldr	r2, [r0]
	str	r2, [r1]
	mov	r0, #0
	bx	lr
arm_probe_write32:
arm_probe_write_insn:
	str	r1, [r0]
	mov	r0, #0
	bx	lr
arm_probe_fixup:
	mvn	r0, #13			@ -EFAULT
	bx	lr

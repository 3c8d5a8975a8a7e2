/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ARM port's per-CPU stacks and the inter-processor interrupts
 * (arch/arm only; shared by head.S and C).
 *
 * Every CPU owns one block of arm_cpu_stacks[] (BSS, page aligned): a
 * stack for each mode the kernel runs in, each with an unmapped guard page
 * below it, so an overflow of any stack on any CPU is a data abort that
 * names the stack:
 *
 *   +0                        guard | SVC stack (SVC_STACK_SIZE)
 *   CPU_STACK_SVC_TOP         guard | ABT stack (EXC_STACK_SIZE)
 *   CPU_STACK_ABT_TOP         guard | UND stack
 *   CPU_STACK_UND_TOP         guard | IRQ stack
 *   CPU_STACK_IRQ_TOP         guard | FIQ stack
 *   CPU_STACK_FIQ_TOP = CPU_STACKS_SIZE
 *
 * The SVC stack is where the kernel runs (and, through srsdb, where IRQs
 * are handled); the abort stack holds the window-fault path and fault
 * reports; UND and FIQ only fault reports. The IRQ mode stack is never
 * used by the entry code, but a mode without a valid stack is a trap.
 *
 * IPIs are GIC software-generated interrupts (SGIs) 0-2; the ktest suites
 * use 3 and 4 for their own tests.
 */
#ifndef _ASM_ARM_SMP_H
#define _ASM_ARM_SMP_H

#define STACK_GUARD_SIZE 0x1000
#define SVC_STACK_SIZE 0x10000
#define EXC_STACK_SIZE 0x2000

#define CPU_STACK_SVC_TOP (STACK_GUARD_SIZE + SVC_STACK_SIZE)
#define CPU_STACK_ABT_TOP (CPU_STACK_SVC_TOP + STACK_GUARD_SIZE + EXC_STACK_SIZE)
#define CPU_STACK_UND_TOP (CPU_STACK_ABT_TOP + STACK_GUARD_SIZE + EXC_STACK_SIZE)
#define CPU_STACK_IRQ_TOP (CPU_STACK_UND_TOP + STACK_GUARD_SIZE + EXC_STACK_SIZE)
#define CPU_STACK_FIQ_TOP (CPU_STACK_IRQ_TOP + STACK_GUARD_SIZE + EXC_STACK_SIZE)
#define CPU_STACKS_SIZE CPU_STACK_FIQ_TOP

/* IPIs (GIC SGI numbers). */
#define IPI_WAKEUP 0	/* leave wfi: work for arch_smp_run(), or a CPU release */
#define IPI_CALL_FUNC 1	/* run smp_call_function_interrupt() */
#define IPI_STOP 2	/* halt: another CPU panics or powers off */
#define NR_IPI 3

/* MPIDR: multiprocessing extensions present (M) and uniprocessor (U). */
#define MPIDR_MP (1 << 31)
#define MPIDR_UP (1 << 30)
#define MPIDR_HWID_MASK 0xffffff

/* ACTLR (Cortex-A9): SMP (take part in coherency), FW (broadcast
 * cache and TLB maintenance to the other cores). SMP is bit 6 on the
 * Cortex-A7 and A15 too; FW is A9-only. */
#define ACTLR_A9_SMP (1 << 6)
#define ACTLR_A9_FW (1 << 0)

/* MIDR of a Cortex-A9, variant and revision cleared. */
#define MIDR_CORTEX_A9 0x410fc090

#ifndef __ASSEMBLY__
/* IPIs of kind @ipi that CPU @cpu has taken (for tests). */
unsigned long arm_ipi_count(unsigned int cpu, unsigned int ipi);
#endif

#endif /* _ASM_ARM_SMP_H */

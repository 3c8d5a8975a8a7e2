/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ARM port's inline CPU accessors (contig/arch.h): every spin_lock()
 * and spin_unlock() asks for the calling CPU's number, and the spinlock
 * debug checks for its IRQ mask, so they are one instruction each here
 * instead of a call. Included only through <contig/arch.h>.
 */
#ifndef _ASM_ARM_CPU_H
#define _ASM_ARM_CPU_H

#include <contig/types.h>
#include <asm/ptrace.h>

/**
 * arch_cpu_id - the calling CPU
 *
 * Return: its logical number (TPIDRPRW, set by head.S): 0 on the boot CPU.
 * Not volatile: a CPU's number never changes under the code that runs on
 * it (there is no scheduler to move it), so the compiler may reuse a read.
 */
static inline unsigned int arch_cpu_id(void)
{
	u32 cpu;

	if (CONFIG_NR_CPUS == 1)
		return 0;
	__asm__("mrc p15, 0, %0, c13, c0, 4" : "=r"(cpu));
	return cpu;
}
#define arch_cpu_id arch_cpu_id

/**
 * arch_irqs_disabled - are IRQs masked on this CPU?
 *
 * Return: true when the CPSR I bit is set.
 */
static inline bool arch_irqs_disabled(void)
{
	unsigned long cpsr;

	__asm__ __volatile__("mrs %0, cpsr" : "=r"(cpsr) : : "memory");
	return cpsr & PSR_I;
}
#define arch_irqs_disabled arch_irqs_disabled

#endif /* _ASM_ARM_CPU_H */

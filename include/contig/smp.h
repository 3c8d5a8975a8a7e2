/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Running a function on other CPUs (lib/smp.c), Linux's
 * smp_call_function_many() for a kernel without a scheduler.
 *
 * The caller interrupts each target with the port's call-function IPI
 * (arch_send_call_ipi()); the target runs the function in interrupt
 * context, with interrupts masked, and the caller waits until every
 * target has run it. A target the port cannot interrupt (not running, or
 * a port without IPIs such as the host) is left out and reported back, so
 * the caller can do that CPU's work another way (drain_all_pages() drains
 * its lists under their locks).
 *
 * Rules for callers: interrupts enabled, no spinlock held, not in
 * interrupt context (asserted). A CPU that waits with interrupts masked
 * for a lock the caller holds, or for the caller's own IPI, would never
 * answer. The function runs in interrupt context: it may only take locks
 * that are taken with interrupts masked everywhere (contig/spinlock.h).
 */
#ifndef _CONTIG_SMP_H
#define _CONTIG_SMP_H

#include <contig/types.h>

/* A set of CPUs: bit n is CPU n (CONFIG_NR_CPUS <= BITS_PER_LONG). */
typedef unsigned long cpumask_t;

#define cpumask_of(cpu) (1UL << (cpu))
#define for_each_cpu_in(cpu, mask) \
	for ((cpu) = 0; (cpu) < CONFIG_NR_CPUS; (cpu)++) \
		if ((mask) & cpumask_of(cpu))

typedef void (*smp_call_func_t)(void *arg);

/**
 * smp_call_function_many - run @fn(@arg) on every CPU of @mask but the caller
 * @mask: target CPUs; the calling CPU is ignored
 * @fn: runs in interrupt context on each target
 * @arg: its argument
 *
 * Returns once every target that was interrupted has returned from @fn;
 * what @fn wrote is visible to the caller then.
 * Return: the CPUs of @mask (other than the caller) that could not be
 * interrupted and did not run @fn.
 */
cpumask_t smp_call_function_many(cpumask_t mask, smp_call_func_t fn, void *arg);

/* Called by the port's call-function IPI handler, interrupts masked. */
void smp_call_function_interrupt(void);

/* Call-function IPIs this CPU received (for tests and the shell). */
unsigned long smp_call_function_count(unsigned int cpu);

#endif /* _CONTIG_SMP_H */

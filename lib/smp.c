// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cross-CPU function calls (include/contig/smp.h).
 *
 * Design. Every (caller, target) pair owns one call slot: the function,
 * its argument and a "pending" flag. A caller fills the slot for each
 * target, publishes it with a release store of pending = 1 and raises the
 * target's call-function IPI (arch_send_call_ipi()); the target's
 * handler, smp_call_function_interrupt(), scans the slots addressed to it,
 * runs each pending function and clears pending with a release store; the
 * caller waits for that with acquire loads. A caller has at most one call
 * in flight per target (it waits for all of them before returning and
 * never runs in interrupt context), so one slot per pair is enough and
 * needs no lock. The port's IPI delivery orders the slot stores before
 * the interrupt (the GIC's SGI register write is preceded by a dsb).
 *
 * The caller waits with interrupts enabled, so two CPUs calling each
 * other at once both get served. Targets the port cannot interrupt are
 * returned to the caller (the host has no IPIs: it gets every target
 * back).
 */
#define pr_fmt(fmt) "smp: " fmt

#include <contig/arch.h>
#include <contig/irq.h>
#include <contig/kernel.h>
#include <contig/smp.h>
#include <contig/spinlock.h>

_Static_assert(CONFIG_NR_CPUS <= 8 * sizeof(cpumask_t), "cpumask_t is too small");

struct call_slot {
	smp_call_func_t fn;
	void *arg;
	int pending;
} __aligned(32);

/* slots[caller][target] */
static struct call_slot slots[CONFIG_NR_CPUS][CONFIG_NR_CPUS];
static unsigned long calls_received[CONFIG_NR_CPUS];

/**
 * smp_call_function_many - run @fn(@arg) on every CPU of @mask but the caller
 * @mask: target CPUs; the calling CPU is ignored
 * @fn: runs in interrupt context, interrupts masked, on each target
 * @arg: its argument
 *
 * Call with interrupts enabled and no spinlock held (asserted), never
 * from an interrupt handler.
 *
 * Return: the CPUs of @mask, other than the caller, that the port could
 * not interrupt; they did not run @fn.
 */
cpumask_t smp_call_function_many(cpumask_t mask, smp_call_func_t fn, void *arg)
{
	unsigned int self = arch_cpu_id(), cpu;
	cpumask_t sent = 0, missed = 0;

	ASSERT_MSG(!in_irq() && !spin_locks_held(), "cpu %u: in irq %d, %u spinlocks held",
		   self, in_irq(), spin_locks_held());
	mask &= ~cpumask_of(self);
	if (!mask)
		return 0;
	/* Only now: a board without an interrupt controller never unmasks. */
	ASSERT_MSG(!arch_irqs_disabled(), "cpu %u: interrupts masked", self);
	for_each_cpu_in(cpu, mask) {
		struct call_slot *s = &slots[self][cpu];

		ASSERT_MSG(!__atomic_load_n(&s->pending, __ATOMIC_ACQUIRE),
			   "cpu %u: a call to cpu %u is still pending", self, cpu);
		s->fn = fn;
		s->arg = arg;
		__atomic_store_n(&s->pending, 1, __ATOMIC_RELEASE);
		if (arch_send_call_ipi(cpu)) {
			sent |= cpumask_of(cpu);
		} else {
			__atomic_store_n(&s->pending, 0, __ATOMIC_RELAXED);
			missed |= cpumask_of(cpu);
		}
	}
	for_each_cpu_in(cpu, sent) {
		while (__atomic_load_n(&slots[self][cpu].pending, __ATOMIC_ACQUIRE))
			arch_cpu_relax();
	}
	return missed;
}

/**
 * smp_call_function_interrupt - run the calls addressed to this CPU
 *
 * The port's call-function IPI handler calls it, interrupts masked.
 */
void smp_call_function_interrupt(void)
{
	unsigned int self = arch_cpu_id(), caller;

	calls_received[self]++;
	for (caller = 0; caller < CONFIG_NR_CPUS; caller++) {
		struct call_slot *s = &slots[caller][self];

		if (!__atomic_load_n(&s->pending, __ATOMIC_ACQUIRE))
			continue;
		s->fn(s->arg);
		__atomic_store_n(&s->pending, 0, __ATOMIC_RELEASE);
	}
}

/**
 * smp_call_function_count - call-function IPIs CPU @cpu has handled
 * @cpu: a CPU number
 *
 * Return: the count since boot (0 for a bad @cpu).
 */
unsigned long smp_call_function_count(unsigned int cpu)
{
	if (cpu >= CONFIG_NR_CPUS)
		return 0;
	return READ_ONCE(calls_received[cpu]);
}

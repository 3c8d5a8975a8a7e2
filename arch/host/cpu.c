// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host CPUs: each simulated CPU is a POSIX thread. The main thread is CPU 0;
 * arch_smp_run() starts the others for the duration of one call and joins
 * them, so at most CONFIG_NR_CPUS threads ever run kernel code and their CPU
 * ids are unique. A thread's CPU id lives in a thread-local variable.
 *
 * The host may preempt a "CPU" at any time, including while it holds a
 * spinlock, so arch_cpu_relax() yields the host CPU: without that, waiters
 * would burn their whole time slice while the holder cannot run.
 *
 * Interrupts (the mask and the emulated controller) are in irq.c; spin
 * waits are interrupt windows there, so arch_cpu_relax() opens one. No
 * CPU can be interrupted to run a cross-CPU call (arch_send_call_ipi()
 * says so, and callers do the work another way).
 */
#define pr_fmt(fmt) "host: " fmt

#include <contig/arch.h>
#include <contig/kernel.h>
#include <contig/printk.h>

#include "internal.h"
#include "os/host_os.h"

static __thread unsigned int host_cpu;
unsigned int host_nr_cpus = CONFIG_NR_CPUS;
u64 host_boot_ns;

/* Non-zero while an arch_smp_run() is in progress (nesting is a bug). */
static int smp_running;

/**
 * arch_clock_ns - monotonic time since boot
 *
 * Return: nanoseconds since main() started, from CLOCK_MONOTONIC.
 */
u64 arch_clock_ns(void)
{
	return os_monotonic_ns() - host_boot_ns;
}

/**
 * arch_cpu_id - the calling CPU
 *
 * Return: 0 on the main thread, the id arch_smp_run() gave the thread
 * otherwise.
 */
unsigned int arch_cpu_id(void)
{
	return host_cpu;
}

/**
 * arch_nr_cpus - how many CPUs arch_smp_run() can use
 *
 * Return: --cpus N capped at CONFIG_NR_CPUS; CONFIG_NR_CPUS by default.
 */
unsigned int arch_nr_cpus(void)
{
	return host_nr_cpus;
}

static inline void cpu_pause(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
	__asm__ __volatile__("yield" ::: "memory");
#else
	barrier();
#endif
}

/**
 * arch_cpu_relax - pause inside a spin loop
 *
 * Spins briefly with the CPU's pause hint, then gives the host CPU away so
 * a preempted lock holder can run.
 */
void arch_cpu_relax(void)
{
	int i;

	host_irq_window();
	for (i = 0; i < 8; i++)
		cpu_pause();
	os_yield();
}

/**
 * arch_send_call_ipi - interrupt a CPU to run cross-CPU calls
 * @cpu: the target
 *
 * Return: false; host CPUs are threads that cannot be interrupted.
 */
bool arch_send_call_ipi(unsigned int cpu)
{
	return false;
}

struct smp_slot {
	struct os_thread thread;
	unsigned int index;
	unsigned int cpu;
	void (*fn)(unsigned int index, void *arg);
	void *arg;
};

static void *smp_thread(void *data)
{
	struct smp_slot *slot = data;

	host_cpu = slot->cpu;
	host_fault_thread_init(slot->cpu);
	host_irq_thread_init();
	slot->fn(slot->index, slot->arg);
	host_fault_thread_exit();
	return NULL;
}

/**
 * arch_smp_run - run @fn(index, @arg) on @nr CPUs at once and wait for all
 * @nr: how many CPUs; capped at arch_nr_cpus()
 * @fn: the function; index 0 runs on the caller, 1..n-1 on new threads
 * @arg: passed to every call
 *
 * Each new thread gets a CPU id that no running thread has. Calling this
 * from inside @fn (nesting) is not supported and panics.
 *
 * Return: how many CPUs ran @fn.
 */
unsigned int arch_smp_run(unsigned int nr, void (*fn)(unsigned int cpu, void *arg),
			  void *arg)
{
	struct smp_slot slots[CONFIG_NR_CPUS];
	unsigned int self = arch_cpu_id();
	unsigned int i, next_cpu = 0;
	int busy = 0;

	if (nr > arch_nr_cpus())
		nr = arch_nr_cpus();
	if (!nr)
		return 0;

	if (!__atomic_compare_exchange_n(&smp_running, &busy, 1, false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		panic("host: nested arch_smp_run() on cpu %u is not supported\n", self);

	for (i = 1; i < nr; i++) {
		int err;

		if (next_cpu == self)
			next_cpu++;
		slots[i].index = i;
		slots[i].cpu = next_cpu++;
		slots[i].fn = fn;
		slots[i].arg = arg;
		ASSERT_MSG(slots[i].cpu < CONFIG_NR_CPUS, "cpu %u index %u self %u",
			   slots[i].cpu, i, self);
		err = os_thread_start(&slots[i].thread, smp_thread, &slots[i]);
		if (err)
			panic("host: cannot start a thread for cpu %u: %s; "
			      "run with fewer --cpus\n", slots[i].cpu, os_strerror(err));
	}

	fn(0, arg);

	for (i = 1; i < nr; i++) {
		int err = os_thread_join(&slots[i].thread);

		ASSERT_MSG(!err, "joining cpu %u: %d", slots[i].cpu, err);
	}
	__atomic_store_n(&smp_running, 0, __ATOMIC_RELEASE);
	return nr;
}

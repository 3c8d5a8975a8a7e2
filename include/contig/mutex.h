/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Mutexes: locks for process context that are held across long work, such
 * as binding a device (its driver's probe() allocates DMA buffers, which
 * may carve a CMA area, migrate pages and drain every CPU's page lists by
 * IPI). There is no scheduler, so a waiter spins (arch_cpu_relax()), but a
 * mutex differs from a spinlock in what it promises:
 *
 *   - it never masks interrupts and is never taken in an interrupt
 *     handler (asserted), so a waiter keeps taking IPIs, and a holder may
 *     send them and wait for other CPUs: a mutex does not count in
 *     spin_locks_held(), which cross-CPU calls assert is zero;
 *   - the owner is recorded, so a recursive lock is an assertion with the
 *     mutex's name instead of a silent deadlock, and mutex_is_locked_by_me()
 *     lets code that may run under it (a probe() that adds a device) tell.
 *
 * Functions that need a mutex held say so and assert_mutex_locked().
 */
#ifndef _CONTIG_MUTEX_H
#define _CONTIG_MUTEX_H

#include <contig/arch.h>
#include <contig/irq.h>
#include <contig/printk.h>

#define MUTEX_NO_OWNER (-1)

struct mutex {
	int owner; /* CPU that holds it, or MUTEX_NO_OWNER */
	const char *name;
};

#define __MUTEX_INITIALIZER(n) { MUTEX_NO_OWNER, #n }
#define DEFINE_MUTEX(n) struct mutex n = __MUTEX_INITIALIZER(n)

static inline void mutex_init(struct mutex *m, const char *name)
{
	__atomic_store_n(&m->owner, MUTEX_NO_OWNER, __ATOMIC_RELAXED);
	m->name = name;
}

/* True when the calling CPU holds @m. */
static inline bool mutex_is_locked_by_me(const struct mutex *m)
{
	return __atomic_load_n(&m->owner, __ATOMIC_RELAXED) == (int)arch_cpu_id();
}

/**
 * mutex_lock - take @m, waiting (interrupts enabled) while another CPU has it
 * Process context only; never recursively.
 */
static inline void mutex_lock(struct mutex *m)
{
	int me = (int)arch_cpu_id();

	ASSERT_MSG(!in_irq(), "mutex %s taken in an interrupt handler on cpu %d", m->name, me);
	ASSERT_MSG(!mutex_is_locked_by_me(m), "mutex %s taken twice by cpu %d", m->name, me);
	for (;;) {
		int unowned = MUTEX_NO_OWNER;

		if (__atomic_compare_exchange_n(&m->owner, &unowned, me, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return;
		arch_cpu_relax();
	}
}

/* Release @m, which the calling CPU holds (asserted). */
static inline void mutex_unlock(struct mutex *m)
{
	ASSERT_MSG(mutex_is_locked_by_me(m), "mutex %s released by cpu %u, owner %d", m->name,
		   arch_cpu_id(), __atomic_load_n(&m->owner, __ATOMIC_RELAXED));
	__atomic_store_n(&m->owner, MUTEX_NO_OWNER, __ATOMIC_RELEASE);
}

#define assert_mutex_locked(m)                                                   \
	ASSERT_MSG(mutex_is_locked_by_me(m), "mutex %s owner %d, cpu %u", (m)->name, \
		   __atomic_load_n(&(m)->owner, __ATOMIC_RELAXED), arch_cpu_id())

#endif /* _CONTIG_MUTEX_H */

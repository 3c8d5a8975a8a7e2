/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ARM spinlocks for the Cortex-A9 MPCore: test-and-test-and-set on
 * ldrex/strex, waiting in wfe.
 *
 * Lock: ldrex the word; if it is 0, strex 1 (retrying when the exclusive
 * store loses to another core); if it is held, wait in wfe while plain
 * loads still see it held, then try again. Unlock: dmb, store 0, dsb and
 * sev, which wakes every core waiting in wfe (the event register latches
 * a sev that comes between a waiter's load and its wfe, so no wakeup is
 * lost).
 *
 * Ordering: dmb ish after taking the lock (acquire: nothing inside moves
 * before it) and before releasing it (release: everything inside is
 * visible before the next owner gets in). Memory is inner shareable
 * normal memory on SMP (arch/arm/mmu.c), which ldrex/strex and the dmb
 * need to be coherent between the cores.
 *
 * Why not ticket locks (Linux's ARM lock since 3.6): a ticket lock hands
 * the lock to the next CPU in line, and when that CPU is not running - a
 * vCPU the host has descheduled, as with QEMU's four vCPU threads on a
 * 2-core machine - every other CPU waits for it even though the lock is
 * free. Measured with make bench-qemu (Documentation/figures.rst): three
 * CPUs carving three regions took 86 times as long as one region with
 * ticket locks, 5 times with this lock. On dedicated cores tickets are
 * fairer; the carve paths hold their locks briefly, so unfairness has not
 * shown in the stress tests.
 *
 * Included only through <contig/spinlock.h>.
 */
#ifndef _ASM_ARM_SPINLOCK_H
#define _ASM_ARM_SPINLOCK_H

#include <contig/types.h>

typedef struct {
	u32 lock; /* 0 free, 1 held */
} arch_spinlock_t;

#define ARCH_SPIN_LOCK_UNLOCKED { 0 }

static inline void arch_spin_lock_init(arch_spinlock_t *l)
{
	l->lock = 0;
}

/* One exclusive attempt. Return: true when the lock was free and is ours. */
static inline bool arch_spin_try_once(arch_spinlock_t *l, bool *lost)
{
	u32 val, fail = 1;

	__asm__ __volatile__("	ldrex	%0, [%2]\n"
			     "	teq	%0, #0\n"
			     "	strexeq	%1, %3, [%2]"
			     : "=&r"(val), "+&r"(fail)
			     : "r"(&l->lock), "r"(1)
			     : "cc", "memory");
	*lost = !val && fail; /* free, but another core's store came first */
	return !val && !fail;
}

static inline bool arch_spin_trylock(arch_spinlock_t *l)
{
	bool lost;

	do {
		if (arch_spin_try_once(l, &lost)) {
			__asm__ __volatile__("dmb ish" ::: "memory");
			return true;
		}
	} while (lost);
	return false;
}

static inline void arch_spin_lock(arch_spinlock_t *l)
{
	bool lost;

	while (!arch_spin_try_once(l, &lost)) {
		if (lost)
			continue;
		while (*(volatile u32 *)&l->lock)
			__asm__ __volatile__("wfe" ::: "memory");
	}
	__asm__ __volatile__("dmb ish" ::: "memory");
}

static inline void arch_spin_unlock(arch_spinlock_t *l)
{
	__asm__ __volatile__("dmb ish" ::: "memory");
	*(volatile u32 *)&l->lock = 0;
	__asm__ __volatile__("dsb ishst\n\tsev" ::: "memory");
}

#endif /* _ASM_ARM_SPINLOCK_H */

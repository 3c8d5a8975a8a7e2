/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Spinlocks as a test-and-test-and-set byte on the __atomic builtins:
 * acquire on lock, release on unlock; waiters spin with arch_cpu_relax().
 * Included only through <contig/spinlock.h>.
 */
#ifndef _ASM_GENERIC_SPINLOCK_H
#define _ASM_GENERIC_SPINLOCK_H

typedef struct {
	unsigned char locked;
} arch_spinlock_t;

#define ARCH_SPIN_LOCK_UNLOCKED { 0 }

static inline void arch_spin_lock_init(arch_spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELAXED);
}

static inline bool arch_spin_trylock(arch_spinlock_t *l)
{
	return !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void arch_spin_lock(arch_spinlock_t *l)
{
	while (!arch_spin_trylock(l)) {
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			arch_cpu_relax();
	}
}

static inline void arch_spin_unlock(arch_spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

#endif /* _ASM_GENERIC_SPINLOCK_H */

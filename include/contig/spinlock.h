/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Spinlocks. The port provides arch_spinlock_t and arch_spin_{lock,trylock,
 * unlock} in asm/spinlock.h. This layer records the owning CPU so lock
 * contracts can be asserted: a function named foo_locked() starts with
 * assert_spin_locked(&the_lock) and says in its comment which lock it needs.
 *
 * spin_lock_irqsave() also masks local interrupts (a no-op on the host).
 * A lock that an interrupt handler takes must be taken with interrupts
 * masked everywhere else (spin_lock_irqsave(), or inside another such
 * lock): otherwise the handler can interrupt its own CPU while that CPU
 * holds the lock, and spin forever. With CONFIG_DEBUG_SPINLOCK every
 * spin_lock() records whether it ran in interrupt context or with
 * interrupts enabled, and the first lock seen both ways panics with its
 * name (lib/spinlock_debug.c), whichever of the two came first. It also
 * counts the locks each CPU holds (spin_locks_held()), so code that must
 * not hold any - it waits for other CPUs - can assert that.
 */
#ifndef _CONTIG_SPINLOCK_H
#define _CONTIG_SPINLOCK_H

#include <contig/types.h>
#include <contig/printk.h>
#include <contig/arch.h>
#include <contig/irq.h>
#include <asm/spinlock.h>

#define SPIN_NO_OWNER (-1)

typedef struct {
	arch_spinlock_t raw;
	int owner; /* CPU that holds it, or SPIN_NO_OWNER */
	const char *name;
	unsigned char irq_usage; /* SPIN_USED_* seen so far (debug) */
} spinlock_t;

#define SPIN_USED_IN_IRQ 1   /* taken inside an interrupt handler */
#define SPIN_USED_IRQS_ON 2  /* taken with interrupts enabled */

/*
 * The debug hooks take the caller's CPU number (@cpu, arch_cpu_id()),
 * which spin_lock() reads once.
 */
#ifdef CONFIG_DEBUG_SPINLOCK
void spin_debug_irq_usage_slow(spinlock_t *lock, bool in_irq, bool irqs_off);

/*
 * Note how @lock is taken. Inline for the usual case, where there is
 * nothing new to note (interrupts masked outside a handler, or a way the
 * lock was already taken): a load and a test, no call.
 */
static inline void spin_debug_irq_usage(spinlock_t *lock, unsigned int cpu)
{
	bool in_irq = cpu_in_irq(cpu), irqs_off = arch_irqs_disabled();
	unsigned char bit = in_irq ? SPIN_USED_IN_IRQ : irqs_off ? 0 : SPIN_USED_IRQS_ON;

	if (bit && !(__atomic_load_n(&lock->irq_usage, __ATOMIC_RELAXED) & bit))
		spin_debug_irq_usage_slow(lock, in_irq, irqs_off);
}

/* Spinlocks each CPU holds; only its own CPU changes its count. */
extern unsigned int spin_held[CONFIG_NR_CPUS];

/* Count a lock taken (+1) or released (-1) by CPU @cpu, the caller. */
static inline void spin_debug_held(unsigned int cpu, int delta)
{
	__atomic_store_n(&spin_held[cpu], spin_held[cpu] + (unsigned int)delta,
			 __ATOMIC_RELAXED);
}

/* Spinlocks the calling CPU holds now. */
static inline unsigned int spin_locks_held(void)
{
	return __atomic_load_n(&spin_held[arch_cpu_id()], __ATOMIC_RELAXED);
}
#else
static inline void spin_debug_irq_usage(spinlock_t *lock, unsigned int cpu)
{
}

static inline void spin_debug_held(unsigned int cpu, int delta)
{
}

static inline unsigned int spin_locks_held(void)
{
	return 0;
}
#endif
/* Record @in_irq/@irqs_off for @lock; true when it has now been seen both
 * in interrupt context and with interrupts enabled (the deadlock). */
bool spin_irq_usage_record(spinlock_t *lock, bool in_irq, bool irqs_off);

#define __SPIN_LOCK_UNLOCKED(n) { ARCH_SPIN_LOCK_UNLOCKED, SPIN_NO_OWNER, #n, 0 }
#define DEFINE_SPINLOCK(n) spinlock_t n = __SPIN_LOCK_UNLOCKED(n)

static inline void spin_lock_init(spinlock_t *lock, const char *name)
{
	arch_spin_lock_init(&lock->raw);
	lock->owner = SPIN_NO_OWNER;
	lock->name = name;
	lock->irq_usage = 0;
}

static inline void spin_lock(spinlock_t *lock)
{
	unsigned int cpu = arch_cpu_id();

	spin_debug_irq_usage(lock, cpu);
	arch_spin_lock(&lock->raw);
	__atomic_store_n(&lock->owner, (int)cpu, __ATOMIC_RELAXED);
	spin_debug_held(cpu, 1);
}

static inline bool spin_trylock(spinlock_t *lock)
{
	unsigned int cpu;

	if (!arch_spin_trylock(&lock->raw))
		return false;
	cpu = arch_cpu_id();
	__atomic_store_n(&lock->owner, (int)cpu, __ATOMIC_RELAXED);
	spin_debug_held(cpu, 1);
	return true;
}

static inline void spin_unlock(spinlock_t *lock)
{
	if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK))
		spin_debug_held(arch_cpu_id(), -1);
	__atomic_store_n(&lock->owner, SPIN_NO_OWNER, __ATOMIC_RELAXED);
	arch_spin_unlock(&lock->raw);
}

#define spin_lock_irqsave(lock, flags)     \
	do {                               \
		(flags) = arch_irq_save(); \
		spin_lock(lock);           \
	} while (0)

#define spin_unlock_irqrestore(lock, flags) \
	do {                                \
		spin_unlock(lock);          \
		arch_irq_restore(flags);    \
	} while (0)

/* True when the calling CPU holds @lock. */
static inline bool spin_is_locked_by_me(const spinlock_t *lock)
{
	return __atomic_load_n(&lock->owner, __ATOMIC_RELAXED) == (int)arch_cpu_id();
}

#define assert_spin_locked(lock)                                            \
	ASSERT_MSG(spin_is_locked_by_me(lock), "lock %s owner %d, cpu %u",  \
		   (lock)->name, (lock)->owner, arch_cpu_id())

#endif /* _CONTIG_SPINLOCK_H */

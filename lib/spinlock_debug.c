// SPDX-License-Identifier: GPL-2.0-only
/*
 * Spinlock debugging: the interrupt-safety contract of contig/spinlock.h.
 *
 * A lock that an interrupt handler takes (the per-CPU page lists and the
 * zone lock, which the drain IPI takes; the console lock, which messages
 * from handlers take) must be held with interrupts masked everywhere:
 * otherwise an interrupt arriving on the CPU that holds it spins on it
 * forever. Lockdep calls this the irq-safe -> irq-unsafe rule. Each lock
 * keeps two bits, "taken in interrupt context" and "taken with
 * interrupts enabled", set by spin_lock(); the first lock that gets both
 * stops the kernel with its name, even if no interrupt ever hit the
 * window, so the bug shows on the first run that takes both paths.
 *
 * The bits are only ever set (relaxed atomic or), so concurrent lockers
 * agree without a lock of their own.
 *
 * It also counts the spinlocks each CPU holds (a per-CPU counter that
 * only its own CPU changes; an interrupt handler on that CPU always puts
 * it back before returning), so that code which waits for other CPUs
 * (smp_call_function_many(), the window-fault wait) can assert it holds
 * none.
 */
#include <contig/irq.h>
#include <contig/spinlock.h>

/**
 * spin_irq_usage_record - note how @lock is being taken
 * @lock: the lock
 * @in_irq: the caller runs an interrupt handler
 * @irqs_off: interrupts are masked on the caller's CPU
 *
 * Return: true when @lock has now been taken both in interrupt context and
 * with interrupts enabled.
 */
bool spin_irq_usage_record(spinlock_t *lock, bool in_irq, bool irqs_off)
{
	unsigned char bit = in_irq ? SPIN_USED_IN_IRQ : irqs_off ? 0 : SPIN_USED_IRQS_ON;
	unsigned char old;

	if (!bit || (__atomic_load_n(&lock->irq_usage, __ATOMIC_RELAXED) & bit))
		return false;
	old = __atomic_fetch_or(&lock->irq_usage, bit, __ATOMIC_RELAXED);
	return (old | bit) == (SPIN_USED_IN_IRQ | SPIN_USED_IRQS_ON);
}

#ifdef CONFIG_DEBUG_SPINLOCK
/* Counted by spin_debug_held() and read by spin_locks_held() (inline). */
unsigned int spin_held[CONFIG_NR_CPUS];

/**
 * spin_debug_irq_usage_slow - check the interrupt-safety contract of @lock
 * @lock: a lock spin_lock() is about to take
 * @in_irq: the caller runs an interrupt handler
 * @irqs_off: interrupts are masked on the caller's CPU
 *
 * Called by spin_debug_irq_usage() (inline) when @lock is taken a way it
 * has not been noted yet. Panics, naming the lock, once it has been taken
 * both inside an interrupt handler and with interrupts enabled.
 */
void spin_debug_irq_usage_slow(spinlock_t *lock, bool in_irq, bool irqs_off)
{
	if (spin_irq_usage_record(lock, in_irq, irqs_off))
		panic("lock %s is taken in interrupt context and elsewhere with interrupts "
		      "enabled: an interrupt on the CPU that holds it would spin forever; "
		      "take it with spin_lock_irqsave() outside interrupt context", lock->name);
}
#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ARM spinlocks: ticket locks for the Cortex-A9 MPCore.
 *
 * The lock word holds two 16-bit halves: "next" (high), the ticket the
 * next arrival takes, and "owner" (low), the ticket being served. Lock
 * takes a ticket with an ldrex/strex loop that adds 1 << 16, then waits
 * in wfe until owner equals its ticket; unlock increments owner with a
 * plain halfword store and wakes the waiters with dsb + sev. Tickets make
 * the lock fair: under contention CPUs get it in arrival order, so no CPU
 * starves (a test-and-set byte lets the CPU that just released it win
 * again, which on QEMU's round-robin vCPUs can starve the others).
 *
 * Ordering: dmb ish after taking the lock (acquire: nothing inside moves
 * before it) and before releasing it (release: everything inside is
 * visible before the next owner gets in). Memory is inner shareable
 * normal memory on SMP (arch/arm/mmu.c), which ldrex/strex and the dmb
 * need to be coherent between the cores.
 *
 * Included only through <contig/spinlock.h>.
 */
#ifndef _ASM_ARM_SPINLOCK_H
#define _ASM_ARM_SPINLOCK_H

#include <contig/types.h>

#define TICKET_SHIFT 16

typedef struct {
	union {
		u32 slock;
		struct {
			u16 owner; /* little-endian: the low half */
			u16 next;
		} tickets;
	};
} arch_spinlock_t;

#define ARCH_SPIN_LOCK_UNLOCKED { { 0 } }

static inline void arch_spin_lock_init(arch_spinlock_t *l)
{
	l->slock = 0;
}

static inline void arch_spin_lock(arch_spinlock_t *l)
{
	u32 old, newval, fail;
	u16 ticket;

	__asm__ __volatile__("1:	ldrex	%0, [%3]\n"
			     "	add	%1, %0, %4\n"
			     "	strex	%2, %1, [%3]\n"
			     "	teq	%2, #0\n"
			     "	bne	1b"
			     : "=&r"(old), "=&r"(newval), "=&r"(fail)
			     : "r"(&l->slock), "I"(1 << TICKET_SHIFT)
			     : "cc", "memory");
	ticket = (u16)(old >> TICKET_SHIFT);
	while (ticket != *(volatile u16 *)&l->tickets.owner)
		__asm__ __volatile__("wfe" ::: "memory");
	__asm__ __volatile__("dmb ish" ::: "memory");
}

static inline bool arch_spin_trylock(arch_spinlock_t *l)
{
	u32 slock, fail, taken;

	do {
		__asm__ __volatile__("	ldrex	%0, [%3]\n"
				     "	mov	%1, #0\n"
				     "	mov	%2, #0\n"
				     "	teq	%0, %0, ror #16\n" /* owner == next: free */
				     "	addeq	%0, %0, %4\n"
				     "	strexeq	%1, %0, [%3]\n"
				     "	moveq	%2, #1"
				     : "=&r"(slock), "=&r"(fail), "=&r"(taken)
				     : "r"(&l->slock), "I"(1 << TICKET_SHIFT)
				     : "cc", "memory");
	} while (fail);
	if (!taken)
		return false;
	__asm__ __volatile__("dmb ish" ::: "memory");
	return true;
}

static inline void arch_spin_unlock(arch_spinlock_t *l)
{
	__asm__ __volatile__("dmb ish" ::: "memory");
	*(volatile u16 *)&l->tickets.owner = l->tickets.owner + 1;
	__asm__ __volatile__("dsb ishst\n\tsev" ::: "memory");
}

#endif /* _ASM_ARM_SPINLOCK_H */

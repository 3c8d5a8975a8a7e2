/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ARMv7 generic timer's CP15 registers (ARM ARM B8, "The Generic
 * Timer"), for drivers/clocksource/arm_arch_timer.c:
 *
 *   ID_PFR1    c0, c1, 1           bits 19:16 non-zero: the CPU has the timer
 *   CNTFRQ     c14, c0, 0          the counter's rate, set by firmware
 *   CNTPCT     mrrc p15, 0, c14    the physical count (64 bits)
 *   CNTVCT     mrrc p15, 1, c14    the virtual count: CNTPCT - CNTVOFF
 *   CNTP_CTL   c14, c2, 1          physical timer control
 *   CNTP_CVAL  mcrr p15, 2, c14    physical timer compare value
 *   CNTV_CTL   c14, c3, 1          virtual timer control
 *   CNTV_CVAL  mcrr p15, 3, c14    virtual timer compare value
 *
 * A timer fires (its PPI is asserted, level) while ENABLE is set, IMASK is
 * clear and count >= CVAL; ISTATUS reads that condition. Reads of the
 * count are preceded by an isb so they are not taken early.
 */
#ifndef _ASM_ARM_ARCH_TIMER_H
#define _ASM_ARM_ARCH_TIMER_H

#include <contig/types.h>

#define ARCH_TIMER_CTRL_ENABLE (1U << 0)
#define ARCH_TIMER_CTRL_IMASK (1U << 1)
#define ARCH_TIMER_CTRL_ISTATUS (1U << 2)

/* ID_PFR1.GenTimer: does this CPU implement the generic timer at all? */
static inline bool arch_timer_cpu_has_it(void)
{
	u32 pfr1;

	__asm__ __volatile__("mrc p15, 0, %0, c0, c1, 1" : "=r"(pfr1));
	return ((pfr1 >> 16) & 0xf) != 0;
}

static inline u32 arch_timer_get_cntfrq(void)
{
	u32 v;

	__asm__ __volatile__("mrc p15, 0, %0, c14, c0, 0" : "=r"(v));
	return v;
}

static inline u64 arch_counter_get_cntpct(void)
{
	u32 lo, hi;

	__asm__ __volatile__("isb\n\tmrrc p15, 0, %0, %1, c14"
			     : "=r"(lo), "=r"(hi)
			     :
			     : "memory");
	return ((u64)hi << 32) | lo;
}

static inline u64 arch_counter_get_cntvct(void)
{
	u32 lo, hi;

	__asm__ __volatile__("isb\n\tmrrc p15, 1, %0, %1, c14"
			     : "=r"(lo), "=r"(hi)
			     :
			     : "memory");
	return ((u64)hi << 32) | lo;
}

/* Control register of the virtual (@virt) or the physical timer. */
static inline u32 arch_timer_get_ctrl(bool virt)
{
	u32 v;

	if (virt)
		__asm__ __volatile__("mrc p15, 0, %0, c14, c3, 1" : "=r"(v));
	else
		__asm__ __volatile__("mrc p15, 0, %0, c14, c2, 1" : "=r"(v));
	return v;
}

static inline void arch_timer_set_ctrl(bool virt, u32 v)
{
	if (virt)
		__asm__ __volatile__("mcr p15, 0, %0, c14, c3, 1\n\tisb"
				     :
				     : "r"(v)
				     : "memory");
	else
		__asm__ __volatile__("mcr p15, 0, %0, c14, c2, 1\n\tisb"
				     :
				     : "r"(v)
				     : "memory");
}

/* Compare value of the virtual (@virt) or the physical timer. */
static inline u64 arch_timer_get_cval(bool virt)
{
	u32 lo, hi;

	if (virt)
		__asm__ __volatile__("mrrc p15, 3, %0, %1, c14" : "=r"(lo), "=r"(hi));
	else
		__asm__ __volatile__("mrrc p15, 2, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((u64)hi << 32) | lo;
}

static inline void arch_timer_set_cval(bool virt, u64 cval)
{
	u32 lo = (u32)cval, hi = (u32)(cval >> 32);

	if (virt)
		__asm__ __volatile__("mcrr p15, 3, %0, %1, c14\n\tisb"
				     :
				     : "r"(lo), "r"(hi)
				     : "memory");
	else
		__asm__ __volatile__("mcrr p15, 2, %0, %1, c14\n\tisb"
				     :
				     : "r"(lo), "r"(hi)
				     : "memory");
}

#endif /* _ASM_ARM_ARCH_TIMER_H */

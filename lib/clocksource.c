// SPDX-License-Identifier: GPL-2.0-only
/*
 * The system clock and the tick (include/contig/clocksource.h).
 *
 * A timer driver registers a free-running counter and its rate; the first
 * one registered is the system clock and clocksource_read_ns() converts
 * its ticks since registration to nanoseconds with a fixed-point factor:
 *
 *   ns = cycles * mult / 2^shift,  mult = 10^9 * 2^shift / freq  (< 2^32)
 *
 * The product is formed from two 32x32->64 multiplies (the high and low
 * halves of the 64-bit cycle count), so it never overflows while the
 * result fits in 64 bits (584 years of uptime) and the read path needs no
 * 64-bit division (which on 32-bit ARM is a libgcc call). The relative
 * error of mult is below 2^-(32 - log2(10^9/freq)), far under a part per
 * million for any counter of 1 kHz..4 GHz.
 *
 * Ticks: the tick driver calls tick_handle() from its interrupt handler
 * TICK_HZ times a second on every CPU that has a tick (each Cortex-A9 core
 * has its own comparator). Each CPU counts its own ticks (tick_count());
 * jiffies counts the boot CPU's, so it advances at TICK_HZ however many
 * CPUs tick. Secondary CPUs start their tick with tick_cpu_start(), which
 * calls what the tick driver registered with tick_set_cpu_start(). The
 * driver also tells which interrupt delivers the tick (tick_set_irq()),
 * for the tests. A clock that extends a narrower counter in software
 * (.narrow: the SP804's 32 bits) is read by the boot CPU's every tick, so
 * it never goes a whole wrap unread.
 *
 * Lock contract: registration happens once during early boot, before
 * other CPUs or interrupts run; the state is then read-only and published
 * with a release store of the clocksource pointer. jiffies and the tick
 * counts are 64-bit atomics (ldrexd/strexd on ARMv7), each tick count
 * written only by its own CPU.
 */
#define pr_fmt(fmt) "clocksource: " fmt

#include <contig/arch.h>
#include <contig/clocksource.h>
#include <contig/errno.h>
#include <contig/kernel.h>

static const struct clocksource *cs_current;
static u64 cs_start;
static u32 cs_mult;
static u32 cs_shift;
static u64 jiffies;
static u64 ticks[CONFIG_NR_CPUS];
static void (*tick_cpu_starter)(void);
static int tick_irq_nr = -ENOENT;

#define NSEC_PER_SEC 1000000000ULL

/* mult/shift for freq -> ns with the largest shift that keeps mult < 2^32. */
static void clocks_calc_mult_shift(u64 freq, u32 *mult, u32 *shift)
{
	u32 s;

	for (s = 32; s > 0; s--) {
		u64 m = ((NSEC_PER_SEC << s) + freq / 2) / freq;

		if (m <= 0xffffffffULL && (NSEC_PER_SEC << s) >> s == NSEC_PER_SEC) {
			*mult = (u32)m;
			*shift = s;
			return;
		}
	}
	*mult = (u32)((NSEC_PER_SEC + freq / 2) / freq);
	*shift = 0;
}

/* (@cycles * @mult) >> @shift without a 128-bit intermediate; @shift <= 32. */
static inline u64 cyc2ns(u64 cycles, u32 mult, u32 shift)
{
	u64 lo = (u64)(u32)cycles * mult;
	u64 hi = (cycles >> 32) * mult;

	if (shift == 32)
		return hi + (lo >> 32);
	return (hi << (32 - shift)) + (lo >> shift);
}

/**
 * clocksource_register - make @cs the system clock, if there is none yet
 * @cs: a counter that counts up at @cs->freq_hz and never stops
 */
void clocksource_register(const struct clocksource *cs)
{
	ASSERT_MSG(cs && cs->read && cs->freq_hz, "clocksource %s freq %llu",
		   cs && cs->name ? cs->name : "?",
		   (unsigned long long)(cs ? cs->freq_hz : 0));
	if (__atomic_load_n(&cs_current, __ATOMIC_ACQUIRE)) {
		pr_info("%s ignored: the system clock is already %s\n", cs->name,
			cs_current->name);
		return;
	}
	clocks_calc_mult_shift(cs->freq_hz, &cs_mult, &cs_shift);
	cs_start = cs->read();
	__atomic_store_n(&cs_current, cs, __ATOMIC_RELEASE);
	pr_info("%s at %llu Hz is the system clock (mult %u, shift %u)\n", cs->name,
		(unsigned long long)cs->freq_hz, (unsigned int)cs_mult, (unsigned int)cs_shift);
}

/**
 * clocksource_read_ns - nanoseconds since the system clock was registered
 * Return: 0 before a clock is registered.
 */
u64 clocksource_read_ns(void)
{
	const struct clocksource *cs = __atomic_load_n(&cs_current, __ATOMIC_ACQUIRE);

	if (!cs)
		return 0;
	return cyc2ns(cs->read() - cs_start, cs_mult, cs_shift);
}

/* The system clock, or NULL when no timer driver registered one. */
const struct clocksource *clocksource_current(void)
{
	return __atomic_load_n(&cs_current, __ATOMIC_ACQUIRE);
}

/* Ticks of the boot CPU since boot (0 without a tick interrupt). */
u64 jiffies_read(void)
{
	return __atomic_load_n(&jiffies, __ATOMIC_RELAXED);
}

/**
 * tick_count - ticks CPU @cpu has taken since it started its tick
 * @cpu: logical CPU
 *
 * Return: the count (0 for a bad @cpu or a CPU without a tick).
 */
u64 tick_count(unsigned int cpu)
{
	if (cpu >= CONFIG_NR_CPUS)
		return 0;
	return __atomic_load_n(&ticks[cpu], __ATOMIC_RELAXED);
}

/* Called by the tick driver's interrupt handler, once per tick, on the
 * CPU that ticked. */
void tick_handle(void)
{
	unsigned int cpu = arch_cpu_id();

	__atomic_add_fetch(&ticks[cpu], 1, __ATOMIC_RELAXED);
	if (cpu == 0) {
		const struct clocksource *cs = __atomic_load_n(&cs_current, __ATOMIC_ACQUIRE);

		__atomic_add_fetch(&jiffies, 1, __ATOMIC_RELAXED);
		if (cs && cs->narrow)
			cs->read(); /* keep its software extension within one wrap */
	}
}

/**
 * tick_set_cpu_start - how to start the tick on a secondary CPU
 * @start: called on that CPU, interrupts masked
 */
void tick_set_cpu_start(void (*start)(void))
{
	__atomic_store_n(&tick_cpu_starter, start, __ATOMIC_RELEASE);
}

/**
 * tick_cpu_start - start the calling (secondary) CPU's tick, if the tick
 * driver can
 */
void tick_cpu_start(void)
{
	void (*start)(void) = __atomic_load_n(&tick_cpu_starter, __ATOMIC_ACQUIRE);

	if (start)
		start();
}

/**
 * tick_set_irq - record the interrupt that delivers the tick
 * @irq: its number (as request_irq() took it)
 *
 * Called once by the tick driver during early boot, after request_irq().
 */
void tick_set_irq(unsigned int irq)
{
	__atomic_store_n(&tick_irq_nr, (int)irq, __ATOMIC_RELEASE);
}

/**
 * tick_irq - the interrupt that delivers the tick
 * Return: its number, or -ENOENT when no driver started a tick.
 */
int tick_irq(void)
{
	return __atomic_load_n(&tick_irq_nr, __ATOMIC_ACQUIRE);
}

#ifdef CONFIG_KTEST
/* For the clocksource ktest: the conversion with an explicit rate. */
u64 clocksource_cyc2ns_for_test(u64 cycles, u64 freq_hz);
u64 clocksource_cyc2ns_for_test(u64 cycles, u64 freq_hz)
{
	u32 mult, shift;

	clocks_calc_mult_shift(freq_hz, &mult, &shift);
	return cyc2ns(cycles, mult, shift);
}
#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Clock sources and the tick. A port without a clock of its own (ARM)
 * implements arch_clock_ns() with clocksource_read_ns(); timer drivers
 * register the counter they drive.
 */
#ifndef _CONTIG_CLOCKSOURCE_H
#define _CONTIG_CLOCKSOURCE_H

#include <contig/types.h>

struct clocksource {
	const char *name;
	u64 (*read)(void); /* a free-running counter */
	u64 freq_hz;       /* its rate */
	/*
	 * read() extends a narrower hardware counter in software and must
	 * run at least once per wrap of it: the boot CPU's tick does.
	 */
	bool narrow;
};

/* Register the system clock (the first one registered wins). */
void clocksource_register(const struct clocksource *cs);
/* Nanoseconds since the clock was registered; 0 before that. */
u64 clocksource_read_ns(void);
const struct clocksource *clocksource_current(void);

/* Ticks of the boot CPU's tick interrupt since boot (0 without one). */
u64 jiffies_read(void);
/* Ticks CPU @cpu has taken (each CPU has its own tick on SMP). */
u64 tick_count(unsigned int cpu);
/* Called by the tick driver's interrupt handler, on the CPU it ticks. */
void tick_handle(void);
/* The tick driver registers how to start the tick on a secondary CPU;
 * the port calls tick_cpu_start() on each one. */
void tick_set_cpu_start(void (*start)(void));
void tick_cpu_start(void);
/* The tick driver records which interrupt delivers the tick. */
void tick_set_irq(unsigned int irq);
/* That interrupt, or -ENOENT when there is no tick. */
int tick_irq(void);
#define TICK_HZ 100

#endif /* _CONTIG_CLOCKSOURCE_H */

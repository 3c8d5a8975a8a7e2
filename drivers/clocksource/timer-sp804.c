// SPDX-License-Identifier: GPL-2.0-only
/*
 * ARM SP804 dual timer ("arm,sp804"): the system clock, and the tick when
 * the board has no per-CPU timer. Linux's Versatile Express device trees
 * time with it (the motherboard's two SP804s, 1 MHz) and the Cortex-A9
 * TWD (drivers/clocksource/arm_twd.c), with no global-timer node.
 *
 * Chosen only when the DT has no enabled "arm,cortex-a9-global-timer" or
 * "arm,armv7-timer" node: those are better clocks (64-bit, per-CPU
 * comparators) and their drivers take the job. The first enabled SP804
 * that starts is used; later ones stand aside.
 *
 * Timer 1 is the clock: a free-running 32-bit down-counter from
 * 0xffffffff, read as its complement (an up-count). The clocksource wants
 * 64 bits that never wrap: the driver keeps the last value read (a 64-bit
 * atomic) and adds the 32-bit distance from it, with a compare-and-swap so
 * that concurrent readers on several CPUs only move it forward. That is
 * right as long as it is read at least once per wrap (71 minutes at
 * 1 MHz): the tick does it (clocksource .narrow, tick_handle()).
 *
 * Timer 2 is the tick when no other timer gives one: periodic,
 * rate / TICK_HZ, its interrupt (the node's first, a GIC SPI, which goes
 * to the boot CPU only, so only that CPU ticks). Which other timers start
 * is only known once the timer class has been probed (the TWD, which gives
 * every CPU its tick, measures its rate against this clock and so starts
 * after it), so the first call registers the clock and asks
 * of_early_probe() to call again after the other timers (-EAGAIN); the
 * second starts timer 2 if nothing ticks by then.
 *
 * Rates: timer 1 runs at the node's "timclken1" clock, timer 2 at
 * "timclken2" (of_clk_rate(): one clock for both when the node has one).
 * On Versatile Express these are the SP810's timer clock enables, which
 * Linux's DT sets to the 1 MHz TIMCLK with assigned-clock-parents; contig
 * does not program the SP810 and trusts that choice.
 *
 * Registers (SP804 TRM), per timer at 0x00 and 0x20: Load, Value,
 * Control, IntClr, RIS, MIS, BGLoad.
 *
 * Lock contract: init runs once on the boot CPU before interrupts are
 * unmasked; afterwards the registers of timer 1 are only read and those
 * of timer 2 only touched by its interrupt handler; sp804_last is a
 * 64-bit atomic.
 */
#define pr_fmt(fmt) "sp804: " fmt

#include <contig/clocksource.h>
#include <contig/errno.h>
#include <contig/io.h>
#include <contig/irq.h>
#include <contig/kernel.h>
#include <contig/of.h>
#include <contig/printk.h>
#include <libfdt.h>

#define TIMER1 0x00
#define TIMER2 0x20
#define T_LOAD 0x00
#define T_VALUE 0x04
#define T_CONTROL 0x08
#define T_INTCLR 0x0c
#define T_MIS 0x14

#define CTRL_32BIT (1U << 1)
#define CTRL_IE (1U << 5)
#define CTRL_PERIODIC (1U << 6)
#define CTRL_ENABLE (1U << 7)

static void __iomem *sp804_base;
static int sp804_node = -1; /* the SP804 that is the clock */
static u64 sp804_last; /* the last 64-bit count read (atomic) */

static u64 sp804_read(void)
{
	u64 old = __atomic_load_n(&sp804_last, __ATOMIC_RELAXED), now;

	do {
		u32 cnt = ~readl_relaxed(sp804_base + TIMER1 + T_VALUE);

		now = old + (u32)(cnt - (u32)old);
	} while (!__atomic_compare_exchange_n(&sp804_last, &old, now, false, __ATOMIC_RELAXED,
					      __ATOMIC_RELAXED));
	return now;
}

static struct clocksource sp804_clocksource = {
	.name = "sp804",
	.read = sp804_read,
	.narrow = true,
};

static void sp804_tick_irq(unsigned int irq, void *dev)
{
	if (!(readl_relaxed(sp804_base + TIMER2 + T_MIS) & 1))
		return; /* the shared line, but not timer 2 */
	writel_relaxed(1, sp804_base + TIMER2 + T_INTCLR);
	tick_handle();
}

/* A better clock, or a per-CPU tick, the DT has: an enabled node of @compat. */
static bool dt_has(const void *fdt, const char *compat)
{
	int node;

	for (node = fdt_node_offset_by_compatible(fdt, -1, compat); node >= 0;
	     node = fdt_node_offset_by_compatible(fdt, node, compat))
		if (of_node_is_enabled(fdt, node))
			return true;
	return false;
}

static void sp804_start_tick(const void *fdt, int node, phys_addr_t base)
{
	u32 rate = of_clk_rate(fdt, node, "timclken2");
	int irq, ret;

	if (rate < TICK_HZ) {
		pr_err("%#llx: no rate for timer 2 (clocks / clock-names \"timclken2\"): no tick\n",
		       (unsigned long long)base);
		return;
	}
	irq = of_get_irq(fdt, node, 0);
	if (irq < 0) {
		pr_err("%#llx: no usable interrupt (%s): no tick\n", (unsigned long long)base,
		       errname(irq));
		return;
	}
	writel_relaxed(0, sp804_base + TIMER2 + T_CONTROL);
	writel_relaxed(1, sp804_base + TIMER2 + T_INTCLR);
	ret = request_irq((unsigned int)irq, sp804_tick_irq, NULL);
	if (ret) {
		pr_err("cannot attach the tick to interrupt %d: %s (is there a GIC in the DT "
		       "and CONFIG_ARM_GIC=y?); no tick\n", irq, errname(ret));
		return;
	}
	writel_relaxed(rate / TICK_HZ, sp804_base + TIMER2 + T_LOAD);
	writel(CTRL_ENABLE | CTRL_PERIODIC | CTRL_IE | CTRL_32BIT, sp804_base + TIMER2 + T_CONTROL);
	tick_set_irq((unsigned int)irq);
	pr_info("tick at %u Hz on interrupt %d (timer 2 at %u Hz, boot CPU only)\n", TICK_HZ,
		irq, (unsigned int)rate);
}

static int sp804_of_init(const void *fdt, int node)
{
	phys_addr_t base, size;
	u32 rate;
	int ret;

	if (sp804_base && node == sp804_node) {
		/* Called again after the other timers: tick unless one does. */
		if (tick_irq() < 0 && !of_get_reg(fdt, node, 0, &base, NULL))
			sp804_start_tick(fdt, node, base);
		return 0;
	}
	if (sp804_base || dt_has(fdt, "arm,cortex-a9-global-timer") ||
	    dt_has(fdt, "arm,armv7-timer"))
		return -ENODEV;
	ret = of_get_reg(fdt, node, 0, &base, &size);
	if (ret) {
		pr_err("the SP804 node has no usable reg (%s)\n", errname(ret));
		return ret;
	}
	rate = of_clk_rate(fdt, node, "timclken1");
	if (rate < TICK_HZ) {
		pr_err("%#llx: no clock rate for timer 1: give clocks (a fixed-clock, or a "
		       "clock whose assigned-clock-parents is one) with clock-names "
		       "\"timclken1\"\n", (unsigned long long)base);
		return -EINVAL;
	}
	sp804_base = ioremap(base, size);
	if (!sp804_base) {
		pr_err("cannot map the SP804 at %#llx\n", (unsigned long long)base);
		return -ENOMEM;
	}
	writel_relaxed(0, sp804_base + TIMER1 + T_CONTROL);
	writel_relaxed(0xffffffff, sp804_base + TIMER1 + T_LOAD);
	writel(CTRL_ENABLE | CTRL_32BIT, sp804_base + TIMER1 + T_CONTROL); /* free-running */
	__atomic_store_n(&sp804_last, (u64)(u32)~readl_relaxed(sp804_base + TIMER1 + T_VALUE),
			 __ATOMIC_RELAXED);
	sp804_clocksource.freq_hz = rate;
	clocksource_register(&sp804_clocksource);
	sp804_node = node;
	return -EAGAIN; /* the tick: once the other timers have started */
}

OF_EARLY_DECLARE(sp804, "arm,sp804", OF_EARLY_TIMER, sp804_of_init);

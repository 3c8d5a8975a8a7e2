// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cortex-A9 MPCore private timer, the TWD ("arm,cortex-a9-twd-timer"): the
 * per-CPU tick when the DT has no global-timer node, as in Linux's
 * Versatile Express device trees (the SP804 is then the clock,
 * drivers/clocksource/timer-sp804.c).
 *
 * Every core has its own TWD at the same address (banked) and its own
 * copy of the PPI (PPI 13, GIC ID 29). It is a 32-bit down-counter with
 * auto-reload: Load = rate / TICK_HZ, Control = enable | auto-reload |
 * interrupt enable (prescaler 0), and the handler only clears the event
 * flag and calls tick_handle(). The boot CPU starts its tick at probe
 * time, each secondary CPU through tick_cpu_start() (twd_cpu_start()).
 *
 * Rate: the node's "clocks" (PERIPHCLK) when the DT gives one. Linux's DT
 * gives none (Linux measures it), so contig measures it too: the boot CPU's
 * TWD counts down for 10 ms of the system clock, whichever registered
 * (on vexpress, the SP804; when it comes later in DT order the TWD asks
 * of_early_probe() to try it again after the other timers, -EAGAIN), and
 * the rate is rounded to the kHz. Without a clock source and without a clock rate the TWD is
 * not used (a message says so).
 *
 * Registers (Cortex-A9 MPCore TRM, private timer): Load 0x00, Counter
 * 0x04, Control 0x08, Interrupt status 0x0c.
 *
 * Lock contract: init runs once on the boot CPU before interrupts are
 * unmasked; afterwards each CPU touches only its own banked timer.
 */
#define pr_fmt(fmt) "twd: " fmt

#include <contig/arch.h>
#include <contig/clocksource.h>
#include <contig/errno.h>
#include <contig/io.h>
#include <contig/irq.h>
#include <contig/kernel.h>
#include <contig/of.h>
#include <contig/printk.h>
#include <libfdt.h>

#define TWD_LOAD 0x00
#define TWD_COUNTER 0x04
#define TWD_CONTROL 0x08
#define TWD_INTSTAT 0x0c

#define TWD_ENABLE (1U << 0)
#define TWD_AUTORELOAD (1U << 1)
#define TWD_IT_ENABLE (1U << 2)

#define TWD_CALIBRATE_NS 10000000ULL /* 10 ms of the system clock */
/* Give up calibrating after this many counter reads (a stopped clock). */
#define TWD_CALIBRATE_LIMIT 100000000U

static void __iomem *twd_base;
static u32 twd_period;
static int twd_irq = -1;
static bool twd_waited; /* asked of_early_probe() to try again later */

static void twd_tick_irq(unsigned int irq, void *dev)
{
	writel_relaxed(1, twd_base + TWD_INTSTAT);
	tick_handle();
}

/* Program this CPU's (banked) TWD for the tick. */
static void twd_timer_start(void)
{
	writel_relaxed(0, twd_base + TWD_CONTROL);
	writel_relaxed(1, twd_base + TWD_INTSTAT);
	writel_relaxed(twd_period, twd_base + TWD_LOAD);
	writel(TWD_ENABLE | TWD_AUTORELOAD | TWD_IT_ENABLE, twd_base + TWD_CONTROL);
}

/* A secondary CPU's tick (tick_cpu_start()). */
static void twd_cpu_start(void)
{
	twd_timer_start();
	enable_percpu_irq((unsigned int)twd_irq);
}

/*
 * The TWD's rate measured against the system clock: count down from the
 * top for TWD_CALIBRATE_NS. Both ends read the clock, then the TWD, right
 * after the clock's count moved, so the time between the two reads is
 * the same at both ends and cancels out. Return: Hz rounded to the kHz,
 * 0 on failure.
 */
static u32 twd_calibrate(void)
{
	u64 t, t0 = 0, t1 = 0, ns;
	u32 c0 = 0, c1 = 0, i;
	int phase = 0;

	writel_relaxed(0, twd_base + TWD_CONTROL);
	writel_relaxed(0xffffffff, twd_base + TWD_LOAD);
	writel(TWD_ENABLE, twd_base + TWD_CONTROL);
	t = clocksource_read_ns();
	for (i = 0; i < TWD_CALIBRATE_LIMIT && phase < 2; i++) {
		u64 now = clocksource_read_ns();
		u32 c = readl_relaxed(twd_base + TWD_COUNTER);

		if (now == t)
			continue;
		t = now;
		if (phase == 0) {
			t0 = now;
			c0 = c;
			phase = 1;
		} else if (now - t0 >= TWD_CALIBRATE_NS) {
			t1 = now;
			c1 = c;
			phase = 2;
		}
	}
	writel_relaxed(0, twd_base + TWD_CONTROL);
	ns = t1 - t0;
	if (phase < 2 || !ns || c1 >= c0)
		return 0;
	return (u32)(((u64)(c0 - c1) * 1000000ULL + ns / 2) / ns * 1000); /* kHz, * 1000 */
}

/* The node's clocks rate, else the measured one (0: neither). */
static u32 twd_rate(const void *fdt, int node)
{
	u32 rate = of_clk_rate(fdt, node, NULL);
	const struct clocksource *cs = clocksource_current();

	if (rate)
		return rate;
	if (!cs) {
		pr_err("the TWD node has no clocks and there is no clock source to measure it "
		       "against (an arm,sp804 node); no per-CPU tick\n");
		return 0;
	}
	rate = twd_calibrate();
	if (!rate)
		pr_err("measuring the TWD against %s failed (the counter did not move); "
		       "give the node clocks = <&periphclk>; no per-CPU tick\n", cs->name);
	else
		pr_info("the node has no clocks: measured %u.%03u MHz against %s\n",
			(unsigned int)(rate / 1000000), (unsigned int)(rate / 1000 % 1000), cs->name);
	return rate;
}

static int twd_of_init(const void *fdt, int node)
{
	phys_addr_t base, size;
	u32 rate;
	int irq, ret, gt;

	gt = fdt_node_offset_by_compatible(fdt, -1, "arm,cortex-a9-global-timer");
	if (twd_base || (gt >= 0 && of_node_is_enabled(fdt, gt)))
		return -ENODEV; /* the global timer ticks */
	ret = of_get_reg(fdt, node, 0, &base, &size);
	if (ret) {
		pr_err("the TWD node has no usable reg (%s)\n", errname(ret));
		return ret;
	}
	irq = of_get_irq(fdt, node, 0);
	if (irq < 16 || irq >= 32) {
		pr_err("%#llx: interrupts must be the TWD's PPI (<1 13 0xf04>), got %s %d; "
		       "no per-CPU tick\n", (unsigned long long)base,
		       irq < 0 ? "error" : "GIC ID", irq);
		return irq < 0 ? irq : -EINVAL;
	}
	/* Measuring needs the system clock: after the other timers, once. */
	if (!of_clk_rate(fdt, node, NULL) && !clocksource_current() && !twd_waited) {
		twd_waited = true;
		return -EAGAIN;
	}
	twd_base = ioremap(base, size);
	if (!twd_base) {
		pr_err("cannot map the TWD at %#llx\n", (unsigned long long)base);
		return -ENOMEM;
	}
	rate = twd_rate(fdt, node);
	if (rate < TICK_HZ) {
		twd_base = NULL;
		return -EINVAL;
	}
	writel_relaxed(0, twd_base + TWD_CONTROL);
	writel_relaxed(1, twd_base + TWD_INTSTAT);
	ret = request_irq((unsigned int)irq, twd_tick_irq, NULL);
	if (ret) {
		pr_err("cannot attach the tick to interrupt %d: %s (is there a GIC in the DT "
		       "and CONFIG_ARM_GIC=y?); no per-CPU tick\n", irq, errname(ret));
		twd_base = NULL;
		return ret;
	}
	twd_period = rate / TICK_HZ;
	twd_irq = irq;
	twd_timer_start();
	tick_set_cpu_start(twd_cpu_start);
	tick_set_irq((unsigned int)irq);
	pr_info("per-CPU tick at %u Hz on interrupt %d (TWD at %#llx, %u Hz, period %u)\n",
		TICK_HZ, irq, (unsigned long long)base, (unsigned int)rate,
		(unsigned int)twd_period);
	return 0;
}

OF_EARLY_DECLARE(arm_twd, "arm,cortex-a9-twd-timer", OF_EARLY_TIMER, twd_of_init);

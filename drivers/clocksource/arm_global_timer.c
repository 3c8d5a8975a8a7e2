// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cortex-A9 MPCore global timer ("arm,cortex-a9-global-timer"): the
 * system clock and the periodic tick.
 *
 * The global timer is a 64-bit up-counter shared by the cores, clocked by
 * PERIPHCLK (divided by prescaler + 1; we leave the prescaler at 0). Its
 * rate comes from the node's "clock-frequency" or from the fixed clock its
 * "clocks" phandle names. It becomes the clocksource (clocksource_read_ns()
 * and, through the port, arch_clock_ns()).
 *
 * The tick uses the same timer's comparator, banked per core, in
 * auto-increment mode: comparator = now + rate / TICK_HZ, and the
 * hardware adds the period after every match, so the handler only
 * acknowledges the event flag and calls tick_handle(). Every core has its
 * own comparator and its own copy of the PPI: the boot CPU starts its tick
 * at probe time, each secondary CPU through tick_cpu_start()
 * (gt_tick_cpu_start(): program this core's comparator, enable the PPI on
 * this core). The comparator's
 * interrupt is the node's PPI (PPI 11, GIC ID 27 on the A9); it needs an
 * interrupt controller, so this driver belongs to the timer class, which
 * the port probes after the irqchip class. Without a GIC the clock still
 * works and the boot log says that there is no tick.
 *
 * Registers (Cortex-A9 MPCore TRM, global timer): counter low/high at
 * 0x00/0x04, control 0x08, interrupt status 0x0c, comparator low/high
 * 0x10/0x14, auto-increment 0x18.
 */
#define pr_fmt(fmt) "global_timer: " fmt

#include <contig/clocksource.h>
#include <contig/errno.h>
#include <contig/io.h>
#include <contig/irq.h>
#include <contig/kernel.h>
#include <contig/of.h>

#define GT_COUNTER_LO 0x00
#define GT_COUNTER_HI 0x04
#define GT_CONTROL 0x08
#define GT_INT_STATUS 0x0c
#define GT_COMP_LO 0x10
#define GT_COMP_HI 0x14
#define GT_AUTOINC 0x18

#define GT_CTRL_TIMER_EN (1U << 0)
#define GT_CTRL_COMP_EN (1U << 1)
#define GT_CTRL_IRQ_EN (1U << 2)
#define GT_CTRL_AUTOINC (1U << 3)
#define GT_CTRL_PRESCALER (0xffU << 8)

static void __iomem *gt_base;
static u32 gt_period;
static int gt_irq = -1;

static u64 gt_read(void)
{
	u32 hi, lo, hi2;

	hi = readl_relaxed(gt_base + GT_COUNTER_HI);
	for (;;) {
		lo = readl_relaxed(gt_base + GT_COUNTER_LO);
		hi2 = readl_relaxed(gt_base + GT_COUNTER_HI);
		if (hi2 == hi)
			return ((u64)hi << 32) | lo;
		hi = hi2;
	}
}

static struct clocksource gt_clocksource = {
	.name = "arm_global_timer",
	.read = gt_read,
};

static void gt_tick_irq(unsigned int irq, void *dev)
{
	writel_relaxed(1, gt_base + GT_INT_STATUS);
	tick_handle();
}

/* The counter's rate: clock-frequency, or that of the "clocks" fixed clock. */
static u32 gt_rate(const void *fdt, int node)
{
	u32 rate = of_read_u32(fdt, node, "clock-frequency", 0);

	return rate ? rate : of_clk_rate(fdt, node, NULL);
}

/*
 * Stop this core's comparator (banked per core) and clear its event,
 * whatever the boot loader left. Return: the control value it wrote.
 */
static u32 gt_comparator_stop(void)
{
	u32 ctrl = readl_relaxed(gt_base + GT_CONTROL);

	ctrl &= ~(GT_CTRL_COMP_EN | GT_CTRL_IRQ_EN | GT_CTRL_AUTOINC);
	writel_relaxed(ctrl, gt_base + GT_CONTROL);
	writel_relaxed(1, gt_base + GT_INT_STATUS);
	return ctrl;
}

/*
 * Program this core's stopped comparator (@ctrl: what gt_comparator_stop()
 * wrote): one tick period from now, then every period.
 */
static void gt_comparator_start(u32 ctrl)
{
	u64 next = gt_read() + gt_period;

	writel_relaxed((u32)next, gt_base + GT_COMP_LO);
	writel_relaxed((u32)(next >> 32), gt_base + GT_COMP_HI);
	writel_relaxed(gt_period, gt_base + GT_AUTOINC);
	writel(ctrl | GT_CTRL_COMP_EN | GT_CTRL_IRQ_EN | GT_CTRL_AUTOINC, gt_base + GT_CONTROL);
}

/* A secondary CPU's tick (tick_cpu_start()). */
static void gt_tick_cpu_start(void)
{
	gt_comparator_start(gt_comparator_stop());
	enable_percpu_irq((unsigned int)gt_irq);
}

static int gt_start_tick(const void *fdt, int node, u32 rate)
{
	u32 period = rate / TICK_HZ, ctrl;
	int irq, ret;

	irq = of_get_irq(fdt, node, 0);
	if (irq < 0) {
		pr_err("no usable interrupts entry (%d): add interrupts = <1 11 0x304>; "
		       "no tick\n", irq);
		return irq;
	}
	/* Stopped before the interrupt is attached: no stale event on it. */
	ctrl = gt_comparator_stop();
	ret = request_irq(irq, gt_tick_irq, NULL);
	if (ret) {
		pr_err("cannot attach the tick to interrupt %d: %s (is there a GIC in the "
		       "DT and CONFIG_ARM_GIC=y?); no tick\n", irq, errname(ret));
		return ret;
	}
	gt_period = period;
	gt_irq = irq;
	gt_comparator_start(ctrl);
	tick_set_cpu_start(gt_tick_cpu_start);
	tick_set_irq((unsigned int)irq);
	pr_info("tick at %u Hz on interrupt %d (comparator, period %u)\n", TICK_HZ, irq,
		(unsigned int)period);
	return 0;
}

static int gt_of_init(const void *fdt, int node)
{
	phys_addr_t base, size;
	u32 rate, ctrl;
	int ret;

	if (gt_base)
		return -EBUSY;
	ret = of_get_reg(fdt, node, 0, &base, &size);
	if (ret) {
		pr_err("the global timer node has no usable reg (%d)\n", ret);
		return ret;
	}
	rate = gt_rate(fdt, node);
	if (rate < TICK_HZ) {
		pr_err("no clock rate for the global timer at %#llx: add clock-frequency or "
		       "clocks = <&a fixed-clock> to its node\n", (unsigned long long)base);
		return -EINVAL;
	}
	gt_base = ioremap(base, size);
	if (!gt_base) {
		pr_err("cannot map the global timer at %#llx\n", (unsigned long long)base);
		return -ENOMEM;
	}
	ctrl = readl_relaxed(gt_base + GT_CONTROL);
	if (ctrl & GT_CTRL_PRESCALER) {
		/* Keep our rate arithmetic true: prescaler 0, counter running. */
		writel_relaxed(ctrl & ~(GT_CTRL_TIMER_EN | GT_CTRL_PRESCALER),
			       gt_base + GT_CONTROL);
		ctrl &= ~GT_CTRL_PRESCALER;
	}
	writel(ctrl | GT_CTRL_TIMER_EN, gt_base + GT_CONTROL);
	gt_clocksource.freq_hz = rate;
	clocksource_register(&gt_clocksource);
	gt_start_tick(fdt, node, rate);
	return 0;
}

OF_EARLY_DECLARE(arm_global_timer, "arm,cortex-a9-global-timer", OF_EARLY_TIMER, gt_of_init);

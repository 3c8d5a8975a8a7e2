// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "arm_devices": the board devices the early drivers started
 * (drivers/irqchip, drivers/clocksource, drivers/cache) work end to end.
 * Skipped, with the reason, on a port without them: the host has no
 * clocksource (clocksource_current() is NULL) and no interrupt controller.
 *
 * Waiting is bounded by loop iterations, never by wall-clock time: a case
 * waits until the system clock has advanced by a number of tick periods
 * and fails if that takes more than WAIT_ITERATIONS reads of the clock.
 */
#define pr_fmt(fmt) "arm_devices_test: " fmt

#include <contig/arch.h>
#include <contig/clocksource.h>
#include <contig/errno.h>
#include <contig/io.h>
#include <contig/irq.h>
#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/of.h>
#include <contig/outer_cache.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <libfdt.h>

#define WAIT_ITERATIONS (1UL << 26)
#define TICK_NS (1000000000ULL / TICK_HZ)

static int arm_devices_init(struct ktest *t)
{
	if (!clocksource_current())
		ktest_skip(t, "no clocksource: this port has no timer devices");
	return 0;
}

/*
 * Map the first reg window of the first node compatible with @compat.
 * Return: its address; NULL after marking @t skipped (no such node) or
 * failed (no reg, no mapping).
 */
static void __iomem *map_compatible(struct ktest *t, const char *compat)
{
	const void *fdt = initial_boot_params;
	phys_addr_t base, size;
	void __iomem *regs;
	int node;

	node = fdt_node_offset_by_compatible(fdt, -1, compat);
	if (node < 0) {
		ktest_skip(t, "no %s node", compat);
		return NULL;
	}
	if (!KTEST_EXPECT_EQ(t, of_get_reg(fdt, node, 0, &base, &size), 0))
		return NULL;
	regs = ioremap(base, size);
	KTEST_EXPECT_NOT_NULL(t, regs);
	return regs;
}

/* The GIC distributor, whichever of the compatibles irq-gic.c takes it has. */
static void __iomem *map_gic_distributor(struct ktest *t)
{
	static const char *const gics[] = { "arm,cortex-a9-gic", "arm,cortex-a15-gic",
					    "arm,gic-400" };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(gics) - 1; i++)
		if (fdt_node_offset_by_compatible(initial_boot_params, -1, gics[i]) >= 0)
			break;
	return map_compatible(t, gics[i]);
}

/* GICD_SGIR: target list filter 0b10 sends SGI @sgi to the calling CPU. */
static void gic_send_sgi_self(void __iomem *gicd, unsigned int sgi)
{
	writel((2U << 24) | sgi, gicd + 0xf00);
}

/* Spin until the clock passes @ns from now; false when the cap is hit. */
static bool wait_clock_ns(u64 ns)
{
	u64 end = clocksource_read_ns() + ns;
	unsigned long i;

	for (i = 0; i < WAIT_ITERATIONS; i++) {
		if (clocksource_read_ns() >= end)
			return true;
		arch_cpu_relax();
	}
	return false;
}

static void the_system_clock_advances(struct ktest *t)
{
	u64 t0 = clocksource_read_ns();
	unsigned long i;

	if (t->skipped)
		return;
	for (i = 0; i < WAIT_ITERATIONS && clocksource_read_ns() == t0; i++)
		arch_cpu_relax();
	KTEST_EXPECT_GT(t, clocksource_read_ns(), t0);
	t0 = arch_clock_ns();
	KTEST_ASSERT_TRUE(t, wait_clock_ns(TICK_NS));
	KTEST_EXPECT_GT(t, arch_clock_ns(), t0);
}

/*
 * The clock's rate (from the DT) is right: compare it with the Versatile
 * Express 24 MHz counter (SYS_24MHZ, sysreg offset 0x5c) over ten tick
 * periods. Both count emulated time, so they agree closely; a wrong DT
 * clock (say 24 MHz given for a 100 MHz counter) is off by a factor.
 * The two cannot be read at one instant, and a loaded host may stop the
 * emulated CPU between any two reads (an MMIO read may also wait for
 * QEMU's I/O thread), so each counter read is bracketed by two clock
 * reads: the counter's interval lies between the inner and the outer
 * clock interval, whatever the delays.
 */
static void the_clock_rate_agrees_with_the_24mhz_counter(struct ktest *t)
{
	void __iomem *sys;
	u32 c0, c1;
	u64 n0a, n0b, n1a, n1b, ref_ns;

	if (t->skipped)
		return;
	sys = map_compatible(t, "arm,vexpress-sysreg");
	if (!sys)
		return;
	n0a = clocksource_read_ns();
	c0 = readl(sys + 0x5c);
	n0b = clocksource_read_ns();
	KTEST_ASSERT_TRUE(t, wait_clock_ns(10 * TICK_NS));
	n1a = clocksource_read_ns();
	c1 = readl(sys + 0x5c);
	n1b = clocksource_read_ns();
	ref_ns = (u64)(u32)(c1 - c0) * 1000 / 24;
	ktest_info(t, "clock %llu..%llu ns, 24 MHz counter %llu ns",
		   (unsigned long long)(n1a - n0b), (unsigned long long)(n1b - n0a),
		   (unsigned long long)ref_ns);
	KTEST_EXPECT_GE(t, ref_ns * 100, (n1a - n0b) * 95);
	KTEST_EXPECT_LE(t, ref_ns * 100, (n1b - n0a) * 105);
}

/*
 * The tick keeps coming: four more ticks arrive (the loop cap is a hang
 * guard, not a time limit), and never more of them than the periods that
 * can end on the clock they are made from while the case watches (whole
 * periods plus one), plus one that was due but not yet taken as it began.
 * A loaded host can delay the emulated CPU past a tick, and a late tick is
 * skipped, not replayed, so their rate is not asserted.
 */
static void jiffies_and_the_timer_interrupt_count_advance(struct ktest *t)
{
	u64 j0, j1, n0, n1;
	unsigned long c0, i;
	int irq;

	if (t->skipped)
		return;
	/* The interrupt the timer driver attached the tick to. */
	irq = tick_irq();
	KTEST_ASSERT_GE(t, irq, 0);
	n0 = clocksource_read_ns();
	j0 = jiffies_read();
	c0 = irq_count(irq);
	for (i = 0; i < WAIT_ITERATIONS && jiffies_read() < j0 + 4; i++)
		arch_cpu_relax();
	j1 = jiffies_read();
	n1 = clocksource_read_ns();
	KTEST_EXPECT_GE(t, j1, j0 + 4);
	KTEST_EXPECT_GE(t, irq_count(irq), c0 + 4);
	KTEST_EXPECT_LE(t, j1 - j0, (n1 - n0) / TICK_NS + 2);
	ktest_info(t, "irq %d: %llu ticks while the clock advanced %llu periods", irq,
		   (unsigned long long)(j1 - j0), (unsigned long long)((n1 - n0) / TICK_NS));
}

static volatile unsigned int sgi_hits;

static void sgi_handler(unsigned int irq, void *dev)
{
	sgi_hits++;
}

/* A software-generated interrupt to this CPU goes through the whole path. */
static void a_software_interrupt_reaches_its_handler(struct ktest *t)
{
	void __iomem *gicd;
	unsigned long i;
	const unsigned int sgi = 3;

	if (t->skipped)
		return;
	gicd = map_gic_distributor(t);
	if (!gicd)
		return;
	KTEST_ASSERT_EQ(t, request_irq(sgi, sgi_handler, NULL), 0);
	KTEST_EXPECT_EQ(t, request_irq(sgi, sgi_handler, NULL), -EBUSY);
	sgi_hits = 0;
	gic_send_sgi_self(gicd, sgi);
	for (i = 0; i < WAIT_ITERATIONS && !sgi_hits; i++)
		arch_cpu_relax();
	KTEST_EXPECT_EQ(t, sgi_hits, 1);
	KTEST_EXPECT_EQ(t, irq_count(sgi), 1);
	free_irq(sgi);
}

/* An interrupt nobody requested is counted, reported by number, and disabled. */
static void an_interrupt_without_a_handler_is_reported_with_its_number(struct ktest *t)
{
	static char buf[512];
	void __iomem *gicd;
	unsigned long i, c0;
	const unsigned int sgi = 4;

	if (t->skipped)
		return;
	gicd = map_gic_distributor(t);
	if (!gicd)
		return;
	c0 = irq_count(sgi);
	printk_capture_begin(buf, sizeof(buf));
	gic_send_sgi_self(gicd, sgi);
	for (i = 0; i < WAIT_ITERATIONS && irq_count(sgi) == c0; i++)
		arch_cpu_relax();
	printk_capture_end();
	KTEST_EXPECT_EQ(t, irq_count(sgi), c0 + 1);
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, "spurious interrupt 4: no handler"));
}

static void the_pl310_is_enabled_when_the_dt_has_one(struct ktest *t)
{
	const void *fdt = initial_boot_params;
	const struct outer_cache_fns *oc = outer_cache();
	int node;

	if (t->skipped)
		return;
	node = fdt_node_offset_by_compatible(fdt, -1, "arm,pl310-cache");
	if (node < 0) {
		ktest_skip(t, "the DT has no arm,pl310-cache node");
		return;
	}
	KTEST_ASSERT_NOT_NULL(t, oc);
	KTEST_EXPECT_STREQ(t, oc->name, "PL310");
	KTEST_EXPECT_TRUE(t, oc->enabled());
}

static void outer_cache_maintenance_keeps_the_data(struct ktest *t)
{
	const size_t len = 3 * 4096;
	u8 *buf;
	phys_addr_t pa;
	size_t i;
	bool ok = true;

	if (t->skipped)
		return;
	if (!outer_cache()) {
		ktest_skip(t, "no outer cache registered");
		return;
	}
	buf = kmalloc(len, 0);
	KTEST_ASSERT_NOT_NULL(t, buf);
	pa = __pa(buf);
	for (i = 0; i < len; i++)
		buf[i] = (u8)(i * 7 + 1);
	outer_clean_range(pa, pa + len);
	outer_inv_range(pa, pa + len);
	outer_flush_range(pa, pa + len);
	/* An unaligned invalidate keeps the bytes around it in the same lines. */
	outer_inv_range(pa + 5, pa + 100);
	outer_sync();
	for (i = 0; i < len; i++)
		ok &= buf[i] == (u8)(i * 7 + 1);
	KTEST_EXPECT_TRUE(t, ok);
	kfree(buf);
}

static struct ktest_case arm_devices_cases[] = {
	KTEST_CASE(the_system_clock_advances),
	KTEST_CASE(the_clock_rate_agrees_with_the_24mhz_counter),
	KTEST_CASE(jiffies_and_the_timer_interrupt_count_advance),
	KTEST_CASE(a_software_interrupt_reaches_its_handler),
	KTEST_CASE(an_interrupt_without_a_handler_is_reported_with_its_number),
	KTEST_CASE(the_pl310_is_enabled_when_the_dt_has_one),
	KTEST_CASE(outer_cache_maintenance_keeps_the_data),
	{}
};

static struct ktest_suite arm_devices_suite = {
	.name = "arm_devices",
	.cases = arm_devices_cases,
	.init = arm_devices_init,
};
ktest_register(arm_devices_suite);

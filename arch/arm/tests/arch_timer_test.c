// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "arch_timer": the ARMv7 generic timer driver
 * (drivers/clocksource/arm_arch_timer.c) on the CPU it runs on: which
 * timer it drives at PL1 (the virtual one, unless the node lacks its PPI
 * or says no firmware ran), where its rate comes from, and that ticks missed
 * while interrupts were masked are skipped rather than replayed. Skipped,
 * with the reason, when the system clock is not the generic timer (the
 * Cortex-A9 of vexpress-a9 has none).
 *
 * Waiting is bounded by loop iterations over the counter, never by a
 * wall-clock limit.
 */
#define pr_fmt(fmt) "arch_timer_test: " fmt

#include <contig/arch.h>
#include <contig/clocksource.h>
#include <contig/irq.h>
#include <contig/ktest.h>
#include <contig/of.h>
#include <contig/string.h>
#include <asm/arch_timer.h>
#include <libfdt.h>

#define WAIT_ITERATIONS (1UL << 28)

static int arch_timer_test_init(struct ktest *t)
{
	const struct clocksource *cs = clocksource_current();

	if (!cs || strcmp(cs->name, "arch_sys_counter"))
		ktest_skip(t, "the system clock is %s, not the generic timer",
			   cs ? cs->name : "missing");
	return 0;
}

static int timer_node(void)
{
	return fdt_node_offset_by_compatible(initial_boot_params, -1,
					     "arm,armv7-timer");
}

/*
 * The "interrupts" entry the driver should have picked (its rules: the
 * secure physical timer when no firmware ran, else the virtual one, else
 * the non-secure physical one) and whether that is the virtual timer.
 */
static int expected_timer(int node, bool *virt)
{
	const void *fdt = initial_boot_params;
	int which = 1;

	if (fdt_getprop(fdt, node, "arm,cpu-registers-not-fw-configured", NULL))
		which = 0;
	else if (of_get_irq(fdt, node, 2) >= 0)
		which = 2;
	*virt = which == 2;
	return which;
}

/* False (and the case skipped) when the driver started no tick. */
static bool needs_tick(struct ktest *t)
{
	if (t->skipped)
		return false;
	if (tick_irq() >= 0)
		return true;
	ktest_skip(t, "no tick (the boot log says why)");
	return false;
}

static void
the_timer_the_node_allows_ticks_and_the_other_is_left_alone(struct ktest *t)
{
	int node = timer_node(), which;
	bool virt;

	if (!needs_tick(t))
		return;
	KTEST_ASSERT_GE(t, node, 0);
	which = expected_timer(node, &virt);
	KTEST_EXPECT_EQ(t,
			arch_timer_get_ctrl(virt) & (ARCH_TIMER_CTRL_ENABLE |
						     ARCH_TIMER_CTRL_IMASK),
			ARCH_TIMER_CTRL_ENABLE);
	KTEST_EXPECT_EQ(t, arch_timer_get_ctrl(!virt) & ARCH_TIMER_CTRL_ENABLE,
			0);
	KTEST_EXPECT_EQ(t, tick_irq(),
			of_get_irq(initial_boot_params, node, which));
	/* The virtual timer is PPI 11 (GIC ID 27) by the architecture. */
	if (virt)
		KTEST_EXPECT_EQ(t, tick_irq(), 27);
	ktest_info(t, "%s timer, interrupt %d", virt ? "virtual" : "physical",
		   tick_irq());
}

static void
the_rate_is_cntfrq_unless_the_node_gives_clock_frequency(struct ktest *t)
{
	const struct clocksource *cs = clocksource_current();
	int node = timer_node();
	u32 dt;

	if (t->skipped)
		return;
	KTEST_ASSERT_GE(t, node, 0);
	dt = of_read_u32(initial_boot_params, node, "clock-frequency", 0);
	KTEST_EXPECT_EQ(t, cs->freq_hz, dt ? dt : arch_timer_get_cntfrq());
	ktest_info(t, "CNTFRQ %u Hz, clock-frequency %u",
		   (unsigned int)arch_timer_get_cntfrq(), (unsigned int)dt);
}

/* Spin until the counter has advanced @ticks; false when the cap is hit. */
static bool spin_counter(u64 ticks)
{
	const struct clocksource *cs = clocksource_current();
	u64 end = cs->read() + ticks;
	unsigned long i;

	for (i = 0; i < WAIT_ITERATIONS; i++)
		if ((s64)(cs->read() - end) >= 0)
			return true;
	return false;
}

static void
ticks_missed_with_interrupts_masked_are_skipped_not_replayed(struct ktest *t)
{
	const struct clocksource *cs = clocksource_current();
	u64 period, j0, j1, masked, now, cval;
	unsigned long flags, i;
	unsigned int cpu;
	bool virt, spun, pending = false;

	if (!needs_tick(t))
		return;
	expected_timer(timer_node(), &virt);
	period = cs->freq_hz / TICK_HZ;
	flags = arch_irq_save();
	/* This CPU's ticks: its timer is the one masked here. */
	cpu = arch_cpu_id();
	j0 = tick_count(cpu);
	/* Twenty periods with the tick pending but not taken. */
	spun = spin_counter(20 * period);
	now = virt ? arch_counter_get_cntvct() : arch_counter_get_cntpct();
	/*
	 * The counter is past the compare value, but ISTATUS may lag it: QEMU
	 * (TCG, no icount) sets it only when its own timer callback runs, on
	 * a host thread a loaded host can hold back any time while the vCPU
	 * reads the counter. So wait for the event rather than for more time,
	 * and check the deadline itself against the counter: a timer set too
	 * far ahead fails on that, one that never fires once the cap is hit.
	 */
	for (i = 0; i < WAIT_ITERATIONS; i++) {
		pending = arch_timer_get_ctrl(virt) & ARCH_TIMER_CTRL_ISTATUS;
		if (pending)
			break;
		arch_cpu_relax();
	}
	cval = arch_timer_get_cval(virt);
	masked = tick_count(cpu);
	/* Unmasked before any assertion can return. */
	arch_irq_restore(flags);
	KTEST_ASSERT_TRUE(t, spun);
	KTEST_EXPECT_EQ(t, masked, j0);
	KTEST_EXPECT_LE(t, cval, now);
	KTEST_EXPECT_TRUE(t, pending);
	for (i = 0; i < WAIT_ITERATIONS && tick_count(cpu) == j0; i++)
		arch_cpu_relax();
	j1 = tick_count(cpu);
	/*
	 * One interrupt for the twenty periods (a replay would give 20 at
	 * once); the slack allows a few ordinary ticks should the host stall
	 * the guest between the unmask and this read.
	 */
	KTEST_EXPECT_GE(t, j1 - j0, 1);
	KTEST_EXPECT_LT(t, j1 - j0, 10);
	ktest_info(t, "%llu tick(s) after 20 masked periods",
		   (unsigned long long)(j1 - j0));
}

static struct ktest_case arch_timer_cases[] = {
	KTEST_CASE(the_timer_the_node_allows_ticks_and_the_other_is_left_alone),
	KTEST_CASE(the_rate_is_cntfrq_unless_the_node_gives_clock_frequency),
	KTEST_CASE(
		ticks_missed_with_interrupts_masked_are_skipped_not_replayed),
	{}
};

static struct ktest_suite arch_timer_suite = {
	.name = "arch_timer",
	.cases = arch_timer_cases,
	.init = arch_timer_test_init,
};
ktest_register(arch_timer_suite);

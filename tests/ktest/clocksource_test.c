// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "clocksource": the tick-to-nanosecond conversion of
 * lib/clocksource.c (mult/shift with split 32x32 multiplies) over long
 * uptimes and common counter rates, and the interrupt core's argument
 * checks. Runs on every port.
 */
#include <contig/clocksource.h>
#include <contig/errno.h>
#include <contig/irq.h>
#include <contig/ktest.h>

u64 clocksource_cyc2ns_for_test(u64 cycles, u64 freq_hz);

/* Exact ns for @cycles at @freq (the test may divide; the read path does not). */
static u64 exact_ns(u64 cycles, u64 freq)
{
	return cycles / freq * 1000000000ULL + cycles % freq * 1000000000ULL / freq;
}

static void check_rate(struct ktest *t, u64 freq, u64 cycles)
{
	u64 got = clocksource_cyc2ns_for_test(cycles, freq);
	u64 want = exact_ns(cycles, freq);
	u64 diff = got > want ? got - want : want - got;

	/* Within one part per million (plus 1 ns of rounding). */
	if (!KTEST_EXPECT_LE(t, diff, want / 1000000 + 1))
		ktest_info(t, "freq %llu cycles %llu: got %llu ns, want %llu ns",
			   (unsigned long long)freq, (unsigned long long)cycles,
			   (unsigned long long)got, (unsigned long long)want);
}

static void cyc2ns_is_accurate_for_one_second_and_ten_years(struct ktest *t)
{
	static const u64 rates[] = { 32768, 1000000, 24000000, 62500000, 100000000,
				     400000000, 1000000000, 3000000000ULL };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rates); i++) {
		check_rate(t, rates[i], rates[i]);                    /* 1 s */
		check_rate(t, rates[i], rates[i] * 3600);             /* 1 h */
		check_rate(t, rates[i], rates[i] * 86400ULL * 3653);  /* 10 y */
	}
}

static void cyc2ns_is_monotonic_across_the_32_bit_boundary(struct ktest *t)
{
	u64 c;

	for (c = 0xffffff00ULL; c < 0x100000100ULL; c += 0x10)
		KTEST_EXPECT_LE(t, clocksource_cyc2ns_for_test(c, 100000000),
				clocksource_cyc2ns_for_test(c + 1, 100000000));
	KTEST_EXPECT_EQ(t, clocksource_cyc2ns_for_test(0, 24000000), 0);
}

static void clocksource_read_ns_never_goes_backwards(struct ktest *t)
{
	u64 prev = clocksource_read_ns(), now;
	int i;

	if (!clocksource_current())
		KTEST_EXPECT_EQ(t, prev, 0);
	for (i = 0; i < 1000; i++) {
		now = clocksource_read_ns();
		KTEST_ASSERT_GE(t, now, prev);
		prev = now;
	}
}

static void request_irq_rejects_bad_arguments(struct ktest *t)
{
	static int dev;

	KTEST_EXPECT_EQ(t, request_irq(NR_IRQS, NULL, &dev), -EINVAL);
	KTEST_EXPECT_EQ(t, irq_count(NR_IRQS + 5), 0);
}

static struct ktest_case clocksource_cases[] = {
	KTEST_CASE(cyc2ns_is_accurate_for_one_second_and_ten_years),
	KTEST_CASE(cyc2ns_is_monotonic_across_the_32_bit_boundary),
	KTEST_CASE(clocksource_read_ns_never_goes_backwards),
	KTEST_CASE(request_irq_rejects_bad_arguments),
	{}
};

static struct ktest_suite clocksource_suite = {
	.name = "clocksource",
	.cases = clocksource_cases,
};
ktest_register(clocksource_suite);

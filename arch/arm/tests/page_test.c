// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "arm_page": the ARM port's arch_copy_clear_pages() on both of
 * its loops - the fused one of page.S, which needs the 32 doubleword
 * registers of VFPv3-D32 (QEMU's Cortex-A9 has them), and arch_copy_pages()
 * then arch_zero_pages(), which a CPU with 16 takes - by flipping
 * arm_copy_clear_d32 around the shared check (tests/ktest/copy_clear_check.h).
 * And the fused loop under interrupts: another CPU keeps sending
 * call-function IPIs, whose handler uses the VFP too, while this one copies
 * and clears; the data and the zeroes must come through. ARM-only: built from arch/arm/tests/ (Kbuild, CONFIG_KTEST).
 */
#define pr_fmt(fmt) "arm_page_test: " fmt

#include <contig/arch.h>
#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/smp.h>

#include "../internal.h"
#include "../../../tests/ktest/copy_clear_check.h"

static const unsigned long copy_clear_sizes[] = { 1, 2, 64 };

static bool cpu_has_d32(void)
{
	u32 mvfr0;

	__asm__ __volatile__("vmrs %0, mvfr0" : "=r"(mvfr0));
	return (mvfr0 & 0xf) == 2;
}

static void boot_chose_the_loop_that_mvfr0_allows(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, arm_copy_clear_d32, cpu_has_d32());
}

/*
 * Fill d16-d31 with ones, so that a fused loop that relied on finding them
 * zero (they are, at reset, under QEMU) would leave ones in the source. No
 * C code of the image touches them (page.S's comment): they stay so until
 * the call under test.
 */
static void dirty_d16_d31(void)
{
	static const u64 ones[16] __aligned(8) = {
		~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL,
		~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL,
	};

	__asm__ __volatile__(".fpu vfpv3\n\tvldmia %0, {d16-d31}\n\t.fpu vfpv3-d16"
			     : : "r"(ones) : "memory");
}

/* The check for every size with arm_copy_clear_d32 = @d32, then restored. */
static void check_loop(struct ktest *t, bool d32)
{
	bool saved = arm_copy_clear_d32;
	unsigned int i;

	WRITE_ONCE(arm_copy_clear_d32, d32);
	for (i = 0; i < ARRAY_SIZE(copy_clear_sizes); i++) {
		if (d32)
			dirty_d16_d31();
		copy_clear_check(t, copy_clear_sizes[i]);
	}
	WRITE_ONCE(arm_copy_clear_d32, saved);
}

static void the_fused_loop_copies_and_zeroes_the_source(struct ktest *t)
{
	if (!cpu_has_d32()) {
		ktest_skip(t, "this CPU's VFP has 16 doubleword registers (MVFR0)");
		return;
	}
	check_loop(t, true);
}

static void copy_then_zero_does_the_same_without_d16_d31(struct ktest *t)
{
	check_loop(t, false);
}

#define STORM_ORDER 6
#define STORM_PAGES (1u << STORM_ORDER)
#define STORM_ROUNDS 200
#define STORM_MAX_IPIS 2000000

struct irq_storm {
	unsigned int target;	/* the CPU that copies */
	bool stop;
	u8 *a, *b;		/* STORM_PAGES each */
	u8 scratch[2][PAGE_SIZE] __aligned(PAGE_SIZE);
};

/* In interrupt context on the copying CPU: d0-d15 through a VFP copy. */
static void use_vfp_in_irq(void *arg)
{
	struct irq_storm *s = arg;

	arch_copy_pages(s->scratch[0], s->scratch[1], PAGE_SIZE);
}

/*
 * Index 0 (the calling CPU) copies @a to @b and back, clearing the source
 * each time, with no check in between so that nearly all its time is in
 * the fused loop; index 1 interrupts it meanwhile.
 */
static void copy_or_interrupt(unsigned int index, void *arg)
{
	struct irq_storm *s = arg;
	unsigned int i;

	if (index == 0) {
		for (i = 0; i < STORM_ROUNDS; i++)
			arch_copy_clear_pages(i & 1 ? s->a : s->b, i & 1 ? s->b : s->a,
					      STORM_PAGES * PAGE_SIZE);
		__atomic_store_n(&s->stop, true, __ATOMIC_RELEASE);
		return;
	}
	if (index != 1)
		return;
	/* Bounded by a count as well: it never waits on the copier for ever. */
	for (i = 0; i < STORM_MAX_IPIS && !__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE); i++)
		smp_call_function_many(cpumask_of(s->target), use_vfp_in_irq, s);
}

/*
 * The whole interrupt path (entry.S, the GIC driver, the IPI and the
 * call-function handlers) runs between blocks of the fused loop, with the
 * handler's own VFP copy on top: d16-d31 (the zeroes, live through the
 * whole call) and the core registers must come back as they were, or
 * the data or the zeroes would be wrong at the end - after an even
 * number of rounds @a holds the pattern again and @b the zeroes of the
 * last round. QEMU takes interrupts between translation blocks only, so
 * there never between a block's vldmia and its vstmia (where d0-d15 are
 * live too: entry.S saves d0-d7, the handler d8-d15); hardware can.
 */
static void the_fused_loop_survives_interrupts_that_use_the_vfp(struct ktest *t)
{
	static struct irq_storm s;
	unsigned long before, taken, i, bad_a = 0, bad_b = 0;
	unsigned int order = STORM_ORDER;

	if (!cpu_has_d32() || arch_nr_cpus() < 2) {
		ktest_skip(t, "needs 32 doubleword registers and two CPUs (have %u)",
			   arch_nr_cpus());
		return;
	}
	KTEST_ASSERT_FALSE(t, arch_irqs_disabled());
	s.a = get_free_pages(GFP_KERNEL, order);
	s.b = get_free_pages(GFP_KERNEL, order);
	if (!s.a || !s.b) {
		ktest_fail(t, __FILE__, __LINE__, "no order-%u blocks", order);
		goto out;
	}
	for (i = 0; i < STORM_PAGES * PAGE_SIZE; i++) {
		s.a[i] = copy_clear_src_byte(i);
		s.b[i] = copy_clear_dst_byte(i);
	}
	s.target = arch_cpu_id();
	s.stop = false;
	before = smp_call_function_count(s.target);
	arch_smp_run(2, copy_or_interrupt, &s);
	taken = smp_call_function_count(s.target) - before;
	for (i = 0; i < STORM_PAGES * PAGE_SIZE; i++) {
		bad_a += s.a[i] != copy_clear_src_byte(i);
		bad_b += s.b[i] != 0;
	}
	KTEST_EXPECT_EQ(t, bad_a, 0);
	KTEST_EXPECT_EQ(t, bad_b, 0);
	ktest_info(t, "%lu interrupts taken during %u rounds of %u pages", taken, STORM_ROUNDS,
		   STORM_PAGES);
	if (!t->failed && !taken)
		ktest_skip(t, "no interrupt landed while copying (the data were right)");
out:
	if (s.a)
		free_pages(s.a, order);
	if (s.b)
		free_pages(s.b, order);
	s.a = s.b = NULL;
}

static struct ktest_case arm_page_cases[] = {
	KTEST_CASE(boot_chose_the_loop_that_mvfr0_allows),
	KTEST_CASE(the_fused_loop_copies_and_zeroes_the_source),
	KTEST_CASE(copy_then_zero_does_the_same_without_d16_d31),
	KTEST_CASE(the_fused_loop_survives_interrupts_that_use_the_vfp),
	{}
};

static struct ktest_suite arm_page_suite = { .name = "arm_page", .cases = arm_page_cases };
ktest_register(arm_page_suite);

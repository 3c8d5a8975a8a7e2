// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "bitmap": the lib/bitmap.c helpers the CMA areas and the
 * coherent pools share, and the power-of-two orders of include/contig.
 */
#include <contig/bitmap.h>
#include <contig/ktest.h>
#include <contig/mm.h>

static void bitmap_largest_zero_run_finds_the_longest_clear_run(struct ktest *t)
{
	unsigned long map[BITS_TO_LONGS(200)] = { 0 };

	KTEST_EXPECT_EQ(t, bitmap_largest_zero_run(map, 200), 200UL);
	KTEST_EXPECT_EQ(t, bitmap_largest_zero_run(map, 0), 0UL);
	bitmap_set(map, 10, 5);   /* clear: 0-9, 15-69, 71-199 */
	bitmap_set(map, 70, 1);
	KTEST_EXPECT_EQ(t, bitmap_largest_zero_run(map, 200), 129UL);
	/* A run that ends at @size counts only up to @size. */
	KTEST_EXPECT_EQ(t, bitmap_largest_zero_run(map, 100), 55UL);
	bitmap_set(map, 71, 129); /* clear: 0-9, 15-69 */
	KTEST_EXPECT_EQ(t, bitmap_largest_zero_run(map, 200), 55UL);
	bitmap_set(map, 0, 200);
	KTEST_EXPECT_EQ(t, bitmap_largest_zero_run(map, 200), 0UL);
}

static void bitmap_weight_counts_set_bits_below_size(struct ktest *t)
{
	unsigned long map[BITS_TO_LONGS(200)] = { 0 };

	KTEST_EXPECT_EQ(t, bitmap_weight(map, 200), 0UL);
	bitmap_set(map, 3, 100);
	KTEST_EXPECT_EQ(t, bitmap_weight(map, 200), 100UL);
	KTEST_EXPECT_EQ(t, bitmap_weight(map, 50), 47UL);
}

static void order_base_2_rounds_up_and_dma_align_order_caps_at_a_pageblock(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, order_base_2(0), 0U);
	KTEST_EXPECT_EQ(t, order_base_2(1), 0U);
	KTEST_EXPECT_EQ(t, order_base_2(2), 1U);
	KTEST_EXPECT_EQ(t, order_base_2(3), 2U);
	KTEST_EXPECT_EQ(t, order_base_2(4), 2U);
	KTEST_EXPECT_EQ(t, order_base_2(5), 3U);
	KTEST_EXPECT_EQ(t, order_base_2(1ULL << 40), 40U);
	KTEST_EXPECT_EQ(t, order_base_2((1ULL << 40) + 1), 41U);
	KTEST_EXPECT_EQ(t, dma_align_order(3), 2U);
	KTEST_EXPECT_EQ(t, dma_align_order(pageblock_nr_pages), (unsigned int)pageblock_order);
	KTEST_EXPECT_EQ(t, dma_align_order(pageblock_nr_pages * 4 + 1),
			(unsigned int)pageblock_order);
}

static struct ktest_case bitmap_cases[] = {
	KTEST_CASE(bitmap_largest_zero_run_finds_the_longest_clear_run),
	KTEST_CASE(bitmap_weight_counts_set_bits_below_size),
	KTEST_CASE(order_base_2_rounds_up_and_dma_align_order_caps_at_a_pageblock),
	{}
};

static struct ktest_suite bitmap_suite = { .name = "bitmap", .cases = bitmap_cases };
ktest_register(bitmap_suite);

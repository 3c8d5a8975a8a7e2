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

/*
 * find_next_bit()/find_next_zero_bit() against a bit-by-bit answer, from
 * every start, over sizes that end inside a word and on a word boundary,
 * with whole words of ones and of zeroes to pass over.
 */
static unsigned long naive_next(const unsigned long *map, unsigned long size,
				unsigned long start, bool set)
{
	for (; start < size; start++)
		if (test_bit(start, map) == set)
			return start;
	return size;
}

static void find_next_bit_and_zero_bit_agree_with_a_bit_by_bit_search(struct ktest *t)
{
	static const unsigned long sizes[] = { 0, 1, 31, 32, 33, 64, 95, 96, 130, 256 };
	unsigned long map[BITS_TO_LONGS(256)] = { 0 }, bad = 0, s, i, z;

	bitmap_set(map, 5, 1);
	bitmap_set(map, 32, 64);  /* two whole words of ones */
	bitmap_set(map, 100, 27); /* ends inside the fourth word */
	bitmap_set(map, 129, 1);  /* the word of size 130's last bit */
	bitmap_set(map, 192, 64); /* the last word, full */
	for (s = 0; s < ARRAY_SIZE(sizes); s++)
		for (i = 0; i <= sizes[s] + 1; i++) {
			bad += find_next_bit(map, sizes[s], i) != naive_next(map, sizes[s], i, true);
			bad += find_next_zero_bit(map, sizes[s], i) !=
			       naive_next(map, sizes[s], i, false);
		}
	KTEST_EXPECT_EQ(t, bad, 0UL);
	/* 64 clear bits from 128, aligned to 32: only 128-191 has them... */
	z = bitmap_find_next_zero_area_off(map, 256, 0, 64, 31, 0);
	KTEST_EXPECT_EQ(t, z, 257UL); /* ...but 129 is set: none */
	KTEST_EXPECT_EQ(t, bitmap_find_next_zero_area_off(map, 256, 0, 62, 1, 0), 130UL);
	KTEST_EXPECT_EQ(t, bitmap_find_next_zero_area_off(map, 256, 0, 20, 0, 0), 6UL);
	KTEST_EXPECT_EQ(t, bitmap_find_next_zero_area_off(map, 256, 0, 4, 3, 1), 7UL);
}

/*
 * The whole-word pass goes eight words a step: a lone set bit among
 * zeroes, and a lone clear bit among ones, at every position of a 24-word
 * map, is found from in front of it (from the start, from inside its own
 * group of eight words), and a size that ends before it hides it.
 */
static void find_next_finds_a_lone_bit_at_every_position(struct ktest *t)
{
	enum { WORDS = 24, BITS = WORDS * BITS_PER_LONG };
	unsigned long ones[WORDS], zeroes[WORDS], b, bad = 0, first_bad = ~0UL;

	for (b = 0; b < WORDS; b++) {
		ones[b] = ~0UL;
		zeroes[b] = 0;
	}
	for (b = 0; b < BITS; b++) {
		const unsigned long starts[] = { 0, 1, BITS_PER_LONG, b & ~(8UL * BITS_PER_LONG - 1),
						 b ? b - 1 : 0, b, b + 1 };
		const unsigned long sizes[] = { BITS, BITS - 3, b + 1, b };
		unsigned long i, j;

		__set_bit(b, zeroes);
		__clear_bit(b, ones);
		for (i = 0; i < ARRAY_SIZE(starts); i++) {
			for (j = 0; j < ARRAY_SIZE(sizes); j++) {
				unsigned long want = starts[i] <= b && b < sizes[j] ? b : sizes[j];

				if (find_next_bit(zeroes, sizes[j], starts[i]) != want ||
				    find_next_zero_bit(ones, sizes[j], starts[i]) != want) {
					bad++;
					first_bad = min(first_bad, b);
				}
			}
		}
		__clear_bit(b, zeroes);
		__set_bit(b, ones);
	}
	if (bad)
		ktest_info(t, "first wrong answer for the bit at %lu", first_bad);
	KTEST_EXPECT_EQ(t, bad, 0UL);
}

static struct ktest_case bitmap_cases[] = {
	KTEST_CASE(bitmap_largest_zero_run_finds_the_longest_clear_run),
	KTEST_CASE(bitmap_weight_counts_set_bits_below_size),
	KTEST_CASE(find_next_bit_and_zero_bit_agree_with_a_bit_by_bit_search),
	KTEST_CASE(find_next_finds_a_lone_bit_at_every_position),
	KTEST_CASE(order_base_2_rounds_up_and_dma_align_order_caps_at_a_pageblock),
	{}
};

static struct ktest_suite bitmap_suite = { .name = "bitmap", .cases = bitmap_cases };
ktest_register(bitmap_suite);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "overflow": every allocation API given a size, a page count,
 * an alignment or a hint whose arithmetic overflows (a size within a page
 * of 2^N, counts near ULONG_MAX, alignments of 2^63) must fail cleanly:
 * NULL or a negative errno, nothing held, nothing leaked, no panic and no
 * endless loop. Each case checks the free counts before and after.
 */
#define pr_fmt(fmt) "overflow_test: " fmt

#include <contig/alloc_contig.h>
#include <contig/cma.h>
#include <contig/cma_dev.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/mm_debug.h>
#include <contig/slab.h>
#include <contig/string.h>

#include "dma_test_util.h"

/* Sizes whose page count wraps (PFN_UP) or whose byte count does not fit. */
static const size_t huge_sizes[] = {
	~(size_t)0,
	~(size_t)0 - PAGE_SIZE + 2,
	~(size_t)0 - PAGE_SIZE + 1,
	~(size_t)0 - PAGE_SIZE,
	~(size_t)0 / 2 + 1,
};

static void held(struct device *dev, unsigned long *buffers, unsigned long *pages)
{
	dma_buffer_count(dev, buffers, pages);
}

static void dma_alloc_of_a_size_near_the_top_fails_cleanly_on(struct ktest *t, const char *name)
{
	struct device *dev = dmatest_device(t, name);
	unsigned long b0, p0, b1, p1, free0, free1;
	char log[DMATEST_LOG];
	unsigned int i;

	if (!dev)
		return;
	held(dev, &b0, &p0);
	free0 = nr_free_pages();
	for (i = 0; i < ARRAY_SIZE(huge_sizes); i++) {
		dma_addr_t h = 0x1234;
		void *p;

		printk_capture_begin(log, sizeof(log));
		p = dma_alloc_coherent(dev, huge_sizes[i], &h, GFP_KERNEL);
		printk_capture_end();
		if (!KTEST_EXPECT_NULL(t, p)) {
			ktest_info(t, "%s: size %#zx gave %p", name, huge_sizes[i], p);
			dma_free_coherent(dev, huge_sizes[i], p, h);
			continue;
		}
		/* One message naming the device; quiet with __GFP_NOWARN. */
		DMATEST_EXPECT_LOG(t, log, name);
		printk_capture_begin(log, sizeof(log));
		p = dma_alloc_attrs(dev, huge_sizes[i], &h, GFP_KERNEL | __GFP_NOWARN,
				    DMA_ATTR_WRITE_COMBINE);
		printk_capture_end();
		KTEST_EXPECT_NULL(t, p);
		KTEST_EXPECT_EQ(t, strlen(log), 0);
	}
	held(dev, &b1, &p1);
	free1 = nr_free_pages();
	KTEST_EXPECT_EQ(t, b1, b0);
	KTEST_EXPECT_EQ(t, p1, p0);
	/* Per-CPU lists may keep a few pages of the message buffers. */
	KTEST_EXPECT_LE(t, free0, free1 + 64);
}

static void dma_alloc_near_the_top_through_a_cma_region(struct ktest *t)
{
	dma_alloc_of_a_size_near_the_top_fails_cleanly_on(t, "dmatest-single");
}

static void dma_alloc_near_the_top_through_the_default_area(struct ktest *t)
{
	dma_alloc_of_a_size_near_the_top_fails_cleanly_on(t, "dmatest-plain");
}

static void dma_alloc_near_the_top_through_a_coherent_pool(struct ktest *t)
{
	dma_alloc_of_a_size_near_the_top_fails_cleanly_on(t, "dmatest-pool");
}

static void dma_free_of_an_overflowing_size_is_refused(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-single");
	char log[DMATEST_LOG];
	dma_addr_t h;
	void *p;

	if (!dev)
		return;
	p = dma_alloc_coherent(dev, PAGE_SIZE, &h, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	/* A size whose page count wraps to 0 must not match anything. */
	printk_capture_begin(log, sizeof(log));
	dma_free_coherent(dev, ~(size_t)0, p, h);
	printk_capture_end();
	DMATEST_EXPECT_LOG(t, log, "refused");
	dma_free_coherent(dev, PAGE_SIZE, p, h);
}

static void kmalloc_of_a_size_near_the_top_returns_null(struct ktest *t)
{
	unsigned long objs0, pages0, objs1, pages1;
	unsigned int i;

	kmalloc_stats(&objs0, &pages0);
	for (i = 0; i < ARRAY_SIZE(huge_sizes); i++) {
		void *p = kmalloc(huge_sizes[i], GFP_KERNEL | __GFP_NOWARN);

		if (!KTEST_EXPECT_NULL(t, p)) {
			ktest_info(t, "kmalloc(%#zx) gave %p", huge_sizes[i], p);
			kfree(p);
		}
		KTEST_EXPECT_NULL(t, kzalloc(huge_sizes[i], GFP_KERNEL | __GFP_NOWARN));
	}
	KTEST_EXPECT_NULL(t, kcalloc(~(size_t)0, ~(size_t)0, GFP_KERNEL));
	KTEST_EXPECT_NULL(t, kcalloc(2, ~(size_t)0 / 2 + 1, GFP_KERNEL));
	kmalloc_stats(&objs1, &pages1);
	KTEST_EXPECT_EQ(t, objs1, objs0);
	KTEST_EXPECT_EQ(t, pages1, pages0);
}

static void cma_alloc_of_a_count_or_alignment_near_the_top_returns_null(struct ktest *t)
{
	struct cma *cma = dmatest_region(t, "video");
	static const unsigned long counts[] = { ~0UL, ~0UL - 1, ~0UL / 2 + 1, 1UL << (8 * sizeof(long) - 8) };
	struct cma_stats s0, s1;
	unsigned int i;

	if (!cma)
		return;
	cma_get_stats(cma, &s0);
	for (i = 0; i < ARRAY_SIZE(counts); i++)
		KTEST_EXPECT_NULL(t, cma_alloc(cma, counts[i], 0, CMA_ALLOC_NOWARN));
	KTEST_EXPECT_NULL(t, cma_alloc(cma, 1, 8 * sizeof(long) - 1, CMA_ALLOC_NOWARN));
	KTEST_EXPECT_NULL(t, cma_alloc(cma, 1, 8 * sizeof(long), CMA_ALLOC_NOWARN));
	KTEST_EXPECT_NULL(t, cma_alloc(cma, 1, ~0U, CMA_ALLOC_NOWARN));
	cma_get_stats(cma, &s1);
	KTEST_EXPECT_EQ(t, s1.used, s0.used);
	KTEST_EXPECT_EQ(t, s1.allocs, s0.allocs);
}

static void cma_dev_alloc_of_a_count_near_the_top_returns_null(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-single");
	unsigned long b0, p0, b1, p1;

	if (!dev)
		return;
	held(dev, &b0, &p0);
	KTEST_EXPECT_NULL(t, cma_dev_alloc(dev, NULL, ~0UL, 0, CMA_ALLOC_NOWARN, NULL));
	KTEST_EXPECT_NULL(t, cma_dev_alloc(dev, NULL, ~0UL / 2 + 1, 0, CMA_ALLOC_NOWARN, NULL));
	KTEST_EXPECT_NULL(t, cma_dev_alloc(dev, NULL, 1, ~0U, CMA_ALLOC_NOWARN, NULL));
	held(dev, &b1, &p1);
	KTEST_EXPECT_EQ(t, b1, b0);
	KTEST_EXPECT_EQ(t, p1, p0);
}

/* alloc_contig_pages() must refuse: give back what it carved if it did not. */
#define EXPECT_NO_CONTIG(t, nr, hint, align)                                            \
	do {                                                                            \
		struct page *__p = alloc_contig_pages(nr, hint, align);                 \
		if (!KTEST_EXPECT_NULL(t, __p))                                         \
			free_contig_range(page_to_pfn(__p), nr);                        \
	} while (0)

static void alloc_contig_of_an_overflowing_range_fails_cleanly(struct ktest *t)
{
	unsigned long free0 = nr_free_pages();

	/* Counts and hints near the top, alignments of 2^(BITS-1). */
	EXPECT_NO_CONTIG(t, ~0UL, 0, 1);
	EXPECT_NO_CONTIG(t, ~0UL / 2 + 1, 0, 1);
	EXPECT_NO_CONTIG(t, 1, ~0UL, 1);
	EXPECT_NO_CONTIG(t, 1, ~0UL, 2);
	EXPECT_NO_CONTIG(t, 1, ~0UL - 5, 16);
	EXPECT_NO_CONTIG(t, 1, 0, 1UL << (8 * sizeof(long) - 1));
	EXPECT_NO_CONTIG(t, 1, 0, 3);
	KTEST_EXPECT_EQ(t, alloc_contig_range(~0UL - 1, ~0UL, ACR_NOWARN), -EINVAL);
	KTEST_EXPECT_EQ(t, alloc_contig_range(16, 8, ACR_NOWARN), -EINVAL);
	KTEST_EXPECT_EQ(t, alloc_contig_range(~0UL, 0, ACR_NOWARN), -EINVAL);
	KTEST_EXPECT_LE(t, free0, nr_free_pages() + 64);
}

static void alloc_pages_of_an_order_near_the_top_returns_null(struct ktest *t)
{
	LIST_HEAD(list);

	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, 8 * sizeof(long)));
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, ~0U));
	KTEST_EXPECT_EQ(t, alloc_pages_bulk(GFP_KERNEL, 0, &list), 0);
	KTEST_EXPECT_TRUE(t, list_empty(&list));
}

static void the_mm_is_consistent_after_the_overflow_cases(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, mm_check_consistency(false), 0);
}

static struct ktest_case overflow_cases[] = {
	KTEST_CASE(dma_alloc_near_the_top_through_a_cma_region),
	KTEST_CASE(dma_alloc_near_the_top_through_the_default_area),
	KTEST_CASE(dma_alloc_near_the_top_through_a_coherent_pool),
	KTEST_CASE(dma_free_of_an_overflowing_size_is_refused),
	KTEST_CASE(kmalloc_of_a_size_near_the_top_returns_null),
	KTEST_CASE(cma_alloc_of_a_count_or_alignment_near_the_top_returns_null),
	KTEST_CASE(cma_dev_alloc_of_a_count_near_the_top_returns_null),
	KTEST_CASE(alloc_contig_of_an_overflowing_range_fails_cleanly),
	KTEST_CASE(alloc_pages_of_an_order_near_the_top_returns_null),
	KTEST_CASE(the_mm_is_consistent_after_the_overflow_cases),
	{}
};

static struct ktest_suite overflow_suite = { .name = "overflow", .cases = overflow_cases };
ktest_register(overflow_suite);

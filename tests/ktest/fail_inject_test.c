// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "fail_inject": a carve that fails anywhere leaves nothing
 * behind (CONFIG_FAIL_INJECT, mm/fail_inject.c).
 *
 * Setup: all of the "camera" area (or the default one) but a hole of
 * FI_HOLE_BLOCKS pageblocks at its end is carved away, and so is every
 * free run of the other CMA areas; a workload (anon pages of 16-page
 * chunks) then fills the hole, so each carve migrates workload pages and
 * verifying them stays cheap.
 *
 * For each fault injection point, in turn for n = 1, 2, ...: arm the
 * point so that its nth call fails, carve with cma_alloc(), release what
 * it gave (a single failure may be retried past), and check full
 * rollback: mm_check_consistency() clean, nr_free_pages() and the area's
 * used pages and largest free run as before (free pages counting the
 * empty pages the slab keeps, with its objects as before: on ARM the
 * first no-target retry gives the slab a page for good), every workload
 * page intact.
 * The walk ends at the first n the carve does not reach, so every call
 * of the point failed once. Then the point fails at every call, and the
 * carve must fail and roll back the same way.
 */
#define pr_fmt(fmt) "fail_inject_test: " fmt

#include <contig/ktest.h>
#include <contig/cma.h>
#include <contig/errno.h>
#include <contig/fail_inject.h>
#include <contig/mm.h>
#include <contig/mm_debug.h>
#include <contig/string.h>
#include <contig/slab.h>
#include <contig/workload.h>

#include "cma_block.h"

#define FI_HOLE_BLOCKS 4
#define FI_SMALL 16       /* pages: one carve inside one pageblock */
#define FI_MAX_STEPS 96   /* more calls than this: the walk is cut short */

struct fi_ctx {
	struct cma *cma;
	struct page *rest;        /* the area minus the hole */
	unsigned long rest_pages;
	unsigned long hole_pfn, hole_pages;
	struct workload *wl;
	struct cma_blockers others;  /* the other areas' free runs */
};

static bool fi_setup(struct ktest *t, struct fi_ctx *c)
{
	struct cma_stats st;

	memset(c, 0, sizeof(*c));
	if (!IS_ENABLED(CONFIG_FAIL_INJECT)) {
		ktest_skip(t, "needs CONFIG_FAIL_INJECT=y");
		return false;
	}
	c->cma = cma_find("camera");
	if (!c->cma)
		c->cma = cma_default_area();
	if (!c->cma) {
		ktest_skip(t, "needs a CMA area (the board's \"camera\" or a default area)");
		return false;
	}
	cma_get_stats(c->cma, &st);
	c->hole_pages = FI_HOLE_BLOCKS * pageblock_nr_pages;
	if (st.used || st.total <= c->hole_pages) {
		ktest_skip(t, "area %s has %lu pages, %lu carved: needs an empty one above %lu",
			   cma_get_name(c->cma), st.total, st.used, c->hole_pages);
		return false;
	}
	cma_block_others(&c->others, &c->cma, 1);
	c->rest_pages = st.total - c->hole_pages;
	c->rest = cma_alloc(c->cma, c->rest_pages, 0, 0);
	if (!KTEST_EXPECT_NOT_NULL(t, c->rest))
		return false;
	c->hole_pfn = page_to_pfn(c->rest) + c->rest_pages;
	if (!KTEST_EXPECT_EQ(t, PFN_PHYS(c->hole_pfn) + PFN_PHYS(c->hole_pages),
			     cma_get_base(c->cma) + cma_get_size(c->cma)))
		goto undo;
	c->wl = workload_create("fail_inject", WORKLOAD_ANON, FI_SMALL, 0);
	if (!KTEST_EXPECT_NOT_NULL(t, c->wl))
		goto undo;
	workload_fill_cma(c->wl, c->cma, 100, (u64)c->hole_pages * PAGE_SIZE);
	if (KTEST_EXPECT_GT(t, workload_pages_in_range(c->wl, c->hole_pfn,
						       c->hole_pfn + c->hole_pages),
			    c->hole_pages / 2))
		return true;
	workload_destroy(c->wl);
undo:
	if (c->rest)
		cma_release(c->cma, c->rest, c->rest_pages);
	cma_unblock(&c->others);
	return false;
}

static void fi_teardown(struct fi_ctx *c)
{
	fail_inject_clear();
	if (c->wl)
		workload_destroy(c->wl);
	if (c->rest)
		cma_release(c->cma, c->rest, c->rest_pages);
	cma_unblock(&c->others);
}

/*
 * One carve of @count pages with @point armed at (@nth, @every); check the
 * rollback. Return: whether the point injected a failure (-1: a check
 * failed).
 */
static int fi_carve(struct ktest *t, struct fi_ctx *c, enum fail_point point,
		    unsigned long count, unsigned long nth, bool every)
{
	struct cma_stats before, after;
	unsigned long free_before, objs_before, slab_before, objs, slab;
	unsigned long bad, injected, calls;
	struct page *page;
	bool ok = true;

	/* Put workload pages back where the last carve took them from. */
	workload_fill_cma(c->wl, c->cma, 100, (u64)count * PAGE_SIZE);
	drain_all_pages();
	free_before = nr_free_pages();
	kmalloc_stats(&objs_before, &slab_before);
	cma_get_stats(c->cma, &before);

	KTEST_EXPECT_EQ(t, fail_inject_set(point, nth, every), 0);
	/*
	 * Aligned like the DMA layer's carves: a failing carve tries a few
	 * dozen windows of the hole, not one per page.
	 */
	page = cma_alloc(c->cma, count, dma_align_order(count), CMA_ALLOC_NOWARN);
	injected = fail_inject_failures(point);
	calls = fail_inject_calls(point);
	fail_inject_clear();

	if (page) {
		unsigned long pfn = page_to_pfn(page);

		ok &= KTEST_EXPECT_TRUE(t, pfn >= c->hole_pfn &&
					       pfn + count <= c->hole_pfn + c->hole_pages);
		ok &= KTEST_EXPECT_TRUE(t, cma_release(c->cma, page, count));
	}
	drain_all_pages();
	bad = mm_check_consistency(true);
	ok &= KTEST_EXPECT_EQ(t, bad, 0);
	/* A page the slab took for a passing kmalloc() stays with it, empty. */
	kmalloc_stats(&objs, &slab);
	ok &= KTEST_EXPECT_EQ(t, objs, objs_before);
	ok &= KTEST_EXPECT_EQ(t, nr_free_pages() + slab, free_before + slab_before);
	cma_get_stats(c->cma, &after);
	ok &= KTEST_EXPECT_EQ(t, after.used, before.used);
	ok &= KTEST_EXPECT_EQ(t, after.largest_free, before.largest_free);
	bad = workload_verify(c->wl);
	ok &= KTEST_EXPECT_EQ(t, bad, 0);
	if (every && point != FAIL_MIGRATE_TARGET)
		ok &= KTEST_EXPECT_NULL(t, page);
	if (!ok) {
		ktest_info(t, "%s failing at call %lu%s: carve of %lu pages %s, %lu calls, %lu injected",
			   fail_inject_name(point), nth, every ? " and every multiple" : "", count,
			   page ? "succeeded" : "failed", calls, injected);
		return -1;
	}
	return injected > 0;
}

/* Fail each call of @point in turn, then every call. */
static void fail_each_call(struct ktest *t, enum fail_point point, unsigned long count)
{
	struct fi_ctx c;
	unsigned long n;
	int ret = 1;

	if (!fi_setup(t, &c))
		return;
	for (n = 1; n <= FI_MAX_STEPS && ret > 0; n++)
		ret = fi_carve(t, &c, point, count, n, false);
	if (ret >= 0) {
		/* The first n the carve did not reach ended the walk. */
		KTEST_EXPECT_GT(t, n, 2);
		KTEST_EXPECT_LE(t, n, FI_MAX_STEPS);
		ktest_info(t, "%s: calls 1..%lu of a %lu-page carve failed in turn, each rolled back",
			   fail_inject_name(point), n - 2, count);
		ret = fi_carve(t, &c, point, count, 1, true);
		KTEST_EXPECT_EQ(t, ret, 1);
	}
	fi_teardown(&c);
}

static void a_carve_rolls_back_when_each_migration_target_allocation_fails(struct ktest *t)
{
	fail_each_call(t, FAIL_MIGRATE_TARGET, FI_SMALL);
}

static void a_carve_rolls_back_when_each_pageblock_isolation_fails(struct ktest *t)
{
	/* Three pageblocks: a failure at the second or third undoes the first. */
	fail_each_call(t, FAIL_ISOLATE, 2 * pageblock_nr_pages + FI_SMALL);
}

static void a_carve_rolls_back_when_each_isolation_test_fails(struct ktest *t)
{
	fail_each_call(t, FAIL_TEST_ISOLATED, FI_SMALL);
}

static void a_carve_rolls_back_when_each_take_fails(struct ktest *t)
{
	fail_each_call(t, FAIL_TAKE, FI_SMALL);
}

/* The trigger itself: nth, every nth, disarm, bad points. */
static void fail_inject_fails_the_nth_call_or_every_nth(struct ktest *t)
{
	unsigned int i, hits = 0;

	if (!IS_ENABLED(CONFIG_FAIL_INJECT)) {
		KTEST_EXPECT_EQ(t, fail_inject_set(FAIL_TAKE, 1, false), -EOPNOTSUPP);
		ktest_skip(t, "needs CONFIG_FAIL_INJECT=y");
		return;
	}
	KTEST_EXPECT_EQ(t, fail_inject_set(NR_FAIL_POINTS, 1, false), -EINVAL);
	KTEST_EXPECT_EQ(t, fail_inject_set(FAIL_TAKE, 3, false), 0);
	for (i = 1; i <= 9; i++)
		if (fail_inject(FAIL_TAKE))
			hits |= 1u << i;
	KTEST_EXPECT_EQ(t, hits, 1u << 3);
	KTEST_EXPECT_EQ(t, fail_inject_calls(FAIL_TAKE), 9);
	KTEST_EXPECT_EQ(t, fail_inject_failures(FAIL_TAKE), 1);

	hits = 0;
	KTEST_EXPECT_EQ(t, fail_inject_set(FAIL_TAKE, 3, true), 0);
	for (i = 1; i <= 9; i++)
		if (fail_inject(FAIL_TAKE))
			hits |= 1u << i;
	KTEST_EXPECT_EQ(t, hits, (1u << 3) | (1u << 6) | (1u << 9));
	KTEST_EXPECT_FALSE(t, fail_inject(FAIL_ISOLATE));

	fail_inject_clear();
	KTEST_EXPECT_FALSE(t, fail_inject(FAIL_TAKE));
	KTEST_EXPECT_EQ(t, fail_inject_calls(FAIL_TAKE), 0);
	KTEST_EXPECT_STREQ(t, fail_inject_name(FAIL_TEST_ISOLATED), "test_isolated");
}

static struct ktest_case fail_inject_cases[] = {
	KTEST_CASE(fail_inject_fails_the_nth_call_or_every_nth),
	KTEST_CASE(a_carve_rolls_back_when_each_migration_target_allocation_fails),
	KTEST_CASE(a_carve_rolls_back_when_each_pageblock_isolation_fails),
	KTEST_CASE(a_carve_rolls_back_when_each_isolation_test_fails),
	KTEST_CASE(a_carve_rolls_back_when_each_take_fails),
	{}
};

static struct ktest_suite fail_inject_suite = {
	.name = "fail_inject",
	.cases = fail_inject_cases,
};
ktest_register(fail_inject_suite);

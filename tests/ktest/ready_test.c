// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "ready": the ready reserve of a CMA region (mm/cma.c). The
 * suite holds idle work off and plays the idle CPU itself, calling
 * cma_ready_work(), so nothing refills behind its back. With the "camera"
 * region kept full of anonymous pages: a carve before the worker ran
 * migrates and zeroes by itself; after a refill the same carve takes the
 * reserve with no migration and zeroed pages, and the worker refills it;
 * the worker stops while memory is short and resumes after. Without page
 * poisoning (boot case ready-nopoison: page_poison=off) the frames a
 * carve migrates out are zeroed by the copy that empties them, in a carve
 * whose bitmap of such frames is on the stack and in one whose bitmap is
 * kmalloc'd (CARVE_ZEROED_STACK, mm/contig.c); with poisoning, none is.
 */
#define pr_fmt(fmt) "ready_test: " fmt

#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/mm_debug.h>
#include <contig/mmzone.h>
#include <contig/cma.h>
#include <contig/errno.h>
#include <contig/idle.h>
#include <contig/slab.h>
#include <contig/workload.h>

#define READY_REGION "camera"
#define READY_PAGES 1024UL /* 4 MiB: the carve the reserve must fit */

struct ready_fixture {
	struct cma *cma;
	struct workload *wl;
};

static int ready_test_init(struct ktest *t)
{
	struct cma *cma = cma_find(READY_REGION);
	struct ready_fixture *f;

	if (!cma)
		return 0; /* each case skips */
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	f->cma = cma;
	idle_work_hold();
	f->wl = workload_create("ready", WORKLOAD_ANON, 0, 0);
	if (!f->wl || cma_set_ready(cma, READY_PAGES)) {
		workload_destroy(f->wl);
		idle_work_release();
		kfree(f);
		return -ENOMEM;
	}
	/* Keep the region busy: what a carve has to clear otherwise. */
	workload_fill_cma(f->wl, cma, 90, 0);
	t->priv = f;
	return 0;
}

static void ready_test_exit(struct ktest *t)
{
	struct ready_fixture *f = t->priv;

	if (!f)
		return;
	cma_set_ready(f->cma, 0);
	workload_destroy(f->wl);
	idle_work_release();
	kfree(f);
}

static struct ready_fixture *fixture(struct ktest *t)
{
	if (!t->priv)
		ktest_skip(t, "no region named %s", READY_REGION);
	return t->priv;
}

/* Pages of [@page, +@nr) that are not all zero. */
static unsigned long nonzero_pages(struct page *page, unsigned long nr)
{
	unsigned long i, bad = 0;

	for (i = 0; i < nr; i++) {
		const u64 *w = page_address(page + i);
		size_t k;

		for (k = 0; k < PAGE_SIZE / sizeof(u64); k++)
			if (w[k]) {
				bad++;
				break;
			}
	}
	return bad;
}

/*
 * Frames the carve between @before and @after zeroed by the copy that
 * emptied them: some when it migrated with poisoning off, else none.
 */
static void expect_cleared_by_copy(struct ktest *t, const struct cma_stats *before,
				   const struct cma_stats *after)
{
	unsigned long cleared = after->cleared - before->cleared;

	ktest_info(t, "%lu of %lu migrated frames zeroed by their copy (page poisoning %s)",
		   cleared, after->migrated - before->migrated,
		   page_poisoning_enabled ? "on" : "off");
	if (page_poisoning_enabled || after->migrated == before->migrated)
		KTEST_EXPECT_EQ(t, cleared, 0);
	else
		KTEST_EXPECT_GT(t, cleared, 0);
	KTEST_EXPECT_LE(t, cleared, after->migrated - before->migrated);
}

/* Be the idle CPU until there is nothing left to do (other regions too). */
static unsigned int work_until_idle(void)
{
	unsigned int n = 0;

	while (cma_ready_work())
		n++;
	return n;
}

static struct page *carve(struct ready_fixture *f)
{
	return cma_alloc(f->cma, READY_PAGES, dma_align_order(READY_PAGES), CMA_ALLOC_ZERO);
}

static void ready_carve_before_the_worker_ran_migrates_and_zeroes_itself(struct ktest *t)
{
	struct ready_fixture *f = fixture(t);
	struct cma_stats before, after;
	struct page *page;

	if (!f)
		return;
	cma_get_stats(f->cma, &before);
	KTEST_EXPECT_EQ(t, before.ready, 0);
	ktest_info(t, "region %u%% full", workload_cma_fill_pct(f->cma, PGOWNER_ANON));
	page = carve(f);
	KTEST_ASSERT_NOT_NULL(t, page);
	cma_get_stats(f->cma, &after);
	KTEST_EXPECT_EQ(t, after.ready_hits, before.ready_hits);
	KTEST_EXPECT_GT(t, after.migrated, before.migrated);
	expect_cleared_by_copy(t, &before, &after);
	KTEST_EXPECT_EQ(t, nonzero_pages(page, READY_PAGES), 0);
	KTEST_EXPECT_TRUE(t, cma_release(f->cma, page, READY_PAGES));
	KTEST_EXPECT_EQ(t, workload_verify(f->wl), 0);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

static void ready_reserve_is_refilled_then_serves_a_carve_without_migration(struct ktest *t)
{
	struct ready_fixture *f = fixture(t);
	struct cma_stats before, after;
	struct page *page;

	if (!f)
		return;
	KTEST_EXPECT_GT(t, work_until_idle(), 0);
	cma_get_stats(f->cma, &before);
	KTEST_EXPECT_EQ(t, before.ready, READY_PAGES);
	KTEST_EXPECT_EQ(t, before.ready_refills, 1);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);

	page = carve(f);
	KTEST_ASSERT_NOT_NULL(t, page);
	cma_get_stats(f->cma, &after);
	KTEST_EXPECT_EQ(t, after.ready_hits, before.ready_hits + 1);
	KTEST_EXPECT_EQ(t, after.migrated, before.migrated);
	KTEST_EXPECT_EQ(t, after.discarded, before.discarded);
	KTEST_EXPECT_EQ(t, after.ready, 0);
	KTEST_EXPECT_EQ(t, after.used, before.used + READY_PAGES);
	KTEST_EXPECT_EQ(t, nonzero_pages(page, READY_PAGES), 0);

	/* The worker puts a new reserve aside while the buffer is held. */
	KTEST_EXPECT_GT(t, work_until_idle(), 0);
	cma_get_stats(f->cma, &after);
	KTEST_EXPECT_EQ(t, after.ready, READY_PAGES);
	KTEST_EXPECT_EQ(t, after.ready_refills, 2);
	KTEST_EXPECT_TRUE(t, cma_release(f->cma, page, READY_PAGES));
	KTEST_EXPECT_EQ(t, workload_verify(f->wl), 0);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

/* 8 MiB: more frames than a carve's zeroed bitmap on the stack covers. */
#define READY_LARGE_PAGES (2 * READY_PAGES)

static void ready_carve_larger_than_the_reserve_takes_the_normal_path(struct ktest *t)
{
	struct ready_fixture *f = fixture(t);
	struct cma_stats before, after;
	struct page *page;

	if (!f)
		return;
	KTEST_EXPECT_GT(t, work_until_idle(), 0);
	cma_get_stats(f->cma, &before);
	page = cma_alloc(f->cma, READY_LARGE_PAGES, dma_align_order(READY_LARGE_PAGES),
			 CMA_ALLOC_ZERO);
	KTEST_ASSERT_NOT_NULL(t, page);
	cma_get_stats(f->cma, &after);
	KTEST_EXPECT_EQ(t, after.ready_hits, before.ready_hits);
	KTEST_EXPECT_EQ(t, after.ready, READY_PAGES);
	KTEST_EXPECT_GT(t, after.migrated, before.migrated);
	expect_cleared_by_copy(t, &before, &after);
	KTEST_EXPECT_EQ(t, nonzero_pages(page, READY_LARGE_PAGES), 0);
	KTEST_EXPECT_TRUE(t, cma_release(f->cma, page, READY_LARGE_PAGES));
	KTEST_EXPECT_EQ(t, workload_verify(f->wl), 0);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

static void ready_worker_stops_while_memory_is_short(struct ktest *t)
{
	struct ready_fixture *f = fixture(t);
	struct workload *hog;
	struct cma_stats st;
	unsigned int i;
	bool did = false;

	if (!f)
		return;
	hog = workload_create("hog", WORKLOAD_ANON, 0, __GFP_NOWARN);
	KTEST_ASSERT_NOT_NULL(t, hog);
	workload_fill_until_full(hog, 0);
	ktest_info(t, "hog holds %lu pages", workload_nr_pages(hog));
	work_until_idle();
	cma_get_stats(f->cma, &st);
	KTEST_EXPECT_EQ(t, st.ready, 0);
	workload_destroy(hog);
	/* Memory is back: a later poll refills (polls back off after a failure). */
	for (i = 0; i < 64 && !did; i++) {
		work_until_idle();
		cma_get_stats(f->cma, &st);
		did = st.ready == READY_PAGES;
	}
	KTEST_EXPECT_TRUE(t, did);
	cma_get_stats(f->cma, &st);
	KTEST_EXPECT_EQ(t, st.ready, READY_PAGES);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

static struct ktest_case ready_cases[] = {
	KTEST_CASE(ready_carve_before_the_worker_ran_migrates_and_zeroes_itself),
	KTEST_CASE(ready_reserve_is_refilled_then_serves_a_carve_without_migration),
	KTEST_CASE(ready_carve_larger_than_the_reserve_takes_the_normal_path),
	KTEST_CASE(ready_worker_stops_while_memory_is_short),
	{}
};

static struct ktest_suite ready_suite = {
	.name = "ready",
	.cases = ready_cases,
	.init = ready_test_init,
	.exit = ready_test_exit,
};
ktest_register(ready_suite);

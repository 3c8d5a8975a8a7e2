// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "cma": cma_alloc()/cma_release() and the area queries on the
 * board's regions (the default "linux,cma", "video" and "camera").
 *
 * Cases work on "camera" (or another non-default area when it is missing)
 * and assert exact deltas of cma_get_stats(); nothing else uses the areas
 * while ktest runs.
 */
#define pr_fmt(fmt) "cma_test: " fmt

#include <contig/ktest.h>
#include <contig/of.h>
#include <libfdt.h>
#include <contig/cma.h>
#include <contig/migrate.h>
#include <contig/trace/cma.h>
#include <contig/reserved_mem.h>
#include <contig/movable.h>
#include <contig/workload.h>
#include <contig/string.h>
#include <contig/errno.h>
#include <contig/mmzone.h>

/* An area the cases may fill and empty: "camera", else any non-default. */
static struct cma *test_area(struct ktest *t, const char *avoid)
{
	struct cma *cma = cma_find("camera");
	unsigned int i;

	if (cma && (!avoid || strcmp(cma_get_name(cma), avoid)))
		return cma;
	for (i = 0; i < cma_area_count(); i++) {
		cma = cma_area(i);
		if (!cma_is_default(cma) && (!avoid || strcmp(cma_get_name(cma), avoid)))
			return cma;
	}
	ktest_skip(t, "needs a non-default CMA area (the board's \"camera\" or \"video\")");
	return NULL;
}

static unsigned long area_base_pfn(const struct cma *cma)
{
	return PHYS_PFN(cma_get_base(cma));
}

static unsigned long area_end_pfn(const struct cma *cma)
{
	return PHYS_PFN(cma_get_base(cma) + cma_get_size(cma));
}

static void check_one_alloc(struct ktest *t, struct cma *cma, unsigned long count,
			    unsigned int align)
{
	struct cma_stats before, mid, after;
	struct page *page;
	unsigned long pfn, i;

	cma_get_stats(cma, &before);
	page = cma_alloc(cma, count, align, 0);
	if (!KTEST_EXPECT_NOT_NULL(t, page)) {
		ktest_info(t, "cma_alloc(%s, %lu, %u) failed", cma_get_name(cma), count, align);
		return;
	}
	pfn = page_to_pfn(page);
	KTEST_EXPECT_GE(t, pfn, area_base_pfn(cma));
	KTEST_EXPECT_LE(t, pfn + count, area_end_pfn(cma));
	KTEST_EXPECT_TRUE(t, IS_ALIGNED(pfn, 1UL << align));
	for (i = 0; i < count; i++) {
		const struct page *p = pfn_to_page(pfn + i);

		if (!KTEST_EXPECT_TRUE(t, PageContig(p) && page_ref_count(p) == 1))
			break;
	}
	cma_get_stats(cma, &mid);
	KTEST_EXPECT_EQ(t, mid.used - before.used, count);
	KTEST_EXPECT_EQ(t, mid.allocs - before.allocs, 1);
	KTEST_EXPECT_EQ(t, mid.alloc_pages - before.alloc_pages, count);
	KTEST_EXPECT_EQ(t, mid.failed, before.failed);
	KTEST_EXPECT_EQ(t, mid.released, before.released);
	KTEST_EXPECT_LE(t, mid.largest_free, before.largest_free);

	KTEST_EXPECT_TRUE(t, cma_release(cma, page, count));
	cma_get_stats(cma, &after);
	KTEST_EXPECT_EQ(t, after.used, before.used);
	KTEST_EXPECT_EQ(t, after.released - before.released, count);
	KTEST_EXPECT_EQ(t, after.largest_free, before.largest_free);
	KTEST_EXPECT_EQ(t, after.allocs, mid.allocs);
	KTEST_EXPECT_FALSE(t, PageContig(pfn_to_page(pfn)));
}

static void cma_alloc_returns_aligned_pages_inside_the_area_and_counts_them(struct ktest *t)
{
	struct cma *cma = test_area(t, NULL);

	if (!cma)
		return;
	check_one_alloc(t, cma, 1, 0);
	check_one_alloc(t, cma, 5, 4);
	check_one_alloc(t, cma, 3, 0);
	check_one_alloc(t, cma, 300, 8);
	check_one_alloc(t, cma, 1024, 10);
}

static bool stats_equal(const struct cma_stats *a, const struct cma_stats *b)
{
	return a->used == b->used && a->released == b->released &&
	       a->allocs == b->allocs && a->largest_free == b->largest_free;
}

static void cma_release_refuses_pages_the_area_does_not_own(struct ktest *t)
{
	struct cma *cma = test_area(t, NULL), *other;
	struct cma_stats st0, st1, ot0, ot1;
	struct page *mine, *theirs;
	unsigned long last;

	if (!cma)
		return;
	other = test_area(t, cma_get_name(cma));
	if (!other)
		return;
	mine = cma_alloc(cma, 4, 0, 0);
	theirs = cma_alloc(other, 4, 0, 0);
	if (!KTEST_EXPECT_NOT_NULL(t, mine) || !KTEST_EXPECT_NOT_NULL(t, theirs))
		goto out;
	cma_get_stats(cma, &st0);
	cma_get_stats(other, &ot0);

	/* Pages of another area. */
	KTEST_EXPECT_FALSE(t, cma_release(cma, theirs, 4));
	/* A range that starts inside the area and ends outside it. */
	last = area_end_pfn(cma) - 1;
	KTEST_EXPECT_FALSE(t, cma_release(cma, pfn_to_page(last), 2));
	/* A range only partly allocated: ours plus pages after it. */
	KTEST_EXPECT_FALSE(t, cma_release(cma, mine, cma_get_size(cma) >> PAGE_SHIFT));
	/* Nothing and zero pages. */
	KTEST_EXPECT_FALSE(t, cma_release(cma, NULL, 4));
	KTEST_EXPECT_FALSE(t, cma_release(cma, mine, 0));

	cma_get_stats(cma, &st1);
	cma_get_stats(other, &ot1);
	KTEST_EXPECT_TRUE(t, stats_equal(&st0, &st1));
	KTEST_EXPECT_TRUE(t, stats_equal(&ot0, &ot1));
	KTEST_EXPECT_TRUE(t, PageContig(mine) && PageContig(theirs));

	/* A range that is no longer allocated: released twice. */
	KTEST_EXPECT_TRUE(t, cma_release(cma, mine, 4));
	cma_get_stats(cma, &st0);
	KTEST_EXPECT_FALSE(t, cma_release(cma, mine, 4));
	cma_get_stats(cma, &st1);
	KTEST_EXPECT_TRUE(t, stats_equal(&st0, &st1));
	mine = NULL;
out:
	if (mine)
		cma_release(cma, mine, 4);
	if (theirs)
		KTEST_EXPECT_TRUE(t, cma_release(other, theirs, 4));
}

static void an_exhausted_area_returns_null_and_counts_a_failure_with_a_message(struct ktest *t)
{
	struct cma *cma = test_area(t, NULL);
	struct page *bufs[8];
	unsigned long counts[8];
	unsigned int nr = 0, i;
	struct cma_stats st, st2;
	char log[512];
	struct page *page;

	if (!cma)
		return;
	/* Take every free run until nothing is left. */
	for (;;) {
		cma_get_stats(cma, &st);
		if (!st.largest_free || nr == ARRAY_SIZE(bufs))
			break;
		bufs[nr] = cma_alloc(cma, st.largest_free, 0, 0);
		if (!KTEST_EXPECT_NOT_NULL(t, bufs[nr]))
			goto out;
		counts[nr++] = st.largest_free;
	}
	cma_get_stats(cma, &st);
	KTEST_EXPECT_EQ(t, st.used, st.total);
	KTEST_EXPECT_EQ(t, st.largest_free, 0);

	printk_capture_begin(log, sizeof(log));
	page = cma_alloc(cma, 1, 0, 0);
	printk_capture_end();
	KTEST_EXPECT_NULL(t, page);
	cma_get_stats(cma, &st2);
	KTEST_EXPECT_EQ(t, st2.failed - st.failed, 1);
	KTEST_EXPECT_EQ(t, st2.allocs, st.allocs);
	KTEST_EXPECT_EQ(t, st2.used, st.used);
	/* The message names the area. */
	KTEST_EXPECT_NOT_NULL(t, strstr(log, cma_get_name(cma)));

	/* CMA_ALLOC_NOWARN: counted, but silent. */
	printk_capture_begin(log, sizeof(log));
	page = cma_alloc(cma, 1, 0, CMA_ALLOC_NOWARN);
	printk_capture_end();
	KTEST_EXPECT_NULL(t, page);
	KTEST_EXPECT_EQ(t, strlen(log), 0);
	cma_get_stats(cma, &st);
	KTEST_EXPECT_EQ(t, st.failed - st2.failed, 1);
out:
	for (i = 0; i < nr; i++)
		KTEST_EXPECT_TRUE(t, cma_release(cma, bufs[i], counts[i]));
	cma_get_stats(cma, &st);
	KTEST_EXPECT_EQ(t, st.used, 0);
}

static void cma_alloc_moves_on_to_the_next_window_when_the_first_is_busy(struct ktest *t)
{
	struct cma_policy_save saved;
	struct cma *cma = test_area(t, NULL);
	unsigned long base, i, pinned_idx = ~0UL, pfn = 0;
	struct anon_area *pinned_area = NULL;
	struct cma_stats before, after;
	struct trace_event ev[8];
	unsigned int n;
	u64 seq = 0;
	struct workload *wl;
	struct page *page;

	if (!cma)
		return;
	cma_get_stats(cma, &before);
	if (before.used) {
		ktest_skip(t, "area %s is in use; the case needs its first window free",
			   cma_get_name(cma));
		return;
	}
	base = area_base_pfn(cma);
	wl = workload_create("cma-busy", WORKLOAD_ANON, 0, 0);
	KTEST_ASSERT_NOT_NULL(t, wl);

	/* Fill CMA first until one of our pages sits in the first window. */
	zones_set_cma_policy(CMA_POLICY_PREFER, &saved);
	while (pinned_idx == ~0UL &&
	       workload_nr_pages(wl) < 2 * cma_total_pages()) {
		struct anon_area *area;

		if (!workload_fill_bytes(wl, SZ_1M))
			break;
		area = workload_anon_area(wl, workload_nr_chunks(wl) - 1);
		for (i = 0; i < anon_area_pages(area); i++) {
			pfn = anon_page_pfn(area, i);
			if (pfn >= base && pfn < base + pageblock_nr_pages) {
				pinned_area = area;
				pinned_idx = i;
				break;
			}
		}
	}
	zones_restore_cma_policy(&saved);

	if (pinned_idx == ~0UL) {
		ktest_skip(t, "could not place a movable page in the first pageblock of %s",
			   cma_get_name(cma));
		goto out;
	}

	/* A short-term pin held across the carve keeps the first window busy. */
	(void)anon_page_get(pinned_area, pinned_idx);
	pfn = anon_page_pfn(pinned_area, pinned_idx);
	seq = trace_next_seq();
	page = cma_alloc(cma, pageblock_nr_pages, pageblock_order, 0);
	cma_get_stats(cma, &after);
	KTEST_EXPECT_EQ(t, anon_page_pfn(pinned_area, pinned_idx), pfn);
	anon_page_put(pinned_area, pinned_idx);

	if (KTEST_EXPECT_NOT_NULL(t, page)) {
		KTEST_EXPECT_GE(t, page_to_pfn(page), base + pageblock_nr_pages);
		KTEST_EXPECT_TRUE(t, IS_ALIGNED(page_to_pfn(page), pageblock_nr_pages));
		KTEST_EXPECT_GT(t, after.busy_retries - before.busy_retries, 0);
		KTEST_EXPECT_EQ(t, after.allocs - before.allocs, 1);
		/* The trace has the retry: the window, the pinned page and why. */
		n = trace_read(seq, ev, ARRAY_SIZE(ev));
		for (i = 0; i < n && ev[i].class != &trace_cma_alloc_busy_class; i++)
			;
		if (KTEST_EXPECT_LT(t, i, n)) {
			const struct trace_cma_alloc_busy *b =
				trace_event_as(&ev[i], trace_cma_alloc_busy_class,
					       struct trace_cma_alloc_busy);

			KTEST_EXPECT_TRUE(t, b->who.cma == cma);
			KTEST_EXPECT_EQ(t, b->window_pfn, base);
			KTEST_EXPECT_EQ(t, b->blocked_pfn, pfn);
			KTEST_EXPECT_EQ(t, b->reason, MR_PINNED);
		}
		KTEST_EXPECT_TRUE(t, cma_release(cma, page, pageblock_nr_pages));
	}
	KTEST_EXPECT_EQ(t, workload_verify(wl), 0);
out:
	workload_destroy(wl);
}

static void cma_total_and_free_pages_add_up_over_all_areas(struct ktest *t)
{
	unsigned long total = 0, unused = 0, free_before, free_after;
	struct cma_stats st, st2;
	struct cma *cma;
	struct page *page;
	unsigned int i;

	for (i = 0; i < cma_area_count(); i++) {
		cma_get_stats(cma_area(i), &st);
		KTEST_EXPECT_EQ(t, st.total, cma_get_size(cma_area(i)) >> PAGE_SHIFT);
		total += st.total;
		unused += st.total - st.used;
	}
	KTEST_EXPECT_EQ(t, cma_total_pages(), total);
	KTEST_EXPECT_LE(t, cma_free_pages(), unused);

	/*
	 * A carve takes its free pages out of CmaFree; the release gives
	 * back all of them plus the frames of the pages it migrated out
	 * (their new frames are outside CMA while ordinary memory is free).
	 */
	cma = test_area(t, NULL);
	if (!cma)
		return;
	cma_get_stats(cma, &st);
	free_before = cma_free_pages();
	page = cma_alloc(cma, 512, 0, 0);
	KTEST_ASSERT_NOT_NULL(t, page);
	cma_get_stats(cma, &st2);
	free_after = cma_free_pages();
	KTEST_EXPECT_EQ(t, free_before - free_after,
			512 - (st2.migrated - st.migrated) - (st2.discarded - st.discarded));
	KTEST_EXPECT_TRUE(t, cma_release(cma, page, 512));
	KTEST_EXPECT_EQ(t, cma_free_pages() - free_after, 512);
}

static void cma_find_returns_every_area_by_its_name(struct ktest *t)
{
	unsigned int i;

	KTEST_ASSERT_GE(t, cma_area_count(), 1);
	for (i = 0; i < cma_area_count(); i++) {
		struct cma *cma = cma_area(i);

		KTEST_EXPECT_TRUE(t, cma_find(cma_get_name(cma)) == cma);
	}
	KTEST_EXPECT_NULL(t, cma_find("no-such-area"));
	KTEST_EXPECT_NULL(t, cma_find(""));
	KTEST_EXPECT_NULL(t, cma_area(cma_area_count()));
}

static void the_default_area_is_the_dt_linux_cma_default_node(struct ktest *t)
{
	const struct reserved_mem *rmem = NULL;
	struct cma *def = cma_default_area();
	unsigned int i, defaults = 0;

	for (i = 0; i < reserved_mem_count(); i++) {
		const struct reserved_mem *r = reserved_mem_get(i);

		if (r->flags & RMEM_DEFAULT) {
			rmem = r;
			defaults++;
		}
	}
	KTEST_ASSERT_NOT_NULL(t, def);
	KTEST_ASSERT_NOT_NULL(t, rmem);
	KTEST_EXPECT_EQ(t, defaults, 1);
	KTEST_EXPECT_TRUE(t, rmem->cma == def);
	KTEST_EXPECT_TRUE(t, (rmem->flags & RMEM_REUSABLE) != 0);
	KTEST_EXPECT_EQ(t, rmem->base, cma_get_base(def));
	KTEST_EXPECT_EQ(t, rmem->size, cma_get_size(def));
	KTEST_EXPECT_TRUE(t, cma_is_default(def));
	if (rmem->fdt_node >= 0) {
		/* Declared by the board's DT: the "linux,cma" node, its size. */
		int len;
		const fdt32_t *size = fdt_getprop(initial_boot_params, rmem->fdt_node, "size", &len);

		KTEST_EXPECT_STREQ(t, cma_get_name(def), "linux,cma");
		if (size && len == 4)
			KTEST_EXPECT_EQ(t, cma_get_size(def), (unsigned long)fdt32_to_cpu(*size));
	}
	for (i = 0; i < cma_area_count(); i++)
		if (cma_area(i) != def)
			KTEST_EXPECT_FALSE(t, cma_is_default(cma_area(i)));
}

static struct ktest_case cma_cases[] = {
	KTEST_CASE(cma_alloc_returns_aligned_pages_inside_the_area_and_counts_them),
	KTEST_CASE(cma_release_refuses_pages_the_area_does_not_own),
	KTEST_CASE(an_exhausted_area_returns_null_and_counts_a_failure_with_a_message),
	KTEST_CASE(cma_alloc_moves_on_to_the_next_window_when_the_first_is_busy),
	KTEST_CASE(cma_total_and_free_pages_add_up_over_all_areas),
	KTEST_CASE(cma_find_returns_every_area_by_its_name),
	KTEST_CASE(the_default_area_is_the_dt_linux_cma_default_node),
	{}
};

static struct ktest_suite cma_suite = {
	.name = "cma",
	.cases = cma_cases,
};
ktest_register(cma_suite);

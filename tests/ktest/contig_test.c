// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "contig": alloc_contig_range(), free_contig_range() and
 * alloc_contig_pages() on ordinary (non-CMA) memory of the live kernel.
 *
 * Cases carve whole pageblocks that hold only free or movable pages, which
 * they find by walking the memmap, and assert exact deltas of the free
 * page count: nothing else allocates while a case runs.
 */
#define pr_fmt(fmt) "contig_test: " fmt

#include <contig/ktest.h>
#include <contig/alloc_contig.h>
#include <contig/page-isolation.h>
#include <contig/mmzone.h>
#include <contig/memblock.h>
#include <contig/movable.h>
#include <contig/workload.h>
#include <contig/string.h>
#include <contig/errno.h>

/*
 * A pageblock the carve tests may use: MIGRATE_MOVABLE, in one zone, and
 * every page free or owned by a movable owner (or, with @allow_pinned, a
 * long-term pinned movable page).
 */
static bool block_is_carvable(unsigned long start)
{
	unsigned long pfn;

	if (!pfn_valid(start) || !pfn_valid(start + pageblock_nr_pages - 1))
		return false;
	if (pfn_zone(start) != pfn_zone(start + pageblock_nr_pages - 1) || !pfn_zone(start))
		return false;
	if (get_pageblock_migratetype(start) != MIGRATE_MOVABLE)
		return false;
	for (pfn = start; pfn < start + pageblock_nr_pages; pfn++) {
		const struct page *page = pfn_to_page(pfn);
		u32 f = page_flags(page);

		if (f & ((1u << PG_reserved) | (1u << PG_slab) | (1u << PG_contig)))
			return false;
		if (f & ((1u << PG_buddy) | (1u << PG_pcp) | (1u << PG_movable)))
			continue;
		if (page_ref_count(page))
			return false;
	}
	return true;
}

/* First carvable pageblock holding an anon page of chunk 0 of @wl. */
static unsigned long find_block_of(struct workload *wl, unsigned long *idx_out)
{
	struct anon_area *area = workload_anon_area(wl, 0);
	unsigned long i, n = anon_area_pages(area);

	for (i = 0; i < n; i++) {
		unsigned long start = pageblock_start_pfn(anon_page_pfn(area, i));

		if (block_is_carvable(start)) {
			if (idx_out)
				*idx_out = i;
			return start;
		}
	}
	return ~0UL;
}

static void alloc_contig_range_returns_a_free_range_with_refcount_one_and_pg_contig(struct ktest *t)
{
	const unsigned long nr = 16;
	unsigned long pfn, i, free_before;
	struct page *block;

	/* A whole free pageblock: allocate it, note where it is, free it. */
	block = alloc_pages(GFP_MOVABLE | __GFP_NO_CMA | __GFP_NOWARN, pageblock_order);
	KTEST_ASSERT_NOT_NULL(t, block);
	pfn = page_to_pfn(block);
	__free_pages(block, pageblock_order);
	if (!block_is_carvable(pageblock_start_pfn(pfn))) {
		ktest_skip(t, "pageblock at pfn %#lx is not a movable pageblock", pfn);
		return;
	}

	free_before = nr_free_pages();
	KTEST_ASSERT_EQ(t, alloc_contig_range(pfn + 8, pfn + 8 + nr, 0), 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before - nr);
	for (i = 0; i < nr; i++) {
		struct page *page = pfn_to_page(pfn + 8 + i);

		KTEST_EXPECT_EQ(t, page_ref_count(page), 1);
		KTEST_EXPECT_TRUE(t, PageContig(page));
		KTEST_EXPECT_FALSE(t, PageBuddy(page));
		KTEST_EXPECT_FALSE(t, PageHead(page));
	}
	KTEST_EXPECT_EQ(t, get_pageblock_migratetype(pfn), MIGRATE_MOVABLE);
	free_contig_range(pfn + 8, nr);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before);
	for (i = 0; i < nr; i++)
		KTEST_EXPECT_FALSE(t, PageContig(pfn_to_page(pfn + 8 + i)));
}

static void alloc_contig_range_migrates_movable_pages_and_keeps_their_data(struct ktest *t)
{
	struct workload *wl = workload_create("contig", WORKLOAD_ANON, 64, __GFP_NO_CMA);
	struct migrate_report rep;
	unsigned long start, ours, free_before;

	KTEST_ASSERT_NOT_NULL(t, wl);
	if (workload_fill_bytes(wl, 64 * PAGE_SIZE) != 64) {
		ktest_fail(t, __FILE__, __LINE__, "could not create a 64-page anon area");
		goto out;
	}
	start = find_block_of(wl, NULL);
	if (start == ~0UL) {
		ktest_skip(t, "no pageblock with our anon pages holds only free/movable pages");
		goto out;
	}
	ours = workload_pages_in_range(wl, start, start + pageblock_nr_pages);
	KTEST_EXPECT_GT(t, ours, 0);
	free_before = nr_free_pages();

	if (!KTEST_EXPECT_EQ(t, alloc_contig_range_report(start, start + pageblock_nr_pages,
							  0, &rep), 0))
		goto out;
	KTEST_EXPECT_GE(t, rep.migrated + rep.discarded, ours);
	KTEST_EXPECT_EQ(t, workload_pages_in_range(wl, start, start + pageblock_nr_pages), 0);
	KTEST_EXPECT_EQ(t, workload_verify(wl), 0);
	/* The carve took the block: its pages left the free count, the
	 * migrated pages' new frames did too, their old frames came back. */
	KTEST_EXPECT_EQ(t, free_before - nr_free_pages(), pageblock_nr_pages);
	free_contig_range(start, pageblock_nr_pages);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before);
	KTEST_EXPECT_EQ(t, get_pageblock_migratetype(start), MIGRATE_MOVABLE);
	KTEST_EXPECT_EQ(t, workload_verify(wl), 0);
out:
	workload_destroy(wl);
}

static void a_long_term_pinned_page_makes_the_carve_fail_busy_and_changes_nothing(struct ktest *t)
{
	struct workload *wl = workload_create("contig-pin", WORKLOAD_ANON, 64, __GFP_NO_CMA);
	struct migrate_report rep;
	struct anon_area *area;
	unsigned long start, idx, pfn, free_before, i;
	int mt_before, ret;
	char log[1024], pfnstr[32];

	KTEST_ASSERT_NOT_NULL(t, wl);
	if (workload_fill_bytes(wl, 64 * PAGE_SIZE) != 64) {
		ktest_fail(t, __FILE__, __LINE__, "could not create a 64-page anon area");
		goto out;
	}
	area = workload_anon_area(wl, 0);
	start = find_block_of(wl, &idx);
	if (start == ~0UL) {
		ktest_skip(t, "no pageblock with our anon pages holds only free/movable pages");
		goto out;
	}
	pfn = anon_page_pfn(area, idx);
	/* Outside CMA a long-term pin does not move the page. */
	if (!KTEST_EXPECT_EQ(t, anon_pin_longterm(area, idx), 0))
		goto out;
	KTEST_EXPECT_EQ(t, anon_page_pfn(area, idx), pfn);
	KTEST_EXPECT_TRUE(t, PagePinned(pfn_to_page(pfn)));

	mt_before = get_pageblock_migratetype(start);
	free_before = nr_free_pages();
	printk_capture_begin(log, sizeof(log));
	ret = alloc_contig_range_report(start, start + pageblock_nr_pages, 0, &rep);
	printk_capture_end();

	KTEST_EXPECT_EQ(t, ret, -EBUSY);
	KTEST_EXPECT_EQ(t, rep.first_busy_reason, MR_PINNED);
	KTEST_EXPECT_EQ(t, rep.first_busy_pfn, pfn);
	KTEST_EXPECT_GE(t, rep.pinned, 1);
	/* The failure message names the reason and the pfn. */
	snprintf(pfnstr, sizeof(pfnstr), "%#lx", pfn);
	KTEST_EXPECT_NOT_NULL(t, strstr(log, migrate_reason_names[MR_PINNED]));
	KTEST_EXPECT_NOT_NULL(t, strstr(log, pfnstr));

	/* Nothing lost, nothing left isolated or allocated. */
	KTEST_EXPECT_EQ(t, get_pageblock_migratetype(start), mt_before);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before);
	KTEST_EXPECT_EQ(t, anon_page_pfn(area, idx), pfn);
	for (i = start; i < start + pageblock_nr_pages; i++)
		KTEST_EXPECT_FALSE(t, PageContig(pfn_to_page(i)));
	KTEST_EXPECT_EQ(t, workload_verify(wl), 0);
	anon_unpin_longterm(area, idx);
	KTEST_EXPECT_FALSE(t, PagePinned(pfn_to_page(anon_page_pfn(area, idx))));
out:
	workload_destroy(wl);
}

/*
 * Check one alloc_contig_pages() result; frees it. The free page count
 * drops by @nr less the clean pages the carves discarded: those were
 * cache, not free, and are free once the range is (a block read cache or
 * a pcache may sit where the search starts, depending on what ran where
 * before).
 */
static void check_contig_pages(struct ktest *t, unsigned long nr, unsigned long hint,
			       unsigned long align)
{
	unsigned long free_before = nr_free_pages(), pfn, i;
	struct migrate_report rep;
	struct page *page = alloc_contig_pages_report(nr, hint, align, &rep);

	if (!KTEST_EXPECT_NOT_NULL(t, page)) {
		ktest_info(t, "alloc_contig_pages(%lu, %#lx, %lu) failed", nr, hint, align);
		return;
	}
	pfn = page_to_pfn(page);
	KTEST_EXPECT_GE(t, pfn, hint);
	KTEST_EXPECT_TRUE(t, IS_ALIGNED(pfn, align));
	KTEST_EXPECT_TRUE(t, pfn_zone(pfn) && pfn_zone(pfn) == pfn_zone(pfn + nr - 1));
	KTEST_EXPECT_NULL(t, memblock_overlap_name(PFN_PHYS(pfn), (phys_addr_t)nr * PAGE_SIZE));
	KTEST_EXPECT_EQ(t, nr_free_pages() + nr, free_before + rep.discarded);
	for (i = 0; i < nr; i++) {
		const struct page *p = pfn_to_page(pfn + i);

		if (!KTEST_EXPECT_TRUE(t, PageContig(p) && page_ref_count(p) == 1 &&
					  !PageReserved(p)))
			break;
		if (i % pageblock_nr_pages == 0)
			KTEST_EXPECT_NE(t, get_pageblock_migratetype(pfn + i), MIGRATE_CMA);
	}
	free_contig_range(pfn, nr);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before + rep.discarded);
	if (rep.migrated || rep.discarded)
		ktest_info(t, "%lu pages at %#lx: %lu migrated, %lu discarded", nr, pfn,
			   rep.migrated, rep.discarded);
}

static void alloc_contig_pages_returns_aligned_ranges_above_the_hint_for_any_count(struct ktest *t)
{
	unsigned long hint = min_low_pfn + (max_pfn - min_low_pfn) / 4;

	check_contig_pages(t, 3, 0, 1);
	check_contig_pages(t, 3, hint, 4);
	check_contig_pages(t, 257, hint, 256);
	check_contig_pages(t, 257, hint + 1, 1);
	check_contig_pages(t, 1000, min_low_pfn, 512);
}

static void alloc_contig_pages_returns_null_when_no_range_fits(struct ktest *t)
{
	unsigned long free_before = nr_free_pages();

	KTEST_EXPECT_NULL(t, alloc_contig_pages(totalram_pages() + 1, 0, 1));
	KTEST_EXPECT_NULL(t, alloc_contig_pages(4, max_pfn, 1));
	KTEST_EXPECT_NULL(t, alloc_contig_pages(0, 0, 1));
	KTEST_EXPECT_NULL(t, alloc_contig_pages(4, 0, 3)); /* not a power of two */
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before);
}

static void alloc_contig_range_rejects_a_range_outside_one_zone(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, alloc_contig_range(max_pfn, max_pfn + 16, ACR_NOWARN), -EINVAL);
	KTEST_EXPECT_EQ(t, alloc_contig_range(min_low_pfn + 32, min_low_pfn + 32, ACR_NOWARN),
			-EINVAL);
}

static void clean_pcache_pages_are_discarded_rather_than_copied(struct ktest *t)
{
	struct cma_policy_save saved;
	struct pcache_stats before, after;
	struct migrate_report rep;
	struct workload *wl;
	struct pcache *pc;
	unsigned long pfn, start = ~0UL, in_block, i;

	zones_set_cma_policy(CMA_POLICY_FALLBACK, &saved);
	wl = workload_create("contig-pc", WORKLOAD_PCACHE, 64, 0);
	if (wl && workload_fill_bytes(wl, 64 * PAGE_SIZE) != 64) {
		workload_destroy(wl);
		wl = NULL;
	}
	zones_restore_cma_policy(&saved);
	KTEST_ASSERT_NOT_NULL(t, wl);
	pc = workload_pcache(wl, 0);
	pcache_get_stats(pc, &before);
	KTEST_EXPECT_EQ(t, before.cached, 64);
	for (i = 0; i < 64 && start == ~0UL; i++) {
		pfn = pcache_page_pfn(pc, i);
		if (pfn != ARCH_VM_NO_PFN && block_is_carvable(pageblock_start_pfn(pfn)))
			start = pageblock_start_pfn(pfn);
	}
	if (start == ~0UL) {
		ktest_skip(t, "no carvable pageblock holds our pcache pages");
		goto out;
	}
	in_block = 0;
	for (i = 0; i < 64; i++) {
		pfn = pcache_page_pfn(pc, i);
		if (pfn >= start && pfn < start + pageblock_nr_pages)
			in_block++;
	}
	KTEST_EXPECT_GT(t, in_block, 0);
	if (!KTEST_EXPECT_EQ(t, alloc_contig_range_report(start, start + pageblock_nr_pages,
							  0, &rep), 0))
		goto out;
	pcache_get_stats(pc, &after);
	KTEST_EXPECT_GE(t, rep.discarded, in_block);
	KTEST_EXPECT_EQ(t, after.discarded - before.discarded, in_block);
	KTEST_EXPECT_EQ(t, after.migrated, before.migrated);
	KTEST_EXPECT_EQ(t, after.cached, before.cached - in_block);
	free_contig_range(start, pageblock_nr_pages);
	/* Reading refills the dropped pages from the store, identical. */
	KTEST_EXPECT_EQ(t, workload_verify(wl), 0);
	pcache_get_stats(pc, &after);
	KTEST_EXPECT_EQ(t, after.misses - before.misses, in_block);
	KTEST_EXPECT_EQ(t, after.cached, before.cached);
out:
	workload_destroy(wl);
}

static struct ktest_case contig_cases[] = {
	KTEST_CASE(alloc_contig_range_returns_a_free_range_with_refcount_one_and_pg_contig),
	KTEST_CASE(alloc_contig_range_migrates_movable_pages_and_keeps_their_data),
	KTEST_CASE(a_long_term_pinned_page_makes_the_carve_fail_busy_and_changes_nothing),
	KTEST_CASE(alloc_contig_pages_returns_aligned_ranges_above_the_hint_for_any_count),
	KTEST_CASE(alloc_contig_pages_returns_null_when_no_range_fits),
	KTEST_CASE(alloc_contig_range_rejects_a_range_outside_one_zone),
	KTEST_CASE(clean_pcache_pages_are_discarded_rather_than_copied),
	{}
};

static struct ktest_suite contig_suite = {
	.name = "contig",
	.cases = contig_cases,
};
ktest_register(contig_suite);

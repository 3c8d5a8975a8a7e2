// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "pin": long-term pins of anon pages (mm/anon.c). A pinned
 * page cannot be isolated; a page in a CMA pageblock is moved out of CMA
 * before it is pinned (FOLL_LONGTERM semantics), one outside CMA stays.
 */
#define pr_fmt(fmt) "pin_test: " fmt

#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/string.h>
#include <contig/movable.h>
#include <contig/migrate.h>
#include <contig/mmzone.h>

#include "movable_helpers.h"

#define PIN_AREA_PAGES 32

static bool pfn_in_cma_block(unsigned long pfn)
{
	int mt = get_pageblock_migratetype(pfn);

	return mt == MIGRATE_CMA || mt == MIGRATE_ISOLATE;
}

/* An area allocated while movable allocations prefer CMA blocks. */
static struct anon_area *create_area_preferring_cma(unsigned long nr)
{
	struct cma_policy_save saved;
	struct anon_area *area;

	zones_set_cma_policy(CMA_POLICY_PREFER, &saved);
	/* Bypass the per-CPU lists: they hold pages taken under the old policy. */
	area = anon_area_create(nr, __GFP_NO_PCP);
	zones_restore_cma_policy(&saved);
	return area;
}

static long find_page(struct anon_area *area, bool in_cma)
{
	unsigned long i;

	for (i = 0; i < anon_area_pages(area); i++)
		if (pfn_in_cma_block(anon_page_pfn(area, i)) == in_cma)
			return (long)i;
	return -1;
}

static void pin_longterm_pinned_page_cannot_be_isolated(struct ktest *t)
{
	struct anon_area *area = anon_area_create(1, 0);
	struct page *page;

	KTEST_ASSERT_NOT_NULL(t, area);
	KTEST_ASSERT_EQ(t, anon_pin_longterm(area, 0), 0);
	page = pfn_to_page(anon_page_pfn(area, 0));
	KTEST_EXPECT_TRUE(t, PagePinned(page));
	KTEST_EXPECT_EQ(t, page_ref_count(page), 2);
	KTEST_EXPECT_TRUE(t, movtest_refused(page));
	KTEST_EXPECT_TRUE(t, movtest_migrate_refused(page));
	KTEST_EXPECT_FALSE(t, PageIsolated(page));

	/* Pins nest: one unpin is not enough. */
	KTEST_EXPECT_EQ(t, anon_pin_longterm(area, 0), 0);
	anon_unpin_longterm(area, 0);
	KTEST_EXPECT_TRUE(t, PagePinned(page));
	KTEST_EXPECT_TRUE(t, movtest_refused(page));

	anon_unpin_longterm(area, 0);
	KTEST_EXPECT_FALSE(t, PagePinned(page));
	KTEST_EXPECT_EQ(t, page_ref_count(page), 1);
	KTEST_EXPECT_EQ(t, movtest_migrate_pages_one(page, NULL), 0);
	KTEST_EXPECT_NE(t, anon_page_pfn(area, 0), page_to_pfn(page));
	anon_area_destroy(area);
}

static void pin_longterm_moves_a_page_out_of_cma_first(struct ktest *t)
{
	struct anon_area *area = create_area_preferring_cma(PIN_AREA_PAGES);
	unsigned long old_pfn, new_pfn;
	u32 v = 0xc0ffee11, r = 0;
	struct page *page;
	long idx;

	KTEST_ASSERT_NOT_NULL(t, area);
	idx = find_page(area, true);
	if (idx < 0) {
		ktest_skip(t, "no page of the area landed in a CMA pageblock (no CMA area?)");
		goto out;
	}
	anon_write(area, (unsigned long)idx * PAGE_SIZE + 40, &v, sizeof(v));
	old_pfn = anon_page_pfn(area, (unsigned long)idx);
	KTEST_EXPECT_EQ(t, get_pageblock_migratetype(old_pfn), MIGRATE_CMA);

	if (!KTEST_EXPECT_EQ(t, anon_pin_longterm(area, (unsigned long)idx), 0))
		goto out;
	new_pfn = anon_page_pfn(area, (unsigned long)idx);
	KTEST_EXPECT_NE(t, new_pfn, old_pfn);
	KTEST_EXPECT_FALSE(t, pfn_in_cma_block(new_pfn));
	page = pfn_to_page(new_pfn);
	KTEST_EXPECT_TRUE(t, PagePinned(page));
	KTEST_EXPECT_FALSE(t, PageMovable(pfn_to_page(old_pfn)));
	anon_read(area, (unsigned long)idx * PAGE_SIZE + 40, &r, sizeof(r));
	KTEST_EXPECT_EQ(t, r, v);
	KTEST_EXPECT_TRUE(t, movtest_migrate_refused(page));
	anon_unpin_longterm(area, (unsigned long)idx);
	KTEST_EXPECT_FALSE(t, PagePinned(page));
	/* Unpinned, it stays where the pin put it. */
	KTEST_EXPECT_EQ(t, anon_page_pfn(area, (unsigned long)idx), new_pfn);
out:
	anon_area_destroy(area);
}

static void pin_longterm_leaves_a_page_outside_cma_in_place(struct ktest *t)
{
	struct anon_area *area = anon_area_create(PIN_AREA_PAGES, 0);
	unsigned long pfn;
	long idx;

	KTEST_ASSERT_NOT_NULL(t, area);
	idx = find_page(area, false);
	if (idx < 0) {
		ktest_skip(t, "every page of the area is in a CMA pageblock");
		goto out;
	}
	pfn = anon_page_pfn(area, (unsigned long)idx);
	KTEST_EXPECT_EQ(t, anon_pin_longterm(area, (unsigned long)idx), 0);
	KTEST_EXPECT_EQ(t, anon_page_pfn(area, (unsigned long)idx), pfn);
	KTEST_EXPECT_TRUE(t, PagePinned(pfn_to_page(pfn)));
	anon_unpin_longterm(area, (unsigned long)idx);
	KTEST_EXPECT_FALSE(t, PagePinned(pfn_to_page(pfn)));
out:
	anon_area_destroy(area);
}

static void pin_every_page_of_a_cma_backed_area_ends_outside_cma(struct ktest *t)
{
	struct anon_area *area = create_area_preferring_cma(PIN_AREA_PAGES);
	unsigned long i, in_cma = 0, pinned = 0;

	KTEST_ASSERT_NOT_NULL(t, area);
	for (i = 0; i < PIN_AREA_PAGES; i++) {
		u64 v = 0x1000 + i;

		anon_write(area, i * PAGE_SIZE, &v, sizeof(v));
		in_cma += pfn_in_cma_block(anon_page_pfn(area, i));
	}
	if (!in_cma) {
		ktest_skip(t, "no page of the area landed in a CMA pageblock (no CMA area?)");
		anon_area_destroy(area);
		return;
	}
	ktest_info(t, "%lu of %d pages start in CMA pageblocks", in_cma, PIN_AREA_PAGES);
	in_cma = 0;
	for (i = 0; i < PIN_AREA_PAGES; i++) {
		if (!KTEST_EXPECT_EQ(t, anon_pin_longterm(area, i), 0))
			break;
		pinned++;
		in_cma += pfn_in_cma_block(anon_page_pfn(area, i));
	}
	KTEST_EXPECT_EQ(t, in_cma, 0);
	for (i = 0; i < pinned; i++) {
		u64 v = 0;

		anon_read(area, i * PAGE_SIZE, &v, sizeof(v));
		KTEST_EXPECT_EQ(t, v, 0x1000 + i);
		anon_unpin_longterm(area, i);
	}
	anon_area_destroy(area);
}

static void pin_short_term_pin_blocks_migration_until_put(struct ktest *t)
{
	struct anon_area *area = anon_area_create(1, 0);
	struct migrate_report rep;
	struct page *page;

	KTEST_ASSERT_NOT_NULL(t, area);
	page = pfn_to_page(anon_page_pfn(area, 0));
	KTEST_EXPECT_NOT_NULL(t, anon_page_get(area, 0));
	KTEST_EXPECT_EQ(t, movtest_migrate_pages_one(page, &rep), -EBUSY);
	KTEST_EXPECT_EQ(t, anon_page_pfn(area, 0), page_to_pfn(page));
	anon_page_put(area, 0);
	KTEST_EXPECT_EQ(t, movtest_migrate_pages_one(page, &rep), 0);
	KTEST_EXPECT_EQ(t, rep.migrated, 1);
	KTEST_EXPECT_NE(t, anon_page_pfn(area, 0), page_to_pfn(page));
	anon_area_destroy(area);
}

/* Pins nest up to ANON_LONGTERM_MAX; the next one fails and changes nothing. */
static void pin_longterm_stops_at_the_limit(struct ktest *t)
{
	struct anon_area *area = anon_area_create(1, 0);
	struct page *page;
	unsigned long i;

	KTEST_ASSERT_NOT_NULL(t, area);
	for (i = 0; i < ANON_LONGTERM_MAX; i++)
		if (!KTEST_EXPECT_EQ(t, anon_pin_longterm(area, 0), 0))
			break;
	page = pfn_to_page(anon_page_pfn(area, 0));
	KTEST_EXPECT_EQ(t, page_ref_count(page), 1 + (int)ANON_LONGTERM_MAX);
	KTEST_EXPECT_EQ(t, anon_pin_longterm(area, 0), -EOVERFLOW);
	KTEST_EXPECT_EQ(t, page_ref_count(page), 1 + (int)ANON_LONGTERM_MAX);
	KTEST_EXPECT_TRUE(t, PagePinned(page));
	KTEST_EXPECT_TRUE(t, movtest_migrate_refused(page));
	while (i--)
		anon_unpin_longterm(area, 0);
	KTEST_EXPECT_FALSE(t, PagePinned(page));
	KTEST_EXPECT_EQ(t, page_ref_count(page), 1);
	KTEST_EXPECT_EQ(t, movtest_migrate_pages_one(page, NULL), 0);
	anon_area_destroy(area);
}

static struct ktest_case pin_cases[] = {
	KTEST_CASE(pin_longterm_pinned_page_cannot_be_isolated),
	KTEST_CASE(pin_longterm_moves_a_page_out_of_cma_first),
	KTEST_CASE(pin_longterm_leaves_a_page_outside_cma_in_place),
	KTEST_CASE(pin_every_page_of_a_cma_backed_area_ends_outside_cma),
	KTEST_CASE(pin_short_term_pin_blocks_migration_until_put),
	KTEST_CASE(pin_longterm_stops_at_the_limit),
	{}
};

static struct ktest_suite pin_suite = { .name = "pin", .cases = pin_cases };
ktest_register(pin_suite);

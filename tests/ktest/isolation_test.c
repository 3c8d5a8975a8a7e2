// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "isolation": pageblock isolation on the live kernel.
 *
 * Each case works on pageblocks of ordinary memory that are entirely free
 * (find_free_pageblocks()), and compares exact snapshots of the zone's
 * counters and free-block counts before and after: nothing else allocates
 * while a case runs.
 */
#define pr_fmt(fmt) "isolation_test: " fmt

#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/mmzone.h>
#include <contig/page-isolation.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <contig/errno.h>

struct zone_snapshot {
	unsigned long nr_free, free_pages, free_cma, free_isolate;
	unsigned long blocks[MAX_ORDER][MIGRATE_TYPES];
};

static void snap(const struct zone *z, struct zone_snapshot *s)
{
	unsigned long flags;
	unsigned int o;
	int mt;

	drain_all_pages();
	s->nr_free = nr_free_pages();
	spin_lock_irqsave((spinlock_t *)&z->lock, flags);
	s->free_pages = z->free_pages;
	s->free_cma = z->free_cma_pages;
	s->free_isolate = z->free_isolate_pages;
	for (o = 0; o < MAX_ORDER; o++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			s->blocks[o][mt] = z->free_area[o].nr_free[mt];
	spin_unlock_irqrestore((spinlock_t *)&z->lock, flags);
}

static void expect_same(struct ktest *t, const struct zone_snapshot *a,
			const struct zone_snapshot *b)
{
	unsigned int o;
	int mt;

	KTEST_EXPECT_EQ(t, b->nr_free, a->nr_free);
	KTEST_EXPECT_EQ(t, b->free_pages, a->free_pages);
	KTEST_EXPECT_EQ(t, b->free_cma, a->free_cma);
	KTEST_EXPECT_EQ(t, b->free_isolate, a->free_isolate);
	for (o = 0; o < MAX_ORDER; o++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			if (a->blocks[o][mt] != b->blocks[o][mt])
				ktest_fail(t, __FILE__, __LINE__,
					   "order %u %s: %lu free blocks before, %lu after", o,
					   migratetype_names[mt], a->blocks[o][mt], b->blocks[o][mt]);
}

struct iso_ctx {
	unsigned long pfn; /* first pfn of the free pageblocks */
	struct zone *zone;
	struct zone_snapshot before, after;
};

static int iso_init(struct ktest *t)
{
	struct iso_ctx *c = kzalloc(sizeof(*c), GFP_KERNEL);

	if (!c)
		return -ENOMEM;
	drain_all_pages();
	c->pfn = find_free_pageblocks(3, MIGRATE_MOVABLE);
	if (!c->pfn) {
		kfree(c);
		ktest_info(t, "no run of 3 free movable pageblocks");
		return -ENOSPC;
	}
	c->zone = pfn_zone(c->pfn);
	t->priv = c;
	return 0;
}

static void iso_exit(struct ktest *t)
{
	struct iso_ctx *c = t->priv;

	/* Whatever a failed case left behind. */
	undo_isolate_page_range(c->pfn, c->pfn + 3 * pageblock_nr_pages, MIGRATE_MOVABLE);
	kfree(c);
	t->priv = NULL;
}

#define NR_PB pageblock_nr_pages

static bool in_range(struct page *page, unsigned int order, unsigned long s, unsigned long e)
{
	unsigned long pfn = page_to_pfn(page);

	return pfn < e && pfn + (1UL << order) > s;
}

static void isolation_moves_free_pages_to_isolate_lists_and_alloc_never_returns_them(struct ktest *t)
{
	struct iso_ctx *c = t->priv;
	unsigned long s = c->pfn, e = c->pfn + 2 * NR_PB, busy = 0, inside = 0, pfn;
	LIST_HEAD(held);
	struct page *page, *tmp;
	unsigned int i;

	snap(c->zone, &c->before);
	KTEST_ASSERT_EQ(t, start_isolate_page_range(s, e, MIGRATE_MOVABLE, &busy), 0);
	snap(c->zone, &c->after);
	KTEST_EXPECT_EQ(t, c->after.free_isolate - c->before.free_isolate, 2 * NR_PB);
	KTEST_EXPECT_EQ(t, c->before.nr_free - c->after.nr_free, 2 * NR_PB);
	KTEST_EXPECT_EQ(t, c->after.free_pages, c->before.free_pages);
	for (pfn = s; pfn < e; pfn += NR_PB)
		KTEST_EXPECT_EQ(t, get_pageblock_migratetype(pfn), MIGRATE_ISOLATE);

	/* Allocate a good deal of every kind; none of it may come from [s, e). */
	for (i = 0; i < 600; i++) {
		gfp_t gfp = (i & 1) ? GFP_MOVABLE : GFP_KERNEL;
		unsigned int order = (i % 7 == 0) ? pageblock_order : (i % 3);

		if (i & 2)
			gfp |= __GFP_NO_PCP;
		page = alloc_pages(gfp | __GFP_NOWARN, order);
		if (!page)
			continue;
		if (in_range(page, order, s, e))
			inside++;
		page->private = order;
		list_add(&page->lru, &held);
	}
	list_for_each_entry_safe(page, tmp, &held, lru) {
		unsigned int order = (unsigned int)page->private;

		list_del(&page->lru);
		page->private = 0;
		__free_pages(page, order);
	}
	KTEST_EXPECT_EQ(t, inside, 0);
	KTEST_EXPECT_EQ(t, test_pages_isolated(s, e, &busy), 0);
	undo_isolate_page_range(s, e, MIGRATE_MOVABLE);
	for (pfn = s; pfn < e; pfn += NR_PB)
		KTEST_EXPECT_EQ(t, get_pageblock_migratetype(pfn), MIGRATE_MOVABLE);
	snap(c->zone, &c->after);
	KTEST_EXPECT_EQ(t, c->after.free_isolate, c->before.free_isolate);
}

static void isolation_keeps_a_page_freed_inside_an_isolated_block(struct ktest *t)
{
	struct iso_ctx *c = t->priv;
	unsigned long s = c->pfn, e = c->pfn + NR_PB, busy = 0;
	unsigned long iso_full;
	struct page *page = pfn_to_page(s + 3);

	KTEST_ASSERT_EQ(t, start_isolate_page_range(s, e, MIGRATE_MOVABLE, &busy), 0);
	iso_full = c->zone->free_isolate_pages;
	KTEST_ASSERT_EQ(t, take_isolated_free_range(s + 3, s + 4), 0);
	KTEST_EXPECT_EQ(t, page_ref_count(page), 1);
	KTEST_EXPECT_EQ(t, c->zone->free_isolate_pages, iso_full - 1);
	__free_page(page);
	KTEST_EXPECT_FALSE(t, PagePcp(page));
	KTEST_EXPECT_EQ(t, c->zone->free_isolate_pages, iso_full);
	KTEST_EXPECT_EQ(t, test_pages_isolated(s, e, &busy), 0);
	undo_isolate_page_range(s, e, MIGRATE_MOVABLE);
}

static void isolation_undo_restores_every_counter_exactly(struct ktest *t)
{
	struct iso_ctx *c = t->priv;
	/* Not pageblock aligned on purpose: the range widens to 3 pageblocks. */
	unsigned long s = c->pfn + 5, e = c->pfn + 2 * NR_PB + 7, busy = 0;

	snap(c->zone, &c->before);
	KTEST_ASSERT_EQ(t, start_isolate_page_range(s, e, MIGRATE_MOVABLE, &busy), 0);
	KTEST_EXPECT_EQ(t, c->zone->free_isolate_pages - c->before.free_isolate, 3 * NR_PB);
	undo_isolate_page_range(s, e, MIGRATE_MOVABLE);
	snap(c->zone, &c->after);
	expect_same(t, &c->before, &c->after);
}

static void isolation_fails_busy_on_an_unmovable_page_and_leaves_nothing_isolated(struct ktest *t)
{
	struct iso_ctx *c = t->priv;
	unsigned long s = c->pfn, e = c->pfn + 2 * NR_PB, busy = 0, target = s + NR_PB + 5;
	struct page *page = pfn_to_page(target);
	int ret;

	/* Plant an unmovable kernel page inside the second MOVABLE pageblock. */
	KTEST_ASSERT_EQ(t, start_isolate_page_range(s + NR_PB, e, MIGRATE_MOVABLE, &busy), 0);
	KTEST_ASSERT_EQ(t, take_isolated_free_range(target, target + 1), 0);
	undo_isolate_page_range(s + NR_PB, e, MIGRATE_MOVABLE);
	KTEST_EXPECT_EQ(t, get_pageblock_migratetype(target), MIGRATE_MOVABLE);

	snap(c->zone, &c->before);
	ret = start_isolate_page_range(s, e, MIGRATE_MOVABLE, &busy);
	snap(c->zone, &c->after);
	__free_page(page);
	drain_all_pages();

	KTEST_EXPECT_EQ(t, ret, -EBUSY);
	KTEST_EXPECT_EQ(t, busy, target);
	KTEST_EXPECT_EQ(t, get_pageblock_migratetype(s), MIGRATE_MOVABLE);
	KTEST_EXPECT_EQ(t, get_pageblock_migratetype(s + NR_PB), MIGRATE_MOVABLE);
	expect_same(t, &c->before, &c->after);
}

static void isolation_refuses_a_pageblock_that_is_already_isolated(struct ktest *t)
{
	struct iso_ctx *c = t->priv;
	unsigned long s = c->pfn + NR_PB, e = s + NR_PB, busy = 0;
	int ret;

	KTEST_ASSERT_EQ(t, start_isolate_page_range(s, e, MIGRATE_MOVABLE, &busy), 0);
	snap(c->zone, &c->before);
	/* A wider range: the free pageblock before it must not stay isolated. */
	ret = start_isolate_page_range(s - NR_PB, e, MIGRATE_MOVABLE, &busy);
	snap(c->zone, &c->after);
	KTEST_EXPECT_EQ(t, ret, -EBUSY);
	KTEST_EXPECT_EQ(t, busy, s);
	KTEST_EXPECT_EQ(t, get_pageblock_migratetype(s - NR_PB), MIGRATE_MOVABLE);
	KTEST_EXPECT_EQ(t, get_pageblock_migratetype(s), MIGRATE_ISOLATE);
	expect_same(t, &c->before, &c->after);
	undo_isolate_page_range(s, e, MIGRATE_MOVABLE);
	KTEST_EXPECT_EQ(t, get_pageblock_migratetype(s), MIGRATE_MOVABLE);
}

static void isolation_test_pages_isolated_reports_the_first_busy_pfn(struct ktest *t)
{
	struct iso_ctx *c = t->priv;
	unsigned long s = c->pfn, e = c->pfn + NR_PB, busy = 0;
	struct page *a = pfn_to_page(s + 7), *b = pfn_to_page(s + 9);

	KTEST_ASSERT_EQ(t, start_isolate_page_range(s, e, MIGRATE_MOVABLE, &busy), 0);
	KTEST_EXPECT_EQ(t, test_pages_isolated(s, e, &busy), 0);
	KTEST_ASSERT_EQ(t, take_isolated_free_range(s + 7, s + 8), 0);
	KTEST_ASSERT_EQ(t, take_isolated_free_range(s + 9, s + 10), 0);
	busy = 0;
	KTEST_EXPECT_EQ(t, test_pages_isolated(s, e, &busy), -EBUSY);
	KTEST_EXPECT_EQ(t, busy, s + 7);
	__free_page(a);
	KTEST_EXPECT_EQ(t, test_pages_isolated(s, e, &busy), -EBUSY);
	KTEST_EXPECT_EQ(t, busy, s + 9);
	__free_page(b);
	KTEST_EXPECT_EQ(t, test_pages_isolated(s, e, &busy), 0);
	undo_isolate_page_range(s, e, MIGRATE_MOVABLE);
	/* Not isolated any more: the pages are free but not on ISOLATE lists. */
	KTEST_EXPECT_EQ(t, test_pages_isolated(s, e, &busy), -EBUSY);
	KTEST_EXPECT_EQ(t, busy, s);
}

static void isolation_take_isolated_free_range_and_freeing_back_restores_counts(struct ktest *t)
{
	struct iso_ctx *c = t->priv;
	unsigned long s = c->pfn, e = c->pfn + NR_PB, busy = 0, iso_full, p;
	unsigned long bad = 0;

	snap(c->zone, &c->before);
	KTEST_ASSERT_EQ(t, start_isolate_page_range(s, e, MIGRATE_MOVABLE, &busy), 0);
	iso_full = c->zone->free_isolate_pages;
	/* 35 pages from inside a free block: not a multiple of eight. */
	KTEST_ASSERT_EQ(t, take_isolated_free_range(s + 13, s + 48), 0);
	KTEST_EXPECT_EQ(t, c->zone->free_isolate_pages, iso_full - 35);
	for (p = s + 13; p < s + 48; p++) {
		struct page *page = pfn_to_page(p);

		if (page_ref_count(page) != 1 || page_flags(page) || page->private)
			bad++;
	}
	KTEST_EXPECT_EQ(t, bad, 0);
	/* Taking a page twice fails and takes nothing. */
	KTEST_EXPECT_EQ(t, take_isolated_free_range(s + 40, s + 60), -EBUSY);
	KTEST_EXPECT_EQ(t, c->zone->free_isolate_pages, iso_full - 35);
	for (p = s + 13; p < s + 48; p++)
		__free_page(pfn_to_page(p));
	KTEST_EXPECT_EQ(t, c->zone->free_isolate_pages, iso_full);
	KTEST_EXPECT_EQ(t, test_pages_isolated(s, e, &busy), 0);
	undo_isolate_page_range(s, e, MIGRATE_MOVABLE);
	snap(c->zone, &c->after);
	expect_same(t, &c->before, &c->after);
}

/*
 * take_isolated_free_range_flags() gives every page taken the flags asked
 * for, as well as its reference, and nothing outside the range.
 */
static void isolation_take_with_flags_sets_them_on_every_page_taken(struct ktest *t)
{
	struct iso_ctx *c = t->priv;
	unsigned long s = c->pfn, e = c->pfn + 2 * NR_PB, busy = 0, p, bad = 0;
	const u32 want = 1u << PG_contig;

	snap(c->zone, &c->before);
	KTEST_ASSERT_EQ(t, start_isolate_page_range(s, e, MIGRATE_MOVABLE, &busy), 0);
	/* Across a pageblock boundary, not a multiple of eight pages. */
	KTEST_ASSERT_EQ(t, take_isolated_free_range_flags(s + pageblock_nr_pages - 21,
							  s + pageblock_nr_pages + 14, want),
			0);
	for (p = s + pageblock_nr_pages - 21; p < s + pageblock_nr_pages + 14; p++) {
		struct page *page = pfn_to_page(p);

		if (page_ref_count(page) != 1 || page_flags(page) != want || page->private)
			bad++;
	}
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, test_pages_isolated(s + pageblock_nr_pages - 22,
					       s + pageblock_nr_pages - 21, NULL), 0);
	KTEST_EXPECT_EQ(t, test_pages_isolated(s + pageblock_nr_pages + 14,
					       s + pageblock_nr_pages + 15, NULL), 0);
	for (p = s + pageblock_nr_pages - 21; p < s + pageblock_nr_pages + 14; p++) {
		struct page *page = pfn_to_page(p);

		__atomic_store_n(&page->flags, 0, __ATOMIC_RELAXED);
		__free_page(page);
	}
	KTEST_EXPECT_EQ(t, test_pages_isolated(s, e, &busy), 0);
	undo_isolate_page_range(s, e, MIGRATE_MOVABLE);
	snap(c->zone, &c->after);
	expect_same(t, &c->before, &c->after);
}

static void isolation_rejects_bad_arguments(struct ktest *t)
{
	struct iso_ctx *c = t->priv;
	unsigned long busy = 0;

	KTEST_EXPECT_EQ(t, start_isolate_page_range(c->pfn, c->pfn, MIGRATE_MOVABLE, &busy),
			-EINVAL);
	KTEST_EXPECT_EQ(t, start_isolate_page_range(c->pfn, c->pfn + 1, MIGRATE_ISOLATE, &busy),
			-EINVAL);
	KTEST_EXPECT_EQ(t, take_isolated_free_range(max_pfn, max_pfn + 1), -EINVAL);
	KTEST_EXPECT_EQ(t, get_pageblock_migratetype(c->pfn), MIGRATE_MOVABLE);
}

static struct ktest_case isolation_cases[] = {
	KTEST_CASE(isolation_moves_free_pages_to_isolate_lists_and_alloc_never_returns_them),
	KTEST_CASE(isolation_keeps_a_page_freed_inside_an_isolated_block),
	KTEST_CASE(isolation_undo_restores_every_counter_exactly),
	KTEST_CASE(isolation_fails_busy_on_an_unmovable_page_and_leaves_nothing_isolated),
	KTEST_CASE(isolation_refuses_a_pageblock_that_is_already_isolated),
	KTEST_CASE(isolation_test_pages_isolated_reports_the_first_busy_pfn),
	KTEST_CASE(isolation_take_isolated_free_range_and_freeing_back_restores_counts),
	KTEST_CASE(isolation_take_with_flags_sets_them_on_every_page_taken),
	KTEST_CASE(isolation_rejects_bad_arguments),
	{}
};

static struct ktest_suite isolation_suite = {
	.name = "isolation",
	.cases = isolation_cases,
	.init = iso_init,
	.exit = iso_exit,
};
ktest_register(isolation_suite);

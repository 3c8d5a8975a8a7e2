// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "buddy": the page allocator on the live kernel.
 *
 * Cases drain the per-CPU lists first and assert exact deltas of the free
 * counters: nothing else allocates while a case runs. Cases that need a
 * CMA fallback policy save and restore every zone's. Which free lists each
 * policy takes from is tested exactly in a private world
 * (tests/unit/mm/buddy_test.c).
 */
#define pr_fmt(fmt) "buddy_test: " fmt

#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/mmzone.h>
#include <contig/mm_debug.h>
#include <contig/string.h>
#include <contig/arch.h>
#include <contig/slab.h>
#include <contig/errno.h>
#include <contig/page-isolation.h>

struct free_snapshot {
	unsigned long nr_free;
	unsigned long blocks[MAX_NR_ZONES][MAX_ORDER][MIGRATE_TYPES];
};

static void snapshot(struct free_snapshot *s)
{
	unsigned long flags;
	unsigned int z, o;
	int mt;

	drain_all_pages();
	memset(s, 0, sizeof(*s));
	s->nr_free = nr_free_pages();
	for (z = 0; z < nr_zones; z++) {
		spin_lock_irqsave(&zones[z].lock, flags);
		for (o = 0; o < MAX_ORDER; o++)
			for (mt = 0; mt < MIGRATE_TYPES; mt++)
				s->blocks[z][o][mt] = zones[z].free_area[o].nr_free[mt];
		spin_unlock_irqrestore(&zones[z].lock, flags);
	}
}

static unsigned long snapshot_diffs(struct ktest *t, const struct free_snapshot *a,
				    const struct free_snapshot *b)
{
	unsigned long diffs = 0;
	unsigned int z, o;
	int mt;

	for (z = 0; z < nr_zones; z++)
		for (o = 0; o < MAX_ORDER; o++)
			for (mt = 0; mt < MIGRATE_TYPES; mt++)
				if (a->blocks[z][o][mt] != b->blocks[z][o][mt]) {
					ktest_info(t, "zone %u order %u %s: %lu blocks before, %lu after",
						   z, o, migratetype_names[mt], a->blocks[z][o][mt],
						   b->blocks[z][o][mt]);
					diffs++;
				}
	return diffs;
}

static void buddy_alloc_and_free_change_the_free_count_by_exactly_the_block_size(struct ktest *t)
{
	static const gfp_t gfps[] = { GFP_KERNEL | __GFP_NO_PCP, GFP_MOVABLE | __GFP_NO_PCP,
				      GFP_KERNEL, GFP_MOVABLE };
	unsigned int o, g;

	for (g = 0; g < ARRAY_SIZE(gfps); g++) {
		for (o = 0; o < MAX_ORDER; o++) {
			unsigned long before, pfn;
			struct page *page;

			drain_all_pages();
			before = nr_free_pages();
			page = alloc_pages(gfps[g], o);
			KTEST_ASSERT_NOT_NULL(t, page);
			pfn = page_to_pfn(page);
			/* A per-CPU refill may park a batch: count it as free. */
			KTEST_EXPECT_EQ(t, nr_free_pages(), before - (1UL << o));
			KTEST_EXPECT_EQ(t, page_ref_count(page), 1);
			KTEST_EXPECT_TRUE(t, IS_ALIGNED(pfn, 1UL << o));
			KTEST_EXPECT_EQ(t, PageHead(page), o > 0);
			KTEST_EXPECT_EQ(t, page_order(page), o);
			KTEST_EXPECT_FALSE(t, PageBuddy(page) || PagePcp(page) || PageReserved(page));
			__free_pages(page, o);
			drain_all_pages();
			KTEST_EXPECT_EQ(t, nr_free_pages(), before);
		}
	}
}

static void buddy_freeing_merges_blocks_back_to_the_same_free_area_counts(struct ktest *t)
{
	struct cma_policy_save saved;
	static const unsigned int orders[] = { 0, 0, 0, 1, 0, 3, 0, 2, 5, 0, 9, 0, 4, 1 };
	struct page *pages[ARRAY_SIZE(orders) * 8];
	struct free_snapshot *before, *after;
	unsigned int i, n = 0;

	before = kmalloc(sizeof(*before), GFP_KERNEL);
	after = kmalloc(sizeof(*after), GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, before && after);
	zones_set_cma_policy(CMA_POLICY_FALLBACK, &saved);
	snapshot(before);
	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		pages[i] = alloc_pages(GFP_MOVABLE | __GFP_NO_PCP, orders[i % ARRAY_SIZE(orders)]);
		if (pages[i])
			n++;
	}
	KTEST_EXPECT_EQ(t, n, ARRAY_SIZE(pages));
	/* Free in a different order from the allocation. */
	for (i = 0; i < ARRAY_SIZE(pages); i += 2)
		__free_pages(pages[i], orders[i % ARRAY_SIZE(orders)]);
	for (i = 1; i < ARRAY_SIZE(pages); i += 2)
		__free_pages(pages[i], orders[i % ARRAY_SIZE(orders)]);
	snapshot(after);
	zones_restore_cma_policy(&saved);
	KTEST_EXPECT_EQ(t, after->nr_free, before->nr_free);
	KTEST_EXPECT_EQ(t, snapshot_diffs(t, before, after), 0);
	kfree(before);
	kfree(after);
}

/*
 * Unmovable allocations claim MOVABLE pageblocks for good. Cases that
 * exhaust memory save every pageblock's type and give the claimed ones back
 * afterwards (isolate and undo to MIGRATE_MOVABLE, the public way), so
 * later suites still find movable pageblocks.
 */
static u8 *save_pageblock_types(void)
{
	unsigned long nr = (max_pfn - min_low_pfn) >> pageblock_order, i;
	u8 *types = kmalloc(nr ? nr : 1, GFP_KERNEL);

	for (i = 0; types && i < nr; i++)
		types[i] = (u8)get_pageblock_migratetype(min_low_pfn + (i << pageblock_order));
	return types;
}

static void restore_movable_pageblocks(u8 *types)
{
	unsigned long nr = (max_pfn - min_low_pfn) >> pageblock_order, i, busy;

	for (i = 0; types && i < nr; i++) {
		unsigned long pb = min_low_pfn + (i << pageblock_order);

		if (types[i] == MIGRATE_MOVABLE &&
		    get_pageblock_migratetype(pb) == MIGRATE_UNMOVABLE &&
		    !start_isolate_page_range(pb, pb + pageblock_nr_pages, MIGRATE_MOVABLE, &busy))
			undo_isolate_page_range(pb, pb + pageblock_nr_pages, MIGRATE_MOVABLE);
	}
	kfree(types);
}

static bool block_touches_type(struct page *page, unsigned int order, int mt)
{
	unsigned long pfn = page_to_pfn(page), p;

	for (p = pfn; p < pfn + (1UL << order); p += pageblock_nr_pages)
		if (get_pageblock_migratetype(p) == mt)
			return true;
	return false;
}

static void buddy_unmovable_allocations_never_come_from_cma_even_when_only_cma_is_free(struct ktest *t)
{
	LIST_HEAD(held);
	struct page *page, *tmp, *extra, *movable;
	unsigned long n = 0, bad = 0, cma_left;
	int movable_mt = -1;
	u8 *types = save_pageblock_types();
	int o;

	KTEST_ASSERT_NOT_NULL(t, types);
	drain_all_pages();
	/* Take every non-CMA page the kernel can get, largest blocks first. */
	for (o = MAX_ORDER - 1; o >= 0; o--) {
		while ((page = alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NO_PCP, o))) {
			if (block_touches_type(page, o, MIGRATE_CMA) ||
			    block_touches_type(page, o, MIGRATE_ISOLATE))
				bad++;
			page->private = (unsigned long)o;
			list_add(&page->lru, &held);
			n++;
		}
	}
	/* The per-CPU path too. */
	while ((page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0))) {
		if (block_touches_type(page, 0, MIGRATE_CMA))
			bad++;
		page->private = 0;
		list_add(&page->lru, &held);
		n++;
	}
	cma_left = nr_free_cma_pages();
	extra = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
	movable = alloc_pages(GFP_MOVABLE | __GFP_NOWARN | __GFP_NO_PCP, 0);
	if (movable)
		movable_mt = get_pageblock_migratetype(page_to_pfn(movable));

	list_for_each_entry_safe(page, tmp, &held, lru) {
		unsigned int order = (unsigned int)page->private;

		list_del(&page->lru);
		page->private = 0;
		__free_pages(page, order);
	}
	if (extra)
		__free_page(extra);
	if (movable)
		__free_page(movable);
	drain_all_pages();
	restore_movable_pageblocks(types);
	ktest_info(t, "held %lu blocks; %lu CMA pages stayed free", n, cma_left);
	KTEST_EXPECT_GT(t, n, 0);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_GT(t, cma_left, 0);
	KTEST_EXPECT_NULL(t, extra);
	KTEST_EXPECT_NOT_NULL(t, movable);
	KTEST_EXPECT_EQ(t, movable_mt, MIGRATE_CMA);
}

struct drain_arg {
	unsigned int ids[CONFIG_NR_CPUS];
};

static void fill_pcp(unsigned int idx, void *arg)
{
	struct drain_arg *a = arg;
	struct page *pages[8];
	unsigned int i;

	a->ids[idx] = arch_cpu_id();
	for (i = 0; i < ARRAY_SIZE(pages); i++)
		pages[i] = alloc_page(GFP_KERNEL);
	for (i = 0; i < ARRAY_SIZE(pages); i++)
		if (pages[i])
			__free_page(pages[i]);
}

static unsigned long pcp_total(unsigned int cpu)
{
	unsigned long n = 0;
	unsigned int z;

	for (z = 0; z < nr_zones; z++)
		n += READ_ONCE(zones[z].pcp[cpu].count);
	return n;
}

static void buddy_drain_all_pages_empties_every_cpus_list(struct ktest *t)
{
	struct drain_arg a;
	unsigned int ran, i, cpu;
	unsigned long before;

	memset(&a, 0, sizeof(a));
	drain_all_pages();
	before = nr_free_pages();
	ran = arch_smp_run(CONFIG_NR_CPUS, fill_pcp, &a);
	KTEST_ASSERT_GE(t, ran, 1);
	for (i = 0; i < ran; i++)
		KTEST_EXPECT_GT(t, pcp_total(a.ids[i]), 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	drain_all_pages();
	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		KTEST_EXPECT_EQ(t, pcp_total(cpu), 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static struct {
	unsigned long calls, pfn, offset;
	u8 val;
} poison_seen;

static void poison_hook(unsigned long pfn, unsigned long offset, u8 val)
{
	if (!poison_seen.calls++) {
		poison_seen.pfn = pfn;
		poison_seen.offset = offset;
		poison_seen.val = val;
	}
}

static void buddy_poison_detects_a_write_after_free(struct ktest *t)
{
	struct page *page, *again;
	unsigned long pfn;
	gfp_t gfp;
	int mt;

	if (!page_poisoning_enabled) {
		ktest_skip(t, "page poisoning is off");
		return;
	}
	memset(&poison_seen, 0, sizeof(poison_seen));
	page_poison_report_hook = poison_hook;

	/* A clean free and reallocation reports nothing. */
	page = alloc_page(GFP_MOVABLE);
	KTEST_ASSERT_NOT_NULL(t, page);
	__free_page(page);
	page = alloc_page(GFP_MOVABLE);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, poison_seen.calls, 0);

	/* Free to this CPU's list; the next allocation of its kind reuses it. */
	pfn = page_to_pfn(page);
	mt = get_pageblock_migratetype(pfn);
	gfp = mt == MIGRATE_UNMOVABLE ? GFP_KERNEL : GFP_MOVABLE;
	__free_page(page);
	((volatile u8 *)page_address(page))[100] = 0x5a;
	again = alloc_page(gfp);
	page_poison_report_hook = NULL;
	KTEST_ASSERT_NOT_NULL(t, again);
	__free_page(again);
	KTEST_ASSERT_EQ(t, page_to_pfn(again), pfn);
	KTEST_EXPECT_EQ(t, poison_seen.calls, 1);
	KTEST_EXPECT_EQ(t, poison_seen.pfn, pfn);
	KTEST_EXPECT_EQ(t, poison_seen.offset, 100);
	KTEST_EXPECT_EQ(t, poison_seen.val, 0x5a);
}

static void buddy_zero_flag_returns_zeroed_pages(struct ktest *t)
{
	struct page *page;
	unsigned long i, nonzero = 0;
	const u8 *p;

	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	KTEST_ASSERT_NOT_NULL(t, page);
	p = page_address(page);
	for (i = 0; i < 4 * PAGE_SIZE; i++)
		nonzero += p[i] != 0;
	__free_pages(page, 2);
	KTEST_EXPECT_EQ(t, nonzero, 0);
}

static void buddy_split_page_makes_independent_order0_pages(struct ktest *t)
{
	struct page *page;
	unsigned long before;
	unsigned int i;

	drain_all_pages();
	before = nr_free_pages();
	page = alloc_pages(GFP_KERNEL | __GFP_NO_PCP, 3);
	KTEST_ASSERT_NOT_NULL(t, page);
	split_page(page, 3);
	for (i = 0; i < 8; i++) {
		KTEST_EXPECT_EQ(t, page_ref_count(page + i), 1);
		KTEST_EXPECT_FALSE(t, PageHead(page + i));
	}
	for (i = 0; i < 8; i++)
		put_page(page + i);
	drain_all_pages();
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

/*
 * alloc_pages_bulk() takes blocks and splits them: every page must come
 * out as alloc_page() gives it, from the lists @gfp allows, and never take
 * non-CMA memory below the min reserve; the pages are freed one by one.
 */
static void buddy_bulk_allocation_gives_order0_pages_down_to_the_min_reserve(struct ktest *t)
{
	unsigned long noncma, cma, got, more, bad_state = 0, bad_type = 0, before;
	u8 *types = save_pageblock_types();
	struct page *page, *tmp;
	LIST_HEAD(pages);

	KTEST_ASSERT_NOT_NULL(t, types);
	drain_all_pages();
	before = nr_free_pages();
	nr_free_target_pages(&noncma, &cma);
	/* Ask for more than there is outside CMA above the reserve. */
	got = alloc_pages_bulk(GFP_MOVABLE | __GFP_NO_CMA | __GFP_NOWARN,
			       (unsigned int)(noncma + 100), &pages);
	more = alloc_pages_bulk(GFP_MOVABLE | __GFP_NO_CMA | __GFP_NOWARN, 1, &pages);
	list_for_each_entry(page, &pages, lru) {
		int mt = get_pageblock_migratetype(page_to_pfn(page));

		if (page_flags(page) || page_ref_count(page) != 1 || page->private)
			bad_state++;
		if (mt == MIGRATE_CMA || mt == MIGRATE_ISOLATE)
			bad_type++;
	}
	list_for_each_entry_safe(page, tmp, &pages, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	drain_all_pages();
	restore_movable_pageblocks(types);
	ktest_info(t, "%lu pages outside CMA above the min reserve, %lu taken", noncma, got);
	KTEST_EXPECT_EQ(t, got, noncma);
	KTEST_EXPECT_EQ(t, more, 0);
	KTEST_EXPECT_EQ(t, bad_state, 0);
	KTEST_EXPECT_EQ(t, bad_type, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	KTEST_EXPECT_EQ(t, page_alloc_check(true), 0);
}

/*
 * free_page_list() gives pages of an isolated pageblock back as runs of
 * blocks: whatever the order of the list, the pageblock ends whole on the
 * ISOLATE list, and undoing the isolation gives every page back.
 */
static void buddy_free_page_list_returns_an_isolated_pageblock_whole(struct ktest *t)
{
	/* Three runs out of order, the middle one split across the list. */
	static const unsigned long runs[][2] = { { 0, 100 }, { 200, 256 }, { 100, 200 } };
	unsigned long pb = find_free_pageblocks(1, MIGRATE_CMA), before, i, r, isolated;
	struct page *head;
	LIST_HEAD(pages);

	if (!pb || pageblock_nr_pages != 256) {
		ktest_skip(t, "needs a free CMA pageblock of 256 pages");
		return;
	}
	drain_all_pages();
	before = nr_free_pages();
	KTEST_ASSERT_EQ(t, start_isolate_page_range(pb, pb + pageblock_nr_pages, MIGRATE_CMA,
						    NULL), 0);
	KTEST_ASSERT_EQ(t, take_isolated_free_range(pb, pb + pageblock_nr_pages), 0);
	for (r = 0; r < ARRAY_SIZE(runs); r++)
		for (i = runs[r][0]; i < runs[r][1]; i++) {
			struct page *page = pfn_to_page(pb + i);

			set_page_count(page, 0); /* the last reference dropped */
			list_add_tail(&page->lru, &pages);
		}
	free_page_list(&pages);
	KTEST_EXPECT_TRUE(t, list_empty(&pages));
	isolated = test_pages_isolated(pb, pb + pageblock_nr_pages, NULL);
	head = pfn_to_page(pb);
	KTEST_EXPECT_EQ(t, isolated, 0);
	KTEST_EXPECT_TRUE(t, PageBuddy(head) && page_order(head) >= pageblock_order);
	undo_isolate_page_range(pb, pb + pageblock_nr_pages, MIGRATE_CMA);
	drain_all_pages();
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	KTEST_EXPECT_EQ(t, page_alloc_check(true), 0);
}

/*
 * Isolating a pageblock moves every free block in it to the ISOLATE lists,
 * wherever it sits among pages in use: lone free pages between runs of
 * 0 to 16 pages in use (so every offset of the walk's eight-page steps
 * meets one), then a free run at the end of the pageblock.
 */
static void buddy_isolation_moves_free_pages_between_pages_in_use(struct ktest *t)
{
	unsigned long pb = find_free_pageblocks(1, MIGRATE_CMA), before, iso, nfree = 0, p, gap;
	struct zone *zone;
	bool *is_free;

	if (!pb) {
		ktest_skip(t, "needs a free CMA pageblock");
		return;
	}
	is_free = kzalloc(pageblock_nr_pages * sizeof(*is_free), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, is_free);
	zone = pfn_zone(pb);
	drain_all_pages();
	before = nr_free_pages();
	/* Every page of the pageblock in use (refcount 1), then some freed. */
	KTEST_ASSERT_EQ(t, start_isolate_page_range(pb, pb + pageblock_nr_pages, MIGRATE_CMA,
						    NULL), 0);
	KTEST_ASSERT_EQ(t, take_isolated_free_range(pb, pb + pageblock_nr_pages), 0);
	undo_isolate_page_range(pb, pb + pageblock_nr_pages, MIGRATE_CMA);
	for (p = 0, gap = 0; p < pageblock_nr_pages; p += gap + 1, gap = (gap + 1) % 17)
		is_free[p] = true;
	for (p = pageblock_nr_pages - pageblock_nr_pages / 8; p < pageblock_nr_pages; p++)
		is_free[p] = true;
	for (p = 0; p < pageblock_nr_pages; p++) {
		if (is_free[p]) {
			__free_page(pfn_to_page(pb + p));
			nfree++;
		}
	}
	drain_all_pages();
	iso = zone->free_isolate_pages;
	KTEST_ASSERT_EQ(t, start_isolate_page_range(pb, pb + pageblock_nr_pages, MIGRATE_CMA,
						    NULL), 0);
	KTEST_EXPECT_EQ(t, zone->free_isolate_pages - iso, nfree);
	KTEST_EXPECT_EQ(t, page_alloc_check(true), 0);
	undo_isolate_page_range(pb, pb + pageblock_nr_pages, MIGRATE_CMA);
	for (p = 0; p < pageblock_nr_pages; p++)
		if (!is_free[p])
			__free_page(pfn_to_page(pb + p));
	kfree(is_free);
	drain_all_pages();
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	KTEST_EXPECT_EQ(t, page_alloc_check(true), 0);
}

/*
 * The allocator hands the tails of a free block out without clearing
 * them, so the check proves they carry nothing: a private value left on
 * a tail is caught.
 */
static void buddy_check_catches_a_free_tail_with_a_private_value(struct ktest *t)
{
	unsigned long pb = find_free_pageblocks(1, MIGRATE_CMA), found, flags;
	struct zone *zone;
	struct page *tail;

	if (!pb) {
		ktest_skip(t, "needs a free CMA pageblock");
		return;
	}
	zone = pfn_zone(pb);
	tail = pfn_to_page(pb + 1);
	drain_all_pages();
	KTEST_EXPECT_EQ(t, page_alloc_check(true), 0);
	spin_lock_irqsave(&zone->lock, flags);
	/* The pageblock is one free block or more: pb + 1 is a tail. */
	KTEST_EXPECT_EQ(t, page_flags(tail), 0);
	tail->private = MIGRATE_CMA;
	spin_unlock_irqrestore(&zone->lock, flags);
	found = page_alloc_check(false);
	spin_lock_irqsave(&zone->lock, flags);
	tail->private = 0;
	spin_unlock_irqrestore(&zone->lock, flags);
	KTEST_EXPECT_EQ(t, found, 1);
	KTEST_EXPECT_EQ(t, page_alloc_check(true), 0);
}

static void buddy_get_free_pages_returns_the_linear_address(struct ktest *t)
{
	void *addr = get_free_pages(GFP_KERNEL, 1);

	KTEST_ASSERT_NOT_NULL(t, addr);
	KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)addr, 2 * PAGE_SIZE));
	KTEST_EXPECT_TRUE(t, PageHead(virt_to_page(addr)));
	free_pages(addr, 1);
	free_pages(NULL, 0);
}

static void buddy_check_finds_nothing_wrong_and_catches_a_bad_counter(struct ktest *t)
{
	struct zone *z = &zones[0];
	unsigned long found, flags;

	drain_all_pages();
	KTEST_EXPECT_EQ(t, page_alloc_check(true), 0);
	spin_lock_irqsave(&z->lock, flags);
	z->free_area[0].nr_free[MIGRATE_MOVABLE]++;
	spin_unlock_irqrestore(&z->lock, flags);
	found = page_alloc_check(false);
	spin_lock_irqsave(&z->lock, flags);
	z->free_area[0].nr_free[MIGRATE_MOVABLE]--;
	spin_unlock_irqrestore(&z->lock, flags);
	KTEST_EXPECT_GE(t, found, 1);
	KTEST_EXPECT_EQ(t, page_alloc_check(true), 0);
}

/* The free pages counted per pageblock are checked against the lists. */
static void buddy_check_catches_a_bad_pageblock_free_count(struct ktest *t)
{
	struct zone *z = &zones[0];
	unsigned long found, flags;
	u32 *nr = &z->pageblock_nr_free[(z->end_pfn - z->start_pfn) / pageblock_nr_pages / 2];

	drain_all_pages();
	KTEST_EXPECT_EQ(t, page_alloc_check(true), 0);
	spin_lock_irqsave(&z->lock, flags);
	(*nr)++;
	spin_unlock_irqrestore(&z->lock, flags);
	found = page_alloc_check(false);
	spin_lock_irqsave(&z->lock, flags);
	(*nr)--;
	spin_unlock_irqrestore(&z->lock, flags);
	KTEST_EXPECT_EQ(t, found, 1);
	KTEST_EXPECT_EQ(t, page_alloc_check(true), 0);
}

/*
 * A pageblock that lies inside a larger free block (its first page is a
 * tail) counted as holding no free page: the check does not take the
 * count's word for it.
 */
static void buddy_check_catches_a_free_pageblock_counted_empty(struct ktest *t)
{
	struct zone *z = &zones[0];
	unsigned long found, flags, pb, n = (z->end_pfn - z->start_pfn) / pageblock_nr_pages;
	u32 *nr = NULL;

	drain_all_pages();
	spin_lock_irqsave(&z->lock, flags);
	for (pb = 0; pb < n && !nr; pb++) {
		struct page *first = pfn_to_page(z->start_pfn + pb * pageblock_nr_pages);

		if (z->pageblock_nr_free[pb] == pageblock_nr_pages && !page_flags(first)) {
			nr = &z->pageblock_nr_free[pb];
			*nr -= pageblock_nr_pages;
		}
	}
	spin_unlock_irqrestore(&z->lock, flags);
	if (!nr) {
		ktest_skip(t, "needs a pageblock inside a larger free block");
		return;
	}
	found = page_alloc_check(false);
	spin_lock_irqsave(&z->lock, flags);
	*nr += pageblock_nr_pages;
	spin_unlock_irqrestore(&z->lock, flags);
	KTEST_EXPECT_EQ(t, found, 1);
	KTEST_EXPECT_EQ(t, page_alloc_check(true), 0);
}

static void buddy_orders_past_the_largest_fail_cleanly(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
	KTEST_EXPECT_EQ(t, get_pageblock_migratetype(max_pfn + pageblock_nr_pages), -EINVAL);
}

static struct ktest_case buddy_cases[] = {
	KTEST_CASE(buddy_alloc_and_free_change_the_free_count_by_exactly_the_block_size),
	KTEST_CASE(buddy_freeing_merges_blocks_back_to_the_same_free_area_counts),
	KTEST_CASE(buddy_unmovable_allocations_never_come_from_cma_even_when_only_cma_is_free),
	KTEST_CASE(buddy_drain_all_pages_empties_every_cpus_list),
	KTEST_CASE(buddy_poison_detects_a_write_after_free),
	KTEST_CASE(buddy_zero_flag_returns_zeroed_pages),
	KTEST_CASE(buddy_split_page_makes_independent_order0_pages),
	KTEST_CASE(buddy_bulk_allocation_gives_order0_pages_down_to_the_min_reserve),
	KTEST_CASE(buddy_free_page_list_returns_an_isolated_pageblock_whole),
	KTEST_CASE(buddy_isolation_moves_free_pages_between_pages_in_use),
	KTEST_CASE(buddy_check_catches_a_free_tail_with_a_private_value),
	KTEST_CASE(buddy_get_free_pages_returns_the_linear_address),
	KTEST_CASE(buddy_check_finds_nothing_wrong_and_catches_a_bad_counter),
	KTEST_CASE(buddy_check_catches_a_bad_pageblock_free_count),
	KTEST_CASE(buddy_check_catches_a_free_pageblock_counted_empty),
	KTEST_CASE(buddy_orders_past_the_largest_fail_cleanly),
	{}
};

static struct ktest_suite buddy_suite = { .name = "buddy", .cases = buddy_cases };
ktest_register(buddy_suite);

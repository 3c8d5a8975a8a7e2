// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pageblock isolation: the first step of a carve.
 *
 * Isolating a pageblock sets its type to MIGRATE_ISOLATE under the zone
 * lock and moves its free pages to the ISOLATE free lists; from then on the
 * allocator never hands them out, and pages freed inside the pageblock go
 * straight to the ISOLATE lists (never to a per-CPU list). Per-CPU lists
 * are drained afterwards so pages parked there land on the ISOLATE lists
 * too. Undoing restores the type and frees the ISOLATE blocks again through
 * the merging path, so they rejoin their buddies and every counter returns
 * to what it was.
 *
 * A pageblock is refused (-EBUSY) when another carve already isolated it,
 * or, unless it is MIGRATE_CMA (which only ever holds movable pages or the
 * area's own carves), when it holds a reserved page or an allocated page
 * that is not movable or is long-term pinned: migration could never empty
 * it.
 */
#define pr_fmt(fmt) "isolation: " fmt

#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/mmzone.h>
#include <contig/page-isolation.h>
#include <contig/errno.h>
#include <contig/fail_inject.h>
#include "internal.h"

/* First page of pageblock @pb that can never be migrated away, or ~0UL. */
static unsigned long find_unmovable_page_locked(struct zone *zone, unsigned long pb)
{
	unsigned long p = pb, end = pb + pageblock_nr_pages;

	assert_spin_locked(&zone->lock);
	while (p < end) {
		struct page *page = pfn_to_page(p);
		/* One load: this runs over every page of every carve. */
		u32 flags = page_flags(page);

		if (flags & (1u << PG_buddy)) {
			p += 1UL << page_order(page);
			continue;
		}
		if (flags & (1u << PG_pcp)) {
			p++;
			continue;
		}
		if (flags & (1u << PG_reserved))
			return p;
		if (page_ref_count(page) == 0) {
			unsigned long h = find_free_block_locked(zone, p);

			if (h == ~0UL)
				return p; /* tail of an allocated block, or in flux */
			p = h + (1UL << page_order(pfn_to_page(h)));
			continue;
		}
		if ((flags & ((1u << PG_movable) | (1u << PG_pinned))) != (1u << PG_movable))
			return p;
		p++;
	}
	return ~0UL;
}

/*
 * Return an isolated pageblock to @mt and re-free its blocks with merging.
 * The walk stops as soon as the zone has no free page left on an ISOLATE
 * list (zone->free_isolate_pages, exact under the lock): none can be in
 * this pageblock then. After a carve took its whole range that is at once,
 * so undoing the isolation costs no walk over the carved pages.
 */
static void unset_isolate_locked(struct zone *zone, unsigned long pb, int mt)
{
	unsigned long p;

	assert_spin_locked(&zone->lock);
	zone_set_pageblock_mt_locked(zone, pb, mt);
	for (p = pb; p < pb + pageblock_nr_pages && zone->free_isolate_pages;) {
		struct page *page = pfn_to_page(p);

		if (PageBuddy(page) && page->private == MIGRATE_ISOLATE) {
			unsigned int order = page_order(page);

			del_free_block_locked(zone, page);
			free_one_block_locked(zone, p, order);
			p += 1UL << order;
		} else {
			p++;
		}
	}
}

/**
 * undo_isolate_page_range - return isolated pageblocks to @migratetype
 * @start_pfn: first pfn (widened down to a pageblock)
 * @end_pfn: end pfn (widened up to a pageblock)
 * @migratetype: the type to restore
 * Pageblocks that are not isolated are left alone. Free pages rejoin the
 * buddy and merge with their neighbours.
 */
void undo_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn,
			     int migratetype)
{
	unsigned long flags;
	unsigned long pb = pageblock_start_pfn(start_pfn);
	unsigned long end = ALIGN(end_pfn, pageblock_nr_pages);

	if (migratetype < 0 || migratetype >= MIGRATE_TYPES || migratetype == MIGRATE_ISOLATE) {
		pr_err("undo_isolate_page_range: cannot restore migratetype %d\n", migratetype);
		return;
	}
	for (; pb < end; pb += pageblock_nr_pages) {
		struct zone *zone = pfn_zone(pb);

		if (!zone)
			continue;
		spin_lock_irqsave(&zone->lock, flags);
		if (zone_pageblock_mt(zone, pb) == MIGRATE_ISOLATE)
			unset_isolate_locked(zone, pb, migratetype);
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}

/**
 * start_isolate_page_range - isolate the pageblocks of [start_pfn, end_pfn)
 * @start_pfn: first pfn (widened down to a pageblock)
 * @end_pfn: end pfn (widened up to a pageblock)
 * @migratetype: what undo restores (also used to undo a failed attempt)
 * @busy_pfn: out (may be NULL): the page that made it fail
 *
 * Return: 0; -EBUSY when a pageblock is already isolated or, outside CMA
 * pageblocks, holds a reserved, unmovable or pinned page (nothing stays
 * isolated then); -EINVAL for an empty range, a bad @migratetype or a range
 * that leaves RAM.
 */
int start_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn,
			     int migratetype, unsigned long *busy_pfn)
{
	unsigned long flags;
	unsigned long spb = pageblock_start_pfn(start_pfn);
	unsigned long end = ALIGN(end_pfn, pageblock_nr_pages);
	unsigned long pb, bad = ~0UL;
	int ret = 0;

	if (start_pfn >= end_pfn || migratetype < 0 || migratetype >= MIGRATE_TYPES ||
	    migratetype == MIGRATE_ISOLATE)
		return -EINVAL;

	for (pb = spb; pb < end; pb += pageblock_nr_pages) {
		struct zone *zone = pfn_zone(pb);

		if (!zone) {
			bad = pb;
			ret = -EINVAL;
			break;
		}
		spin_lock_irqsave(&zone->lock, flags);
		if (fail_inject(FAIL_ISOLATE))
			bad = pb;
		else if (zone_pageblock_mt(zone, pb) == MIGRATE_ISOLATE)
			bad = pb;
		else if (zone_pageblock_mt(zone, pb) != MIGRATE_CMA)
			bad = find_unmovable_page_locked(zone, pb);
		if (bad != ~0UL) {
			spin_unlock_irqrestore(&zone->lock, flags);
			ret = -EBUSY;
			break;
		}
		zone_set_pageblock_mt_locked(zone, pb, MIGRATE_ISOLATE);
		move_freepages_block_locked(zone, pb, MIGRATE_ISOLATE);
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	if (ret) {
		if (busy_pfn)
			*busy_pfn = bad;
		undo_isolate_page_range(spb, pb, migratetype);
		return ret;
	}
	drain_all_pages();
	return 0;
}

/* First pfn of [start, end) not free on an ISOLATE list, or ~0UL. */
static unsigned long first_not_isolated(unsigned long start, unsigned long end, bool *on_pcp)
{
	unsigned long flags;
	unsigned long p = start;

	*on_pcp = false;
	while (p < end) {
		struct zone *zone = pfn_zone(p);
		unsigned long stop;

		if (!zone)
			return p;
		stop = min(end, zone->end_pfn);
		spin_lock_irqsave(&zone->lock, flags);
		while (p < stop) {
			unsigned long h = find_free_block_locked(zone, p);

			if (h == ~0UL || pfn_to_page(h)->private != MIGRATE_ISOLATE) {
				*on_pcp = PagePcp(pfn_to_page(p));
				spin_unlock_irqrestore(&zone->lock, flags);
				return p;
			}
			p = h + (1UL << page_order(pfn_to_page(h)));
		}
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	return ~0UL;
}

/**
 * test_pages_isolated - check that [start_pfn, end_pfn) is free and isolated
 * @start_pfn: first pfn
 * @end_pfn: end pfn
 * @busy_pfn: out (may be NULL): the first page that is not
 * A page still parked on a per-CPU list triggers one drain and a recheck.
 * Return: 0, or -EBUSY.
 */
int test_pages_isolated(unsigned long start_pfn, unsigned long end_pfn,
			unsigned long *busy_pfn)
{
	unsigned long bad;
	bool on_pcp;

	if (fail_inject(FAIL_TEST_ISOLATED)) {
		if (busy_pfn)
			*busy_pfn = start_pfn;
		return -EBUSY;
	}
	bad = first_not_isolated(start_pfn, end_pfn, &on_pcp);
	if (bad != ~0UL && on_pcp) {
		drain_all_pages();
		bad = first_not_isolated(start_pfn, end_pfn, &on_pcp);
	}
	if (bad == ~0UL)
		return 0;
	if (busy_pfn)
		*busy_pfn = bad;
	return -EBUSY;
}

/* Put [s, e) on the ISOLATE lists as aligned blocks, without merging. */
static void add_isolated_blocks_locked(struct zone *zone, unsigned long s, unsigned long e)
{
	while (s < e) {
		unsigned int order = s ? min_t(unsigned int, __builtin_ctzl(s), MAX_ORDER - 1)
				       : MAX_ORDER - 1;

		while (s + (1UL << order) > e)
			order--;
		add_free_block_locked(zone, s, order, MIGRATE_ISOLATE);
		s += 1UL << order;
	}
}

/* A page just unlinked from the free lists: refcount 1 and @pflags. */
static __always_inline void take_page(struct page *page, u32 pflags)
{
	set_page_count(page, 1);
	__atomic_store_n(&page->flags, pflags, __ATOMIC_RELAXED);
}

/*
 * The pages [@page, @stop) of a block just unlinked. del_free_block_locked()
 * cleared the head's flags and private value, and the tails of a free block
 * carry none (page_alloc_check() checks both), so take_page() is all a page
 * needs, eight pages a step (written out: measured fewer instructions a
 * carve than GCC's unrolling of the loop). One release fence orders the
 * unlink before all of them.
 */
static __always_inline void take_pages_locked(struct page *page, struct page *stop, u32 pflags)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
	for (; page + 8 <= stop; page += 8) {
		take_page(page, pflags);
		take_page(page + 1, pflags);
		take_page(page + 2, pflags);
		take_page(page + 3, pflags);
		take_page(page + 4, pflags);
		take_page(page + 5, pflags);
		take_page(page + 6, pflags);
		take_page(page + 7, pflags);
	}
	for (; page < stop; page++)
		take_page(page, pflags);
}

/**
 * take_isolated_free_range_flags - take_isolated_free_range(), each page
 * with @pflags
 * @start_pfn: first pfn
 * @end_pfn: end pfn (the range must lie in one zone)
 * @pflags: what page->flags of every page taken becomes (a carve's
 *          1 << PG_contig), stored in the same pass as the reference; no
 *          free-list, block-head, reserved or order bits
 * Return: as take_isolated_free_range().
 */
int take_isolated_free_range_flags(unsigned long start_pfn, unsigned long end_pfn, u32 pflags)
{
	const u32 bad = (1u << PG_buddy) | (1u << PG_pcp) | (1u << PG_head) |
			(1u << PG_reserved) | PAGE_ORDER_MASK;
	unsigned long flags;
	struct zone *zone = pfn_zone(start_pfn);
	unsigned long p;

	ASSERT_MSG(!(pflags & bad), "pfn %#lx-%#lx: flags %#x for taken pages", start_pfn,
		   end_pfn, pflags);
	if (start_pfn >= end_pfn || !zone || end_pfn > zone->end_pfn)
		return -EINVAL;
	if (fail_inject(FAIL_TAKE))
		return -EBUSY;
	spin_lock_irqsave(&zone->lock, flags);
	for (p = start_pfn; p < end_pfn;) {
		unsigned long h = find_free_block_locked(zone, p);

		if (h == ~0UL || pfn_to_page(h)->private != MIGRATE_ISOLATE) {
			spin_unlock_irqrestore(&zone->lock, flags);
			return -EBUSY;
		}
		p = h + (1UL << page_order(pfn_to_page(h)));
	}
	for (p = start_pfn; p < end_pfn;) {
		unsigned long h = find_free_block_locked(zone, p);
		struct page *head = pfn_to_page(h);
		unsigned long be = h + (1UL << page_order(head));

		del_free_block_locked(zone, head);
		if (h < start_pfn)
			add_isolated_blocks_locked(zone, h, start_pfn);
		if (be > end_pfn)
			add_isolated_blocks_locked(zone, end_pfn, be);
		take_pages_locked(pfn_to_page(max(h, start_pfn)), pfn_to_page(min(be, end_pfn)),
				  pflags);
		p = be;
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	return 0;
}

/**
 * take_isolated_free_range - take every free page of [start_pfn, end_pfn)
 * @start_pfn: first pfn
 * @end_pfn: end pfn (the range must lie in one zone)
 * The range must have passed test_pages_isolated(). Parts of free blocks
 * outside the range go back to the ISOLATE lists. Every page inside becomes
 * an order-0 page with refcount 1 and no flags; poison is not checked.
 * Return: 0; -EBUSY when a page was not free and isolated (nothing is
 * taken); -EINVAL for a range outside one zone.
 */
int take_isolated_free_range(unsigned long start_pfn, unsigned long end_pfn)
{
	return take_isolated_free_range_flags(start_pfn, end_pfn, 0);
}

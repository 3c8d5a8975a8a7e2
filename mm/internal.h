/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm-private interfaces: shared by the files of mm/ (page allocator,
 * memmap/zone setup, isolation, CMA and the contig carve code). Nothing
 * outside mm/ and the mm tests should need these.
 *
 * Locking: zone->lock guards a zone's free lists, counters and pageblock
 * migratetypes. pcp->lock guards one CPU's per-CPU lists. When both are
 * needed, take pcp->lock first, then zone->lock. Both are taken with
 * interrupts masked (the drain IPI takes them); Documentation/mm/locking.rst
 * has the whole order.
 */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <contig/mm.h>
#include <contig/mmzone.h>

/**
 * init_cma_reserved_pageblock - give a reserved CMA pageblock to the buddy
 * @page: first page of a pageblock whose pages are all PG_reserved (a
 *        memblock-reserved CMA area, before activation)
 *
 * Clears PG_reserved on every page, marks the pageblock MIGRATE_CMA, frees
 * the pages to the buddy (merging with CMA neighbours) and adds them to the
 * zone's managed_pages. Takes the zone lock itself.
 */
void init_cma_reserved_pageblock(struct page *page);

/**
 * set_pageblock_migratetype_locked - set the migratetype of @pfn's pageblock
 * @pfn: any pfn inside the pageblock
 * @mt: the new type
 *
 * Only changes the type byte: free pages already on lists stay where they
 * are until move_freepages_block_locked() moves them. Caller holds the
 * zone lock of @pfn's zone.
 */
void set_pageblock_migratetype_locked(unsigned long pfn, int mt);

/*
 * zone_set_pageblock_mt_locked - set_pageblock_migratetype_locked() for a
 * caller that holds @zone's lock and knows @pfn is in @zone (no zone
 * lookup).
 */
void zone_set_pageblock_mt_locked(struct zone *zone, unsigned long pfn, int mt);

/*
 * set_pageblock_borrow_locked - set the borrowing policy (enum cma_borrow)
 * of @pfn's pageblock. Only while none of its pages is free (before a CMA
 * area's pages reach the buddy, or while all of them are carved): the
 * policy decides which list a free block is on. Caller holds the zone lock.
 */
void set_pageblock_borrow_locked(unsigned long pfn, int borrow);

/**
 * move_freepages_block_locked - move the free pages of a pageblock to @mt
 * @zone: zone of @pfn (its lock held)
 * @pfn: any pfn inside the pageblock
 * @mt: free list type to move to
 *
 * A free block that straddles the pageblock (larger than a pageblock) is
 * first split into pageblock-sized blocks. Every free block inside the
 * pageblock then moves to the @mt free lists.
 *
 * Return: number of pages moved.
 */
unsigned long move_freepages_block_locked(struct zone *zone, unsigned long pfn,
					  int mt);

/**
 * free_one_block_locked - put a free block into the buddy, merging it
 * @zone: zone of @pfn (its lock held)
 * @pfn: first pfn of the block, aligned to 2^@order
 * @order: block order
 *
 * The pages must be free (refcount 0, no flags). The block merges with free
 * buddies under the merge rules and lands on the list of its pageblock's
 * type.
 */
void free_one_block_locked(struct zone *zone, unsigned long pfn, unsigned int order);

/**
 * del_free_block_locked - remove a free block (head @page) from its list
 * Leaves the pages with no flags and refcount 0. Caller holds the zone lock.
 */
void del_free_block_locked(struct zone *zone, struct page *page);

/**
 * add_free_block_locked - put a free block on the list of @mt, no merging
 * Caller holds the zone lock; @pfn aligned to 2^@order.
 */
void add_free_block_locked(struct zone *zone, unsigned long pfn,
			   unsigned int order, int mt);

/**
 * find_free_block_locked - the free buddy block that contains @pfn
 * Return: the head pfn of the block, or ~0UL when @pfn is not inside a free
 * block on a buddy list. Caller holds the zone lock.
 */
unsigned long find_free_block_locked(struct zone *zone, unsigned long pfn);

/* Migratetype of @pfn's pageblock, read without the lock. */
static inline int zone_pageblock_mt(const struct zone *zone, unsigned long pfn)
{
	return __atomic_load_n(&zone->pageblock_mt[(pfn - zone->start_pfn) >> pageblock_order],
			       __ATOMIC_RELAXED);
}

/* The policy every zone starts with (boot parameter cma_policy=). */
extern enum cma_fallback_policy cma_boot_policy;

/* Allocation closes after mm_core_init() builds the memmap. */
void memblock_close(void);
bool memblock_is_closed(void);
/* Forget every range and reopen allocation (unit tests only). */
void memblock_reset(void);
/* Forget every CMA area (unit tests only, with memblock_reset()). */
void cma_reset_areas(void);

/* Fill freed pages with the poison byte (when page poisoning is on). */
void poison_pages(struct page *page, unsigned long nr);

/* Free a run of frozen pages (refcount 0, no flags) of ISOLATE pageblocks. */
void free_frozen_isolated_run(unsigned long pfn, unsigned long nr);

#endif /* _MM_INTERNAL_H */

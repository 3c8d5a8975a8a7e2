/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Zones: one per contiguous bank of RAM. A zone's free lists, counters,
 * pageblock migratetypes and CMA policy are guarded by zone->lock; each
 * CPU's per-CPU list by its own pcp->lock. Both are interrupt-safe locks:
 * drain_all_pages() has every CPU drain its own lists from an IPI, and
 * drains the lists of CPUs it cannot interrupt itself, under their locks.
 */
#ifndef _CONTIG_MMZONE_H
#define _CONTIG_MMZONE_H

#include <contig/mm.h>
#include <contig/spinlock.h>

#define MAX_NR_ZONES 8

/*
 * Free CMA blocks of regions that only clean cache (held_list[0]) or
 * nothing (held_list[1]) may borrow; counted in nr_free[MIGRATE_CMA].
 */
#define NR_HELD_LISTS 2

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free[MIGRATE_TYPES]; /* blocks of this order */
	struct list_head held_list[NR_HELD_LISTS];
};

struct per_cpu_pages {
	spinlock_t lock;
	struct list_head lists[MIGRATE_PCPTYPES]; /* order-0 pages only */
	unsigned int count;
	unsigned int cma_count; /* of which from MIGRATE_CMA pageblocks */
	unsigned int high;  /* drain down to high - batch above this */
	unsigned int batch; /* pages moved per refill or drain */
};

struct zone {
	spinlock_t lock;
	char name[16];
	unsigned long start_pfn, end_pfn; /* [start, end), pageblock aligned */
	unsigned long managed_pages;      /* pages handed to the buddy */
	unsigned long free_pages;         /* free in the buddy lists (all types) */
	unsigned long free_cma_pages;     /* of which on MIGRATE_CMA lists */
	unsigned long free_isolate_pages; /* of which on MIGRATE_ISOLATE lists */
	unsigned long managed_cma_pages;  /* managed pages in MIGRATE_CMA pageblocks */
	unsigned long min_pages;          /* the min reserve of non-CMA free pages */
	enum cma_fallback_policy cma_policy; /* where movable allocations use CMA (lock) */
	unsigned long free_cma_held_pages; /* of free_cma_pages, on held lists */
	struct free_area free_area[MAX_ORDER];
	u8 *pageblock_mt;                 /* migratetype per pageblock */
	u8 *pageblock_borrow;             /* enum cma_borrow per pageblock, or NULL */
	u32 *pageblock_nr_free;           /* free pages on the buddy lists per pageblock (lock) */
	struct per_cpu_pages pcp[CONFIG_NR_CPUS];
};

extern struct zone zones[MAX_NR_ZONES];
extern unsigned int nr_zones;

#define for_each_zone(z) for ((z) = zones; (z) < zones + nr_zones; (z)++)

/*
 * The CMA fallback policy of one zone, or of all (tests and workloads that
 * need a policy for a while save every zone's and restore it after).
 */
struct cma_policy_save {
	enum cma_fallback_policy policy[MAX_NR_ZONES];
};
enum cma_fallback_policy zone_set_cma_policy(struct zone *zone,
					     enum cma_fallback_policy policy);
void zones_set_cma_policy(enum cma_fallback_policy policy, struct cma_policy_save *saved);
void zones_restore_cma_policy(const struct cma_policy_save *saved);

/* The zone that holds @pfn, or NULL for a hole. */
struct zone *pfn_zone(unsigned long pfn);

static inline struct zone *page_zone(const struct page *page)
{
	return pfn_zone(page_to_pfn(page));
}

/* ---- Debug and test hooks (mm/page_alloc.c) ----------------------- */

/* Page poisoning is on (CONFIG_PAGE_POISONING and boot parameter page_poison=). */
extern bool page_poisoning_enabled;

/*
 * When set (tests only), a poison mismatch found while allocating calls
 * this instead of panicking: @pfn, byte @offset in the page, @val found.
 */
typedef void (*page_poison_report_t)(unsigned long pfn, unsigned long offset, u8 val);
extern page_poison_report_t page_poison_report_hook;

/**
 * find_free_pageblocks - find @nr adjacent pageblocks of type @mt that are
 * entirely free in the buddy (for tests: a range nobody uses)
 * Return: the first pfn, or 0 when no such run exists now.
 */
unsigned long find_free_pageblocks(unsigned int nr, int mt);

#endif /* _CONTIG_MMZONE_H */

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mm consistency checker.
 *
 * Walks the memmap and proves that every page is in exactly one state:
 * reserved, free (head or tail of a buddy block, or on a per-CPU list), or
 * allocated (a block head with its tails, a split or contig page, a slab
 * page, a movable page with a registered owner). A page in none of them is
 * lost memory. Then the buddy allocator checks its own lists and counters
 * (page_alloc_check()), each CMA area its bitmap (cma_check()), and then
 * the checks layers above mm registered (mm_check_register(): the DMA
 * layer's ledger and coherent pools, cma_dev_check()), so mm calls
 * nothing above it.
 *
 * The walk reads flags without locks, so callers stop concurrent
 * allocation first (tests quiesce their workers); CONFIG_DEBUG_MM runs it
 * after every ktest suite (a check registered with ktest_register_check(),
 * at the end of this file: ktest, in lib/, knows nothing of mm).
 */
#define pr_fmt(fmt) "check: " fmt

#include <contig/idle.h>
#include <contig/mm_debug.h>
#include <contig/cma.h>
#include <contig/ktest.h>
#include <contig/mmzone.h>
#include <contig/movable.h>
#include <contig/spinlock.h>

static DEFINE_SPINLOCK(checks_lock);
static unsigned long (*checks[MM_CHECK_MAX])(bool verbose); /* under checks_lock */
static unsigned int nr_checks;

#define REPORT(verbose, errors, fmt, ...)                  \
	do {                                               \
		(errors)++;                                \
		if ((verbose) && (errors) <= 20)           \
			pr_err(fmt, ##__VA_ARGS__);        \
	} while (0)

static unsigned long check_memmap(bool verbose)
{
	unsigned long pfn = min_low_pfn, errors = 0;

	while (pfn < max_pfn) {
		struct page *page = pfn_to_page(pfn);
		u32 flags = page_flags(page);
		int ref = page_ref_count(page);
		unsigned long span = 1, i;

		if (flags & (1u << PG_reserved)) {
			if (ref || (flags & ((1u << PG_buddy) | (1u << PG_pcp))))
				REPORT(verbose, errors,
				       "pfn %#lx: reserved but refcount %d flags %#x\n",
				       pfn, ref, flags);
		} else if (flags & (1u << PG_buddy)) {
			span = 1UL << page_order(page);
			if (ref)
				REPORT(verbose, errors, "pfn %#lx: free block head with refcount %d\n",
				       pfn, ref);
		} else if (flags & (1u << PG_pcp)) {
			if (ref)
				REPORT(verbose, errors, "pfn %#lx: on a per-CPU list with refcount %d\n",
				       pfn, ref);
		} else if (ref > 0) {
			if (flags & (1u << PG_head))
				span = 1UL << page_order(page);
			if ((flags & (1u << PG_movable)) && !page_movable_ops(page))
				REPORT(verbose, errors,
				       "pfn %#lx: movable with owner type %u that has no operations\n",
				       pfn, page_owner_type(page));
			if (flags & ((1u << PG_isolated) | (1u << PG_locked)))
				REPORT(verbose, errors,
				       "pfn %#lx: still isolated or locked for migration (flags %#x)\n",
				       pfn, flags);
			if ((flags & (1u << PG_contig)) && ref != 1)
				REPORT(verbose, errors, "pfn %#lx: contig page with refcount %d\n",
				       pfn, ref);
		} else {
			REPORT(verbose, errors,
			       "pfn %#lx: in no state (refcount %d, flags %#x): a lost page\n",
			       pfn, ref, flags);
		}
		/* Tails of a free or allocated block carry no state of their own. */
		for (i = 1; i < span && pfn + i < max_pfn; i++) {
			struct page *tail = pfn_to_page(pfn + i);

			if (page_ref_count(tail) ||
			    (page_flags(tail) & ((1u << PG_buddy) | (1u << PG_pcp) |
						 (1u << PG_reserved) | (1u << PG_head))))
				REPORT(verbose, errors,
				       "pfn %#lx: tail of the block at %#lx but refcount %d flags %#x\n",
				       pfn + i, pfn, page_ref_count(tail), page_flags(tail));
		}
		pfn += span;
	}
	return errors;
}

/* No pageblock may stay isolated, and CMA pageblocks are exactly the areas. */
static unsigned long check_pageblocks(bool verbose)
{
	unsigned long errors = 0, cma_blocks = 0, pfn;
	struct zone *zone;
	unsigned int i;

	for_each_zone(zone) {
		for (pfn = zone->start_pfn; pfn < zone->end_pfn; pfn += pageblock_nr_pages) {
			int mt = get_pageblock_migratetype(pfn);

			if (mt == MIGRATE_ISOLATE)
				REPORT(verbose, errors, "pageblock at pfn %#lx left isolated\n", pfn);
			if (mt == MIGRATE_CMA)
				cma_blocks++;
		}
	}
	for (i = 0; i < cma_area_count(); i++)
		cma_blocks -= min(cma_blocks,
				  PHYS_PFN(cma_get_size(cma_area(i))) / pageblock_nr_pages);
	if (cma_blocks)
		REPORT(verbose, errors, "%lu CMA pageblocks belong to no area\n", cma_blocks);
	return errors;
}

/**
 * mm_check_register - add a check of a layer above mm to mm_check_consistency()
 * @check: returns the problems it found (printed when asked to be verbose);
 *         registering it again does nothing
 */
void mm_check_register(unsigned long (*check)(bool verbose))
{
	unsigned int i;

	spin_lock(&checks_lock);
	for (i = 0; i < nr_checks && checks[i] != check; i++)
		;
	if (i == nr_checks) {
		ASSERT_MSG(nr_checks < MM_CHECK_MAX, "more than %d checks", MM_CHECK_MAX);
		checks[nr_checks++] = check;
	}
	spin_unlock(&checks_lock);
}

/**
 * mm_check_consistency - check the whole mm state
 * @verbose: print each problem (the first 20 of each kind)
 * Idle work (the ready-reserve refill) is held off while it runs.
 * Return: the number of problems; 0 means consistent.
 */
unsigned long mm_check_consistency(bool verbose)
{
	unsigned long (*more[MM_CHECK_MAX])(bool verbose);
	unsigned long errors;
	unsigned int i, n;

	idle_work_hold(); /* no ready-reserve refill moves pages meanwhile */
	spin_lock(&checks_lock);
	n = nr_checks;
	for (i = 0; i < n; i++)
		more[i] = checks[i];
	spin_unlock(&checks_lock);
	drain_all_pages();
	errors = check_memmap(verbose);
	errors += check_pageblocks(verbose);
	errors += page_alloc_check(verbose);
	errors += cma_check(verbose);
	for (i = 0; i < n; i++)
		errors += more[i](verbose);
	idle_work_release();
	if (errors && verbose)
		pr_err("%lu problems found\n", errors);
	return errors;
}

#if defined(CONFIG_KTEST) && defined(CONFIG_DEBUG_MM)
static unsigned long mm_check_after_suite(void)
{
	return mm_check_consistency(true);
}

/* Every ktest suite ends with "<suite>_leaves_mm_consistent". */
static const struct ktest_check mm_consistent_check = {
	.name = "leaves_mm_consistent",
	.what = "mm_check_consistency()",
	.run = mm_check_after_suite,
};
ktest_register_check(mm_consistent_check);
#endif

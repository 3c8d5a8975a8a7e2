/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Pageblock isolation (mm/page_isolation.c). Isolating a pageblock sets its
 * migratetype to MIGRATE_ISOLATE: its free pages move to the ISOLATE free
 * lists, nothing is allocated from it, and pages freed inside it stay
 * there. That is how a carve keeps what migration frees.
 */
#ifndef _CONTIG_PAGE_ISOLATION_H
#define _CONTIG_PAGE_ISOLATION_H

#include <contig/mm.h>

/**
 * start_isolate_page_range - isolate the pageblocks of [start_pfn, end_pfn)
 * The range is widened to pageblock boundaries. Fails with -EBUSY, undoing
 * whatever it had isolated, when a pageblock is already isolated (another
 * carve owns it) or, for pageblocks that are not MIGRATE_CMA, holds a page
 * that is allocated and neither movable nor free; *@busy_pfn says which.
 * @migratetype: what undo_isolate_page_range() will restore.
 * Drains every CPU's per-CPU lists so their pages land on ISOLATE lists.
 */
int start_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn,
			     int migratetype, unsigned long *busy_pfn);

/* Return the pageblocks to @migratetype; their free pages rejoin the buddy. */
void undo_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn,
			     int migratetype);

/**
 * test_pages_isolated - check that every page of [start_pfn, end_pfn) is
 * free on an ISOLATE free list. Return 0, or -EBUSY with *@busy_pfn set to
 * the first page that is not.
 */
int test_pages_isolated(unsigned long start_pfn, unsigned long end_pfn,
			unsigned long *busy_pfn);

/**
 * take_isolated_free_range - remove every free page of [start_pfn, end_pfn)
 * from the buddy. The range must have passed test_pages_isolated(). Parts
 * of free blocks outside the range go back to the ISOLATE lists. Each page
 * inside becomes an order-0 page with refcount 1.
 * Return: 0, or -EBUSY when a page was not free (nothing is taken then).
 */
int take_isolated_free_range(unsigned long start_pfn, unsigned long end_pfn);

/**
 * take_isolated_free_range_flags - take_isolated_free_range() that also
 * sets each page's flags to @pflags (a carve's 1 << PG_contig), in the same
 * pass as the reference.
 */
int take_isolated_free_range_flags(unsigned long start_pfn, unsigned long end_pfn, u32 pflags);

#endif /* _CONTIG_PAGE_ISOLATION_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Who may borrow a CMA region while its devices do not need it: the
 * region's borrowing policy (Documentation/mm/cma.rst, "Borrowing").
 *
 *   movable - any movable page (Linux's reusable): the default
 *   clean   - only clean, discardable cache pages (__GFP_CLEAN, the pcache
 *             read cache); a carve discards them and never migrates
 *   none    - nothing: a static carve-out behind the same CMA API
 *
 * Set from the DT property contig,borrow and the cma= option borrow=.
 * The page allocator keeps the free pages of clean and none regions on
 * their own lists (mm/page_alloc.c), so ordinary movable allocations never
 * see them.
 */
#ifndef _CONTIG_CMA_BORROW_H
#define _CONTIG_CMA_BORROW_H

#include <contig/string.h>

enum cma_borrow {
	CMA_BORROW_MOVABLE, /* 0: what a zeroed pageblock table means */
	CMA_BORROW_CLEAN,
	CMA_BORROW_NONE,
	NR_CMA_BORROW
};

/* For messages: the accepted values, as the DT and cma= spell them. */
#define CMA_BORROW_VALUES "\"none\", \"clean\" or \"movable\""

static inline const char *cma_borrow_name(enum cma_borrow b)
{
	switch (b) {
	case CMA_BORROW_CLEAN:
		return "clean";
	case CMA_BORROW_NONE:
		return "none";
	default:
		return "movable";
	}
}

/* The policy called @s, or -1 when @s names none. */
static inline int cma_borrow_parse(const char *s)
{
	int b;

	for (b = 0; s && b < NR_CMA_BORROW; b++)
		if (!strcmp(s, cma_borrow_name((enum cma_borrow)b)))
			return b;
	return -1;
}

#endif /* _CONTIG_CMA_BORROW_H */

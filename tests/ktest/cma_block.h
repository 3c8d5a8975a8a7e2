/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Carve away every free run of the CMA areas a test does not use, so that
 * a workload filled into CMA first (workload_fill_cma()) lands in the
 * areas it does use, whatever the suites before it left free. Used by the
 * fail_inject and soak suites.
 */
#ifndef _TESTS_KTEST_CMA_BLOCK_H
#define _TESTS_KTEST_CMA_BLOCK_H

#include <contig/cma.h>

#define CMA_BLOCKERS 32

struct cma_blockers {
	unsigned int nr;
	struct cma *cma[CMA_BLOCKERS];
	struct page *page[CMA_BLOCKERS];
	unsigned long count[CMA_BLOCKERS];
};

/* Carve the free runs of every area but the @nkeep of @keep. */
static inline void cma_block_others(struct cma_blockers *b, struct cma *const *keep,
				    unsigned int nkeep)
{
	unsigned int i, j;

	b->nr = 0;
	for (i = 0; i < cma_area_count(); i++) {
		struct cma *cma = cma_area(i);
		bool kept = false;

		for (j = 0; j < nkeep; j++)
			kept |= keep[j] == cma;
		while (!kept && b->nr < CMA_BLOCKERS) {
			struct cma_stats st;
			struct page *page;

			cma_get_stats(cma, &st);
			if (!st.largest_free)
				break;
			page = cma_alloc(cma, st.largest_free, 0, CMA_ALLOC_NOWARN);
			if (!page)
				break;
			b->cma[b->nr] = cma;
			b->page[b->nr] = page;
			b->count[b->nr++] = st.largest_free;
		}
	}
}

/* Release what cma_block_others() carved. */
static inline void cma_unblock(struct cma_blockers *b)
{
	while (b->nr) {
		b->nr--;
		cma_release(b->cma[b->nr], b->page[b->nr], b->count[b->nr]);
	}
}

#endif /* _TESTS_KTEST_CMA_BLOCK_H */

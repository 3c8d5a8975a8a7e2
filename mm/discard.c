// SPDX-License-Identifier: GPL-2.0-only
/*
 * Discard by runs: how a carve drops clean cache pages without the
 * per-page migration machinery.
 *
 * A carve over a region that lends only to clean cache (policy "clean")
 * finds nothing there but clean, discardable pages. Migration would take
 * each through a reference, PG_locked, isolate_page (one owner-lock
 * round), discard_page (a second), the release of both references and
 * free_page_list()'s checks: some 500 instructions a page, four times
 * what the carve of an idle region spends on it, zeroing included.
 *
 * Here the carve, at the first page of an owner that has
 * discard_frozen_run(), hands the owner the run of frames from there (at
 * most DISCARD_RUN_MAX). Under its own locks - one hold per run of pages
 * of one cache - the owner drops each page it still caches clean and
 * freezes it: its only reference, the owner's, goes from 1 to 0 in one
 * compare-and-exchange (page_freeze_disown(), Linux's page_ref_freeze()),
 * which fails if anyone else holds one: a CPU that isolates or describes
 * a page takes a reference first. The owner stops at the first frame it
 * does not drop. The frozen pages are free memory nobody else can reach;
 * they go to the buddy's ISOLATE lists as aligned blocks, where
 * take_isolated_free_range() finds them as it finds an idle region's.
 *
 * The page the owner stopped at - written meanwhile, being migrated or
 * read under a reference, its cache going away, or not the owner's - is
 * left to the caller, which moves it the usual way. So discard_run() is
 * only a faster route: the owner decides what may be dropped.
 *
 * Locking: the owner's locks only, taken inside discard_frozen_run(). The
 * caller holds no spinlock, and no reference on the pages: the owner
 * keeps its per-page records alive while it reads them (pcache: its
 * teardown lock).
 */
#define pr_fmt(fmt) "discard: " fmt

#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/migrate.h>
#include <contig/movable.h>
#include "discard.h"
#include "internal.h"

/**
 * discard_run - drop the clean cache pages of a run starting at @pfn
 * @pfn: a frame discard_run_wants() accepted, in a pageblock the caller
 *       has isolated (MIGRATE_ISOLATE), as far as @end
 * @end: one past the last frame the run may cover
 * @ops: what discard_run_wants() returned
 * @rep: the dropped pages are counted here (discarded)
 *
 * Return: how many frames from @pfn the owner dropped, now free on the
 * ISOLATE lists; 0 when it kept the first one (move it the usual way).
 */
unsigned long discard_run(unsigned long pfn, unsigned long end,
			  const struct movable_operations *ops, struct migrate_report *rep)
{
	unsigned long nr = ops->discard_frozen_run(pfn_to_page(pfn),
						   min(end - pfn, (unsigned long)DISCARD_RUN_MAX));

	ASSERT_MSG(nr <= end - pfn, "pfn %lx: owner %s dropped %lu of at most %lu pages", pfn,
		   ops->name, nr, end - pfn);
	rep->discarded += nr;
	free_frozen_isolated_run(pfn, nr);
	return nr;
}

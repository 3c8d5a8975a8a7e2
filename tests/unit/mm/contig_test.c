// SPDX-License-Identifier: GPL-2.0-only
/*
 * alloc_contig_range() and alloc_contig_pages() (mm/contig.c) over the real
 * page allocator, isolation and migration, in a private world (world.h).
 * A pageblock is 2^CONFIG_PAGEBLOCK_ORDER pages (256 by default); each
 * test draws its world above it, one cell per 32 pages.
 *
 * Every path of alloc_contig_range_wait() and the test that covers it:
 *   -EINVAL, range empty or outside the zone ...... rejects_ranges_outside_one_zone
 *   isolation refused:
 *     another carve holds a pageblock (CONTENDED) .. contended_pageblock_is_left_to_its_carve
 *     long-term pinned page (PINNED) ............... longterm_pin_refuses_isolation
 *     kernel (unmovable) page (UNMOVABLE) .......... kernel_page_refuses_isolation
 *     FAIL_ISOLATE on the 2nd pageblock ............ inject_isolate_restores_the_first_pageblock
 *   targets short before migrating (-ENOMEM) ...... no_target_memory_fails_before_moving_anything,
 *                                                   min_reserve_is_not_a_target
 *   pass: free pages only, success ................ takes_free_pages_and_gives_them_back
 *   pass: unaligned range across pageblocks ....... unaligned_range_across_pageblocks
 *   pass: pages on a per-CPU list ................. pages_on_per_cpu_lists_are_drained
 *   pass: movable pages migrated .................. migrates_movable_pages_out_of_the_range,
 *                                                   migration_targets_use_other_cma_last,
 *                                                   real_owners_anon_and_pcache,
 *                                                   more_than_a_batch_of_anon_pages
 *   pass: anon pages migrated by runs ............. more_than_a_batch_of_anon_pages,
 *                                                   an_accessed_anon_page_ends_a_run_and_blocks_the_carve,
 *                                                   inject_migrate_target_mid_run_keeps_every_page
 *   pass: clean pages discarded ................... discards_clean_pages_without_targets
 *   pass: clean cache dropped by runs (discard.c) . clean_region_of_cache_is_dropped_by_runs,
 *                                                   runs_stop_at_dirty_pages_and_go_on,
 *                                                   a_referenced_clean_page_is_never_frozen
 *   pass: pin, waited for by time, -EBUSY ......... pinned_page_fails_with_ebusy_and_restores_the_range
 *   pass: pin dropped while waiting, success ...... pin_dropped_while_waiting_succeeds
 *   pass: owner's migrate_page -EAGAIN, -EBUSY .... busy_migration_fails_after_the_wait
 *   pass: unmovable page in CMA, N passes, -EBUSY . unmovable_page_in_cma_gets_migrate_retries_passes
 *   pass: no target while migrating (-ENOMEM) ..... inject_migrate_target_puts_pages_back
 *   test_pages_isolated() fails, pass again ....... inject_test_isolated_once_retries,
 *                                                   inject_test_isolated_always_fails
 *   take_isolated_free_range() fails, pass again .. inject_take_once_retries
 *   failure next to another carve's pageblock ..... failed_carve_leaves_an_isolated_neighbour_whole
 *   pin wait 0 (one pass) ......................... pin_wait_zero_makes_one_pass
 * There is no -EINTR or -ETIMEDOUT: a carve cannot be interrupted, and the
 * only time limit is the pin wait (-EBUSY).
 * alloc_contig_pages(): skips CMA, kernel and long-term pinned pages ...
 *                                                   contig_pages_skips_what_cannot_be_carved
 *   moves past a window whose carve failed ........ contig_pages_moves_past_a_pinned_page
 *   free count drops by what it took less discards  contig_pages_over_clean_pages_frees_what_it_drops
 * free_contig_range(): merges back ................ takes_free_pages_and_gives_them_back,
 *                                                   unaligned_range_across_pageblocks
 *
 * unit-sources: tests/unit/mm/world.c mm/page_alloc.c mm/page_isolation.c mm/migrate.c mm/contig.c mm/discard.c mm/cma.c mm/movable.c mm/anon.c mm/pcache.c mm/memblock.c mm/mm_init.c mm/fail_inject.c lib/bitmap.c lib/string.c lib/parse.c lib/smp.c lib/phase.c lib/trace.c mm/cma_trace.c lib/spinlock_debug.c lib/idle.c arch/host/vm.c arch/host/os/memory.c
 */
#include <string.h>

#include "world.h"
#include <contig/alloc_contig.h>
#include <contig/cma.h>
#include <contig/cma_borrow.h>
#include <contig/errno.h>
#include <contig/fail_inject.h>
#include <contig/mm_debug.h>
#include <contig/page-isolation.h>

#define PB pageblock_nr_pages

static int carve(unsigned long start, unsigned long end, unsigned int flags,
		 struct migrate_report *rep)
{
	return alloc_contig_range_report(start, end, flags, rep);
}

/* M[........] M[........] -> nothing changes */
static void rejects_ranges_outside_one_zone(void **state)
{
	struct migrate_report rep;

	assert_int_equal(carve(pb_pfn(1), pb_pfn(1), 0, &rep), -EINVAL);
	/* Runs past the end of RAM (the kernel's pageblock is the last). */
	assert_int_equal(carve(pb_pfn(1), pb_pfn(4), 0, &rep), -EINVAL);
	assert_int_equal(carve(pb_pfn(0) - 1, pb_pfn(0) + 1, 0, &rep), -EINVAL);
	assert_string_equal(world_map(), "M[........] M[........]");
	assert_int_equal(free_of(MIGRATE_MOVABLE), 2 * PB);
}

/*
 * M[........] M[........]
 *  carve pageblock 0:   M[AAAAAAAA] M[........]
 *  free it:             M[........] M[........]  one order-9 block again
 */
static void takes_free_pages_and_gives_them_back(void **state)
{
	struct migrate_report rep;

	assert_int_equal(blocks_of(pageblock_order + 1, MIGRATE_MOVABLE), 1);
	assert_int_equal(carve(pb_pfn(0), pb_pfn(1), 0, &rep), 0);
	assert_string_equal(world_map(), "M[AAAAAAAA] M[........]");
	assert_int_equal(count_contig(pb_pfn(0), pb_pfn(1)), PB);
	assert_int_equal(page_ref_count(pfn_to_page(pb_pfn(0))), 1);
	assert_int_equal(rep.migrated, 0);
	assert_int_equal(rep.retries, 0);
	assert_int_equal(free_of(MIGRATE_MOVABLE), PB);
	assert_int_equal(free_of(MIGRATE_ISOLATE), 0);
	free_contig_range(pb_pfn(0), PB);
	assert_string_equal(world_map(), "M[........] M[........]");
	assert_int_equal(free_of(MIGRATE_MOVABLE), 2 * PB);
	assert_int_equal(blocks_of(pageblock_order + 1, MIGRATE_MOVABLE), 1);
}

/*
 * M[........] M[........] M[........]
 *  carve 200..295 (96 pages, across pageblocks 0 and 1):
 *     M[......AA] M[AA......] M[........]
 *  both pageblocks isolated while carving, both MOVABLE again after, and
 *  the pages around the range back on the MOVABLE lists.
 */
static void unaligned_range_across_pageblocks(void **state)
{
	unsigned long s = pb_pfn(0) + 200, e = pb_pfn(1) + 40;

	assert_int_equal(carve(s, e, 0, NULL), 0);
	assert_string_equal(world_map(), "M[......AA] M[AA......] M[........]");
	assert_int_equal(count_contig(pb_pfn(0), pb_pfn(3)), 96);
	assert_int_equal(free_of(MIGRATE_MOVABLE), 3 * PB - 96);
	assert_int_equal(free_of(MIGRATE_ISOLATE), 0);
	free_contig_range(s, e - s);
	assert_string_equal(world_map(), "M[........] M[........] M[........]");
	/* Three free pageblocks: order 9 + order 8, merged as before. */
	assert_int_equal(blocks_of(pageblock_order + 1, MIGRATE_MOVABLE), 1);
	assert_int_equal(blocks_of(pageblock_order, MIGRATE_MOVABLE), 1);
}

/*
 * M[m.......] M[........]
 *  the page at pfn 0 is freed to the per-CPU list; the carve drains it.
 */
static void pages_on_per_cpu_lists_are_drained(void **state)
{
	struct tpage *tp = place(pb_pfn(0), TP_MOVABLE);
	struct migrate_report rep;

	tpage_free(tp);
	assert_true(PagePcp(pfn_to_page(pb_pfn(0))));
	assert_int_equal(carve(pb_pfn(0), pb_pfn(1), 0, &rep), 0);
	assert_int_equal(rep.migrated, 0);
	assert_string_equal(world_map(), "M[AAAAAAAA] M[........]");
	free_contig_range(pb_pfn(0), PB);
}

/*
 * M[........] C[mm..m...]
 *  carve the CMA pageblock: the three pages move to the MOVABLE pageblock
 *  (targets outside CMA come first), their contents with them.
 *     M[m.......] C[AAAAAAAA]
 */
static void migrates_movable_pages_out_of_the_range(void **state)
{
	struct tpage *a = place(pb_pfn(1), TP_MOVABLE);
	struct tpage *b = place(pb_pfn(1) + 33, TP_MOVABLE);
	struct tpage *c = place(pb_pfn(1) + 130, TP_MOVABLE);
	struct migrate_report rep;

	assert_string_equal(world_map(), "M[........] C[mm..m...]");
	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), ACR_CMA, &rep), 0);
	assert_int_equal(rep.migrated, 3);
	assert_int_equal(rep.discarded, 0);
	assert_int_equal(rep.retries, 0);
	assert_true(page_to_pfn(a->page) < pb_pfn(1));
	assert_true(page_to_pfn(b->page) < pb_pfn(1));
	assert_true(page_to_pfn(c->page) < pb_pfn(1));
	assert_int_equal(a->moves + b->moves + c->moves, 3);
	assert_true(tpages_intact());
	assert_int_equal(free_of(MIGRATE_MOVABLE), PB - 3);
	assert_int_equal(free_of(MIGRATE_CMA), 0);
	assert_int_equal(count_contig(pb_pfn(1), pb_pfn(2)), PB);
	assert_int_equal(get_pageblock_migratetype(pb_pfn(1)), MIGRATE_CMA);
	free_contig_range(pb_pfn(1), PB);
	assert_int_equal(free_of(MIGRATE_CMA), PB);
}

/*
 * M[mmmmmmmm] C[........] D[m.......]
 *  (pageblock 0 full) carve cma1: its page can only go to cma0.
 *     M[mmmmmmmm] C[m.......] D[AAAAAAAA]
 */
static void migration_targets_use_other_cma_last(void **state)
{
	struct tpage *tp;
	struct migrate_report rep;

	place_run(pb_pfn(0), PB, TP_MOVABLE);
	tp = place(pb_pfn(2) + 7, TP_MOVABLE);
	assert_int_equal(carve(pb_pfn(2), pb_pfn(3), ACR_CMA, &rep), 0);
	assert_int_equal(rep.migrated, 1);
	assert_true(page_to_pfn(tp->page) >= pb_pfn(1) && page_to_pfn(tp->page) < pb_pfn(2));
	assert_int_equal(free_of(MIGRATE_CMA), PB - 1);
	assert_true(tpages_intact());
	free_contig_range(pb_pfn(2), PB);
}

/*
 * M[........] C[cccc....]
 *  128 clean pages: dropped, not copied; nothing taken from pageblock 0.
 */
static void discards_clean_pages_without_targets(void **state)
{
	struct migrate_report rep;
	unsigned int i;

	place_run(pb_pfn(1), 128, TP_CLEAN);
	assert_string_equal(world_map(), "M[........] C[cccc....]");
	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), ACR_CMA, &rep), 0);
	assert_int_equal(rep.discarded, 128);
	assert_int_equal(rep.migrated, 0);
	for (i = 0; i < W->nr_tp; i++)
		assert_true(W->tp[i]->discarded && !W->tp[i]->page);
	assert_int_equal(free_of(MIGRATE_MOVABLE), PB);
	free_contig_range(pb_pfn(1), PB);
}

/*
 * C[mm......]  (no memory outside CMA, nothing else in CMA)
 *  -ENOMEM before anything moves; the pageblock is CMA again.
 */
static void no_target_memory_fails_before_moving_anything(void **state)
{
	struct tpage *a = place(pb_pfn(0), TP_MOVABLE);
	struct tpage *b = place(pb_pfn(0) + 32, TP_MOVABLE);
	struct migrate_report rep;

	assert_int_equal(carve(pb_pfn(0), pb_pfn(1), ACR_CMA, &rep), -ENOMEM);
	assert_int_equal(rep.first_busy_reason, MR_NO_TARGET);
	assert_int_equal(rep.targets_needed, 2);
	assert_int_equal(rep.targets_free_noncma, 0);
	assert_int_equal(rep.targets_free_cma, 0);
	assert_int_equal(rep.no_target, 2);
	assert_int_equal(rep.migrated, 0);
	assert_int_equal(a->isolations + b->isolations, 0);
	assert_string_equal(world_map(), "C[mm......]");
	assert_int_equal(free_of(MIGRATE_CMA), PB - 2);
	assert_true(log_has("no target memory: 2 in-use pages need a new frame"));
}

/*
 * M[........] C[m.......]  with a min reserve of 256 pages
 *  the MOVABLE pageblock is all reserve: no target, -ENOMEM.
 */
static void min_reserve_is_not_a_target(void **state)
{
	struct migrate_report rep;

	place(pb_pfn(1), TP_MOVABLE);
	W->zone->min_pages = PB;
	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), ACR_CMA | ACR_NOWARN, &rep), -ENOMEM);
	assert_int_equal(rep.targets_free_noncma, 0);
	W->zone->min_pages = PB - 1;
	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), ACR_CMA, &rep), 0);
	assert_int_equal(rep.migrated, 1);
	assert_int_equal(free_of(MIGRATE_MOVABLE), PB - 1);
	free_contig_range(pb_pfn(1), PB);
}

/*
 * M[........] C[m.p.....]
 *  the pinned page holds the carve for cma_pin_wait_ms (100 ms on the
 *  simulated clock), then -EBUSY; the moved page stays moved, the pinned
 *  one stays, the pageblock is CMA again with every other page free.
 *     M[m.......] C[..p.....]
 */
static void pinned_page_fails_with_ebusy_and_restores_the_range(void **state)
{
	struct tpage *m = place(pb_pfn(1) + 1, TP_MOVABLE);
	struct tpage *p = place(pb_pfn(1) + 70, TP_PINNED);
	struct migrate_report rep;

	assert_string_equal(world_map(), "M[........] C[m.p.....]");
	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), ACR_CMA, &rep), -EBUSY);
	assert_int_equal(rep.first_busy_reason, MR_PINNED);
	assert_int_equal(rep.first_busy_pfn, pb_pfn(1) + 70);
	assert_int_equal(rep.pinned, 1);
	assert_int_equal(rep.migrated, 1);
	assert_int_equal(rep.waited_ms, CONFIG_CMA_PIN_WAIT_MS);
	assert_true(rep.retries > 1);
	assert_int_equal(p->isolations, rep.retries + 1);
	assert_string_equal(rep.busy_owner, "tpage 1 (p)");
	assert_true(log_has("pinned at pfn 0x80146 (tpage 1 (p)) for 100 ms"));
	assert_true(page_to_pfn(m->page) < pb_pfn(1));
	assert_int_equal(page_to_pfn(p->page), pb_pfn(1) + 70);
	assert_false(PageIsolated(p->page));
	assert_int_equal(get_pageblock_migratetype(pb_pfn(1)), MIGRATE_CMA);
	assert_int_equal(free_of(MIGRATE_CMA), PB - 1);
	assert_int_equal(free_of(MIGRATE_MOVABLE), PB - 1);
	assert_int_equal(free_of(MIGRATE_ISOLATE), 0);
	assert_int_equal(count_contig(pb_pfn(1), pb_pfn(2)), 0);
	assert_true(tpages_intact());
}

/*
 * M[........] C[p.......]  the holder lets go after 5 refusals
 */
static void pin_dropped_while_waiting_succeeds(void **state)
{
	struct tpage *p = place(pb_pfn(1), TP_PINNED);
	struct migrate_report rep;

	p->release_after = 5;
	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), ACR_CMA, &rep), 0);
	assert_int_equal(rep.retries, 5);
	assert_int_equal(rep.migrated, 1);
	assert_true(world_elapsed_ns() < CONFIG_CMA_PIN_WAIT_MS * 1000000ULL);
	free_contig_range(pb_pfn(1), PB);
}

/* M[........] C[p.......] with cma_pin_wait_ms=0: one pass, then -EBUSY */
static void pin_wait_zero_makes_one_pass(void **state)
{
	struct tpage *p = place(pb_pfn(1), TP_PINNED);
	struct migrate_report rep;

	contig_pin_wait_ms = 0;
	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), ACR_CMA | ACR_NOWARN, &rep), -EBUSY);
	assert_int_equal(rep.retries, 0);
	assert_int_equal(p->isolations, 1);
	assert_int_equal(rep.waited_ms, 0);
}

/* M[........] C[b.......]: the owner's migrate_page() keeps saying -EAGAIN */
static void busy_migration_fails_after_the_wait(void **state)
{
	struct tpage *b = place(pb_pfn(1) + 3, TP_BUSY);
	struct migrate_report rep;

	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), ACR_CMA, &rep), -EBUSY);
	assert_int_equal(rep.first_busy_reason, MR_PINNED);
	assert_int_equal(rep.first_busy_pfn, pb_pfn(1) + 3);
	assert_int_equal(rep.waited_ms, CONFIG_CMA_PIN_WAIT_MS);
	assert_int_equal(b->moves, 0);
	assert_int_equal(b->isolations, rep.retries + 1);
	/* Each refused copy's target went back. */
	assert_int_equal(free_of(MIGRATE_MOVABLE), PB);
	assert_int_equal(free_of(MIGRATE_CMA), PB - 1);
}

/*
 * M[........] M[..L.....]
 *  isolation refuses the pageblock at once: nothing isolated, no wait.
 */
static void longterm_pin_refuses_isolation(void **state)
{
	struct tpage *l = place(pb_pfn(1) + 70, TP_LONGTERM);
	struct migrate_report rep;

	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), 0, &rep), -EBUSY);
	assert_int_equal(rep.first_busy_reason, MR_PINNED);
	assert_int_equal(rep.first_busy_pfn, pb_pfn(1) + 70);
	assert_string_equal(rep.busy_owner, "tpage 0 (L)");
	assert_int_equal(l->isolations, 0);
	assert_int_equal(world_elapsed_ns(), 0);
	assert_string_equal(world_map(), "M[........] M[..L.....]");
	assert_int_equal(free_of(MIGRATE_MOVABLE), 2 * PB - 1);
}

/* M[k.......] M[........]: a kernel page; carving both pageblocks fails */
static void kernel_page_refuses_isolation(void **state)
{
	struct migrate_report rep;

	place(pb_pfn(0) + 3, TP_KERNEL);
	assert_int_equal(carve(pb_pfn(0) + 100, pb_pfn(2), 0, &rep), -EBUSY);
	assert_int_equal(rep.first_busy_reason, MR_UNMOVABLE);
	assert_int_equal(rep.first_busy_pfn, pb_pfn(0) + 3);
	assert_true(log_has("unmovable at pfn 0x80003"));
	assert_string_equal(world_map(), "M[k.......] M[........]");
	assert_int_equal(free_of(MIGRATE_ISOLATE), 0);
}

/*
 * M[........] C[.k......]: a page nobody owns inside CMA (an owner may be
 * about to adopt it): CONFIG_MIGRATE_RETRIES passes, then -EBUSY.
 */
static void unmovable_page_in_cma_gets_migrate_retries_passes(void **state)
{
	struct migrate_report rep;

	place(pb_pfn(1) + 40, TP_KERNEL);
	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), ACR_CMA, &rep), -EBUSY);
	assert_int_equal(rep.first_busy_reason, MR_UNMOVABLE);
	assert_int_equal(rep.unmovable, 1);
	assert_int_equal(rep.retries, CONFIG_MIGRATE_RETRIES - 1);
	assert_int_equal(world_elapsed_ns(), 0); /* passes back to back */
	assert_string_equal(world_map(), "M[........] C[.k......]");
}

/*
 * M[........] C[........]: another carve isolated pageblock 1; ours fails
 * with CONTENDED and leaves that pageblock to it.
 */
static void contended_pageblock_is_left_to_its_carve(void **state)
{
	struct migrate_report rep;

	assert_int_equal(start_isolate_page_range(pb_pfn(1), pb_pfn(2), MIGRATE_CMA, NULL), 0);
	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), ACR_CMA, &rep), -EBUSY);
	assert_int_equal(rep.first_busy_reason, MR_CONTENDED);
	assert_string_equal(world_map(), "M[........] I[........]");
	assert_int_equal(free_of(MIGRATE_ISOLATE), PB);
	undo_isolate_page_range(pb_pfn(1), pb_pfn(2), MIGRATE_CMA);
	assert_string_equal(world_map(), "M[........] C[........]");
	assert_int_equal(free_of(MIGRATE_CMA), PB);
}

/*
 * M[........] M[........] C[m.......] I[........]: another carve holds
 * pageblock 3, the buddy of pageblock 2. Ours, of pageblock 2, frees its
 * migrated page, then fails (FAIL_TAKE every time). Pageblock 2's free
 * pages never merge with the neighbour's isolated ones, so undoing ours
 * leaves the neighbour its 256 free pages.
 */
static void failed_carve_leaves_an_isolated_neighbour_whole(void **state)
{
	struct migrate_report rep;
	struct tpage *tp = place(pb_pfn(2), TP_MOVABLE);

	assert_int_equal(start_isolate_page_range(pb_pfn(3), pb_pfn(4), MIGRATE_CMA, NULL), 0);
	assert_int_equal(fail_inject_set(FAIL_TAKE, 1, true), 0);
	assert_int_equal(carve(pb_pfn(2), pb_pfn(3), ACR_CMA, &rep), -EBUSY);
	assert_int_equal(rep.migrated, 1);
	assert_true(page_to_pfn(tp->page) < pb_pfn(2));
	assert_string_equal(world_map(), "M[m.......] M[........] C[........] I[........]");
	assert_int_equal(free_of(MIGRATE_ISOLATE), PB);
	assert_int_equal(free_of(MIGRATE_CMA), PB);
	assert_int_equal(page_alloc_check(true), 0);
	undo_isolate_page_range(pb_pfn(3), pb_pfn(4), MIGRATE_CMA);
	assert_int_equal(blocks_of(pageblock_order + 1, MIGRATE_CMA), 1);
}

/* M[........] M[........]: isolating the 2nd pageblock fails; the 1st is restored */
static void inject_isolate_restores_the_first_pageblock(void **state)
{
	struct migrate_report rep;

	assert_int_equal(fail_inject_set(FAIL_ISOLATE, 2, false), 0);
	assert_int_equal(carve(pb_pfn(0), pb_pfn(2), 0, &rep), -EBUSY);
	assert_int_equal(rep.first_busy_pfn, pb_pfn(1));
	assert_int_equal(fail_inject_failures(FAIL_ISOLATE), 1);
	assert_string_equal(world_map(), "M[........] M[........]");
	assert_int_equal(blocks_of(pageblock_order + 1, MIGRATE_MOVABLE), 1);
}

/*
 * M[........] C[mm......]: the first target allocation fails: -ENOMEM, the
 * pages go back to their owner where they were.
 */
static void inject_migrate_target_puts_pages_back(void **state)
{
	struct tpage *a = place(pb_pfn(1), TP_MOVABLE);
	struct tpage *b = place(pb_pfn(1) + 1, TP_MOVABLE);
	struct migrate_report rep;

	assert_int_equal(fail_inject_set(FAIL_MIGRATE_TARGET, 1, false), 0);
	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), ACR_CMA, &rep), -ENOMEM);
	assert_int_equal(rep.first_busy_reason, MR_NO_TARGET);
	assert_int_equal(rep.first_busy_pfn, pb_pfn(1));
	assert_int_equal(rep.no_target, 2);
	assert_int_equal(rep.migrated, 0);
	assert_int_equal(a->isolations, 1);
	assert_int_equal(b->isolations, 1);
	assert_int_equal(page_to_pfn(a->page), pb_pfn(1));
	assert_false(PageIsolated(a->page) || PageLocked(a->page));
	assert_string_equal(world_map(), "M[........] C[m.......]");
	assert_int_equal(free_of(MIGRATE_MOVABLE), PB);
}

/* M[........]: test_pages_isolated() fails once: a second pass carves */
static void inject_test_isolated_once_retries(void **state)
{
	struct migrate_report rep;

	assert_int_equal(fail_inject_set(FAIL_TEST_ISOLATED, 1, false), 0);
	assert_int_equal(carve(pb_pfn(0), pb_pfn(1), 0, &rep), 0);
	assert_int_equal(rep.retries, 1);
	free_contig_range(pb_pfn(0), PB);
}

/* M[........]: test_pages_isolated() always fails: -EBUSY after the passes */
static void inject_test_isolated_always_fails(void **state)
{
	struct migrate_report rep;

	assert_int_equal(fail_inject_set(FAIL_TEST_ISOLATED, 1, true), 0);
	assert_int_equal(carve(pb_pfn(0), pb_pfn(1), 0, &rep), -EBUSY);
	assert_int_equal(rep.retries, CONFIG_MIGRATE_RETRIES - 1);
	assert_int_equal(fail_inject_failures(FAIL_TEST_ISOLATED), CONFIG_MIGRATE_RETRIES);
	assert_string_equal(world_map(), "M[........]");
	assert_int_equal(free_of(MIGRATE_MOVABLE), PB);
}

/* M[........]: the take fails once after the test passed: a second pass carves */
static void inject_take_once_retries(void **state)
{
	struct migrate_report rep;

	assert_int_equal(fail_inject_set(FAIL_TAKE, 1, false), 0);
	assert_int_equal(carve(pb_pfn(0), pb_pfn(1), 0, &rep), 0);
	assert_int_equal(rep.retries, 1);
	assert_int_equal(rep.first_busy_pfn, ~0UL);
	assert_string_equal(world_map(), "M[AAAAAAAA]");
	free_contig_range(pb_pfn(0), PB);
}

/*
 * M[k.......] C[........] M[........] M[L.......]
 *  256 pages aligned to 256: pageblock 0 has a kernel page, 1 is CMA,
 *  2 is free: the carve takes pageblock 2. Then 512 pages: none fit.
 */
static void contig_pages_skips_what_cannot_be_carved(void **state)
{
	struct page *page;

	place(pb_pfn(0) + 1, TP_KERNEL);
	place(pb_pfn(3), TP_LONGTERM);
	page = alloc_contig_pages(PB, 0, PB);
	assert_non_null(page);
	assert_int_equal(page_to_pfn(page), pb_pfn(2));
	assert_string_equal(world_map(), "M[k.......] C[........] M[AAAAAAAA] M[L.......]");
	assert_null(alloc_contig_pages(2 * PB, 0, PB));
	assert_null(alloc_contig_pages(0, 0, 1));
	assert_null(alloc_contig_pages(1, 0, 3));
	free_contig_range(pb_pfn(2), PB);
}

/*
 * M[p.......] M[........]
 *  pageblock 0 is a candidate (its page is movable) but the carve fails
 *  on the pin after the wait; the search moves past it to pageblock 1.
 *     M[p.......] M[AAAAAAAA]
 */
static void contig_pages_moves_past_a_pinned_page(void **state)
{
	struct tpage *p = place(pb_pfn(0) + 10, TP_PINNED);
	struct page *page = alloc_contig_pages(PB, 0, PB);

	assert_non_null(page);
	assert_int_equal(page_to_pfn(page), pb_pfn(1));
	assert_true(p->isolations > 1);
	assert_int_equal(world_elapsed_ns() / 1000000, CONFIG_CMA_PIN_WAIT_MS);
	assert_string_equal(world_map(), "M[p.......] M[AAAAAAAA]");
	assert_false(log_has("cannot carve")); /* ACR_NOWARN */
	free_contig_range(pb_pfn(1), PB);
}

/*
 * M[ccc.....] M[........]
 *  The search starts on three clean pages: the carve takes them by
 *  dropping them, so the free page count does not move; freeing the
 *  range leaves three more free pages than before.
 *     M[ccc.....] -> M[AAA.....] -> M[........]
 */
static void contig_pages_over_clean_pages_frees_what_it_drops(void **state)
{
	unsigned long before = nr_free_pages();
	struct migrate_report rep;
	struct page *page;

	place_run(pb_pfn(0), 3, TP_CLEAN);
	assert_int_equal(nr_free_pages(), before - 3);
	page = alloc_contig_pages_report(3, 0, 1, &rep);
	assert_non_null(page);
	assert_int_equal(page_to_pfn(page), pb_pfn(0));
	assert_int_equal(rep.discarded, 3);
	assert_int_equal(rep.migrated, 0);
	assert_int_equal(nr_free_pages(), before - 3);
	free_contig_range(pb_pfn(0), 3);
	assert_int_equal(nr_free_pages(), before);
}

static unsigned char store(unsigned long index)
{
	return (unsigned char)(0x40 + index);
}

static int fill(void *buf, unsigned long index, void *priv)
{
	memset(buf, store(index), PAGE_SIZE);
	return 0;
}

/*
 * M[........] C[........] with cma_policy=prefer: an anon area of 4 pages
 * and a pcache of 8 (2 written) land in CMA. Carving it migrates the 4
 * anon pages and the 2 dirty ones and drops the 6 clean ones; every byte
 * reads back the same.
 */
static void real_owners_anon_and_pcache(void **state)
{
	struct anon_area *area;
	struct pcache *pc;
	struct pcache_stats st;
	struct migrate_report rep;
	unsigned char buf[PAGE_SIZE], page_buf[PAGE_SIZE];
	unsigned long i;

	zone_set_cma_policy(W->zone, CMA_POLICY_PREFER);
	area = anon_area_create(4, 0);
	assert_non_null(area);
	for (i = 0; i < 4; i++) {
		memset(buf, (int)(0x10 + i), sizeof(buf));
		anon_write(area, i * PAGE_SIZE, buf, sizeof(buf));
		assert_int_equal(get_pageblock_migratetype(anon_page_pfn(area, i)), MIGRATE_CMA);
	}
	pc = pcache_create("world", 8, fill, NULL);
	assert_non_null(pc);
	for (i = 0; i < 8; i++) {
		assert_int_equal(pcache_read(pc, i, buf), 0);
		assert_int_equal(get_pageblock_migratetype(pcache_page_pfn(pc, i)), MIGRATE_CMA);
	}
	memset(buf, 0xd1, sizeof(buf));
	assert_int_equal(pcache_write(pc, 2, buf), 0);
	assert_int_equal(pcache_write(pc, 5, buf), 0);

	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), ACR_CMA, &rep), 0);
	assert_int_equal(rep.migrated, 6);
	assert_int_equal(rep.discarded, 6);
	pcache_get_stats(pc, &st);
	assert_int_equal(st.discarded, 6);
	assert_int_equal(st.migrated, 2);
	assert_int_equal(st.cached, 2);
	for (i = 0; i < 4; i++) {
		assert_true(anon_page_pfn(area, i) < pb_pfn(1));
		anon_read(area, i * PAGE_SIZE, buf, sizeof(buf));
		memset(page_buf, (int)(0x10 + i), sizeof(page_buf));
		assert_memory_equal(buf, page_buf, sizeof(buf));
	}
	for (i = 0; i < 8; i++) {
		assert_int_equal(pcache_read(pc, i, buf), 0);
		memset(page_buf, (i == 2 || i == 5) ? 0xd1 : store(i), sizeof(page_buf));
		assert_memory_equal(buf, page_buf, sizeof(buf));
	}
	free_contig_range(pb_pfn(1), PB);
	pcache_destroy(pc);
	anon_area_destroy(area);
	drain_all_pages();
	assert_int_equal(free_of(MIGRATE_MOVABLE) + free_of(MIGRATE_CMA), 2 * PB);
}

/* An anon area of @nr pages, all in CMA pageblocks, page i holding i * 7 + 1. */
static struct anon_area *anon_in_cma(unsigned long nr)
{
	struct anon_area *area;
	unsigned long i, v;

	zone_set_cma_policy(W->zone, CMA_POLICY_PREFER);
	area = anon_area_create(nr, 0);
	assert_non_null(area);
	for (i = 0; i < nr; i++) {
		v = i * 7 + 1;
		anon_write(area, i * PAGE_SIZE, &v, sizeof(v));
		assert_int_equal(get_pageblock_migratetype(anon_page_pfn(area, i)), MIGRATE_CMA);
	}
	return area;
}

/* Every page of @area holds what anon_in_cma() wrote, and none is at @pfn or above. */
static void anon_intact_below(struct anon_area *area, unsigned long pfn)
{
	unsigned long i, v;

	for (i = 0; i < anon_area_pages(area); i++) {
		assert_true(anon_page_pfn(area, i) < pfn);
		anon_read(area, i * PAGE_SIZE, &v, sizeof(v));
		assert_int_equal(v, i * 7 + 1);
	}
}

/*
 * M[........] M[........] M[........] C[oooooooo] C[oooooooo] C[o.......]
 *  an anon area of CONFIG_MIGRATE_BATCH + 8 pages in CMA: the carve of
 *  the three CMA pageblocks migrates them all by runs of at most
 *  MIGRATE_RUN_MAX pages (mm/contig.c, migrate_run()), every page keeping
 *  its contents.
 */
static void more_than_a_batch_of_anon_pages(void **state)
{
	const unsigned long nr = CONFIG_MIGRATE_BATCH + 8;
	struct anon_area *area = anon_in_cma(nr);
	struct migrate_report rep;

	assert_int_equal(carve(pb_pfn(3), pb_pfn(6), ACR_CMA, &rep), 0);
	assert_int_equal(rep.migrated, nr);
	assert_int_equal(rep.migrated_by_run, nr);
	assert_int_equal(rep.retries, 0);
	assert_int_equal(free_of(MIGRATE_MOVABLE), 3 * PB - nr);
	anon_intact_below(area, pb_pfn(3));
	free_contig_range(pb_pfn(3), 3 * PB);
	anon_area_destroy(area);
}

/*
 * In M C: carve pageblock 1, which moves the @nr pages of @area still in
 * it by runs; then every page is intact outside it, and once the area and
 * the carve are gone every frame is free again.
 */
static void carve_pb1_moves_the_rest(struct anon_area *area, unsigned long nr)
{
	struct migrate_report rep;

	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), ACR_CMA, &rep), 0);
	assert_int_equal(rep.migrated, nr);
	assert_int_equal(rep.migrated_by_run, nr);
	anon_intact_below(area, pb_pfn(1));
	free_contig_range(pb_pfn(1), PB);
	anon_area_destroy(area);
	drain_all_pages();
	assert_int_equal(free_of(MIGRATE_MOVABLE) + free_of(MIGRATE_CMA), 2 * PB);
}

/*
 * M[........] C[o.......], page 3 of 8 under access (anon_page_get()):
 * the run stops there, the usual path finds it busy; with no pin wait
 * the carve fails after moving the other 7 by runs, page 3 where it was.
 * Released, the next carve moves it (a run of one) and succeeds.
 */
static void an_accessed_anon_page_ends_a_run_and_blocks_the_carve(void **state)
{
	struct anon_area *area = anon_in_cma(8);
	unsigned long pfn3 = anon_page_pfn(area, 3), i, v;
	struct migrate_report rep;

	assert_non_null(anon_page_get(area, 3));
	assert_int_equal(alloc_contig_range_wait(pb_pfn(1), pb_pfn(2), ACR_CMA | ACR_NOWARN, &rep, 0),
			 -EBUSY);
	anon_page_put(area, 3);
	assert_int_equal(rep.first_busy_pfn, pfn3);
	assert_int_equal(rep.first_busy_reason, MR_PINNED);
	assert_int_equal(rep.migrated, 7);
	assert_int_equal(rep.migrated_by_run, 7);
	assert_int_equal(anon_page_pfn(area, 3), pfn3);
	for (i = 0; i < 8; i++) {
		anon_read(area, i * PAGE_SIZE, &v, sizeof(v));
		assert_int_equal(v, i * 7 + 1);
	}
	carve_pb1_moves_the_rest(area, 1);
}

/*
 * M[........] C[o.......], 8 anon pages: the 4th target allocation fails.
 * The run moves the 3 it has targets for and the carve fails with
 * -ENOMEM; the rest stay with their owner where they were, every page
 * keeps its contents, and no frame is lost. A second carve moves the rest.
 */
static void inject_migrate_target_mid_run_keeps_every_page(void **state)
{
	struct anon_area *area = anon_in_cma(8);
	struct migrate_report rep;
	unsigned long i, v, moved = 0;

	assert_int_equal(fail_inject_set(FAIL_MIGRATE_TARGET, 4, false), 0);
	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), ACR_CMA | ACR_NOWARN, &rep), -ENOMEM);
	assert_int_equal(fail_inject_failures(FAIL_MIGRATE_TARGET), 1);
	fail_inject_clear();
	assert_int_equal(rep.first_busy_reason, MR_NO_TARGET);
	assert_int_equal(rep.migrated, 3);
	assert_int_equal(rep.migrated_by_run, 3);
	for (i = 0; i < 8; i++) {
		moved += anon_page_pfn(area, i) < pb_pfn(1);
		anon_read(area, i * PAGE_SIZE, &v, sizeof(v));
		assert_int_equal(v, i * 7 + 1);
	}
	assert_int_equal(moved, 3);
	drain_all_pages();
	assert_int_equal(free_of(MIGRATE_MOVABLE) + free_of(MIGRATE_CMA), 2 * PB - 8);
	carve_pb1_moves_the_rest(area, 5);
}

/* A pcache of @nr pages, each read once (a miss), all in pageblock 1. */
static struct pcache *cache_in_pb1(unsigned long nr)
{
	unsigned char buf[PAGE_SIZE];
	struct pcache *pc = pcache_create("world", nr, fill, NULL);
	unsigned long i;

	assert_non_null(pc);
	for (i = 0; i < nr; i++) {
		assert_int_equal(pcache_read(pc, i, buf), 0);
		assert_true(pcache_page_pfn(pc, i) >= pb_pfn(1) &&
			    pcache_page_pfn(pc, i) < pb_pfn(2));
	}
	return pc;
}

/* Every page of @pc reads back its store's data (refilled if dropped). */
static void cache_reads_back(struct pcache *pc, unsigned long nr, unsigned long dirty_a,
			     unsigned long dirty_b)
{
	unsigned char buf[PAGE_SIZE], want[PAGE_SIZE];
	unsigned long i;

	for (i = 0; i < nr; i++) {
		assert_int_equal(pcache_read(pc, i, buf), 0);
		memset(want, (i == dirty_a || i == dirty_b) ? 0xd1 : store(i), sizeof(want));
		assert_memory_equal(buf, want, sizeof(buf));
	}
}

/*
 * M[........] C[pppppp..] with cma0 lending only to clean cache: a pcache
 * of 200 pages fills it. The carve drops all 200 by runs (the owner's
 * discard_frozen_run()), migrates nothing and needs no target; the cache
 * counts exactly 200 discards, and every page reads back from the store.
 */
static void clean_region_of_cache_is_dropped_by_runs(void **state)
{
	struct migrate_report rep;
	struct pcache_stats st;
	struct pcache *pc;

	assert_int_equal(cma_set_borrow(W->cma[0], CMA_BORROW_CLEAN), 0);
	pc = cache_in_pb1(200);
	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), ACR_CMA, &rep), 0);
	assert_int_equal(rep.discarded, 200);
	assert_int_equal(rep.migrated, 0);
	assert_int_equal(rep.retries, 0);
	assert_int_equal(rep.targets_needed, 0);
	assert_int_equal(count_contig(pb_pfn(1), pb_pfn(2)), PB);
	pcache_get_stats(pc, &st);
	assert_int_equal(st.discarded, 200);
	assert_int_equal(st.cached, 0);
	assert_int_equal(st.migrated, 0);
	/* Nothing left pageblock 0: no page was copied out. */
	assert_int_equal(free_of(MIGRATE_MOVABLE), PB);
	free_contig_range(pb_pfn(1), PB);
	cache_reads_back(pc, 200, ~0UL, ~0UL);
	pcache_get_stats(pc, &st);
	assert_int_equal(st.misses, 400);
	pcache_destroy(pc);
	drain_all_pages();
	assert_int_equal(free_of(MIGRATE_MOVABLE) + free_of(MIGRATE_CMA), 2 * PB);
}

/*
 * M[........] C[pppppp..] lending to any movable page (cma_policy=prefer,
 * so the cache lands in CMA): pages 50 and 150 of
 * a 200-page cache are written (dirty, kept in place). A run stops at each
 * dirty page, which is migrated; the runs go on after it: 198 discarded,
 * 2 migrated, every byte as written.
 */
static void runs_stop_at_dirty_pages_and_go_on(void **state)
{
	unsigned char buf[PAGE_SIZE];
	struct migrate_report rep;
	struct pcache_stats st;
	struct pcache *pc;

	zone_set_cma_policy(W->zone, CMA_POLICY_PREFER);
	pc = cache_in_pb1(200);
	memset(buf, 0xd1, sizeof(buf));
	assert_int_equal(pcache_write(pc, 50, buf), 0);
	assert_int_equal(pcache_write(pc, 150, buf), 0);
	assert_true(pcache_page_pfn(pc, 150) >= pb_pfn(1));
	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), ACR_CMA, &rep), 0);
	assert_int_equal(rep.discarded, 198);
	assert_int_equal(rep.migrated, 2);
	pcache_get_stats(pc, &st);
	assert_int_equal(st.discarded, 198);
	assert_int_equal(st.migrated, 2);
	assert_int_equal(st.cached, 2);
	assert_true(pcache_page_pfn(pc, 50) < pb_pfn(1));
	assert_true(pcache_page_pfn(pc, 150) < pb_pfn(1));
	free_contig_range(pb_pfn(1), PB);
	cache_reads_back(pc, 200, 50, 150);
	pcache_destroy(pc);
}

/*
 * M[........] C[pppppp..] lending only to clean cache; someone holds a
 * reference on page 100 (as a CPU isolating or describing it would). The
 * run stops there - a freeze needs the owner's reference to be the only
 * one - and the usual path drops the page from the cache but cannot free
 * it: the carve fails with -EBUSY after its passes, the other 199 dropped.
 * Once the reference goes, the frame is free and page 100 reads back.
 */
static void a_referenced_clean_page_is_never_frozen(void **state)
{
	struct migrate_report rep;
	struct pcache_stats st;
	struct pcache *pc;
	struct page *held;

	assert_int_equal(cma_set_borrow(W->cma[0], CMA_BORROW_CLEAN), 0);
	pc = cache_in_pb1(200);
	held = pfn_to_page(pcache_page_pfn(pc, 100));
	get_page(held);
	assert_int_equal(carve(pb_pfn(1), pb_pfn(2), ACR_CMA | ACR_NOWARN, &rep), -EBUSY);
	assert_int_equal(rep.discarded, 200);
	assert_int_equal(rep.first_busy_pfn, page_to_pfn(held));
	assert_int_equal(page_ref_count(held), 1);
	assert_false(PageMovable(held));
	pcache_get_stats(pc, &st);
	assert_int_equal(st.discarded, 200);
	put_page(held);
	cache_reads_back(pc, 200, ~0UL, ~0UL);
	pcache_destroy(pc);
	drain_all_pages();
	assert_int_equal(free_of(MIGRATE_MOVABLE) + free_of(MIGRATE_CMA), 2 * PB);
}

#define T(fn, layout) \
	cmocka_unit_test_prestate_setup_teardown(fn, world_setup, world_teardown, layout)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(rejects_ranges_outside_one_zone, "M M"),
		T(takes_free_pages_and_gives_them_back, "M M"),
		T(unaligned_range_across_pageblocks, "M M M"),
		T(pages_on_per_cpu_lists_are_drained, "M M"),
		T(migrates_movable_pages_out_of_the_range, "M C"),
		T(migration_targets_use_other_cma_last, "M C D"),
		T(discards_clean_pages_without_targets, "M C"),
		T(no_target_memory_fails_before_moving_anything, "C"),
		T(min_reserve_is_not_a_target, "M C"),
		T(pinned_page_fails_with_ebusy_and_restores_the_range, "M C"),
		T(pin_dropped_while_waiting_succeeds, "M C"),
		T(pin_wait_zero_makes_one_pass, "M C"),
		T(busy_migration_fails_after_the_wait, "M C"),
		T(longterm_pin_refuses_isolation, "M M"),
		T(kernel_page_refuses_isolation, "M M"),
		T(unmovable_page_in_cma_gets_migrate_retries_passes, "M C"),
		T(contended_pageblock_is_left_to_its_carve, "M C"),
		T(failed_carve_leaves_an_isolated_neighbour_whole, "M M C C"),
		T(inject_isolate_restores_the_first_pageblock, "M M"),
		T(inject_migrate_target_puts_pages_back, "M C"),
		T(inject_test_isolated_once_retries, "M"),
		T(inject_test_isolated_always_fails, "M"),
		T(inject_take_once_retries, "M"),
		T(contig_pages_skips_what_cannot_be_carved, "M C M M"),
		T(contig_pages_moves_past_a_pinned_page, "M M"),
		T(contig_pages_over_clean_pages_frees_what_it_drops, "M M"),
		T(real_owners_anon_and_pcache, "M C"),
		T(more_than_a_batch_of_anon_pages, "M M M C C C"),
		T(an_accessed_anon_page_ends_a_run_and_blocks_the_carve, "M C"),
		T(inject_migrate_target_mid_run_keeps_every_page, "M C"),
		T(clean_region_of_cache_is_dropped_by_runs, "M C"),
		T(runs_stop_at_dirty_pages_and_go_on, "M C"),
		T(a_referenced_clean_page_is_never_frozen, "M C"),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

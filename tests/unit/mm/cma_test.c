// SPDX-License-Identifier: GPL-2.0-only
/*
 * cma_alloc() and cma_release() (mm/cma.c) in a private world (world.h):
 * areas declared and activated by the real boot code over a few
 * pageblocks, carved by the real contig, isolation and migration code.
 * One cell of a drawing is 32 pages; area cma0 is the 'C' pageblocks.
 *
 * Every path of cma_alloc_report() and the test that covers it:
 *   no area, count 0 ............................. bad_requests_change_nothing_or_fail_with_einval
 *   count larger than the area, align too large .. bad_requests_change_nothing_or_fail_with_einval
 *   first window carved .......................... alloc_and_release_exactly
 *   alignment (mask and offset in the bitmap) ..... alignment_places_the_window
 *   window busy: move past the page that blocked . busy_window_moves_past_the_pin
 *   pins in every window: second sweep waits ...... pins_everywhere_second_sweep_waits_then_fails,
 *                                                   pin_dropped_during_the_second_sweep
 *   no memory to migrate to: the call ends at once  no_target_ends_the_call_at_once
 *   windows contended by another carve: move on ... contended_windows_are_skipped
 *   contended everywhere: a few rounds, then NULL . contended_everywhere_fails_after_rounds
 *   bitmap full: no free window .................. full_area_fails_with_no_free_window
 *   movable and clean pages counted in the stats .. carves_count_migrated_and_discarded_pages
 *   a bitmap bit of several pages (order_per_bit) . bitmap_bits_of_several_pages
 * cma_release(): release, outside the area, not allocated, twice ...
 *                                                   release_refuses_what_it_did_not_hand_out
 *
 * unit-sources: tests/unit/mm/world.c mm/page_alloc.c mm/page_isolation.c mm/migrate.c mm/contig.c mm/discard.c mm/cma.c mm/movable.c mm/anon.c mm/pcache.c mm/memblock.c mm/mm_init.c mm/fail_inject.c lib/bitmap.c lib/string.c lib/parse.c lib/smp.c lib/phase.c lib/trace.c mm/cma_trace.c lib/spinlock_debug.c lib/idle.c arch/host/vm.c arch/host/os/memory.c
 */
#include "world.h"
#include <contig/alloc_contig.h>
#include <contig/errno.h>
#include <contig/mm_debug.h>
#include <contig/page-isolation.h>

#define PB pageblock_nr_pages

static struct cma_stats stats(struct cma *cma)
{
	struct cma_stats st;

	cma_get_stats(cma, &st);
	return st;
}

static unsigned long pfn_of(struct page *page)
{
	assert_non_null(page);
	return page_to_pfn(page);
}

/*
 * C[........] C[........]
 *  alloc 64:    C[AA......] C[........]
 *  release:     C[........] C[........]  one free order-9 CMA block again
 */
static void alloc_and_release_exactly(void **state)
{
	struct cma *cma = W->cma[0];
	struct page *page = cma_alloc(cma, 64, 0, 0);

	assert_int_equal(pfn_of(page), pb_pfn(0));
	assert_string_equal(world_map(), "C[AA......] C[........]");
	assert_int_equal(stats(cma).used, 64);
	assert_int_equal(stats(cma).allocs, 1);
	assert_int_equal(stats(cma).largest_free, 2 * PB - 64);
	assert_int_equal(free_of(MIGRATE_CMA), 2 * PB - 64);
	assert_true(cma_release(cma, page, 64));
	assert_string_equal(world_map(), "C[........] C[........]");
	assert_int_equal(stats(cma).used, 0);
	assert_int_equal(stats(cma).released, 64);
	assert_int_equal(stats(cma).peak_used, 64);
	assert_int_equal(blocks_of(pageblock_order + 1, MIGRATE_CMA), 1);
}

/*
 * C[........]
 *  10 pages, then 16 aligned to 16 (skips 10..15), then 1 (fills 10)
 */
static void alignment_places_the_window(void **state)
{
	struct cma *cma = W->cma[0];
	struct page *a = cma_alloc(cma, 10, 0, 0);
	struct page *b = cma_alloc(cma, 16, 4, 0);
	struct page *c = cma_alloc(cma, 1, 0, 0);

	assert_int_equal(pfn_of(a), pb_pfn(0));
	assert_int_equal(pfn_of(b), pb_pfn(0) + 16);
	assert_int_equal(pfn_of(c), pb_pfn(0) + 10);
	assert_int_equal(count_contig(pb_pfn(0), pb_pfn(1)), 27);
	assert_int_equal(stats(cma).largest_free, PB - 32);
	assert_true(cma_release(cma, b, 16));
	assert_true(cma_release(cma, a, 10));
	assert_true(cma_release(cma, c, 1));
	assert_int_equal(free_of(MIGRATE_CMA), PB);
}

/* C[AAAAAAAA]: the bitmap has no window left */
static void full_area_fails_with_no_free_window(void **state)
{
	struct cma *cma = W->cma[0];
	struct page *page = cma_alloc(cma, PB, 0, 0);

	assert_int_equal(pfn_of(page), pb_pfn(0));
	assert_null(cma_alloc(cma, 1, 0, 0));
	assert_true(log_has("cma0: alloc of 1 pages (order 0 alignment) failed: -12 (no free window); 256 of 256 pages in use, largest free run 0 pages"));
	assert_int_equal(stats(cma).failed, 1);
	assert_int_equal(stats(cma).failed_pages, 1);
	assert_int_equal(stats(cma).allocs, 1);
	assert_true(cma_release(cma, page, PB));
}

/* C[........]: requests that cannot be met */
static void bad_requests_change_nothing_or_fail_with_einval(void **state)
{
	struct cma *cma = W->cma[0];

	assert_null(cma_alloc(NULL, 1, 0, 0));
	assert_null(cma_alloc(cma, 0, 0, 0));
	assert_int_equal(stats(cma).failed, 0);
	assert_null(cma_alloc(cma, PB + 1, 0, 0));
	assert_true(log_has("cma0: cannot allocate 257 pages aligned to order 0: the area has only 256 pages"));
	assert_null(cma_alloc(cma, 1, 64, CMA_ALLOC_NOWARN));
	assert_int_equal(stats(cma).failed, 2);
	assert_string_equal(world_map(), "C[........]");
}

/*
 * M[........] C[p.......]
 *  32 pages: window 0..31 holds the pin at 5; the first sweep does not wait
 *  for it, and the next window starts past it.
 *     M[........] C[pA......]
 */
static void busy_window_moves_past_the_pin(void **state)
{
	struct cma *cma = W->cma[0];
	struct tpage *p = place(pb_pfn(1) + 5, TP_PINNED);
	struct page *page = cma_alloc(cma, 32, 0, 0);

	assert_int_equal(pfn_of(page), pb_pfn(1) + 6);
	assert_string_equal(world_map(), "M[........] C[pA......]");
	assert_int_equal(p->isolations, 1);
	assert_int_equal(world_elapsed_ns(), 0);
	assert_int_equal(stats(cma).busy_retries, 1);
	assert_true(cma_release(cma, page, 32));
}

/*
 * M[........] C[...p....]
 *  256 pages: the only window holds the pin; the second sweep waits
 *  cma_pin_wait_ms for it, then the call fails naming it.
 */
static void pins_everywhere_second_sweep_waits_then_fails(void **state)
{
	struct cma *cma = W->cma[0];
	struct tpage *p = place(pb_pfn(1) + 100, TP_PINNED);

	assert_null(cma_alloc(cma, PB, 0, 0));
	assert_true(world_elapsed_ns() >= CONFIG_CMA_PIN_WAIT_MS * 1000000ULL);
	assert_true(p->isolations > 2);
	assert_int_equal(stats(cma).busy_retries, 2);
	assert_int_equal(stats(cma).failed, 1);
	assert_true(log_has("cma0: alloc of 256 pages (order 0 alignment) failed: -16 (pinned at pfn 0x80164 (tpage 0 (p)) for 100 ms"));
	assert_string_equal(world_map(), "M[........] C[...p....]");
	assert_int_equal(free_of(MIGRATE_CMA), PB - 1);
}

/* M[........] C[p.......]: the holder lets go during the second sweep */
static void pin_dropped_during_the_second_sweep(void **state)
{
	struct cma *cma = W->cma[0];
	struct tpage *p = place(pb_pfn(1), TP_PINNED);
	struct page *page;

	p->release_after = 3;
	page = cma_alloc(cma, PB, 0, 0);
	assert_int_equal(pfn_of(page), pb_pfn(1));
	assert_int_equal(p->moves, 1);
	assert_int_equal(stats(cma).busy_retries, 1);
	assert_int_equal(stats(cma).migrated, 1);
	assert_true(page_to_pfn(p->page) < pb_pfn(1));
	assert_true(cma_release(cma, page, PB));
}

/*
 * C[m.......]  (no memory outside the area)
 *  window 0..31 needs a target for the page at 0 and there is none: the
 *  call ends with -ENOMEM at once, without trying the free windows after it.
 */
static void no_target_ends_the_call_at_once(void **state)
{
	struct cma *cma = W->cma[0];
	struct tpage *m = place(pb_pfn(0), TP_MOVABLE);

	assert_null(cma_alloc(cma, 32, 0, 0));
	assert_int_equal(m->isolations, 0);
	assert_int_equal(stats(cma).busy_retries, 0);
	assert_true(log_has("failed: -12 (no target memory: 1 in-use pages need a new frame"));
	assert_string_equal(world_map(), "C[m.......]");
}

/*
 * C[........] C[........]: another carve holds pageblock 0 (I[........]);
 * every window there is contended and the first window of pageblock 1 wins.
 */
static void contended_windows_are_skipped(void **state)
{
	struct cma *cma = W->cma[0];
	struct page *page;

	assert_int_equal(start_isolate_page_range(pb_pfn(0), pb_pfn(1), MIGRATE_CMA, NULL), 0);
	page = cma_alloc(cma, 32, 0, 0);
	assert_int_equal(pfn_of(page), pb_pfn(1));
	assert_string_equal(world_map(), "I[........] C[A.......]");
	/* Windows starting at 0..255 each overlap the isolated pageblock. */
	assert_int_equal(stats(cma).busy_retries, PB);
	assert_true(cma_release(cma, page, 32));
	undo_isolate_page_range(pb_pfn(0), pb_pfn(1), MIGRATE_CMA);
	assert_int_equal(free_of(MIGRATE_CMA), 2 * PB);
}

/* I[........]: contended everywhere; four rounds, then NULL */
static void contended_everywhere_fails_after_rounds(void **state)
{
	struct cma *cma = W->cma[0];

	assert_int_equal(start_isolate_page_range(pb_pfn(0), pb_pfn(1), MIGRATE_CMA, NULL), 0);
	assert_null(cma_alloc(cma, PB, 0, CMA_ALLOC_NOWARN));
	assert_int_equal(stats(cma).busy_retries, 4);
	assert_int_equal(stats(cma).failed, 1);
	undo_isolate_page_range(pb_pfn(0), pb_pfn(1), MIGRATE_CMA);
}

/* M[........] C[mmcc....]: 64 pages migrated, 64 dropped, all counted */
static void carves_count_migrated_and_discarded_pages(void **state)
{
	struct cma *cma = W->cma[0];
	struct page *page;

	place_run(pb_pfn(1), 64, TP_MOVABLE);
	place_run(pb_pfn(1) + 64, 64, TP_CLEAN);
	assert_string_equal(world_map(), "M[........] C[mmcc....]");
	page = cma_alloc(cma, PB, 0, 0);
	assert_int_equal(pfn_of(page), pb_pfn(1));
	assert_int_equal(stats(cma).migrated, 64);
	assert_int_equal(stats(cma).discarded, 64);
	assert_int_equal(free_of(MIGRATE_MOVABLE), PB - 64);
	assert_true(tpages_intact());
	assert_true(cma_release(cma, page, PB));
}

/*
 * C[........] with one bitmap bit per 16 pages:
 *  10 pages take bit 0 (pages 0..15) but carve only 10; the next page
 *  starts at bit 1 (page 16); 16 pages aligned to 32 take bits 2..3.
 */
static void bitmap_bits_of_several_pages(void **state)
{
	struct cma *cma;
	struct page *a, *b, *c;

	world_destroy();
	world_create_bits("C", 4);
	cma = W->cma[0];
	a = cma_alloc(cma, 10, 0, 0);
	b = cma_alloc(cma, 1, 0, 0);
	c = cma_alloc(cma, 16, 5, 0);
	assert_int_equal(pfn_of(a), pb_pfn(0));
	assert_int_equal(pfn_of(b), pb_pfn(0) + 16);
	assert_int_equal(pfn_of(c), pb_pfn(0) + 32);
	assert_int_equal(count_contig(pb_pfn(0), pb_pfn(1)), 27);
	assert_int_equal(stats(cma).used, 27);
	assert_int_equal(stats(cma).busy_retries, 0);
	assert_int_equal(stats(cma).largest_free, PB - 48);
	/* Every carved page is covered by a set bit. */
	assert_int_equal(cma_check(true), 0);
	assert_true(cma_release(cma, a, 10));
	assert_int_equal(stats(cma).largest_free, PB - 48);
	assert_int_equal(pfn_of(cma_alloc(cma, 16, 0, 0)), pb_pfn(0));
	assert_true(cma_release(cma, pfn_to_page(pb_pfn(0)), 16));
	assert_true(cma_release(cma, b, 1));
	assert_true(cma_release(cma, c, 16));
	assert_int_equal(stats(cma).used, 0);
	assert_int_equal(free_of(MIGRATE_CMA), PB);
}

/* C[AA......] M[........]: releases that do not match an allocation */
static void release_refuses_what_it_did_not_hand_out(void **state)
{
	struct cma *cma = W->cma[0];
	struct page *page = cma_alloc(cma, 64, 0, 0);

	assert_false(cma_release(cma, pfn_to_page(pb_pfn(1)), 1));
	assert_true(log_has("cma0: refusing to release pfn 0x80100+1: not inside the area"));
	assert_false(cma_release(cma, pfn_to_page(pb_pfn(0) + 64), 1));
	assert_true(log_has("not allocated from this area (double release?)"));
	assert_false(cma_release(cma, page, 65));
	assert_false(cma_release(cma, NULL, 1));
	assert_int_equal(stats(cma).used, 64);
	assert_true(cma_release(cma, page, 64));
	assert_false(cma_release(cma, page, 64));
	assert_int_equal(stats(cma).released, 64);
	assert_string_equal(world_map(), "C[........] M[........]");
}

#define T(fn, layout) \
	cmocka_unit_test_prestate_setup_teardown(fn, world_setup, world_teardown, layout)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(alloc_and_release_exactly, "C C"),
		T(alignment_places_the_window, "C"),
		T(full_area_fails_with_no_free_window, "C"),
		T(bad_requests_change_nothing_or_fail_with_einval, "C"),
		T(busy_window_moves_past_the_pin, "M C"),
		T(pins_everywhere_second_sweep_waits_then_fails, "M C"),
		T(pin_dropped_during_the_second_sweep, "M C"),
		T(no_target_ends_the_call_at_once, "C"),
		T(contended_windows_are_skipped, "C C"),
		T(contended_everywhere_fails_after_rounds, "C"),
		T(carves_count_migrated_and_discarded_pages, "M C"),
		T(release_refuses_what_it_did_not_hand_out, "C M"),
		T(bitmap_bits_of_several_pages, "C"),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

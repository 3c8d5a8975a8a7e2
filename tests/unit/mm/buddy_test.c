// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page allocator's choice of free lists (mm/page_alloc.c) in a private
 * world (world.h): the CMA fallback policy is the world's zone's own
 * (zone->cma_policy), set per test, never a global. One cell of a drawing
 * is 32 pages; pages allocated here have no owner and are drawn 'k'
 * whatever their gfp: the drawing shows where they went, the counts say
 * which lists they came from.
 *
 * Paths of __rmqueue_locked() and the test that covers each:
 *   kernel: UNMOVABLE lists ....................... kernel_allocations_use_unmovable_pageblocks
 *   kernel: steal from MOVABLE, claim pageblock ... kernel_steal_of_half_a_pageblock_claims_it
 *   movable, fallback: MOVABLE, never CMA first ... fallback_policy_keeps_cma_for_last
 *   movable, prefer: CMA first .................... prefer_policy_takes_cma_first
 *   movable, balance: CMA when over half free ..... balance_policy_follows_the_free_share
 *   movable, __GFP_NO_CMA ......................... no_cma_flag_never_takes_cma
 *   movable, below the min reserve: CMA or none ... min_reserve_sends_movable_allocations_to_cma
 *   the policy is the zone's, boot default ........ policy_is_a_property_of_the_zone,
 *                                                   zones_start_with_the_boot_policy
 *
 * unit-sources: tests/unit/mm/world.c mm/page_alloc.c mm/page_isolation.c mm/migrate.c mm/contig.c mm/discard.c mm/cma.c mm/movable.c mm/anon.c mm/pcache.c mm/memblock.c mm/mm_init.c mm/fail_inject.c lib/bitmap.c lib/string.c lib/parse.c lib/smp.c lib/phase.c lib/trace.c mm/cma_trace.c lib/spinlock_debug.c lib/idle.c arch/host/vm.c arch/host/os/memory.c
 */
#include <string.h>

#include "world.h"
#include <contig/errno.h>
#include "../../../mm/internal.h"

#define PB pageblock_nr_pages
#define NOPCP (__GFP_NO_PCP | __GFP_NOWARN)

/* The migratetype of the pageblock one page of @gfp comes from (freed again), or -1. */
static int one_from(gfp_t gfp)
{
	struct page *page = alloc_pages(gfp | NOPCP, 0);
	int mt;

	if (!page)
		return -1;
	mt = get_pageblock_migratetype(page_to_pfn(page));
	__free_pages(page, 0);
	/* Back from the per-CPU list to the buddy, merged as before. */
	drain_all_pages();
	return mt;
}

/* M[........] C[........]: every zone starts with cma_policy= (balance) */
static void policy_is_a_property_of_the_zone(void **state)
{
	struct cma_policy_save saved;

	assert_int_equal(W->zone->cma_policy, CMA_POLICY_BALANCE);
	assert_int_equal(zone_set_cma_policy(W->zone, CMA_POLICY_PREFER), CMA_POLICY_BALANCE);
	zones_set_cma_policy(CMA_POLICY_FALLBACK, &saved);
	assert_int_equal(saved.policy[0], CMA_POLICY_PREFER);
	assert_int_equal(W->zone->cma_policy, CMA_POLICY_FALLBACK);
	zones_restore_cma_policy(&saved);
	assert_int_equal(W->zone->cma_policy, CMA_POLICY_PREFER);
}

/* A world built after cma_policy=prefer starts with prefer */
static void zones_start_with_the_boot_policy(void **state)
{
	world_destroy();
	cma_boot_policy = CMA_POLICY_PREFER;
	world_create("M C");
	cma_boot_policy = CMA_POLICY_BALANCE;
	assert_int_equal(W->zone->cma_policy, CMA_POLICY_PREFER);
	assert_int_equal(one_from(GFP_MOVABLE), MIGRATE_CMA);
}

/* U[........] M[........]: kernel pages come from the UNMOVABLE pageblock */
static void kernel_allocations_use_unmovable_pageblocks(void **state)
{
	struct page *page = alloc_pages(GFP_KERNEL | NOPCP, 3);

	assert_non_null(page);
	assert_string_equal(world_map(), "U[k.......] M[........]");
	assert_int_equal(free_of(MIGRATE_UNMOVABLE), PB - 8);
	assert_int_equal(free_of(MIGRATE_MOVABLE), PB);
	__free_pages(page, 3);
	assert_int_equal(free_of(MIGRATE_UNMOVABLE), PB);
}

/*
 * M[........] C[........]
 *  a kernel block of half a pageblock steals from MOVABLE (never CMA) and
 *  claims the whole pageblock: U[kkkk....] C[........]
 */
static void kernel_steal_of_half_a_pageblock_claims_it(void **state)
{
	struct page *page = alloc_pages(GFP_KERNEL | NOPCP, pageblock_order - 1);

	assert_non_null(page);
	assert_string_equal(world_map(), "U[kkkk....] C[........]");
	assert_int_equal(free_of(MIGRATE_UNMOVABLE), PB / 2);
	assert_int_equal(free_of(MIGRATE_MOVABLE), 0);
	assert_int_equal(free_of(MIGRATE_CMA), PB);
	__free_pages(page, pageblock_order - 1);
	assert_int_equal(free_of(MIGRATE_UNMOVABLE), PB);
	assert_string_equal(world_map(), "U[........] C[........]");
}

/* M[........] C[........] C[........] with fallback: MOVABLE until it runs out */
static void fallback_policy_keeps_cma_for_last(void **state)
{
	struct page *block;

	zone_set_cma_policy(W->zone, CMA_POLICY_FALLBACK);
	assert_int_equal(one_from(GFP_MOVABLE), MIGRATE_MOVABLE);
	block = alloc_pages(GFP_MOVABLE | NOPCP, pageblock_order);
	assert_int_equal(get_pageblock_migratetype(page_to_pfn(block)), MIGRATE_MOVABLE);
	/* MOVABLE is empty now, and there is no UNMOVABLE to steal from. */
	assert_int_equal(one_from(GFP_MOVABLE), MIGRATE_CMA);
	__free_pages(block, pageblock_order);
}

/* M[........] C[........] with prefer: CMA first */
static void prefer_policy_takes_cma_first(void **state)
{
	zone_set_cma_policy(W->zone, CMA_POLICY_PREFER);
	assert_int_equal(one_from(GFP_MOVABLE), MIGRATE_CMA);
	assert_int_equal(one_from(GFP_KERNEL), MIGRATE_UNMOVABLE); /* stolen, never CMA */
	assert_int_equal(free_of(MIGRATE_CMA), PB);
}

/*
 * M[........] M[........] C[........] with balance:
 *  CMA holds 256 of 768 free pages: MOVABLE first. Take a MOVABLE
 *  pageblock (256 of 512 left: not over half): still MOVABLE. Take one
 *  more page of it: 256 of 511 is over half: CMA first.
 */
static void balance_policy_follows_the_free_share(void **state)
{
	struct page *block, *one;

	assert_int_equal(W->zone->cma_policy, CMA_POLICY_BALANCE);
	assert_int_equal(one_from(GFP_MOVABLE), MIGRATE_MOVABLE);
	zone_set_cma_policy(W->zone, CMA_POLICY_FALLBACK);
	block = alloc_pages(GFP_MOVABLE | NOPCP, pageblock_order);
	zone_set_cma_policy(W->zone, CMA_POLICY_BALANCE);
	assert_int_equal(one_from(GFP_MOVABLE), MIGRATE_MOVABLE);
	one = alloc_pages(GFP_MOVABLE | NOPCP, 0);
	assert_int_equal(get_pageblock_migratetype(page_to_pfn(one)), MIGRATE_MOVABLE);
	assert_int_equal(one_from(GFP_MOVABLE), MIGRATE_CMA);
	__free_pages(one, 0);
	__free_pages(block, pageblock_order);
}

/* M[........] C[........] with prefer: __GFP_NO_CMA stays out, even when MOVABLE is full */
static void no_cma_flag_never_takes_cma(void **state)
{
	struct page *block;

	zone_set_cma_policy(W->zone, CMA_POLICY_PREFER);
	assert_int_equal(one_from(GFP_MOVABLE | __GFP_NO_CMA), MIGRATE_MOVABLE);
	block = alloc_pages(GFP_MOVABLE | __GFP_NO_CMA | NOPCP, pageblock_order);
	assert_non_null(block);
	assert_int_equal(one_from(GFP_MOVABLE | __GFP_NO_CMA), -1);
	assert_int_equal(free_of(MIGRATE_CMA), PB);
	__free_pages(block, pageblock_order);
}

/*
 * M[........] C[........] with fallback and a min reserve of 255 pages:
 *  one movable page may still come from MOVABLE (256 - 1 >= 255); the
 *  next would cut into the reserve and comes from CMA; kernel pages may.
 */
static void min_reserve_sends_movable_allocations_to_cma(void **state)
{
	struct page *first;

	zone_set_cma_policy(W->zone, CMA_POLICY_FALLBACK);
	W->zone->min_pages = PB - 1;
	first = alloc_pages(GFP_MOVABLE | NOPCP, 0);
	assert_int_equal(get_pageblock_migratetype(page_to_pfn(first)), MIGRATE_MOVABLE);
	assert_int_equal(one_from(GFP_MOVABLE), MIGRATE_CMA);
	assert_int_equal(one_from(GFP_MOVABLE | __GFP_NO_CMA), -1);
	assert_int_equal(one_from(GFP_KERNEL), MIGRATE_UNMOVABLE);
	__free_pages(first, 0);
}

#define T(fn, layout) \
	cmocka_unit_test_prestate_setup_teardown(fn, world_setup, world_teardown, layout)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(policy_is_a_property_of_the_zone, "M C"),
		T(zones_start_with_the_boot_policy, "M"),
		T(kernel_allocations_use_unmovable_pageblocks, "U M"),
		T(kernel_steal_of_half_a_pageblock_claims_it, "M C"),
		T(fallback_policy_keeps_cma_for_last, "M C C"),
		T(prefer_policy_takes_cma_first, "M C"),
		T(balance_policy_follows_the_free_share, "M M C"),
		T(no_cma_flag_never_takes_cma, "M C"),
		T(min_reserve_sends_movable_allocations_to_cma, "M C"),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

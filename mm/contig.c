// SPDX-License-Identifier: GPL-2.0-only
/*
 * The isolate-and-migrate core: carve a physically contiguous range out of
 * memory that movable pages are using.
 *
 * alloc_contig_range() follows the plan of KAMEZAWA Hiroyuki's
 * alloc_contig_pages() from the 2010 CMA discussion, which Linux later
 * grew into alloc_contig_range():
 *
 *   1. isolate   the pageblocks covering the range become MIGRATE_ISOLATE:
 *                nothing is allocated from them any more, and every page
 *                freed inside them stays on the ISOLATE free lists;
 *   2. migrate   check that there is memory to migrate to (below); scan
 *                the range, isolate movable pages from their owners in
 *                batches of CONFIG_MIGRATE_BATCH and migrate them to
 *                frames outside the range or discard clean ones; drain
 *                per-CPU lists; repeat while pages stay busy (below);
 *   3. take      once every page of the range is free on an ISOLATE list,
 *                take the pages out of the buddy allocator; with ACR_ZERO,
 *                zero what is not zeroed yet (below);
 *   4. undo      restore the pageblocks' migratetype; the pages of the
 *                pageblocks outside the range rejoin the free lists.
 *
 * Targets, in this order: free memory outside CMA, but never below each
 * zone's min reserve (min_free_kbytes, kept for kernel allocations); then
 * free CMA memory outside the range - another area, or another part of
 * this one (the range itself is ISOLATE, so never its own pages). Before
 * migrating anything, the carve counts the in-use pages that need a frame
 * and the free target memory; when the targets cannot suffice it fails at
 * once with -ENOMEM, and a migration that runs out of targets all the same
 * stops at the first page without one. Either way the message says which
 * memory is short and what to change (migrate_report_explain()).
 *
 * Busy pages: a page whose owner refuses isolation (a short-term pin, an
 * access in progress) or that another CPU is migrating is waited for by
 * time: passes go on, further apart each time (10 us doubling up to 1 ms),
 * until cma_pin_wait_ms (boot parameter, CONFIG_CMA_PIN_WAIT_MS, 100 ms by
 * default) has passed since the first pass that met a pin; then -EBUSY,
 * naming the page, its owner and the pin. Pages with no owner that could
 * move them get CONFIG_MIGRATE_RETRIES passes (one may be an owner's page
 * about to be adopted). Long-term pins never reach this: they move out of
 * CMA when they are taken, and isolation refuses a block that holds one.
 *
 * Zeroing (ACR_ZERO, what a coherent buffer needs): a frame that a
 * migration run moves out is cleared by the copy that empties it
 * (arch_copy_clear_pages(): one pass over its bytes instead of a copy now
 * and a zeroing later); the carve notes it in a bitmap of the range and,
 * after the take, zeroes only the stretches not noted - the frames that
 * were free, discarded or moved one by one. A range too large for the
 * bitmap on the stack gets one from kmalloc(); without it, or with page
 * poisoning on (the frames a run frees are filled with the poison), every
 * frame is copied as usual and zeroed after the take.
 *
 * Any failure undoes the isolation, so a failed carve leaves the memory as
 * it found it, minus the pages it had already moved (which stay valid in
 * their new frames). Two carves never share a pageblock: the second one
 * finds it isolated and fails with -EBUSY (reason MR_CONTENDED), and
 * cma_alloc() moves on to another window.
 *
 * Locking: none held across the call; the zone lock and per-CPU list locks
 * are taken inside the buddy and isolation helpers. May not be called with
 * a spinlock held.
 */
#define pr_fmt(fmt) "contig: " fmt

#include <contig/alloc_contig.h>
#include <contig/bitmap.h>
#include <contig/cma_borrow.h>
#include <contig/page-isolation.h>
#include <contig/movable.h>
#include <contig/mmzone.h>
#include <contig/errno.h>
#include <contig/fail_inject.h>
#include <contig/params.h>
#include <contig/phase.h>
#include <contig/slab.h>
#include <contig/spinlock.h>
#include "discard.h"
#include "internal.h"

#define NSEC_PER_MSEC 1000000ULL
/* Pause between passes while a pin holds the range: doubling, capped. */
#define PIN_BACKOFF_MIN_NS 10000ULL
#define PIN_BACKOFF_MAX_NS 1000000ULL
/* The largest cma_pin_wait_ms= (one minute). */
#define PIN_WAIT_MS_MAX 60000UL

unsigned int contig_pin_wait_ms = CONFIG_CMA_PIN_WAIT_MS;

static int setup_pin_wait(const char *val)
{
	unsigned long ms;

	if (!param_parse_ulong(val, PIN_WAIT_MS_MAX, &ms)) {
		pr_err("cma_pin_wait_ms=%s is not valid: give how long a carve waits for short-term pins, in ms, 0 to %lu (keeping %u)\n",
		       val ? val : "", PIN_WAIT_MS_MAX, contig_pin_wait_ms);
		return -EINVAL;
	}
	contig_pin_wait_ms = (unsigned int)ms;
	pr_info("cma_pin_wait_ms=%u: carves wait up to %u ms for short-term pins\n",
		contig_pin_wait_ms, contig_pin_wait_ms);
	return 0;
}
early_param("cma_pin_wait_ms", setup_pin_wait);

/*
 * Migration targets: outside CMA first, so a carve does not fill a region.
 * They come from a pool refilled with alloc_pages_bulk() (one zone-lock
 * hold per refill instead of one per page, which matters when several CPUs
 * carve at once). A refill asks for what the batch being migrated still
 * needs (@want, set by flush_batch(), one less for each target handed
 * out), at most CONFIG_MIGRATE_BATCH pages: a carve that moves a few pages
 * does not take 512 frames from everyone else. What is left is freed when
 * the carve's migration is done. @long_runs: the last migration run moved
 * every frame it had a target for (migrate_run()).
 */
struct target_pool {
	struct list_head pages;
	unsigned long want;
	bool long_runs;
};

static struct page *alloc_migration_target(struct page *src, void *priv)
{
	struct target_pool *pool = priv;
	struct page *dst;

	if (fail_inject(FAIL_MIGRATE_TARGET))
		return NULL;
	if (list_empty(&pool->pages)) {
		/* Retries of busy pages may ask for more than the batch held. */
		unsigned int nr = clamp(pool->want, 1UL, (unsigned long)CONFIG_MIGRATE_BATCH);
		unsigned int got;

		/* Outside CMA down to the min reserve, then CMA (page_alloc.c). */
		got = alloc_pages_bulk(GFP_MOVABLE | __GFP_NO_CMA | __GFP_NOWARN, nr,
				       &pool->pages);
		if (got < nr)
			alloc_pages_bulk(GFP_MOVABLE | __GFP_NOWARN, nr - got, &pool->pages);
	}
	if (pool->want)
		pool->want--;
	/* Last, what the per-CPU lists hold. */
	if (list_empty(&pool->pages))
		return alloc_page(GFP_MOVABLE | __GFP_NOWARN);
	dst = list_first_entry(&pool->pages, struct page, lru);
	list_del(&dst->lru);
	return dst;
}

/*
 * Up to @nr targets into @dst for a migration run, as @nr calls of
 * alloc_migration_target() would give them: one fault-injection call
 * each, then what the pool holds, then pages outside CMA down to the min
 * reserve and CMA, taken as blocks in one zone-lock hold each
 * (alloc_pages_bulk_array()), and last what the per-CPU lists hold.
 * Return: how many.
 */
static unsigned long target_pool_take(struct target_pool *pool, struct page **dst,
				      unsigned long nr)
{
	unsigned long i, n = 0;

	if (fail_inject_is_armed(FAIL_MIGRATE_TARGET)) {
		for (i = 0; i < nr; i++)
			if (fail_inject(FAIL_MIGRATE_TARGET))
				break;
		nr = i;
	}
	for (; n < nr && !list_empty(&pool->pages); n++) {
		dst[n] = list_first_entry(&pool->pages, struct page, lru);
		list_del(&dst[n]->lru);
	}
	if (n < nr)
		n += alloc_pages_bulk_array(GFP_MOVABLE | __GFP_NO_CMA | __GFP_NOWARN,
					    (unsigned int)(nr - n), dst + n);
	if (n < nr)
		n += alloc_pages_bulk_array(GFP_MOVABLE | __GFP_NOWARN, (unsigned int)(nr - n),
					    dst + n);
	for (; n < nr; n++) {
		dst[n] = alloc_page(GFP_MOVABLE | __GFP_NOWARN);
		if (!dst[n])
			break;
	}
	return n;
}

static void target_pool_drain(struct target_pool *pool)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, &pool->pages, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
}

/*
 * Migrate whatever is on @batch, once: pages that stay busy are put back
 * and met again by the next pass. Counts go to @rep; a page without a
 * target becomes @rep's first busy page, whatever was noted before.
 */
static void flush_batch(struct list_head *batch, unsigned long *nr,
			struct migrate_report *rep, struct target_pool *pool)
{
	struct migrate_report m;

	if (!*nr)
		return;
	pool->want = *nr;
	*nr = 0;
	migrate_report_init(&m);
	migrate_pages_once(batch, alloc_migration_target, pool, &m);
	rep->migrated += m.migrated;
	rep->discarded += m.discarded;
	rep->pinned += m.pinned;
	rep->no_target += m.no_target;
	if (m.first_busy_pfn != ~0UL &&
	    (rep->first_busy_pfn == ~0UL || m.first_busy_reason == MR_NO_TARGET)) {
		rep->first_busy_pfn = m.first_busy_pfn;
		rep->first_busy_reason = m.first_busy_reason;
	}
}

static void note_busy(struct migrate_report *rep, unsigned long pfn, int reason)
{
	if (rep->first_busy_pfn == ~0UL) {
		rep->first_busy_pfn = pfn;
		rep->first_busy_reason = reason;
	}
	if (reason == MR_PINNED)
		rep->pinned++;
	else
		rep->unmovable++;
}

/* Isolate the movable page @pfn for migration, into @batch. */
static inline void take_for_migration(unsigned long pfn, struct list_head *batch, unsigned long *nr,
			       struct migrate_report *rep, struct target_pool *pool)
{
	struct page *page = pfn_to_page(pfn);
	int ret = isolate_movable_page(page);

	if (ret == -EINVAL) {
		/* Freed or disowned under us. */
		if (page_ref_count(page) && !PageMovable(page))
			note_busy(rep, pfn, MR_UNMOVABLE);
		return;
	}
	if (ret) {
		note_busy(rep, pfn, MR_PINNED);
		return;
	}
	list_add_tail(&page->lru, batch);
	if (++*nr == CONFIG_MIGRATE_BATCH)
		flush_batch(batch, nr, rep, pool);
}

/*
 * The frames of a carve's range that are zeroed already (ACR_ZERO): bit
 * i of @map is frame @start + i. @map is NULL when nothing is tracked.
 */
struct carve_zeroed {
	unsigned long start;
	unsigned long *map;
};

/* Ranges up to this many frames keep their zeroed bitmap on the stack. */
#define CARVE_ZEROED_STACK 1024

/*
 * How many frames from @page, up to @max, look like pages of the owner
 * type in @want (flags under @mask): a lockless look, the owner checks
 * each frame again (relaxed loads).
 */
static unsigned long run_lookahead(const struct page *page, unsigned long max, u32 mask,
				   u32 want)
{
	unsigned long nr;

	for (nr = 0; nr < max; nr++)
		if ((__atomic_load_n(&page[nr].flags, __ATOMIC_RELAXED) & mask) != want)
			break;
	return nr;
}

/*
 * Migration by runs: at the first page of an owner that has
 * migrate_frozen_run(), the frames from there (at most MIGRATE_RUN_MAX)
 * get targets - as many as the run may cover while runs go as far as
 * their targets, as many as look like the owner's pages (movable, not
 * isolated, same owner type: run_lookahead()) after one that ended early -
 * and the owner moves what it can under its own locks (contig/movable.h).
 * The sources it froze go to the ISOLATE free lists as aligned blocks, as
 * a discard run's do; the targets it did not use go back to @pool for the
 * next run. No reference, PG_locked, isolation list or migrate_pages()
 * pass per page. When @zeroed tracks
 * the range, the owner clears the frames it empties and they are noted.
 * When targets ran out before the owner did, the frames left count as
 * without target (@rep's first busy page, MR_NO_TARGET): the pass stops,
 * as it does when the usual path finds no target.
 * Return: how many frames from @pfn moved; 0 when the owner kept the
 * first one (the usual path then takes it) or no target was free.
 */
static unsigned long migrate_run(unsigned long pfn, unsigned long end,
				 const struct movable_operations *ops, struct migrate_report *rep,
				 struct target_pool *pool, struct carve_zeroed *zeroed)
{
	const u32 mask = (1u << PG_movable) | (1u << PG_isolated) | PAGE_OWNER_MASK;
	struct page *first = pfn_to_page(pfn), *dst[MIGRATE_RUN_MAX];
	u32 want = page_flags(first) & mask;
	unsigned long max = min(end - pfn, (unsigned long)MIGRATE_RUN_MAX);
	unsigned long nr, got, i, moved = 0;

	/* Short runs between other pages must not take and give back a full run's targets. */
	nr = pool->long_runs ? max : 1 + run_lookahead(first + 1, max - 1, mask, want);
	got = target_pool_take(pool, dst, nr);
	if (got)
		moved = ops->migrate_frozen_run(first, got, dst, zeroed->map != NULL);
	ASSERT_MSG(moved <= got, "pfn %lx: owner %s moved %lu of %lu frames", pfn, ops->name,
		   moved, got);
	for (i = moved; i < got; i++)
		list_add(&dst[i]->lru, &pool->pages);
	pool->long_runs = moved == nr;
	if (got < nr && moved == got) {
		/* Frames of the run were left without a target: stop the pass. */
		unsigned long left = run_lookahead(first + got, max - got, mask, want);

		if (left) {
			rep->no_target += left;
			rep->first_busy_pfn = pfn + got;
			rep->first_busy_reason = MR_NO_TARGET;
		}
	}
	rep->migrated += moved;
	rep->migrated_by_run += moved;
	if (zeroed->map && moved) {
		bitmap_set(zeroed->map, pfn - zeroed->start, moved);
		rep->cleared += moved;
	}
	free_frozen_isolated_run(pfn, moved);
	return moved;
}

/* Whether a migration run may start at the movable page @page (@flags its flags). */
static inline const struct movable_operations *migrate_run_wants(const struct page *page,
								 u32 flags)
{
	const struct movable_operations *ops;

	if (flags & (1u << PG_isolated))
		return NULL;
	ops = page_movable_ops(page);
	return ops && ops->migrate_frozen_run ? ops : NULL;
}

/*
 * One pass over [start, end): runs of clean pages whose owner drops them
 * itself are discarded (mm/discard.c), runs of pages whose owner moves
 * them itself are migrated by runs (migrate_run()); other movable pages
 * are isolated and migrated in batches; free pages are skipped. Everything
 * the pass did and met goes to @rep. The pass stops early when a page
 * found no target.
 */
static void migrate_range_pass(unsigned long start, unsigned long end,
			       struct migrate_report *rep, struct carve_zeroed *zeroed)
{
	struct target_pool pool = { LIST_HEAD_INIT(pool.pages), 0, true };
	unsigned long pfn = start, nr = 0;
	LIST_HEAD(batch);

	for (; pfn < end && !rep->no_target; pfn++) {
		struct page *page = pfn_to_page(pfn);
		u32 flags = page_flags(page);
		const struct movable_operations *ops;

		if (flags & (1u << PG_buddy)) {
			unsigned int order = page_order(page);

			/* Racy read of the order: only used to skip ahead. */
			if (order < MAX_ORDER)
				pfn += (1UL << order) - 1;
			continue;
		}
		if ((flags & (1u << PG_pcp)) || page_ref_count(page) == 0)
			continue;
		/*
		 * An allocated page without an owner that can move it. It may
		 * be one an owner is about to adopt, so later passes look again.
		 */
		if (!(flags & (1u << PG_movable))) {
			note_busy(rep, pfn, MR_UNMOVABLE);
			continue;
		}
		ops = discard_run_wants(page, flags);
		if (ops) {
			unsigned long done = discard_run(pfn, end, ops, rep);

			if (done) {
				pfn += done - 1;
				continue;
			}
		}
		ops = migrate_run_wants(page, flags);
		if (ops) {
			unsigned long done = migrate_run(pfn, end, ops, rep, &pool, zeroed);

			if (done) {
				pfn += done - 1;
				continue;
			}
			if (rep->no_target)
				break;
		}
		take_for_migration(pfn, &batch, &nr, rep, &pool);
	}
	flush_batch(&batch, &nr, rep, &pool);
	target_pool_drain(&pool);
}

/*
 * In-use pages of [start, end) that need a target frame: movable pages,
 * except clean ones whose owner can discard them. A lockless estimate.
 */
static unsigned long count_target_needs(unsigned long start, unsigned long end)
{
	unsigned int discard = __atomic_load_n(&movable_discard_owners, __ATOMIC_ACQUIRE);
	struct page *page = pfn_to_page(start), *stop = pfn_to_page(end);
	unsigned long need = 0;

	/* A pointer walk with relaxed loads: the count is an estimate anyway. */
	for (; page < stop; page++) {
		u32 flags = __atomic_load_n(&page->flags, __ATOMIC_RELAXED);
		unsigned int type;

		if (flags & (1u << PG_buddy)) {
			unsigned int order = page_order(page);

			if (order < MAX_ORDER)
				page += (1UL << order) - 1;
			continue;
		}
		if ((flags & ((1u << PG_pcp) | (1u << PG_movable))) != (1u << PG_movable) ||
		    page_ref_count(page) == 0)
			continue;
		/* Clean pages of an owner that can discard them need no frame. */
		type = (flags & PAGE_OWNER_MASK) >> PAGE_OWNER_SHIFT;
		if ((discard & (1u << type)) && !(flags & (1u << PG_dirty)))
			continue;
		need++;
	}
	return need;
}

/* Whether every pageblock of [start, end) lends only to clean cache. */
static bool range_lends_clean_only(unsigned long start, unsigned long end)
{
	unsigned long pfn;

	for (pfn = pageblock_start_pfn(start); pfn < end; pfn += pageblock_nr_pages)
		if (pageblock_borrow(pfn) != CMA_BORROW_CLEAN)
			return false;
	return true;
}

/*
 * Fill @rep's target counts; true when the free targets fall short. A
 * range that lends only to clean cache needs none (its pages are
 * discarded), so it is not scanned: a page that breaks the policy still
 * meets migration, which fails at it if no frame is free. Nor is a range
 * whose every frame would find a free target: its count could not fall
 * short (targets_needed stays 0 then; it matters only to a failure).
 */
static bool targets_short(unsigned long start, unsigned long end, struct migrate_report *rep)
{
	nr_free_target_pages(&rep->targets_free_noncma, &rep->targets_free_cma);
	if (rep->targets_free_noncma + rep->targets_free_cma >= end - start ||
	    range_lends_clean_only(start, end)) {
		rep->targets_needed = 0;
		return false;
	}
	rep->targets_needed = count_target_needs(start, end);
	return rep->targets_needed > rep->targets_free_noncma + rep->targets_free_cma;
}

/* Wait @delay_ns (not past @deadline), then double @delay_ns up to the cap. */
static void pin_backoff(u64 *delay_ns, u64 deadline)
{
	u64 until = min(arch_clock_ns() + *delay_ns, deadline);

	while (arch_clock_ns() < until)
		arch_cpu_relax();
	*delay_ns = min(*delay_ns * 2, PIN_BACKOFF_MAX_NS);
}

/**
 * migrate_report_explain - why a carve failed, in words, for a message
 * @rep: the report of a failed alloc_contig_range_report()
 * @buf: receives the text (NUL-terminated)
 * @size: size of @buf
 *
 * Names the page that blocked and its reason; for a pin, who holds it and
 * how long the carve waited; for missing targets, which memory is short
 * and what to change.
 */
void migrate_report_explain(const struct migrate_report *rep, char *buf, size_t size)
{
	const unsigned long kb = PAGE_SIZE / 1024;

	switch (rep->first_busy_reason) {
	case MR_NO_TARGET:
		snprintf(buf, size,
			 "no target memory: %lu in-use pages need a new frame, free are %lu kB outside CMA above the min reserve (min_free_kbytes=%lu) and %lu kB of CMA outside the range; free movable memory, carve less, or lower min_free_kbytes=",
			 rep->targets_needed, rep->targets_free_noncma * kb, min_free_kbytes,
			 rep->targets_free_cma * kb);
		break;
	case MR_PINNED:
		if (rep->busy_owner[0] && rep->waited_ms != ~0UL)
			snprintf(buf, size,
				 "pinned at pfn %#lx (%s) for %lu ms, the limit: drop the pin sooner or raise cma_pin_wait_ms= (now %u)",
				 rep->first_busy_pfn, rep->busy_owner, rep->waited_ms,
				 contig_pin_wait_ms);
		else if (rep->busy_owner[0])
			snprintf(buf, size, "pinned at pfn %#lx (%s)", rep->first_busy_pfn,
				 rep->busy_owner);
		else
			snprintf(buf, size, "pinned at pfn %#lx", rep->first_busy_pfn);
		break;
	default:
		snprintf(buf, size, "%s at pfn %#lx", migrate_reason_names[rep->first_busy_reason],
			 rep->first_busy_pfn);
		break;
	}
}

static bool range_in_one_zone(unsigned long start, unsigned long end)
{
	struct zone *zone;

	if (start >= end || !pfn_valid(start) || !pfn_valid(end - 1))
		return false;
	zone = pfn_zone(start);
	return zone && zone == pfn_zone(end - 1);
}

/**
 * alloc_contig_range_report - alloc_contig_range() with a failure report
 * @start_pfn: first frame of the range
 * @end_pfn: one past the last frame
 * @flags: ACR_CMA when the range is part of a CMA area, ACR_NOWARN
 * @rep: if not NULL, receives the counts of the final attempt: pages
 *       migrated and discarded over all passes, and for a failure the
 *       first busy page and its reason, with what migrate_report_explain()
 *       needs to say why
 *
 * Return: 0 with the pages allocated (order-0, refcount 1, PG_contig);
 * -EINVAL for a range that is empty or not inside one zone; -EBUSY when a
 * page stayed pinned past cma_pin_wait_ms or stayed unmovable, or another
 * carve holds a pageblock; -ENOMEM when there is no free memory to
 * migrate to (found before migrating anything, or on the first page
 * without a target).
 */
int alloc_contig_range_report(unsigned long start_pfn, unsigned long end_pfn,
			      unsigned int flags, struct migrate_report *rep)
{
	return alloc_contig_range_wait(start_pfn, end_pfn, flags, rep,
				       (u64)READ_ONCE(contig_pin_wait_ms) * NSEC_PER_MSEC);
}

/* Zero the frames of [@start, @end) that @zeroed does not note, by stretches. */
static void zero_carved_range(unsigned long start, unsigned long end,
			      const struct carve_zeroed *zeroed)
{
	unsigned long nr = end - start, i = 0, j;
	u64 t0 = phase_begin();

	while (i < nr) {
		if (zeroed->map) {
			i = find_next_zero_bit(zeroed->map, nr, i);
			if (i >= nr)
				break;
			j = find_next_bit(zeroed->map, nr, i);
		} else {
			j = nr;
		}
		arch_zero_pages(page_address(pfn_to_page(start + i)), PFN_PHYS(j - i));
		i = j;
	}
	phase_end(PHASE_ZERO, t0);
}

/**
 * alloc_contig_range_wait - alloc_contig_range_report() with its own pin wait
 * @start_pfn: first frame of the range
 * @end_pfn: one past the last frame
 * @flags: ACR_CMA, ACR_NOWARN, ACR_ZERO
 * @rep: as for alloc_contig_range_report() (may be NULL)
 * @wait_ns: how long to wait for short-term pins, in ns (0: one pass)
 *
 * For a caller that shares one wait between several ranges (cma_alloc()).
 * Return: as alloc_contig_range_report().
 */
int alloc_contig_range_wait(unsigned long start_pfn, unsigned long end_pfn,
			    unsigned int flags, struct migrate_report *rep, u64 wait_ns)
{
	int mt = (flags & ACR_CMA) ? MIGRATE_CMA : MIGRATE_MOVABLE;
	unsigned long iso_start = pageblock_start_pfn(start_pfn);
	unsigned long iso_end = ALIGN(end_pfn, pageblock_nr_pages);
	u64 pinned_since = 0, delay_ns = PIN_BACKOFF_MIN_NS, now;
	unsigned long zeroed_stack[BITS_TO_LONGS(CARVE_ZEROED_STACK)];
	struct carve_zeroed zeroed = { start_pfn, NULL };
	struct migrate_report local, pass_rep;
	unsigned long busy_pfn = ~0UL;
	int pass, ret, busy;
	u64 t0;

	if (!rep)
		rep = &local;
	migrate_report_init(rep);
	rep->waited_ms = ~0UL;
	if (!range_in_one_zone(start_pfn, end_pfn))
		return -EINVAL;
	/* Poisoning fills the frames a run frees: then all are zeroed after the take. */
	if ((flags & ACR_ZERO) && !READ_ONCE(page_poisoning_enabled)) {
		unsigned long nr = end_pfn - start_pfn;

		zeroed.map = nr <= CARVE_ZEROED_STACK ?
				     zeroed_stack :
				     kmalloc(BITS_TO_LONGS(nr) * sizeof(long),
					     GFP_KERNEL | __GFP_NOWARN);
		if (zeroed.map)
			bitmap_clear(zeroed.map, 0, nr);
	}

	t0 = phase_begin();
	ret = start_isolate_page_range(iso_start, iso_end, mt, &busy_pfn);
	phase_end(PHASE_ISOLATE, t0);
	if (ret) {
		bool contended = pfn_valid(busy_pfn) &&
				 get_pageblock_migratetype(busy_pfn) == MIGRATE_ISOLATE;
		/* Isolation refuses a block with a long-term pinned page. */
		bool pinned = pfn_valid(busy_pfn) && PagePinned(pfn_to_page(busy_pfn));

		note_busy(rep, busy_pfn, contended ? MR_CONTENDED :
					 pinned ? MR_PINNED : MR_UNMOVABLE);
		if (pinned)
			describe_busy_page(busy_pfn, rep->busy_owner, sizeof(rep->busy_owner));
		goto fail;
	}

	/* Not enough free memory to migrate to: fail before moving anything. */
	if (targets_short(start_pfn, end_pfn, rep)) {
		undo_isolate_page_range(iso_start, iso_end, mt);
		rep->first_busy_pfn = start_pfn;
		rep->first_busy_reason = MR_NO_TARGET;
		rep->no_target = rep->targets_needed;
		ret = -ENOMEM;
		goto fail;
	}

	ret = -EBUSY;
	t0 = phase_begin();
	for (pass = 0;; pass++) {
		bool more;

		migrate_report_init(&pass_rep);
		if (pass)
			rep->retries++;
		migrate_range_pass(start_pfn, end_pfn, &pass_rep, &zeroed);
		rep->migrated += pass_rep.migrated;
		rep->migrated_by_run += pass_rep.migrated_by_run;
		rep->cleared += pass_rep.cleared;
		rep->discarded += pass_rep.discarded;
		/* What the last pass saw is why the carve fails. */
		rep->pinned = pass_rep.pinned;
		rep->unmovable = pass_rep.unmovable;
		rep->no_target = pass_rep.no_target;
		if (pass_rep.no_target) {
			/* More passes would not make memory free. */
			rep->first_busy_pfn = pass_rep.first_busy_pfn;
			rep->first_busy_reason = MR_NO_TARGET;
			/* Counted even in a clean range: a page there needed one. */
			rep->targets_needed = count_target_needs(start_pfn, end_pfn);
			nr_free_target_pages(&rep->targets_free_noncma, &rep->targets_free_cma);
			ret = -ENOMEM;
			break;
		}
		drain_all_pages();
		busy = test_pages_isolated(start_pfn, end_pfn, &busy_pfn);
		/* The pages become PG_contig in the take's own pass. */
		if (!busy && take_isolated_free_range_flags(start_pfn, end_pfn, 1u << PG_contig) == 0) {
			ret = 0;
			break;
		}
		if (pass_rep.first_busy_pfn != ~0UL) {
			rep->first_busy_pfn = pass_rep.first_busy_pfn;
			rep->first_busy_reason = pass_rep.first_busy_reason;
		} else if (busy) {
			rep->first_busy_pfn = busy_pfn;
			rep->first_busy_reason = MR_PINNED;
		}
		/*
		 * Else the test passed and the take failed: no page of this pass
		 * names a reason (busy_pfn was not set), so the report keeps
		 * what earlier passes saw.
		 */
		now = arch_clock_ns();
		if (pass_rep.unmovable) {
			/* Not a pin: a few passes, back to back. */
			more = pass + 1 < CONFIG_MIGRATE_RETRIES;
		} else if (pass_rep.pinned) {
			/* Pins only: wait for them by time, not by passes. */
			if (!pinned_since)
				pinned_since = now;
			more = now - pinned_since < wait_ns;
			if (more)
				pin_backoff(&delay_ns, pinned_since + wait_ns);
		} else {
			/* Pages in transit (per-CPU lists, just freed). */
			more = pass + 1 < CONFIG_MIGRATE_RETRIES ||
			       (pinned_since && now - pinned_since < wait_ns);
		}
		if (!more)
			break;
	}
	phase_end(PHASE_MIGRATE, t0);
	t0 = phase_begin();
	undo_isolate_page_range(iso_start, iso_end, mt);
	phase_end(PHASE_ISOLATE, t0);
	if (ret) {
		if (ret == -EBUSY && rep->first_busy_reason == MR_PINNED &&
		    pfn_valid(rep->first_busy_pfn)) {
			if (pinned_since)
				rep->waited_ms = (unsigned long)((arch_clock_ns() - pinned_since) /
								 NSEC_PER_MSEC);
			describe_busy_page(rep->first_busy_pfn, rep->busy_owner,
					   sizeof(rep->busy_owner));
		}
		goto fail;
	}

	if (flags & ACR_ZERO)
		zero_carved_range(start_pfn, end_pfn, &zeroed);
	if (zeroed.map != zeroed_stack)
		kfree(zeroed.map);
	return 0;

fail:
	if (zeroed.map != zeroed_stack)
		kfree(zeroed.map);
	if (!(flags & ACR_NOWARN)) {
		char why[320];

		migrate_report_explain(rep, why, sizeof(why));
		pr_warn("cannot carve pfn %#lx-%#lx: %s (%lu pinned, %lu unmovable, %lu without target, %lu migrated)\n",
			start_pfn, end_pfn - 1, why, rep->pinned, rep->unmovable,
			rep->no_target, rep->migrated);
	}
	return ret;
}

/**
 * alloc_contig_range - carve the exact page range [start_pfn, end_pfn)
 * See alloc_contig_range_report().
 * Return: 0, -EINVAL, -EBUSY or -ENOMEM.
 */
int alloc_contig_range(unsigned long start_pfn, unsigned long end_pfn,
		       unsigned int flags)
{
	return alloc_contig_range_report(start_pfn, end_pfn, flags, NULL);
}

/**
 * free_contig_range - free pages returned by alloc_contig_range()
 * @pfn: first frame
 * @nr_pages: how many
 *
 * Each page must be a PG_contig page holding only its allocation
 * reference (PG_dirty may be set; any other flag is a kernel bug and
 * panics with the pfn). The pages go back to the buddy allocator as the
 * largest aligned blocks the range holds, up to a pageblock - a 4 MiB
 * buffer is one or a few frees instead of 1024 - each merged with its
 * free buddies as usual and kept on its pageblock's free list (an
 * ISOLATE pageblock's stays there).
 */
void free_contig_range(unsigned long pfn, unsigned long nr_pages)
{
	const u32 allowed = (1u << PG_contig) | (1u << PG_dirty);
	unsigned long end = pfn + nr_pages, irqflags;
	struct page *page, *stop;
	struct zone *zone;

	if (!nr_pages)
		return;
	for (page = pfn_to_page(pfn), stop = pfn_to_page(end); page < stop; page++) {
		/* The caller owns the pages: relaxed loads. */
		u32 flags = __atomic_load_n(&page->flags, __ATOMIC_RELAXED);

		ASSERT_MSG((flags & (1u << PG_contig)) && !(flags & ~allowed) &&
			   page_ref_count(page) == 1, "pfn %#lx flags %#x refcount %d",
			   page_to_pfn(page), flags, page_ref_count(page));
		/* The caller owns the page: nobody else writes these now. */
		__atomic_store_n(&page->flags, 0, __ATOMIC_RELAXED);
		set_page_private(page, 0);
		set_page_count(page, 0);
	}
	poison_pages(pfn_to_page(pfn), nr_pages);
	zone = pfn_zone(pfn);
	ASSERT_MSG(zone && zone == pfn_zone(end - 1), "pfn %#lx-%#lx not in one zone", pfn,
		   end - 1);
	while (pfn < end) {
		unsigned int order = pfn ? min_t(unsigned int, __builtin_ctzl(pfn),
						 pageblock_order) : pageblock_order;

		while (pfn + (1UL << order) > end)
			order--;
		spin_lock_irqsave(&zone->lock, irqflags);
		free_one_block_locked(zone, pfn, order);
		spin_unlock_irqrestore(&zone->lock, irqflags);
		pfn += 1UL << order;
	}
}

/*
 * A candidate for alloc_contig_pages(): inside RAM the buddy manages, in no
 * region (CMA pageblocks belong to their areas; reserved regions are
 * PG_reserved) and with no page that is obviously unmovable.
 * Return: @end if worth a try, else the first pfn that rules it out.
 */
static unsigned long contig_candidate_blocker(unsigned long start, unsigned long end)
{
	unsigned long pfn;

	for (pfn = start; pfn < end; pfn++) {
		struct page *page = pfn_to_page(pfn);
		u32 flags;

		if (pfn == start || pfn % pageblock_nr_pages == 0) {
			int mt = get_pageblock_migratetype(pfn);

			if (mt == MIGRATE_CMA || mt == MIGRATE_ISOLATE)
				return pfn;
		}
		flags = page_flags(page);
		if (flags & ((1u << PG_reserved) | (1u << PG_slab) |
			     (1u << PG_contig) | (1u << PG_pinned)))
			return pfn;
		/* Allocated, not free and not movable: a kernel page. */
		if (page_ref_count(page) &&
		    !(flags & ((1u << PG_movable) | (1u << PG_buddy) | (1u << PG_pcp))))
			return pfn;
	}
	return end;
}

/**
 * alloc_contig_pages - find and carve @nr_pages contiguous pages
 * @nr_pages: any count, not rounded to a power of two or to MAX_ORDER
 * @hint_pfn: search RAM at or above this frame (0: from the start of RAM)
 * @align_pages: alignment of the first frame, a power of two, in pages
 *
 * Searches zone by zone, upward from @hint_pfn, for a range that can be
 * isolated, and carves it with alloc_contig_range(). A range never crosses
 * a zone, a reserved region or a CMA area. A candidate with more pages in
 * use than there is memory to migrate them to is skipped whole.
 * Return: the first page (order-0 pages, refcount 1, PG_contig; free with
 * free_contig_range()), or NULL when no range could be carved.
 */
struct page *alloc_contig_pages(unsigned long nr_pages, unsigned long hint_pfn,
				unsigned long align_pages)
{
	return alloc_contig_pages_report(nr_pages, hint_pfn, align_pages, NULL);
}

/**
 * alloc_contig_pages_report - alloc_contig_pages() that says what it moved
 * @nr_pages: as for alloc_contig_pages()
 * @hint_pfn: as for alloc_contig_pages()
 * @align_pages: as for alloc_contig_pages()
 * @out_rep: if not NULL, receives the report of the last window tried
 *       (empty when none was), with the pages migrated and
 *       discarded summed over every window tried, failed ones included
 *
 * A carve does not only take free pages: each page it migrates takes a
 * free frame elsewhere, and each clean page it discards was not free and
 * costs none. A failed window's discarded pages are free when it gives
 * up. So the free page count drops by @nr_pages minus @out_rep->discarded,
 * whatever the windows held: the accounting a caller can check.
 * Return: as alloc_contig_pages().
 */
struct page *alloc_contig_pages_report(unsigned long nr_pages, unsigned long hint_pfn,
				       unsigned long align_pages, struct migrate_report *out_rep)
{
	unsigned long migrated = 0, discarded = 0;
	struct page *found = NULL;
	struct zone *zone;

	if (out_rep)
		migrate_report_init(out_rep);
	if (!nr_pages || !is_power_of_2(align_pages))
		return NULL;

	for_each_zone(zone) {
		unsigned long pfn = ALIGN(max(zone->start_pfn, hint_pfn), align_pages);

		/* Rounding up a hint near ULONG_MAX wraps below the zone. */
		if (pfn < zone->start_pfn)
			continue;
		while (pfn + nr_pages <= zone->end_pfn && pfn + nr_pages > pfn) {
			struct migrate_report rep;
			unsigned long blocker, next;
			int ret;

			blocker = contig_candidate_blocker(pfn, pfn + nr_pages);
			if (blocker != pfn + nr_pages) {
				pfn = ALIGN(blocker + 1, align_pages);
				continue;
			}
			ret = alloc_contig_range_report(pfn, pfn + nr_pages, ACR_NOWARN, &rep);
			migrated += rep.migrated;
			discarded += rep.discarded;
			if (out_rep)
				*out_rep = rep;
			if (!ret) {
				found = pfn_to_page(pfn);
				goto out;
			}

			/* Skip past what blocked: the whole pageblock when the
			 * isolation itself failed. */
			next = pfn + 1;
			if (rep.first_busy_pfn != ~0UL) {
				if (rep.first_busy_reason == MR_NO_TARGET)
					/* Too much in use here: try a window past it. */
					next = max(next, pfn + nr_pages);
				else if (rep.first_busy_reason == MR_UNMOVABLE ||
					 rep.first_busy_reason == MR_CONTENDED)
					next = max(next, pageblock_end_pfn(rep.first_busy_pfn));
				else
					next = max(next, rep.first_busy_pfn + 1);
			}
			if (ALIGN(next, align_pages) < next)
				break;
			pfn = ALIGN(next, align_pages);
		}
	}
out:
	if (out_rep) {
		out_rep->migrated = migrated;
		out_rep->discarded = discarded;
	}
	return found;
}

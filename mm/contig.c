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
 *   2. migrate   scan the range; isolate movable pages from their owners
 *                in batches of CONFIG_MIGRATE_BATCH and migrate them to
 *                frames outside the range (outside CMA when possible) or
 *                discard clean ones; drain per-CPU lists; repeat up to
 *                CONFIG_MIGRATE_RETRIES passes while pages stay busy;
 *   3. take      once every page of the range is free on an ISOLATE list,
 *                take the pages out of the buddy allocator;
 *   4. undo      restore the pageblocks' migratetype; the pages of the
 *                pageblocks outside the range rejoin the free lists.
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
#include <contig/page-isolation.h>
#include <contig/movable.h>
#include <contig/mmzone.h>
#include <contig/errno.h>
#include <contig/fail_inject.h>

/*
 * Migration targets: outside CMA first, so a carve does not fill a region.
 * They come from a pool refilled with alloc_pages_bulk() (one zone-lock
 * hold per refill instead of one per page, which matters when several CPUs
 * carve at once). A refill asks for what the batch being migrated still
 * needs (@want, set by flush_batch(), one less for each target handed
 * out), at most CONFIG_MIGRATE_BATCH pages: a carve that moves a few pages
 * does not take 512 frames from everyone else. What is left is freed when
 * the carve's migration is done.
 */
struct target_pool {
	struct list_head pages;
	unsigned long want;
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

		alloc_pages_bulk(GFP_MOVABLE | __GFP_NO_CMA | __GFP_NOWARN, nr, &pool->pages);
	}
	if (pool->want)
		pool->want--;
	if (list_empty(&pool->pages))
		return alloc_page(GFP_MOVABLE | __GFP_NOWARN);
	dst = list_first_entry(&pool->pages, struct page, lru);
	list_del(&dst->lru);
	return dst;
}

static void target_pool_drain(struct target_pool *pool)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, &pool->pages, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
}

/* Migrate whatever is on @batch; remember the first page that stayed. */
static void flush_batch(struct list_head *batch, unsigned long *nr,
			struct migrate_report *rep, struct target_pool *pool)
{
	if (*nr) {
		pool->want = *nr;
		migrate_pages(batch, alloc_migration_target, pool, rep);
	}
	*nr = 0;
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

/*
 * One pass over [start, end): isolate movable pages and migrate them in
 * batches; free pages are skipped. Pages that stay in use are noted in
 * @pass_rep; migration counts go to @rep.
 */
static void migrate_range_pass(unsigned long start, unsigned long end,
			       struct migrate_report *rep,
			       struct migrate_report *pass_rep)
{
	struct target_pool pool = { LIST_HEAD_INIT(pool.pages), 0 };
	unsigned long pfn = start, nr = 0;
	LIST_HEAD(batch);

	for (; pfn < end; pfn++) {
		struct page *page = pfn_to_page(pfn);
		u32 flags = page_flags(page);
		int ret;

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
			note_busy(pass_rep, pfn, MR_UNMOVABLE);
			continue;
		}
		ret = isolate_movable_page(page);
		if (ret == -EINVAL) {
			/* Freed or disowned under us. */
			if (page_ref_count(page) && !PageMovable(page))
				note_busy(pass_rep, pfn, MR_UNMOVABLE);
			continue;
		}
		if (ret) {
			note_busy(pass_rep, pfn, MR_PINNED);
			continue;
		}
		list_add_tail(&page->lru, &batch);
		if (++nr == CONFIG_MIGRATE_BATCH)
			flush_batch(&batch, &nr, rep, &pool);
	}
	flush_batch(&batch, &nr, rep, &pool);
	target_pool_drain(&pool);
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
 *       first busy page and its reason
 *
 * Return: 0 with the pages allocated (order-0, refcount 1, PG_contig);
 * -EINVAL for a range that is empty or not inside one zone; -EBUSY when a
 * page stayed pinned or unmovable, or another carve holds a pageblock;
 * -ENOMEM when migration found no free target frame.
 */
int alloc_contig_range_report(unsigned long start_pfn, unsigned long end_pfn,
			      unsigned int flags, struct migrate_report *rep)
{
	int mt = (flags & ACR_CMA) ? MIGRATE_CMA : MIGRATE_MOVABLE;
	unsigned long iso_start = pageblock_start_pfn(start_pfn);
	unsigned long iso_end = ALIGN(end_pfn, pageblock_nr_pages);
	struct migrate_report local, pass_rep;
	unsigned long busy_pfn = ~0UL, pfn;
	int pass, ret;

	if (!rep)
		rep = &local;
	migrate_report_init(rep);
	if (!range_in_one_zone(start_pfn, end_pfn))
		return -EINVAL;

	ret = start_isolate_page_range(iso_start, iso_end, mt, &busy_pfn);
	if (ret) {
		bool contended = pfn_valid(busy_pfn) &&
				 get_pageblock_migratetype(busy_pfn) == MIGRATE_ISOLATE;
		/* Isolation refuses a block with a long-term pinned page. */
		bool pinned = pfn_valid(busy_pfn) && PagePinned(pfn_to_page(busy_pfn));

		note_busy(rep, busy_pfn, contended ? MR_CONTENDED :
					 pinned ? MR_PINNED : MR_UNMOVABLE);
		goto fail;
	}

	ret = -EBUSY;
	for (pass = 0; pass < CONFIG_MIGRATE_RETRIES; pass++) {
		migrate_report_init(&pass_rep);
		if (pass)
			rep->retries++;
		migrate_range_pass(start_pfn, end_pfn, rep, &pass_rep);
		drain_all_pages();
		if (test_pages_isolated(start_pfn, end_pfn, &busy_pfn) == 0 &&
		    take_isolated_free_range(start_pfn, end_pfn) == 0) {
			ret = 0;
			break;
		}
		/* What the last pass saw is why the carve fails. */
		rep->pinned = pass_rep.pinned;
		rep->unmovable = pass_rep.unmovable;
		if (pass_rep.first_busy_pfn != ~0UL) {
			rep->first_busy_pfn = pass_rep.first_busy_pfn;
			rep->first_busy_reason = pass_rep.first_busy_reason;
		} else if (rep->no_target) {
			rep->first_busy_pfn = busy_pfn;
			rep->first_busy_reason = MR_NO_TARGET;
		} else {
			rep->first_busy_pfn = busy_pfn;
			rep->first_busy_reason = MR_PINNED;
		}
	}
	undo_isolate_page_range(iso_start, iso_end, mt);
	if (ret) {
		if (rep->first_busy_reason == MR_NO_TARGET)
			ret = -ENOMEM;
		goto fail;
	}

	for (pfn = start_pfn; pfn < end_pfn; pfn++)
		SetPageContig(pfn_to_page(pfn));
	return 0;

fail:
	if (!(flags & ACR_NOWARN))
		pr_warn("cannot carve pfn %#lx-%#lx: %s at pfn %#lx (%lu pinned, %lu unmovable, %lu without target, %lu migrated)\n",
			start_pfn, end_pfn - 1,
			migrate_reason_names[rep->first_busy_reason],
			rep->first_busy_pfn, rep->pinned, rep->unmovable,
			rep->no_target, rep->migrated);
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
 * reference; anything else is a kernel bug and panics with the pfn.
 */
void free_contig_range(unsigned long pfn, unsigned long nr_pages)
{
	unsigned long end = pfn + nr_pages;

	for (; pfn < end; pfn++) {
		struct page *page = pfn_to_page(pfn);

		ASSERT_MSG(PageContig(page) && page_ref_count(page) == 1,
			   "pfn %#lx flags %#x refcount %d", pfn,
			   page_flags(page), page_ref_count(page));
		ClearPageContig(page);
		__free_page(page);
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
 * a zone, a reserved region or a CMA area.
 * Return: the first page (order-0 pages, refcount 1, PG_contig; free with
 * free_contig_range()), or NULL when no range could be carved.
 */
struct page *alloc_contig_pages(unsigned long nr_pages, unsigned long hint_pfn,
				unsigned long align_pages)
{
	struct zone *zone;

	if (!nr_pages || !is_power_of_2(align_pages))
		return NULL;

	for_each_zone(zone) {
		unsigned long pfn = ALIGN(max(zone->start_pfn, hint_pfn), align_pages);

		while (pfn + nr_pages <= zone->end_pfn && pfn + nr_pages > pfn) {
			struct migrate_report rep;
			unsigned long blocker, next;

			blocker = contig_candidate_blocker(pfn, pfn + nr_pages);
			if (blocker != pfn + nr_pages) {
				pfn = ALIGN(blocker + 1, align_pages);
				continue;
			}
			if (!alloc_contig_range_report(pfn, pfn + nr_pages,
						       ACR_NOWARN, &rep))
				return pfn_to_page(pfn);
			/* Skip past what blocked: the whole pageblock when the
			 * isolation itself failed. */
			next = pfn + 1;
			if (rep.first_busy_pfn != ~0UL) {
				if (rep.first_busy_reason == MR_UNMOVABLE ||
				    rep.first_busy_reason == MR_CONTENDED)
					next = max(next, pageblock_end_pfn(rep.first_busy_pfn));
				else
					next = max(next, rep.first_busy_pfn + 1);
			}
			pfn = ALIGN(next, align_pages);
		}
	}
	return NULL;
}

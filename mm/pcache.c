// SPDX-License-Identifier: GPL-2.0-only
/*
 * pcache: a discardable cache of a backing store.
 *
 * A pcache caches nr_pages pages of a read-only store (a fill callback).
 * Each cached page is an order-0 GFP_MOVABLE page owned through
 * PGOWNER_PCACHE; the entry for its index is the owner record.
 *
 * Clean pages can be dropped by migration instead of copied
 * (discard_page): a later read misses and refills the same data from the
 * store, so nothing is lost. A written page is dirty (PG_dirty and the
 * entry's flag) and has no copy elsewhere: it can only be migrated.
 *
 * Locking: one spinlock per cache guards every entry and the stats. Reads
 * and writes copy under it, and the movable operations take it, so a copy
 * never overlaps a migration's copy and isolate_page has no accessor to
 * wait for. An isolated page stays readable and writable (under the lock)
 * until migrate_page or discard_page replaces or drops it.
 *
 * Lock order: PG_locked (held by migration, or by pcache_destroy()) ->
 * pcache lock. Allocation and the store fill happen outside the lock.
 *
 * Borrowing: a miss allocates with __GFP_CLEAN, so clean pages go to the
 * CMA regions that lend only to clean cache first (contig/cma_borrow.h).
 * A dirty page must never sit there: a write to a page in such a region
 * moves the entry to a new, ordinary movable page first.
 */
#define pr_fmt(fmt) "pcache: " fmt

#include <contig/kernel.h>
#include <contig/errno.h>
#include <contig/string.h>
#include <contig/spinlock.h>
#include <contig/slab.h>
#include <contig/mm.h>
#include <contig/movable.h>
#include <contig/cma_borrow.h>

/*
 * Held by a carve's batched discard (pcache_discard_frozen()) while it
 * reads the records of pages it holds no reference on, and by
 * pcache_destroy() while it frees a cache: no entries array goes away
 * under the discard. Lock order: pcache_teardown_lock -> pcache lock.
 */
static DEFINE_SPINLOCK(pcache_teardown_lock);

struct pcache_entry {
	struct pcache *pc;
	struct page *page;  /* NULL when not cached */
	bool dirty;
	bool migrating;     /* isolated by migration */
};

struct pcache {
	char name[32];
	unsigned long nr_pages;
	pcache_fill_t fill;
	void *priv;
	spinlock_t lock;
	bool dying;
	struct pcache_entry *entries;
	struct pcache_stats stats;
};

/**
 * pcache_create - create a cache of @nr_pages pages of a backing store
 * @name: for messages
 * @nr_pages: pages in the store (at least 1)
 * @fill: reads page @index of the store
 * @priv: passed to @fill
 *
 * Return: the cache, or NULL when out of memory or called with no pages
 * or no fill callback.
 */
struct pcache *pcache_create(const char *name, unsigned long nr_pages,
			     pcache_fill_t fill, void *priv)
{
	struct pcache *pc;
	unsigned long i;

	if (!nr_pages || !fill) {
		pr_err("%s: a cache needs at least one page and a fill callback\n",
		       name ? name : "(unnamed)");
		return NULL;
	}
	pc = kzalloc(sizeof(*pc), GFP_KERNEL);
	if (!pc)
		return NULL;
	pc->entries = kcalloc(nr_pages, sizeof(*pc->entries), GFP_KERNEL);
	if (!pc->entries) {
		kfree(pc);
		return NULL;
	}
	strscpy_trunc(pc->name, name ? name : "pcache", sizeof(pc->name));
	pc->nr_pages = nr_pages;
	pc->fill = fill;
	pc->priv = priv;
	spin_lock_init(&pc->lock, "pcache");
	for (i = 0; i < nr_pages; i++)
		pc->entries[i].pc = pc;
	return pc;
}

/**
 * pcache_destroy - drop every cached page and free @pc
 * @pc: a cache from pcache_create(), or NULL
 *
 * Waits for migrations in progress on its pages. No read or write may run
 * concurrently.
 *
 * Return: nothing.
 */
void pcache_destroy(struct pcache *pc)
{
	unsigned long i;

	if (!pc)
		return;

	spin_lock(&pc->lock);
	pc->dying = true;  /* from now on isolate_page refuses */
	spin_unlock(&pc->lock);

	for (i = 0; i < pc->nr_pages; i++) {
		struct pcache_entry *e = &pc->entries[i];
		struct page *page;

		spin_lock(&pc->lock);
		while (e->migrating) {
			spin_unlock(&pc->lock);
			arch_cpu_relax();
			spin_lock(&pc->lock);
		}
		page = e->page;
		e->page = NULL;
		if (page)
			pc->stats.cached--;
		spin_unlock(&pc->lock);
		if (!page)
			continue;

		/*
		 * Wait out a migration that found the page and is about to ask
		 * isolate_page; later ones see it is no longer movable.
		 */
		while (page_flag_test_and_set(page, PG_locked))
			arch_cpu_relax();
		page_clear_movable(page);
		ClearPageDirty(page);
		ClearPageLocked(page);
		put_page(page);
	}
	/* Every page is disowned: a discard now in progress skips them. */
	spin_lock(&pcache_teardown_lock);
	kfree(pc->entries);
	kfree(pc);
	spin_unlock(&pcache_teardown_lock);
}

static struct pcache_entry *pcache_entry(struct pcache *pc, unsigned long index,
					 const char *what)
{
	if (!pc || index >= pc->nr_pages) {
		pr_err("%s: page %lu is outside the cache (%lu pages)\n", what, index,
		       pc ? pc->nr_pages : 0UL);
		return NULL;
	}
	return &pc->entries[index];
}

/* Make @page (refcount 1, filled) the cached page of @e. Needs pc->lock. */
static void pcache_insert_locked(struct pcache *pc, struct pcache_entry *e,
				 struct page *page, bool dirty)
{
	assert_spin_locked(&pc->lock);
	e->page = page;
	e->dirty = dirty;
	if (dirty)
		SetPageDirty(page);
	pc->stats.cached++;
	page_set_movable(page, PGOWNER_PCACHE, e);
}

/**
 * pcache_read - read page @index into @buf
 * @pc: the cache
 * @index: page of the store
 * @buf: PAGE_SIZE bytes
 *
 * A miss allocates a movable page and fills it from the store.
 *
 * Return: 0; -EINVAL for an index outside the cache; -ENOMEM when no page
 * was free for a miss; the store's error when the fill failed (nothing is
 * cached then).
 */
int pcache_read(struct pcache *pc, unsigned long index, void *buf)
{
	struct pcache_entry *e = pcache_entry(pc, index, "pcache_read");
	struct page *page;
	int ret;

	if (!e)
		return -EINVAL;

	spin_lock(&pc->lock);
	if (e->page) {
		memcpy(buf, page_address(e->page), PAGE_SIZE);
		spin_unlock(&pc->lock);
		return 0;
	}
	spin_unlock(&pc->lock);

	page = alloc_page(GFP_MOVABLE | __GFP_CLEAN | __GFP_NOWARN);
	if (!page)
		return -ENOMEM;
	ret = pc->fill(page_address(page), index, pc->priv);
	if (ret) {
		put_page(page);
		return ret;
	}

	spin_lock(&pc->lock);
	pc->stats.misses++;
	if (e->page) {
		/* Another reader or writer filled it meanwhile: use theirs. */
		memcpy(buf, page_address(e->page), PAGE_SIZE);
		spin_unlock(&pc->lock);
		put_page(page);
		return 0;
	}
	pcache_insert_locked(pc, e, page, false);
	memcpy(buf, page_address(page), PAGE_SIZE);
	spin_unlock(&pc->lock);
	return 0;
}

/**
 * pcache_write - overwrite page @index with @buf
 * @pc: the cache
 * @index: page of the store
 * @buf: PAGE_SIZE bytes
 *
 * The page becomes dirty: it stays cached until destroy and can only be
 * migrated, never discarded. A page in a region that lends only to clean
 * cache is replaced by an ordinary movable page first (waiting for a carve
 * that is discarding it).
 *
 * Return: 0; -EINVAL for an index outside the cache; -ENOMEM when no page
 * was free.
 */
int pcache_write(struct pcache *pc, unsigned long index, const void *buf)
{
	struct pcache_entry *e = pcache_entry(pc, index, "pcache_write");
	struct page *page = NULL, *old;

	if (!e)
		return -EINVAL;

	for (;;) {
		spin_lock(&pc->lock);
		old = e->page;
		if (old && pageblock_borrow(page_to_pfn(old)) != CMA_BORROW_CLEAN) {
			/* Write in place (also while migration holds it isolated). */
			memcpy(page_address(old), buf, PAGE_SIZE);
			e->dirty = true;
			SetPageDirty(old);
			spin_unlock(&pc->lock);
			if (page)
				put_page(page);
			return 0;
		}
		if (page && !e->migrating)
			break;
		spin_unlock(&pc->lock);
		if (page) {
			/* A carve is discarding the clean copy: let it finish. */
			arch_cpu_relax();
			continue;
		}
		/* No page yet, or one a dirty page may not stay in. */
		page = alloc_page(GFP_MOVABLE | __GFP_NOWARN);
		if (!page)
			return -ENOMEM;
	}
	/* Under the lock: install @page, dirty, in place of @old (if any). */
	if (old) {
		e->page = NULL;
		pc->stats.cached--;
	}
	memcpy(page_address(page), buf, PAGE_SIZE);
	pcache_insert_locked(pc, e, page, true);
	spin_unlock(&pc->lock);
	if (old) {
		/* As pcache_destroy(): wait out a migration that found it. */
		while (page_flag_test_and_set(old, PG_locked))
			arch_cpu_relax();
		page_clear_movable(old);
		ClearPageLocked(old);
		put_page(old);
	}
	return 0;
}

/**
 * pcache_get_stats - snapshot the counters of @pc
 * @pc: the cache
 * @st: filled in
 *
 * Return: nothing.
 */
void pcache_get_stats(struct pcache *pc, struct pcache_stats *st)
{
	spin_lock(&pc->lock);
	*st = pc->stats;
	spin_unlock(&pc->lock);
}

/**
 * pcache_page_pfn - the frame caching page @index
 * @pc: the cache
 * @index: page of the store
 *
 * Return: the pfn, or ARCH_VM_NO_PFN when the page is not cached (or
 * @index is outside the cache).
 */
unsigned long pcache_page_pfn(struct pcache *pc, unsigned long index)
{
	struct pcache_entry *e = pcache_entry(pc, index, "pcache_page_pfn");
	unsigned long pfn = ARCH_VM_NO_PFN;

	if (!e)
		return pfn;
	spin_lock(&pc->lock);
	if (e->page)
		pfn = page_to_pfn(e->page);
	spin_unlock(&pc->lock);
	return pfn;
}

/* ---- movable operations ------------------------------------------ */

static bool pcache_isolate_page(struct page *page)
{
	struct pcache_entry *e = page_movable_record(page);
	struct pcache *pc = e->pc;
	bool ok = false;

	ASSERT_MSG(PageLocked(page), "pfn %lx not locked", page_to_pfn(page));
	spin_lock(&pc->lock);
	if (!pc->dying && e->page == page && !e->migrating) {
		e->migrating = true;
		SetPageIsolated(page);
		ok = true;
	}
	spin_unlock(&pc->lock);
	return ok;
}

static int pcache_migrate_page(struct page *dst, struct page *src)
{
	struct pcache_entry *e = page_movable_record(src);
	struct pcache *pc = e->pc;

	ASSERT_MSG(PageLocked(src) && PageIsolated(src), "pfn %lx flags %x",
		   page_to_pfn(src), page_flags(src));
	spin_lock(&pc->lock);
	ASSERT_MSG(e->page == src && e->migrating, "pfn %lx migrating %d",
		   page_to_pfn(src), e->migrating);
	/* The cache's reference + migration's; readers hold none. */
	if (page_ref_count(src) != 2) {
		spin_unlock(&pc->lock);
		return -EAGAIN;
	}
	arch_copy_page(page_address(dst), page_address(src));
	if (e->dirty)
		SetPageDirty(dst);
	page_set_movable(dst, PGOWNER_PCACHE, e);
	e->page = dst;
	e->migrating = false;
	pc->stats.migrated++;
	page_clear_movable(src);
	ClearPageDirty(src);
	ClearPageIsolated(src);
	spin_unlock(&pc->lock);
	return 0;
}

static void pcache_putback_page(struct page *page)
{
	struct pcache_entry *e = page_movable_record(page);
	struct pcache *pc = e->pc;

	spin_lock(&pc->lock);
	ASSERT_MSG(e->page == page && e->migrating, "pfn %lx migrating %d",
		   page_to_pfn(page), e->migrating);
	ClearPageIsolated(page);
	e->migrating = false;
	spin_unlock(&pc->lock);
}

static int pcache_discard_page(struct page *page)
{
	struct pcache_entry *e = page_movable_record(page);
	struct pcache *pc = e->pc;

	spin_lock(&pc->lock);
	ASSERT_MSG(e->page == page && e->migrating, "pfn %lx migrating %d",
		   page_to_pfn(page), e->migrating);
	if (e->dirty) {
		/* Written since isolation, or before: it has no other copy. */
		spin_unlock(&pc->lock);
		return -EBUSY;
	}
	e->page = NULL;
	e->migrating = false;
	pc->stats.cached--;
	pc->stats.discarded++;
	page_clear_movable(page);
	ClearPageIsolated(page);
	spin_unlock(&pc->lock);
	return 0;
}

/*
 * A carve's discard by runs (mm/discard.c): drop and freeze the pages of
 * @nr frames from @first that are cached clean, stopping at the first
 * frame that is not, under one hold of a cache's lock for each stretch of
 * pages of that cache. The carve holds no reference and no PG_locked:
 * pcache_teardown_lock keeps every entries array and cache alive while the
 * records are read, and a page counts only if its entry still points at
 * it, not isolated. Readers copy under the cache lock with no reference,
 * so a frozen page has no reader; the next read of its index misses and
 * refills from the store.
 */
static unsigned long pcache_discard_frozen_run(struct page *first, unsigned long nr)
{
	const u32 mask = (1u << PG_movable) | (1u << PG_dirty) | (1u << PG_isolated) |
			 PAGE_OWNER_MASK;
	const u32 want = (1u << PG_movable) | ((u32)PGOWNER_PCACHE << PAGE_OWNER_SHIFT);
	struct pcache *locked = NULL;
	unsigned long i, dropped = 0;

	spin_lock(&pcache_teardown_lock);
	for (i = 0; i < nr; i++) {
		struct page *page = first + i;
		struct pcache_entry *e;
		struct pcache *pc;

		/* Still ours? (destroy disowns every page before it frees) */
		if ((page_flags(page) & mask) != want)
			break;
		e = page_movable_record(page);
		if (!e)
			break;
		pc = e->pc;
		if (pc != locked) {
			if (locked) {
				locked->stats.cached -= dropped;
				locked->stats.discarded += dropped;
				spin_unlock(&locked->lock);
			}
			dropped = 0;
			spin_lock(&pc->lock);
			locked = pc;
			if (pc->dying)
				break;
		}
		if (e->page != page || e->migrating || e->dirty || !page_freeze_disown(page))
			break;
		e->page = NULL;
		dropped++;
	}
	if (locked) {
		locked->stats.cached -= dropped;
		locked->stats.discarded += dropped;
		spin_unlock(&locked->lock);
	}
	spin_unlock(&pcache_teardown_lock);
	return i;
}

const struct movable_operations pcache_movable_ops = {
	.name = "pcache",
	.isolate_page = pcache_isolate_page,
	.migrate_page = pcache_migrate_page,
	.putback_page = pcache_putback_page,
	.discard_page = pcache_discard_page,
	.discard_frozen_run = pcache_discard_frozen_run,
};

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Movable pages and their owners.
 *
 * A movable page belongs to an owner that knows how to let it go: it sets
 * PG_movable, page_owner_type() and page->private (the owner's per-page
 * record), holds one reference, and registers a movable_operations table
 * for its type. Migration (mm/migrate.c) only ever calls these operations;
 * it never interprets page->private.
 *
 * Two owners ship with the kernel:
 *   anon   (mm/anon.c)   - movable mappings: memory a "process" reaches
 *                          through the port's page table (arch_vm_*).
 *   pcache (mm/pcache.c) - a clean cache of a backing store; clean pages
 *                          can be discarded instead of copied.
 *
 * Pinning. A short-term pin (anon_page_get()) holds an extra reference for
 * the duration of an access; migration sees the count above what the owner
 * holds and reports the page busy. A long-term pin (anon_pin_longterm())
 * first migrates a page out of CMA and ISOLATE pageblocks, as Linux does
 * for FOLL_LONGTERM, then holds it with PG_pinned.
 */
#ifndef _CONTIG_MOVABLE_H
#define _CONTIG_MOVABLE_H

#include <contig/mm.h>

enum page_owner {
	PGOWNER_NONE,
	PGOWNER_ANON,
	PGOWNER_PCACHE,
	PGOWNER_TEST, /* reserved for tests/ */
	NR_PGOWNERS
};

struct movable_operations {
	const char *name;
	/*
	 * Take @page from its owner's use so it can be migrated. Called with
	 * the page's lock bit (PG_locked) held by the caller. Return false
	 * when the page is busy: pinned, under access, or being freed. On
	 * success the owner has set PG_isolated and still holds its reference.
	 */
	bool (*isolate_page)(struct page *page);
	/*
	 * Move contents and ownership of isolated @src to @dst (a new page,
	 * refcount 1, not yet owned). Return 0 when done: @dst is owned and
	 * mapped, @src is no longer owned and holds only the owner's former
	 * reference, which the caller drops. -EAGAIN when @src became busy.
	 */
	int (*migrate_page)(struct page *dst, struct page *src);
	/*
	 * Optional: migrate_page() for @nr isolated pages at once (@nr up to
	 * CONFIG_MIGRATE_BATCH): @dst[i] is @src[i]'s target, and @ret[i]
	 * becomes what migrate_page(@dst[i], @src[i]) would have returned.
	 * Lets the owner unmap them all with one TLB invalidation.
	 */
	void (*migrate_pages_batch)(struct page **dst, struct page **src, int *ret,
				    unsigned int nr);
	/* Give an isolated page back to its owner unchanged. */
	void (*putback_page)(struct page *page);
	/*
	 * Optional: drop an isolated clean page instead of copying it. Return
	 * 0 when dropped (ownership is gone, the caller frees the page), or
	 * -EBUSY when it must be migrated (dirty, or the owner wants it).
	 */
	int (*discard_page)(struct page *page);
	/*
	 * Optional: a carve's discard by runs (mm/discard.c). @first and the
	 * @nr frames after it (struct pages consecutive, pfn order) lie in
	 * pageblocks a carve has isolated; @first was seen owned by this
	 * owner type, clean and not isolated. The caller holds no reference
	 * and no PG_locked on them: the owner checks each frame under its
	 * own locks and keeps its records alive while it reads them. From
	 * @first on, for each frame that is a page it caches clean with no
	 * other reference, page_freeze_disown() it (it becomes free memory
	 * of the caller); stop at the first frame that is not. Must not sleep.
	 * Return: how many frames from @first were dropped.
	 */
	unsigned long (*discard_frozen_run)(struct page *first, unsigned long nr);
	/*
	 * Optional: a carve's migration by runs (mm/contig.c, migrate_run()),
	 * discard_frozen_run()'s counterpart for pages that must be copied.
	 * Same contract for @first and @nr (isolated pageblocks, no reference
	 * or PG_locked held by the caller, the owner's own locks inside). From
	 * @first on, for each frame that is a page of this owner with no
	 * other reference and nothing that holds it (pins, accessors), the
	 * owner freezes it (page_freeze_disown()), moves its contents and
	 * ownership to the next page of @dst and maps that one instead; stop
	 * at the first frame it cannot move. @dst holds @nr new pages
	 * (refcount 1, not owned); the i-th frame moved takes @dst[i]. With
	 * @clear, each frame moved is left zeroed (arch_copy_clear_pages():
	 * the caller hands the frames out zeroed). Must not sleep.
	 * Return: how many frames from @first moved; they are free memory of
	 * the caller, and @dst[0..return) belong to the owner.
	 */
	unsigned long (*migrate_frozen_run)(struct page *first, unsigned long nr,
					    struct page **dst, bool clear);
	/*
	 * Optional: describe, for a failure message, what holds @page (which
	 * page of what, and its pins), in @buf. Called with PG_locked held
	 * and the page owned; must not sleep.
	 */
	void (*describe_page)(struct page *page, char *buf, size_t size);
};

/*
 * Most frames a carve hands an owner's migrate_frozen_run() in one call:
 * the pages stay unmapped (accesses wait) until the whole run is copied.
 */
#define MIGRATE_RUN_MAX 256

/* Register the operations of owner @type (once, at boot or test start). */
void register_movable_ops(enum page_owner type, const struct movable_operations *ops);
/* The registered operations, by owner type (mm/movable.c). */
extern const struct movable_operations *movable_ops[NR_PGOWNERS];
/* Bit T set: owner type T has discard_frozen_run() (register_movable_ops()). */
extern unsigned int movable_run_owners;
/* Bit T set: owner type T has discard_page() (register_movable_ops()). */
extern unsigned int movable_discard_owners;

/**
 * page_movable_ops - the operations of @page's owner
 * @page: any page
 *
 * Inline: migration asks it several times for every page it scans, counts
 * or moves. PG_movable and the owner type come from one load of the flags.
 *
 * Return: the registered table, or NULL when @page is not movable or its
 * owner type has no operations.
 */
static inline const struct movable_operations *page_movable_ops(const struct page *page)
{
	u32 flags = page_flags(page);
	unsigned int type = (flags & PAGE_OWNER_MASK) >> PAGE_OWNER_SHIFT;

	if (!(flags & (1u << PG_movable)) || type == PGOWNER_NONE || type >= NR_PGOWNERS)
		return NULL;
	return __atomic_load_n(&movable_ops[type], __ATOMIC_ACQUIRE);
}

/* The owner's record of @page (page->private): the store of page_set_movable(). */
static inline void page_set_movable_record(struct page *page, void *record)
{
	set_page_private(page, (unsigned long)record);
}

/**
 * page_set_movable - hand a freshly allocated page to owner @type
 * @page: an order-0 page the caller holds (refcount >= 1), not yet owned
 * @type: the owner type
 * @record: the owner's per-page record, stored in page->private
 *
 * From this point migration may find and move the page, so the owner must
 * have made @record ready (and, for mappings, installed the mapping) first.
 *
 * Inline: a migration run hands every page it moves to its owner again.
 *
 * Return: nothing.
 */
static inline void page_set_movable(struct page *page, enum page_owner type, void *record)
{
	ASSERT_MSG(page_ref_count(page) >= 1, "pfn %lx refcount %d",
		   page_to_pfn(page), page_ref_count(page));
	ASSERT_MSG(!(page_flags(page) &
		     ((1u << PG_movable) | (1u << PG_isolated) | PAGE_OWNER_MASK)),
		   "pfn %lx flags %x already owned", page_to_pfn(page), page_flags(page));
	ASSERT_MSG(type > PGOWNER_NONE && type < NR_PGOWNERS, "type %d", (int)type);

	page_set_movable_record(page, record);
	/* The owner type and PG_movable in one release RMW (no type was set). */
	__atomic_fetch_or(&page->flags, ((u32)type << PAGE_OWNER_SHIFT) | (1u << PG_movable),
			  __ATOMIC_RELEASE);
}

/*
 * page_set_movable() split for a run of new frames (migrate_frozen_run()):
 * page_set_movable_record() (above) on each, one release fence
 * (__atomic_thread_fence(__ATOMIC_RELEASE)) after the last record and the
 * frames' contents, then page_publish_movable() on each - a plain store
 * of the flags, no read-modify-write and no barrier per page. Only for
 * pages nobody else writes the flags of: just allocated (the caller's is
 * the only reference, no flags), not yet movable, so no scanner touches
 * them before the store.
 */
static inline void page_publish_movable(struct page *page, enum page_owner type)
{
	u32 flags = __atomic_load_n(&page->flags, __ATOMIC_RELAXED);

	ASSERT_MSG(!flags, "pfn %lx flags %x: not a new page", page_to_pfn(page), flags);
	__atomic_store_n(&page->flags, ((u32)type << PAGE_OWNER_SHIFT) | (1u << PG_movable),
			 __ATOMIC_RELAXED);
}

/* Owner helper: undo page_set_movable() before the owner frees the page. */
void page_clear_movable(struct page *page);
/* For migrate_page(): hand an isolated page's ownership to its new frame. */
void page_move_movable(struct page *dst, struct page *src);

/*
 * The owner's record of a movable page (page->private). Only meaningful
 * while PG_movable is set and PG_locked (or the owner's own lock that
 * keeps the page owned) is held.
 */
static inline void *page_movable_record(const struct page *page)
{
	return (void *)__atomic_load_n(&page->private, __ATOMIC_RELAXED);
}

/* The owner's only reference, 1 -> 0, with @order on success (a constant). */
static __always_inline bool __page_freeze(struct page *page, int order)
{
	int one = 1;

	return __atomic_compare_exchange_n(&page->_refcount.counter, &one, 0, false, order,
					   __ATOMIC_RELAXED);
}

/*
 * Acquire is enough: what follows (the flags and private stores, the
 * caller's copy) must not move before the freeze; what precedes it is the
 * owner's own reads under its lock, and whoever takes a reference
 * afterwards fails (get_page_unless_zero()). One barrier a page fewer than
 * a full cmpxchg, on a path that runs once per page of a carve.
 */
static inline bool page_freeze(struct page *page)
{
	return __page_freeze(page, __ATOMIC_ACQUIRE);
}

/*
 * page_freeze() with no barrier, for a run of frames: the caller puts one
 * acquire fence (__atomic_thread_fence(__ATOMIC_ACQUIRE)) after the run's
 * last freeze and before it reads any frame's contents. Stores to a frozen
 * page's flags and private may be seen before the freeze by another CPU:
 * it then finds an allocated page that is not movable and leaves it, and
 * its own reference attempt still fails (the refcount is one location).
 */
static inline bool page_freeze_relaxed(struct page *page)
{
	return __page_freeze(page, __ATOMIC_RELAXED);
}

/*
 * page_freeze_disown() in two steps (page_freeze() or page_freeze_relaxed(),
 * then this), for an owner that read the page's flags before and found
 * exactly PG_movable and its owner type: with the reference frozen nobody
 * can hold one, and only a holder changes the flags, so they are still
 * what it read and this clears them without reading them again.
 */
static inline void page_disown_frozen(struct page *page)
{
	__atomic_store_n(&page->flags, 0, __ATOMIC_RELAXED);
	set_page_private(page, 0);
}

/**
 * page_freeze_disown - free a page its owner drops, if nobody else holds it
 * @page: a movable page whose owner, under its own lock, holds the only
 *        reference it knows of and has just stopped caching it
 *
 * For discard_frozen_run(). The owner's reference goes from 1 to 0 in one
 * compare-and-exchange (Linux's page_ref_freeze()): it fails when another
 * CPU holds a reference (isolating the page, describing it), and nobody
 * can take one afterwards. Then the ownership goes: no flags, no private.
 * Nobody can hold PG_locked on a page with no reference.
 *
 * Return: true when the page is frozen and free of its owner; false, with
 * nothing changed, when someone else holds a reference.
 */
static inline bool page_freeze_disown(struct page *page)
{
	const u32 owned = (1u << PG_movable) | PAGE_OWNER_MASK;
	u32 flags;

	if (!page_freeze(page))
		return false;
	/* Nobody else can change them now (the cmpxchg ordered the load). */
	flags = __atomic_load_n(&page->flags, __ATOMIC_RELAXED);
	ASSERT_MSG(!(flags & ~owned), "pfn %lx flags %x: frozen with state", page_to_pfn(page),
		   flags);
	page_disown_frozen(page);
	return true;
}

/*
 * Register the built-in owners (anon, pcache) and set up the anon window
 * allocator. start_kernel() calls it once, after mm_core_init().
 */
void movable_owners_init(void);

/* mm-internal: used by movable_owners_init(). */
void anon_init(void);
extern const struct movable_operations anon_movable_ops;
extern const struct movable_operations pcache_movable_ops;

/* ---- anon: movable mappings (mm/anon.c) --------------------------- */

struct anon_area;

/**
 * anon_area_create - map @nr_pages movable pages into the vm window
 * @gfp: extra flags; pages are always GFP_MOVABLE
 * Return: the area, or NULL when memory or window space ran out (nothing
 * is left allocated then).
 */
struct anon_area *anon_area_create(unsigned long nr_pages, gfp_t gfp);
void anon_area_destroy(struct anon_area *area);
unsigned long anon_area_pages(const struct anon_area *area);

/*
 * anon_page_get - short-term pin page @idx and return its CPU address
 * (through the port's page table). Waits while the page is under
 * migration. The page cannot move until anon_page_put().
 */
void *anon_page_get(struct anon_area *area, unsigned long idx);
void anon_page_put(struct anon_area *area, unsigned long idx);

/*
 * anon_area_addr - window address of page @idx for plain, unpinned loads
 * and stores. With CONFIG_ARCH_HAS_VM_MMU an access while the page
 * migrates faults and waits for the new frame; without it (the host) use
 * anon_page_get() whenever migration may run.
 */
void *anon_area_addr(struct anon_area *area, unsigned long idx);

/* Copy to/from the area at byte @offset; each page is pinned while used. */
void anon_write(struct anon_area *area, unsigned long offset, const void *buf, size_t len);
void anon_read(struct anon_area *area, unsigned long offset, void *buf, size_t len);

/* Long-term pins one page can hold at once (nested anon_pin_longterm()). */
#define ANON_LONGTERM_MAX 0xffffu

/*
 * anon_pin_longterm - pin page @idx for a long time (DMA-style). A page in
 * a CMA or ISOLATE pageblock is first migrated out of it. Return 0, or
 * -ENOMEM when no memory outside CMA was free, -EBUSY when the page could
 * not be migrated, -EOVERFLOW when it already holds ANON_LONGTERM_MAX pins.
 */
int anon_pin_longterm(struct anon_area *area, unsigned long idx);
void anon_unpin_longterm(struct anon_area *area, unsigned long idx);

/* The frame that backs page @idx now (for tests and the map view). */
unsigned long anon_page_pfn(struct anon_area *area, unsigned long idx);

/* ---- pcache: a discardable clean cache (mm/pcache.c) -------------- */

struct pcache;

/*
 * The backing store: fill @buf (PAGE_SIZE bytes) with the contents of
 * page @index; return 0, or a negative errno when the store failed (the
 * read then fails with it and nothing is cached). Writes never go back; a
 * written page is dirty and can only be migrated, not discarded.
 */
typedef int (*pcache_fill_t)(void *buf, unsigned long index, void *priv);

struct pcache *pcache_create(const char *name, unsigned long nr_pages,
			     pcache_fill_t fill, void *priv);
void pcache_destroy(struct pcache *pc);
/*
 * Read page @index into @buf, filling the cache from the store on a miss.
 * Return: 0, -EINVAL (index), -ENOMEM, or the store's error.
 */
int pcache_read(struct pcache *pc, unsigned long index, void *buf);
/* Overwrite page @index: it becomes dirty. */
int pcache_write(struct pcache *pc, unsigned long index, const void *buf);

struct pcache_stats {
	unsigned long cached;    /* pages in the cache now */
	unsigned long misses;    /* fills from the store */
	unsigned long discarded; /* clean pages dropped by migration */
	unsigned long migrated;  /* pages copied by migration */
};
void pcache_get_stats(struct pcache *pc, struct pcache_stats *st);

/* The frame caching page @index now, or ARCH_VM_NO_PFN when not cached. */
unsigned long pcache_page_pfn(struct pcache *pc, unsigned long index);

#endif /* _CONTIG_MOVABLE_H */

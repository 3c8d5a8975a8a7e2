// SPDX-License-Identifier: GPL-2.0-only
/*
 * Movable mappings ("anonymous memory").
 *
 * An anon_area is a run of window pages (the port's page table, arch_vm_*)
 * each mapping one order-0 GFP_MOVABLE page. This is the memory that CMA
 * lends out: migration can move any page of an area to another frame by
 * unmapping the window page, copying the frame and mapping the new one.
 *
 * Per page there is a slot: the page pointer, the count of short-term
 * accessors (anon_page_get), the count of long-term pins, and two states:
 * "migrating" (between a successful isolate_page and
 * migrate_page/putback_page) and "dying" (teardown has started). A
 * spinlock guards the slots of ANON_LOCK_PAGES consecutive pages (256:
 * what one ARM second-level table maps), as Linux's split page-table
 * locks guard a page table's entries: a carve that migrates a run of an
 * area's pages takes it once per group, not twice per page. "The slot
 * lock" below is that lock (slot->lock).
 *
 * Short-term pins: anon_page_get() waits while the slot is migrating, then
 * takes a page reference and bumps the access count; isolate_page refuses
 * a page with accessors, so a page is never copied while someone uses it.
 *
 * Unpinned access: anon_area_addr() gives the window address for plain
 * loads and stores, as a process touches its memory. Migration replaces
 * the mapping by a migration entry while it copies, so an access in that
 * window faults and waits (vm_window_fault(), mm/migrate.c) and then
 * reaches the new frame. That takes an MMU that translates every access
 * (CONFIG_ARCH_HAS_VM_MMU); on the host, whose window is translated once
 * by arch_vm_addr(), only pinned access is safe during migration.
 *
 * Long-term pins: anon_pin_longterm() first moves a page out of CMA and
 * ISOLATE pageblocks (migrate_page_out_of_cma()), then sets PG_pinned and
 * keeps a reference; isolate_page refuses PG_pinned pages.
 *
 * Lock order: PG_locked (page lock bit) -> slot lock. Migration holds
 * PG_locked on the source page and then takes the slot lock inside the
 * movable operations; teardown does the same. Accessors take only the
 * slot lock and never wait for PG_locked while holding it: they drop the
 * slot lock and spin while the slot is migrating.
 *
 * Window space is handed out by a bitmap over arch_vm_window_pages(),
 * guarded by anon_vm_lock.
 */
#define pr_fmt(fmt) "anon: " fmt

#include <contig/kernel.h>
#include <contig/errno.h>
#include <contig/string.h>
#include <contig/bitmap.h>
#include <contig/spinlock.h>
#include <contig/slab.h>
#include <contig/mm.h>
#include <contig/movable.h>
#include <contig/migrate.h>
#include <contig/phase.h>

/* Bounded retries of the move-out-of-CMA step of a long-term pin. */
#define ANON_PIN_RETRIES (CONFIG_MIGRATE_RETRIES * 4)

/* Pages whose slots share a lock. */
#define ANON_LOCK_PAGES 256

struct anon_slot {
	spinlock_t *lock;       /* the area's lock of this slot's group */
	struct page *page;      /* the frame mapped now */
	struct anon_area *area;
	unsigned long vpn;      /* the window page it maps */
	/*
	 * What keeps the page in its frame, in one doubleword: a migration
	 * run tests all of it with one load (anon_slot_free_to_move()).
	 */
	union {
		struct {
			unsigned int access; /* short-term pins (anon_page_get) */
			u16 longterm;        /* long-term pins: ANON_LONGTERM_MAX fit */
			bool migrating;      /* isolated by migration */
			bool dying;          /* teardown started: refuse isolation */
		};
		u64 busy;               /* all of them at once: 0 when none */
	};
};
/* busy spans exactly the four fields, and longterm holds the limit. */
BUILD_BUG_ON(offsetof(struct anon_slot, dying) + sizeof(bool) !=
	     offsetof(struct anon_slot, busy) + sizeof(u64));
BUILD_BUG_ON((u16)ANON_LONGTERM_MAX != ANON_LONGTERM_MAX);

struct anon_area {
	unsigned long vpn;      /* first window page */
	unsigned long nr_pages;
	struct anon_slot *slots;
	spinlock_t *locks;      /* one per ANON_LOCK_PAGES slots */
};

static DEFINE_SPINLOCK(anon_vm_lock);
/*
 * Held by a carve's migration by runs while it reads page->private of
 * pages it holds no reference to; anon_area_destroy() passes through it
 * after its teardown, before it frees the slots (anon_migrate_frozen_run()).
 */
static DEFINE_SPINLOCK(anon_run_lock);
static unsigned long *anon_vm_map;   /* window pages in use */
static unsigned long anon_vm_pages;  /* window size */

/**
 * anon_init - set up the window-space allocator
 *
 * Called by movable_owners_init() once kmalloc works.
 *
 * Return: nothing; without a window, anon_area_create() fails.
 */
void anon_init(void)
{
	unsigned long pages = arch_vm_window_pages();
	unsigned long *map;

	if (!pages) {
		pr_warn("the port has no vm window: anon areas are unavailable\n");
		return;
	}
	map = kcalloc(BITS_TO_LONGS(pages), sizeof(long), GFP_KERNEL);
	if (!map) {
		pr_err("no memory for the window bitmap (%lu pages)\n", pages);
		return;
	}
	spin_lock(&anon_vm_lock);
	anon_vm_map = map;
	anon_vm_pages = pages;
	spin_unlock(&anon_vm_lock);
}

static long anon_vm_alloc(unsigned long nr)
{
	unsigned long start;
	long ret = -ENOSPC;

	spin_lock(&anon_vm_lock);
	if (anon_vm_map && nr <= anon_vm_pages) {
		start = bitmap_find_next_zero_area(anon_vm_map, anon_vm_pages, 0, nr, 0);
		if (start <= anon_vm_pages - nr) {
			bitmap_set(anon_vm_map, start, nr);
			ret = (long)start;
		}
	}
	spin_unlock(&anon_vm_lock);
	return ret;
}

static void anon_vm_free(unsigned long start, unsigned long nr)
{
	spin_lock(&anon_vm_lock);
	bitmap_clear(anon_vm_map, start, nr);
	spin_unlock(&anon_vm_lock);
}

/* Spin until the slot is not under migration; called and returns with the lock held. */
static void anon_wait_migration_locked(struct anon_slot *slot)
{
	assert_spin_locked(slot->lock);
	while (slot->migrating) {
		spin_unlock(slot->lock);
		arch_cpu_relax();
		spin_lock(slot->lock);
	}
}

/*
 * Tear down the first @nr slots of @area: stop migration from picking the
 * pages, wait out any migration that holds them, unmap and free them.
 */
static void anon_teardown(struct anon_area *area, unsigned long nr)
{
	unsigned long i;

	for (i = 0; i < nr; i++) {
		struct anon_slot *slot = &area->slots[i];
		struct page *page;

		spin_lock(slot->lock);
		slot->dying = true;
		anon_wait_migration_locked(slot);
		page = slot->page;
		if (slot->access)
			pr_err("area page %lu destroyed with %u accessors: anon_page_put() missing\n",
			       i, slot->access);
		if (slot->longterm) {
			pr_err("area page %lu destroyed with %u long-term pins: unpin before destroy\n",
			       i, slot->longterm);
			while (slot->longterm) {
				slot->longterm--;
				put_page(page);
			}
			ClearPagePinned(page);
		}
		spin_unlock(slot->lock);

		/*
		 * The page can no longer change (dying refuses isolation and no
		 * migration is past isolate). Take its lock bit so that no
		 * migration is between finding it and asking isolate_page; any
		 * later one sees it no longer movable and backs off.
		 */
		while (page_flag_test_and_set(page, PG_locked))
			arch_cpu_relax();
		arch_vm_unmap(area->vpn + i);
		page_clear_movable(page);
		ClearPageLocked(page);
		put_page(page);
	}
}

/*
 * After a teardown, before the slots are freed: a migration run that saw
 * one of the area's pages owned before the teardown disowned it is done
 * with the slots (anon_migrate_frozen_run() reads them under anon_run_lock).
 */
static void anon_run_barrier(void)
{
	spin_lock(&anon_run_lock);
	spin_unlock(&anon_run_lock);
}

/**
 * anon_area_create - map @nr_pages movable pages into the vm window
 * @nr_pages: size of the area in pages (at least 1)
 * @gfp: extra allocation flags; pages are always GFP_MOVABLE
 *
 * Each page is zeroed, mapped at its window page and handed to the anon
 * owner, after which migration may move it.
 *
 * Return: the area, or NULL when memory or window space ran out (nothing
 * is left allocated then).
 */
struct anon_area *anon_area_create(unsigned long nr_pages, gfp_t gfp)
{
	struct anon_area *area;
	unsigned long i;
	long vpn;

	if (!nr_pages)
		return NULL;

	vpn = anon_vm_alloc(nr_pages);
	if (vpn < 0) {
		pr_err("vm window full: %lu pages wanted of %lu; destroy unused areas or map fewer pages\n",
		       nr_pages, anon_vm_pages);
		return NULL;
	}
	area = kzalloc(sizeof(*area), GFP_KERNEL);
	if (!area)
		goto free_vm;
	area->slots = kcalloc(nr_pages, sizeof(*area->slots), GFP_KERNEL);
	area->locks = kcalloc(DIV_ROUND_UP(nr_pages, ANON_LOCK_PAGES), sizeof(*area->locks),
			      GFP_KERNEL);
	if (!area->slots || !area->locks)
		goto free_area;
	area->vpn = (unsigned long)vpn;
	area->nr_pages = nr_pages;

	for (i = 0; i < DIV_ROUND_UP(nr_pages, ANON_LOCK_PAGES); i++)
		spin_lock_init(&area->locks[i], "anon_slots");
	for (i = 0; i < nr_pages; i++) {
		struct anon_slot *slot = &area->slots[i];

		slot->lock = &area->locks[i / ANON_LOCK_PAGES];
		slot->area = area;
		slot->vpn = area->vpn + i;
	}

	for (i = 0; i < nr_pages; i++) {
		struct anon_slot *slot = &area->slots[i];
		struct page *page;

		page = alloc_page((gfp | GFP_MOVABLE | __GFP_NOWARN) & ~__GFP_ZERO);
		if (!page)
			goto undo;
		arch_zero_pages(page_address(page), PAGE_SIZE);
		slot->page = page;
		/* Map first: once movable, migration may unmap and remap it. */
		arch_vm_map(area->vpn + i, page_to_pfn(page));
		page_set_movable(page, PGOWNER_ANON, slot);
	}
	return area;

undo:
	anon_teardown(area, i);
	anon_run_barrier();
free_area:
	kfree(area->locks);
	kfree(area->slots);
	kfree(area);
free_vm:
	anon_vm_free((unsigned long)vpn, nr_pages);
	return NULL;
}

/**
 * anon_area_destroy - unmap and free every page of @area, and the area
 * @area: an area from anon_area_create(), or NULL
 *
 * Waits for migrations in progress on its pages. Every anon_page_get()
 * and anon_pin_longterm() must have been undone before.
 *
 * Return: nothing.
 */
void anon_area_destroy(struct anon_area *area)
{
	if (!area)
		return;
	anon_teardown(area, area->nr_pages);
	anon_run_barrier();
	anon_vm_free(area->vpn, area->nr_pages);
	kfree(area->locks);
	kfree(area->slots);
	kfree(area);
}

/**
 * anon_area_pages - size of @area
 * @area: the area
 *
 * Return: the number of pages.
 */
unsigned long anon_area_pages(const struct anon_area *area)
{
	return area->nr_pages;
}

static struct anon_slot *anon_slot(struct anon_area *area, unsigned long idx,
				   const char *what)
{
	if (!area || idx >= area->nr_pages) {
		pr_err("%s: page %lu is outside the area (%lu pages)\n", what, idx,
		       area ? area->nr_pages : 0UL);
		return NULL;
	}
	return &area->slots[idx];
}

/**
 * anon_page_get - short-term pin page @idx and return its CPU address
 * @area: the area
 * @idx: page index in the area
 *
 * Waits while the page is under migration. Until anon_page_put() the page
 * cannot move, and the returned address (through the port's page table)
 * reaches it.
 *
 * Return: the address, or NULL when @idx is outside the area.
 */
void *anon_page_get(struct anon_area *area, unsigned long idx)
{
	struct anon_slot *slot = anon_slot(area, idx, "anon_page_get");

	if (!slot)
		return NULL;
	spin_lock(slot->lock);
	anon_wait_migration_locked(slot);
	get_page(slot->page);
	slot->access++;
	spin_unlock(slot->lock);
	return arch_vm_addr(area->vpn + idx);
}

/**
 * anon_area_addr - the window address of page @idx, for unpinned access
 * @area: the area
 * @idx: page index in the area
 *
 * Loads and stores through the address reach the page wherever migration
 * moves it, on a port with CONFIG_ARCH_HAS_VM_MMU: an access during the
 * copy faults and waits for it. Without it (the host) the address is the
 * frame's at the time of the call: use anon_page_get() instead.
 *
 * Return: the address, or NULL when @idx is outside the area.
 */
void *anon_area_addr(struct anon_area *area, unsigned long idx)
{
	if (!anon_slot(area, idx, "anon_area_addr"))
		return NULL;
	return arch_vm_addr(area->vpn + idx);
}

/**
 * anon_page_put - drop a short-term pin taken by anon_page_get()
 * @area: the area
 * @idx: page index in the area
 *
 * Return: nothing.
 */
void anon_page_put(struct anon_area *area, unsigned long idx)
{
	struct anon_slot *slot = anon_slot(area, idx, "anon_page_put");

	if (!slot)
		return;
	spin_lock(slot->lock);
	if (!slot->access) {
		spin_unlock(slot->lock);
		pr_err("anon_page_put: page %lu is not pinned\n", idx);
		return;
	}
	slot->access--;
	/* Not the last reference: the owner still holds its own. */
	put_page(slot->page);
	spin_unlock(slot->lock);
}

static bool anon_range_ok(struct anon_area *area, unsigned long offset, size_t len,
			  const char *what)
{
	unsigned long size = area->nr_pages << PAGE_SHIFT;

	if (offset > size || len > size - offset) {
		pr_err("%s: bytes [%lu, +%zu) are outside the area (%lu bytes)\n", what,
		       offset, len, size);
		return false;
	}
	return true;
}

/**
 * anon_write - copy @len bytes from @buf into @area at byte @offset
 * @area: the area
 * @offset: byte offset in the area
 * @buf: source
 * @len: bytes to copy
 *
 * Each page is pinned while it is written.
 *
 * Return: nothing; a range outside the area is reported and ignored.
 */
void anon_write(struct anon_area *area, unsigned long offset, const void *buf, size_t len)
{
	const char *src = buf;

	if (!anon_range_ok(area, offset, len, "anon_write"))
		return;
	while (len) {
		unsigned long idx = offset >> PAGE_SHIFT;
		unsigned long off = offset & ~PAGE_MASK;
		size_t n = min_t(size_t, len, PAGE_SIZE - off);
		char *p = anon_page_get(area, idx);

		memcpy(p + off, src, n);
		anon_page_put(area, idx);
		src += n;
		offset += n;
		len -= n;
	}
}

/**
 * anon_read - copy @len bytes from @area at byte @offset into @buf
 * @area: the area
 * @offset: byte offset in the area
 * @buf: destination
 * @len: bytes to copy
 *
 * Each page is pinned while it is read.
 *
 * Return: nothing; a range outside the area is reported and ignored.
 */
void anon_read(struct anon_area *area, unsigned long offset, void *buf, size_t len)
{
	char *dst = buf;

	if (!anon_range_ok(area, offset, len, "anon_read"))
		return;
	while (len) {
		unsigned long idx = offset >> PAGE_SHIFT;
		unsigned long off = offset & ~PAGE_MASK;
		size_t n = min_t(size_t, len, PAGE_SIZE - off);
		const char *p = anon_page_get(area, idx);

		memcpy(dst, p + off, n);
		anon_page_put(area, idx);
		dst += n;
		offset += n;
		len -= n;
	}
}

/**
 * anon_page_pfn - the frame that backs page @idx now
 * @area: the area
 * @idx: page index in the area
 *
 * Read from the port's page table; checked against the slot's page. Waits
 * while the page is under migration: meanwhile the entry is a migration
 * entry, or already maps the new frame while the slot still names the old
 * one (a migration run maps a whole run before it updates the slots).
 *
 * Return: the pfn, or ARCH_VM_NO_PFN when @idx is outside the area.
 */
unsigned long anon_page_pfn(struct anon_area *area, unsigned long idx)
{
	struct anon_slot *slot = anon_slot(area, idx, "anon_page_pfn");
	unsigned long pfn;

	if (!slot)
		return ARCH_VM_NO_PFN;
	spin_lock(slot->lock);
	anon_wait_migration_locked(slot);
	pfn = arch_vm_lookup(area->vpn + idx);
	ASSERT_MSG(pfn == page_to_pfn(slot->page), "vpn %lu maps pfn %lx, slot has pfn %lx",
		   area->vpn + idx, pfn, page_to_pfn(slot->page));
	spin_unlock(slot->lock);
	return pfn;
}

static bool anon_in_cma_block(struct page *page)
{
	int mt = get_pageblock_migratetype(page_to_pfn(page));

	return mt == MIGRATE_CMA || mt == MIGRATE_ISOLATE;
}

/**
 * anon_pin_longterm - pin page @idx for a long time (DMA-style)
 * @area: the area
 * @idx: page index in the area
 *
 * A page in a CMA or ISOLATE pageblock is first migrated out of it, so a
 * long-term pin never blocks a CMA allocation. The pinned page keeps its
 * frame until anon_unpin_longterm(). Pins nest.
 *
 * Return: 0; -EINVAL for an index outside the area; -ENOMEM when no memory
 * outside CMA was free; -EBUSY when the page could not be migrated;
 * -EOVERFLOW when the page already holds ANON_LONGTERM_MAX pins.
 */
int anon_pin_longterm(struct anon_area *area, unsigned long idx)
{
	struct anon_slot *slot = anon_slot(area, idx, "anon_pin_longterm");
	int ret = -EBUSY;
	int tries;

	if (!slot)
		return -EINVAL;

	for (tries = 0; tries < ANON_PIN_RETRIES; tries++) {
		struct page *page, *newpage = NULL;

		spin_lock(slot->lock);
		anon_wait_migration_locked(slot);
		page = slot->page;
		if (slot->longterm == ANON_LONGTERM_MAX) {
			spin_unlock(slot->lock);
			pr_err("anon_pin_longterm: page %lu already has %u long-term pins, the most one page can hold: unpin some first\n",
			       idx, ANON_LONGTERM_MAX);
			return -EOVERFLOW;
		}
		if (slot->longterm || !anon_in_cma_block(page)) {
			/*
			 * Not migrating and we hold the slot lock: isolate_page
			 * cannot run now, and after PG_pinned it refuses.
			 */
			if (!slot->longterm++)
				SetPagePinned(page);
			get_page(page);
			spin_unlock(slot->lock);
			return 0;
		}
		spin_unlock(slot->lock);

		/*
		 * Migration wants exactly the owner's reference plus its own,
		 * so hold nothing while asking it to move the page.
		 */
		ret = migrate_page_out_of_cma(page, &newpage);
		if (ret == -ENOMEM)
			return ret;
		if (ret)
			arch_cpu_relax();
	}
	pr_warn("page %lu of an area stayed in a CMA pageblock after %d tries (%d)\n",
		idx, tries, ret);
	return -EBUSY;
}

/**
 * anon_unpin_longterm - drop a pin taken by anon_pin_longterm()
 * @area: the area
 * @idx: page index in the area
 *
 * Return: nothing; unpinning a page that is not pinned is reported.
 */
void anon_unpin_longterm(struct anon_area *area, unsigned long idx)
{
	struct anon_slot *slot = anon_slot(area, idx, "anon_unpin_longterm");

	if (!slot)
		return;
	spin_lock(slot->lock);
	if (!slot->longterm) {
		spin_unlock(slot->lock);
		pr_err("anon_unpin_longterm: page %lu is not pinned\n", idx);
		return;
	}
	if (!--slot->longterm)
		ClearPagePinned(slot->page);
	put_page(slot->page);
	spin_unlock(slot->lock);
}

/* ---- movable operations ------------------------------------------ */

/*
 * Drop @held (a slot lock or NULL) and take @lock, another slot lock: a
 * run keeps one lock across the slots that share it, and calls this when
 * the next slot's lock is not the one it holds. Return: @lock.
 */
static spinlock_t *anon_switch_lock(spinlock_t *held, spinlock_t *lock)
{
	if (held)
		spin_unlock(held);
	spin_lock(lock);
	return lock;
}

/*
 * Whether migration may take @page from @slot: the slot maps it, nobody
 * accesses or pins it, it is neither migrating nor being torn down. Under
 * the slot lock.
 */
static inline bool anon_slot_free_to_move(const struct anon_slot *slot, const struct page *page)
{
	return slot->page == page && !slot->busy;
}

static bool anon_isolate_page(struct page *page)
{
	struct anon_slot *slot = page_movable_record(page);
	bool ok = false;

	ASSERT_MSG(PageLocked(page), "pfn %lx not locked", page_to_pfn(page));
	spin_lock(slot->lock);
	if (anon_slot_free_to_move(slot, page) && !PagePinned(page)) {
		slot->migrating = true;
		SetPageIsolated(page);
		ok = true;
	}
	spin_unlock(slot->lock);
	return ok;
}

/*
 * migrate_page() for a batch: check every page (no new reference: the
 * slots are migrating, so no accessor can pin them meanwhile), turn all
 * their mappings into migration entries with one TLB invalidation, then
 * copy them all and remap each.
 *
 * The checks take no slot lock: from anon_isolate_page() (on this CPU,
 * under the lock) until the remap below clears it, slot->migrating makes
 * the slot ours - accessors and pins wait for it, teardown waits for it,
 * isolation refuses it - so nobody else writes slot->page or the access
 * counts, and no accessor holds the page (isolation found none). The
 * only references that can come and go are the try-references of a
 * concurrent isolate_movable_page(), atomic, which the refcount test
 * turns into -EAGAIN as before. The remap takes the lock: waiters read
 * slot->migrating and then slot->page under it.
 */
static void anon_migrate_pages_batch(struct page **dst, struct page **src, int *ret,
				     unsigned int nr)
{
	unsigned long vpns[CONFIG_MIGRATE_BATCH]; /* [0, n) only */
	unsigned int i, n = 0;
	u64 t0;

	ASSERT_MSG(nr <= CONFIG_MIGRATE_BATCH, "batch of %u", nr);
	for (i = 0; i < nr; i++) {
		struct anon_slot *slot = page_movable_record(src[i]);

		ASSERT_MSG(PageLocked(src[i]) && PageIsolated(src[i]), "pfn %lx flags %x",
			   page_to_pfn(src[i]), page_flags(src[i]));
		ASSERT_MSG(slot->page == src[i] && slot->migrating,
			   "pfn %lx slot page %lx migrating %d", page_to_pfn(src[i]),
			   page_to_pfn(slot->page), slot->migrating);
		ret[i] = page_ref_count(src[i]) == 2 ? 0 : -EAGAIN;
		if (!ret[i])
			vpns[n++] = slot->vpn;
	}
	if (!n)
		return;
	/* Accesses from here on fault and wait for the new frames. */
	arch_vm_set_migration_batch(vpns, n);
	/* Copy the whole batch, then map the new frames (timed as one phase). */
	t0 = phase_begin();
	for (i = 0; i < nr; i++)
		if (!ret[i])
			arch_copy_page(page_address(dst[i]), page_address(src[i]));
	phase_end(PHASE_COPY, t0);
	for (i = 0, n = 0; i < nr; i++) {
		struct anon_slot *slot = page_movable_record(src[i]);

		if (ret[i])
			continue;
		spin_lock(slot->lock);
		page_move_movable(dst[i], src[i]);
		slot->page = dst[i];
		arch_vm_map(vpns[n++], page_to_pfn(dst[i]));
		slot->migrating = false;
		spin_unlock(slot->lock);
	}
}

/*
 * A carve's migration by runs (mm/contig.c, migrate_run()): the isolate
 * and migrate steps of the batch above, for a run of frames, with no
 * reference, PG_locked or PG_isolated per page and no release of the
 * sources - they are frozen and become the carve's free memory.
 *
 * First, under anon_run_lock (which keeps every area's slots alive while
 * a record is read from a page nobody holds): each frame whose flags are
 * exactly an anon page's (not pinned, isolated or locked) and whose slot
 * is free to move it (anon_slot_free_to_move()) is frozen
 * (page_freeze_relaxed(), one acquire fence after the run's last: fails
 * while anyone else holds a reference, such as a long-term pin's
 * migrate_page_out_of_cma() between its reference and the slot lock),
 * disowned and marked migrating, all under the slot lock - the same lock
 * accessors, pins and teardown check slot->migrating under, so from there
 * the slot is ours as in anon_migrate_pages_batch(). The first frame that
 * is not such a page ends the run. Then the run's mappings become
 * migration entries (one TLB invalidation), the frames are copied (and
 * cleared with @clear) and mapped, and each slot gets its new page under
 * the slot lock. A slot lock is held across consecutive frames whose
 * slots share it: once per group, not per page. The first pass notes
 * where each group starts, so the hand-over takes each group's lock
 * without testing it per slot (a slot's lock never changes), and where
 * each stretch of consecutive targets starts, each copied and mapped with
 * one call.
 */
static unsigned long anon_migrate_frozen_run(struct page *first, unsigned long nr,
					     struct page **dst, bool clear)
{
	/* Exactly an anon page: not isolated, locked or pinned, no other state. */
	const u32 want = (1u << PG_movable) | ((u32)PGOWNER_ANON << PAGE_OWNER_SHIFT);
	unsigned long vpns[MIGRATE_RUN_MAX], *vpn = vpns;
	/*
	 * Where each group of slots that share a lock starts, and each
	 * stretch of targets that follow each other; then n.
	 */
	u16 group[MIGRATE_RUN_MAX + 1], stretch[MIGRATE_RUN_MAX + 1];
	struct page *page, *end = first + nr, **to = dst, *next = NULL;
	spinlock_t *held = NULL;
	unsigned long i, n, g, groups = 0, s, stretches = 0;
	char *src;
	u64 t0;

	ASSERT_MSG(nr <= MIGRATE_RUN_MAX, "run of %lu frames", nr);
	spin_lock(&anon_run_lock);
	for (page = first; page < end; page++) {
		struct anon_slot *slot;

		/* Acquire: the record below is the one PG_movable was set after. */
		if (page_flags(page) != want)
			break;
		slot = page_movable_record(page);
		if (!slot)
			break;
		if (unlikely(slot->lock != held)) {
			held = anon_switch_lock(held, slot->lock);
			group[groups++] = (u16)(vpn - vpns);
		}
		if (!anon_slot_free_to_move(slot, page) || !page_freeze_relaxed(page))
			break;
		/* Frozen: the flags are still exactly @want (page_freeze()). */
		page_disown_frozen(page);
		slot->migrating = true;
		/* A target that does not follow the last one starts a stretch. */
		if (unlikely(*to != next))
			stretch[stretches++] = (u16)(vpn - vpns);
		next = *to + 1;
		/* The new frame's record (published below) is the run's list of slots. */
		page_set_movable_record(*to++, slot);
		*vpn++ = slot->vpn;
	}
	n = (unsigned long)(vpn - vpns);
	/* The freezes before the copy reads what the pins' holders wrote. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (held)
		spin_unlock(held);
	spin_unlock(&anon_run_lock);
	if (!n)
		return 0;
	/* The last group is empty when the run ended at its first slot. */
	if (group[groups - 1] == n)
		groups--;
	group[groups] = (u16)n;
	stretch[stretches] = (u16)n;
	/* Accesses from here on fault and wait for the new frames. */
	arch_vm_set_migration_batch(vpns, n);
	t0 = phase_begin();
	/* One copy for each stretch of targets that follow each other. */
	src = page_address(first);
	for (s = 0; s < stretches; s++) {
		unsigned long k = stretch[s + 1] - stretch[s];
		struct page *to_first = dst[stretch[s]];

		if (clear)
			arch_copy_clear_pages(page_address(to_first), src, k * PAGE_SIZE);
		else
			arch_copy_pages(page_address(to_first), src, k * PAGE_SIZE);
		src += k * PAGE_SIZE;
	}
	phase_end(PHASE_COPY, t0);
	/* Unpinned accesses go on through the new mappings ... */
	for (s = 0; s < stretches; s++)
		arch_vm_map_frames(vpns + stretch[s], page_to_pfn(dst[stretch[s]]),
				   stretch[s + 1] - stretch[s]);
	/* ... and pinned ones once their slot is no longer migrating. */
	__atomic_thread_fence(__ATOMIC_RELEASE); /* the records before PG_movable */
	for (g = 0, i = 0; g < groups; g++) {
		struct anon_slot *slot = page_movable_record(dst[i]);
		spinlock_t *lock = slot->lock;

		spin_lock(lock);
		for (; i < group[g + 1]; i++) {
			struct page *new = dst[i];

			slot = page_movable_record(new);
			page_publish_movable(new, PGOWNER_ANON);
			slot->page = new;
			slot->migrating = false;
		}
		spin_unlock(lock);
	}
	return n;
}

/* One page: a batch of one (the port invalidates just that page's TLB entry). */
static int anon_migrate_page(struct page *dst, struct page *src)
{
	int ret;

	anon_migrate_pages_batch(&dst, &src, &ret, 1);
	return ret;
}

static void anon_putback_page(struct page *page)
{
	struct anon_slot *slot = page_movable_record(page);

	spin_lock(slot->lock);
	ASSERT_MSG(slot->page == page && slot->migrating, "pfn %lx migrating %d",
		   page_to_pfn(page), slot->migrating);
	ClearPageIsolated(page);
	slot->migrating = false;
	spin_unlock(slot->lock);
}

/* For a carve's failure message: which page of which area, and its pins. */
static void anon_describe_page(struct page *page, char *buf, size_t size)
{
	struct anon_slot *slot = page_movable_record(page);
	struct anon_area *area = slot->area;

	spin_lock(slot->lock);
	snprintf(buf, size,
		 "anon, page %lu of the area at window page %lu: %u short-term pin%s (anon_page_get), %u long-term",
		 (unsigned long)(slot - area->slots), area->vpn, slot->access,
		 slot->access == 1 ? "" : "s", slot->longterm);
	spin_unlock(slot->lock);
}

/* No discard_page: anonymous memory is dirty by definition. */
const struct movable_operations anon_movable_ops = {
	.name = "anon",
	.isolate_page = anon_isolate_page,
	.migrate_page = anon_migrate_page,
	.migrate_pages_batch = anon_migrate_pages_batch,
	.migrate_frozen_run = anon_migrate_frozen_run,
	.putback_page = anon_putback_page,
	.describe_page = anon_describe_page,
};

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The movable-owner registry.
 *
 * Each owner type (enum page_owner) registers one movable_operations
 * table. A page is movable while PG_movable is set; its owner type sits in
 * page->flags and page->private points at the owner's per-page record.
 *
 * Publication order: page_set_movable() stores the record and the owner
 * type first and sets PG_movable last (a release RMW on page->flags), so
 * whoever sees PG_movable with an acquire load also sees the record.
 * page_clear_movable() clears PG_movable first. Owners clear ownership of
 * a page that migration may see only while PG_locked is held on it (by
 * migration, or by the owner's own teardown), and migration reads
 * page->private only under PG_locked after re-checking PG_movable, so the
 * record it reads is always the live one. The one exception is a carve's
 * discard by runs (mm/discard.c): the owner itself, under its own locks,
 * freezes the page's only reference (page_freeze_disown()); with no
 * reference left nobody can hold PG_locked or take one.
 */
#define pr_fmt(fmt) "movable: " fmt

#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/movable.h>

/* Read through page_movable_ops() (contig/movable.h, inline). */
const struct movable_operations *movable_ops[NR_PGOWNERS];
unsigned int movable_run_owners;
unsigned int movable_discard_owners;

/**
 * register_movable_ops - install the operations of owner @type
 * @type: an owner type other than PGOWNER_NONE
 * @ops: the table; must stay valid for as long as pages of @type exist
 *
 * May be called again for the same type (tests re-register PGOWNER_TEST);
 * the new table replaces the old one.
 *
 * Return: nothing; a bad @type or incomplete @ops is reported and ignored.
 */
void register_movable_ops(enum page_owner type, const struct movable_operations *ops)
{
	if (type <= PGOWNER_NONE || type >= NR_PGOWNERS) {
		pr_err("cannot register owner type %d: valid types are 1..%d\n",
		       (int)type, NR_PGOWNERS - 1);
		return;
	}
	if (!ops || !ops->isolate_page || !ops->migrate_page || !ops->putback_page) {
		pr_err("owner type %d: operations need isolate_page, migrate_page and putback_page\n",
		       (int)type);
		return;
	}
	__atomic_store_n(&movable_ops[type], ops, __ATOMIC_RELEASE);
	if (ops->discard_frozen_run)
		__atomic_fetch_or(&movable_run_owners, 1u << type, __ATOMIC_RELEASE);
	else
		__atomic_fetch_and(&movable_run_owners, ~(1u << type), __ATOMIC_RELEASE);
	if (ops->discard_page)
		__atomic_fetch_or(&movable_discard_owners, 1u << type, __ATOMIC_RELEASE);
	else
		__atomic_fetch_and(&movable_discard_owners, ~(1u << type), __ATOMIC_RELEASE);
}

/**
 * page_clear_movable - take ownership away from @page before it is freed
 * @page: a page set up by page_set_movable()
 *
 * When migration may see the page, call this with PG_locked held on it
 * (migration holds it around migrate_page()/discard_page(); an owner's
 * teardown takes it itself), so that no migration is reading the record.
 *
 * Return: nothing.
 */
void page_clear_movable(struct page *page)
{
	ASSERT_MSG(PageMovable(page), "pfn %lx flags %x not movable",
		   page_to_pfn(page), page_flags(page));

	ClearPageMovable(page);
	set_page_owner_type(page, PGOWNER_NONE);
	set_page_private(page, 0);
}

/**
 * page_move_movable - hand @src's ownership to @dst, for migrate_page()
 * @dst: the new frame: a page the caller holds (refcount >= 1), not owned
 * @src: the page being migrated: owned, PG_isolated and PG_locked
 *
 * What page_set_movable(@dst, type, record) with @src's owner type and
 * record, page_clear_movable(@src) and ClearPageIsolated(@src) do, in two
 * atomic steps instead of five: @dst gets the record, then the owner type
 * and PG_movable together (a release RMW, so whoever sees PG_movable sees
 * the record); @src loses PG_movable, PG_isolated and the owner type
 * together, then the record. PG_locked on @src is the caller's to clear.
 * Call it under the owner's lock that keeps the record alive, like the
 * calls it replaces.
 *
 * Return: nothing.
 */
void page_move_movable(struct page *dst, struct page *src)
{
	const u32 own = (1u << PG_movable) | (1u << PG_isolated) | PAGE_OWNER_MASK;
	u32 sf = page_flags(src), df = page_flags(dst);

	ASSERT_MSG(page_ref_count(dst) >= 1 && !(df & own), "dst pfn %lx flags %x refcount %d",
		   page_to_pfn(dst), df, page_ref_count(dst));
	ASSERT_MSG((sf & ((1u << PG_movable) | (1u << PG_isolated) | (1u << PG_locked))) ==
			   ((1u << PG_movable) | (1u << PG_isolated) | (1u << PG_locked)) &&
		   (sf & PAGE_OWNER_MASK),
		   "src pfn %lx flags %x not owned and isolated", page_to_pfn(src), sf);

	set_page_private(dst, (unsigned long)page_movable_record(src));
	__atomic_fetch_or(&dst->flags, (sf & PAGE_OWNER_MASK) | (1u << PG_movable),
			  __ATOMIC_ACQ_REL);
	__atomic_fetch_and(&src->flags, ~own, __ATOMIC_ACQ_REL);
	set_page_private(src, 0);
}

/**
 * movable_owners_init - register the built-in movable owners (anon, pcache)
 *
 * Called once by start_kernel() after mm_core_init(): needs kmalloc.
 *
 * Return: nothing.
 */
void movable_owners_init(void)
{
	anon_init();
	register_movable_ops(PGOWNER_ANON, &anon_movable_ops);
	register_movable_ops(PGOWNER_PCACHE, &pcache_movable_ops);
}

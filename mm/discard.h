/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Discard of clean cache pages by a carve, run by run (mm/discard.c).
 * Private to mm/: alloc_contig_range()'s passes use it.
 */
#ifndef _MM_DISCARD_H
#define _MM_DISCARD_H

#include <contig/migrate.h>
#include <contig/movable.h>

/*
 * Most pages handed to an owner in one call: its locks are held this long
 * (some 40 instructions a page), and readers of its cache wait meanwhile.
 */
#define DISCARD_RUN_MAX 256

/**
 * discard_run_wants - whether a discard run may start at @page
 * @page: a page a carve scans (any state)
 * @flags: its flags, as the caller read them
 *
 * A lockless first look (inline: a carve asks it for every in-use page,
 * so an owner without runs is turned away by one load of
 * movable_run_owners): a
 * movable page, clean and not isolated, whose owner has
 * discard_frozen_run(). The owner checks again under its locks.
 *
 * Return: the owner's operations, or NULL for the usual migration path.
 */
static inline const struct movable_operations *discard_run_wants(const struct page *page,
								 u32 flags)
{
	unsigned int type = (flags & PAGE_OWNER_MASK) >> PAGE_OWNER_SHIFT;
	const struct movable_operations *ops;

	if ((flags & ((1u << PG_movable) | (1u << PG_dirty) | (1u << PG_isolated))) !=
	    (1u << PG_movable))
		return NULL;
	/* One load decides for owners that never drop runs (anon): the common case. */
	if (type >= NR_PGOWNERS ||
	    !(__atomic_load_n(&movable_run_owners, __ATOMIC_RELAXED) & (1u << type)))
		return NULL;
	ops = __atomic_load_n(&movable_ops[type], __ATOMIC_ACQUIRE);
	return ops && ops->discard_frozen_run ? ops : NULL;
}

unsigned long discard_run(unsigned long pfn, unsigned long end,
			  const struct movable_operations *ops, struct migrate_report *rep);

#endif /* _MM_DISCARD_H */

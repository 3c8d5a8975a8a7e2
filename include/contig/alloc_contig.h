/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The isolate-and-migrate core (mm/contig.c): carve physically contiguous
 * page ranges out of memory that movable pages are using.
 */
#ifndef _CONTIG_ALLOC_CONTIG_H
#define _CONTIG_ALLOC_CONTIG_H

#include <contig/mm.h>
#include <contig/migrate.h>

/* alloc_contig_range() flags */
#define ACR_CMA 0x1    /* the range is in a CMA area: restore MIGRATE_CMA */
#define ACR_NOWARN 0x2 /* no message on failure */
#define ACR_ZERO 0x4   /* the pages come back zeroed */

/**
 * alloc_contig_range - carve the exact page range [start_pfn, end_pfn)
 * Isolates the pageblocks, migrates (or discards) the movable pages in the
 * range, and takes the freed pages out of the buddy. The pages come back
 * as order-0 pages, refcount 1, PG_contig; with ACR_ZERO, zeroed (the
 * frames a migration run moves out are cleared as they are copied, the
 * rest after the take).
 * @rep: if not NULL, filled with what migration did and why it failed.
 * Return: 0; -EBUSY when a page could not be moved (pinned past
 * contig_pin_wait_ms, unmovable) or another carve holds part of the
 * range; -ENOMEM, at once, when no target memory was free for migration;
 * -EINVAL for a range outside one zone.
 */
int alloc_contig_range(unsigned long start_pfn, unsigned long end_pfn,
		       unsigned int flags);
int alloc_contig_range_report(unsigned long start_pfn, unsigned long end_pfn,
			      unsigned int flags, struct migrate_report *rep);
/* The same, waiting @wait_ns (not contig_pin_wait_ms) for short-term pins. */
int alloc_contig_range_wait(unsigned long start_pfn, unsigned long end_pfn,
			    unsigned int flags, struct migrate_report *rep, u64 wait_ns);

/*
 * How long a carve waits for short-term pins to drop, in ms: boot
 * parameter cma_pin_wait_ms=, default CONFIG_CMA_PIN_WAIT_MS. Tests set
 * it directly (and restore it).
 */
extern unsigned int contig_pin_wait_ms;

/* Why a carve failed, in words: the page, its owner, what to change. */
void migrate_report_explain(const struct migrate_report *rep, char *buf, size_t size);

/* Free pages returned by alloc_contig_range() or alloc_contig_pages(). */
void free_contig_range(unsigned long pfn, unsigned long nr_pages);

/**
 * alloc_contig_pages - find and carve @nr_pages contiguous pages
 * @hint_pfn: search RAM at or above this frame first (0: from the start)
 * @align_pages: power-of-two alignment of the first frame, in pages
 * Never crosses a zone or a reserved region; any page count works.
 * Return: the first page, or NULL.
 */
struct page *alloc_contig_pages(unsigned long nr_pages, unsigned long hint_pfn,
				unsigned long align_pages);
/*
 * The same, with the pages migrated and discarded summed over every window
 * tried (mm/contig.c): the free page count drops by @nr_pages minus the
 * discarded ones.
 */
struct page *alloc_contig_pages_report(unsigned long nr_pages, unsigned long hint_pfn,
				       unsigned long align_pages, struct migrate_report *out_rep);

#endif /* _CONTIG_ALLOC_CONTIG_H */

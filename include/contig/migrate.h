/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Page migration (mm/migrate.c): move movable pages to new frames, in
 * batches: isolate from the owner, allocate targets, unmap-copy-remap
 * through the owner, free the sources. Clean pages whose owner can drop
 * them are discarded instead of copied.
 */
#ifndef _CONTIG_MIGRATE_H
#define _CONTIG_MIGRATE_H

#include <contig/mm.h>

/* Why pages could not be moved. */
struct migrate_report {
	unsigned long migrated;   /* copied to a new frame */
	unsigned long migrated_by_run; /* of which by their owner's runs (migrate_run()) */
	unsigned long cleared;    /* of those, frames left zeroed by the copy (ACR_ZERO) */
	unsigned long discarded;  /* clean, dropped instead of copied */
	unsigned long pinned;     /* held by a pin or an access */
	unsigned long unmovable;  /* no owner that can move it */
	unsigned long no_target;  /* no free frame to move it to */
	unsigned long retries;    /* passes after the first */
	unsigned long first_busy_pfn; /* first page that blocked, or ~0UL */
	int first_busy_reason;    /* MR_* of that page */
	/* Filled by alloc_contig_range() when it fails for want of targets: */
	unsigned long targets_needed;      /* in-use pages that need a new frame */
	unsigned long targets_free_noncma; /* free non-CMA pages above the reserve */
	unsigned long targets_free_cma;    /* free CMA pages outside every window */
	/* ... and after a pin wait: how long, and who holds the page. */
	unsigned long waited_ms;
	char busy_owner[96];
};

enum migrate_reason {
	MR_NONE,
	MR_PINNED,
	MR_UNMOVABLE,
	MR_NO_TARGET,
	MR_CONTENDED, /* another carve has isolated part of the range */
	NR_MIGRATE_REASONS
};

extern const char *const migrate_reason_names[];

void migrate_report_init(struct migrate_report *rep);

/* Allocate a target frame for @src; NULL when none is available. */
typedef struct page *(*new_page_t)(struct page *src, void *priv);

/**
 * isolate_movable_page - take a movable page from its owner for migration
 * Return: 0 and the page is PG_isolated with an extra reference held by
 * the caller; -EBUSY when the owner refused (pinned, under access);
 * -EINVAL when the page is not movable.
 */
int isolate_movable_page(struct page *page);

/**
 * migrate_pages - migrate the isolated pages on @from
 * @get_target: allocates each target page
 * @rep: counts by outcome (added to)
 * Pages that moved are freed; pages that could not move are put back to
 * their owners. @from is empty on return. Tries up to
 * CONFIG_MIGRATE_RETRIES passes for busy pages; a page without a target
 * ends the migration at once (more passes would not make memory free).
 * Return: the number of pages that were neither migrated nor discarded.
 */
unsigned long migrate_pages(struct list_head *from, new_page_t get_target,
			    void *priv, struct migrate_report *rep);

/*
 * migrate_pages_once - one pass of migrate_pages(): busy pages are put back
 * at once (the caller retries), and the first page without a target ends
 * the pass (every page left is put back). alloc_contig_range() uses it.
 * Return: the number of pages that were neither migrated nor discarded.
 */
unsigned long migrate_pages_once(struct list_head *from, new_page_t get_target,
				 void *priv, struct migrate_report *rep);

/*
 * describe_busy_page - who holds page @pfn, for a failure message:
 * "<owner>: <the owner's words about its pins>", or what else the page is
 * (free, unmovable, being migrated). Takes the page lock (PG_locked) as
 * migration does, so the owner's record is safe to read.
 */
void describe_busy_page(unsigned long pfn, char *buf, size_t size);

/* Give every page on @list back to its owner. */
void putback_movable_pages(struct list_head *list);

/* Migrate one page out of CMA/ISOLATE pageblocks (for long-term pins). */
int migrate_page_out_of_cma(struct page *page, struct page **newpage);

/**
 * vm_window_fault - a CPU touched window page @vpn, whose entry maps nothing
 * @vpn: the window page
 *
 * The port's fault path calls it (the ARM data abort handler, the host's
 * arch_vm_addr()). While the entry is a migration entry it waits for the
 * migration to map the new frame. Call with no spinlock held.
 * Return: 0 when the entry maps a frame now (retry the access); -EFAULT
 * when it is empty (a stray access: the port reports it).
 */
int vm_window_fault(unsigned long vpn);

/* Accesses that waited on a migration entry, over all CPUs. */
unsigned long vm_migration_waits(void);

#endif /* _CONTIG_MIGRATE_H */

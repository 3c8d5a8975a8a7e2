/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CMA areas (mm/cma.c): named, reserved ranges whose pageblocks are
 * MIGRATE_CMA. While no device needs them, movable pages live there; a
 * cma_alloc() carves a buffer out with alloc_contig_range(). Each area has
 * its own lock and bitmap, so carves in different areas run in parallel.
 */
#ifndef _CONTIG_CMA_H
#define _CONTIG_CMA_H

#include <contig/mm.h>
#include <contig/cma_borrow.h>

/* How many areas can be declared (static table: memblock time). */
#define MAX_CMA_AREAS CONFIG_CMA_AREAS
#define CMA_NAME_LEN 32

struct cma;

/* A request to reserve an area, from the DT or a boot parameter. */
struct cma_decl {
	const char *name;
	phys_addr_t base;        /* fixed base (when @fixed) */
	phys_addr_t size;
	phys_addr_t align;       /* 0: pageblock; else a power of two */
	phys_addr_t range_start; /* placement window when not fixed; */
	phys_addr_t range_end;   /* 0..0 means anywhere in RAM */
	bool fixed;
	bool is_default;         /* the default area (linux,cma-default, cma=) */
	unsigned int order_per_bit; /* bitmap granularity, usually 0 */
	const char *origin;      /* for messages: "DT node /reserved-memory/video",
				  * "boot parameter cma=" */
	enum cma_borrow borrow;  /* who may borrow it; 0: movable */
	phys_addr_t ready_size;  /* the ready reserve (ready=, contig,ready-size) */
};

/**
 * cma_declare - validate and reserve an area in memblock
 * Prints one message naming @decl->origin and what is wrong when it fails:
 * size 0 or not page-aligned, alignment not a power of two, fixed base not
 * aligned, outside RAM, overlapping another region, the kernel or the DTB,
 * no room in the placement window, name taken, too many areas.
 * Return: 0 and *@res, or a negative errno.
 */
int cma_declare(const struct cma_decl *decl, struct cma **res);

/* Activate every declared area: mark pageblocks CMA, free pages to buddy. */
void cma_activate_areas(void);

#define CMA_ALLOC_NOWARN 0x1
/*
 * Hand back zeroed pages: the carve zeroes them (ACR_ZERO: a frame migrated
 * out is cleared as it is copied) unless they come from the ready reserve.
 */
#define CMA_ALLOC_ZERO 0x2

/**
 * cma_alloc - carve @count pages aligned to 2^@align pages from @cma
 * Tries each free window of the area in turn, moving on when a window is
 * busy (-EBUSY from alloc_contig_range()).
 * Return: the first page, or NULL (with a message naming the area and the
 * reason unless CMA_ALLOC_NOWARN).
 */
struct page *cma_alloc(struct cma *cma, unsigned long count, unsigned int align,
		       unsigned int flags);
/* The same, naming the @owner (a device name) in the trace (contig/trace.h). */
struct page *cma_alloc_for(struct cma *cma, unsigned long count, unsigned int align,
			   unsigned int flags, const char *owner);
struct migrate_report;
/*
 * cma_alloc_for() that also hands back, in *@report, the report of the
 * last window that failed (first_busy_pfn ~0UL when none was tried), so a
 * caller that stays quiet can still say why (migrate_report_explain()).
 */
struct page *cma_alloc_report(struct cma *cma, unsigned long count, unsigned int align,
			      unsigned int flags, const char *owner,
			      struct migrate_report *report);

/**
 * cma_release - give back pages from cma_alloc()
 * Return: true when released; false, with a message, when [@pages,
 * @pages + @count) is not an allocated part of @cma (nothing is changed).
 */
bool cma_release(struct cma *cma, const struct page *pages, unsigned long count);
bool cma_release_for(struct cma *cma, const struct page *pages, unsigned long count,
		     const char *owner);

struct cma_stats {
	unsigned long total;        /* pages in the area */
	unsigned long used;         /* pages carved out now */
	unsigned long allocs;       /* successful cma_alloc() calls */
	unsigned long alloc_pages;  /* pages allocated, all time */
	unsigned long failed;       /* failed cma_alloc() calls */
	unsigned long failed_pages; /* pages those failed calls asked for */
	unsigned long peak_used;    /* most pages carved out at once */
	unsigned long released;     /* pages released, all time */
	unsigned long largest_free; /* largest free run in the bitmap, pages */
	unsigned long migrated;     /* pages migrated out by carves */
	unsigned long cleared;      /* of which zeroed by the copy that emptied them */
	unsigned long discarded;    /* clean pages dropped by carves */
	unsigned long busy_retries; /* windows skipped because busy */
	u64 latency_total_ns;       /* time in cma_alloc(), all calls */
	u64 latency_max_ns;         /* the slowest call */
	unsigned long ready_target; /* pages the ready reserve keeps */
	unsigned long ready;        /* of which ready now (not in @used) */
	unsigned long ready_hits;   /* carves served from the reserve */
	unsigned long ready_refills; /* refills done by idle work */
};
void cma_get_stats(struct cma *cma, struct cma_stats *st);

const char *cma_get_name(const struct cma *cma);
phys_addr_t cma_get_base(const struct cma *cma);
phys_addr_t cma_get_size(const struct cma *cma);
const char *cma_get_origin(const struct cma *cma);
bool cma_is_default(const struct cma *cma);

struct cma *cma_find(const char *name);
/*
 * cma_find(), and when there is no such region "error: no CMA region named
 * ..." with the names there are (for shell commands; mm/cma_shell.c).
 */
struct cma *cma_find_or_explain(const char *name);
void cma_print_region_names(void);
unsigned int cma_area_count(void);
struct cma *cma_area(unsigned int i);
/* The default area (DT linux,cma-default or cma=), or NULL. */
struct cma *cma_default_area(void);

/* CmaTotal / CmaFree, in pages. */
unsigned long cma_total_pages(void);
unsigned long cma_free_pages(void);

/* Who may borrow @cma's free pages (contig/cma_borrow.h). */
enum cma_borrow cma_get_borrow(const struct cma *cma);
/*
 * cma_set_borrow - change it: carves the whole area, records the policy,
 * releases the area. Return: 0; -EBUSY (with a message) when the area is
 * not entirely free of carves or could not be emptied; -EINVAL.
 */
int cma_set_borrow(struct cma *cma, enum cma_borrow borrow);
/* Print each area's policy and what borrows it now (the shell's cma list). */
void cma_print_borrow(void);

/*
 * The ready reserve (Documentation/mm/cma.rst, "Ready reserve"): an area
 * with ready_size keeps that many pages carved, free of borrowers and
 * zeroed; a carve that fits takes them without migrating or zeroing.
 * cma_ready_work() refills one area's reserve (idle work, registered by
 * cma_activate_areas()); it returns false when nothing needed it, or when
 * memory is short (it then waits for a release or a later poll).
 * cma_ready_drain() gives an area's reserve back to the allocator (tests).
 */
bool cma_ready_work(void);
void cma_ready_drain(struct cma *cma);
/* Set the reserve's target in pages (0: none). Return: 0 or -EINVAL. */
int cma_set_ready(struct cma *cma, unsigned long pages);

/* Print the region table: name, base, size, used, origin. */
void cma_print_areas(void);

/* Consistency: bitmap against PG_contig pages. Returns errors found. */
unsigned long cma_check(bool verbose);

#endif /* _CONTIG_CMA_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-device CMA handles (kernel/dma/contiguous.c): which regions a device
 * allocates from, bound when the device is configured for DMA
 * (dma_configure(), before its first probe). For a request of buffer type @type
 * (NULL: none) the regions come from the first of these that gives any:
 *
 *   1. the device's DT "memory-region" phandles (reusable shared-dma-pool
 *      regions), in order; with "memory-region-names", a @type equal to one
 *      of the names puts that region first;
 *   2. the cma_map= rules, with @type (the first rule that matches wins);
 *   3. the default area (linux,cma-default or cma=).
 *
 * The DT part is read once, when the device is bound (before its first
 * probe); the cma_map= rules are looked up at each request, so rules
 * changed at run time (cma_map_set_rules()) apply from the next request.
 * An allocation tries each region in turn and never touches a region the
 * device is not bound to, nor one that ends beyond its coherent DMA mask.
 * Every buffer is recorded against the device that holds it (the ledger,
 * kernel/dma/ledger.c: who holds which part of an area), and only that
 * device can free it.
 *
 * A memory-region phandle to a non-reusable shared-dma-pool gives the
 * device a coherent pool instead (kernel/dma/coherent.c): reserved memory
 * that only the devices naming it use, never lent to movable pages.
 */
#ifndef _CONTIG_CMA_DEV_H
#define _CONTIG_CMA_DEV_H

#include <contig/cma.h>
#include <contig/device.h>
#include <contig/dma-mapping.h>

#define CMA_DEV_MAX_REGIONS 4

/* Where a device's regions for a request came from. */
enum cma_dev_source {
	CMA_DEV_NONE,    /* no region: the page allocator only */
	CMA_DEV_DT,      /* memory-region */
	CMA_DEV_CMA_MAP, /* a cma_map= rule */
	CMA_DEV_DEFAULT, /* the default area */
};

extern const char *const cma_dev_source_names[];

/*
 * cma_dev_bind - resolve @dev's DT regions: dma_configure(), under the name
 * tests and benchmarks use to bind a device the bus does not probe.
 * A bad DT reference (a phandle to a missing or disabled node, to a region
 * that was dropped at boot, to one that is not a shared-dma-pool, a second
 * coherent pool, more than CMA_DEV_MAX_REGIONS regions, or a
 * memory-region-names count that differs from memory-region's) is reported
 * naming the device and the property, and skipped.
 * Return: 0 (also when the device has no regions), or -ENOMEM.
 */
static inline int cma_dev_bind(struct device *dev)
{
	return dma_configure(dev);
}

/*
 * cma_dev_unbind - forget @dev's regions: dma_deconfigure(). Buffers @dev
 * still holds are reported, naming each, and given back.
 */
static inline void cma_dev_unbind(struct device *dev)
{
	dma_deconfigure(dev);
}

/* Whether @dev is bound, and its coherent pool (snapshot, for displays). */
struct dma_coherent_pool;
bool cma_dev_bound(struct device *dev, struct dma_coherent_pool **pool);

/*
 * cma_dev_regions - the regions @dev allocates from for @type, in order,
 * without those beyond its coherent DMA mask
 * @source: if not NULL, where they came from
 * Return: how many were written to @out (0: none, the page allocator only).
 */
unsigned int cma_dev_regions(struct device *dev, const char *type, struct cma **out,
			     unsigned int max, enum cma_dev_source *source);

/* The same before the mask filter, for displays ("dma info"). */
unsigned int cma_dev_resolve(struct device *dev, const char *type, struct cma **out,
			     unsigned int max, enum cma_dev_source *source);

/* Whether @cma (one of @dev's regions) ends within @dev's coherent DMA mask. */
bool cma_dev_region_usable(const struct device *dev, const struct cma *cma);

/**
 * cma_dev_alloc - carve @count pages aligned to 2^@align pages for @dev
 * Tries @dev's regions for @type in order; stores the region used in
 * *@from when @from is not NULL.
 * Return: the first page, or NULL with a message naming the device, the
 * regions tried and why each failed (unless CMA_ALLOC_NOWARN).
 */
struct page *cma_dev_alloc(struct device *dev, const char *type, unsigned long count,
			   unsigned int align, unsigned int flags, struct cma **from);

/**
 * cma_dev_release - give back pages from cma_dev_alloc()
 * Return: true when released; false, with a message naming the device and
 * the address, when they are not a buffer @dev holds (nothing changes).
 */
bool cma_dev_release(struct device *dev, struct page *pages, unsigned long count);

/* Whether @dev still holds that cma_dev_alloc() buffer (unbinding gives them back). */
bool cma_dev_holds(struct device *dev, struct page *pages, unsigned long count);

struct cma_dev_info {
	phys_addr_t lower, upper;   /* lowest and highest+1 address of the regions */
	unsigned long total_pages;  /* in all the regions */
	unsigned long free_pages;   /* not carved out (movable pages count as free) */
	unsigned long largest_free; /* largest free run in any one region, pages */
	unsigned long held_pages;   /* what @dev itself holds now, from anywhere */
	unsigned int nr_regions;
	enum cma_dev_source source;
};

/* Return: 0, or -ENODEV when @dev has no region for @type. */
int cma_dev_info(struct device *dev, const char *type, struct cma_dev_info *info);
/* cma_dev_info()'s region totals (not held_pages, source) for @n regions resolved already. */
void cma_dev_info_regions(struct cma *const *regions, unsigned int n, struct cma_dev_info *info);

/*
 * cma_dev_moved_pages - the movable pages carves have migrated and
 * discarded so far in the regions @dev allocates from for @type (the
 * regions' counters, summed): two readings around an allocation give
 * what it displaced.
 */
void cma_dev_moved_pages(struct device *dev, const char *type, unsigned long *migrated,
			 unsigned long *discarded);

/* ---- The ledger: the buffers a device holds (kernel/dma/ledger.c) ---- */

enum dma_buf_kind {
	DMA_BUF_CMA,   /* carved from a CMA region */
	DMA_BUF_PAGES, /* from the page allocator */
	DMA_BUF_POOL,  /* from the device's coherent pool */
};

extern const char *const dma_buf_kind_names[];

/*
 * One buffer a device holds, on its dma_allocs list under its dma_lock.
 * cma_dev_alloc() makes them (cpu_addr NULL); the DMA core makes them for
 * dma_alloc_attrs() (cpu_addr set), and each API frees only its own.
 */
struct dma_buffer {
	struct list_head node;
	enum dma_buf_kind kind;
	struct cma *cma;           /* DMA_BUF_CMA */
	phys_addr_t phys;          /* first byte */
	unsigned long pages;       /* pages held */
	unsigned int order;        /* DMA_BUF_PAGES: the block's order */
	void *cpu_addr;            /* dma_alloc_attrs()'s return, or NULL */
	unsigned long attrs;       /* DMA_ATTR_* of the allocation */
};

/* Record @buf as held by @dev (takes @dev->dma_lock). */
void dma_buffer_add(struct device *dev, struct dma_buffer *buf);
/* @dev's buffer starting at @phys, or NULL. Caller holds @dev->dma_lock. */
struct dma_buffer *dma_buffer_find_locked(struct device *dev, phys_addr_t phys);
/*
 * The device, other than @skip, holding a buffer that contains @phys, or
 * NULL; its name is copied to @name (for messages). Takes the ledger's
 * lock and each device's dma_lock: call it holding none.
 */
bool dma_buffer_holder(phys_addr_t phys, const struct device *skip, char *name, size_t size);

/*
 * dma_for_each_cma_buffer - call @fn(dev, buf, @arg) for every buffer a
 * device holds that was carved from a CMA region (DMA_BUF_CMA), device by
 * device in bus order. @fn runs under the device's dma_lock: it may only
 * copy what it needs (no sleeping, no other lock). A non-zero return stops
 * the walk and is returned. Call holding no dma_lock.
 */
int dma_for_each_cma_buffer(int (*fn)(struct device *dev, const struct dma_buffer *buf,
				      void *arg),
			    void *arg);
/* Pages and buffers @dev holds now (all kinds). */
void dma_buffer_count(struct device *dev, unsigned long *buffers, unsigned long *pages);
/* Print the buffers @dev holds, one a line (for "dma info"). */
void dma_buffer_print(struct device *dev);

/*
 * cma_dev_print_holders - per region, which device holds how much of it
 * @cma: one region, or NULL for every region
 * Lists each device with buffers in the region, then the pages carved out
 * by no device (the shell, benchmarks, tests).
 */
void cma_dev_print_holders(struct cma *cma);

/*
 * cma_dev_check - consistency of the ledger and the coherent pools (part
 * of mm_check_consistency() once a device is configured).
 * Return: problems found (each printed when @verbose).
 */
unsigned long cma_dev_check(bool verbose);

/* ---- Coherent pools (non-reusable shared-dma-pool, kernel/dma/coherent.c) -- */

struct dma_pool_info {
	const char *name;      /* the reserved region's name */
	phys_addr_t base, size;
	unsigned long total_pages, used_pages, largest_free, peak_pages;
	unsigned long allocs, failed;
	unsigned int users;    /* devices bound to it */
	bool nomap;            /* the region is no-map (mapped here for the pool) */
	bool device;           /* device memory outside RAM (SRAM, video RAM) */
};

void dma_pool_get_info(struct dma_coherent_pool *pool, struct dma_pool_info *info);

#endif /* _CONTIG_CMA_DEV_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-device CMA handles (mm/cma_dev.c): which regions a device allocates
 * from, bound when the device probes. For a request of buffer type @type
 * (NULL: none) the regions come from the first of these that gives any:
 *
 *   1. the device's DT "memory-region" phandles (reusable shared-dma-pool
 *      regions), in order; with "memory-region-names", a @type equal to one
 *      of the names puts that region first;
 *   2. the cma_map= rules, with @type (the first rule that matches wins);
 *   3. the default area (linux,cma-default or cma=).
 *
 * The handle keeps that ordered list; an allocation tries each region in
 * turn and never touches a region the device is not bound to, nor one
 * beyond its coherent DMA mask. Every buffer is recorded against the
 * device that holds it (attribution: who holds which part of an area).
 */
#ifndef _CONTIG_CMA_DEV_H
#define _CONTIG_CMA_DEV_H

#include <contig/cma.h>
#include <contig/device.h>

#define CMA_DEV_MAX_REGIONS 4

/*
 * cma_dev_bind - resolve @dev's regions (called by the bus before probe)
 * A bad DT reference (phandle to a missing, disabled or non-reusable node)
 * is reported naming the device and the property, and skipped.
 * Return: 0 (also when the device has no regions), or -ENOMEM.
 */
int cma_dev_bind(struct device *dev);
/* Forget @dev's regions (after remove). */
void cma_dev_unbind(struct device *dev);

/*
 * cma_dev_regions - the regions @dev allocates from for @type, in order
 * Return: how many were written to @out (0: none, the page allocator only).
 */
unsigned int cma_dev_regions(struct device *dev, const char *type, struct cma **out,
			     unsigned int max);

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

struct cma_dev_info {
	phys_addr_t lower, upper;   /* lowest and highest+1 address of the regions */
	unsigned long total_pages;  /* in all the regions */
	unsigned long free_pages;
	unsigned long largest_free; /* largest free run in any one region, pages */
	unsigned long held_pages;   /* what @dev itself holds now */
	unsigned int nr_regions;
};

/* Return: 0, or -ENODEV when @dev has no region for @type. */
int cma_dev_info(struct device *dev, const char *type, struct cma_dev_info *info);

#endif /* _CONTIG_CMA_DEV_H */

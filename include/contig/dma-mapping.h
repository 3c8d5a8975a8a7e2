/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The DMA mapping API (kernel/dma/mapping.c, the DMA core), all a driver
 * calls to get buffers for its device. Bus addresses equal physical
 * addresses (no IOMMU, no dma-ranges offset).
 *
 * Coherent buffers (dma_alloc_coherent(), dma_alloc_attrs()):
 *   - come from the device's per-device coherent pool when the DT gives it
 *     a non-reusable shared-dma-pool; else, for requests larger than one
 *     page, from the CMA regions the device is bound to, tried in order
 *     (contig/cma_dev.h); else (one page or less, or a device bound to no
 *     region) from the page allocator, outside every CMA area;
 *   - never from a region that lies beyond the device's coherent mask;
 *   - are zeroed: a buffer never shows a previous owner's data;
 *   - are mapped for the CPU uncached (DMA_ATTR_WRITE_COMBINE: write-
 *     combined; on ARMv7 both are Normal non-cacheable, as in Linux), and
 *     the linear-map alias of their pages is changed to match, so no
 *     cacheable alias can write stale lines over what the device wrote;
 *   - DMA_ATTR_NO_KERNEL_MAPPING: the CPU gets no mapping (the return value
 *     is an opaque cookie for dma_free_attrs(); touching it faults). A
 *     coherent pool's buffers keep the pool's non-cacheable mapping.
 * The CPU address is the buffer's linear alias itself (one mapping, with
 * the attributes above); the device must be bound (from its probe() on).
 * Call these from process context, not from interrupt handlers.
 * Freeing a buffer that was not allocated for that device, or freeing it
 * twice, is refused with a message naming the device and the address;
 * nothing changes.
 *
 * Streaming mappings (dma_map_single() and friends) keep a cacheable
 * buffer and do the cache maintenance a transfer in each direction needs
 * (ARMv7, in Linux's order: towards the device L1 by virtual address, then
 * the outer cache by physical address; back to the CPU the outer cache
 * first, then L1):
 *   map    TO_DEVICE: clean     FROM_DEVICE: invalidate   BIDIRECTIONAL: clean+invalidate
 *   unmap  TO_DEVICE: nothing   FROM_DEVICE: invalidate   BIDIRECTIONAL: invalidate
 *   sync_for_cpu = unmap's work, sync_for_device = map's work.
 */
#ifndef _CONTIG_DMA_MAPPING_H
#define _CONTIG_DMA_MAPPING_H

#include <contig/device.h>
#include <contig/errno.h>
#include <contig/types.h>

typedef u64 dma_addr_t;

/*
 * dma_configure - make @dev ready for DMA (the bus calls it before the
 * first probe): binds its memory (its DT regions and coherent pool,
 * contig/cma_dev.h) and puts it on the DMA layer's list of devices; a
 * configured device is left as it is. Return: 0, or -ENOMEM.
 * dma_deconfigure - undo it (after remove(), or a failed probe): buffers
 * @dev still holds are reported, naming each, and given back.
 * These are all the device model calls of the DMA layer.
 */
int dma_configure(struct device *dev);
void dma_deconfigure(struct device *dev);

enum dma_data_direction {
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,
	DMA_FROM_DEVICE = 2,
	DMA_NONE = 3,
};

#define DMA_ATTR_WRITE_COMBINE (1UL << 2)
#define DMA_ATTR_NO_KERNEL_MAPPING (1UL << 4)

#define DMA_MAPPING_ERROR (~(dma_addr_t)0)
#define DMA_BIT_MASK(n) (((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))

/*
 * dma_set_mask / dma_set_coherent_mask / dma_set_mask_and_coherent
 * Return: 0, or -EIO when no RAM at all lies under @mask (the mask is then
 * left as it was).
 */
int dma_set_mask(struct device *dev, u64 mask);
int dma_set_coherent_mask(struct device *dev, u64 mask);
int dma_set_mask_and_coherent(struct device *dev, u64 mask);

/**
 * dma_alloc_attrs - allocate a coherent buffer of @size bytes for @dev
 * @dma_handle: set to the bus address of the buffer
 * @gfp: GFP_KERNEL (__GFP_NOWARN: no message on failure)
 * @attrs: DMA_ATTR_WRITE_COMBINE, DMA_ATTR_NO_KERNEL_MAPPING
 *
 * Return: the CPU address (or, with DMA_ATTR_NO_KERNEL_MAPPING, a cookie),
 * or NULL with a message naming the device, the size and what was tried.
 */
void *dma_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle,
		      gfp_t gfp, unsigned long attrs);
/*
 * dma_alloc_attrs_type - dma_alloc_attrs() for a buffer type (a contig
 * extension, from the 2010 CMA framework's buffer kinds): @type selects the
 * memory-region-names entry and the typed cma_map= rules
 * (contig/cma_dev.h); NULL is dma_alloc_attrs(). Freed with dma_free_attrs().
 */
void *dma_alloc_attrs_type(struct device *dev, const char *type, size_t size,
			   dma_addr_t *dma_handle, gfp_t gfp, unsigned long attrs);
/**
 * dma_free_attrs - give back a buffer from dma_alloc_attrs()
 * The same @size, @cpu_addr, @dma_handle and @attrs as the allocation; a
 * mismatch, a foreign or a repeated free is refused with a message.
 */
void dma_free_attrs(struct device *dev, size_t size, void *cpu_addr,
		    dma_addr_t dma_handle, unsigned long attrs);

static inline void *dma_alloc_coherent(struct device *dev, size_t size,
				       dma_addr_t *dma_handle, gfp_t gfp)
{
	return dma_alloc_attrs(dev, size, dma_handle, gfp, 0);
}

static inline void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr,
				     dma_addr_t dma_handle)
{
	dma_free_attrs(dev, size, cpu_addr, dma_handle, 0);
}

/* Write-combined coherent buffers (frame buffers), as Linux names them. */
static inline void *dma_alloc_wc(struct device *dev, size_t size, dma_addr_t *dma_handle,
				 gfp_t gfp)
{
	return dma_alloc_attrs(dev, size, dma_handle, gfp, DMA_ATTR_WRITE_COMBINE);
}

static inline void dma_free_wc(struct device *dev, size_t size, void *cpu_addr,
			       dma_addr_t dma_handle)
{
	dma_free_attrs(dev, size, cpu_addr, dma_handle, DMA_ATTR_WRITE_COMBINE);
}

/**
 * dma_map_single - hand a kernel buffer to @dev for one transfer
 * Return: its bus address, or DMA_MAPPING_ERROR (outside the device's mask,
 * not in the linear map, DMA_NONE); test with dma_mapping_error().
 */
dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size,
			  enum dma_data_direction dir);
void dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size,
		      enum dma_data_direction dir);
void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir);
void dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				enum dma_data_direction dir);

static inline int dma_mapping_error(struct device *dev, dma_addr_t addr)
{
	return addr == DMA_MAPPING_ERROR ? -ENOMEM : 0;
}

#endif /* _CONTIG_DMA_MAPPING_H */

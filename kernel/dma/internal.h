/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interfaces between the files of the DMA layer (kernel/dma/): the per-device handles
 * (contiguous.c), the coherent pools (dma_coherent.c) and the DMA mapping
 * core (mapping.c). Nothing outside them needs these.
 */
#ifndef _KERNEL_DMA_INTERNAL_H
#define _KERNEL_DMA_INTERNAL_H

#include <contig/cma_dev.h>
#include <contig/reserved_mem.h>

/*
^ * contiguous.c: cma_dev_alloc() from regions the caller resolved
 * (cma_dev_regions(), at least one); returns the attribution record.
 */
struct dma_buffer *cma_dev_carve(struct device *dev, const char *type, struct cma **regions,
				 unsigned int n, unsigned long count, unsigned int align,
				 unsigned int flags);

/* coherent.c */
struct dma_coherent_pool *dma_pool_attach(const struct reserved_mem *rm, struct device *dev);
void dma_pool_detach(struct dma_coherent_pool *pool);
bool dma_pool_fits_mask(const struct dma_coherent_pool *pool, u64 mask);
bool dma_pool_is_device(const struct dma_coherent_pool *pool);
void *dma_pool_vaddr(const struct dma_coherent_pool *pool, phys_addr_t phys);
phys_addr_t dma_pool_alloc(struct dma_coherent_pool *pool, unsigned long count);
void dma_pool_free(struct dma_coherent_pool *pool, phys_addr_t phys, unsigned long count);
unsigned long dma_pool_check(bool verbose);

/*
 * mapping.c: give back the memory of @buf, which @dev held and which
 * is already off its list (whatever API allocated it: the alias is made
 * cacheable again first). Used when a device is unbound with buffers.
 */
void dma_buffer_release(struct device *dev, struct dma_buffer *buf);

#endif /* _KERNEL_DMA_INTERNAL_H */

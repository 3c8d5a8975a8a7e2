/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interfaces between the files of the DMA layer (kernel/dma/). Calls run
 * one way, top to bottom:
 *
 *   mapping.c     the API drivers call; dma_configure() / dma_deconfigure()
 *     |
 *   contiguous.c  bind a device to its regions, resolve them, carve
 *     |
 *   coherent.c    coherent pools        ledger.c  who holds which buffer
 *
 * (mapping.c calls all three; contiguous.c calls coherent.c and ledger.c;
 * ledger.c calls coherent.c for its consistency check.) Nothing outside
 * kernel/dma/ needs these.
 */
#ifndef _KERNEL_DMA_INTERNAL_H
#define _KERNEL_DMA_INTERNAL_H

#include <contig/cma_dev.h>
#include <contig/reserved_mem.h>

/* contiguous.c: bind @dev to its DT regions and pool (0, or -ENOMEM); undo it. */
int cma_dev_bind_memory(struct device *dev);
void cma_dev_unbind_memory(struct device *dev);
/*
 * contiguous.c: carve @count pages from @dev's regions for @type into
 * @buf (not yet in the ledger). Return: 0; -ENODEV when @dev has no region
 * under its coherent mask (no message); -ENOMEM when all failed (message
 * unless CMA_ALLOC_NOWARN).
 */
int cma_dev_carve(struct device *dev, const char *type, unsigned long count, unsigned int align,
		  unsigned int flags, struct dma_buffer *buf);

/* coherent.c */
struct dma_coherent_pool *dma_pool_attach(const struct reserved_mem *rm, struct device *dev);
void dma_pool_detach(struct dma_coherent_pool *pool);
bool dma_pool_fits_mask(const struct dma_coherent_pool *pool, u64 mask);
bool dma_pool_is_device(const struct dma_coherent_pool *pool);
void *dma_pool_vaddr(const struct dma_coherent_pool *pool, phys_addr_t phys);
phys_addr_t dma_pool_alloc(struct dma_coherent_pool *pool, unsigned long count);
void dma_pool_free(struct dma_coherent_pool *pool, phys_addr_t phys, unsigned long count);
unsigned long dma_pool_check(bool verbose);

/* ledger.c: the list of configured devices (devices_lock, then a dma_lock). */
void dma_ledger_join(struct device *dev);
void dma_ledger_leave(struct device *dev);
/* ledger.c: the oldest buffer @dev holds, taken off its list, or NULL. */
struct dma_buffer *dma_buffer_take_first(struct device *dev);

#endif /* _KERNEL_DMA_INTERNAL_H */

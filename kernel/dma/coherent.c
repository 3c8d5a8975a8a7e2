// SPDX-License-Identifier: GPL-2.0-only
/*
 * Coherent pools: a non-reusable shared-dma-pool region as a device's own
 * DMA memory (Linux's kernel/dma/coherent.c "dma_coherent_mem").
 *
 * Such a region was reserved at boot (mm/reserved_mem.c) and nothing else
 * uses it: it is never lent to movable pages, so allocations from it never
 * migrate anything and never wait. The first device whose memory-region
 * names the region creates the pool; every device that names it shares
 * it (each buffer is still attributed to the device that holds it). The
 * pool maps its whole region non-cacheable in the linear map once, when
 * it is created (a no-map region has no mapping until then), so its
 * buffers need no attribute change of their own. A region outside RAM
 * (RMEM_DEVICE: a board's SRAM or video RAM) has no linear alias at all:
 * the pool maps it with arch_memremap_wc() instead, and its buffers' CPU
 * addresses come from that mapping (dma_pool_vaddr()). Pools are never
 * destroyed: the region stays reserved for the life of the system.
 *
 * A bitmap, one bit per page, says what is handed out; buffers are
 * aligned to their size rounded up to a power of two, up to a pageblock.
 *
 * Locking: pools_lock guards the pool table (creation); each pool's lock
 * guards its bitmap and counters.
 */
#define pr_fmt(fmt) "dma-pool: " fmt

#include <contig/arch.h>
#include <contig/bitmap.h>
#include <contig/cma_dev.h>
#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/reserved_mem.h>
#include <contig/slab.h>
#include <contig/spinlock.h>
#include <contig/string.h>
#include "internal.h"

struct dma_coherent_pool {
	const struct reserved_mem *rmem;
	phys_addr_t base;
	u8 *virt;               /* CPU address of base */
	unsigned long pages;
	spinlock_t lock;        /* guards what follows */
	unsigned long *bitmap;  /* set: handed out */
	unsigned long used, peak, allocs, failed;
	unsigned int users;
};

static DEFINE_SPINLOCK(pools_lock);
static struct dma_coherent_pool *pools[MAX_RESERVED_MEM];

static unsigned int rmem_index(const struct reserved_mem *rm)
{
	unsigned int i;

	for (i = 0; i < reserved_mem_count(); i++)
		if (reserved_mem_get(i) == rm)
			return i;
	return MAX_RESERVED_MEM;
}

static struct dma_coherent_pool *pool_create(const struct reserved_mem *rm, struct device *dev)
{
	struct dma_coherent_pool *pool;
	int ret;

	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (pool)
		pool->bitmap = kzalloc(BITS_TO_LONGS(PHYS_PFN(rm->size)) * sizeof(long),
				       GFP_KERNEL);
	if (!pool || !pool->bitmap) {
		dev_err(dev, "no memory for the coherent pool of region %s\n", rm->name);
		goto fail;
	}
	pool->rmem = rm;
	pool->base = rm->base;
	pool->pages = PHYS_PFN(rm->size);
	spin_lock_init(&pool->lock, "dma_coherent_pool->lock");
	if (rm->flags & RMEM_DEVICE) {
		pool->virt = arch_memremap_wc(rm->base, (size_t)rm->size);
		if (!pool->virt) {
			dev_err(dev, "cannot map region %s (%#llx+%#llx, device memory outside RAM); no coherent pool\n",
				rm->name, (unsigned long long)rm->base,
				(unsigned long long)rm->size);
			goto fail;
		}
		pr_info("%s: %lu KiB at %#llx (device memory outside RAM), mapped non-cacheable\n",
			rm->name, pool->pages * (PAGE_SIZE / 1024), (unsigned long long)rm->base);
		return pool;
	}
	ret = arch_linear_set_attr(rm->base, (size_t)rm->size, ARCH_LINEAR_NONCACHED);
	if (ret) {
		dev_err(dev, "cannot map region %s (%#llx+%#llx) non-cacheable: %s; no coherent pool\n",
			rm->name, (unsigned long long)rm->base, (unsigned long long)rm->size,
			errname(ret));
		goto fail;
	}
	pool->virt = __va(rm->base);
	pr_info("%s: %lu KiB at %#llx%s, mapped non-cacheable\n", rm->name,
		pool->pages * (PAGE_SIZE / 1024), (unsigned long long)rm->base,
		(rm->flags & RMEM_NOMAP) ? " (no-map)" : "");
	return pool;
fail:
	if (pool)
		kfree(pool->bitmap);
	kfree(pool);
	return NULL;
}

/**
 * dma_pool_attach - the coherent pool of region @rm, for @dev
 * @rm: a non-reusable shared-dma-pool region
 * @dev: the device that names it (for messages)
 *
 * Creates the pool when @rm has none yet (mapping the region
 * non-cacheable) and counts @dev as a user.
 * Return: the pool, or NULL with a message.
 */
struct dma_coherent_pool *dma_pool_attach(const struct reserved_mem *rm, struct device *dev)
{
	unsigned int idx = rmem_index(rm);
	struct dma_coherent_pool *pool;

	if (idx >= MAX_RESERVED_MEM)
		return NULL;
	spin_lock(&pools_lock);
	pool = pools[idx];
	if (!pool) {
		pool = pool_create(rm, dev);
		pools[idx] = pool;
	}
	if (pool) {
		spin_lock(&pool->lock);
		pool->users++;
		spin_unlock(&pool->lock);
	}
	spin_unlock(&pools_lock);
	return pool;
}

/** dma_pool_detach - @dev no longer uses @pool (its buffers were given back) */
void dma_pool_detach(struct dma_coherent_pool *pool)
{
	spin_lock(&pool->lock);
	ASSERT_MSG(pool->users > 0, "pool %s has no users", pool->rmem->name);
	pool->users--;
	spin_unlock(&pool->lock);
}

/**
 * dma_pool_fits_mask - whether all of @pool lies at or below @mask
 * The pool's place never changes: no lock needed.
 */
bool dma_pool_fits_mask(const struct dma_coherent_pool *pool, u64 mask)
{
	return pool->base + PFN_PHYS(pool->pages) - 1 <= mask;
}

/** dma_pool_is_device - whether @pool is device memory outside RAM (no linear alias) */
bool dma_pool_is_device(const struct dma_coherent_pool *pool)
{
	return pool->rmem->flags & RMEM_DEVICE;
}

/**
 * dma_pool_vaddr - the CPU address of @phys, inside @pool
 * The mapping never changes: no lock needed.
 */
void *dma_pool_vaddr(const struct dma_coherent_pool *pool, phys_addr_t phys)
{
	ASSERT_MSG(phys >= pool->base && phys - pool->base < PFN_PHYS(pool->pages),
		   "%#llx outside pool %s", (unsigned long long)phys, pool->rmem->name);
	return pool->virt + (phys - pool->base);
}

/**
 * dma_pool_alloc - take @count pages from @pool
 * Return: the physical address of the first page, or 0 when the pool has
 * no free run that long.
 */
phys_addr_t dma_pool_alloc(struct dma_coherent_pool *pool, unsigned long count)
{
	unsigned long mask = (1UL << dma_align_order(count)) - 1, no;
	phys_addr_t phys = 0;

	spin_lock(&pool->lock);
	no = bitmap_find_next_zero_area_off(pool->bitmap, pool->pages, 0, count, mask, 0);
	if (count && no < pool->pages && no + count <= pool->pages) {
		bitmap_set(pool->bitmap, no, count);
		pool->used += count;
		pool->peak = max(pool->peak, pool->used);
		pool->allocs++;
		phys = pool->base + PFN_PHYS(no);
	} else {
		pool->failed++;
	}
	spin_unlock(&pool->lock);
	return phys;
}

/**
 * dma_pool_free - give @count pages at @phys back to @pool
 * The caller has checked they are a buffer of the pool (the ledger); the
 * bitmap must agree, else the pool is corrupt and this asserts.
 */
void dma_pool_free(struct dma_coherent_pool *pool, phys_addr_t phys, unsigned long count)
{
	unsigned long no = PHYS_PFN(phys - pool->base), i;

	ASSERT_MSG(phys >= pool->base && no + count <= pool->pages,
		   "%#llx+%lu pages outside pool %s", (unsigned long long)phys, count,
		   pool->rmem->name);
	spin_lock(&pool->lock);
	for (i = no; i < no + count; i++)
		ASSERT_MSG(test_bit(i, pool->bitmap), "pool %s page %lu is free already",
			   pool->rmem->name, i);
	bitmap_clear(pool->bitmap, no, count);
	pool->used -= count;
	spin_unlock(&pool->lock);
}

/** dma_pool_get_info - a snapshot of @pool's state */
void dma_pool_get_info(struct dma_coherent_pool *pool, struct dma_pool_info *info)
{
	spin_lock(&pool->lock);
	*info = (struct dma_pool_info){
		.name = pool->rmem->name,
		.base = pool->base,
		.size = PFN_PHYS(pool->pages),
		.total_pages = pool->pages,
		.used_pages = pool->used,
		.largest_free = bitmap_largest_zero_run(pool->bitmap, pool->pages),
		.peak_pages = pool->peak,
		.allocs = pool->allocs,
		.failed = pool->failed,
		.users = pool->users,
		.nomap = pool->rmem->flags & RMEM_NOMAP,
		.device = pool->rmem->flags & RMEM_DEVICE,
	};
	spin_unlock(&pool->lock);
}

/**
 * dma_pool_check - consistency of every pool: the used counter equals the
 * bitmap. Return: problems found (printed when @verbose).
 */
unsigned long dma_pool_check(bool verbose)
{
	unsigned long errors = 0, set;
	unsigned int p;

	spin_lock(&pools_lock);
	for (p = 0; p < MAX_RESERVED_MEM; p++) {
		struct dma_coherent_pool *pool = pools[p];

		if (!pool)
			continue;
		spin_lock(&pool->lock);
		set = bitmap_weight(pool->bitmap, pool->pages);
		if (set != pool->used) {
			errors++;
			if (verbose)
				pr_err("check: pool %s: used counter %lu, bitmap %lu pages\n",
				       pool->rmem->name, pool->used, set);
		}
		spin_unlock(&pool->lock);
	}
	spin_unlock(&pools_lock);
	return errors;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DMA mapping core (include/contig/dma-mapping.h): configuring a
 * device for DMA, coherent buffers and streaming mappings for drivers.
 * The top of the DMA layer: it calls contiguous.c, coherent.c and
 * ledger.c, and none of them calls back (internal.h).
 *
 * Configuring. The device model calls dma_configure() before a device's
 * first probe and dma_deconfigure() after its remove() (or a failed
 * probe), and nothing else of this layer. dma_configure() binds the device
 * to its memory (contiguous.c: its CMA regions and coherent pool) and puts
 * it on the ledger's list of devices (ledger.c); dma_deconfigure() gives
 * back, with a warning naming each, the buffers the device still holds,
 * then takes it off the list and unbinds its memory.
 *
 * Coherent buffers. A device with a coherent pool (a non-reusable
 * shared-dma-pool in its memory-region) allocates from the pool only, as
 * in Linux. Otherwise a request of more than one page is carved from the
 * device's CMA regions (contiguous.c: memory-region, cma_map=, default area;
 * none beyond its coherent mask), aligned to its size rounded up to a
 * power of two but at most to a pageblock; a request of one page, or from
 * a device with no usable region, comes from the page allocator
 * (unmovable, so never from a CMA pageblock), retried a few times when a
 * block lands beyond the coherent mask. dma_alloc_attrs_type() reads top
 * down: the record, the memory (one of those three), then
 *
 *   1. the buffer is zeroed through its cacheable linear alias (a pool is
 *      non-cacheable already and is zeroed through that alias; a carve is
 *      zeroed by the CMA core, CMA_ALLOC_ZERO, unless it came from the
 *      region's ready reserve, which is zeroed already);
 *   2. arch_linear_set_attr() makes the alias non-cacheable (unmapped for
 *      DMA_ATTR_NO_KERNEL_MAPPING), cleaning+invalidating L1 and the outer
 *      cache first so the zeroes are in memory and no cacheable line is
 *      left to be written back over what the device writes;
 *   3. the buffer goes into the ledger under the device (struct dma_buffer).
 * The CPU address is the linear alias itself (the cookie of a
 * DMA_ATTR_NO_KERNEL_MAPPING buffer is that unmapped alias: touching it
 * faults). Freeing checks the ledger first (device, address, size,
 * attributes), restores the cacheable alias, then gives the memory back.
 *
 * Streaming mappings keep the buffer cacheable and maintain the caches
 * around each transfer, in Linux's order: to the device, L1 by virtual
 * address then the outer cache by physical address; back to the CPU, the
 * outer cache first, then L1.
 *
 *   call                       TO_DEVICE      FROM_DEVICE    BIDIRECTIONAL
 *   map / sync_for_device      L1 clean,      L1 inv,        L1 clean+inv,
 *                              outer clean    outer inv      outer clean
 *   unmap / sync_for_cpu       nothing        outer inv,     outer inv,
 *                                             L1 inv         L1 inv
 *
 * Streaming mappings are not recorded (as in Linux without
 * CONFIG_DMA_API_DEBUG): unmap checks only that the address is RAM.
 *
 * Locking: none of its own. The ledger is under each device's dma_lock
 * (ledger.c); the pages a call works on are owned by the caller.
 * dma_configure() and dma_deconfigure() of one device are called one at a
 * time (the device model's probe lock, or the one caller that binds a
 * device by hand).
 */
#define pr_fmt(fmt) "dma: " fmt

#include <contig/arch.h>
#include <contig/cma_dev.h>
#include <contig/dma-mapping.h>
#include <contig/kernel.h>
#include <contig/memblock.h>
#include <contig/mm.h>
#include <contig/outer_cache.h>
#include <contig/phase.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <contig/trace/dma.h>
#include "internal.h"

/* Page-allocator blocks that landed beyond the mask are kept aside and retried. */
#define DMA_PAGES_TRIES 8
#define DMA_ATTR_KNOWN (DMA_ATTR_WRITE_COMBINE | DMA_ATTR_NO_KERNEL_MAPPING)

/* ---- masks -------------------------------------------------------------- */

/* Refuse @mask, with a message, when no RAM lies under it; @old is the mask it would replace. */
static int check_mask(struct device *dev, u64 mask, const char *which, u64 old)
{
	phys_addr_t ram = memblock_start_of_DRAM();

	if (mask < ram) {
		dev_err(dev, "%s %#llx is below all RAM (which starts at %#llx): refused, the mask stays %#llx\n",
			which, (unsigned long long)mask, (unsigned long long)ram,
			(unsigned long long)old);
		return -EIO;
	}
	return 0;
}

/**
 * dma_set_mask - the addresses @dev can reach with streaming mappings
 * @dev: the device
 * @mask: highest reachable address, e.g. DMA_BIT_MASK(32)
 * Return: 0, or -EIO (with a message) when no RAM lies under @mask.
 */
int dma_set_mask(struct device *dev, u64 mask)
{
	int ret = check_mask(dev, mask, "DMA mask", dev->dma_mask);

	if (!ret)
		WRITE_ONCE(dev->dma_mask, mask);
	return ret;
}

/**
 * dma_set_coherent_mask - the addresses @dev's coherent buffers may use
 * @dev: the device
 * @mask: highest reachable address; regions ending above it are not used
 * Return: 0, or -EIO (with a message) when no RAM lies under @mask.
 */
int dma_set_coherent_mask(struct device *dev, u64 mask)
{
	int ret = check_mask(dev, mask, "coherent DMA mask", dev->coherent_dma_mask);

	if (!ret)
		WRITE_ONCE(dev->coherent_dma_mask, mask);
	return ret;
}

/**
 * dma_set_mask_and_coherent - set both masks to @mask
 * Return: 0, or -EIO when no RAM lies under @mask (neither changes).
 */
int dma_set_mask_and_coherent(struct device *dev, u64 mask)
{
	int ret = dma_set_mask(dev, mask);

	return ret ? ret : dma_set_coherent_mask(dev, mask);
}

/* ---- coherent buffers ---------------------------------------------------- */

/*
 * The largest size PFN_UP() can round to whole pages: one byte more and the
 * page count wraps to 0 (and PFN_PHYS() of the count no longer fits).
 */
#define DMA_SIZE_MAX (~(size_t)0 - (PAGE_SIZE - 1))

/* Take @count pages from @dev's coherent pool into @buf. Return: 0, or -ENOMEM. */
static int alloc_from_pool(struct device *dev, struct dma_buffer *buf, unsigned long count,
			   bool warn)
{
	struct dma_pool_info pi;
	phys_addr_t phys;

	if (!dma_pool_fits_mask(dev->dma_pool, dev->coherent_dma_mask)) {
		if (!warn)
			return -ENOMEM;
		dma_pool_get_info(dev->dma_pool, &pi);
		dev_err(dev, "its coherent pool %s (%#llx-%#llx) ends beyond its coherent mask %#llx: not used\n",
			pi.name, (unsigned long long)pi.base, (unsigned long long)(pi.base + pi.size - 1),
			(unsigned long long)dev->coherent_dma_mask);
		return -ENOMEM;
	}
	phys = dma_pool_alloc(dev->dma_pool, count);
	if (!phys) {
		if (warn) {
			dma_pool_get_info(dev->dma_pool, &pi);
			dev_err(dev, "its coherent pool %s has no free run of %lu pages (%lu of %lu used, largest free run %lu)\n",
				pi.name, count, pi.used_pages, pi.total_pages, pi.largest_free);
		}
		return -ENOMEM;
	}
	buf->kind = DMA_BUF_POOL;
	buf->phys = phys;
	buf->pages = count;
	return 0;
}

/*
 * Take @count pages from the page allocator into @buf, under @dev's
 * coherent mask. Return: 0, or -ENOMEM.
 */
static int alloc_from_pages(struct device *dev, struct dma_buffer *buf, unsigned long count,
			    bool warn)
{
	unsigned int order = order_base_2(count), tries;
	struct page *rejected[DMA_PAGES_TRIES];
	struct page *page = NULL;

	if (order >= MAX_ORDER) {
		if (warn)
			dev_err(dev, "has no CMA region under its coherent mask, and %lu pages is more than the page allocator gives at once (order %d)\n",
				count, MAX_ORDER - 1);
		return -ENOMEM;
	}
	for (tries = 0; tries < DMA_PAGES_TRIES; tries++) {
		page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order);
		if (!page || page_to_phys(page) + (PAGE_SIZE << order) - 1 <= dev->coherent_dma_mask)
			break;
		rejected[tries] = page;
		page = NULL;
	}
	while (tries > 0)
		__free_pages(rejected[--tries], order);
	if (!page) {
		if (warn)
			dev_err(dev, "the page allocator has no free block of order %u under its coherent mask %#llx\n",
				order, (unsigned long long)dev->coherent_dma_mask);
		return -ENOMEM;
	}
	buf->kind = DMA_BUF_PAGES;
	buf->phys = page_to_phys(page);
	buf->pages = count;
	buf->order = order;
	return 0;
}

/*
 * The memory of @buf's @count pages for @dev: its coherent pool when it
 * has one, else a carve from its regions when it asks more than a page
 * and has a region for @type, else the page allocator.
 */
static int alloc_memory(struct device *dev, const char *type, struct dma_buffer *buf,
			unsigned long count, bool warn)
{
	int ret = -ENODEV;

	if (dev->dma_pool)
		return alloc_from_pool(dev, buf, count, warn);
	if (count > 1)
		ret = cma_dev_carve(dev, type, count, dma_align_order(count),
				    (warn ? 0 : CMA_ALLOC_NOWARN) | CMA_ALLOC_ZERO, buf);
	if (ret == -ENODEV)
		ret = alloc_from_pages(dev, buf, count, warn);
	return ret;
}

/**
 * dma_alloc_attrs_type - dma_alloc_attrs() for a buffer type
 * @type: selects the memory-region-names entry and the typed cma_map=
 *        rules (contig/cma_dev.h); NULL: none
 *
 * See dma_alloc_attrs() for the rest.
 * Return: the CPU address (or cookie), or NULL with a message.
 */
void *dma_alloc_attrs_type(struct device *dev, const char *type, size_t size,
			   dma_addr_t *dma_handle, gfp_t gfp, unsigned long attrs)
{
	bool warn = !(gfp & __GFP_NOWARN);
	unsigned long count;
	struct dma_buffer *buf;
	size_t bytes;
	void *va;
	u64 t0;

	if (!dev || !dma_handle || !size || (attrs & ~DMA_ATTR_KNOWN)) {
		if (dev && warn)
			dev_err(dev, "dma_alloc_attrs(size %zu, attrs %#lx): bad call (size 0, no dma_handle or unknown attributes)\n",
				size, attrs);
		return NULL;
	}
	if (!dev->cma) {
		if (warn)
			dev_err(dev, "dma_alloc_attrs(): the device is not bound to its memory: allocate from its probe() on\n");
		return NULL;
	}
	if (size > DMA_SIZE_MAX) {
		if (warn)
			dev_err(dev, "dma_alloc_attrs(size %#zx): the size overflows when rounded up to whole pages; refused\n",
				size);
		return NULL;
	}
	count = PFN_UP(size);
	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf) {
		if (warn)
			dev_err(dev, "no memory to record a buffer of %lu pages\n", count);
		return NULL;
	}
	/* The memory: the pool, a carve or the page allocator. */
	if (alloc_memory(dev, type, buf, count, warn)) {
		kfree(buf);
		return NULL;
	}

	/* 1. Zeroed. */
	bytes = PFN_PHYS(count);
	t0 = phase_begin();
	if (buf->kind == DMA_BUF_POOL) {
		/* A pool may be device memory outside RAM, mapped on its own. */
		va = dma_pool_vaddr(dev->dma_pool, buf->phys);
		memset(va, 0, bytes);
	} else {
		va = __va(buf->phys);
		if (buf->kind != DMA_BUF_CMA) /* CMA_ALLOC_ZERO zeroed it */
			arch_zero_pages(va, bytes);
	}
	phase_end(PHASE_ZERO, t0);
	/* 2. The linear alias made non-cacheable (a pool's is already). */
	if (buf->kind != DMA_BUF_POOL) {
		int ret;

		t0 = phase_begin();
		ret = arch_linear_set_attr(buf->phys, bytes,
					   (attrs & DMA_ATTR_NO_KERNEL_MAPPING) ?
						   ARCH_LINEAR_UNMAPPED : ARCH_LINEAR_NONCACHED);
		phase_end(PHASE_LINEAR_ATTR, t0);
		ASSERT_MSG(!ret, "%s: linear alias of %#llx+%zu: %d", dev->name,
			   (unsigned long long)buf->phys, bytes, ret);
	}
	/* 3. Into the ledger, under the device. */
	buf->cpu_addr = va;
	buf->attrs = attrs;
	dma_buffer_add(dev, buf);
	if (buf->kind != DMA_BUF_CMA)
		trace_dma_buffer(false, dev, buf);
	*dma_handle = buf->phys;
	return va;
}

/**
 * dma_alloc_attrs - allocate a zeroed coherent buffer of @size bytes for @dev
 * @dev: a bound device (from its probe() on)
 * @size: bytes (rounded up to pages)
 * @dma_handle: set to the bus address of the buffer
 * @gfp: GFP_KERNEL (__GFP_NOWARN: no message on failure)
 * @attrs: DMA_ATTR_WRITE_COMBINE, DMA_ATTR_NO_KERNEL_MAPPING
 *
 * Return: the CPU address (with DMA_ATTR_NO_KERNEL_MAPPING, a cookie that
 * faults when touched), or NULL with a message naming the device, the size
 * and what was tried.
 */
void *dma_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp,
		      unsigned long attrs)
{
	return dma_alloc_attrs_type(dev, NULL, size, dma_handle, gfp, attrs);
}

/*
 * Give back the memory of a buffer @dev held, whatever API allocated it
 * (the alias is made cacheable again first). @buf is already off @dev's
 * list; the caller frees it.
 */
static void release_buffer(struct device *dev, struct dma_buffer *buf)
{
	size_t bytes = PFN_PHYS(buf->pages);
	/* Not for a pool buffer: a pool may lie outside RAM (no struct page). */
	struct page *page = buf->kind == DMA_BUF_POOL ? NULL : pfn_to_page(PHYS_PFN(buf->phys));
	u64 t0;

	if (buf->cpu_addr && buf->kind != DMA_BUF_POOL) {
		t0 = phase_begin();
		ASSERT_MSG(!arch_linear_set_attr(buf->phys, bytes, ARCH_LINEAR_CACHED),
			   "%s: %#llx+%zu", dev->name, (unsigned long long)buf->phys, bytes);
		phase_end(PHASE_LINEAR_ATTR, t0);
	}
	t0 = phase_begin();
	switch (buf->kind) {
	case DMA_BUF_POOL:
		ASSERT_MSG(dev->dma_pool, "%s: pool buffer %#llx but no pool", dev->name,
			   (unsigned long long)buf->phys);
		dma_pool_free(dev->dma_pool, buf->phys, buf->pages);
		trace_dma_buffer(true, dev, buf);
		break;
	case DMA_BUF_PAGES:
		__free_pages(page, buf->order);
		trace_dma_buffer(true, dev, buf);
		break;
	case DMA_BUF_CMA:
		if (!cma_release_for(buf->cma, page, buf->pages, dev->name))
			dev_err(dev, "region %s refused buffer %#llx+%lu pages the device held: it is lost\n",
				cma_get_name(buf->cma), (unsigned long long)buf->phys, buf->pages);
		break;
	}
	phase_end(PHASE_RELEASE, t0);
}

/**
 * dma_free_attrs - give back a buffer from dma_alloc_attrs()
 * @dev: the device that holds it
 * @size: the size it was allocated with
 * @cpu_addr: what dma_alloc_attrs() returned
 * @dma_handle: the bus address it set
 * @attrs: the attributes it was allocated with
 *
 * Anything that does not match a buffer @dev holds (another device's
 * buffer, one freed already, a different address, size or attributes) is
 * refused with a message naming the device and the address; nothing
 * changes then.
 */
void dma_free_attrs(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle,
		    unsigned long attrs)
{
	struct dma_buffer *buf;
	/* A size whose page count wraps gives 0 pages, which no buffer has. */
	unsigned long count = size > DMA_SIZE_MAX ? 0 : PFN_UP(size);
	char other[DEVICE_NAME_LEN];
	const char *why = NULL;

	if (!dev)
		return;
	spin_lock(&dev->dma_lock);
	buf = dma_buffer_find_locked(dev, (phys_addr_t)dma_handle);
	if (buf) {
		if (!buf->cpu_addr)
			why = "it is a cma_dev_alloc() buffer: give it back with cma_dev_release()";
		else if (buf->cpu_addr != cpu_addr)
			why = "the CPU address is not the one dma_alloc_attrs() returned";
		else if (buf->pages != count)
			why = "the size is not the one it was allocated with";
		else if ((buf->attrs ^ attrs) & DMA_ATTR_KNOWN)
			why = "the attributes are not the ones it was allocated with";
		else
			list_del_init(&buf->node);
	}
	spin_unlock(&dev->dma_lock);

	if (!buf) {
		if (dma_buffer_holder((phys_addr_t)dma_handle, dev, other, sizeof(other)))
			dev_err(dev, "dma_free_attrs(%#llx, %zu bytes): the buffer is %s's, not this device's; refused\n",
				(unsigned long long)dma_handle, size, other);
		else
			dev_err(dev, "dma_free_attrs(%#llx, %zu bytes): not a buffer this device holds (freed twice?); refused\n",
				(unsigned long long)dma_handle, size);
		return;
	}
	if (why) {
		dev_err(dev, "dma_free_attrs(%#llx, %zu bytes, attrs %#lx): %s; refused\n",
			(unsigned long long)dma_handle, size, attrs, why);
		return;
	}
	release_buffer(dev, buf);
	kfree(buf);
}

/* ---- configuring a device ------------------------------------------------ */

/**
 * dma_configure - make @dev ready for DMA
 * @dev: the device (the bus calls this before its first probe)
 *
 * Binds @dev to its memory (its DT regions and coherent pool, reporting
 * each bad memory-region entry: contig/cma_dev.h) and puts it on the
 * ledger's list of devices. A device configured already (one whose probe
 * deferred) is left as it is.
 * Return: 0, or -ENOMEM.
 */
int dma_configure(struct device *dev)
{
	int ret;

	if (dev->cma)
		return 0;
	ret = cma_dev_bind_memory(dev);
	if (!ret)
		dma_ledger_join(dev);
	return ret;
}

/**
 * dma_deconfigure - undo dma_configure()
 * @dev: the device (after its driver's remove(), or a failed probe; it
 *       may never have been configured)
 *
 * Each buffer @dev still holds is reported, naming the device, the
 * address and the size, and given back: nothing drives the device any
 * more, and a buffer with no holder would leak. Then @dev leaves the
 * ledger's list and forgets its regions and pool.
 */
void dma_deconfigure(struct device *dev)
{
	struct dma_buffer *buf;

	while ((buf = dma_buffer_take_first(dev))) {
		dev_warn(dev, "still holds a %s buffer at %#llx (%lu pages) on unbind: its driver did not free it; freeing it now\n",
			 dma_buf_kind_names[buf->kind], (unsigned long long)buf->phys, buf->pages);
		release_buffer(dev, buf);
		kfree(buf);
	}
	dma_ledger_leave(dev);
	cma_dev_unbind_memory(dev);
}

/* ---- streaming mappings --------------------------------------------------- */

static bool dir_valid(struct device *dev, enum dma_data_direction dir, const char *fn)
{
	if (dir == DMA_BIDIRECTIONAL || dir == DMA_TO_DEVICE || dir == DMA_FROM_DEVICE)
		return true;
	dev_err(dev, "%s: direction %d is not DMA_TO_DEVICE, DMA_FROM_DEVICE or DMA_BIDIRECTIONAL; nothing done\n",
		fn, (int)dir);
	return false;
}

/* The CPU hands [@va, @va + @size) (physical @pa) to the device. */
static void cpu_to_dev(const void *va, phys_addr_t pa, size_t size, enum dma_data_direction dir)
{
	switch (dir) {
	case DMA_TO_DEVICE:
		arch_dcache_clean_range(va, size);
		outer_clean_range(pa, pa + size);
		break;
	case DMA_FROM_DEVICE:
		arch_dcache_inv_range(va, size);
		outer_inv_range(pa, pa + size);
		break;
	default:
		arch_dcache_flush_range(va, size);
		outer_clean_range(pa, pa + size);
		break;
	}
}

/* The device hands the buffer back to the CPU. */
static void dev_to_cpu(const void *va, phys_addr_t pa, size_t size, enum dma_data_direction dir)
{
	if (dir == DMA_TO_DEVICE)
		return;
	outer_inv_range(pa, pa + size);
	arch_dcache_inv_range(va, size);
}

/* The bus address of @ptr..+@size when @dev can use it, else an error. */
static dma_addr_t check_buffer(struct device *dev, const void *ptr, size_t size, const char *fn)
{
	phys_addr_t pa;

	if (!size || !ptr || !arch_virt_addr_valid(ptr) ||
	    !arch_virt_addr_valid((const char *)ptr + size - 1)) {
		dev_err(dev, "%s(%p, %zu bytes): not a buffer in the linear map (kmalloc, get_free_pages or a CMA buffer; not the stack nor a movable page's window address)\n",
			fn, ptr, size);
		return DMA_MAPPING_ERROR;
	}
	pa = __pa(ptr);
	if (arch_linear_get_attr(pa) == ARCH_LINEAR_UNMAPPED ||
	    arch_linear_get_attr(pa + size - 1) == ARCH_LINEAR_UNMAPPED) {
		dev_err(dev, "%s(%#llx, %zu bytes): the buffer has no kernel mapping (a no-map region or a DMA_ATTR_NO_KERNEL_MAPPING buffer)\n",
			fn, (unsigned long long)pa, size);
		return DMA_MAPPING_ERROR;
	}
	if (pa + size - 1 > dev->dma_mask) {
		dev_err(dev, "%s(%#llx, %zu bytes): beyond its DMA mask %#llx\n", fn,
			(unsigned long long)pa, size, (unsigned long long)dev->dma_mask);
		return DMA_MAPPING_ERROR;
	}
	return pa;
}

/* The linear address of bus address @addr..+@size, or NULL with a message. */
static void *check_handle(struct device *dev, dma_addr_t addr, size_t size, const char *fn)
{
	if (!size || addr + size < addr || addr + size > PFN_PHYS(max_pfn) ||
	    !pfn_valid(PHYS_PFN(addr))) {
		dev_err(dev, "%s(%#llx, %zu bytes): not RAM; nothing done\n", fn,
			(unsigned long long)addr, size);
		return NULL;
	}
	return __va(addr);
}

/**
 * dma_map_single - hand a kernel buffer to @dev for one transfer
 * @dev: the device
 * @ptr: the buffer, in the linear map
 * @size: bytes
 * @dir: DMA_TO_DEVICE, DMA_FROM_DEVICE or DMA_BIDIRECTIONAL
 *
 * Does the cache maintenance of the table above for @dir.
 * Return: the bus address, or DMA_MAPPING_ERROR with a message.
 */
dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size,
			  enum dma_data_direction dir)
{
	dma_addr_t addr;

	if (!dev || !dir_valid(dev, dir, "dma_map_single"))
		return DMA_MAPPING_ERROR;
	addr = check_buffer(dev, ptr, size, "dma_map_single");
	if (addr != DMA_MAPPING_ERROR)
		cpu_to_dev(ptr, addr, size, dir);
	return addr;
}

/* The maintenance of unmap / sync_for_cpu (@fn names the call in messages). */
static void to_cpu(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir,
		   const char *fn)
{
	void *va;

	if (!dev || !dir_valid(dev, dir, fn))
		return;
	va = check_handle(dev, addr, size, fn);
	if (va)
		dev_to_cpu(va, addr, size, dir);
}

/**
 * dma_unmap_single - the transfer of a dma_map_single() buffer is over
 * @dev: the device
 * @addr: what dma_map_single() returned
 * @size: bytes, as mapped
 * @dir: as mapped
 */
void dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size,
		      enum dma_data_direction dir)
{
	to_cpu(dev, addr, size, dir, "dma_unmap_single");
}

/**
 * dma_sync_single_for_cpu - let the CPU look at a mapped buffer
 * Does dma_unmap_single()'s maintenance; the mapping stays.
 */
void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir)
{
	to_cpu(dev, addr, size, dir, "dma_sync_single_for_cpu");
}

/**
 * dma_sync_single_for_device - give a mapped buffer back to the device
 * Does dma_map_single()'s maintenance.
 */
void dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				enum dma_data_direction dir)
{
	void *va;

	if (!dev || !dir_valid(dev, dir, "dma_sync_single_for_device"))
		return;
	va = check_handle(dev, addr, size, "dma_sync_single_for_device");
	if (va && addr + size - 1 <= dev->dma_mask)
		cpu_to_dev(va, addr, size, dir);
	else if (va)
		dev_err(dev, "dma_sync_single_for_device(%#llx, %zu bytes): beyond its DMA mask %#llx; nothing done\n",
			(unsigned long long)addr, size, (unsigned long long)dev->dma_mask);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-device CMA handles (include/contig/cma_dev.h): binding a device to
 * its regions, resolving them for a request, and carving from them.
 *
 * Binding. cma_dev_bind_memory() runs once per device, from
 * dma_configure() before its first probe: it reads the device's DT
 * "memory-region" phandles (and "memory-region-names") into a handle, the
 * ordered list of CMA regions the DT gives it, and attaches the coherent
 * pool (coherent.c) when an entry is a non-reusable shared-dma-pool.
 * Every bad entry is reported naming the device, the property, the entry
 * and what to change, and skipped; binding itself only fails for lack of
 * memory. The handle is the proof that a device was bound: allocation
 * requires it.
 *
 * Resolution (cma_dev_regions()), for a request of type @type: the DT list
 * (the entry named @type first), else the cma_map= rules for the device's
 * name and @type (looked up now, so rule changes apply at once), else the
 * default area; then every region that ends beyond the device's coherent
 * DMA mask is dropped.
 *
 * Carving. cma_dev_carve() tries the resolved regions in order and, when
 * all fail, says why each did; it fills in a buffer record that its
 * caller (cma_dev_alloc() here, dma_alloc_attrs() in mapping.c) puts in
 * the ledger (ledger.c) once the buffer is ready. cma_dev_release() checks
 * the ledger before it gives anything back.
 *
 * Locking: the handle and the pool pointer are published and cleared
 * under the device's dma_lock; resolution works on a snapshot taken under
 * it, so displays may read while the device is unbound.
 */
#define pr_fmt(fmt) "cma_dev: " fmt

#include <contig/arch.h>
#include <contig/cma_dev.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/alloc_contig.h>
#include <contig/of.h>
#include <contig/reserved_mem.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <libfdt.h>
#include "internal.h"

struct cma_dev {
	unsigned int nr;                                /* DT regions */
	struct cma *region[CMA_DEV_MAX_REGIONS];
	char name[CMA_DEV_MAX_REGIONS][CMA_NAME_LEN];   /* memory-region-names, or "" */
};

const char *const cma_dev_source_names[] = {
	[CMA_DEV_NONE] = "none (page allocator)",
	[CMA_DEV_DT] = "memory-region",
	[CMA_DEV_CMA_MAP] = "cma_map=",
	[CMA_DEV_DEFAULT] = "default area",
};

/* ---- binding ----------------------------------------------------------- */

static const struct reserved_mem *rmem_by_node(int node)
{
	unsigned int i;

	for (i = 0; i < reserved_mem_count(); i++)
		if (reserved_mem_get(i)->fdt_node == node)
			return reserved_mem_get(i);
	return NULL;
}

/* Add DT entry @i (node @node) to @h or @dev's pool; report what is wrong. */
static void bind_entry(struct device *dev, struct cma_dev *h, const void *fdt, unsigned int i,
		       u32 phandle, int node, const char *name, struct dma_coherent_pool **pool)
{
	const struct reserved_mem *rm;
	char path[96];
	unsigned int j;

	if (node < 0) {
		dev_err(dev, "memory-region entry %u: phandle %#x points to no node; fix the reference; entry skipped\n",
			i, phandle);
		return;
	}
	of_node_path(fdt, node, path, sizeof(path));
	if (!of_node_is_enabled(fdt, node)) {
		dev_err(dev, "memory-region entry %u: %s is disabled (status = \"%s\"); enable it or drop the entry; entry skipped\n",
			i, path, (const char *)fdt_getprop(fdt, node, "status", NULL));
		return;
	}
	rm = rmem_by_node(node);
	if (!rm) {
		dev_err(dev, "memory-region entry %u: %s is not a reserved region (it is not a child of /reserved-memory, or it was dropped at boot: see the reserved-memory messages); entry skipped\n",
			i, path);
		return;
	}
	if (!(rm->flags & RMEM_DMA_POOL)) {
		dev_err(dev, "memory-region entry %u: region %s (%s) is not a shared-dma-pool: devices allocate only from compatible = \"shared-dma-pool\" regions; entry skipped\n",
			i, rm->name, path);
		return;
	}
	if (!rm->cma) {
		/* Non-reusable: the device's coherent pool. */
		if (*pool) {
			dev_err(dev, "memory-region entry %u: region %s is a second coherent pool (non-reusable shared-dma-pool); a device has one; entry skipped\n",
				i, rm->name);
			return;
		}
		*pool = dma_pool_attach(rm, dev);
		return;
	}
	for (j = 0; j < h->nr; j++) {
		if (h->region[j] == rm->cma) {
			dev_err(dev, "memory-region entry %u: region %s is listed twice; entry skipped\n",
				i, rm->name);
			return;
		}
	}
	if (h->nr == CMA_DEV_MAX_REGIONS) {
		dev_err(dev, "memory-region entry %u: region %s: a device takes at most %d regions; entry skipped\n",
			i, rm->name, CMA_DEV_MAX_REGIONS);
		return;
	}
	h->region[h->nr] = rm->cma;
	strscpy_trunc(h->name[h->nr], name ? name : "", sizeof(h->name[0]));
	h->nr++;
}

/**
 * cma_dev_bind_memory - read @dev's DT regions into its handle
 * @dev: the device (dma_configure(), before its first probe)
 *
 * Reports each bad memory-region entry (see contig/cma_dev.h) and skips it.
 * Return: 0 (also when @dev is bound already), or -ENOMEM when the handle
 * cannot be allocated.
 */
int cma_dev_bind_memory(struct device *dev)
{
	const void *fdt = initial_boot_params;
	const fdt32_t *ph = NULL;
	int len = 0, nnames;
	struct dma_coherent_pool *pool = NULL;
	unsigned int i, n = 0;
	bool names = false;
	struct cma_dev *h;

	if (dev->cma)
		return 0;
	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return -ENOMEM;
	if (dev->of_node >= 0 && fdt)
		ph = fdt_getprop(fdt, dev->of_node, "memory-region", &len);
	if (ph && (len <= 0 || len % 4)) {
		dev_err(dev, "memory-region is malformed (%d bytes): give a list of phandles, e.g. <&video>; ignored\n",
			len);
		ph = NULL;
	}
	if (ph) {
		n = (unsigned int)len / 4;
		nnames = fdt_stringlist_count(fdt, dev->of_node, "memory-region-names");
		names = nnames == (int)n;
		if (nnames > 0 && !names)
			dev_err(dev, "memory-region-names has %d name(s) for %u memory-region entries: give one name per entry; names ignored\n",
				nnames, n);
		else if (nnames <= 0 && nnames != -FDT_ERR_NOTFOUND) /* empty, or no final NUL */
			dev_err(dev, "memory-region-names is malformed: give one string per memory-region entry; names ignored\n");
	}
	for (i = 0; i < n; i++) {
		u32 phandle = fdt32_to_cpu(ph[i]);
		const char *name = names ? fdt_stringlist_get(fdt, dev->of_node,
							      "memory-region-names", (int)i, NULL) :
					   NULL;

		bind_entry(dev, h, fdt, i, phandle, fdt_node_offset_by_phandle(fdt, phandle),
			   name, &pool);
	}
	/* Published under dma_lock: displays read them on other CPUs. */
	spin_lock(&dev->dma_lock);
	dev->dma_pool = pool;
	dev->cma = h;
	spin_unlock(&dev->dma_lock);
	return 0;
}

/**
 * cma_dev_unbind_memory - forget @dev's regions and pool
 * @dev: the device (dma_deconfigure(), once it holds no buffer)
 */
void cma_dev_unbind_memory(struct device *dev)
{
	struct dma_coherent_pool *pool;
	struct cma_dev *h;

	spin_lock(&dev->dma_lock);
	pool = dev->dma_pool;
	h = dev->cma;
	dev->dma_pool = NULL;
	dev->cma = NULL;
	spin_unlock(&dev->dma_lock);
	if (pool)
		dma_pool_detach(pool);
	kfree(h);
}

/**
 * cma_dev_bound - whether @dev is bound to its memory, and its pool
 * @dev: the device
 * @pool: if not NULL, set to its coherent pool or NULL (pools are never
 *        freed, so the pointer stays valid)
 * Return: true when bound. For displays on any CPU.
 */
bool cma_dev_bound(struct device *dev, struct dma_coherent_pool **pool)
{
	bool bound;

	spin_lock(&dev->dma_lock);
	bound = dev->cma != NULL;
	if (pool)
		*pool = dev->dma_pool;
	spin_unlock(&dev->dma_lock);
	return bound;
}

/* ---- resolution -------------------------------------------------------- */

/* Every region for @type before the mask filter. */
static unsigned int resolve(struct device *dev, const char *type, struct cma **out,
			    enum cma_dev_source *source)
{
	struct cma_dev copy, *h = &copy;
	struct cma *dflt;
	unsigned int i, n = 0, first = CMA_DEV_MAX_REGIONS;
	bool bound;

	*source = CMA_DEV_NONE;
	/* A snapshot: "dev list" may read while the device unbinds. */
	spin_lock(&dev->dma_lock);
	bound = dev->cma;
	if (bound)
		copy = *dev->cma;
	spin_unlock(&dev->dma_lock);
	if (!bound)
		return 0;
	if (h->nr) {
		for (i = 0; type && i < h->nr && first == CMA_DEV_MAX_REGIONS; i++)
			if (!strcmp(h->name[i], type))
				first = i;
		if (first < h->nr)
			out[n++] = h->region[first];
		for (i = 0; i < h->nr; i++)
			if (i != first)
				out[n++] = h->region[i];
		*source = CMA_DEV_DT;
		return n;
	}
	n = cma_map_lookup(dev->name, type, out, CMA_DEV_MAX_REGIONS);
	if (n) {
		*source = CMA_DEV_CMA_MAP;
		return n;
	}
	dflt = cma_default_area();
	if (dflt) {
		out[0] = dflt;
		*source = CMA_DEV_DEFAULT;
		return 1;
	}
	return 0;
}

/**
 * cma_dev_resolve - every region @dev would use for @type, mask or not
 * @dev: the device
 * @type: buffer type, or NULL
 * @out: filled with the regions in order
 * @max: capacity of @out
 * @source: set to where they come from
 *
 * For displays: cma_dev_regions() is what allocations use.
 * Return: how many regions were written.
 */
unsigned int cma_dev_resolve(struct device *dev, const char *type, struct cma **out,
			     unsigned int max, enum cma_dev_source *source)
{
	struct cma *all[CMA_DEV_MAX_REGIONS];
	unsigned int n = resolve(dev, type, all, source), i;

	for (i = 0; i < n && i < max; i++)
		out[i] = all[i];
	return i;
}

/**
 * cma_dev_region_usable - whether @dev may allocate from @cma
 * @dev: the device
 * @cma: one of its regions (from cma_dev_resolve())
 * Return: true when @cma ends at or below @dev's coherent DMA mask.
 */
bool cma_dev_region_usable(const struct device *dev, const struct cma *cma)
{
	return cma_get_base(cma) + cma_get_size(cma) - 1 <= dev->coherent_dma_mask;
}

/**
 * cma_dev_regions - the regions @dev allocates from for @type, in order
 * @dev: a bound device
 * @type: buffer type, or NULL
 * @out: filled with the regions
 * @max: capacity of @out
 * @source: if not NULL, set to where the regions came from (CMA_DEV_NONE
 *          when there are none, or when the mask excluded them all)
 *
 * Regions that end beyond @dev's coherent DMA mask are left out.
 * Return: how many regions were written.
 */
unsigned int cma_dev_regions(struct device *dev, const char *type, struct cma **out,
			     unsigned int max, enum cma_dev_source *source)
{
	struct cma *all[CMA_DEV_MAX_REGIONS];
	enum cma_dev_source src;
	unsigned int n, i, k = 0;

	n = resolve(dev, type, all, &src);
	for (i = 0; i < n && k < max; i++)
		if (cma_dev_region_usable(dev, all[i]))
			out[k++] = all[i];
	if (source)
		*source = k ? src : CMA_DEV_NONE;
	return k;
}

/* ---- allocation -------------------------------------------------------- */

/*
 * Why each of @regions failed: too small, no free run, or the report of
 * its last window (@reps[i], from cma_alloc_report()) in words - for want
 * of migration targets, which memory is short and what to change.
 */
static void explain_failure(struct device *dev, const char *type, unsigned long count,
			    struct cma **regions, const struct migrate_report *reps,
			    unsigned int n)
{
	char why[400], one[320];
	size_t len = 0;
	unsigned int i;

	why[0] = '\0';
	for (i = 0; i < n && len < sizeof(why); i++) {
		struct cma_stats st;
		const char *sep = i ? "; " : "";

		cma_get_stats(regions[i], &st);
		if (count > st.total)
			len += (size_t)snprintf(why + len, sizeof(why) - len, "%s%s has only %lu pages",
						sep, cma_get_name(regions[i]), st.total);
		else if (count > st.largest_free)
			len += (size_t)snprintf(why + len, sizeof(why) - len,
						"%s%s: largest free run %lu pages", sep,
						cma_get_name(regions[i]), st.largest_free);
		else if (reps[i].first_busy_pfn != ~0UL) {
			migrate_report_explain(&reps[i], one, sizeof(one));
			len += (size_t)snprintf(why + len, sizeof(why) - len, "%s%s: %s", sep,
						cma_get_name(regions[i]), one);
		} else
			len += (size_t)snprintf(why + len, sizeof(why) - len,
						"%s%s: the pages in the way could not be moved", sep,
						cma_get_name(regions[i]));
	}
	dev_err(dev, "cannot carve %lu pages%s%s from its %u region(s): %s\n", count,
		type ? " of type " : "", type ? type : "", n, why);
}

/**
 * cma_dev_carve - carve @count pages for @dev from the first of its regions that has them
 * @dev: a bound device
 * @type: buffer type (selects memory-region-names and typed cma_map= rules), or NULL
 * @count: pages
 * @align: alignment order of the first page
 * @flags: CMA_ALLOC_NOWARN: no message on failure
 * @buf: a zeroed record, filled in (kind, region, address, pages) on success
 *
 * The regions are cma_dev_regions()'s for @type. The pages are not zeroed
 * and keep their cacheable linear mapping; @buf is not in the ledger yet
 * (the caller adds it with dma_buffer_add() once the buffer is ready).
 * Return: 0; -ENODEV, with no message, when @dev has no region for @type
 * under its coherent mask (the caller decides what that means); -ENOMEM
 * when every region failed, with a message naming each and why.
 */
int cma_dev_carve(struct device *dev, const char *type, unsigned long count, unsigned int align,
		  unsigned int flags, struct dma_buffer *buf)
{
	struct cma *regions[CMA_DEV_MAX_REGIONS];
	struct migrate_report reps[CMA_DEV_MAX_REGIONS];
	struct page *page = NULL;
	unsigned int i, n;

	n = cma_dev_regions(dev, type, regions, ARRAY_SIZE(regions), NULL);
	if (!n)
		return -ENODEV;
	for (i = 0; i < n && !page; i++)
		page = cma_alloc_report(regions[i], count, align, flags | CMA_ALLOC_NOWARN,
					dev->name, &reps[i]);
	if (!page) {
		if (!(flags & CMA_ALLOC_NOWARN))
			explain_failure(dev, type, count, regions, reps, n);
		return -ENOMEM;
	}
	buf->kind = DMA_BUF_CMA;
	buf->cma = regions[i - 1];
	buf->phys = page_to_phys(page);
	buf->pages = count;
	return 0;
}

/**
 * cma_dev_alloc - carve @count pages aligned to 2^@align pages for @dev
 * @dev: a bound device
 * @type: buffer type (selects memory-region-names and typed cma_map= rules), or NULL
 * @count: pages
 * @align: alignment order of the first page
 * @flags: CMA_ALLOC_NOWARN: no message on failure
 * @from: if not NULL, set to the region the pages came from
 *
 * The pages are not zeroed and keep their cacheable linear mapping (the
 * DMA core's dma_alloc_attrs() zeroes and remaps).
 * Return: the first page, or NULL with a message naming the device, the
 * regions tried and why each failed.
 */
struct page *cma_dev_alloc(struct device *dev, const char *type, unsigned long count,
			   unsigned int align, unsigned int flags, struct cma **from)
{
	struct dma_buffer *buf;
	int ret;

	if (!dev || !count)
		return NULL;
	if (!dev->cma) {
		if (!(flags & CMA_ALLOC_NOWARN))
			dev_err(dev, "is not bound to its regions: allocate from its probe() on (the bus binds it first)\n");
		return NULL;
	}
	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf) {
		dev_err(dev, "no memory to record a buffer of %lu pages\n", count);
		return NULL;
	}
	ret = cma_dev_carve(dev, type, count, align, flags, buf);
	if (ret == -ENODEV && !(flags & CMA_ALLOC_NOWARN))
		dev_err(dev, "has no CMA region%s%s under its coherent mask %#llx\n",
			type ? " for type " : "", type ? type : "",
			(unsigned long long)dev->coherent_dma_mask);
	if (ret) {
		kfree(buf);
		return NULL;
	}
	dma_buffer_add(dev, buf);
	if (from)
		*from = buf->cma;
	return pfn_to_page(PHYS_PFN(buf->phys));
}

/**
 * cma_dev_release - give back pages from cma_dev_alloc()
 * @dev: the device that holds them
 * @pages: the first page
 * @count: the page count of the allocation
 *
 * Return: true when released; false, with a message naming the device and
 * the address, when they are not a cma_dev_alloc() buffer @dev holds
 * (another device's, a dma_alloc_attrs() buffer, a different size, or
 * none: freed twice?). Nothing changes then.
 */
bool cma_dev_release(struct device *dev, struct page *pages, unsigned long count)
{
	struct dma_buffer *buf;
	phys_addr_t phys;
	char other[DEVICE_NAME_LEN];
	bool ok = false, coherent = false;
	unsigned long held = 0;

	if (!dev || !pages)
		return false;
	phys = page_to_phys(pages);
	spin_lock(&dev->dma_lock);
	buf = dma_buffer_find_locked(dev, phys);
	if (buf) {
		coherent = buf->kind != DMA_BUF_CMA || buf->cpu_addr;
		held = buf->pages;
		ok = !coherent && held == count;
		if (ok)
			list_del_init(&buf->node);
	}
	spin_unlock(&dev->dma_lock);

	if (!ok) {
		if (coherent)
			dev_err(dev, "refusing to release %#llx: it is a dma_alloc_attrs() buffer; free it with dma_free_attrs()\n",
				(unsigned long long)phys);
		else if (buf)
			dev_err(dev, "refusing to release %#llx+%lu pages: the buffer has %lu pages\n",
				(unsigned long long)phys, count, held);
		else if (dma_buffer_holder(phys, dev, other, sizeof(other)))
			dev_err(dev, "refusing to release %#llx+%lu pages: the buffer is %s's, not this device's\n",
				(unsigned long long)phys, count, other);
		else
			dev_err(dev, "refusing to release %#llx+%lu pages: not a buffer this device holds (freed twice?)\n",
				(unsigned long long)phys, count);
		return false;
	}
	if (!cma_release_for(buf->cma, pages, count, dev->name)) {
		/* The ledger said yes and the area no: keep the record. */
		dma_buffer_add(dev, buf);
		return false;
	}
	kfree(buf);
	return true;
}

/**
 * cma_dev_holds - whether @dev still holds the cma_dev_alloc() buffer
 * @dev: the device it was carved for
 * @pages: the first page
 * @count: the page count of the allocation
 *
 * For a caller that keeps a handle on a buffer past the device's
 * lifetime as a driver (the shell): unbinding gives back what a device
 * held (dma_deconfigure()). Return: true when it is still held.
 */
bool cma_dev_holds(struct device *dev, struct page *pages, unsigned long count)
{
	struct dma_buffer *buf;
	bool held;

	spin_lock(&dev->dma_lock);
	buf = dma_buffer_find_locked(dev, page_to_phys(pages));
	held = buf && buf->kind == DMA_BUF_CMA && !buf->cpu_addr && buf->pages == count;
	spin_unlock(&dev->dma_lock);
	return held;
}

/**
 * cma_dev_info - what @dev can allocate for @type
 * @dev: the device
 * @type: buffer type, or NULL
 * @info: filled in (held_pages even when there is no region)
 * Return: 0, or -ENODEV when @dev has no region for @type.
 */
int cma_dev_info(struct device *dev, const char *type, struct cma_dev_info *info)
{
	struct cma *regions[CMA_DEV_MAX_REGIONS];
	unsigned long buffers;
	unsigned int n;

	memset(info, 0, sizeof(*info));
	dma_buffer_count(dev, &buffers, &info->held_pages);
	n = cma_dev_regions(dev, type, regions, ARRAY_SIZE(regions), &info->source);
	if (!n)
		return -ENODEV;
	cma_dev_info_regions(regions, n, info);
	return 0;
}

/**
 * cma_dev_info_regions - cma_dev_info()'s totals for regions already resolved
 * @regions: the regions (at least one)
 * @n: how many
 * @info: its lower, upper, total_pages, free_pages, largest_free and
 *        nr_regions are set; the other fields are left alone
 */
void cma_dev_info_regions(struct cma *const *regions, unsigned int n, struct cma_dev_info *info)
{
	unsigned int i;

	info->lower = ~(phys_addr_t)0;
	info->upper = 0;
	info->total_pages = 0;
	info->free_pages = 0;
	info->largest_free = 0;
	for (i = 0; i < n; i++) {
		struct cma_stats st;
		phys_addr_t base = cma_get_base(regions[i]);

		cma_get_stats(regions[i], &st);
		info->lower = min(info->lower, base);
		info->upper = max(info->upper, base + cma_get_size(regions[i]));
		info->total_pages += st.total;
		info->free_pages += st.total - st.used;
		info->largest_free = max(info->largest_free, st.largest_free);
	}
	info->nr_regions = n;
}

/**
 * cma_dev_moved_pages - movable pages displaced so far in @dev's regions
 * @dev: the device
 * @type: buffer type, or NULL (the regions cma_dev_regions() gives)
 * @migrated: set to the pages the regions' carves migrated, summed
 * @discarded: set to the pages they discarded, summed
 *
 * The counters are the regions' own, so a reading taken before and after
 * an allocation gives what it displaced, plus whatever a concurrent carve
 * in the same regions displaced meanwhile.
 */
void cma_dev_moved_pages(struct device *dev, const char *type, unsigned long *migrated,
			 unsigned long *discarded)
{
	struct cma *regions[CMA_DEV_MAX_REGIONS];
	unsigned int i, n = cma_dev_regions(dev, type, regions, ARRAY_SIZE(regions), NULL);

	*migrated = 0;
	*discarded = 0;
	for (i = 0; i < n; i++) {
		struct cma_stats st;

		cma_get_stats(regions[i], &st);
		*migrated += st.migrated;
		*discarded += st.discarded;
	}
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-device CMA handles and buffer attribution (include/contig/cma_dev.h).
 *
 * Binding. cma_dev_bind() runs once per device, before its first probe: it
 * reads the device's DT "memory-region" phandles (and "memory-region-names")
 * into a handle, the ordered list of CMA regions the DT gives it, and
 * attaches the coherent pool when an entry is a non-reusable
 * shared-dma-pool. Every bad entry is reported naming the device, the
 * property, the entry and what to change, and skipped; binding itself only
 * fails for lack of memory. The handle is the proof that a device was
 * bound: allocation requires it.
 *
 * Resolution (cma_dev_regions()), for a request of type @type: the DT list
 * (the entry named @type first), else the cma_map= rules for the device's
 * name and @type (looked up now, so rule changes apply at once), else the
 * default area; then every region that ends beyond the device's coherent
 * DMA mask is dropped.
 *
 * Attribution. Every buffer a device holds is a struct dma_buffer on its
 * dma_allocs list (under its dma_lock): the CMA carves of cma_dev_alloc()
 * and the buffers of dma_alloc_attrs() alike. A free is checked against
 * that list first and removed from it under the lock, so a buffer is
 * freed once, by its holder, with the size it was allocated with; two
 * CPUs freeing the same buffer at once see one success and one refusal.
 * Messages that name another holder walk the devices (bus lock, then each
 * device's dma_lock): that is done with no dma_lock held.
 */
#define pr_fmt(fmt) "cma_dev: " fmt

#include <contig/arch.h>
#include <contig/cma_dev.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/alloc_contig.h>
#include <contig/mm_debug.h>
#include <contig/of.h>
#include <contig/reserved_mem.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <libfdt.h>
#include "dma_internal.h"

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

const char *const dma_buf_kind_names[] = {
	[DMA_BUF_CMA] = "cma",
	[DMA_BUF_PAGES] = "pages",
	[DMA_BUF_POOL] = "pool",
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
 * cma_dev_bind - read @dev's DT regions into its handle
 * @dev: the device (called by the bus before its first probe)
 *
 * Reports each bad memory-region entry (see contig/cma_dev.h) and skips it.
 * Return: 0, or -ENOMEM when the handle cannot be allocated.
 */
int cma_dev_bind(struct device *dev)
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
 * cma_dev_unbind - forget @dev's regions and pool
 * @dev: the device (after its driver's remove(), or a failed probe)
 *
 * Each buffer @dev still holds is reported, naming the device, the
 * address and the size, and given back: nothing drives the device any
 * more, and a buffer with no holder would leak.
 */
void cma_dev_unbind(struct device *dev)
{
	struct dma_coherent_pool *pool;
	struct dma_buffer *buf;
	struct cma_dev *h;

	for (;;) {
		spin_lock(&dev->dma_lock);
		buf = list_first_entry_or_null(&dev->dma_allocs, struct dma_buffer, node);
		if (buf)
			list_del_init(&buf->node);
		spin_unlock(&dev->dma_lock);
		if (!buf)
			break;
		dev_warn(dev, "still holds a %s buffer at %#llx (%lu pages) on unbind: its driver did not free it; freeing it now\n",
			 dma_buf_kind_names[buf->kind], (unsigned long long)buf->phys, buf->pages);
		dma_buffer_release(dev, buf);
		kfree(buf);
	}
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
 * cma_dev_carve - carve @count pages for @dev from the first of @regions that has them
 * @dev: a bound device
 * @type: buffer type, or NULL (for the message)
 * @regions: @dev's regions for @type, from cma_dev_regions()
 * @n: how many (at least one)
 * @count: pages
 * @align: alignment order of the first page
 * @flags: CMA_ALLOC_NOWARN: no message on failure
 *
 * Return: the buffer's record, not yet on @dev's list (the DMA core fills
 * in its CPU address and attributes first; then dma_buffer_add()), or
 * NULL with a message naming each region and why it failed.
 */
struct dma_buffer *cma_dev_carve(struct device *dev, const char *type, struct cma **regions,
				 unsigned int n, unsigned long count, unsigned int align,
				 unsigned int flags)
{
	struct migrate_report reps[CMA_DEV_MAX_REGIONS];
	struct page *page = NULL;
	struct dma_buffer *buf;
	unsigned int i;

	ASSERT_MSG(n <= CMA_DEV_MAX_REGIONS, "%s: %u regions", dev->name, n);
	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf) {
		dev_err(dev, "no memory to record a buffer of %lu pages\n", count);
		return NULL;
	}
	for (i = 0; i < n && !page; i++)
		page = cma_alloc_report(regions[i], count, align, flags | CMA_ALLOC_NOWARN,
					dev->name, &reps[i]);
	if (!page) {
		if (!(flags & CMA_ALLOC_NOWARN))
			explain_failure(dev, type, count, regions, reps, n);
		kfree(buf);
		return NULL;
	}
	buf->kind = DMA_BUF_CMA;
	buf->cma = regions[i - 1];
	buf->phys = page_to_phys(page);
	buf->pages = count;
	return buf;
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
	struct cma *regions[CMA_DEV_MAX_REGIONS];
	struct dma_buffer *buf;
	unsigned int n;

	if (!dev || !count)
		return NULL;
	if (!dev->cma) {
		if (!(flags & CMA_ALLOC_NOWARN))
			dev_err(dev, "is not bound to its regions: allocate from its probe() on (the bus binds it first)\n");
		return NULL;
	}
	n = cma_dev_regions(dev, type, regions, ARRAY_SIZE(regions), NULL);
	if (!n) {
		if (!(flags & CMA_ALLOC_NOWARN))
			dev_err(dev, "has no CMA region%s%s under its coherent mask %#llx\n",
				type ? " for type " : "", type ? type : "",
				(unsigned long long)dev->coherent_dma_mask);
		return NULL;
	}
	buf = cma_dev_carve(dev, type, regions, n, count, align, flags);
	if (!buf)
		return NULL;
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
		/* The attribution said yes and the area no: keep the record. */
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
 * held (cma_dev_unbind()). Return: true when it is still held.
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

/* ---- attribution ------------------------------------------------------- */

/**
 * dma_buffer_add - record @buf as held by @dev
 * Appends it to @dev's list under its dma_lock.
 */
void dma_buffer_add(struct device *dev, struct dma_buffer *buf)
{
	spin_lock(&dev->dma_lock);
	list_add_tail(&buf->node, &dev->dma_allocs);
	spin_unlock(&dev->dma_lock);
}

/**
 * dma_buffer_find_locked - @dev's buffer that starts at @phys
 * Caller holds @dev->dma_lock. Return: the record, or NULL.
 */
struct dma_buffer *dma_buffer_find_locked(struct device *dev, phys_addr_t phys)
{
	struct dma_buffer *buf;

	assert_spin_locked(&dev->dma_lock);
	list_for_each_entry(buf, &dev->dma_allocs, node)
		if (buf->phys == phys)
			return buf;
	return NULL;
}

struct holder_query {
	phys_addr_t phys;
	const struct device *skip;
	char *name;
	size_t size;
};

static int holder_fn(struct device *dev, void *arg)
{
	struct holder_query *q = arg;
	struct dma_buffer *buf;
	int found = 0;

	if (dev == q->skip)
		return 0;
	spin_lock(&dev->dma_lock);
	list_for_each_entry(buf, &dev->dma_allocs, node) {
		if (q->phys >= buf->phys && q->phys < buf->phys + PFN_PHYS(buf->pages)) {
			strscpy_trunc(q->name, dev->name, q->size);
			found = 1;
			break;
		}
	}
	spin_unlock(&dev->dma_lock);
	return found;
}

/**
 * dma_buffer_holder - which other device holds the buffer containing @phys
 * @phys: an address
 * @skip: the device not to consider (the caller's)
 * @name: receives the holder's name
 * @size: size of @name
 * Return: true when a device was found. Call with no dma_lock held.
 */
bool dma_buffer_holder(phys_addr_t phys, const struct device *skip, char *name, size_t size)
{
	struct holder_query q = { .phys = phys, .skip = skip, .name = name, .size = size };

	return device_for_each(holder_fn, &q) != 0;
}

struct cma_buffer_walk {
	int (*fn)(struct device *dev, const struct dma_buffer *buf, void *arg);
	void *arg;
};

static int cma_buffer_walk_fn(struct device *dev, void *arg)
{
	struct cma_buffer_walk *w = arg;
	struct dma_buffer *buf;
	int ret = 0;

	spin_lock(&dev->dma_lock);
	list_for_each_entry(buf, &dev->dma_allocs, node) {
		if (buf->kind != DMA_BUF_CMA)
			continue;
		ret = w->fn(dev, buf, w->arg);
		if (ret)
			break;
	}
	spin_unlock(&dev->dma_lock);
	return ret;
}

/**
 * dma_for_each_cma_buffer - walk the CMA buffers every device holds
 * @fn: called for each, under the device's dma_lock; non-zero stops
 * @arg: passed to @fn
 * Return: 0, or what @fn returned to stop the walk.
 */
int dma_for_each_cma_buffer(int (*fn)(struct device *dev, const struct dma_buffer *buf,
				      void *arg),
			    void *arg)
{
	struct cma_buffer_walk w = { .fn = fn, .arg = arg };

	return device_for_each(cma_buffer_walk_fn, &w);
}

/** dma_buffer_count - how many buffers and pages @dev holds now */
void dma_buffer_count(struct device *dev, unsigned long *buffers, unsigned long *pages)
{
	struct dma_buffer *buf;

	*buffers = 0;
	*pages = 0;
	spin_lock(&dev->dma_lock);
	list_for_each_entry(buf, &dev->dma_allocs, node) {
		(*buffers)++;
		*pages += buf->pages;
	}
	spin_unlock(&dev->dma_lock);
}

/**
 * dma_buffer_print - list the buffers @dev holds, for displays ("dma info")
 * @dev: the device
 * Prints each buffer's kind, region, address, size and API, or that it
 * holds none. Takes @dev's dma_lock.
 */
void dma_buffer_print(struct device *dev)
{
	struct dma_buffer *buf;
	unsigned int n = 0;

	spin_lock(&dev->dma_lock);
	list_for_each_entry(buf, &dev->dma_allocs, node) {
		if (!n++)
			printk("buffers it holds:\n");
		printk("  %-5s %-10s %#010llx %6lu pages %s\n", dma_buf_kind_names[buf->kind],
		       buf->cma ? cma_get_name(buf->cma) : "-", (unsigned long long)buf->phys,
		       buf->pages,
		       !buf->cpu_addr ? "cma_dev_alloc()" :
		       (buf->attrs & DMA_ATTR_NO_KERNEL_MAPPING) ? "coherent, no kernel mapping" :
		       (buf->attrs & DMA_ATTR_WRITE_COMBINE) ? "coherent, write-combined" :
							       "coherent");
	}
	spin_unlock(&dev->dma_lock);
	if (!n)
		printk("it holds no buffers\n");
}

struct holders_ctx {
	struct cma *cma;
	unsigned long pages, devices;
};

static int holders_fn(struct device *dev, void *arg)
{
	struct holders_ctx *c = arg;
	struct dma_buffer *buf;
	unsigned long n = 0, pages = 0;

	spin_lock(&dev->dma_lock);
	list_for_each_entry(buf, &dev->dma_allocs, node) {
		if (buf->kind == DMA_BUF_CMA && buf->cma == c->cma) {
			n++;
			pages += buf->pages;
		}
	}
	spin_unlock(&dev->dma_lock);
	if (n) {
		printk("  %-24s %6lu buffer(s) %8lu pages (%lu KiB)\n", dev->name, n, pages,
		       pages * (PAGE_SIZE / 1024));
		c->pages += pages;
		c->devices++;
	}
	return 0;
}

/**
 * cma_dev_print_holders - print, per region, the devices holding its pages
 * @cma: one region, or NULL for all of them
 */
void cma_dev_print_holders(struct cma *cma)
{
	unsigned int i;

	for (i = 0; i < cma_area_count(); i++) {
		struct holders_ctx c = { .cma = cma_area(i) };
		struct cma_stats st;

		if (cma && cma != c.cma)
			continue;
		cma_get_stats(c.cma, &st);
		printk("%s: %lu of %lu pages carved out (peak %lu)\n", cma_get_name(c.cma), st.used,
		       st.total, st.peak_used);
		device_for_each(holders_fn, &c);
		/* Others may carve while we count: never print a negative. */
		if (st.used > c.pages)
			printk("  %-24s %6s %17lu pages (shell, benchmarks, tests)\n",
			       "(no device)", "", st.used - c.pages);
		if (!c.devices && st.used <= c.pages)
			printk("  (nobody holds any of it)\n");
	}
}

/* ---- consistency ------------------------------------------------------- */

struct check_ctx {
	bool verbose;
	unsigned long errors;
	unsigned long held[MAX_CMA_AREAS];
};

#define CHECK_REPORT(c, fmt, ...)                               \
	do {                                                    \
		if ((c)->verbose && (c)->errors < 20)           \
			pr_err("check: " fmt, ##__VA_ARGS__);   \
		(c)->errors++;                                  \
	} while (0)

static int check_fn(struct device *dev, void *arg)
{
	struct check_ctx *c = arg;
	struct dma_buffer *buf;
	unsigned int i;

	spin_lock(&dev->dma_lock);
	list_for_each_entry(buf, &dev->dma_allocs, node) {
		int want, got;

		if (buf->kind == DMA_BUF_CMA) {
			phys_addr_t base = cma_get_base(buf->cma);

			if (buf->phys < base ||
			    buf->phys + PFN_PHYS(buf->pages) > base + cma_get_size(buf->cma))
				CHECK_REPORT(c, "%s: buffer %#llx+%lu pages is outside region %s\n",
					     dev->name, (unsigned long long)buf->phys, buf->pages,
					     cma_get_name(buf->cma));
			else if (!PageContig(pfn_to_page(PHYS_PFN(buf->phys))))
				CHECK_REPORT(c, "%s: buffer %#llx of region %s is not carved (PG_contig)\n",
					     dev->name, (unsigned long long)buf->phys,
					     cma_get_name(buf->cma));
			for (i = 0; i < cma_area_count(); i++)
				if (cma_area(i) == buf->cma)
					c->held[i] += buf->pages;
		}
		if (buf->kind == DMA_BUF_POOL && dma_pool_is_device(dev->dma_pool))
			continue; /* outside RAM: no linear alias to check */
		if (buf->kind == DMA_BUF_POOL)
			want = ARCH_LINEAR_NONCACHED; /* the whole pool, for its life */
		else if (buf->cpu_addr)
			want = (buf->attrs & DMA_ATTR_NO_KERNEL_MAPPING) ? ARCH_LINEAR_UNMAPPED :
									   ARCH_LINEAR_NONCACHED;
		else
			want = ARCH_LINEAR_CACHED;
		got = arch_linear_get_attr(buf->phys);
		if (got != want)
			CHECK_REPORT(c, "%s: buffer %#llx has linear-map attribute %d, expected %d\n",
				     dev->name, (unsigned long long)buf->phys, got, want);
	}
	spin_unlock(&dev->dma_lock);
	return 0;
}

/**
 * cma_dev_check - consistency of the attribution and the coherent pools
 * @verbose: print each problem
 *
 * Every attributed CMA buffer lies inside its region and is carved; every
 * coherent buffer's linear alias is non-cacheable (unmapped with
 * DMA_ATTR_NO_KERNEL_MAPPING) and every other buffer's is cacheable; no
 * region has more pages attributed than carved out; each pool's counter
 * agrees with its bitmap. Callers keep DMA allocation quiet meanwhile.
 * Return: problems found.
 */
unsigned long cma_dev_check(bool verbose)
{
	struct check_ctx *c = kzalloc(sizeof(*c), GFP_KERNEL);
	unsigned long errors;
	unsigned int i;

	if (!c)
		return 0;
	c->verbose = verbose;
	device_for_each(check_fn, c);
	for (i = 0; i < cma_area_count(); i++) {
		struct cma_stats st;

		cma_get_stats(cma_area(i), &st);
		if (c->held[i] > st.used)
			CHECK_REPORT(c, "%s: devices hold %lu pages but only %lu are carved out\n",
				     cma_get_name(cma_area(i)), c->held[i], st.used);
	}
	errors = c->errors + dma_pool_check(verbose);
	kfree(c);
	return errors;
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

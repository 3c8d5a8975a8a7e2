// SPDX-License-Identifier: GPL-2.0-only
/*
 * The buffer ledger: which device holds which DMA buffer
 * (include/contig/cma_dev.h, "Attribution").
 *
 * Every buffer a device holds is a struct dma_buffer on its dma_allocs
 * list (under its dma_lock): the CMA carves of cma_dev_alloc() and the
 * buffers of dma_alloc_attrs() alike. A free is checked against that list
 * first and removed from it under the lock, so a buffer is freed once, by
 * its holder, with the size it was allocated with; two CPUs freeing the
 * same buffer at once see one success and one refusal.
 *
 * The ledger keeps its own list of the devices configured for DMA
 * (dma_configure() joins a device, dma_deconfigure() takes it off after
 * its buffers were given back): the messages that name another holder,
 * the holders display and the consistency check walk that list, never
 * the device model's. The consistency check joins mm's
 * (mm_check_consistency()) when the first device is configured: before
 * that, the DMA layer holds nothing to check.
 *
 * Locking: devices_lock guards the list of devices; a walk takes it, then
 * each device's dma_lock in turn (that order, never the other). A device
 * leaves the list before its memory goes away, so a walk never sees a
 * freed device. Code that walks takes no dma_lock of its own first: call
 * dma_buffer_holder(), cma_dev_print_holders() and cma_dev_check() with
 * none held.
 */
#define pr_fmt(fmt) "cma_dev: " fmt

#include <contig/arch.h>
#include <contig/cma_dev.h>
#include <contig/dma-mapping.h>
#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/mm_debug.h>
#include <contig/slab.h>
#include <contig/spinlock.h>
#include <contig/string.h>
#include "internal.h"

static DEFINE_SPINLOCK(devices_lock);
static LIST_HEAD(devices); /* configured devices, by dev->dma_node */

const char *const dma_buf_kind_names[] = {
	[DMA_BUF_CMA] = "cma",
	[DMA_BUF_PAGES] = "pages",
	[DMA_BUF_POOL] = "pool",
};

/* ---- configured devices ----------------------------------------------- */

/*
 * Call @fn for every configured device, oldest first, under devices_lock;
 * stop at the first non-zero return and return it. @fn may take the
 * device's dma_lock.
 */
static int for_each_device(int (*fn)(struct device *dev, void *arg), void *arg)
{
	struct device *dev;
	int ret = 0;

	spin_lock(&devices_lock);
	list_for_each_entry(dev, &devices, dma_node) {
		ret = fn(dev, arg);
		if (ret)
			break;
	}
	spin_unlock(&devices_lock);
	return ret;
}

/**
 * dma_ledger_join - put @dev on the ledger's list of devices
 * @dev: a device just bound to its memory (dma_configure())
 *
 * The first call also adds the ledger's consistency check to mm's.
 */
void dma_ledger_join(struct device *dev)
{
	mm_check_register(cma_dev_check);
	spin_lock(&devices_lock);
	if (list_empty(&dev->dma_node))
		list_add_tail(&dev->dma_node, &devices);
	spin_unlock(&devices_lock);
}

/**
 * dma_ledger_leave - take @dev off the ledger's list (it may not be on it)
 * @dev: a device that holds no buffer any more (dma_deconfigure())
 */
void dma_ledger_leave(struct device *dev)
{
	spin_lock(&devices_lock);
	list_del_init(&dev->dma_node);
	spin_unlock(&devices_lock);
}

/* ---- one device's buffers --------------------------------------------- */

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

/**
 * dma_buffer_take_first - take the oldest buffer @dev holds off its list
 * @dev: a device being deconfigured
 * Return: the record (the caller gives its memory back and frees it), or
 * NULL when @dev holds none. Takes @dev's dma_lock.
 */
struct dma_buffer *dma_buffer_take_first(struct device *dev)
{
	struct dma_buffer *buf;

	spin_lock(&dev->dma_lock);
	buf = list_first_entry_or_null(&dev->dma_allocs, struct dma_buffer, node);
	if (buf)
		list_del_init(&buf->node);
	spin_unlock(&dev->dma_lock);
	return buf;
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

/* ---- every device's buffers ------------------------------------------- */

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
 * @fn: called for each, under the device's dma_lock (and devices_lock);
 *      non-zero stops the walk
 * @arg: passed to @fn
 *
 * Devices in the order they were configured. Call holding no dma_lock.
 * Return: 0, or what @fn returned to stop the walk.
 */
int dma_for_each_cma_buffer(int (*fn)(struct device *dev, const struct dma_buffer *buf,
				      void *arg),
			    void *arg)
{
	struct cma_buffer_walk w = { .fn = fn, .arg = arg };

	return for_each_device(cma_buffer_walk_fn, &w);
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

	return for_each_device(holder_fn, &q) != 0;
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
		for_each_device(holders_fn, &c);
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
 * cma_dev_check - consistency of the ledger and the coherent pools
 * @verbose: print each problem
 *
 * Every CMA buffer in the ledger lies inside its region and is carved;
 * every coherent buffer's linear alias is non-cacheable (unmapped with
 * DMA_ATTR_NO_KERNEL_MAPPING) and every other buffer's is cacheable; no
 * region has more pages in the ledger than carved out; each pool's counter
 * agrees with its bitmap. Callers keep DMA allocation quiet meanwhile.
 * mm_check_consistency() runs it once a device was configured.
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
	for_each_device(check_fn, c);
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

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shell's buffers of the DMA layer: "cma alloc" carves them
 * (dma_shell_carve(), for a region or for a device; the command itself is
 * registered by the device model, drivers/base/dev_shell.c, which finds a
 * device by its name), "cma free <id>" releases them and "cma holders"
 * shows which device holds how much of each region. They use only the
 * public interface (contig/cma_dev.h, contig/dma-mapping.h); "cma list"
 * and "cma map" are mm's (mm/cma_shell.c).
 *
 * State. Buffers carved with "cma alloc" live in bufs[] under an id that
 * is never reused, so a second "cma free" of the same id is refused
 * instead of releasing someone else's buffer. A buffer carved for a bound
 * device goes through its handle (cma_dev_alloc()), so it is attributed to
 * the device ("cma holders", "dma info") until "cma free". "cma list" and
 * "meminfo" show the buffers through the shell_state registered here. The
 * shell runs on one CPU and is not reentrant: no locking.
 */
#define pr_fmt(fmt) fmt

#include <contig/arch.h>
#include <contig/cma.h>
#include <contig/cma_dev.h>
#include <contig/device.h>
#include <contig/dma-mapping.h>
#include <contig/dma_shell.h>
#include <contig/errno.h>
#include <contig/mm.h>
#include <contig/reserved_mem.h>
#include <contig/shell.h>
#include <contig/string.h>

#define SHELL_MAX_BUFS 32

#define KB(pages) ((unsigned long)(pages) * (PAGE_SIZE / 1024))

struct shell_buf {
	unsigned int id; /* 0: free slot */
	struct device *dev; /* carved for this device (cma_dev_alloc()), or NULL */
	struct cma *cma;
	struct page *page;
	unsigned long count;
};

static struct shell_buf bufs[SHELL_MAX_BUFS];
static unsigned int next_buf_id = 1;

/* Regions to try for @name: the region itself, cma_map= rules, the default. */
static unsigned int resolve_target(const char *name, struct cma **out, unsigned int max)
{
	struct cma *cma = cma_find(name);
	unsigned int n, i;

	if (cma) {
		out[0] = cma;
		return 1;
	}
	n = cma_map_lookup(name, NULL, out, max);
	if (n) {
		printk("device %s: cma_map= rule gives", name);
		for (i = 0; i < n; i++)
			printk(" %s", cma_get_name(out[i]));
		printk("\n");
		return n;
	}
	cma = cma_default_area();
	if (!cma) {
		shell_error("\"%s\" is no region, no cma_map= rule matches it as a device and there is no default area",
			    name);
		cma_print_region_names();
		return 0;
	}
	printk("device %s: no region of that name and no cma_map= rule: using the default area %s\n",
	       name, cma_get_name(cma));
	out[0] = cma;
	return 1;
}

/* Fill @slot with the carved buffer and print its line. */
static void report_carve(struct shell_buf *slot, struct device *dev, struct cma *cma,
			 struct page *page, unsigned long count, u64 ns, unsigned long migrated,
			 unsigned long discarded)
{
	phys_addr_t phys = page_to_phys(page);
	char ms[24];

	slot->id = next_buf_id++;
	slot->dev = dev;
	slot->cma = cma;
	slot->page = page;
	slot->count = count;
	printk("buffer %u: %s %#llx-%#llx, %lu pages (%lu KiB)%s%s, %s ms, %lu pages migrated, %lu discarded\n",
	       slot->id, cma_get_name(cma), (unsigned long long)phys,
	       (unsigned long long)(phys + (phys_addr_t)count * PAGE_SIZE - 1), count, KB(count),
	       dev ? " for " : "", dev ? dev_name(dev) : "", fmt_ms(ms, sizeof(ms), ns), migrated,
	       discarded);
}

/* "cma alloc <device> <size> [type]" for a bound device: through its handle. */
static int cma_alloc_dev(struct device *dev, struct shell_buf *slot, unsigned long count,
			 unsigned int align, const char *type)
{
	struct cma *regions[CMA_DEV_MAX_REGIONS], *cma = NULL;
	unsigned long mig0, dis0, mig1, dis1;
	enum cma_dev_source src;
	struct page *page;
	unsigned int n, i;
	u64 t0, t1;

	n = cma_dev_regions(dev, type, regions, ARRAY_SIZE(regions), &src);
	if (!n)
		return shell_error("device %s has no CMA region%s%s under its coherent mask (see dma info %s)",
				   dev_name(dev), type ? " for type " : "", type ? type : "",
				   dev_name(dev));
	printk("device %s: %s gives", dev_name(dev), cma_dev_source_names[src]);
	for (i = 0; i < n; i++)
		printk(" %s", cma_get_name(regions[i]));
	printk("\n");
	cma_dev_moved_pages(dev, type, &mig0, &dis0);
	t0 = arch_clock_ns();
	page = cma_dev_alloc(dev, type, count, align, 0, &cma);
	t1 = arch_clock_ns();
	if (!page)
		return shell_error("cannot carve %lu pages for device %s (the reason is above)", count,
				   dev_name(dev));
	cma_dev_moved_pages(dev, type, &mig1, &dis1);
	report_carve(slot, dev, cma, page, count, t1 - t0, mig1 - mig0, dis1 - dis0);
	return 0;
}

/**
 * dma_shell_carve - "cma alloc": carve a buffer the shell keeps
 * @dev: the device called @name, or NULL (the device model finds it:
 *       drivers/base/dev_shell.c registers the command)
 * @name: a region, or a device: a bound one carves through its handle,
 *        else its cma_map= rules or the default area apply
 * @size_arg: the size as typed (parse_size())
 * @type: the request type for a bound device, or NULL
 *
 * Prints the buffer's line (its id for "cma free"), or "error: ...".
 * Return: 0, or a negative errno.
 */
int dma_shell_carve(struct device *dev, const char *name, const char *size_arg,
		    const char *type)
{
	struct cma *targets[MAX_CMA_AREAS], *cma = NULL;
	struct cma_stats before, after;
	struct shell_buf *slot = NULL;
	struct page *page = NULL;
	unsigned long count;
	unsigned int n, i, align;
	phys_addr_t base, phys;
	u64 bytes, t0, t1;

	if (parse_size(size_arg, &bytes))
		return -EINVAL;
	if (bytes > (u64)totalram_pages() * PAGE_SIZE)
		return shell_error("%s is more than all of RAM (%lu MiB)", size_arg,
				   totalram_pages() >> (20 - PAGE_SHIFT));
	count = (unsigned long)DIV_ROUND_UP(bytes, PAGE_SIZE);
	for (i = 0; i < SHELL_MAX_BUFS && !slot; i++)
		if (!bufs[i].id)
			slot = &bufs[i];
	if (!slot)
		return shell_error("the shell holds %d buffers already: cma free one first",
				   SHELL_MAX_BUFS);
	/* Like Linux's DMA layer: align to the size, up to a pageblock. */
	align = dma_align_order(count);
	if (dev && cma_dev_bound(dev, NULL))
		return cma_alloc_dev(dev, slot, count, align, type);
	if (type)
		return shell_error("a type needs a bound device: %s is %s", name,
				   dev ? "a device with no driver" : "not a device");
	n = resolve_target(name, targets, ARRAY_SIZE(targets));
	if (!n)
		return -ENODEV;

	t0 = arch_clock_ns();
	for (i = 0; i < n && !page; i++) {
		cma = targets[i];
		cma_get_stats(cma, &before);
		page = cma_alloc(cma, count, align, CMA_ALLOC_NOWARN);
		cma_get_stats(cma, &after);
	}
	t1 = arch_clock_ns();
	if (!page) {
		if (n > 1)
			shell_error("cannot carve %lu pages from any of the %u regions for device %s: no free window could be emptied (see cma list)",
				    count, n, name);
		else if (count > after.total)
			shell_error("cannot carve %lu pages from %s: it has only %lu pages", count,
				    cma_get_name(cma), after.total);
		else if (count > after.largest_free)
			shell_error("cannot carve %lu pages from %s: its largest free run is %lu pages (cma free something)",
				    count, cma_get_name(cma), after.largest_free);
		else
			shell_error("cannot carve %lu pages from %s: the pages in the way could not be moved (pinned, busy, or no memory to move them to)",
				    count, cma_get_name(cma));
		return -ENOMEM;
	}
	base = cma_get_base(cma);
	phys = page_to_phys(page);
	if (phys < base || phys + (phys_addr_t)count * PAGE_SIZE > base + cma_get_size(cma)) {
		shell_error("cma_alloc() returned %#llx+%lu pages, outside region %s [%#llx, %#llx): released",
			    (unsigned long long)phys, count, cma_get_name(cma),
			    (unsigned long long)base,
			    (unsigned long long)(base + cma_get_size(cma)));
		cma_release(cma, page, count);
		return -EFAULT;
	}
	report_carve(slot, NULL, cma, page, count, t1 - t0, after.migrated - before.migrated,
		     after.discarded - before.discarded);
	return 0;
}

static int cmd_cma_free(const struct shell_cmd *cmd, int argc, char **argv)
{
	unsigned long id;
	unsigned int i;

	if (argc != 3)
		return shell_usage(cmd);
	if (parse_uint(argv[2], "id", 0, ~0U, &id))
		return -EINVAL;
	for (i = 0; i < SHELL_MAX_BUFS; i++) {
		struct shell_buf *b = &bufs[i];

		if (!b->id || b->id != id)
			continue;
		if (b->dev && !cma_dev_holds(b->dev, b->page, b->count)) {
			printk("buffer %u: %s no longer holds it (unbinding the device gave it back); forgotten\n",
			       b->id, dev_name(b->dev));
			memset(b, 0, sizeof(*b));
			return 0;
		}
		if (b->dev ? !cma_dev_release(b->dev, b->page, b->count) :
			     !cma_release(b->cma, b->page, b->count))
			return shell_error("%s refused buffer %u (%s %#llx, %lu pages); it is kept",
					   b->dev ? "cma_dev_release()" : "cma_release()", b->id,
					   cma_get_name(b->cma),
					   (unsigned long long)page_to_phys(b->page), b->count);
		printk("buffer %u: released %lu pages to %s\n", b->id, b->count,
		       cma_get_name(b->cma));
		memset(b, 0, sizeof(*b));
		return 0;
	}
	return shell_error("no buffer with id %lu (already freed, or never allocated): see cma list", id);
}
shell_command("cma free <id>", "release a buffer from cma alloc", cmd_cma_free);

static int cmd_cma_holders(const struct shell_cmd *cmd, int argc, char **argv)
{
	struct cma *cma = NULL;

	if (argc > 3)
		return shell_usage(cmd);
	if (argc == 3) {
		cma = cma_find_or_explain(argv[2]);
		if (!cma)
			return -ENODEV;
	}
	cma_dev_print_holders(cma);
	return 0;
}
shell_command("cma holders [region]", "which device holds how much of each region",
	      cmd_cma_holders);

/* ---- the buffers as shell state ----------------------------------------------- */

static bool bufs_busy(void)
{
	unsigned int i;

	for (i = 0; i < SHELL_MAX_BUFS; i++)
		if (bufs[i].id)
			return true;
	return false;
}

/* Release every buffer (tests); ids keep counting up. */
static void bufs_reset(void)
{
	unsigned int i;

	for (i = 0; i < SHELL_MAX_BUFS; i++) {
		struct shell_buf *b = &bufs[i];
		/* A device's buffer was given back when the device was unbound. */
		bool gone = b->dev && !cma_dev_holds(b->dev, b->page, b->count);

		if (b->id && !gone && (b->dev ? !cma_dev_release(b->dev, b->page, b->count) :
					      !cma_release(b->cma, b->page, b->count)))
			pr_err("shell: the release of buffer %u was refused\n", b->id);
		memset(b, 0, sizeof(*b));
	}
}

static void bufs_show(bool summary)
{
	unsigned long held = 0;
	unsigned int i, n = 0;

	for (i = 0; i < SHELL_MAX_BUFS; i++) {
		struct shell_buf *b = &bufs[i];

		if (!b->id)
			continue;
		n++;
		held += b->count;
		if (!summary)
			printk("buffer %u: %s %#llx, %lu pages%s%s\n", b->id, cma_get_name(b->cma),
			       (unsigned long long)page_to_phys(b->page), b->count,
			       b->dev ? ", for " : "", b->dev ? dev_name(b->dev) : "");
	}
	if (summary)
		printk("Shell:     %8lu kB in %u cma buffers\n", KB(held), n);
}

static const struct shell_state cma_bufs_state = {
	.name = "cma buffers",
	.busy = bufs_busy,
	.reset = bufs_reset,
	.show = bufs_show,
};
shell_state_register(cma_bufs_state);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shell's commands that name devices: "dev list" (every device, its
 * state and driver, the DMA buffers it holds and the regions its untyped
 * requests go to), "dma info <device> [type]" (its masks, regions, pool
 * and buffers) and "cma alloc <region|device> <size> [type]" (the device
 * found here, the carve done by the DMA layer's dma_shell_carve()). The
 * DMA layer is reached through its public interface only (contig/cma_dev.h,
 * contig/dma-mapping.h, contig/dma_shell.h).
 */
#define pr_fmt(fmt) fmt

#include <contig/cma.h>
#include <contig/cma_dev.h>
#include <contig/device.h>
#include <contig/dma-mapping.h>
#include <contig/dma_shell.h>
#include <contig/errno.h>
#include <contig/shell.h>
#include <contig/string.h>

/* "video,camera (memory-region)" for @dev's regions for no type. */
static void describe_regions(struct device *dev, char *buf, size_t size)
{
	struct cma *regions[CMA_DEV_MAX_REGIONS];
	enum cma_dev_source src;
	unsigned int n, i;
	size_t len = 0;

	struct dma_coherent_pool *pool;
	bool bound = cma_dev_bound(dev, &pool);

	buf[0] = '\0';
	if (pool) {
		struct dma_pool_info pi;

		dma_pool_get_info(pool, &pi);
		snprintf(buf, size, "%s (coherent pool)", pi.name);
		return;
	}
	if (!bound) {
		snprintf(buf, size, "- (not bound)");
		return;
	}
	n = cma_dev_regions(dev, NULL, regions, ARRAY_SIZE(regions), &src);
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? "," : "",
					cma_get_name(regions[i]));
	if (len < size)
		snprintf(buf + len, size - len, "%s(%s)", n ? " " : "", cma_dev_source_names[src]);
}

static int dev_list_one(struct device *dev, void *arg)
{
	unsigned long buffers, pages;
	char regions[96], state[24];

	describe_regions(dev, regions, sizeof(regions));
	dma_buffer_count(dev, &buffers, &pages);
	if (dev->state == DEVICE_FAILED)
		snprintf(state, sizeof(state), "failed %s", errname(dev->probe_err));
	else
		snprintf(state, sizeof(state), "%s", device_state_name(dev->state));
	printk("%-30s %-12s %-12s %4lu/%-6lu %s\n", dev_name(dev), state,
	       dev->driver ? dev->driver->name : "-", buffers, pages, regions);
	(*(unsigned int *)arg)++;
	return 0;
}

static int cmd_dev_list(const struct shell_cmd *cmd, int argc, char **argv)
{
	unsigned int n = 0;

	if (argc != 2)
		return shell_usage(cmd);
	printk("%-30s %-12s %-12s %11s %s\n", "device", "state", "driver", "bufs/pages",
	       "regions (untyped requests)");
	device_for_each(dev_list_one, &n);
	printk("%u device(s)\n", n);
	return 0;
}
shell_command("dev list", "devices, their drivers, state, regions and buffers", cmd_dev_list);

static void print_region_line(unsigned int i, struct cma *cma, const char *note)
{
	struct cma_stats st;

	cma_get_stats(cma, &st);
	printk("  %u. %-10s %#010llx-%#010llx %6lu pages, %6lu free, largest free run %6lu%s\n",
	       i, cma_get_name(cma), (unsigned long long)cma_get_base(cma),
	       (unsigned long long)(cma_get_base(cma) + cma_get_size(cma) - 1), st.total,
	       st.total - st.used, st.largest_free, note);
}

static int cmd_dma_info(const struct shell_cmd *cmd, int argc, char **argv)
{
	struct cma *usable[CMA_DEV_MAX_REGIONS], *all[CMA_DEV_MAX_REGIONS];
	const char *type = argc == 4 ? argv[3] : NULL;
	struct dma_coherent_pool *pool;
	struct cma_dev_info info;
	enum cma_dev_source src;
	struct device *dev;
	unsigned int n, nall, i;

	if ((argc != 3 && argc != 4) || strcmp(argv[1], "info"))
		return shell_usage(cmd);
	dev = device_find(argv[2]);
	if (!dev)
		return shell_error("no device named \"%s\" (dev list shows them)", argv[2]);
	printk("device %s: %s%s%s; DMA mask %#llx, coherent mask %#llx\n", dev_name(dev),
	       device_state_name(dev->state), dev->driver ? ", driver " : "",
	       dev->driver ? dev->driver->name : "", (unsigned long long)dev->dma_mask,
	       (unsigned long long)dev->coherent_dma_mask);
	if (!cma_dev_bound(dev, &pool)) {
		printk("not bound to its memory (no driver probed it): it cannot allocate\n");
	} else if (pool) {
		struct dma_pool_info pi;

		dma_pool_get_info(pool, &pi);
		printk("coherent pool %s%s: %#010llx-%#010llx, %lu pages, %lu used (peak %lu), largest free run %lu, %lu allocs, %lu failed, %u user(s)\n",
		       pi.name, pi.nomap ? " (no-map)" : "", (unsigned long long)pi.base,
		       (unsigned long long)(pi.base + pi.size - 1), pi.total_pages, pi.used_pages,
		       pi.peak_pages, pi.largest_free, pi.allocs, pi.failed, pi.users);
		printk("every coherent buffer comes from the pool\n");
	} else {
		nall = cma_dev_resolve(dev, type, all, ARRAY_SIZE(all), &src);
		printk("regions for %s%s, from %s, tried in this order:\n",
		       type ? "type " : "untyped requests", type ? type : "",
		       cma_dev_source_names[src]);
		for (i = 0, n = 0; i < nall; i++) {
			bool ok = cma_dev_region_usable(dev, all[i]);

			print_region_line(i + 1, all[i], ok ? "" : " (beyond the coherent mask: not used)");
			if (ok)
				usable[n++] = all[i];
		}
		if (!n) {
			printk("  none usable: coherent buffers come from the page allocator\n");
		} else {
			printk("  (one page or less always comes from the page allocator)\n");
			cma_dev_info_regions(usable, n, &info);
			printk("in all: %#llx-%#llx, %lu pages, %lu free, largest free run %lu\n",
			       (unsigned long long)info.lower, (unsigned long long)info.upper - 1,
			       info.total_pages, info.free_pages, info.largest_free);
		}
	}
	dma_buffer_print(dev);
	return 0;
}
shell_command("dma info <device> [type]", "a device's regions, masks, pool and buffers",
	      cmd_dma_info);

static int cmd_cma_alloc(const struct shell_cmd *cmd, int argc, char **argv)
{
	if (argc != 4 && argc != 5)
		return shell_usage(cmd);
	/* A region's name wins over a device's. */
	return dma_shell_carve(cma_find(argv[2]) ? NULL : device_find(argv[2]), argv[2], argv[3],
			       argc == 5 ? argv[4] : NULL);
}
shell_command("cma alloc <region|device> <size> [type]",
	      "carve a buffer (device: its regions, else cma_map= rules)", cmd_cma_alloc);

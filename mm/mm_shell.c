// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shell's views of the whole mm: "meminfo" (memory, CMA, free pages by
 * migratetype, kmalloc) and "mmcheck" (the consistency checker), and
 * meminfo_print(), the /proc/meminfo-style summary the demo prints too.
 */
#define pr_fmt(fmt) fmt

#include <contig/cma.h>
#include <contig/errno.h>
#include <contig/mm.h>
#include <contig/mm_debug.h>
#include <contig/mmzone.h>
#include <contig/shell.h>
#include <contig/slab.h>
#include <contig/spinlock.h>

#define KB(pages) ((unsigned long)(pages) * (PAGE_SIZE / 1024))

/** meminfo_print - /proc/meminfo-style summary of memory and CMA */
void meminfo_print(void)
{
	printk("MemTotal:  %8lu kB\n", KB(totalram_pages()));
	printk("MemFree:   %8lu kB\n", KB(nr_free_pages()));
	printk("CmaTotal:  %8lu kB\n", KB(cma_total_pages()));
	printk("CmaFree:   %8lu kB\n", KB(cma_free_pages()));
}

static int cmd_meminfo(const struct shell_cmd *cmd, int argc, char **argv)
{
	unsigned long flags;
	unsigned long free[MIGRATE_TYPES] = { 0 }, objects, pages;
	struct zone *zone;
	unsigned int o;
	int mt;

	if (argc != 1)
		return shell_usage(cmd);
	meminfo_print();
	for_each_zone(zone) {
		spin_lock_irqsave(&zone->lock, flags);
		for (o = 0; o < MAX_ORDER; o++)
			for (mt = 0; mt < MIGRATE_TYPES; mt++)
				free[mt] += zone->free_area[o].nr_free[mt] << o;
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	printk("free in the buddy lists, by migratetype (per-CPU lists not included):\n");
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		printk("  %-10s %8lu kB\n", migratetype_names[mt], KB(free[mt]));
	kmalloc_stats(&objects, &pages);
	printk("Kmalloc:   %8lu kB in %lu pages, %lu objects\n", KB(pages), pages, objects);
	/* What the shell's commands hold: its cma buffers, the memhog. */
	shell_show_state(true);
	return 0;
}
shell_command("meminfo", "memory, CMA, free pages by migratetype, kmalloc", cmd_meminfo);

static int cmd_mmcheck(const struct shell_cmd *cmd, int argc, char **argv)
{
	unsigned long bad;

	if (argc != 1)
		return shell_usage(cmd);
	bad = mm_check_consistency(true);
	if (bad)
		return shell_error("mmcheck: %lu inconsistencies (printed above)", bad);
	printk("mmcheck: consistent\n");
	return 0;
}
shell_command("mmcheck", "check the mm for consistency", cmd_mmcheck);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shell's views of the CMA regions: "cma list" (the regions and their
 * counters) and "cma map <region>" (what each pageblock's pages hold).
 * Carving by hand ("cma alloc", "cma free", "cma holders") goes through
 * the DMA layer and is registered there (kernel/dma/dma_shell.c).
 *
 * "cma map" draws one character per cell of a region: a cell is a
 * pageblock, or a power-of-two number of pageblocks so that a region
 * needs at most MAP_MAX_CELLS cells (MAP_COLS per line). Page states are
 * read without locks (a snapshot; the shell is the only user while it
 * runs). A cell shows the first state that applies to any of its pages:
 *   I  the cell's pageblock is isolated (a carve is in progress)
 *   A  a page carved by cma_alloc() (PG_contig)
 *   M  a movable page (PG_movable: anon or pcache)
 *   u  another allocated page (in transit, or unexpected in a CMA area)
 *   .  every page free
 */
#define pr_fmt(fmt) fmt

#include <contig/cma.h>
#include <contig/errno.h>
#include <contig/mm.h>
#include <contig/mmzone.h>
#include <contig/shell.h>
#include <contig/string.h>

#define MAP_COLS 64
#define MAP_MAX_CELLS 256

#define KB(pages) ((unsigned long)(pages) * (PAGE_SIZE / 1024))

/** cma_print_region_names - "  the regions are: a b c", after an error naming one */
void cma_print_region_names(void)
{
	unsigned int i;

	printk("  the regions are:");
	for (i = 0; i < cma_area_count(); i++)
		printk(" %s", cma_get_name(cma_area(i)));
	printk("%s\n", cma_area_count() ? "" : " (none)");
}

/**
 * cma_find_or_explain - the region called @name, or an error naming the others
 * @name: the region's name
 *
 * Return: the region, or NULL after "error: no CMA region named ..." and
 * the list of the regions there are.
 */
struct cma *cma_find_or_explain(const char *name)
{
	struct cma *cma = cma_find(name);

	if (!cma) {
		shell_error("no CMA region named \"%s\"", name);
		cma_print_region_names();
	}
	return cma;
}

static int cmd_cma_list(const struct shell_cmd *cmd, int argc, char **argv)
{
	unsigned int i;

	if (argc != 2)
		return shell_usage(cmd);
	printk("%-10s %-10s %5s %6s %6s %6s %6s %8s %7s %8s %8s %5s\n", "region", "base", "MiB",
	       "total", "used", "allocs", "failed", "released", "largest", "migrated", "discard",
	       "busy");
	for (i = 0; i < cma_area_count(); i++) {
		struct cma *cma = cma_area(i);
		struct cma_stats st;

		cma_get_stats(cma, &st);
		printk("%-10s %#010llx %5llu %6lu %6lu %6lu %6lu %8lu %7lu %8lu %8lu %5lu%s\n",
		       cma_get_name(cma), (unsigned long long)cma_get_base(cma),
		       (unsigned long long)(cma_get_size(cma) / SZ_1M), st.total, st.used,
		       st.allocs, st.failed, st.released, st.largest_free, st.migrated,
		       st.discarded, st.busy_retries, cma_is_default(cma) ? " (default)" : "");
	}
	printk("(counts in pages; largest = largest free run)\n");
	printk("%-10s %6s %8s %10s %10s\n", "region", "peak", "failpg", "avg-ms", "max-ms");
	for (i = 0; i < cma_area_count(); i++) {
		struct cma *cma = cma_area(i);
		struct cma_stats st;
		char avg[24], worst[24];
		unsigned long calls;

		cma_get_stats(cma, &st);
		calls = st.allocs + st.failed;
		printk("%-10s %6lu %8lu %10s %10s\n", cma_get_name(cma), st.peak_used,
		       st.failed_pages,
		       fmt_ms(avg, sizeof(avg), calls ? st.latency_total_ns / calls : 0),
		       fmt_ms(worst, sizeof(worst), st.latency_max_ns));
	}
	printk("(peak = most pages carved at once, failpg = pages failed carves asked for, carve latency)\n");
	cma_print_borrow();
	/* The buffers the shell carved ("cma alloc"), one line each. */
	shell_show_state(false);
	return 0;
}
shell_command("cma list", "the CMA regions and their counters", cmd_cma_list);

enum map_state { MAP_FREE, MAP_MOVABLE, MAP_OTHER, MAP_ALLOC, MAP_ISOLATED };

static enum map_state page_map_state(unsigned long pfn)
{
	const struct page *page = pfn_to_page(pfn);
	u32 flags = page_flags(page);

	if (flags & (1u << PG_contig))
		return MAP_ALLOC;
	if (flags & (1u << PG_movable))
		return MAP_MOVABLE;
	if (!page_ref_count(page))
		return MAP_FREE;
	return MAP_OTHER;
}

static int cmd_cma_map(const struct shell_cmd *cmd, int argc, char **argv)
{
	static const char glyph[] = { '.', 'M', 'u', 'A', 'I' };
	unsigned long start, end, pfn, cell_pages = pageblock_nr_pages, ncells, c;
	unsigned long count[MAP_ISOLATED + 1] = { 0 }, isolated_blocks = 0;
	char line[MAP_COLS + 1];
	struct cma *cma;
	unsigned int col = 0;

	if (argc != 3)
		return shell_usage(cmd);
	cma = cma_find_or_explain(argv[2]);
	if (!cma)
		return -ENODEV;
	start = PHYS_PFN(cma_get_base(cma));
	end = start + PHYS_PFN(cma_get_size(cma));
	while (DIV_ROUND_UP(end - start, cell_pages) > MAP_MAX_CELLS)
		cell_pages <<= 1;
	ncells = DIV_ROUND_UP(end - start, cell_pages);
	printk("map of %s, %#llx-%#llx: %lu cells of %lu pages (%lu KiB)\n", cma_get_name(cma),
	       (unsigned long long)cma_get_base(cma),
	       (unsigned long long)(cma_get_base(cma) + cma_get_size(cma) - 1), ncells,
	       cell_pages, KB(cell_pages));
	for (c = 0; c < ncells; c++) {
		unsigned long cs = start + c * cell_pages, ce = min(cs + cell_pages, end);
		enum map_state cell = MAP_FREE;

		for (pfn = cs; pfn < ce; pfn++) {
			enum map_state st = page_map_state(pfn);

			count[st]++;
			if (st > cell)
				cell = st;
			/* Cells are whole pageblocks: test each block once. */
			if (pfn == pageblock_start_pfn(pfn) &&
			    get_pageblock_migratetype(pfn) == MIGRATE_ISOLATE) {
				isolated_blocks++;
				cell = MAP_ISOLATED;
			}
		}
		line[col++] = glyph[cell];
		if (col == MAP_COLS || c + 1 == ncells) {
			line[col] = '\0';
			printk("  %#010llx %s\n",
			       (unsigned long long)PFN_PHYS(start + (c + 1 - col) * cell_pages), line);
			col = 0;
		}
	}
	printk("legend: . free  M movable  A carved (cma_alloc)  I isolated  u other allocated;\n");
	printk("        a cell shows the first of I, A, M, u that any of its pages is in, else .\n");
	printk("pages: %lu free, %lu movable, %lu allocated, %lu other; %lu isolated pageblocks\n",
	       count[MAP_FREE], count[MAP_MOVABLE], count[MAP_ALLOC], count[MAP_OTHER],
	       isolated_blocks);
	return 0;
}
shell_command("cma map <region>", "draw what the region's pages hold", cmd_cma_map);

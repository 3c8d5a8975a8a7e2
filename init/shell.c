// SPDX-License-Identifier: GPL-2.0-only
/*
 * The console shell: poke at the CMA regions by hand, on the host (stdin)
 * or on the board (the serial line).
 *
 * Design. shell_run() is the only part that touches the console input: it
 * reads bytes with arch_console_getc() (which never blocks, so it spins
 * with arch_cpu_relax() while nothing is pending), edits one line (echo,
 * backspace, Ctrl-U, Ctrl-C; escape sequences such as arrow keys are
 * dropped) and hands it to shell_exec_line(). shell_exec_line() splits the
 * line into words and runs a command from shell_cmds[]; every command
 * prints through printk() only, so the ktest suite "shell" drives the
 * commands without a console and asserts their output with
 * printk_capture_begin()/_end().
 *
 * State. Buffers carved with "cma alloc" live in bufs[] under an id that
 * is never reused, so a second "cma free" of the same id is refused
 * instead of releasing someone else's buffer. A buffer carved for a bound
 * device goes through its handle (cma_dev_alloc()), so it is attributed to
 * the device ("cma holders", "dma info") until "cma free". "memhog" owns at most one
 * movable workload, grown by each "memhog <size>" and dropped by "memhog
 * free". The shell runs on one CPU and is not reentrant: no locking.
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

#include <contig/bench.h>
#include <contig/cma.h>
#include <contig/cma_dev.h>
#include <contig/device.h>
#include <contig/display.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/init.h>
#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/mm_debug.h>
#include <contig/mmzone.h>
#include <contig/params.h>
#include <contig/pipeline.h>
#include <contig/reserved_mem.h>
#include <contig/shell.h>
#include <contig/idle.h>
#include <contig/blk_cache.h>
#include <contig/slab.h>
#include <contig/spinlock.h>
#include <contig/string.h>
#include <contig/trace.h>
#include <contig/workload.h>

#define SHELL_MAX_ARGS 8
#define SHELL_MAX_BUFS 32
#define MAP_COLS 64
#define MAP_MAX_CELLS 256

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
static struct workload *hog;
static int poweroff_status;

struct shell_cmd {
	const char *name;
	const char *usage;
	const char *help;
	int (*fn)(const struct shell_cmd *cmd, int argc, char **argv);
};

static __printf(1, 2) int shell_error(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk("error: %s\n", msg);
	return -EINVAL;
}

/* Print every form of @cmd (the entries of shell_cmds[] that follow it). */
static int usage(const struct shell_cmd *cmd)
{
	const struct shell_cmd *c;

	printk("error: usage: %s\n", cmd->usage);
	for (c = cmd + 1; c->name && c->fn == cmd->fn; c++)
		printk("       %s\n", c->usage);
	return -EINVAL;
}

/**
 * fmt_ms - nanoseconds as milliseconds with three decimals ("12.345")
 * @buf: where to write
 * @size: its size
 * @ns: the duration
 *
 * Return: @buf.
 */
const char *fmt_ms(char *buf, size_t size, u64 ns)
{
	u64 us = ns / 1000;

	snprintf(buf, size, "%llu.%03llu", (unsigned long long)(us / 1000),
		 (unsigned long long)(us % 1000));
	return buf;
}

/* A byte count with an optional K/M/G suffix; whole string, above zero. */
static int parse_size(const char *s, u64 *bytes)
{
	bool overflow = false;
	const char *end;
	u64 v = memparse(s, &end, &overflow);

	if (end == s || *end || overflow)
		return shell_error("bad size \"%s\": give a number with an optional K, M or G suffix, e.g. 4M",
				   s);
	if (!v)
		return shell_error("bad size \"%s\": it must be above zero", s);
	*bytes = v;
	return 0;
}

/**
 * parse_uint - an unsigned decimal number from @min to @max, the whole string
 * @s: the argument
 * @what: what it is, for the message ("percentage")
 * @min: smallest value accepted
 * @max: largest value accepted
 * @val: set to the number
 *
 * Return: 0, or -EINVAL after "error: bad <what> "<s>": give a number from
 * <min> to <max>".
 */
int parse_uint(const char *s, const char *what, unsigned long min, unsigned long max,
	       unsigned long *val)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		goto bad;
	v = strtoul(s, &end, 10);
	if (*end || v < min || v > max)
		goto bad;
	*val = v;
	return 0;
bad:
	return shell_error("bad %s \"%s\": give a number from %lu to %lu", what, s, min, max);
}

static void print_region_names(void)
{
	unsigned int i;

	printk("  the regions are:");
	for (i = 0; i < cma_area_count(); i++)
		printk(" %s", cma_get_name(cma_area(i)));
	printk("%s\n", cma_area_count() ? "" : " (none)");
}

static struct cma *find_region(const char *name)
{
	struct cma *cma = cma_find(name);

	if (!cma) {
		shell_error("no CMA region named \"%s\"", name);
		print_region_names();
	}
	return cma;
}

/* ---- help, meminfo, mmcheck, ktest, poweroff ---------------------------- */

static const struct shell_cmd *shell_cmd_table(void);

static int cmd_help(const struct shell_cmd *cmd, int argc, char **argv)
{
	const struct shell_cmd *c;

	printk("commands:\n");
	for (c = shell_cmd_table(); c->name; c++)
		printk("  %-34s %s\n", c->usage, c->help);
	printk("sizes take a K, M or G suffix; lines starting with # are ignored.\n");
	printk("in QEMU, Ctrl-A X leaves the emulator at any time.\n");
	return 0;
}

static int cmd_meminfo(const struct shell_cmd *cmd, int argc, char **argv)
{
	unsigned long flags;
	unsigned long free[MIGRATE_TYPES] = { 0 }, objects, pages, held = 0;
	unsigned int o, i, nbufs = 0;
	struct zone *zone;
	int mt;

	if (argc != 1)
		return usage(cmd);
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
	for (i = 0; i < SHELL_MAX_BUFS; i++) {
		if (bufs[i].id) {
			nbufs++;
			held += bufs[i].count;
		}
	}
	printk("Shell:     %8lu kB in %u cma buffers; memhog %lu kB\n", KB(held), nbufs,
	       hog ? KB(workload_nr_pages(hog)) : 0UL);
	return 0;
}

static int cmd_mmcheck(const struct shell_cmd *cmd, int argc, char **argv)
{
	unsigned long bad;

	if (argc != 1)
		return usage(cmd);
	bad = mm_check_consistency(true);
	if (bad)
		return shell_error("mmcheck: %lu inconsistencies (printed above)", bad);
	printk("mmcheck: consistent\n");
	return 0;
}

static int cmd_ktest(const struct shell_cmd *cmd, int argc, char **argv)
{
	int failed;

	if (argc > 2)
		return usage(cmd);
	if (!IS_ENABLED(CONFIG_KTEST))
		return shell_error("this kernel was built without the test suites (CONFIG_KTEST)");
	failed = ktest_run(argc == 2 ? argv[1] : "all");
	if (failed)
		return shell_error("ktest: %d cases failed", failed);
	return 0;
}

static int cmd_poweroff(const struct shell_cmd *cmd, int argc, char **argv)
{
	unsigned long status = 0;

	if (argc > 2)
		return usage(cmd);
	if (argc == 2) {
		if (parse_uint(argv[1], "status", 0, 255, &status))
			return -EINVAL;
		poweroff_status = (int)status;
	} else {
		poweroff_status = -1; /* shell_run()'s default */
	}
	return SHELL_POWEROFF;
}

/* ---- cma ------------------------------------------------------------------ */

static int cma_list(void)
{
	unsigned int i;

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
	for (i = 0; i < SHELL_MAX_BUFS; i++) {
		struct shell_buf *b = &bufs[i];

		if (b->id)
			printk("buffer %u: %s %#llx, %lu pages%s%s\n", b->id, cma_get_name(b->cma),
			       (unsigned long long)page_to_phys(b->page), b->count,
			       b->dev ? ", for " : "", b->dev ? dev_name(b->dev) : "");
	}
	return 0;
}

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
		print_region_names();
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

static int cma_alloc_cmd(const char *name, const char *size_arg, const char *type)
{
	struct cma *targets[MAX_CMA_AREAS], *cma = NULL;
	struct cma_stats before, after;
	struct shell_buf *slot = NULL;
	struct device *dev;
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
	dev = cma_find(name) ? NULL : device_find(name);
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

static int cma_free_cmd(const char *id_arg)
{
	unsigned long id;
	unsigned int i;

	if (parse_uint(id_arg, "id", 0, ~0U, &id))
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

static int cma_map_cmd(const char *name)
{
	static const char glyph[] = { '.', 'M', 'u', 'A', 'I' };
	unsigned long start, end, pfn, cell_pages = pageblock_nr_pages, ncells, c;
	unsigned long count[MAP_ISOLATED + 1] = { 0 }, isolated_blocks = 0;
	char line[MAP_COLS + 1];
	struct cma *cma = find_region(name);
	unsigned int col = 0;

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

static int cma_holders_cmd(const char *name)
{
	struct cma *cma = NULL;

	if (name) {
		cma = find_region(name);
		if (!cma)
			return -ENODEV;
	}
	cma_dev_print_holders(cma);
	return 0;
}

static int cmd_cma(const struct shell_cmd *cmd, int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "list"))
		return cma_list();
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "alloc"))
		return cma_alloc_cmd(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
	if ((argc == 2 || argc == 3) && !strcmp(argv[1], "holders"))
		return cma_holders_cmd(argc == 3 ? argv[2] : NULL);
	if (argc == 3 && !strcmp(argv[1], "free"))
		return cma_free_cmd(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "map"))
		return cma_map_cmd(argv[2]);
	return usage(cmd);
}

/* ---- memhog --------------------------------------------------------------- */

static void memhog_report(void)
{
	unsigned long total = workload_nr_pages(hog), in_cma = 0, n;
	unsigned int i;

	for (i = 0; i < cma_area_count(); i++) {
		struct cma *cma = cma_area(i);
		unsigned long s = PHYS_PFN(cma_get_base(cma));

		in_cma += workload_pages_in_range(hog, s, s + PHYS_PFN(cma_get_size(cma)));
	}
	printk("memhog: %lu pages (%lu MiB) in %u chunks, %lu of them in CMA areas:", total,
	       total >> (20 - PAGE_SHIFT), workload_nr_chunks(hog), in_cma);
	for (i = 0; i < cma_area_count(); i++) {
		struct cma *cma = cma_area(i);
		unsigned long s = PHYS_PFN(cma_get_base(cma));

		n = workload_pages_in_range(hog, s, s + PHYS_PFN(cma_get_size(cma)));
		printk(" %s %lu", cma_get_name(cma), n);
	}
	printk("\n");
}

static int memhog_free(void)
{
	if (!hog)
		return shell_error("no memhog workload to free");
	printk("memhog: freeing %lu pages\n", workload_nr_pages(hog));
	workload_destroy(hog);
	hog = NULL;
	return 0;
}

static int cmd_memhog(const struct shell_cmd *cmd, int argc, char **argv)
{
	unsigned long pct = 0, added = 0, corrupt;
	u64 bytes, left;
	unsigned int i;

	if (argc < 2 || argc > 3)
		return usage(cmd);
	if (argc == 2 && (!strcmp(argv[1], "free") || !strcmp(argv[1], "0")))
		return memhog_free();
	if (argc == 2 && !strcmp(argv[1], "verify")) {
		if (!hog)
			return shell_error("no memhog workload to verify");
		corrupt = workload_verify(hog);
		if (corrupt)
			return shell_error("memhog: %lu of %lu pages corrupt", corrupt,
					   workload_nr_pages(hog));
		printk("memhog: %lu pages verified, 0 corrupt\n", workload_nr_pages(hog));
		return 0;
	}
	if (parse_size(argv[1], &bytes))
		return -EINVAL;
	if (argc == 3 && parse_uint(argv[2], "percentage", 0, 100, &pct))
		return -EINVAL;
	if (!hog) {
		hog = workload_create("memhog", WORKLOAD_ANON, 0, 0);
		if (!hog)
			return shell_error("no memory for the memhog workload");
	}
	/* With a percentage: first fill each CMA area that far, then the rest. */
	for (i = 0; pct && i < cma_area_count(); i++) {
		left = bytes - min_t(u64, bytes, (u64)added * PAGE_SIZE);
		if (!left)
			break;
		added += workload_fill_cma(hog, cma_area(i), (unsigned int)pct, left);
	}
	left = bytes - min_t(u64, bytes, (u64)added * PAGE_SIZE);
	if (left)
		added += workload_fill_bytes(hog, left);
	printk("memhog: added %lu pages (%lu MiB)\n", added, added >> (20 - PAGE_SHIFT));
	if ((u64)added * PAGE_SIZE < bytes)
		printk("memhog: asked for %llu KiB: memory or the vm window ran out\n",
		       (unsigned long long)(bytes / SZ_1K));
	memhog_report();
	return 0;
}

/* ---- bench ---------------------------------------------------------------- */

static int cmd_bench(const struct shell_cmd *cmd, int argc, char **argv)
{
	struct cma *cma;
	u64 size, take = 0;
	int ret;

	if (argc > 2)
		return usage(cmd);
	if (argc == 2) {
		cma = find_region(argv[1]);
	} else {
		cma = cma_find("bench");
		if (!cma)
			cma = cma_default_area();
		if (!cma)
			return shell_error("no region \"bench\" and no default area: name a region (bench <region>)");
	}
	if (!cma)
		return -ENODEV;
	size = cma_get_size(cma);
	if (size < BENCH_CARVE_MAX_TAKE) {
		take = ALIGN_DOWN(size / 2, BENCH_CARVE_BUF_BYTES);
		if (!take)
			return shell_error("region %s has %llu MiB: the carve bench needs at least %llu MiB",
					   cma_get_name(cma), (unsigned long long)(size / SZ_1M),
					   2 * BENCH_CARVE_BUF_BYTES / SZ_1M);
		printk("bench: region %s has %llu MiB, less than the standard %llu MiB take: each round takes %llu MiB\n",
		       cma_get_name(cma), (unsigned long long)(size / SZ_1M),
		       BENCH_CARVE_MAX_TAKE / SZ_1M, (unsigned long long)(take / SZ_1M));
	}
	printk("bench: carve on region %s, %llu MiB per round\n", cma_get_name(cma),
	       (unsigned long long)((take ? take : BENCH_CARVE_MAX_TAKE) / SZ_1M));
	ret = bench_run("carve", cma_get_name(cma), take);
	if (ret < 0)
		return shell_error("bench failed (%d): see the messages above", ret);
	if (ret)
		return shell_error("bench: carves failed or data was corrupted (see above)");
	return 0;
}

/* ---- dev, dma, trace -------------------------------------------------------- */

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

static int cmd_dev(const struct shell_cmd *cmd, int argc, char **argv)
{
	unsigned int n = 0;

	if (argc != 2 || strcmp(argv[1], "list"))
		return usage(cmd);
	printk("%-30s %-12s %-12s %11s %s\n", "device", "state", "driver", "bufs/pages",
	       "regions (untyped requests)");
	device_for_each(dev_list_one, &n);
	printk("%u device(s)\n", n);
	return 0;
}

static void print_region_line(unsigned int i, struct cma *cma, const char *note)
{
	struct cma_stats st;

	cma_get_stats(cma, &st);
	printk("  %u. %-10s %#010llx-%#010llx %6lu pages, %6lu free, largest free run %6lu%s\n",
	       i, cma_get_name(cma), (unsigned long long)cma_get_base(cma),
	       (unsigned long long)(cma_get_base(cma) + cma_get_size(cma) - 1), st.total,
	       st.total - st.used, st.largest_free, note);
}

static int cmd_dma(const struct shell_cmd *cmd, int argc, char **argv)
{
	struct cma *usable[CMA_DEV_MAX_REGIONS], *all[CMA_DEV_MAX_REGIONS];
	const char *type = argc == 4 ? argv[3] : NULL;
	struct dma_coherent_pool *pool;
	struct cma_dev_info info;
	enum cma_dev_source src;
	struct device *dev;
	unsigned int n, nall, i;

	if ((argc != 3 && argc != 4) || strcmp(argv[1], "info"))
		return usage(cmd);
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

static int cmd_trace(const struct shell_cmd *cmd, int argc, char **argv)
{
	unsigned long n = 0;

	if (argc > 2)
		return usage(cmd);
	if (argc == 2 && !strcmp(argv[1], "clear")) {
		trace_clear();
		printk("trace: cleared\n");
		return 0;
	}
	if (argc == 2 && parse_uint(argv[1], "event count", 0, TRACE_RING_SIZE, &n))
		return -EINVAL;
	trace_print((unsigned int)n);
	return 0;
}

static int cmd_display(const struct shell_cmd *cmd, int argc, char **argv)
{
	return display_shell(argc, argv);
}

static int cmd_blk(const struct shell_cmd *cmd, int argc, char **argv)
{
	int ret;

	if (!IS_ENABLED(CONFIG_BLOCK))
		return shell_error("this kernel has no block layer (CONFIG_BLOCK=n)");
	ret = blk_cache_shell(argc, argv);

	return ret == -EINVAL ? usage(cmd) : ret;
}

static int cmd_capture(const struct shell_cmd *cmd, int argc, char **argv)
{
	if (!IS_ENABLED(CONFIG_VIDEO_VCAM))
		return shell_error("this kernel has no capture driver (CONFIG_VIDEO_VCAM=n)");
	return !strcmp(argv[0], "pipeline") ? pipeline_shell(argc, argv) :
	       !strcmp(argv[0], "play")     ? playback_shell(argc, argv) :
					      capture_shell(argc, argv);
}

static const struct shell_cmd shell_cmds[] = {
	{ "help", "help", "this list", cmd_help },
	{ "meminfo", "meminfo", "memory, CMA, free pages by migratetype, kmalloc", cmd_meminfo },
	{ "blk", "blk read <disk> [size]", "read a disk through its read cache", cmd_blk },
	{ "blk", "blk cache", "the read caches: cached, misses, discarded pages", cmd_blk },
	{ "cma", "cma list", "the CMA regions and their counters", cmd_cma },
	{ "cma", "cma alloc <region|device> <size> [type]",
	  "carve a buffer (device: its regions, else cma_map= rules)", cmd_cma },
	{ "cma", "cma free <id>", "release a buffer from cma alloc", cmd_cma },
	{ "cma", "cma map <region>", "draw what the region's pages hold", cmd_cma },
	{ "cma", "cma holders [region]", "which device holds how much of each region", cmd_cma },
	{ "dev", "dev list", "devices, their drivers, state, regions and buffers", cmd_dev },
	{ "dma", "dma info <device> [type]", "a device's regions, masks, pool and buffers",
	  cmd_dma },
	{ "trace", "trace [count|clear]", "the last CMA/DMA trace events (all kept: no count)",
	  cmd_trace },
	{ "memhog", "memhog <size> [pct]", "add movable memory (pct: fill CMA areas first)",
	  cmd_memhog },
	{ "memhog", "memhog verify|free", "check the memhog's data / drop it", cmd_memhog },
	{ "bench", "bench [region]", "the carve benchmark (default: bench or default area)",
	  cmd_bench },
	{ "mmcheck", "mmcheck", "check the mm for consistency", cmd_mmcheck },
	{ "display", "display [info]", "the display: mode, frame buffers, flips", cmd_display },
	{ "display", "display pattern <name>", "draw a test pattern and flip to it", cmd_display },
	{ "display", "display draw <name>", "draw a test pattern into the back buffer",
	  cmd_display },
	{ "display", "display flip", "show the back buffer", cmd_display },
	{ "capture", "capture [status]", "the capture device, its ring and counters",
	  cmd_capture },
	{ "capture", "capture start [buffers] [cached]", "allocate the ring, start capturing",
	  cmd_capture },
	{ "capture", "capture grab [n]", "take n frames, check them, show them", cmd_capture },
	{ "capture", "capture stop", "stop capturing, release the ring", cmd_capture },
	{ "play", "play [cycles] [frames]", "play the frames file through the read cache", cmd_capture },
	{ "pipeline", "pipeline [cycles] [frames]", "capture and display with the workload",
	  cmd_capture },
	{ "ktest", "ktest [filter]", "run in-kernel test suites (ktest list: list them)",
	  cmd_ktest },
	{ "poweroff", "poweroff [status]", "stop the machine", cmd_poweroff },
	{}
};

static const struct shell_cmd *shell_cmd_table(void)
{
	return shell_cmds;
}

/**
 * shell_exec_line - run one command line (see contig/shell.h)
 * @line: the command line
 *
 * Return: 0, SHELL_POWEROFF, or a negative errno when the command failed.
 */
int shell_exec_line(const char *line)
{
	const struct shell_cmd *c, *found = NULL;
	char buf[SHELL_LINE_MAX], *argv[SHELL_MAX_ARGS + 1], *p;
	int argc = 0;

	if (strlen(line) >= sizeof(buf))
		return shell_error("line longer than %d characters", SHELL_LINE_MAX - 1);
	strscpy_trunc(buf, line, sizeof(buf));
	for (p = buf; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			*p++ = '\0';
		if (!*p)
			break;
		if (argc == SHELL_MAX_ARGS)
			return shell_error("too many words: at most %d", SHELL_MAX_ARGS);
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			p++;
	}
	argv[argc] = NULL;
	if (!argc || argv[0][0] == '#')
		return 0;
	for (c = shell_cmds; c->name && !found; c++)
		if (!strcmp(c->name, argv[0]))
			found = c;
	if (!found)
		return shell_error("unknown command \"%s\": type help for the list", argv[0]);
	return found->fn(found, argc, argv);
}

/** shell_poweroff_status - the status "poweroff [status]" gave, -1: none */
int shell_poweroff_status(void)
{
	return poweroff_status;
}

/** shell_has_state - true while the shell holds buffers or a memhog */
bool shell_has_state(void)
{
	unsigned int i;

	for (i = 0; i < SHELL_MAX_BUFS; i++)
		if (bufs[i].id)
			return true;
	return hog != NULL;
}

/** shell_reset - release every buffer and drop the memhog (for tests) */
void shell_reset(void)
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
	if (hog)
		workload_destroy(hog);
	hog = NULL;
}

/* ---- the console loop ----------------------------------------------------- */

static bool shell_echo = true;

static void echo(const char *s)
{
	if (shell_echo)
		printk("%s", s);
}

/*
 * A line that did not fit in the buffer: refuse it whole (running what
 * fit would run another command than the one typed) and give an empty one.
 */
static int line_too_long(char *buf)
{
	shell_error("line longer than %d characters: nothing run; type a shorter line",
		    SHELL_LINE_MAX - 1);
	buf[0] = '\0';
	return 0;
}

/*
 * Read one line into @buf. Return: the length, or -1 when the console
 * input ended before a newline (@buf then holds what came before). A line
 * longer than @size - 1 characters is refused whole (@buf is emptied with
 * a message); characters past the end are not kept, and only Ctrl-U or
 * Ctrl-C starts the line afresh.
 */
static int read_line(char *buf, size_t size)
{
	static bool last_cr;
	unsigned int len = 0;
	int esc = 0; /* 1: after ESC, 2: inside "ESC [" ... */
	bool cut = false;
	char ch[2] = { 0, 0 };

	for (;;) {
		int c = arch_console_getc();

		if (c == ARCH_CONSOLE_NONE) {
			if (!idle_work())
				arch_cpu_relax();
			continue;
		}
		if (c == ARCH_CONSOLE_EOF) {
			buf[len] = '\0';
			if (cut)
				line_too_long(buf);
			return -1;
		}
		if (esc == 1) {
			esc = c == '[' ? 2 : 0;
			continue;
		}
		if (esc == 2) {
			if (c >= 0x40 && c <= 0x7e)
				esc = 0;
			continue;
		}
		if (c == '\n' && last_cr) {
			last_cr = false;
			continue;
		}
		last_cr = c == '\r';
		switch (c) {
		case '\r':
		case '\n':
			echo("\n");
			buf[len] = '\0';
			return cut ? line_too_long(buf) : (int)len;
		case 0x7f: /* DEL, what most terminals send for backspace */
		case '\b':
			if (len) {
				len--;
				echo("\b \b");
			}
			break;
		case 0x15: /* Ctrl-U: erase the line */
			while (len) {
				len--;
				echo("\b \b");
			}
			cut = false;
			break;
		case 0x03: /* Ctrl-C: drop the line */
			echo("^C\n");
			buf[0] = '\0';
			return 0;
		case 0x1b:
			esc = 1;
			break;
		default:
			if (c == '\t')
				c = ' ';
			if (c < 0x20 || c > 0x7e)
				break;
			if (len + 1 >= size) {
				echo("\a");
				cut = true;
				break;
			}
			buf[len++] = (char)c;
			ch[0] = (char)c;
			echo(ch);
		}
	}
}

/**
 * shell_run - prompt, read and run lines until poweroff or end of input
 * @default_status: the status for "poweroff" without one and for the end
 *                  of input
 * Return: the status to power off with.
 */
int shell_run(int default_status)
{
	char line[SHELL_LINE_MAX], val[8];
	int len, ret;

	if (cmdline_get("shell_echo", val, sizeof(val)))
		shell_echo = strcmp(val, "0") != 0;
	printk("contig shell: type help for the commands, poweroff to stop%s\n",
	       IS_ENABLED(CONFIG_ARCH_ARM) ? " (or Ctrl-A X to leave QEMU)" : "");
	for (;;) {
		printk("contig> ");
		len = read_line(line, sizeof(line));
		if (len < 0) {
			if (line[0]) {
				echo("\n");
				shell_exec_line(line);
			}
			printk("\nshell: end of console input\n");
			return default_status;
		}
		ret = shell_exec_line(line);
		if (ret == SHELL_POWEROFF)
			return poweroff_status >= 0 ? poweroff_status : default_status;
	}
}

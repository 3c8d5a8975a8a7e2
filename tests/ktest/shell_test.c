// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "shell": the console shell's commands (registered beside each subsystem), fed
 * to shell_exec_line() one line at a time with their output captured by
 * printk_capture_begin(). The cases assert what the commands print and
 * what they do to the CMA areas (cma_get_stats()), so they hold on any
 * board with at least one CMA area of 8 MiB; cases that need more skip.
 *
 * The shell's state (buffers, memhog) is global: each case starts only
 * when the shell holds nothing (else it skips, e.g. "ktest shell" typed
 * into a shell that holds buffers) and the suite's exit drops whatever the
 * case left with shell_reset() and restores the boot's cma_map= rules.
 */
#include <contig/cma.h>
#include <contig/cma_dev.h>
#include <contig/device.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/ktest.h>
#include <contig/platform_device.h>
#include <contig/reserved_mem.h>
#include <contig/shell.h>
#include <contig/slab.h>
#include <contig/string.h>

#define OUT_SIZE 8192

static char out[OUT_SIZE];
static char saved_rules[512];
static struct cma *region;
static bool owned; /* this case may reset the shell's state */

static int shell_test_init(struct ktest *t)
{
	unsigned int i;

	owned = false;
	region = NULL;
	if (shell_has_state()) {
		ktest_skip(t, "the shell holds buffers or a memhog: free them first");
		return 0;
	}
	region = cma_find("video");
	for (i = 0; !region && i < cma_area_count(); i++)
		if (cma_get_size(cma_area(i)) >= 8 * SZ_1M)
			region = cma_area(i);
	if (!region) {
		ktest_skip(t, "needs a CMA area of at least 8 MiB");
		return 0;
	}
	strscpy_trunc(saved_rules, cma_map_rules_text(), sizeof(saved_rules));
	owned = true;
	return 0;
}

static void shell_test_exit(struct ktest *t)
{
	if (!owned)
		return;
	shell_reset();
	cma_map_set_rules(saved_rules);
}

/* Run one formatted command line; its output is in out[]. */
static __printf(1, 2) int run(const char *fmt, ...)
{
	char line[SHELL_LINE_MAX];
	va_list ap;
	int ret;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	printk_capture_begin(out, sizeof(out));
	ret = shell_exec_line(line);
	printk_capture_end();
	return ret;
}

static bool output_has(struct ktest *t, const char *what)
{
	if (strstr(out, what))
		return true;
	ktest_fail(t, __FILE__, __LINE__, "expected \"%s\" in the output:\n%s", what, out);
	return false;
}

/* "cma alloc ..." and return the buffer id it printed, 0 on failure. */
static unsigned int alloc_buffer(struct ktest *t, const char *target, const char *size)
{
	const char *p;
	int ret = run("cma alloc %s %s", target, size);

	if (!KTEST_EXPECT_EQ(t, ret, 0))
		return 0;
	p = strstr(out, "buffer ");
	if (!p) {
		ktest_fail(t, __FILE__, __LINE__, "no \"buffer N:\" in:\n%s", out);
		return 0;
	}
	return (unsigned int)strtoul(p + 7, NULL, 10);
}

/* The words of the "cma list" row of @cma: [3] total, [4] used, [5] allocs. */
static bool list_row(struct ktest *t, struct cma *cma, unsigned long *v, unsigned int nr)
{
	const char *name = cma_get_name(cma), *p = out;
	size_t len = strlen(name);
	unsigned int i;
	char *end;

	if (!KTEST_EXPECT_EQ(t, run("cma list"), 0))
		return false;
	while (p && (strncmp(p, name, len) || p[len] != ' ')) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (!p) {
		ktest_fail(t, __FILE__, __LINE__, "no row for %s in:\n%s", name, out);
		return false;
	}
	p += len;
	/* Skip the base and the size in MiB. */
	for (i = 0; i < 2; i++) {
		while (*p == ' ')
			p++;
		while (*p && *p != ' ')
			p++;
	}
	for (i = 0; i < nr; i++) {
		v[i] = strtoul(p, &end, 10);
		if (end == p) {
			ktest_fail(t, __FILE__, __LINE__, "cannot parse the row of %s", name);
			return false;
		}
		p = end;
	}
	return true;
}

static void help_lists_every_command(struct ktest *t)
{
	static const char *const cmds[] = {
		"help", "meminfo", "cma list", "cma alloc <region|device> <size>",
		"cma free <id>", "cma map <region>", "memhog <size> [pct]",
		"memhog verify|free", "bench [region]", "mmcheck", "ktest [filter]",
		"poweroff [status]", "cma holders [region]", "dev list",
		"dma info <device> [type]", "trace [count|clear]",
	};
	unsigned int i;

	KTEST_ASSERT_EQ(t, run("help"), 0);
	for (i = 0; i < ARRAY_SIZE(cmds); i++)
		output_has(t, cmds[i]);
	output_has(t, "Ctrl-A X");
}

/*
 * Every "  usage   help" line of "help" comes after the one before it
 * (whole lines compare as their usages do: the usage comes first, then
 * padding blanks).
 */
static void help_is_sorted_by_usage(struct ktest *t)
{
	char prev[SHELL_LINE_MAX] = "", cur[SHELL_LINE_MAX];
	const char *p;
	unsigned int lines = 0;

	KTEST_ASSERT_EQ(t, run("help"), 0);
	for (p = strstr(out, "\n  "); p; p = strstr(p, "\n  ")) {
		const char *end;
		size_t n;

		p += 3;
		end = strchr(p, '\n');
		if (!end)
			break;
		n = min_t(size_t, (size_t)(end - p), sizeof(cur) - 1);
		memcpy(cur, p, n);
		cur[n] = '\0';
		if (lines && strcmp(prev, cur) > 0) {
			ktest_fail(t, __FILE__, __LINE__, "\"%s\" is listed before \"%s\":\n%s",
				   prev, cur, out);
			return;
		}
		strscpy_trunc(prev, cur, sizeof(prev));
		lines++;
	}
	KTEST_EXPECT_GE(t, lines, 16);
}

/*
 * Sub-words registered in different files dispatch separately; a line
 * whose second word no entry has prints every form of the command.
 */
static void sub_words_dispatch_and_unknown_ones_print_every_form(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, run("cma frobnicate"), -EINVAL);
	output_has(t, "error: usage: cma alloc <region|device> <size> [type]\n"
		      "       cma free <id>\n"
		      "       cma holders [region]\n"
		      "       cma list\n"
		      "       cma map <region>\n");
	KTEST_EXPECT_EQ(t, run("cma"), -EINVAL);
	output_has(t, "error: usage: cma alloc");
	/* A handler's own usage error names its form first. */
	KTEST_EXPECT_EQ(t, run("cma list extra"), -EINVAL);
	output_has(t, "error: usage: cma list\n");
	KTEST_EXPECT_EQ(t, run("memhog"), -EINVAL);
	output_has(t, "error: usage: memhog <size> [pct]\n       memhog verify|free");
}

static void alloc_and_free_update_the_cma_list_counters(struct ktest *t)
{
	/* total, used, allocs, failed, released */
	unsigned long before[5], during[5], after[5];
	unsigned int id;

	if (!list_row(t, region, before, 5))
		return;
	id = alloc_buffer(t, cma_get_name(region), "4M");
	KTEST_ASSERT_NE(t, id, 0);
	output_has(t, cma_get_name(region));
	output_has(t, "1024 pages");
	if (!list_row(t, region, during, 5))
		return;
	KTEST_EXPECT_EQ(t, during[1], before[1] + 1024);
	KTEST_EXPECT_EQ(t, during[2], before[2] + 1);
	KTEST_EXPECT_EQ(t, during[4], before[4]);
	/* The list shows the buffer too. */
	output_has(t, "buffer ");

	KTEST_ASSERT_EQ(t, run("cma free %u", id), 0);
	output_has(t, "released 1024 pages");
	if (!list_row(t, region, after, 5))
		return;
	KTEST_EXPECT_EQ(t, after[1], before[1]);
	KTEST_EXPECT_EQ(t, after[2], before[2] + 1);
	KTEST_EXPECT_EQ(t, after[4], before[4] + 1024);
	KTEST_EXPECT_FALSE(t, shell_has_state());
}

static void a_double_free_is_refused(struct ktest *t)
{
	struct cma_stats a, b;
	unsigned int id = alloc_buffer(t, cma_get_name(region), "1M");

	KTEST_ASSERT_NE(t, id, 0);
	KTEST_ASSERT_EQ(t, run("cma free %u", id), 0);
	cma_get_stats(region, &a);
	KTEST_EXPECT_EQ(t, run("cma free %u", id), -EINVAL);
	output_has(t, "error: no buffer with id");
	cma_get_stats(region, &b);
	KTEST_EXPECT_EQ(t, b.used, a.used);
	KTEST_EXPECT_EQ(t, b.released, a.released);
	/* A new buffer gets a new id: the old one stays dead. */
	KTEST_EXPECT_GT(t, alloc_buffer(t, cma_get_name(region), "1M"), id);
}

static void alloc_by_device_name_follows_the_cma_map_rules(struct ktest *t)
{
	struct cma *other = NULL, *def = cma_default_area();
	char want[64], rules[128];
	unsigned int i;

	for (i = 0; i < cma_area_count() && !other; i++)
		if (cma_area(i) != region)
			other = cma_area(i);
	if (!other) {
		ktest_skip(t, "needs two CMA areas");
		return;
	}
	snprintf(rules, sizeof(rules), "shelltest?=%s;shellfb=%s,%s", cma_get_name(other),
		 cma_get_name(region), cma_get_name(other));
	KTEST_ASSERT_EQ(t, cma_map_set_rules(rules), 2);
	KTEST_ASSERT_NE(t, alloc_buffer(t, "shelltest1", "1M"), 0);
	snprintf(want, sizeof(want), ": %s 0x", cma_get_name(other));
	output_has(t, want);
	output_has(t, "cma_map= rule gives");

	KTEST_ASSERT_NE(t, alloc_buffer(t, "shellfb", "1M"), 0);
	snprintf(want, sizeof(want), ": %s 0x", cma_get_name(region));
	output_has(t, want);

	/* No rule: the default area, said so. */
	if (def && def != region) {
		KTEST_ASSERT_NE(t, alloc_buffer(t, "shellnorule", "1M"), 0);
		snprintf(want, sizeof(want), "using the default area %s", cma_get_name(def));
		output_has(t, want);
	}
}

static void bad_sizes_and_unknown_regions_print_errors(struct ktest *t)
{
	static const char *const bad[] = {
		"4X", "0", "-1", "M", "99999999999999999999999M",
	};
	struct cma_stats a, b;
	unsigned int i;

	cma_get_stats(region, &a);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		KTEST_EXPECT_EQ(t, run("cma alloc %s %s", cma_get_name(region), bad[i]), -EINVAL);
		output_has(t, "error: bad size");
	}
	KTEST_EXPECT_LT(t, run("cma alloc %s 4G", cma_get_name(region)), 0);
	output_has(t, "error: ");
	KTEST_EXPECT_EQ(t, run("cma alloc %s", cma_get_name(region)), -EINVAL);
	output_has(t, "error: usage: ");
	KTEST_EXPECT_EQ(t, run("cma map nosuchregion"), -ENODEV);
	output_has(t, "error: no CMA region named \"nosuchregion\"");
	KTEST_EXPECT_EQ(t, run("bench nosuchregion"), -ENODEV);
	output_has(t, "error: no CMA region named \"nosuchregion\"");
	KTEST_EXPECT_EQ(t, run("cma free 4000000000"), -EINVAL);
	output_has(t, "error: no buffer with id");
	KTEST_EXPECT_EQ(t, run("cma free two"), -EINVAL);
	output_has(t, "error: bad id");
	KTEST_EXPECT_EQ(t, run("frobnicate now"), -EINVAL);
	output_has(t, "error: unknown command \"frobnicate\"");
	cma_get_stats(region, &b);
	KTEST_EXPECT_EQ(t, b.used, a.used);
	KTEST_EXPECT_EQ(t, b.allocs, a.allocs);
	KTEST_EXPECT_FALSE(t, shell_has_state());
	/* Blank lines and comments do nothing. */
	KTEST_EXPECT_EQ(t, run("   "), 0);
	KTEST_EXPECT_EQ(t, run("# cma free 1"), 0);
}

/* The map's cells, concatenated, into @cells; the pages per cell. */
static unsigned long read_map(struct ktest *t, char *cells, size_t size)
{
	unsigned long cell_pages = 0;
	const char *p = strstr(out, "cells of "), *q;
	size_t n = 0;

	if (p)
		cell_pages = strtoul(p + 9, NULL, 10);
	if (!cell_pages) {
		ktest_fail(t, __FILE__, __LINE__, "no cell size in:\n%s", out);
		return 0;
	}
	for (p = strstr(out, "\n  0x"); p; p = strstr(p, "\n  0x")) {
		p = strchr(p + 3, ' ') + 1; /* after the address */
		for (q = p; *q && *q != '\n' && n + 1 < size; q++)
			cells[n++] = *q;
	}
	cells[n] = '\0';
	return cell_pages;
}

/*
 * An area of at least 8 MiB with nothing carved: the suite's region unless
 * a driver holds buffers there (the display keeps its frame buffers in
 * "video"), else another one.
 */
static struct cma *idle_area(void)
{
	struct cma_stats st;
	unsigned int i;

	cma_get_stats(region, &st);
	if (!st.used)
		return region;
	for (i = 0; i < cma_area_count(); i++) {
		cma_get_stats(cma_area(i), &st);
		if (!st.used && cma_get_size(cma_area(i)) >= 8 * SZ_1M)
			return cma_area(i);
	}
	return NULL;
}

static void cma_map_shows_the_carved_buffer(struct ktest *t)
{
	unsigned long cell_pages, first, last, c, ncells;
	char cells[512], *p;
	phys_addr_t phys;
	struct cma *region = idle_area();
	unsigned int id;

	if (!region) {
		ktest_skip(t, "every CMA area of 8 MiB or more has carved buffers already");
		return;
	}
	id = alloc_buffer(t, cma_get_name(region), "4M");
	KTEST_ASSERT_NE(t, id, 0);
	p = strchr(strstr(out, ": ") + 2, ' ');
	phys = (phys_addr_t)strtoull(p, NULL, 16);

	KTEST_ASSERT_EQ(t, run("cma map %s", cma_get_name(region)), 0);
	cell_pages = read_map(t, cells, sizeof(cells));
	KTEST_ASSERT_NE(t, cell_pages, 0);
	ncells = strlen(cells);
	KTEST_EXPECT_EQ(t, ncells, DIV_ROUND_UP(PHYS_PFN(cma_get_size(region)), cell_pages));
	first = PHYS_PFN(phys - cma_get_base(region)) / cell_pages;
	last = (PHYS_PFN(phys - cma_get_base(region)) + 1024 - 1) / cell_pages;
	for (c = 0; c < ncells; c++) {
		bool in = c >= first && c <= last;

		if (in ? cells[c] != 'A' : (cells[c] != '.' && cells[c] != 'M')) {
			ktest_fail(t, __FILE__, __LINE__, "cell %lu is '%c' (buffer in cells %lu-%lu):\n%s",
				   c, cells[c], first, last, out);
			break;
		}
	}
	output_has(t, "1024 allocated");

	KTEST_ASSERT_EQ(t, run("cma free %u", id), 0);
	KTEST_ASSERT_EQ(t, run("cma map %s", cma_get_name(region)), 0);
	read_map(t, cells, sizeof(cells));
	KTEST_EXPECT_NULL(t, strchr(cells, 'A'));
	output_has(t, " 0 allocated");
}

static void memhog_holds_verifies_and_frees(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, run("memhog 8M"), 0);
	output_has(t, "memhog: added 2048 pages (8 MiB)");
	output_has(t, "in CMA areas");
	KTEST_EXPECT_TRUE(t, shell_has_state());
	KTEST_ASSERT_EQ(t, run("memhog 4M 50"), 0);
	output_has(t, "memhog: 3072 pages (12 MiB)");
	KTEST_EXPECT_EQ(t, run("memhog verify"), 0);
	output_has(t, "3072 pages verified, 0 corrupt");
	/* A carve from the region migrates the memhog's pages, data intact. */
	KTEST_ASSERT_NE(t, alloc_buffer(t, cma_get_name(region), "4M"), 0);
	KTEST_EXPECT_EQ(t, run("memhog verify"), 0);
	output_has(t, "0 corrupt");
	KTEST_EXPECT_EQ(t, run("memhog free"), 0);
	KTEST_EXPECT_EQ(t, run("memhog verify"), -EINVAL);
	output_has(t, "error: no memhog workload");
	KTEST_EXPECT_EQ(t, run("memhog 2M 101"), -EINVAL);
	output_has(t, "error: bad percentage");
}

static void poweroff_takes_an_optional_status(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, run("poweroff 7"), SHELL_POWEROFF);
	KTEST_EXPECT_EQ(t, shell_poweroff_status(), 7);
	KTEST_EXPECT_EQ(t, run("poweroff"), SHELL_POWEROFF);
	KTEST_EXPECT_EQ(t, shell_poweroff_status(), -1);
	KTEST_EXPECT_EQ(t, run("poweroff 256"), -EINVAL);
	output_has(t, "error: bad status");
	KTEST_EXPECT_EQ(t, run("poweroff 1 2"), -EINVAL);
	output_has(t, "error: usage: poweroff [status]");
}

static void meminfo_and_mmcheck_report(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, run("meminfo"), 0);
	output_has(t, "MemTotal:");
	output_has(t, "CmaFree:");
	output_has(t, "CMA ");
	output_has(t, "Kmalloc:");
	KTEST_ASSERT_EQ(t, run("mmcheck"), 0);
	output_has(t, "mmcheck: consistent");
}

/* ---- devices, DMA, trace ---------------------------------------------- */

static struct device *test_device(struct ktest *t, const char *name)
{
	struct device *dev = device_find(name);

	if (!dev || dev->state != DEVICE_BOUND)
		ktest_skip(t, "no bound device %s (contig-dma-test.dtsi)", name);
	return dev && dev->state == DEVICE_BOUND ? dev : NULL;
}

static void dev_list_shows_state_driver_buffers_and_regions(struct ktest *t)
{
	if (!test_device(t, "dmatest-named"))
		return;
	KTEST_ASSERT_EQ(t, run("dev list"), 0);
	output_has(t, "device                         state        driver");
	output_has(t, "dmatest-named                  bound        dma-test        0/0      video,camera (memory-region)");
	output_has(t, "dmatest-pool                   bound        dma-test        0/0      dmapool (coherent pool)");
	output_has(t, " device(s)");
	KTEST_EXPECT_EQ(t, run("dev lst"), -EINVAL);
	output_has(t, "error: usage: dev list");
}

static void a_carve_for_a_device_is_attributed_and_shown(struct ktest *t)
{
	struct device *dev = test_device(t, "dmatest-named");
	unsigned long buffers, pages, b0, p0;
	unsigned int id;

	if (!dev)
		return;
	dma_buffer_count(dev, &b0, &p0);
	id = alloc_buffer(t, "dmatest-named 1M", "capture");
	KTEST_ASSERT_NE(t, id, 0);
	output_has(t, "device dmatest-named: memory-region gives camera video");
	output_has(t, "256 pages (1024 KiB) for dmatest-named");
	dma_buffer_count(dev, &buffers, &pages);
	KTEST_EXPECT_EQ(t, pages, p0 + 256);
	KTEST_ASSERT_EQ(t, run("cma holders camera"), 0);
	output_has(t, "  dmatest-named                 1 buffer(s)      256 pages (1024 KiB)");
	KTEST_ASSERT_EQ(t, run("dma info dmatest-named"), 0);
	output_has(t, "regions for untyped requests, from memory-region, tried in this order:");
	output_has(t, "buffers it holds:\n  cma   camera");
	output_has(t, "256 pages cma_dev_alloc()");
	KTEST_ASSERT_EQ(t, run("cma list"), 0);
	output_has(t, "for dmatest-named");
	KTEST_ASSERT_EQ(t, run("cma free %u", id), 0);
	dma_buffer_count(dev, &buffers, &pages);
	KTEST_EXPECT_EQ(t, pages, p0);
	/* A type needs a device; a region name takes none. */
	KTEST_EXPECT_EQ(t, run("cma alloc %s 1M capture", cma_get_name(region)), -EINVAL);
	output_has(t, "error: a type needs a bound device");
	KTEST_EXPECT_EQ(t, run("cma holders nosuch"), -ENODEV);
	output_has(t, "error: no CMA region named \"nosuch\"");
}

static int unbind_test_probe(struct platform_device *pdev)
{
	return 0;
}

static struct platform_driver unbind_test_driver = {
	.probe = unbind_test_probe,
	.driver = { .name = "shellunbind" },
};

static void a_carve_for_a_device_that_was_unbound_is_forgotten(struct ktest *t)
{
	struct platform_device *pdev;
	unsigned int id;

	if (!cma_default_area()) {
		ktest_skip(t, "no default CMA area for a device without regions");
		return;
	}
	pdev = kzalloc(sizeof(*pdev), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, pdev);
	device_initialize(&pdev->dev, "shellunbind@%u", 1);
	pdev->dev.bus = &platform_bus_type;
	KTEST_EXPECT_EQ(t, platform_driver_register(&unbind_test_driver), 0);
	KTEST_EXPECT_EQ(t, device_add(&pdev->dev), 0);
	KTEST_EXPECT_EQ(t, pdev->dev.state, DEVICE_BOUND);
	id = alloc_buffer(t, "shellunbind@1", "64K");
	/* Unbinding gives the buffer back (with a warning naming it). */
	platform_driver_unregister(&unbind_test_driver);
	if (id) {
		KTEST_EXPECT_EQ(t, run("cma free %u", id), 0);
		output_has(t, "shellunbind@1 no longer holds it (unbinding the device gave it back); forgotten");
		KTEST_EXPECT_FALSE(t, shell_has_state());
		KTEST_EXPECT_EQ(t, run("cma free %u", id), -EINVAL);
		output_has(t, "error: no buffer with id");
	}
	device_del(&pdev->dev);
	kfree(pdev);
}

static void dma_info_shows_the_mask_and_the_regions_it_leaves_out(struct ktest *t)
{
	struct device *dev = test_device(t, "dmatest-named");
	struct cma *camera = cma_find("camera");

	if (!dev || !camera)
		return;
	KTEST_ASSERT_EQ(t, dma_set_coherent_mask(dev, cma_get_base(camera) + cma_get_size(camera) - 1),
			0);
	KTEST_EXPECT_EQ(t, run("dma info dmatest-named scanout"), 0);
	dma_set_coherent_mask(dev, DMA_BIT_MASK(32));
	output_has(t, "regions for type scanout, from memory-region, tried in this order:");
	output_has(t, "  1. video ");
	output_has(t, "(beyond the coherent mask: not used)");
	output_has(t, "  2. camera ");
	KTEST_EXPECT_EQ(t, run("dma info nosuchdev"), -EINVAL);
	output_has(t, "error: no device named \"nosuchdev\"");
	if (test_device(t, "dmatest-pool")) {
		KTEST_EXPECT_EQ(t, run("dma info dmatest-pool"), 0);
		output_has(t, "coherent pool dmapool: ");
		output_has(t, "every coherent buffer comes from the pool");
	}
}

static void trace_prints_the_last_events_and_clears(struct ktest *t)
{
	unsigned int id;

	id = alloc_buffer(t, cma_get_name(region), "1M");
	KTEST_ASSERT_NE(t, id, 0);
	KTEST_ASSERT_EQ(t, run("cma free %u", id), 0);
	KTEST_ASSERT_EQ(t, run("trace 3"), 0);
	output_has(t, "showing 3");
	output_has(t, "cma_alloc_start");
	output_has(t, "cma_alloc_finish");
	output_has(t, "cma_release");
	output_has(t, "pages=256");
	KTEST_ASSERT_EQ(t, run("trace clear"), 0);
	KTEST_ASSERT_EQ(t, run("trace"), 0);
	output_has(t, "0 kept, showing 0");
	KTEST_EXPECT_EQ(t, run("trace lots"), -EINVAL);
	output_has(t, "error: bad event count");
}

static void cma_list_shows_peaks_failed_pages_and_latency(struct ktest *t)
{
	struct cma_stats st;
	char want[96];
	struct cma_stats before;
	unsigned long mib = (unsigned long)(cma_get_size(region) / SZ_1M) + 1;

	cma_get_stats(region, &before);
	/* One MiB more than the region: refused, and counted. */
	KTEST_EXPECT_EQ(t, run("cma alloc %s %luM", cma_get_name(region), mib), -ENOMEM);
	cma_get_stats(region, &st);
	KTEST_EXPECT_EQ(t, st.failed_pages - before.failed_pages, mib * (SZ_1M / PAGE_SIZE));
	KTEST_ASSERT_EQ(t, run("cma list"), 0);
	output_has(t, "region       peak   failpg     avg-ms     max-ms");
	snprintf(want, sizeof(want), "\n%-10s %6lu %8lu ", cma_get_name(region), st.peak_used,
		 st.failed_pages);
	output_has(t, want);
}

static struct ktest_case shell_cases[] = {
	KTEST_CASE(help_lists_every_command),
	KTEST_CASE(help_is_sorted_by_usage),
	KTEST_CASE(sub_words_dispatch_and_unknown_ones_print_every_form),
	KTEST_CASE(alloc_and_free_update_the_cma_list_counters),
	KTEST_CASE(a_double_free_is_refused),
	KTEST_CASE(alloc_by_device_name_follows_the_cma_map_rules),
	KTEST_CASE(bad_sizes_and_unknown_regions_print_errors),
	KTEST_CASE(cma_map_shows_the_carved_buffer),
	KTEST_CASE(memhog_holds_verifies_and_frees),
	KTEST_CASE(poweroff_takes_an_optional_status),
	KTEST_CASE(meminfo_and_mmcheck_report),
	KTEST_CASE(dev_list_shows_state_driver_buffers_and_regions),
	KTEST_CASE(a_carve_for_a_device_is_attributed_and_shown),
	KTEST_CASE(a_carve_for_a_device_that_was_unbound_is_forgotten),
	KTEST_CASE(dma_info_shows_the_mask_and_the_regions_it_leaves_out),
	KTEST_CASE(trace_prints_the_last_events_and_clears),
	KTEST_CASE(cma_list_shows_peaks_failed_pages_and_latency),
	{}
};

static struct ktest_suite shell_suite = {
	.name = "shell",
	.cases = shell_cases,
	.init = shell_test_init,
	.exit = shell_test_exit,
};
ktest_register(shell_suite);

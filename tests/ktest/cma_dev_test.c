// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "cma_dev": per-device region handles (kernel/dma/contiguous.c)
 * and the buffer ledger (kernel/dma/ledger.c). The resolution matrix on
 * the test devices of contig-dma-test.dtsi (memory-region,
 * memory-region-names with types, cma_map= rules with types and their
 * fallback order, the default area, the coherent mask), the ledger (a
 * device bound by hand included), refused releases, and every bad
 * memory-region reference
 * (the disabled dmatest-bad-* nodes, bound by hand). Each case restores
 * the cma_map= rules and the masks it changed.
 */
#include <contig/arch.h>
#include <contig/cma_dev.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/ktest.h>
#include <contig/mm_debug.h>
#include <contig/of.h>
#include <contig/reserved_mem.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <libfdt.h>

#include "dma_test_util.h"

static char saved_rules[512];

static int cma_dev_test_init(struct ktest *t)
{
	strscpy_trunc(saved_rules, cma_map_rules_text(), sizeof(saved_rules));
	return dmatest_masks_init(t);
}

static void cma_dev_test_exit(struct ktest *t)
{
	cma_map_set_rules(saved_rules);
	dmatest_masks_exit(t);
}

/* Expect @dev's regions for @type to be the NULL-terminated names. */
#define EXPECT_REGIONS(t, dev, type, want_source, ...)                                 \
	expect_regions(t, __LINE__, dev, type, want_source, (const char *[]){ __VA_ARGS__, NULL })

static void expect_regions(struct ktest *t, int line, struct device *dev, const char *type,
			   enum cma_dev_source want_source, const char **want)
{
	struct cma *got[CMA_DEV_MAX_REGIONS];
	enum cma_dev_source source;
	unsigned int n, i, nwant = 0;

	while (want[nwant])
		nwant++;
	n = cma_dev_regions(dev, type, got, ARRAY_SIZE(got), &source);
	if (n != nwant || source != want_source) {
		ktest_fail(t, __FILE__, line, "%s type %s: %u regions from %s, expected %u from %s",
			   dev->name, type ? type : "(none)", n, cma_dev_source_names[source], nwant,
			   cma_dev_source_names[want_source]);
		return;
	}
	for (i = 0; i < n; i++)
		if (strcmp(cma_get_name(got[i]), want[i]))
			ktest_fail(t, __FILE__, line, "%s type %s: region %u is %s, expected %s",
				   dev->name, type ? type : "(none)", i, cma_get_name(got[i]),
				   want[i]);
}

static bool need_board_regions(struct ktest *t)
{
	return dmatest_region(t, "video") && dmatest_region(t, "camera") &&
	       dmatest_region(t, "linux,cma") && cma_default_area() == cma_find("linux,cma");
}

static void memory_region_gives_the_device_its_region(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-single");

	if (!dev || !need_board_regions(t))
		return;
	EXPECT_REGIONS(t, dev, NULL, CMA_DEV_DT, "video");
	/* A type changes nothing without memory-region-names. */
	EXPECT_REGIONS(t, dev, "capture", CMA_DEV_DT, "video");
	/* The DT wins over cma_map= rules. */
	KTEST_ASSERT_GT(t, cma_map_set_rules("dmatest-*=camera"), 0);
	EXPECT_REGIONS(t, dev, NULL, CMA_DEV_DT, "video");
}

static void memory_region_names_put_the_named_type_first(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-named");

	if (!dev || !need_board_regions(t))
		return;
	EXPECT_REGIONS(t, dev, NULL, CMA_DEV_DT, "video", "camera");
	EXPECT_REGIONS(t, dev, "scanout", CMA_DEV_DT, "video", "camera");
	EXPECT_REGIONS(t, dev, "capture", CMA_DEV_DT, "camera", "video");
	EXPECT_REGIONS(t, dev, "nosuchtype", CMA_DEV_DT, "video", "camera");
}

static void without_memory_region_cma_map_rules_apply_with_types(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-plain");

	if (!dev || !need_board_regions(t))
		return;
	KTEST_ASSERT_EQ(t, cma_map_set_rules("dmatest-plain/still=camera;dmatest-*=video,linux,cma"),
			2);
	EXPECT_REGIONS(t, dev, "still", CMA_DEV_CMA_MAP, "camera");
	EXPECT_REGIONS(t, dev, NULL, CMA_DEV_CMA_MAP, "video", "linux,cma");
	EXPECT_REGIONS(t, dev, "preview", CMA_DEV_CMA_MAP, "video", "linux,cma");
	/* The first matching rule wins, even when a later one is more precise. */
	KTEST_ASSERT_EQ(t, cma_map_set_rules("dmatest-*=video;dmatest-plain=camera"), 2);
	EXPECT_REGIONS(t, dev, NULL, CMA_DEV_CMA_MAP, "video");
}

static void without_a_rule_the_default_area_is_used(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-plain");

	if (!dev || !need_board_regions(t))
		return;
	KTEST_ASSERT_GT(t, cma_map_set_rules("other*=video"), 0);
	EXPECT_REGIONS(t, dev, NULL, CMA_DEV_DEFAULT, "linux,cma");
	EXPECT_REGIONS(t, dev, "still", CMA_DEV_DEFAULT, "linux,cma");
}

static void the_regions_are_tried_in_order(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-plain");
	struct cma *camera, *from = NULL;
	unsigned long count;
	struct page *page;

	if (!dev || !need_board_regions(t))
		return;
	camera = cma_find("camera");
	KTEST_ASSERT_EQ(t, cma_map_set_rules("dmatest-plain=camera,video"), 1);
	/* Fits in camera: camera. */
	page = cma_dev_alloc(dev, NULL, 16, 4, 0, &from);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, from == camera);
	KTEST_EXPECT_TRUE(t, dmatest_in_region(camera, page_to_phys(page), 16 * PAGE_SIZE));
	KTEST_EXPECT_TRUE(t, cma_dev_release(dev, page, 16));
	/* Larger than camera: it falls back to video. */
	count = PHYS_PFN(cma_get_size(camera)) + pageblock_nr_pages;
	page = cma_dev_alloc(dev, NULL, count, pageblock_order, 0, &from);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, from == cma_find("video"));
	KTEST_EXPECT_TRUE(t, cma_dev_release(dev, page, count));
}

static void regions_beyond_the_coherent_mask_are_never_used(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-named");
	struct device *single = dmatest_device(t, "dmatest-single");
	struct cma *camera, *from = NULL;
	u64 mask;
	char log[DMATEST_LOG];
	struct page *page;

	if (!dev || !single || !need_board_regions(t))
		return;
	camera = cma_find("camera");
	/* A mask that ends where camera ends: video (above it) is out. */
	mask = cma_get_base(camera) + cma_get_size(camera) - 1;
	KTEST_ASSERT_TRUE(t, mask < cma_get_base(cma_find("video")));
	dmatest_masked_dev = dev;
	KTEST_ASSERT_EQ(t, dma_set_coherent_mask(dev, mask), 0);
	EXPECT_REGIONS(t, dev, "scanout", CMA_DEV_DT, "camera");
	page = cma_dev_alloc(dev, "scanout", 32, 5, 0, &from);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, from == camera);
	KTEST_EXPECT_LE(t, page_to_phys(page) + 32 * PAGE_SIZE - 1, mask);
	KTEST_EXPECT_TRUE(t, cma_dev_release(dev, page, 32));
	dma_set_coherent_mask(dev, DMA_BIT_MASK(32));

	/* Every region beyond the mask: none at all, and a clear message. */
	dmatest_masked_dev = single;
	KTEST_ASSERT_EQ(t, dma_set_coherent_mask(single, mask), 0);
	KTEST_EXPECT_EQ(t, cma_dev_regions(single, NULL, &from, 1, NULL), 0);
	printk_capture_begin(log, sizeof(log));
	KTEST_EXPECT_NULL(t, cma_dev_alloc(single, NULL, 32, 0, 0, NULL));
	printk_capture_end();
	DMATEST_EXPECT_LOG(t, log, "dmatest-single: has no CMA region under its coherent mask");
}

static void a_carve_is_attributed_to_its_device(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-single");
	unsigned long buffers, pages, b0, p0;
	char log[DMATEST_LOG];
	struct page *page;

	if (!dev || !need_board_regions(t))
		return;
	dma_buffer_count(dev, &b0, &p0);
	page = cma_dev_alloc(dev, NULL, 48, 4, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, page);
	dma_buffer_count(dev, &buffers, &pages);
	KTEST_EXPECT_EQ(t, buffers, b0 + 1);
	KTEST_EXPECT_EQ(t, pages, p0 + 48);
	printk_capture_begin(log, sizeof(log));
	cma_dev_print_holders(cma_find("video"));
	printk_capture_end();
	DMATEST_EXPECT_LOGF(t, log, "  %-24s %6lu buffer(s) %8lu pages",
			    "dmatest-single", buffers, pages);
	KTEST_EXPECT_TRUE(t, cma_dev_release(dev, page, 48));
	dma_buffer_count(dev, &buffers, &pages);
	KTEST_EXPECT_EQ(t, pages, p0);
}

static void release_refuses_double_foreign_and_wrong_size_frees(struct ktest *t)
{
	struct device *a = dmatest_device(t, "dmatest-single");
	struct device *b = dmatest_device(t, "dmatest-named");
	struct cma_stats before, after;
	char log[DMATEST_LOG];
	struct page *page;
	u64 phys;

	if (!a || !b || !need_board_regions(t))
		return;
	page = cma_dev_alloc(a, NULL, 8, 3, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, page);
	phys = page_to_phys(page);
	cma_get_stats(cma_find("video"), &before);
	printk_capture_begin(log, sizeof(log));
	KTEST_EXPECT_FALSE(t, cma_dev_release(b, page, 8));
	KTEST_EXPECT_FALSE(t, cma_dev_release(a, page, 4));
	KTEST_EXPECT_FALSE(t, cma_dev_release(a, page + 1, 7));
	printk_capture_end();
	DMATEST_EXPECT_LOGF(t, log,
			    "dmatest-named: refusing to release %#llx+8 pages: the buffer is dmatest-single's",
			    (unsigned long long)phys);
	DMATEST_EXPECT_LOGF(t, log,
			    "dmatest-single: refusing to release %#llx+4 pages: the buffer has 8 pages",
			    (unsigned long long)phys);
	cma_get_stats(cma_find("video"), &after);
	KTEST_EXPECT_EQ(t, after.used, before.used);
	KTEST_EXPECT_EQ(t, after.released, before.released);

	KTEST_EXPECT_TRUE(t, cma_dev_release(a, page, 8));
	printk_capture_begin(log, sizeof(log));
	KTEST_EXPECT_FALSE(t, cma_dev_release(a, page, 8));
	printk_capture_end();
	DMATEST_EXPECT_LOGF(t, log,
			    "dmatest-single: refusing to release %#llx+8 pages: not a buffer this device holds (freed twice?)",
			    (unsigned long long)phys);
	cma_get_stats(cma_find("video"), &after);
	KTEST_EXPECT_EQ(t, after.used, before.used - 8);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

static void an_unbound_device_cannot_allocate(struct ktest *t)
{
	struct device *dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	char log[DMATEST_LOG];
	dma_addr_t h;

	KTEST_ASSERT_NOT_NULL(t, dev);
	device_initialize(dev, "loose@0");
	printk_capture_begin(log, sizeof(log));
	KTEST_EXPECT_NULL(t, cma_dev_alloc(dev, NULL, 4, 0, 0, NULL));
	KTEST_EXPECT_NULL(t, dma_alloc_coherent(dev, SZ_64K, &h, GFP_KERNEL));
	printk_capture_end();
	DMATEST_EXPECT_LOG(t, log, "loose@0: is not bound to its regions");
	DMATEST_EXPECT_LOG(t, log, "loose@0: dma_alloc_attrs(): the device is not bound");
	kfree(dev);
}

/*
 * A device bound by hand (no bus, as the coherent benchmark binds one) is
 * on the DMA layer's own device list: another device's release names it
 * as the holder, the holders display counts it, the consistency check
 * sees its buffer. Unbinding gives the buffer back and takes the device
 * off the list, so walks after it is freed never touch it (ASan).
 */
static void a_device_bound_by_hand_is_in_the_ledger_until_unbound(struct ktest *t)
{
	struct device *other = dmatest_device(t, "dmatest-single");
	struct device *dev;
	char log[DMATEST_LOG];
	struct page *page;
	struct cma *from = NULL;
	u64 phys;

	if (!other || !need_board_regions(t))
		return;
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, dev);
	device_initialize(dev, "byhand@0");
	KTEST_EXPECT_EQ(t, cma_dev_bind(dev), 0);
	page = cma_dev_alloc(dev, NULL, 8, 3, 0, &from);
	if (!KTEST_EXPECT_NOT_NULL(t, page)) {
		cma_dev_unbind(dev);
		kfree(dev);
		return;
	}
	phys = page_to_phys(page);

	printk_capture_begin(log, sizeof(log));
	KTEST_EXPECT_FALSE(t, cma_dev_release(other, page, 8));
	cma_dev_print_holders(from);
	printk_capture_end();
	DMATEST_EXPECT_LOGF(t, log,
			    "dmatest-single: refusing to release %#llx+8 pages: the buffer is byhand@0's",
			    (unsigned long long)phys);
	DMATEST_EXPECT_LOGF(t, log, "  %-24s %6lu buffer(s) %8lu pages", "byhand@0", 1UL, 8UL);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);

	printk_capture_begin(log, sizeof(log));
	cma_dev_unbind(dev);
	kfree(dev);
	KTEST_EXPECT_FALSE(t, cma_dev_release(other, page, 8));
	cma_dev_print_holders(from);
	printk_capture_end();
	DMATEST_EXPECT_LOGF(t, log,
			    "byhand@0: still holds a cma buffer at %#llx (8 pages) on unbind",
			    (unsigned long long)phys);
	DMATEST_EXPECT_LOGF(t, log,
			    "dmatest-single: refusing to release %#llx+8 pages: not a buffer this device holds",
			    (unsigned long long)phys);
	KTEST_EXPECT_NULL(t, strstr(log, "  byhand@0 "));
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

static void info_gives_bounds_free_space_and_what_the_device_holds(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-named");
	struct cma *video, *camera;
	struct cma_dev_info info;
	struct page *page;

	if (!dev || !need_board_regions(t))
		return;
	video = cma_find("video");
	camera = cma_find("camera");
	page = cma_dev_alloc(dev, "capture", 16, 4, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_ASSERT_EQ(t, cma_dev_info(dev, "capture", &info), 0);
	KTEST_EXPECT_EQ(t, info.nr_regions, 2);
	KTEST_EXPECT_EQ(t, info.source, CMA_DEV_DT);
	KTEST_EXPECT_EQ(t, info.lower, min(cma_get_base(video), cma_get_base(camera)));
	KTEST_EXPECT_EQ(t, info.upper, max(cma_get_base(video) + cma_get_size(video),
					   cma_get_base(camera) + cma_get_size(camera)));
	KTEST_EXPECT_EQ(t, info.total_pages, PHYS_PFN(cma_get_size(video) + cma_get_size(camera)));
	KTEST_EXPECT_LE(t, info.free_pages, info.total_pages - 16);
	KTEST_EXPECT_GE(t, info.held_pages, 16);
	KTEST_EXPECT_LE(t, info.largest_free, info.free_pages);
	KTEST_EXPECT_TRUE(t, cma_dev_release(dev, page, 16));

	/* No region for it: -ENODEV. */
	dmatest_masked_dev = dev;
	KTEST_ASSERT_EQ(t, dma_set_coherent_mask(dev, cma_get_base(camera) - 1), 0);
	KTEST_EXPECT_EQ(t, cma_dev_info(dev, NULL, &info), -ENODEV);
	KTEST_EXPECT_EQ(t, info.source, CMA_DEV_NONE);
}

/* Bind DT node @path by hand (it is disabled, so the bus left it alone). */
static struct device *bind_by_hand(struct ktest *t, const char *path, char *log, size_t size)
{
	int node = fdt_path_offset(initial_boot_params, path);
	struct device *dev;

	if (node < 0) {
		ktest_skip(t, "no node %s: the DT lacks contig-dma-test.dtsi", path);
		return NULL;
	}
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return NULL;
	device_initialize(dev, "%s", path + 1);
	dev->of_node = node;
	printk_capture_begin(log, size);
	KTEST_EXPECT_EQ(t, cma_dev_bind(dev), 0);
	printk_capture_end();
	return dev;
}

static void unbind_by_hand(struct device *dev)
{
	if (dev) {
		cma_dev_unbind(dev);
		kfree(dev);
	}
}

static void bad_memory_region_references_are_reported_and_skipped(struct ktest *t)
{
	char log[DMATEST_LOG];
	struct device *dev;
	struct cma *out[CMA_DEV_MAX_REGIONS];

	if (!need_board_regions(t))
		return;
	dev = bind_by_hand(t, "/dmatest-bad-phandle", log, sizeof(log));
	if (!dev)
		return;
	DMATEST_EXPECT_LOG(t, log, "dmatest-bad-phandle: memory-region entry 0: phandle 0xdead points to no node; fix the reference; entry skipped");
	/* Nothing from the DT: the default area. */
	KTEST_EXPECT_EQ(t, cma_dev_regions(dev, NULL, out, 4, NULL), 1);
	unbind_by_hand(dev);

	dev = bind_by_hand(t, "/dmatest-bad-disabled", log, sizeof(log));
	DMATEST_EXPECT_LOG(t, log, "dmatest-bad-disabled: memory-region entry 0: /reserved-memory/dmapool-off is disabled (status = \"disabled\")");
	unbind_by_hand(dev);

	dev = bind_by_hand(t, "/dmatest-bad-not-region", log, sizeof(log));
	DMATEST_EXPECT_LOG(t, log, "dmatest-bad-not-region: memory-region entry 0: /interrupt-controller@1e001000 is not a reserved region");
	unbind_by_hand(dev);

	dev = bind_by_hand(t, "/dmatest-bad-names", log, sizeof(log));
	DMATEST_EXPECT_LOG(t, log, "dmatest-bad-names: memory-region-names has 1 name(s) for 2 memory-region entries: give one name per entry; names ignored");
	/* The regions stay, in DT order, without names. */
	if (dev)
		EXPECT_REGIONS(t, dev, "scanout", CMA_DEV_DT, "video", "camera");
	unbind_by_hand(dev);

	dev = bind_by_hand(t, "/dmatest-bad-twice", log, sizeof(log));
	DMATEST_EXPECT_LOG(t, log, "dmatest-bad-twice: memory-region entry 1: region video is listed twice; entry skipped");
	DMATEST_EXPECT_LOG(t, log, "dmatest-bad-twice: memory-region entry 3: region dmapool-nomap is a second coherent pool");
	if (dev) {
		EXPECT_REGIONS(t, dev, NULL, CMA_DEV_DT, "video");
		KTEST_EXPECT_NOT_NULL(t, dev->dma_pool);
	}
	unbind_by_hand(dev);
}

struct race {
	struct device *dev;
	struct page *page;
	unsigned int ok;
	unsigned int start, nr; /* a start barrier for the nr CPUs */
};

static void race_fn(unsigned int cpu, void *arg)
{
	struct race *r = arg;

	/* Everyone starts together, then frees the same buffer. */
	__atomic_add_fetch(&r->start, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&r->start, __ATOMIC_ACQUIRE) < r->nr)
		arch_cpu_relax();
	if (cma_dev_release(r->dev, r->page, 4))
		__atomic_add_fetch(&r->ok, 1, __ATOMIC_RELAXED);
}

static void a_buffer_freed_on_several_cpus_at_once_is_freed_once(struct ktest *t)
{
	struct race r = { .dev = dmatest_device(t, "dmatest-single") };
	struct cma_stats before, after;
	unsigned int round, cpus = 1;

	if (!r.dev || !need_board_regions(t))
		return;
	cma_get_stats(cma_find("video"), &before);
	for (round = 0; round < 20; round++) {
		r.page = cma_dev_alloc(r.dev, NULL, 4, 2, 0, NULL);
		KTEST_ASSERT_NOT_NULL(t, r.page);
		r.ok = 0;
		r.start = 0;
		r.nr = min(4u, arch_nr_cpus());
		cpus = arch_smp_run(r.nr, race_fn, &r);
		KTEST_EXPECT_EQ(t, r.ok, 1);
	}
	cma_get_stats(cma_find("video"), &after);
	KTEST_EXPECT_EQ(t, after.used, before.used);
	KTEST_EXPECT_EQ(t, after.released - before.released, 20 * 4);
	ktest_info(t, "%u CPU(s) raced", cpus);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

static struct ktest_case cma_dev_cases[] = {
	KTEST_CASE(memory_region_gives_the_device_its_region),
	KTEST_CASE(memory_region_names_put_the_named_type_first),
	KTEST_CASE(without_memory_region_cma_map_rules_apply_with_types),
	KTEST_CASE(without_a_rule_the_default_area_is_used),
	KTEST_CASE(the_regions_are_tried_in_order),
	KTEST_CASE(regions_beyond_the_coherent_mask_are_never_used),
	KTEST_CASE(a_carve_is_attributed_to_its_device),
	KTEST_CASE(release_refuses_double_foreign_and_wrong_size_frees),
	KTEST_CASE(an_unbound_device_cannot_allocate),
	KTEST_CASE(a_device_bound_by_hand_is_in_the_ledger_until_unbound),
	KTEST_CASE(info_gives_bounds_free_space_and_what_the_device_holds),
	KTEST_CASE(bad_memory_region_references_are_reported_and_skipped),
	KTEST_CASE(a_buffer_freed_on_several_cpus_at_once_is_freed_once),
	{}
};

static struct ktest_suite cma_dev_suite = {
	.name = "cma_dev",
	.cases = cma_dev_cases,
	.init = cma_dev_test_init,
	.exit = cma_dev_test_exit,
};
ktest_register(cma_dev_suite);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The demo: what contig does, in one screen. A movable workload fills
 * memory (and most of every CMA area, since idle areas lend their pages
 * to movable memory); then a buffer is carved from every area, with its
 * latency and the pages migrated out of the way; then every workload page
 * is checked, the buffers are released and the mm checked for consistency.
 * With a disk attached (the frames disk), it is first read through the
 * block read cache, whose clean pages the carves then discard instead of
 * migrating (borrow=clean regions take them first).
 *
 * The boot action "demo", and the one that runs when no other is asked for.
 */
#define pr_fmt(fmt) "demo: " fmt

#include <contig/blk_cache.h>
#include <contig/cma.h>
#include <contig/crc32.h>
#include <contig/slab.h>
#include <contig/init.h>
#include <contig/mm.h>
#include <contig/mm_debug.h>
#include <contig/workload.h>

/* Read the first disk through its read cache, if there is one. */
static void demo_read_disk(void)
{
	struct blk_device *bdev = IS_ENABLED(CONFIG_BLOCK) ? blk_find("vda") : NULL;
	struct blk_cache *bc = bdev ? blk_cache_get(bdev) : NULL;
	struct pcache_stats st;
	u64 off, size;
	u32 crc = 0;
	u8 *buf;

	if (!bc)
		return;
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return;
	size = blk_cache_size(bc);
	for (off = 0; off < size; off += PAGE_SIZE) {
		size_t n = (size_t)min_t(u64, PAGE_SIZE, size - off);

		if (blk_cache_read(bc, off, buf, n))
			break;
		crc = crc32_ieee(crc, buf, n);
	}
	kfree(buf);
	blk_cache_stats(bc, &st);
	pr_info("read %llu KiB of vda through the block cache (crc32 %08x): %lu clean pages cached\n",
		(unsigned long long)(off / 1024), crc, st.cached);
}

/*
 * Fill memory, carve from every CMA area, verify.
 * Return: 0 when every carve worked and no workload page was lost.
 */
static int demo_run(void)
{
	struct page *bufs[MAX_CMA_AREAS] = { NULL };
	unsigned long counts[MAX_CMA_AREAS] = { 0 };
	unsigned int i, n = cma_area_count(), failures = 0;
	unsigned long corrupt;
	struct workload *wl;

	wl = workload_create("demo", WORKLOAD_ANON, 0, 0);
	if (!wl) {
		pr_err("no memory for the workload\n");
		return -1;
	}
	for (i = 0; i < n; i++)
		workload_fill_cma(wl, cma_area(i), 75, 0);
	pr_info("movable workload: %lu MiB written with a per-page pattern\n",
		workload_nr_pages(wl) >> (20 - PAGE_SHIFT));
	demo_read_disk();
	meminfo_print();

	for (i = 0; i < n; i++) {
		struct cma *cma = cma_area(i);
		struct cma_stats before, after;
		u64 t0, t1;

		counts[i] = min_t(unsigned long, PHYS_PFN(cma_get_size(cma)) / 2,
				  PHYS_PFN(SZ_16M));
		cma_get_stats(cma, &before);
		t0 = arch_clock_ns();
		bufs[i] = cma_alloc(cma, counts[i], 0, 0);
		t1 = arch_clock_ns();
		cma_get_stats(cma, &after);
		if (!bufs[i]) {
			failures++;
			continue;
		}
		pr_info("carved %lu MiB from %-10s at %#llx in %llu.%03llu ms, %lu pages migrated, %lu discarded\n",
			counts[i] >> (20 - PAGE_SHIFT), cma_get_name(cma),
			(unsigned long long)page_to_phys(bufs[i]),
			(unsigned long long)(t1 - t0) / 1000000,
			(unsigned long long)(t1 - t0) / 1000 % 1000,
			after.migrated - before.migrated,
			after.discarded - before.discarded);
	}

	corrupt = workload_verify(wl);
	pr_info("workload verified: %lu corrupt pages\n", corrupt);
	cma_print_areas();

	for (i = 0; i < n; i++)
		if (bufs[i] && !cma_release(cma_area(i), bufs[i], counts[i]))
			failures++;
	workload_destroy(wl);
	if (mm_check_consistency(true))
		failures++;
	pr_info("%s: %u failures, %lu corrupt pages\n",
		failures || corrupt ? "FAILED" : "done", failures, corrupt);
	return failures || corrupt ? -1 : 0;
}

static int demo_action(const char *arg, int status)
{
	return demo_run() ? EXIT_TESTS_FAILED : status;
}
init_action("demo", INIT_ORDER_DEMO, INIT_ACTION_DEFAULT, demo_action);

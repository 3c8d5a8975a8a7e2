// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "capture_blkcache": the block read cache
 * (drivers/block/blk_cache.c) over the frames disk, so it runs where the
 * capture suites run (a disk attached: qemu-arm.sh --frames, contig
 * --drive) and skips elsewhere. A region is switched to "borrow=clean" for
 * the suite; the cache fills it, and carves there discard cached pages
 * while readers check every page against the CRC-32 of a direct read of
 * the disk: a discarded page is read again from the device, whole.
 */
#define pr_fmt(fmt) "blk_cache_test: " fmt

#include <contig/arch.h>
#include <contig/blk_cache.h>
#include <contig/cma.h>
#include <contig/crc32.h>
#include <contig/errno.h>
#include <contig/ktest.h>
#include <contig/mm_debug.h>
#include <contig/slab.h>

#define TEST_PAGES 1024UL /* 4 MiB of the disk per case */
#define CARVES 16

struct bc_fixture {
	struct blk_device *bdev;
	struct blk_cache *bc;
	struct cma *cma;
	unsigned long pages;
	u32 *crc; /* per page, from direct reads */
};

static const char *const candidates[] = { "camera", "linux,cma", "video" };

static int bc_init(struct ktest *t)
{
	struct blk_device *bdev = blk_find("vda");
	struct bc_fixture *f;
	unsigned long i;
	unsigned int r;
	u8 *buf;

	if (!bdev)
		return 0; /* each case skips */
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!f || !buf)
		goto nomem;
	f->bdev = bdev;
	f->bc = blk_cache_get(bdev);
	if (!f->bc)
		goto nomem;
	/* The first case reads pages [0, half), the race the other half. */
	f->pages = min_t(unsigned long, 2 * TEST_PAGES, blk_cache_size(f->bc) >> PAGE_SHIFT);
	f->crc = kcalloc(f->pages, sizeof(*f->crc), GFP_KERNEL);
	if (!f->crc)
		goto nomem;
	for (i = 0; i < f->pages; i++) {
		if (blk_read(bdev, (sector_t)i << (PAGE_SHIFT - SECTOR_SHIFT), buf, PAGE_SIZE))
			goto nomem;
		f->crc[i] = crc32_ieee(0, buf, PAGE_SIZE);
	}
	/* A region nobody holds buffers in becomes the cache's. */
	for (r = 0; r < ARRAY_SIZE(candidates) && !f->cma; r++) {
		struct cma *cma = cma_find(candidates[r]);

		if (cma && !cma_set_borrow(cma, CMA_BORROW_CLEAN))
			f->cma = cma;
	}
	kfree(buf);
	t->priv = f;
	return 0;
nomem:
	if (f)
		kfree(f->crc);
	kfree(f);
	kfree(buf);
	return -ENOMEM;
}

static void bc_exit(struct ktest *t)
{
	struct bc_fixture *f = t->priv;

	if (!f)
		return;
	if (f->cma && cma_set_borrow(f->cma, CMA_BORROW_MOVABLE))
		pr_err("could not give %s back its movable policy\n", cma_get_name(f->cma));
	kfree(f->crc);
	kfree(f);
}

static struct bc_fixture *fixture(struct ktest *t)
{
	struct bc_fixture *f = t->priv;

	if (!f)
		ktest_skip(t, "no disk vda: boot with a frames disk (qemu-arm.sh --frames F, contig --drive F)");
	else if (!f->cma)
		ktest_skip(t, "no region could be switched to borrow=clean");
	return f && f->cma ? f : NULL;
}

/* Pages of [0, f->pages / 2) whose cached copy does not match the disk. */
static unsigned long check_all(struct bc_fixture *f, u8 *buf, unsigned long *errors)
{
	unsigned long i, bad = 0;

	for (i = 0; i < f->pages / 2; i++) {
		if (blk_cache_read(f->bc, (u64)i << PAGE_SHIFT, buf, PAGE_SIZE)) {
			(*errors)++;
			continue;
		}
		bad += crc32_ieee(0, buf, PAGE_SIZE) != f->crc[i];
	}
	return bad;
}

static void blk_cache_fills_the_clean_region_and_refills_after_a_carve(struct ktest *t)
{
	struct bc_fixture *f = fixture(t);
	struct pcache_stats before, after;
	unsigned long errors = 0, count;
	struct page *page;
	u8 *buf;

	if (!f)
		return;
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, buf);
	KTEST_EXPECT_EQ(t, check_all(f, buf, &errors), 0);
	KTEST_EXPECT_EQ(t, errors, 0);
	/* Clean cache went to the region first: carving all of it drops it. */
	count = PHYS_PFN(cma_get_size(f->cma));
	blk_cache_stats(f->bc, &before);
	page = cma_alloc(f->cma, count, 0, 0);
	KTEST_EXPECT_NOT_NULL(t, page);
	blk_cache_stats(f->bc, &after);
	ktest_info(t, "carve of %lu pages in %s discarded %lu cached pages", count,
		   cma_get_name(f->cma), after.discarded - before.discarded);
	KTEST_EXPECT_GT(t, after.discarded, before.discarded);
	KTEST_EXPECT_EQ(t, check_all(f, buf, &errors), 0);
	KTEST_EXPECT_EQ(t, errors, 0);
	blk_cache_stats(f->bc, &before);
	KTEST_EXPECT_GE(t, before.misses - after.misses, after.discarded - before.discarded);
	if (page)
		cma_release(f->cma, page, count);
	kfree(buf);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

struct bc_race {
	struct bc_fixture *f;
	int done;
	unsigned long reads, bad, errors, carves, failed;
};

static void bc_race_fn(unsigned int cpu, void *arg)
{
	struct bc_race *r = arg;
	struct bc_fixture *f = r->f;
	/*
	 * A quarter of the region: a window holding a page the reader is
	 * filling from the disk (not yet cached, so not discardable) is
	 * skipped for the next, as any busy window is.
	 */
	unsigned long count = PHYS_PFN(cma_get_size(f->cma)) / 4, i;

	if (cpu == 1) {
		/* The carver: carves every quarter it can, then gives them back. */
		for (i = 0; i < CARVES; i++) {
			unsigned long seen = __atomic_load_n(&r->reads, __ATOMIC_RELAXED);
			struct page *held[4];
			unsigned int q, n = 0;

			/* Let the reader miss a few pages into the region first. */
			while (__atomic_load_n(&r->reads, __ATOMIC_RELAXED) < seen + 32)
				arch_cpu_relax();
			for (q = 0; q < 4; q++) {
				held[n] = cma_alloc(f->cma, count, 0, CMA_ALLOC_NOWARN);
				if (held[n])
					n++;
			}
			r->carves += n;
			r->failed += 4 - n;
			while (n)
				cma_release(f->cma, held[--n], count);
		}
		__atomic_store_n(&r->done, 1, __ATOMIC_RELEASE);
		return;
	}
	if (cpu == 0) {
		u8 *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
		u32 x = 12345;

		if (!buf) {
			r->errors++;
			return;
		}
		while (!__atomic_load_n(&r->done, __ATOMIC_ACQUIRE)) {
			x = x * 1103515245u + 12345u;
			i = f->pages / 2 + (x >> 8) % (f->pages - f->pages / 2);
			if (blk_cache_read(f->bc, (u64)i << PAGE_SHIFT, buf, PAGE_SIZE))
				r->errors++;
			else if (crc32_ieee(0, buf, PAGE_SIZE) != f->crc[i])
				r->bad++;
			__atomic_store_n(&r->reads, r->reads + 1, __ATOMIC_RELAXED);
		}
		kfree(buf);
	}
}

static void blk_cache_readers_see_the_disk_while_carves_discard(struct ktest *t)
{
	struct bc_fixture *f = fixture(t);
	struct bc_race r = { 0 };
	struct pcache_stats before, after;

	if (!f)
		return;
	if (arch_nr_cpus() < 2) {
		ktest_skip(t, "needs 2 CPUs, have %u", arch_nr_cpus());
		return;
	}
	r.f = f;
	blk_cache_stats(f->bc, &before);
	KTEST_EXPECT_EQ(t, arch_smp_run(2, bc_race_fn, &r), 2);
	blk_cache_stats(f->bc, &after);
	ktest_info(t, "%lu reads, %lu carves (%lu failed), %lu pages discarded", r.reads,
		   r.carves, r.failed, after.discarded - before.discarded);
	KTEST_EXPECT_EQ(t, r.bad, 0);
	KTEST_EXPECT_EQ(t, r.errors, 0);
	/* At most the window of the page being filled is busy at a time. */
	KTEST_EXPECT_GE(t, r.carves, 3 * CARVES);
	KTEST_EXPECT_GT(t, r.reads, 0);
	/* The reader missed into the region before each carve. */
	KTEST_EXPECT_GT(t, after.discarded, before.discarded);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

static struct ktest_case bc_cases[] = {
	KTEST_CASE(blk_cache_fills_the_clean_region_and_refills_after_a_carve),
	KTEST_CASE(blk_cache_readers_see_the_disk_while_carves_discard),
	{}
};

static struct ktest_suite bc_suite = {
	.name = "capture_blkcache",
	.cases = bc_cases,
	.init = bc_init,
	.exit = bc_exit,
};
ktest_register(bc_suite);

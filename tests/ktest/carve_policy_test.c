// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "carve_policy": what a carve does when memory is short or
 * pinned (mm/contig.c, mm/migrate.c, mm/page_alloc.c):
 *
 *   - the min reserve: movable allocations, migration targets among them,
 *     never take a zone's non-CMA free memory below zone->min_pages, so
 *     kernel allocations keep working after memory fills up and carves
 *     take whole CMA areas;
 *   - no migration target: a carve fails at once with -ENOMEM (no passes
 *     retried) and a message saying which memory is short;
 *   - short-term pins are waited for by time (contig_pin_wait_ms), then
 *     -EBUSY with a message naming the page, its owner and the pin.
 *
 * The pin cases use a test owner (PGOWNER_TEST) that refuses isolation a
 * set number of times - a pin dropped after N passes - or forever, with
 * the wait set for the case (huge when the pin must be outlived, tiny when
 * it must not): nothing depends on how fast the machine is. Boot cases
 * (tests/boot/cases.txt) run the suite under min_free_kbytes= and
 * cma_pin_wait_ms= values.
 */
#define pr_fmt(fmt) "carve_policy_test: " fmt

#include <contig/ktest.h>
#include <contig/alloc_contig.h>
#include <contig/cma.h>
#include <contig/cma_dev.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/mmzone.h>
#include <contig/movable.h>
#include <contig/params.h>
#include <contig/platform_device.h>
#include <contig/slab.h>
#include <contig/spinlock.h>
#include <contig/string.h>
#include <contig/workload.h>

/* ---- the min reserve ------------------------------------------------- */

static unsigned long zone_noncma_free(struct zone *zone)
{
	unsigned long flags, n;

	spin_lock_irqsave(&zone->lock, flags);
	n = zone->free_pages - zone->free_cma_pages - zone->free_isolate_pages;
	spin_unlock_irqrestore(&zone->lock, flags);
	return n;
}

static void snapshot_noncma_free(unsigned long *free)
{
	struct zone *zone;

	for_each_zone(zone)
		free[zone - zones] = zone_noncma_free(zone);
}

/*
 * Movable allocations (migration targets among them) took no zone's
 * non-CMA free pages below its reserve: each zone has at least the
 * reserve, or at least what it had in @before when kernel allocations
 * (which may use the reserve) had already gone below it. @before NULL:
 * only movable allocations ran, the reserve must be whole.
 */
static bool every_zone_keeps_its_reserve(struct ktest *t, const unsigned long *before)
{
	struct zone *zone;
	bool ok = true;

	for_each_zone(zone) {
		unsigned long noncma = zone_noncma_free(zone), want = zone->min_pages;

		if (before)
			want = min(want, before[zone - zones]);
		if (!KTEST_EXPECT_GE(t, noncma, want)) {
			ktest_info(t, "zone %s: %lu non-CMA pages free, reserve %lu, %lu before",
				   zone->name, noncma, zone->min_pages,
				   before ? before[zone - zones] : 0UL);
			ok = false;
		}
	}
	return ok;
}

/*
 * Kernel allocations that must succeed once memory is full: small kmalloc
 * objects and pages of order 0..3. Everything is freed again.
 */
static void expect_unmovable_allocations_succeed(struct ktest *t)
{
	void *objs[64];
	struct page *pages[4];
	unsigned int i, o;

	for (i = 0; i < ARRAY_SIZE(objs); i++) {
		objs[i] = kmalloc(32, GFP_KERNEL);
		KTEST_EXPECT_NOT_NULL(t, objs[i]);
	}
	for (o = 0; o < ARRAY_SIZE(pages); o++) {
		pages[o] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, o);
		if (!KTEST_EXPECT_NOT_NULL(t, pages[o]))
			ktest_info(t, "order-%u kernel allocation failed", o);
	}
	for (o = 0; o < ARRAY_SIZE(pages); o++)
		__free_pages(pages[o], o);
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		kfree(objs[i]);
}

static void the_default_reserve_follows_linux_min_free_kbytes(struct ktest *t)
{
	unsigned long kb = totalram_pages() * (PAGE_SIZE / 1024), want = 128, sum = 0;
	struct zone *zone;

	/* int_sqrt(16 x kB), clamped to 128..262144, unless set at boot. */
	while ((want + 1) * (want + 1) <= 16 * kb)
		want++;
	want = clamp(want, 128UL, 262144UL);
	for_each_zone(zone)
		sum += zone->min_pages;
	KTEST_EXPECT_EQ(t, min_free_kbytes, sum * (PAGE_SIZE / 1024));
	if (strstr(boot_command_line(), "min_free_kbytes=")) {
		ktest_skip(t, "min_free_kbytes= is on the command line");
		return;
	}
	/* Each zone's share is rounded down to pages. */
	KTEST_EXPECT_LE(t, min_free_kbytes, want);
	KTEST_EXPECT_GE(t, min_free_kbytes + nr_zones * (PAGE_SIZE / 1024), want);
}

static void movable_allocations_leave_the_min_reserve_to_the_kernel(struct ktest *t)
{
	unsigned long n = 0;
	struct page *page, *next;
	LIST_HEAD(hog);

	/* Everything outside CMA that a movable allocation can get. */
	while ((page = alloc_page(GFP_MOVABLE | __GFP_NO_CMA | __GFP_NOWARN)) != NULL) {
		list_add(&page->lru, &hog);
		n++;
	}
	KTEST_EXPECT_GT(t, n, 0);
	every_zone_keeps_its_reserve(t, NULL);
	expect_unmovable_allocations_succeed(t);
	list_for_each_entry_safe(page, next, &hog, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
}

/*
 * The workload in small: movable memory fills everything, a few
 * MiB are freed, then the default area is carved in 4 MiB buffers until a
 * carve finds no memory to migrate to. That carve fails with a message
 * naming the memory that is short; the kernel still allocates; no
 * workload page is lost.
 */
static void full_carves_after_memory_fills_leave_kernel_allocations_working(struct ktest *t)
{
	const unsigned long nr = SZ_4M / PAGE_SIZE;
	struct cma *cma = cma_default_area();
	unsigned long before[MAX_NR_ZONES];
	struct page *held[64];
	unsigned int n = 0, i;
	struct workload *wl;
	char log[2048];

	if (!cma) {
		ktest_skip(t, "no default CMA area");
		return;
	}
	wl = workload_create("full", WORKLOAD_ANON, 0, 0);
	KTEST_ASSERT_NOT_NULL(t, wl);
	workload_fill_until_full(wl, 0);
	KTEST_EXPECT_GT(t, workload_nr_chunks(wl), 8);
	/* 8 MiB free: room for a carve or two, not for the whole area. */
	workload_shrink(wl, workload_nr_chunks(wl) - 8);

	snapshot_noncma_free(before);
	printk_capture_begin(log, sizeof(log));
	while (n < ARRAY_SIZE(held)) {
		struct page *page = cma_alloc(cma, nr, 0, 0);

		if (!page)
			break;
		held[n++] = page;
	}
	printk_capture_end();

	KTEST_EXPECT_GT(t, n, 0);
	KTEST_EXPECT_LT(t, n, ARRAY_SIZE(held));
	KTEST_EXPECT_LT(t, (unsigned long)n * nr, cma_get_size(cma) / PAGE_SIZE);
	/* The failed carve says which memory is short and what to change. */
	KTEST_EXPECT_NOT_NULL(t, strstr(log, "no target memory"));
	KTEST_EXPECT_NOT_NULL(t, strstr(log, "outside CMA above the min reserve"));
	KTEST_EXPECT_NOT_NULL(t, strstr(log, "min_free_kbytes="));
	every_zone_keeps_its_reserve(t, before);
	expect_unmovable_allocations_succeed(t);
	KTEST_EXPECT_EQ(t, workload_verify(wl), 0);
	for (i = 0; i < n; i++)
		KTEST_EXPECT_TRUE(t, cma_release(cma, held[i], nr));
	workload_destroy(wl);
}

/* ---- no migration target: fail at once ------------------------------- */

static struct page *no_target(struct page *src, void *priv)
{
	(*(unsigned long *)priv)++;
	return NULL;
}

static void migrate_pages_stops_at_the_first_page_without_a_target(struct ktest *t)
{
	struct anon_area *area = anon_area_create(4, 0);
	unsigned long pfns[4], asked = 0, i;
	struct migrate_report rep;
	u64 v = 0x7a29e7;
	LIST_HEAD(list);

	KTEST_ASSERT_NOT_NULL(t, area);
	for (i = 0; i < 4; i++) {
		anon_write(area, i * PAGE_SIZE, &v, sizeof(v));
		pfns[i] = anon_page_pfn(area, i);
		if (!KTEST_EXPECT_EQ(t, isolate_movable_page(pfn_to_page(pfns[i])), 0))
			goto out;
		list_add_tail(&pfn_to_page(pfns[i])->lru, &list);
	}
	migrate_report_init(&rep);
	KTEST_EXPECT_EQ(t, migrate_pages(&list, no_target, &asked, &rep), 4);
	/* One ask, no retry pass: more passes would not free memory. */
	KTEST_EXPECT_EQ(t, asked, 1);
	KTEST_EXPECT_EQ(t, rep.retries, 0);
	KTEST_EXPECT_EQ(t, rep.no_target, 4);
	KTEST_EXPECT_EQ(t, rep.first_busy_reason, MR_NO_TARGET);
	KTEST_EXPECT_TRUE(t, list_empty(&list));
	for (i = 0; i < 4; i++) {
		u64 r = 0;

		KTEST_EXPECT_EQ(t, anon_page_pfn(area, i), pfns[i]);
		KTEST_EXPECT_FALSE(t, PageIsolated(pfn_to_page(pfns[i])));
		anon_read(area, i * PAGE_SIZE, &r, sizeof(r));
		KTEST_EXPECT_EQ(t, r, v);
	}
out:
	putback_movable_pages(&list);
	anon_area_destroy(area);
}

/* Every page of the pageblock at @start is free or movable. */
static bool block_holds_only_movable(unsigned long start)
{
	unsigned long pfn;

	for (pfn = start; pfn < start + pageblock_nr_pages; pfn++) {
		const struct page *page = pfn_to_page(pfn);
		u32 f = page_flags(page);

		if (f & ((1u << PG_reserved) | (1u << PG_contig) | (1u << PG_pinned)))
			return false;
		if (!(f & ((1u << PG_buddy) | (1u << PG_pcp) | (1u << PG_movable))) &&
		    page_ref_count(page))
			return false;
	}
	return true;
}

/* The first pageblock of @cma that holds a page of @wl and nothing unmovable. */
static unsigned long cma_block_with(struct cma *cma, struct workload *wl)
{
	unsigned long base = PHYS_PFN(cma_get_base(cma));
	unsigned long end = base + cma_get_size(cma) / PAGE_SIZE, pfn;

	for (pfn = base; pfn < end; pfn += pageblock_nr_pages)
		if (workload_pages_in_range(wl, pfn, pfn + pageblock_nr_pages) &&
		    block_holds_only_movable(pfn))
			return pfn;
	return ~0UL;
}

/*
 * The pageblock of @cma that holds the most pages of @wl and nothing
 * unmovable (the first of them on a tie), or ~0UL.
 */
static unsigned long cma_fullest_block_with(struct cma *cma, struct workload *wl)
{
	unsigned long base = PHYS_PFN(cma_get_base(cma));
	unsigned long end = base + cma_get_size(cma) / PAGE_SIZE, pfn, best = ~0UL, most = 0;

	for (pfn = base; pfn < end; pfn += pageblock_nr_pages) {
		unsigned long n = workload_pages_in_range(wl, pfn, pfn + pageblock_nr_pages);

		if (n > most && block_holds_only_movable(pfn)) {
			most = n;
			best = pfn;
		}
	}
	return best;
}

static void a_carve_with_no_memory_to_migrate_to_fails_at_once(struct ktest *t)
{
	struct cma *cma = cma_default_area();
	unsigned long start, free_before, before[MAX_NR_ZONES], need, noncma, cmafree;
	struct workload *wl, *top = NULL;
	struct migrate_report rep;
	char log[1024];
	int ret;

	if (!cma) {
		ktest_skip(t, "no default CMA area");
		return;
	}
	wl = workload_create("notarget", WORKLOAD_ANON, 0, 0);
	KTEST_ASSERT_NOT_NULL(t, wl);
	workload_fill_until_full(wl, 0);
	/*
	 * What the 1 MiB chunks left (less than a chunk, and what the per-CPU
	 * lists held), a page at a time: the carve below must find no target
	 * however the memory was laid out.
	 */
	drain_all_pages();
	top = workload_create("notarget-top", WORKLOAD_ANON, 1, 0);
	if (top)
		workload_fill_until_full(top, 0);
	/* The fullest block: the most pages that need a target. */
	start = cma_fullest_block_with(cma, wl);
	if (start == ~0UL) {
		ktest_skip(t, "the workload has no page in %s", cma_get_name(cma));
		goto out;
	}
	need = workload_pages_in_range(wl, start, start + pageblock_nr_pages);
	nr_free_target_pages(&noncma, &cmafree);
	ktest_info(t, "block at pfn %#lx: %lu pages need a target; free: %lu outside CMA above the reserve, %lu in CMA",
		   start, need, noncma, cmafree);
	free_before = nr_free_pages();
	snapshot_noncma_free(before);
	printk_capture_begin(log, sizeof(log));
	ret = alloc_contig_range_report(start, start + pageblock_nr_pages, ACR_CMA, &rep);
	printk_capture_end();
	if (!ret) {
		free_contig_range(start, pageblock_nr_pages);
		ktest_fail(t, __FILE__, __LINE__, "memory was full, yet the carve found targets");
		goto out;
	}
	KTEST_EXPECT_EQ(t, ret, -ENOMEM);
	KTEST_EXPECT_EQ(t, rep.first_busy_reason, MR_NO_TARGET);
	/* Failed before moving anything, with no retry pass. */
	KTEST_EXPECT_EQ(t, rep.retries, 0);
	KTEST_EXPECT_EQ(t, rep.migrated, 0);
	KTEST_EXPECT_GT(t, rep.targets_needed,
			rep.targets_free_noncma + rep.targets_free_cma);
	KTEST_EXPECT_NOT_NULL(t, strstr(log, "no target memory"));
	KTEST_EXPECT_NOT_NULL(t, strstr(log, "min_free_kbytes="));
	KTEST_EXPECT_EQ(t, get_pageblock_migratetype(start), MIGRATE_CMA);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before);
	every_zone_keeps_its_reserve(t, before);
	KTEST_EXPECT_EQ(t, workload_verify(wl), 0);
out:
	if (top) {
		KTEST_EXPECT_EQ(t, workload_verify(top), 0);
		workload_destroy(top);
	}
	workload_destroy(wl);
}

/*
 * The same through the API drivers call: dma_alloc_coherent() on a
 * platform device bound to the default area, with memory full. The
 * device's message carries the carve's reason - which memory is short and
 * what to change - not only that the pages could not be moved.
 */
static void a_coherent_alloc_with_no_memory_to_migrate_to_says_which_memory_is_short(
	struct ktest *t)
{
	struct cma *cma = cma_default_area();
	struct platform_device *pdev;
	struct workload *wl;
	dma_addr_t handle;
	char log[2048];
	void *va;

	if (!cma) {
		ktest_skip(t, "no default CMA area");
		return;
	}
	pdev = kzalloc(sizeof(*pdev), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, pdev);
	device_initialize(&pdev->dev, "nomem-coherent");
	pdev->dev.bus = &platform_bus_type;
	if (!KTEST_EXPECT_EQ(t, cma_dev_bind(&pdev->dev), 0) ||
	    !KTEST_EXPECT_EQ(t, dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(32)), 0)) {
		kfree(pdev);
		return;
	}
	wl = workload_create("nomem", WORKLOAD_ANON, 0, 0);
	if (!KTEST_EXPECT_NOT_NULL(t, wl))
		goto out;
	workload_fill_until_full(wl, 0);
	printk_capture_begin(log, sizeof(log));
	va = dma_alloc_coherent(&pdev->dev, SZ_4M, &handle, GFP_KERNEL);
	printk_capture_end();
	if (va) {
		dma_free_coherent(&pdev->dev, SZ_4M, va, handle);
		ktest_fail(t, __FILE__, __LINE__, "memory was full, yet the carve found targets");
	} else {
		KTEST_EXPECT_NOT_NULL(t, strstr(log, "nomem-coherent: cannot carve 1024 pages"));
		KTEST_EXPECT_NOT_NULL(t, strstr(log, "no target memory"));
		KTEST_EXPECT_NOT_NULL(t, strstr(log, "outside CMA above the min reserve"));
		KTEST_EXPECT_NOT_NULL(t, strstr(log, "min_free_kbytes="));
		if (!strstr(log, "no target memory"))
			ktest_info(t, "the message was: %.300s", log);
	}
	expect_unmovable_allocations_succeed(t);
	KTEST_EXPECT_EQ(t, workload_verify(wl), 0);
	workload_destroy(wl);
out:
	cma_dev_unbind(&pdev->dev);
	kfree(pdev);
}

/* Pages of @wl whose frame is outside every CMA pageblock. */
static unsigned long pages_outside_cma(struct workload *wl)
{
	unsigned long n = 0, i;
	unsigned int c;

	for (c = 0; c < workload_nr_chunks(wl); c++) {
		struct anon_area *area = workload_anon_area(wl, c);

		for (i = 0; i < anon_area_pages(area); i++)
			if (get_pageblock_migratetype(anon_page_pfn(area, i)) != MIGRATE_CMA)
				n++;
	}
	return n;
}

static void targets_come_from_cma_outside_the_window_once_non_cma_is_at_the_reserve(
	struct ktest *t)
{
	struct cma *cma = cma_default_area();
	unsigned long start, ours, before[MAX_NR_ZONES];
	struct page *page, *next;
	struct migrate_report rep;
	struct workload *wl = NULL;
	unsigned long outside;
	unsigned int i;
	LIST_HEAD(hog);

	if (!cma) {
		ktest_skip(t, "no default CMA area");
		return;
	}
	/*
	 * Non-CMA memory down to the reserve: the workload lands in CMA, but
	 * for what the per-CPU lists held (outside the reserve's count).
	 */
	drain_all_pages();
	while ((page = alloc_page(GFP_MOVABLE | __GFP_NO_CMA | __GFP_NOWARN)) != NULL)
		list_add(&page->lru, &hog);
	wl = workload_create("cmatarget", WORKLOAD_ANON, 64, 0);
	if (!KTEST_EXPECT_NOT_NULL(t, wl))
		goto out;
	workload_fill_cma(wl, cma, 5, SZ_4M);
	outside = pages_outside_cma(wl);
	KTEST_EXPECT_LT(t, outside, workload_nr_pages(wl));
	/* Whichever area the workload went to. */
	start = ~0UL;
	for (i = 0; i < cma_area_count() && start == ~0UL; i++)
		start = cma_block_with(cma_area(i), wl);
	if (!KTEST_EXPECT_NE(t, start, ~0UL))
		goto out;
	ours = workload_pages_in_range(wl, start, start + pageblock_nr_pages);
	snapshot_noncma_free(before);
	if (!KTEST_EXPECT_EQ(t, alloc_contig_range_report(start, start + pageblock_nr_pages,
							  ACR_CMA, &rep), 0))
		goto out;
	KTEST_EXPECT_GE(t, rep.migrated, ours);
	/* Moved to CMA pageblocks outside the window, not into the reserve. */
	KTEST_EXPECT_EQ(t, workload_pages_in_range(wl, start, start + pageblock_nr_pages), 0);
	KTEST_EXPECT_EQ(t, pages_outside_cma(wl), outside);
	every_zone_keeps_its_reserve(t, before);
	KTEST_EXPECT_EQ(t, workload_verify(wl), 0);
	free_contig_range(start, pageblock_nr_pages);
out:
	workload_destroy(wl);
	list_for_each_entry_safe(page, next, &hog, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
}

/* ---- short-term pins, waited for by time ----------------------------- */

/* A test owner's page: refuses isolation @refuse more times (-1: always). */
struct tpin {
	struct page *page;
	int refuse;
	unsigned int isolate_calls;
};

static bool tpin_isolate(struct page *page)
{
	struct tpin *p = page_movable_record(page);

	p->isolate_calls++;
	if (p->refuse) {
		if (p->refuse > 0)
			p->refuse--;
		return false;
	}
	SetPageIsolated(page);
	return true;
}

static int tpin_migrate(struct page *dst, struct page *src)
{
	struct tpin *p = page_movable_record(src);

	memcpy(page_address(dst), page_address(src), PAGE_SIZE);
	page_set_movable(dst, PGOWNER_TEST, p);
	p->page = dst;
	page_clear_movable(src);
	ClearPageIsolated(src);
	return 0;
}

static void tpin_putback(struct page *page)
{
	ClearPageIsolated(page);
}

static void tpin_describe(struct page *page, char *buf, size_t size)
{
	struct tpin *p = page_movable_record(page);

	snprintf(buf, size, "tpin, held by a test short-term pin (%u isolation attempts)",
		 p->isolate_calls);
}

static const struct movable_operations tpin_ops = {
	.name = "tpin",
	.isolate_page = tpin_isolate,
	.migrate_page = tpin_migrate,
	.putback_page = tpin_putback,
	.describe_page = tpin_describe,
};

/*
 * A movable pageblock outside CMA whose only page in use is @p's (the
 * block's first page), written with a pattern. Return: the block's pfn,
 * or ~0UL when no such block could be made.
 */
static unsigned long tpin_setup(struct tpin *p, int refuse)
{
	struct page *block = alloc_pages(GFP_MOVABLE | __GFP_NO_CMA | __GFP_NOWARN,
					 pageblock_order);
	unsigned long pfn, i;

	if (!block)
		return ~0UL;
	pfn = page_to_pfn(block);
	split_page(block, pageblock_order);
	for (i = 1; i < pageblock_nr_pages; i++)
		__free_page(block + i);
	if (get_pageblock_migratetype(pfn) != MIGRATE_MOVABLE) {
		__free_page(block);
		return ~0UL;
	}
	memset(page_address(block), 0x5c, PAGE_SIZE);
	*p = (struct tpin){ .page = block, .refuse = refuse };
	register_movable_ops(PGOWNER_TEST, &tpin_ops);
	page_set_movable(block, PGOWNER_TEST, p);
	return pfn;
}

static void tpin_teardown(struct tpin *p)
{
	struct page *page = p->page;

	while (page_flag_test_and_set(page, PG_locked))
		arch_cpu_relax();
	page_clear_movable(page);
	ClearPageLocked(page);
	put_page(page);
}

static bool page_holds(struct page *page, u8 byte)
{
	const u8 *b = page_address(page);
	unsigned long i;

	for (i = 0; i < PAGE_SIZE; i++)
		if (b[i] != byte)
			return false;
	return true;
}

/* The CMA area that holds @pfn, or NULL. */
static struct cma *cma_of_pfn(unsigned long pfn)
{
	unsigned int i;

	for (i = 0; i < cma_area_count(); i++) {
		struct cma *cma = cma_area(i);
		unsigned long base = PHYS_PFN(cma_get_base(cma));

		if (pfn >= base && pfn < base + cma_get_size(cma) / PAGE_SIZE)
			return cma;
	}
	return NULL;
}

/*
 * A test-owner page in a CMA area where nothing is carved; *@cma_out is
 * the area. Return: its pfn, or ~0UL when no such page could be had.
 */
static unsigned long tpin_setup_cma(struct tpin *p, int refuse, struct cma **cma_out)
{
	struct cma_policy_save saved;
	struct page *page, *next, *found = NULL;
	unsigned long tries = 0;
	LIST_HEAD(spare);

	/* Movable allocations take CMA first now; bypass the per-CPU lists. */
	zones_set_cma_policy(CMA_POLICY_PREFER, &saved);
	while (!found && tries++ < 65536 &&
	       (page = alloc_page(GFP_MOVABLE | __GFP_NO_PCP | __GFP_NOWARN)) != NULL) {
		struct cma *cma = cma_of_pfn(page_to_pfn(page));
		struct cma_stats st;

		if (cma)
			cma_get_stats(cma, &st);
		if (cma && !st.used) {
			found = page;
			*cma_out = cma;
		} else {
			list_add(&page->lru, &spare);
		}
	}
	zones_restore_cma_policy(&saved);
	list_for_each_entry_safe(page, next, &spare, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	if (!found)
		return ~0UL;
	memset(page_address(found), 0x5c, PAGE_SIZE);
	*p = (struct tpin){ .page = found, .refuse = refuse };
	register_movable_ops(PGOWNER_TEST, &tpin_ops);
	page_set_movable(found, PGOWNER_TEST, p);
	return page_to_pfn(found);
}

static void cma_alloc_moves_past_a_pinned_window_without_waiting_first(struct ktest *t)
{
	unsigned int saved = contig_pin_wait_ms, i, held_nr = 0;
	unsigned long pfn, base, blk, nr_blocks;
	struct page *held[64], *page;
	struct cma *cma = NULL;
	struct tpin p;

	pfn = tpin_setup_cma(&p, -1, &cma);
	if (pfn == ~0UL) {
		ktest_skip(t, "no free page in a CMA area with nothing carved");
		return;
	}
	base = PHYS_PFN(cma_get_base(cma));
	blk = (pfn - base) / pageblock_nr_pages;
	nr_blocks = cma_get_size(cma) / PAGE_SIZE / pageblock_nr_pages;
	if (blk + 1 >= nr_blocks || blk > ARRAY_SIZE(held)) {
		ktest_skip(t, "the pinned page is in the last pageblock of %s", cma_get_name(cma));
		goto out;
	}
	/* Hold the windows before the pinned one: it is the first free. */
	for (i = 0; i < blk; i++) {
		held[i] = cma_alloc(cma, pageblock_nr_pages, pageblock_order, 0);
		if (!KTEST_EXPECT_NOT_NULL(t, held[i]))
			goto out;
		held_nr++;
	}
	/* A wait a free window further on must not pay. */
	contig_pin_wait_ms = 1000;
	page = cma_alloc(cma, pageblock_nr_pages, pageblock_order, CMA_ALLOC_NOWARN);
	contig_pin_wait_ms = saved;
	if (KTEST_EXPECT_NOT_NULL(t, page)) {
		KTEST_EXPECT_GT(t, page_to_pfn(page), pfn);
		KTEST_EXPECT_EQ(t, p.isolate_calls, 1);
		KTEST_EXPECT_TRUE(t, cma_release(cma, page, pageblock_nr_pages));
	}
	KTEST_EXPECT_EQ(t, page_to_pfn(p.page), pfn);
out:
	for (i = 0; i < held_nr; i++)
		cma_release(cma, held[i], pageblock_nr_pages);
	tpin_teardown(&p);
}

static void cma_alloc_waits_for_a_pin_when_no_window_is_free_of_pins(struct ktest *t)
{
	unsigned int saved = contig_pin_wait_ms;
	const int refuse = 3 * CONFIG_MIGRATE_RETRIES;
	unsigned long pfn, nr;
	struct cma *cma = NULL;
	struct page *page;
	struct tpin p;

	pfn = tpin_setup_cma(&p, refuse, &cma);
	if (pfn == ~0UL) {
		ktest_skip(t, "no free page in a CMA area with nothing carved");
		return;
	}
	/* The whole area: one window, and the pin is in it. */
	nr = cma_get_size(cma) / PAGE_SIZE;
	contig_pin_wait_ms = 60000;
	page = cma_alloc(cma, nr, 0, 0);
	contig_pin_wait_ms = saved;
	if (KTEST_EXPECT_NOT_NULL(t, page)) {
		KTEST_EXPECT_EQ(t, page_to_pfn(page), PHYS_PFN(cma_get_base(cma)));
		/* Once in the quick sweep, then until the pin dropped. */
		KTEST_EXPECT_EQ(t, p.isolate_calls, refuse + 1);
		KTEST_EXPECT_TRUE(t, cma_of_pfn(page_to_pfn(p.page)) != cma);
		KTEST_EXPECT_TRUE(t, page_holds(p.page, 0x5c));
		KTEST_EXPECT_TRUE(t, cma_release(cma, page, nr));
	}
	tpin_teardown(&p);
}

static void a_short_pin_dropped_after_many_passes_does_not_fail_the_carve(struct ktest *t)
{
	unsigned int saved = contig_pin_wait_ms;
	/* More passes than the old budget of CONFIG_MIGRATE_RETRIES allowed. */
	const int refuse = 3 * CONFIG_MIGRATE_RETRIES;
	struct migrate_report rep;
	struct tpin p;
	unsigned long start = tpin_setup(&p, refuse);
	int ret;

	if (start == ~0UL) {
		ktest_skip(t, "no free movable pageblock outside CMA");
		return;
	}
	/* A wait no machine outlasts: the pin drops after @refuse passes. */
	contig_pin_wait_ms = 60000;
	ret = alloc_contig_range_report(start, start + pageblock_nr_pages, 0, &rep);
	contig_pin_wait_ms = saved;

	KTEST_EXPECT_EQ(t, ret, 0);
	KTEST_EXPECT_EQ(t, p.isolate_calls, refuse + 1);
	KTEST_EXPECT_EQ(t, rep.migrated, 1);
	KTEST_EXPECT_GE(t, rep.retries, refuse);
	KTEST_EXPECT_NE(t, page_to_pfn(p.page), start);
	KTEST_EXPECT_TRUE(t, page_holds(p.page, 0x5c));
	if (!ret)
		free_contig_range(start, pageblock_nr_pages);
	tpin_teardown(&p);
}

static void a_pin_that_stays_fails_the_carve_busy_naming_page_owner_and_pin(struct ktest *t)
{
	unsigned int saved = contig_pin_wait_ms;
	unsigned long start, free_before, i;
	struct migrate_report rep;
	char log[1024], pfnstr[24];
	struct tpin p;
	int ret;

	start = tpin_setup(&p, -1);
	if (start == ~0UL) {
		ktest_skip(t, "no free movable pageblock outside CMA");
		return;
	}
	free_before = nr_free_pages();
	contig_pin_wait_ms = 1;
	printk_capture_begin(log, sizeof(log));
	ret = alloc_contig_range_report(start, start + pageblock_nr_pages, 0, &rep);
	printk_capture_end();
	contig_pin_wait_ms = saved;

	KTEST_EXPECT_EQ(t, ret, -EBUSY);
	KTEST_EXPECT_EQ(t, rep.first_busy_reason, MR_PINNED);
	KTEST_EXPECT_EQ(t, rep.first_busy_pfn, start);
	KTEST_EXPECT_GE(t, p.isolate_calls, 1);
	KTEST_EXPECT_GE(t, rep.waited_ms, 1);
	/* The message: the page, its owner, the pin and what to change. */
	snprintf(pfnstr, sizeof(pfnstr), "pfn %#lx", start);
	KTEST_EXPECT_NOT_NULL(t, strstr(log, pfnstr));
	KTEST_EXPECT_NOT_NULL(t, strstr(log, "tpin, held by a test short-term pin"));
	KTEST_EXPECT_NOT_NULL(t, strstr(log, "cma_pin_wait_ms="));
	/* Nothing changed. */
	KTEST_EXPECT_EQ(t, page_to_pfn(p.page), start);
	KTEST_EXPECT_TRUE(t, PageMovable(p.page) && !PageIsolated(p.page));
	KTEST_EXPECT_EQ(t, get_pageblock_migratetype(start), MIGRATE_MOVABLE);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before);
	for (i = start; i < start + pageblock_nr_pages; i++)
		KTEST_EXPECT_FALSE(t, PageContig(pfn_to_page(i)));
	tpin_teardown(&p);
}

static void a_pin_wait_of_zero_fails_after_one_pass(struct ktest *t)
{
	unsigned int saved = contig_pin_wait_ms;
	struct migrate_report rep;
	struct tpin p;
	unsigned long start = tpin_setup(&p, -1);
	int ret;

	if (start == ~0UL) {
		ktest_skip(t, "no free movable pageblock outside CMA");
		return;
	}
	contig_pin_wait_ms = 0;
	ret = alloc_contig_range_report(start, start + pageblock_nr_pages, ACR_NOWARN, &rep);
	contig_pin_wait_ms = saved;
	KTEST_EXPECT_EQ(t, ret, -EBUSY);
	KTEST_EXPECT_EQ(t, p.isolate_calls, 1);
	KTEST_EXPECT_EQ(t, rep.retries, 0);
	tpin_teardown(&p);
}

static void an_anon_short_pin_is_named_in_the_carve_failure(struct ktest *t)
{
	unsigned int saved = contig_pin_wait_ms;
	/* Four pageblocks' worth: at least one block ends up ours alone. */
	struct anon_area *area = anon_area_create(4 * pageblock_nr_pages,
						  __GFP_NO_CMA | __GFP_NO_PCP);
	unsigned long start = ~0UL, idx = 0, i;
	char log[1024];
	int ret;

	KTEST_ASSERT_NOT_NULL(t, area);
	/* A block where our page is the only one in use but free ones. */
	for (i = 0; i < anon_area_pages(area) && start == ~0UL; i++) {
		unsigned long b = pageblock_start_pfn(anon_page_pfn(area, i)), pfn;
		bool ok = get_pageblock_migratetype(b) == MIGRATE_MOVABLE;

		for (pfn = b; ok && pfn < b + pageblock_nr_pages; pfn++) {
			u32 f = page_flags(pfn_to_page(pfn));

			ok = (f & ((1u << PG_buddy) | (1u << PG_pcp) | (1u << PG_movable))) ||
			     !page_ref_count(pfn_to_page(pfn));
			ok = ok && !(f & ((1u << PG_reserved) | (1u << PG_pinned)));
		}
		if (ok) {
			start = b;
			idx = i;
		}
	}
	if (start == ~0UL) {
		ktest_skip(t, "no carvable block holds our anon pages");
		goto out;
	}
	(void)anon_page_get(area, idx);
	contig_pin_wait_ms = 1;
	printk_capture_begin(log, sizeof(log));
	ret = alloc_contig_range(start, start + pageblock_nr_pages, 0);
	printk_capture_end();
	contig_pin_wait_ms = saved;
	anon_page_put(area, idx);
	KTEST_EXPECT_EQ(t, ret, -EBUSY);
	KTEST_EXPECT_NOT_NULL(t, strstr(log, "anon, page "));
	KTEST_EXPECT_NOT_NULL(t, strstr(log, "1 short-term pin (anon_page_get)"));
	if (!ret)
		free_contig_range(start, pageblock_nr_pages);
out:
	anon_area_destroy(area);
}

static void the_pin_wait_follows_the_command_line(struct ktest *t)
{
	unsigned long want = CONFIG_CMA_PIN_WAIT_MS, ms = 0;
	char val[32];
	const char *p;

	if (cmdline_get("cma_pin_wait_ms", val, sizeof(val))) {
		/* A valid value (0..60000 ms) replaces the Kconfig default. */
		for (p = val; *p >= '0' && *p <= '9' && ms <= 60000; p++)
			ms = ms * 10 + (unsigned long)(*p - '0');
		if (*val && !*p && ms <= 60000)
			want = ms;
	}
	KTEST_EXPECT_EQ(t, contig_pin_wait_ms, want);
}

static struct ktest_case carve_policy_cases[] = {
	KTEST_CASE(the_default_reserve_follows_linux_min_free_kbytes),
	KTEST_CASE(the_pin_wait_follows_the_command_line),
	KTEST_CASE(movable_allocations_leave_the_min_reserve_to_the_kernel),
	KTEST_CASE(full_carves_after_memory_fills_leave_kernel_allocations_working),
	KTEST_CASE(targets_come_from_cma_outside_the_window_once_non_cma_is_at_the_reserve),
	KTEST_CASE(migrate_pages_stops_at_the_first_page_without_a_target),
	KTEST_CASE(a_carve_with_no_memory_to_migrate_to_fails_at_once),
	KTEST_CASE(a_coherent_alloc_with_no_memory_to_migrate_to_says_which_memory_is_short),
	KTEST_CASE(a_short_pin_dropped_after_many_passes_does_not_fail_the_carve),
	KTEST_CASE(a_pin_that_stays_fails_the_carve_busy_naming_page_owner_and_pin),
	KTEST_CASE(a_pin_wait_of_zero_fails_after_one_pass),
	KTEST_CASE(cma_alloc_moves_past_a_pinned_window_without_waiting_first),
	KTEST_CASE(cma_alloc_waits_for_a_pin_when_no_window_is_free_of_pins),
	KTEST_CASE(an_anon_short_pin_is_named_in_the_carve_failure),
	{}
};

static struct ktest_suite carve_policy_suite = {
	.name = "carve_policy",
	.cases = carve_policy_cases,
};
ktest_register(carve_policy_suite);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "borrow": who may borrow a CMA region (contig/cma_borrow.h).
 * The "camera" region is switched to "clean" (and "none") for the suite
 * with cma_set_borrow() and back to "movable" at the end. A clean region
 * takes read-cache pages first and never anonymous or dirty ones; a write
 * moves a cached page out of it; a carve there discards and never
 * migrates; a "none" region lends nothing; the checker catches a page
 * that breaks the rule.
 */
#define pr_fmt(fmt) "borrow_test: " fmt

#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/mm_debug.h>
#include <contig/mmzone.h>
#include <contig/cma.h>
#include <contig/slab.h>
#include <contig/errno.h>
#include <contig/string.h>
#include <contig/movable.h>

#define BORROW_REGION "camera"
#define CACHE_PAGES 256
#define ANON_PAGES 512

struct borrow_fixture {
	struct cma *cma;
	unsigned long base, end; /* pfns */
	struct pcache *pc;
	u8 *buf;
};

static u32 store_word(unsigned long index, size_t i)
{
	return (u32)(index * 2654435761u) ^ (u32)(i << 12) ^ 0x5a5a0000u;
}

static int store_fill(void *buf, unsigned long index, void *priv)
{
	u32 *w = buf;
	size_t i;

	for (i = 0; i < PAGE_SIZE / sizeof(u32); i++)
		w[i] = store_word(index, i);
	return 0;
}

static size_t store_diff(unsigned long index, const void *buf)
{
	const u32 *w = buf;
	size_t i, bad = 0;

	for (i = 0; i < PAGE_SIZE / sizeof(u32); i++)
		bad += w[i] != store_word(index, i);
	return bad;
}

static bool in_region(const struct borrow_fixture *f, unsigned long pfn)
{
	return pfn >= f->base && pfn < f->end;
}

/* Cached pages of @pc that sit in the region. */
static unsigned long cached_in_region(const struct borrow_fixture *f, unsigned long nr)
{
	unsigned long i, n = 0;

	for (i = 0; i < nr; i++) {
		unsigned long pfn = pcache_page_pfn(f->pc, i);

		n += pfn != ARCH_VM_NO_PFN && in_region(f, pfn);
	}
	return n;
}

/*
 * Map ANON_PAGES anonymous pages with CMA preferred (so they would go to
 * the region if anything let them) and count those in the region.
 * Return: the area (NULL when out of memory), *@in set.
 */
static struct anon_area *anon_fill(const struct borrow_fixture *f, unsigned long *in)
{
	struct cma_policy_save saved;
	struct anon_area *area;
	unsigned long i;

	zones_set_cma_policy(CMA_POLICY_PREFER, &saved);
	area = anon_area_create(ANON_PAGES, 0);
	zones_restore_cma_policy(&saved);
	*in = 0;
	for (i = 0; area && i < ANON_PAGES; i++)
		*in += in_region(f, anon_page_pfn(area, i));
	return area;
}

static int borrow_test_init(struct ktest *t)
{
	struct borrow_fixture *f;
	struct cma *cma = cma_find(BORROW_REGION);

	if (!cma)
		return 0; /* each case skips */
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	f->cma = cma;
	f->base = PHYS_PFN(cma_get_base(cma));
	f->end = f->base + PHYS_PFN(cma_get_size(cma));
	f->buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	/* Twice the region: other clean regions (the DT's) may take some. */
	f->pc = pcache_create("borrow", 2 * (f->end - f->base), store_fill, NULL);
	if (!f->buf || !f->pc || cma_set_borrow(cma, CMA_BORROW_CLEAN)) {
		pcache_destroy(f->pc);
		kfree(f->buf);
		kfree(f);
		return -ENOMEM;
	}
	t->priv = f;
	return 0;
}

static void borrow_test_exit(struct ktest *t)
{
	struct borrow_fixture *f = t->priv;

	if (!f)
		return;
	pcache_destroy(f->pc);
	if (cma_set_borrow(f->cma, CMA_BORROW_MOVABLE))
		pr_err("could not give %s back its movable policy\n", BORROW_REGION);
	kfree(f->buf);
	kfree(f);
}

static struct borrow_fixture *fixture(struct ktest *t)
{
	if (!t->priv)
		ktest_skip(t, "no region named %s", BORROW_REGION);
	return t->priv;
}

static void borrow_clean_region_takes_cache_pages_and_no_anonymous_ones(struct ktest *t)
{
	struct borrow_fixture *f = fixture(t);
	struct anon_area *area;
	unsigned long i, anon_in;

	if (!f)
		return;
	KTEST_EXPECT_EQ(t, cma_get_borrow(f->cma), CMA_BORROW_CLEAN);
	for (i = 0; i < CACHE_PAGES; i++)
		KTEST_ASSERT_EQ(t, pcache_read(f->pc, i, f->buf), 0);
	/* The regions had room: every clean page went to one first. */
	for (i = 0; i < CACHE_PAGES; i++)
		KTEST_EXPECT_EQ(t, pageblock_borrow(pcache_page_pfn(f->pc, i)), CMA_BORROW_CLEAN);

	/* Anonymous pages, even when CMA is preferred, never go there. */
	area = anon_fill(f, &anon_in);
	KTEST_ASSERT_NOT_NULL(t, area);
	KTEST_EXPECT_EQ(t, anon_in, 0);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
	anon_area_destroy(area);
}

static void borrow_write_moves_a_cached_page_out_of_the_clean_region(struct ktest *t)
{
	struct borrow_fixture *f = fixture(t);
	unsigned long pfn;

	if (!f)
		return;
	KTEST_ASSERT_EQ(t, pcache_read(f->pc, 7, f->buf), 0);
	KTEST_ASSERT_TRUE(t, in_region(f, pcache_page_pfn(f->pc, 7)));
	memset(f->buf, 0xc5, PAGE_SIZE);
	KTEST_ASSERT_EQ(t, pcache_write(f->pc, 7, f->buf), 0);
	pfn = pcache_page_pfn(f->pc, 7);
	KTEST_ASSERT_NE(t, pfn, ARCH_VM_NO_PFN);
	KTEST_EXPECT_FALSE(t, in_region(f, pfn));
	KTEST_EXPECT_TRUE(t, PageDirty(pfn_to_page(pfn)));
	memset(f->buf, 0, PAGE_SIZE);
	KTEST_ASSERT_EQ(t, pcache_read(f->pc, 7, f->buf), 0);
	KTEST_EXPECT_EQ(t, f->buf[0], 0xc5);
	KTEST_EXPECT_EQ(t, f->buf[PAGE_SIZE - 1], 0xc5);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

static void borrow_carve_in_a_full_clean_region_discards_and_never_migrates(struct ktest *t)
{
	struct borrow_fixture *f = fixture(t);
	unsigned long nr, count, i, bad = 0, in;
	struct cma_stats before, after;
	struct page *page;

	if (!f)
		return;
	nr = f->end - f->base;
	/* Read until the region is full (other clean regions fill too). */
	for (i = 0, in = 0; i < 2 * nr && in < nr; i++) {
		if (pcache_read(f->pc, i, f->buf))
			break;
		in += in_region(f, pcache_page_pfn(f->pc, i));
	}
	in = cached_in_region(f, 2 * nr);
	ktest_info(t, "%lu of %lu region pages hold clean cache", in, nr);
	/* Nothing else may borrow it, so the cache fills all of it. */
	KTEST_EXPECT_EQ(t, in, nr);

	count = nr / 2;
	cma_get_stats(f->cma, &before);
	page = cma_alloc(f->cma, count, 0, 0);
	KTEST_ASSERT_NOT_NULL(t, page);
	cma_get_stats(f->cma, &after);
	KTEST_EXPECT_EQ(t, after.migrated - before.migrated, 0);
	KTEST_EXPECT_EQ(t, after.discarded - before.discarded, count);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
	/* Discarded pages read again from the store, whole. */
	for (i = 0; i < 2 * nr; i++) {
		KTEST_ASSERT_EQ(t, pcache_read(f->pc, i, f->buf), 0);
		bad += store_diff(i, f->buf) != 0;
	}
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_TRUE(t, cma_release(f->cma, page, count));
}

static void borrow_none_region_lends_nothing(struct ktest *t)
{
	struct borrow_fixture *f = fixture(t);
	struct cma_stats before, after;
	struct anon_area *area;
	unsigned long i, anon_in;
	struct page *page;

	if (!f)
		return;
	pcache_destroy(f->pc);
	f->pc = pcache_create("borrow", 2 * (f->end - f->base), store_fill, NULL);
	KTEST_ASSERT_NOT_NULL(t, f->pc);
	KTEST_ASSERT_EQ(t, cma_set_borrow(f->cma, CMA_BORROW_NONE), 0);
	for (i = 0; i < CACHE_PAGES; i++)
		KTEST_ASSERT_EQ(t, pcache_read(f->pc, i, f->buf), 0);
	KTEST_EXPECT_EQ(t, cached_in_region(f, CACHE_PAGES), 0);
	area = anon_fill(f, &anon_in);
	KTEST_ASSERT_NOT_NULL(t, area);
	KTEST_EXPECT_EQ(t, anon_in, 0);

	cma_get_stats(f->cma, &before);
	page = cma_alloc(f->cma, f->end - f->base, 0, 0);
	KTEST_EXPECT_NOT_NULL(t, page);
	cma_get_stats(f->cma, &after);
	KTEST_EXPECT_EQ(t, after.migrated - before.migrated, 0);
	KTEST_EXPECT_EQ(t, after.discarded - before.discarded, 0);
	if (page)
		cma_release(f->cma, page, f->end - f->base);
	anon_area_destroy(area);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
	KTEST_EXPECT_EQ(t, cma_set_borrow(f->cma, CMA_BORROW_CLEAN), 0);
}

static void borrow_checker_reports_a_page_that_breaks_the_rule(struct ktest *t)
{
	struct borrow_fixture *f = fixture(t);
	struct page *page;

	if (!f)
		return;
	KTEST_EXPECT_EQ(t, mm_check_consistency(false), 0);
	/* A clean allocation with no owner: not cache, so not allowed there. */
	page = alloc_page(GFP_MOVABLE | __GFP_CLEAN);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, pageblock_borrow(page_to_pfn(page)), CMA_BORROW_CLEAN);
	KTEST_EXPECT_GT(t, mm_check_consistency(false), 0);
	__free_page(page);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

static void borrow_set_borrow_refuses_while_a_buffer_is_carved(struct ktest *t)
{
	struct borrow_fixture *f = fixture(t);
	struct page *page;

	if (!f)
		return;
	page = cma_alloc(f->cma, 1, 0, 0);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, cma_set_borrow(f->cma, CMA_BORROW_NONE), -EBUSY);
	KTEST_EXPECT_EQ(t, cma_get_borrow(f->cma), CMA_BORROW_CLEAN);
	KTEST_EXPECT_TRUE(t, cma_release(f->cma, page, 1));
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

static struct ktest_case borrow_cases[] = {
	KTEST_CASE(borrow_clean_region_takes_cache_pages_and_no_anonymous_ones),
	KTEST_CASE(borrow_write_moves_a_cached_page_out_of_the_clean_region),
	KTEST_CASE(borrow_carve_in_a_full_clean_region_discards_and_never_migrates),
	KTEST_CASE(borrow_none_region_lends_nothing),
	KTEST_CASE(borrow_checker_reports_a_page_that_breaks_the_rule),
	KTEST_CASE(borrow_set_borrow_refuses_while_a_buffer_is_carved),
	{}
};

static struct ktest_suite borrow_suite = {
	.name = "borrow",
	.cases = borrow_cases,
	.init = borrow_test_init,
	.exit = borrow_test_exit,
};
ktest_register(borrow_suite);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "integrity": nothing a carve moves is lost or damaged.
 *
 * Each case fills a CMA area to at least 90% with workload pages (anon:
 * migrated by copy; pcache: clean, discarded and refilled), then carves
 * buffers of several sizes and alignments out of it, verifying every
 * workload page after every carve, releases them, rewrites the data with
 * a new generation and repeats.
 */
#define pr_fmt(fmt) "integrity_test: " fmt

#include <contig/ktest.h>
#include <contig/cma.h>
#include <contig/workload.h>
#include <contig/slab.h>

#define INTEGRITY_ROUNDS 3
#define INTEGRITY_FILL_PCT 90

static const struct {
	unsigned long count;
	unsigned int align;
} carve_sizes[] = {
	{ 1, 0 }, { 3, 0 }, { 16, 4 }, { 64, 6 }, { 255, 0 },
	{ 256, 8 }, { 1000, 0 }, { 1024, 10 },
};

static struct cma *integrity_area(struct ktest *t)
{
	struct cma *cma = cma_find("camera");

	if (!cma)
		cma = cma_default_area();
	if (!cma)
		ktest_skip(t, "needs a CMA area (the board's \"camera\" or a default area)");
	return cma;
}

static void carve_and_verify(struct ktest *t, enum workload_kind kind)
{
	struct page *bufs[ARRAY_SIZE(carve_sizes)];
	struct cma_stats before, after;
	enum page_owner owner = kind == WORKLOAD_ANON ? PGOWNER_ANON : PGOWNER_PCACHE;
	struct cma *cma = integrity_area(t);
	struct workload *wl;
	unsigned int round, i, pct;
	unsigned long bad = 0;

	if (!cma)
		return;
	wl = workload_create("integrity", kind, 0, 0);
	KTEST_ASSERT_NOT_NULL(t, wl);
	workload_fill_cma(wl, cma, INTEGRITY_FILL_PCT, 2 * (u64)cma_total_pages() * PAGE_SIZE);
	pct = workload_cma_fill_pct(cma, owner);
	ktest_info(t, "%s: %lu workload pages, area %s %u%% full", kind == WORKLOAD_ANON ?
		   "anon" : "pcache", workload_nr_pages(wl), cma_get_name(cma), pct);
	if (!KTEST_EXPECT_GE(t, pct, INTEGRITY_FILL_PCT))
		goto out;
	KTEST_EXPECT_EQ(t, workload_verify(wl), 0);
	cma_get_stats(cma, &before);

	for (round = 0; round < INTEGRITY_ROUNDS && !bad; round++) {
		for (i = 0; i < ARRAY_SIZE(carve_sizes); i++) {
			bufs[i] = cma_alloc(cma, carve_sizes[i].count, carve_sizes[i].align, 0);
			KTEST_EXPECT_NOT_NULL(t, bufs[i]);
			bad = workload_verify(wl);
			if (!KTEST_EXPECT_EQ(t, bad, 0)) {
				ktest_info(t, "round %u: corrupt after carving %lu pages", round,
					   carve_sizes[i].count);
				i++;
				break;
			}
		}
		while (i--)
			if (bufs[i])
				KTEST_EXPECT_TRUE(t, cma_release(cma, bufs[i],
								 carve_sizes[i].count));
		KTEST_EXPECT_EQ(t, workload_verify(wl), 0);
		workload_touch(wl);
		KTEST_EXPECT_EQ(t, workload_verify(wl), 0);
	}

	cma_get_stats(cma, &after);
	KTEST_EXPECT_EQ(t, after.used, before.used);
	if (kind == WORKLOAD_ANON)
		KTEST_EXPECT_GT(t, after.migrated - before.migrated, 0);
	else
		KTEST_EXPECT_GT(t, after.discarded - before.discarded, 0);
out:
	workload_destroy(wl);
}

static void anon_pages_survive_repeated_carves_of_several_sizes_from_a_full_area(struct ktest *t)
{
	carve_and_verify(t, WORKLOAD_ANON);
}

static void pcache_pages_survive_repeated_carves_of_several_sizes_from_a_full_area(struct ktest *t)
{
	carve_and_verify(t, WORKLOAD_PCACHE);
}

/* The checker itself: a damaged or stale page must be counted. */
static void workload_verify_counts_damaged_misplaced_and_stale_pages(struct ktest *t)
{
	struct workload *wl = workload_create("integrity-self", WORKLOAD_ANON, 16, 0);
	struct anon_area *area;
	void *old = NULL;
	u64 *p;

	KTEST_ASSERT_NOT_NULL(t, wl);
	if (!KTEST_EXPECT_EQ(t, workload_fill_bytes(wl, 32 * PAGE_SIZE), 32))
		goto out;
	KTEST_EXPECT_EQ(t, workload_verify(wl), 0);

	/* One flipped bit in the last word of page 3 of chunk 0. */
	area = workload_anon_area(wl, 0);
	p = anon_page_get(area, 3);
	p[PAGE_SIZE / sizeof(u64) - 1] ^= 1;
	anon_page_put(area, 3);
	KTEST_EXPECT_EQ(t, workload_verify(wl), 1);

	/* A page of chunk 1 holding chunk 0's page 5 (misplaced copy). */
	p = anon_page_get(area, 5);
	anon_write(workload_anon_area(wl, 1), 7 * PAGE_SIZE, p, PAGE_SIZE);
	anon_page_put(area, 5);
	KTEST_EXPECT_EQ(t, workload_verify(wl), 2);

	/* touch() rewrites everything with a new generation. */
	workload_touch(wl);
	KTEST_EXPECT_EQ(t, workload_verify(wl), 0);

	/* A page left with the previous generation's contents is stale. */
	old = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!KTEST_EXPECT_NOT_NULL(t, old))
		goto out;
	anon_read(area, 9 * PAGE_SIZE, old, PAGE_SIZE);
	workload_touch(wl);
	anon_write(area, 9 * PAGE_SIZE, old, PAGE_SIZE);
	KTEST_EXPECT_EQ(t, workload_verify(wl), 1);
	workload_touch(wl);
	KTEST_EXPECT_EQ(t, workload_verify(wl), 0);
out:
	kfree(old);
	workload_destroy(wl);
}

static struct ktest_case integrity_cases[] = {
	KTEST_CASE(workload_verify_counts_damaged_misplaced_and_stale_pages),
	KTEST_CASE(anon_pages_survive_repeated_carves_of_several_sizes_from_a_full_area),
	KTEST_CASE(pcache_pages_survive_repeated_carves_of_several_sizes_from_a_full_area),
	{}
};

static struct ktest_suite integrity_suite = {
	.name = "integrity",
	.cases = integrity_cases,
};
ktest_register(integrity_suite);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "stress": carves, movable churn and pins on every CPU at once.
 *
 * arch_smp_run() starts one worker per CPU, each for a fixed number of
 * iterations (never a time bound):
 *   CPU 0      carves and releases buffers of mixed sizes from area A;
 *   CPU 1      carves from area B and from A, so two CPUs contend for A;
 *   CPU 2..n   churn movable memory: create and write small anon
 *              workloads (placed in CMA first), verify them, take
 *              short-term pins (anon_page_get/put) and long-term pins
 *              (anon_pin_longterm, which must move the page out of CMA),
 *              rewrite and destroy them.
 * A resident workload fills part of CMA before the run; the carves migrate
 * it around while the churn runs. Afterwards every workload page is
 * verified, the areas' used counts are back where they were and the mm is
 * consistent. make check runs this under ThreadSanitizer (ktest=stress*),
 * so the iteration counts stay small.
 */
#define pr_fmt(fmt) "stress_test: " fmt

#include <contig/ktest.h>
#include <contig/cma.h>
#include <contig/mm_debug.h>
#include <contig/errno.h>
#include <contig/slab.h>
#include <contig/workload.h>
#include <contig/mmzone.h>

#define STRESS_CARVES 64
#define STRESS_HELD 3
#define STRESS_CHURN 32
#define STRESS_CHURN_PAGES 32
#define STRESS_MARK 0x5717e55c0ffee000ULL

struct stress_ctx {
	struct ktest *t;
	struct cma *a, *b;
	atomic_t carved[CONFIG_NR_CPUS];
	atomic_t carve_failed[CONFIG_NR_CPUS];
	atomic_t churned, pinned_long, pinned_nomem;
};

static u32 stress_rand(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

struct held_buf {
	struct cma *cma;
	struct page *page;
	unsigned long count;
	u64 mark;
};

/* Stamp the first and last word of a carved buffer; checked at release. */
static void buf_stamp(struct held_buf *h)
{
	u64 *first = page_address(h->page);
	u64 *last = (u64 *)page_address(h->page + h->count - 1) + (PAGE_SIZE / sizeof(u64) - 1);

	*first = h->mark;
	*last = ~h->mark;
}

static void buf_release(struct stress_ctx *ctx, struct held_buf *h)
{
	u64 *first = page_address(h->page);
	u64 *last = (u64 *)page_address(h->page + h->count - 1) + (PAGE_SIZE / sizeof(u64) - 1);

	KTEST_EXPECT_TRUE(ctx->t, *first == h->mark && *last == ~h->mark);
	KTEST_EXPECT_TRUE(ctx->t, cma_release(h->cma, h->page, h->count));
	h->page = NULL;
}

static void stress_carver(struct stress_ctx *ctx, unsigned int cpu)
{
	static const unsigned long sizes[] = { 1, 5, 16, 64, 100, 256, 512 };
	struct held_buf held[STRESS_HELD] = { { 0 } };
	u32 rnd = 0x9e3779b9u * (cpu + 1);
	unsigned int i, slot;

	for (i = 0; i < STRESS_CARVES; i++) {
		struct cma *cma = (cpu == 0 || (i & 1)) ? ctx->a : ctx->b;
		unsigned long count = sizes[stress_rand(&rnd) % ARRAY_SIZE(sizes)];
		unsigned int align = (i % 3) ? 0 : 4;
		unsigned long base = PHYS_PFN(cma_get_base(cma));
		unsigned long end = base + (cma_get_size(cma) >> PAGE_SHIFT);
		struct page *page;

		slot = i % STRESS_HELD;
		if (held[slot].page)
			buf_release(ctx, &held[slot]);
		page = cma_alloc(cma, count, align, CMA_ALLOC_NOWARN);
		if (!page) {
			atomic_inc(&ctx->carve_failed[cpu]);
			continue;
		}
		atomic_inc(&ctx->carved[cpu]);
		KTEST_EXPECT_TRUE(ctx->t, page_to_pfn(page) >= base &&
					  page_to_pfn(page) + count <= end);
		KTEST_EXPECT_TRUE(ctx->t, IS_ALIGNED(page_to_pfn(page), 1UL << align));
		held[slot].cma = cma;
		held[slot].page = page;
		held[slot].count = count;
		held[slot].mark = STRESS_MARK ^ ((u64)cpu << 32) ^ i;
		buf_stamp(&held[slot]);
	}
	for (slot = 0; slot < STRESS_HELD; slot++)
		if (held[slot].page)
			buf_release(ctx, &held[slot]);
}

static void stress_churner(struct stress_ctx *ctx, unsigned int cpu)
{
	u32 rnd = 0x85ebca6bu * (cpu + 1);
	unsigned int i, k;

	for (i = 0; i < STRESS_CHURN; i++) {
		struct workload *wl = workload_create("stress", WORKLOAD_ANON,
						      STRESS_CHURN_PAGES, 0);
		struct anon_area *area;
		unsigned long idx, pfn;
		int ret;

		if (!wl)
			continue;
		if (!workload_fill_bytes(wl, 2 * STRESS_CHURN_PAGES * PAGE_SIZE)) {
			workload_destroy(wl);
			continue;
		}
		atomic_inc(&ctx->churned);
		area = workload_anon_area(wl, 0);

		/* Short-term pins: the page cannot move while we hold it. */
		for (k = 0; k < 8; k++) {
			volatile u64 *p;
			u64 v;

			idx = stress_rand(&rnd) % STRESS_CHURN_PAGES;
			p = anon_page_get(area, idx);
			pfn = anon_page_pfn(area, idx);
			v = p[0];
			arch_cpu_relax();
			KTEST_EXPECT_EQ(ctx->t, p[0], v);
			KTEST_EXPECT_EQ(ctx->t, anon_page_pfn(area, idx), pfn);
			anon_page_put(area, idx);
		}

		/* A long-term pin moves the page out of CMA and keeps it there. */
		idx = stress_rand(&rnd) % STRESS_CHURN_PAGES;
		ret = anon_pin_longterm(area, idx);
		if (ret == 0) {
			int mt;

			atomic_inc(&ctx->pinned_long);
			pfn = anon_page_pfn(area, idx);
			mt = get_pageblock_migratetype(pfn);
			KTEST_EXPECT_TRUE(ctx->t, mt != MIGRATE_CMA && mt != MIGRATE_ISOLATE);
			KTEST_EXPECT_EQ(ctx->t, workload_verify(wl), 0);
			KTEST_EXPECT_EQ(ctx->t, anon_page_pfn(area, idx), pfn);
			anon_unpin_longterm(area, idx);
		} else {
			KTEST_EXPECT_TRUE(ctx->t, ret == -ENOMEM || ret == -EBUSY);
			atomic_inc(&ctx->pinned_nomem);
		}

		KTEST_EXPECT_EQ(ctx->t, workload_verify(wl), 0);
		workload_touch(wl);
		KTEST_EXPECT_EQ(ctx->t, workload_verify(wl), 0);
		workload_destroy(wl);
	}
}

static void stress_worker(unsigned int cpu, void *arg)
{
	struct stress_ctx *ctx = arg;

	if (cpu < 2)
		stress_carver(ctx, cpu);
	else
		stress_churner(ctx, cpu);
}

static void carves_churn_and_pins_on_every_cpu_lose_no_data(struct ktest *t)
{
	struct cma_policy_save saved;
	struct cma *a = cma_find("video"), *b = cma_find("camera");
	struct cma_stats a0, b0, a1, b1;
	struct stress_ctx *ctx;
	struct workload *resident;
	unsigned int ran, cpu;

	if (!a)
		a = cma_default_area();
	if (!a || !b || a == b) {
		ktest_skip(t, "needs two CMA areas (the board's \"video\" and \"camera\")");
		return;
	}
	if (arch_nr_cpus() < 2) {
		ktest_skip(t, "needs at least 2 CPUs, have %u", arch_nr_cpus());
		return;
	}
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, ctx);
	ctx->t = t;
	ctx->a = a;
	ctx->b = b;

	resident = workload_create("resident", WORKLOAD_ANON, 0, 0);
	if (!KTEST_EXPECT_NOT_NULL(t, resident))
		goto out;
	workload_fill_cma(resident, a, 40, (u64)cma_total_pages() * PAGE_SIZE);
	ktest_info(t, "resident workload %lu pages, %s %u%% full", workload_nr_pages(resident),
		   cma_get_name(a), workload_cma_fill_pct(a, PGOWNER_ANON));
	cma_get_stats(a, &a0);
	cma_get_stats(b, &b0);

	/* Churn lands in CMA, where the carves run into it. */
	zones_set_cma_policy(CMA_POLICY_PREFER, &saved);
	ran = arch_smp_run(arch_nr_cpus(), stress_worker, ctx);
	zones_restore_cma_policy(&saved);

	ktest_info(t, "%u CPUs: carved %d+%d (failed %d+%d), churned %d, long-term pins %d (%d refused)",
		   ran, atomic_read(&ctx->carved[0]), atomic_read(&ctx->carved[1]),
		   atomic_read(&ctx->carve_failed[0]), atomic_read(&ctx->carve_failed[1]),
		   atomic_read(&ctx->churned), atomic_read(&ctx->pinned_long),
		   atomic_read(&ctx->pinned_nomem));
	KTEST_EXPECT_EQ(t, ran, arch_nr_cpus());
	for (cpu = 0; cpu < 2; cpu++)
		KTEST_EXPECT_GT(t, atomic_read(&ctx->carved[cpu]), 0);
	if (ran > 2)
		KTEST_EXPECT_GT(t, atomic_read(&ctx->churned), 0);

	KTEST_EXPECT_EQ(t, workload_verify(resident), 0);
	cma_get_stats(a, &a1);
	cma_get_stats(b, &b1);
	KTEST_EXPECT_EQ(t, a1.used, a0.used);
	KTEST_EXPECT_EQ(t, b1.used, b0.used);
	KTEST_EXPECT_EQ(t, a1.released - a0.released, a1.alloc_pages - a0.alloc_pages);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
out:
	workload_destroy(resident);
	kfree(ctx);
}

static struct ktest_case stress_cases[] = {
	KTEST_CASE(carves_churn_and_pins_on_every_cpu_lose_no_data),
	{}
};

static struct ktest_suite stress_suite = {
	.name = "stress",
	.cases = stress_cases,
};
ktest_register(stress_suite);

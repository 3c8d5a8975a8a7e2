// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "soak": the long soak that make soak runs (scripts/soak.sh),
 * skipped unless the boot parameter soak= asks for it:
 *
 *   soak=<migrations>[,<carves>[,<seed>]]    (default 1000000,10000,1)
 *
 * with CMA regions soak0, soak1, ... (cma=soak0=16M;soak1=16M;...), one
 * per CPU that takes part.
 *
 * migrations: rounds until the carves have migrated <migrations> pages.
 * Each round, CPU 0 gives every soak region a fresh anon workload (filled
 * until SOAK_FILL_PCT percent of the region holds it); then every CPU at
 * once carves random buffers from its own region until it is full,
 * stamping each, verifying every page of its workload after every carve,
 * and releases them (stamps checked). After the round every workload is
 * verified again and destroyed. A carve may fail here when a page it
 * needs is pinned for a moment by another CPU's verification (counted as
 * "busy", not an error), never with a corrupt page.
 *
 * carves: <carves> random requests on CPU 0 alone, over the soak regions
 * in turn, each holding up to SOAK_HELD buffers: either a release of a
 * held buffer (stamps checked) or a carve of a random size (1 page to the
 * whole region) and alignment (order 0 to past the region). A model of
 * the held buffers says whether an aligned free window exists; the carve
 * must succeed exactly when one does (nothing else runs, so no page is
 * pinned), land in the region, aligned, on no held buffer. A workload of
 * SOAK_RANDOM_WL_PAGES pages, in the regions, is verified after every
 * carve.
 *
 * For the run, every free run of the other CMA areas is carved, so that
 * the workloads (placed in CMA first) land in the soak regions.
 *
 * Then the mm must be consistent and every region empty again. The
 * RESULT line gives the counts and times; the KTAP result says whether
 * anything went wrong. Random numbers come from <seed> (xorshift), so a
 * run can be repeated.
 */
#define pr_fmt(fmt) "soak_test: " fmt

#include <contig/ktest.h>
#include <contig/atomic.h>
#include <contig/cma.h>
#include <contig/mm.h>
#include <contig/mm_debug.h>
#include <contig/params.h>
#include <contig/string.h>
#include <contig/workload.h>

#include "cma_block.h"

#define SOAK_MAX_REGIONS 8
#define SOAK_FILL_PCT 90
#define SOAK_HELD 8
#define SOAK_MARK 0x50a4c0de5eed0000ULL
#define SOAK_RANDOM_WL_PAGES 2048

struct soak_buf {
	struct page *page;
	unsigned long count;
	u64 mark;
};

struct soak_region {
	struct cma *cma;
	unsigned long base, total;         /* first pfn, pages */
	struct workload *wl;
	struct soak_buf held[SOAK_HELD];
	u32 rnd;
	/* per round, read by CPU 0 after arch_smp_run() */
	unsigned long carves, busy, corrupt, bad_stamps, bad_place;
};

struct soak_ctx {
	struct ktest *t;
	unsigned int nr;
	struct soak_region r[SOAK_MAX_REGIONS];
	/* The other CMA areas, carved for the run so workloads fill the soak's. */
	struct cma_blockers blockers;
};

static u32 soak_rand(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

static unsigned long soak_between(u32 *state, unsigned long lo, unsigned long hi)
{
	return lo + soak_rand(state) % (hi - lo + 1);
}

static void soak_stamp(struct soak_buf *b)
{
	u64 *first = page_address(b->page);
	u64 *last = (u64 *)page_address(b->page + b->count - 1) + (PAGE_SIZE / sizeof(u64) - 1);

	*first = b->mark;
	*last = ~b->mark;
}

/* Release @b; false when its stamps changed or the release was refused. */
static bool soak_release(struct soak_region *r, struct soak_buf *b)
{
	u64 *first = page_address(b->page);
	u64 *last = (u64 *)page_address(b->page + b->count - 1) + (PAGE_SIZE / sizeof(u64) - 1);
	bool ok = *first == b->mark && *last == ~b->mark;

	ok &= cma_release(r->cma, b->page, b->count);
	b->page = NULL;
	return ok;
}

/* The end of the held buffers overlapping [pfn, pfn + count); 0: none does. */
static unsigned long soak_overlap_end(const struct soak_region *r, unsigned long pfn,
				      unsigned long count)
{
	unsigned long end = 0;
	unsigned int i;

	for (i = 0; i < SOAK_HELD; i++) {
		const struct soak_buf *b = &r->held[i];
		unsigned long s;

		if (!b->page)
			continue;
		s = page_to_pfn(b->page);
		if (pfn < s + b->count && s < pfn + count)
			end = max(end, s + b->count);
	}
	return end;
}

/* Does [pfn, pfn + count) lie in the region, clear of every held buffer? */
static bool soak_window_free(const struct soak_region *r, unsigned long pfn, unsigned long count)
{
	return pfn >= r->base && pfn + count <= r->base + r->total &&
	       !soak_overlap_end(r, pfn, count);
}

/* The model: is there an aligned window of @count pages clear of the held buffers? */
static bool soak_feasible(const struct soak_region *r, unsigned long count, unsigned int align)
{
	unsigned long step = 1UL << align, pfn = ALIGN(r->base, step), end;

	if (count > r->total)
		return false;
	while (pfn + count <= r->base + r->total) {
		end = soak_overlap_end(r, pfn, count);
		if (!end)
			return true;
		pfn = ALIGN(end, step); /* past the buffers in the way */
	}
	return false;
}

/* ---- the migration rounds ---------------------------------------------------- */

static void soak_round_worker(unsigned int cpu, void *arg)
{
	struct soak_ctx *ctx = arg;
	struct soak_region *r = &ctx->r[cpu];
	unsigned int n = 0, i;

	if (cpu >= ctx->nr)
		return;
	while (n < SOAK_HELD && r->busy <= 64 * (r->carves + 1)) {
		unsigned long count = soak_between(&r->rnd, r->total / 16, r->total / 3);
		unsigned int align = soak_rand(&r->rnd) % 5;
		struct soak_buf *b = &r->held[n];
		unsigned long pfn;

		b->page = cma_alloc(r->cma, count, align, CMA_ALLOC_NOWARN);
		if (!b->page) {
			if (soak_feasible(r, count, align))
				r->busy++;
			else
				break; /* the region is full */
			continue;
		}
		r->carves++;
		b->count = count;
		b->mark = SOAK_MARK ^ ((u64)cpu << 40) ^ (r->carves << 8);
		pfn = page_to_pfn(b->page);
		if (pfn < r->base || pfn + count > r->base + r->total ||
		    !IS_ALIGNED(pfn, 1UL << align))
			r->bad_place++;
		soak_stamp(b);
		n++;
		r->corrupt += workload_verify(r->wl);
	}
	for (i = 0; i < n; i++)
		if (!soak_release(r, &r->held[i]))
			r->bad_stamps++;
}

/* The regions, their free space, every workload page: back to the start? */
static bool soak_check_idle(struct soak_ctx *ctx, struct ktest *t)
{
	bool ok = true;
	unsigned int i;

	for (i = 0; i < ctx->nr; i++) {
		struct cma_stats st;

		cma_get_stats(ctx->r[i].cma, &st);
		ok &= KTEST_EXPECT_EQ(t, st.used, 0);
		ok &= KTEST_EXPECT_EQ(t, st.largest_free, ctx->r[i].total);
		if (ctx->r[i].wl)
			ok &= KTEST_EXPECT_EQ(t, workload_verify(ctx->r[i].wl), 0);
	}
	ok &= KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
	return ok;
}

static unsigned long soak_migrated(struct soak_ctx *ctx)
{
	unsigned long sum = 0;
	unsigned int i;

	for (i = 0; i < ctx->nr; i++) {
		struct cma_stats st;

		cma_get_stats(ctx->r[i].cma, &st);
		sum += st.migrated + st.discarded;
	}
	return sum;
}

/* ---- the case ------------------------------------------------------------------ */

static bool soak_args(struct ktest *t, unsigned long *migrations, unsigned long *carves,
		      u32 *seed)
{
	char buf[96], *p, *end;

	if (!cmdline_get("soak", buf, sizeof(buf))) {
		ktest_skip(t, "the long soak runs with make soak (boot parameter soak=)");
		return false;
	}
	*migrations = 1000000;
	*carves = 10000;
	*seed = 1;
	p = buf;
	if (*p) {
		*migrations = strtoul(p, &end, 0);
		p = *end == ',' ? end + 1 : end;
	}
	if (*p) {
		*carves = strtoul(p, &end, 0);
		p = *end == ',' ? end + 1 : end;
	}
	if (*p) {
		*seed = (u32)strtoul(p, &end, 0);
		p = end;
	}
	if (*p || !*seed) {
		ktest_fail(t, __FILE__, __LINE__,
			   "soak=%s: expected soak=<migrations>[,<carves>[,<seed>]], seed not 0", buf);
		return false;
	}
	return true;
}

static bool soak_regions(struct ktest *t, struct soak_ctx *ctx, u32 seed)
{
	unsigned int i;

	for (i = 0; i < SOAK_MAX_REGIONS && i < arch_nr_cpus(); i++) {
		char name[16];
		struct soak_region *r = &ctx->r[i];

		snprintf(name, sizeof(name), "soak%u", i);
		r->cma = cma_find(name);
		if (!r->cma)
			break;
		r->base = PHYS_PFN(cma_get_base(r->cma));
		r->total = (unsigned long)(cma_get_size(r->cma) >> PAGE_SHIFT);
		r->rnd = seed * 0x9e3779b9u + i + 1;
		if (!r->rnd)
			r->rnd = 1;
	}
	ctx->nr = i;
	if (!ctx->nr) {
		ktest_fail(t, __FILE__, __LINE__,
			   "soak= needs CMA regions soak0, soak1, ... (cma=soak0=16M;soak1=16M)");
		return false;
	}
	return true;
}

static void long_soak_loses_no_page_and_carves_exactly_what_fits(struct ktest *t)
{
	static struct soak_ctx ctx;
	unsigned long migrations, carves, done = 0, rounds = 0, round_carves = 0, busy = 0;
	unsigned long corrupt = 0, bad = 0, feasible = 0, infeasible = 0, mismatch = 0;
	unsigned long releases = 0, rcorrupt = 0, m0, i, k;
	struct workload *wl = NULL;
	u64 t0, t1, t2;
	u32 seed, rnd;

	if (!soak_args(t, &migrations, &carves, &seed))
		return;
	memset(&ctx, 0, sizeof(ctx));
	ctx.t = t;
	if (!soak_regions(t, &ctx, seed))
		return;
	ktest_info(t, "%lu migrations, %lu random carves, seed %u, %u regions of %lu pages on %u CPUs",
		   migrations, carves, seed, ctx.nr, ctx.r[0].total, ctx.nr);
	{
		struct cma *keep[SOAK_MAX_REGIONS];

		for (i = 0; i < ctx.nr; i++)
			keep[i] = ctx.r[i].cma;
		cma_block_others(&ctx.blockers, keep, ctx.nr);
	}
	m0 = soak_migrated(&ctx);
	t0 = arch_clock_ns();

	/* Migration rounds, all CPUs at once. */
	while (done < migrations) {
		for (i = 0; i < ctx.nr; i++) {
			ctx.r[i].wl = workload_create("soak", WORKLOAD_ANON, 16, 0);
			KTEST_ASSERT_NOT_NULL(t, ctx.r[i].wl);
			workload_fill_cma(ctx.r[i].wl, ctx.r[i].cma, SOAK_FILL_PCT,
					  (u64)ctx.r[i].total * PAGE_SIZE);
			ctx.r[i].carves = ctx.r[i].busy = ctx.r[i].corrupt = 0;
		}
		arch_smp_run(ctx.nr, soak_round_worker, &ctx);
		for (i = 0; i < ctx.nr; i++) {
			struct soak_region *r = &ctx.r[i];

			round_carves += r->carves;
			busy += r->busy;
			corrupt += r->corrupt + workload_verify(r->wl);
			bad += r->bad_stamps + r->bad_place;
			workload_destroy(r->wl);
			r->wl = NULL;
		}
		rounds++;
		done = soak_migrated(&ctx) - m0;
		if (!KTEST_EXPECT_EQ(t, corrupt, 0) || !KTEST_EXPECT_EQ(t, bad, 0) ||
		    !KTEST_EXPECT_GT(t, round_carves, 0))
			goto out;
		if (rounds % 16 == 0)
			ktest_info(t, "round %lu: %lu pages migrated", rounds, done);
	}
	t1 = arch_clock_ns();
	KTEST_EXPECT_TRUE(t, soak_check_idle(&ctx, t));

	/* Random carves checked against the model, CPU 0 alone. */
	wl = workload_create("soak-random", WORKLOAD_ANON, 16, 0);
	KTEST_ASSERT_NOT_NULL(t, wl);
	workload_fill_cma(wl, ctx.r[0].cma, 100, SOAK_RANDOM_WL_PAGES * PAGE_SIZE);
	rnd = seed ^ 0x7f4a7c15u;
	for (k = 0; feasible + infeasible < carves; k++) {
		struct soak_region *r = &ctx.r[k % ctx.nr];
		unsigned int slot = soak_rand(&rnd) % SOAK_HELD, align;
		struct soak_buf *b = &r->held[slot];
		unsigned long count;
		bool fits;

		if (b->page && (soak_rand(&rnd) & 1)) {
			releases++;
			if (!KTEST_EXPECT_TRUE(t, soak_release(r, b)))
				bad++;
		}
		if (b->page)
			continue;
		/* Sizes from 1 page to the whole region, mostly small. */
		count = soak_between(&rnd, 1, r->total >> (soak_rand(&rnd) % 12));
		align = soak_rand(&rnd) % (ilog2_u64(r->total) + 3);
		fits = soak_feasible(r, count, align);
		b->page = cma_alloc(r->cma, count, align, CMA_ALLOC_NOWARN);
		if (fits != !!b->page) {
			mismatch++;
			ktest_info(t, "carve %lu: %lu pages aligned to 2^%u from %s: %s, but the model says it %s",
				   k, count, align, cma_get_name(r->cma),
				   b->page ? "succeeded" : "failed", fits ? "fits" : "does not fit");
		}
		if (fits)
			feasible++;
		else
			infeasible++;
		if (b->page) {
			unsigned long pfn = page_to_pfn(b->page);

			b->count = count;
			b->mark = SOAK_MARK ^ k;
			/* Placement: in the region, aligned, on nothing held. */
			b->page = NULL;
			if (!soak_window_free(r, pfn, count) || !IS_ALIGNED(pfn, 1UL << align)) {
				bad++;
				ktest_info(t, "carve %lu: pfn %#lx+%lu misplaced", k, pfn, count);
			}
			b->page = pfn_to_page(pfn);
			soak_stamp(b);
		}
		rcorrupt += workload_verify(wl);
		if (mismatch > 10 || bad > 10 || rcorrupt)
			break;
	}
	for (i = 0; i < ctx.nr; i++)
		for (k = 0; k < SOAK_HELD; k++)
			if (ctx.r[i].held[k].page && !soak_release(&ctx.r[i], &ctx.r[i].held[k]))
				bad++;
	KTEST_EXPECT_EQ(t, mismatch, 0);
	KTEST_EXPECT_EQ(t, rcorrupt, 0);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, workload_verify(wl), 0);
	t2 = arch_clock_ns();
	KTEST_EXPECT_TRUE(t, soak_check_idle(&ctx, t));
	printk("RESULT soak_migrations=%lu soak_rounds=%lu soak_round_carves=%lu soak_busy=%lu corrupt_pages=%lu random_carves=%lu random_feasible=%lu random_infeasible=%lu random_releases=%lu random_mismatch=%lu bad_buffers=%lu cpus=%u migrate_s=%llu random_s=%llu\n",
	       done, rounds, round_carves, busy, corrupt + rcorrupt, feasible + infeasible, feasible,
	       infeasible, releases, mismatch, bad, ctx.nr,
	       (unsigned long long)((t1 - t0) / 1000000000ULL),
	       (unsigned long long)((t2 - t1) / 1000000000ULL));
out:
	cma_unblock(&ctx.blockers);
	workload_destroy(wl);
	for (i = 0; i < ctx.nr; i++)
		workload_destroy(ctx.r[i].wl);
}

static struct ktest_case soak_cases[] = {
	KTEST_CASE(long_soak_loses_no_page_and_carves_exactly_what_fits),
	{}
};

static struct ktest_suite soak_suite = {
	.name = "soak",
	.cases = soak_cases,
};
ktest_register(soak_suite);

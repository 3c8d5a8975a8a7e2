// SPDX-License-Identifier: GPL-2.0-only
/*
 * Benchmarks run from the command line ("bench=<name>").
 *
 * "carve" measures what a device driver pays for a CMA buffer when the
 * region is full of movable pages, against the floor of that work: copying
 * the same bytes with memcpy(). Each round fills the region (the caller
 * names it; from the command line, bench_region=, default "bench") until
 * at least BENCH_FILL_PCT percent of its pages hold workload pages, times
 * cma_alloc() of 4 MiB buffers until 96 MiB (or the caller's smaller
 * "take", e.g. the shell's bench on a small region) are taken, verifies
 * every workload page, releases the buffers and drops the workload. Then
 * it times memcpy() of the total bytes the carves migrated, between cold
 * 4 MiB kernel buffers, and divides by the number of carves: memcpy_ms is
 * the copy time of the bytes one average carve moved, and ratio =
 * carve_median_ms / memcpy_ms. testing.rst explains the line.
 *
 * "smp" measures carving with several CPUs (bench_smp() below):
 *   - parallel regions: three equal regions (par0, par1, par2, e.g. from
 *     "cma=par0=32M;par1=32M;par2=32M"), each filled to BENCH_FILL_PCT
 *     percent with its own workload; one CPU carves PAR_TAKE_PCT percent
 *     of par0 in 4 MiB buffers, alone, and then three CPUs carve the same
 *     from par0, par1 and par2 at once, in alternating rounds. The ratio
 *     parallel time / single time is 1.0 when the carves do not hold each
 *     other up (per-area locks) and 3.0 if they were serialised behind one
 *     lock, as Linux's global cma_mutex once made them. The same with two
 *     regions on two CPUs is reported too.
 *   - writers: the carve rounds above (region bench_region=, default
 *     "bench") once alone and once while every other CPU rewrites and
 *     verifies its own part of the fill - unpinned plain stores where the
 *     MMU allows it (CONFIG_ARCH_HAS_VM_MMU), so carves migrate pages out
 *     from under the writers, who wait on migration entries.
 *
 * Times come from arch_clock_ns() and are printed with integer arithmetic
 * (no floating point in the kernel).
 *
 * The boot action "bench=<name>" and the shell's "bench [region]" (the
 * carve bench on one region) are registered at the end of this file.
 */
#define pr_fmt(fmt) "bench: " fmt

#include <contig/bench.h>
#include <contig/cma.h>
#include <contig/cma_dev.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/init.h>
#include <contig/migrate.h>
#include <contig/params.h>
#include <contig/phase.h>
#include <contig/platform_device.h>
#include <contig/printk.h>
#include <contig/shell.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <contig/workload.h>

#define BENCH_ROUNDS 5
#define BENCH_BUF_BYTES SZ_4M
#define BENCH_TAKE_BYTES (96 * SZ_1M)
#define BENCH_FILL_PCT 90
#define BENCH_BUFS (BENCH_TAKE_BYTES / BENCH_BUF_BYTES) /* at most */
#define BENCH_SAMPLES (BENCH_ROUNDS * BENCH_BUFS)

_Static_assert(BENCH_CARVE_MAX_TAKE == BENCH_TAKE_BYTES, "bench.h and bench.c disagree");
_Static_assert(BENCH_CARVE_BUF_BYTES == BENCH_BUF_BYTES, "bench.h and bench.c disagree");

struct carve_result {
	u64 lat_ns[BENCH_SAMPLES];
	unsigned int nr_lat;
	unsigned long failures;
	unsigned long corrupt;
	unsigned long migrated; /* pages copied by the carves */
	unsigned long discarded;
	unsigned int min_fill_pct;
	const char *phase; /* SAMPLE lines: carve, alone, writers */
};

/**
 * sort_u64 - sort @n values of @v in ascending order (insertion sort: the
 * benchmarks sort a few hundred samples, after the timing)
 * @v: the values
 * @n: how many
 */
void sort_u64(u64 *v, unsigned int n)
{
	unsigned int i, j;

	for (i = 1; i < n; i++) {
		u64 x = v[i];

		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/**
 * bench_bind_device - a benchmark's device on the default CMA area
 * @pdev: a zeroed platform device the caller owns
 * @name: its name
 *
 * What a driver's probe gets through dma_configure() for a platform
 * device without memory-region: bound to the default area, with a 32-bit
 * DMA mask. Undo with cma_dev_unbind().
 *
 * Return: 0, or what cma_dev_bind() or dma_set_mask_and_coherent() returned.
 */
int bench_bind_device(struct platform_device *pdev, const char *name)
{
	struct device *dev = &pdev->dev;
	int ret;

	device_initialize(dev, name);
	dev->bus = &platform_bus_type;
	ret = cma_dev_bind(dev);
	if (!ret)
		ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(32));
	return ret;
}

/*
 * Writers for the "smp" bench: CPUs 1..n-1 each rewrite and verify their
 * own workload, sweep after sweep, until CPU 0's carves are done.
 */
struct bench_writers {
	struct workload *wl[CONFIG_NR_CPUS + 1]; /* [1..nr]; [1] alone on one CPU */
	unsigned int nr;       /* writers (CPUs 1..nr) */
	bool unpinned;
	int stop;
	unsigned long sweeps[CONFIG_NR_CPUS + 1];
	unsigned long corrupt[CONFIG_NR_CPUS + 1];
};

struct writer_round {
	struct cma *cma;
	unsigned int round, nr_take;
	struct carve_result *res;
	struct bench_writers *w;
	int ret;
};

/*
 * Carve @nr_take buffers from @cma into @bufs, counting failed carves in
 * *@failures; when @res is not NULL, the latency of the carve of @bufs[i]
 * goes to @res->lat_ns[@res->nr_lat + i] and a line
 *   SAMPLE bench=PHASE n=N ms=LATENCY migrated=PAGES discarded=PAGES
 * gives it with the pages that carve moved (scripts/bench_plot.py plots
 * them). Return: the buffers carved.
 */
static unsigned int carve_buffers(struct cma *cma, unsigned int nr_take, struct page **bufs,
				  struct carve_result *res, unsigned long *failures)
{
	unsigned long count = BENCH_BUF_BYTES / PAGE_SIZE;
	unsigned int i, nr_bufs = 0;
	struct cma_stats before, after;
	char ms[24];

	for (i = 0; i < nr_take; i++) {
		u64 t0, ns = 0;
		struct page *page;

		if (res)
			cma_get_stats(cma, &before);
		t0 = res ? arch_clock_ns() : 0;
		page = cma_alloc(cma, count, pageblock_order, 0);
		if (res)
			ns = arch_clock_ns() - t0;
		if (!page) {
			(*failures)++;
			continue;
		}
		if (res) {
			cma_get_stats(cma, &after);
			res->lat_ns[res->nr_lat + nr_bufs] = ns;
			printk("SAMPLE bench=%s n=%u ms=%s migrated=%lu discarded=%lu\n", res->phase,
			       res->nr_lat + nr_bufs + 1, fmt_ms(ms, sizeof(ms), ns),
			       after.migrated - before.migrated, after.discarded - before.discarded);
		}
		bufs[nr_bufs++] = page;
	}
	return nr_bufs;
}

/* One round: fill (if @fill; else the caller did), carve @nr_take
 * buffers, verify, release, drop. */
static int carve_round(struct cma *cma, unsigned int round, unsigned int nr_take,
		       struct carve_result *res, bool fill);

static void writer_round_fn(unsigned int index, void *arg)
{
	struct writer_round *wr = arg;
	struct bench_writers *w = wr->w;

	if (index == 0) {
		wr->ret = carve_round(wr->cma, wr->round, wr->nr_take, wr->res, false);
		__atomic_store_n(&w->stop, 1, __ATOMIC_RELEASE);
		return;
	}
	if (index > w->nr)
		return;
	while (!__atomic_load_n(&w->stop, __ATOMIC_ACQUIRE)) {
		workload_touch(w->wl[index]);
		w->corrupt[index] += workload_verify(w->wl[index]);
		w->sweeps[index]++;
	}
}

static int carve_round(struct cma *cma, unsigned int round, unsigned int nr_take,
		       struct carve_result *res, bool fill)
{
	unsigned long count = BENCH_BUF_BYTES / PAGE_SIZE;
	unsigned int i, nr_bufs = 0, pct;
	struct page *bufs[BENCH_BUFS];
	struct cma_stats before, after;
	struct workload *wl = NULL;
	unsigned long bad = 0;
	/* Enough to fill every CMA area and the region itself. */
	u64 cap = (u64)(cma_total_pages() + 2 * (cma_get_size(cma) >> PAGE_SHIFT)) * PAGE_SIZE;

	if (!fill) {
		pct = workload_cma_fill_pct(cma, PGOWNER_ANON);
		goto carve;
	}
	wl = workload_create("bench", WORKLOAD_ANON, 0, 0);
	if (!wl) {
		pr_err("round %u: out of memory for the workload\n", round);
		return -ENOMEM;
	}
	workload_fill_cma(wl, cma, BENCH_FILL_PCT, cap);
	pct = workload_cma_fill_pct(cma, PGOWNER_ANON);
	if (pct < res->min_fill_pct)
		res->min_fill_pct = pct;
	pr_info("round %u: workload of %lu MiB, region %s %u%% full of its pages\n", round,
		workload_nr_pages(wl) * PAGE_SIZE / SZ_1M, cma_get_name(cma), pct);
	if (pct < BENCH_FILL_PCT)
		pr_warn("round %u: region %s is only %u%% full (wanted %u%%): memory or vm window ran out\n",
			round, cma_get_name(cma), pct, BENCH_FILL_PCT);
carve:
	cma_get_stats(cma, &before);
	nr_bufs = carve_buffers(cma, nr_take, bufs, res, &res->failures);
	res->nr_lat += nr_bufs;
	cma_get_stats(cma, &after);
	res->migrated += after.migrated - before.migrated;
	res->discarded += after.discarded - before.discarded;

	if (wl)
		bad = workload_verify(wl);
	res->corrupt += bad;
	for (i = 0; i < nr_bufs; i++) {
		if (!cma_release(cma, bufs[i], count))
			res->failures++;
	}
	workload_destroy(wl);
	pr_info("round %u: %u buffers, %lu pages migrated, %lu corrupt pages\n", round, nr_bufs,
		after.migrated - before.migrated, bad);
	return 0;
}

/*
 * The memcpy reference copies between BENCH_COPY_PAIRS pairs of 4 MiB
 * blocks in turn, 2 x 96 MiB in all: far more than a host's last-level
 * cache, so like migration (whose sources were written long before the
 * carve and whose targets are fresh frames) each copy starts cold. A single
 * warm 4 MiB pair would measure the cache, not memory.
 */
#define BENCH_COPY_PAIRS 24

/*
 * Time memcpy() of @bytes in BENCH_BUF_BYTES pieces, cycling over @pairs
 * block pairs: BENCH_COPY_PAIRS for the cold reference, 1 for a warm one
 * (the same pair over and over, in cache). Return: ns, or 0.
 */
static u64 time_memcpy(u64 bytes, unsigned int pairs)
{
	unsigned int order = ilog2_u64(BENCH_BUF_BYTES / PAGE_SIZE), n = 0, i;
	void *src[BENCH_COPY_PAIRS], *dst[BENCH_COPY_PAIRS];
	u64 t0, t1 = 0, done = 0;

	for (n = 0; n < pairs; n++) {
		src[n] = get_free_pages(GFP_KERNEL, order);
		dst[n] = src[n] ? get_free_pages(GFP_KERNEL, order) : NULL;
		if (!dst[n]) {
			if (src[n])
				free_pages(src[n], order);
			break;
		}
		/* Fault in and dirty both, as the workload's pages are. */
		memset(src[n], 0x5a + n, BENCH_BUF_BYTES);
		memset(dst[n], 0, BENCH_BUF_BYTES);
	}
	if (n < min(pairs, 2u)) {
		pr_err("no memory for the memcpy reference (2 x %u blocks of %lu KiB)\n",
		       pairs, BENCH_BUF_BYTES / SZ_1K);
		goto out;
	}
	if (pairs == 1)
		memcpy(dst[0], src[0], BENCH_BUF_BYTES); /* warm it */
	if (n < pairs)
		pr_warn("memcpy reference uses %u block pairs, not %u: it may run from cache\n",
			n, pairs);
	t0 = arch_clock_ns();
	for (i = 0; done < bytes; i = (i + 1) % n) {
		size_t len = (size_t)min_t(u64, bytes - done, BENCH_BUF_BYTES);

		memcpy(dst[i], src[i], len);
		barrier();
		done += len;
	}
	t1 = arch_clock_ns() - t0;
out:
	for (i = 0; i < n; i++) {
		free_pages(src[i], order);
		free_pages(dst[i], order);
	}
	return t1;
}

static int bench_carve(const char *region, u64 take_bytes)
{
	char a[24], b[24], c[24], d[24], e[24];
	struct carve_result *res;
	struct cma *cma;
	u64 copy_ns, warm_ns, memcpy_ns = 0, warm_memcpy_ns = 0, median;
	u64 ratio_x100 = 0, warm_ratio_x100 = 0;
	unsigned int round, carves, nr_take;
	int ret;

	if (!take_bytes)
		take_bytes = BENCH_TAKE_BYTES;
	if (take_bytes > BENCH_TAKE_BYTES || take_bytes < BENCH_BUF_BYTES ||
	    take_bytes % BENCH_BUF_BYTES) {
		pr_err("carve: cannot take %llu KiB: the bench takes a multiple of %lu MiB up to %lu MiB\n",
		       (unsigned long long)(take_bytes / SZ_1K), BENCH_BUF_BYTES / SZ_1M,
		       BENCH_TAKE_BYTES / SZ_1M);
		return -EINVAL;
	}
	nr_take = (unsigned int)(take_bytes / BENCH_BUF_BYTES);
	cma = cma_find(region);
	if (!cma) {
		pr_err("no CMA region named \"%s\": boot with cma=%s=128M or name an existing region with bench_region=\n",
		       region, region);
		return -ENODEV;
	}
	if (cma_get_size(cma) < take_bytes) {
		pr_err("region %s has %llu MiB; the carve bench takes %llu MiB: make it at least that big\n",
		       region, (unsigned long long)(cma_get_size(cma) / SZ_1M),
		       (unsigned long long)(take_bytes / SZ_1M));
		return -EINVAL;
	}
	res = kzalloc(sizeof(*res), GFP_KERNEL);
	if (!res)
		return -ENOMEM;
	res->min_fill_pct = 100;
	res->phase = "carve";

	pr_info("carve: region %s (%llu MiB), %d rounds of %u x %lu MiB at >= %d%% fill\n",
		region, (unsigned long long)(cma_get_size(cma) / SZ_1M), BENCH_ROUNDS,
		nr_take, BENCH_BUF_BYTES / SZ_1M, BENCH_FILL_PCT);
	for (round = 1; round <= BENCH_ROUNDS; round++) {
		ret = carve_round(cma, round, nr_take, res, true);
		if (ret) {
			kfree(res);
			return ret;
		}
	}

	carves = res->nr_lat;
	if (!carves) {
		pr_err("carve: every cma_alloc() failed (%lu failures)\n", res->failures);
		printk("RESULT carve_median_ms=0 carve_max_ms=0 memcpy_ms=0 ratio=0 failures=%lu corrupt_pages=%lu region_fill_pct=%u\n",
		       res->failures, res->corrupt, res->min_fill_pct);
		kfree(res);
		return 1;
	}
	sort_u64(res->lat_ns, carves);
	median = res->lat_ns[carves / 2];

	copy_ns = time_memcpy((u64)res->migrated * PAGE_SIZE, BENCH_COPY_PAIRS);
	warm_ns = time_memcpy((u64)res->migrated * PAGE_SIZE, 1);
	memcpy_ns = copy_ns / carves;
	warm_memcpy_ns = warm_ns / carves;
	if (memcpy_ns)
		ratio_x100 = median * 100 / memcpy_ns;
	if (warm_memcpy_ns)
		warm_ratio_x100 = median * 100 / warm_memcpy_ns;

	printk("bench: carve latency over %u allocations of %lu MiB: min %s ms, median %s ms, max %s ms\n",
	       carves, BENCH_BUF_BYTES / SZ_1M, fmt_ms(a, sizeof(a), res->lat_ns[0]),
	       fmt_ms(b, sizeof(b), median), fmt_ms(c, sizeof(c), res->lat_ns[carves - 1]));
	printk("bench: pages migrated %lu (%lu MiB), discarded %lu, %lu per carve; memcpy of all of it %s ms cold, %s ms warm\n",
	       res->migrated, res->migrated * PAGE_SIZE / SZ_1M, res->discarded,
	       res->migrated / carves, fmt_ms(d, sizeof(d), copy_ns),
	       fmt_ms(e, sizeof(e), warm_ns));
	printk("bench: failures %lu, corrupt pages %lu, lowest region fill %u%%\n",
	       res->failures, res->corrupt, res->min_fill_pct);
	printk("RESULT carve_median_ms=%s carve_max_ms=%s memcpy_ms=%s ratio=%llu.%02llu failures=%lu corrupt_pages=%lu region_fill_pct=%u memcpy_warm_ms=%s ratio_warm=%llu.%02llu\n",
	       fmt_ms(a, sizeof(a), median), fmt_ms(b, sizeof(b), res->lat_ns[carves - 1]),
	       fmt_ms(c, sizeof(c), memcpy_ns), (unsigned long long)(ratio_x100 / 100),
	       (unsigned long long)(ratio_x100 % 100), res->failures, res->corrupt,
	       res->min_fill_pct, fmt_ms(d, sizeof(d), warm_memcpy_ns),
	       (unsigned long long)(warm_ratio_x100 / 100),
	       (unsigned long long)(warm_ratio_x100 % 100));

	ret = (res->failures || res->corrupt) ? 1 : 0;
	kfree(res);
	return ret;
}

/* ---- smp: several CPUs ------------------------------------------------------ */

#define PAR_REGIONS 3
#define PAR_ROUNDS 3      /* single and parallel rounds each, alternating */
#define PAR_TAKE_PCT 75   /* of each region, in 4 MiB buffers */
#define SMP_ROUNDS 3      /* writer bench: carve rounds alone and with writers */

struct par_region {
	struct cma *cma;
	struct workload *wl;
	struct page *bufs[BENCH_BUFS];
	unsigned int nr_take, nr_bufs;
	unsigned long failures, corrupt;
};

/*
 * Fill the areas @cmas[k] up to @pct[k] percent with the workloads
 * @wls[k], k < @n, one 1 MiB chunk at a time in turn (movable allocations
 * take CMA pageblocks of any area in no particular order, so the areas
 * fill together), and fill nowhere else: every other area is carved whole
 * for the duration and then released. (An area that cannot be carved
 * whole is left alone and may get some of the fill.)
 */
static void fill_only(struct cma *const *cmas, struct workload *const *wls, unsigned int n,
		      const unsigned int *pct)
{
	struct page *blocked[CONFIG_CMA_AREAS] = { NULL };
	u64 cap = 0, added = 0;
	unsigned int i, k;
	bool more = true;

	for (i = 0; i < cma_area_count() && i < CONFIG_CMA_AREAS; i++) {
		struct cma *a = cma_area(i);

		for (k = 0; k < n && cmas[k] != a; k++)
			;
		if (k == n)
			blocked[i] = cma_alloc(a, cma_get_size(a) >> PAGE_SHIFT, 0,
					       CMA_ALLOC_NOWARN);
	}
	for (k = 0; k < n; k++)
		cap += 2 * cma_get_size(cmas[k]);
	while (more && added < cap) {
		more = false;
		for (k = 0; k < n; k++) {
			unsigned long pages;

			if (!wls[k] || workload_cma_fill_pct(cmas[k], PGOWNER_ANON) >= pct[k])
				continue;
			pages = workload_fill_cma(wls[k], cmas[k], pct[k], SZ_1M);
			added += (u64)pages * PAGE_SIZE;
			more |= pages != 0;
		}
	}
	for (i = 0; i < cma_area_count() && i < CONFIG_CMA_AREAS; i++)
		if (blocked[i])
			cma_release(cma_area(i), blocked[i], cma_get_size(cma_area(i)) >> PAGE_SHIFT);
}

/* Time from the earliest of @t0[0..n) to the latest of @t1[0..n); 0 if none. */
static u64 span_ns(const u64 *t0, const u64 *t1, unsigned int n)
{
	u64 start = ~0ULL, end = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		start = min(start, t0[i]);
		end = max(end, t1[i]);
	}
	return end > start ? end - start : 0;
}

struct timed_run {
	void (*fn)(unsigned int index, void *arg);
	void *arg;
	u64 t0[CONFIG_NR_CPUS], t1[CONFIG_NR_CPUS];
};

static void timed_fn(unsigned int index, void *arg)
{
	struct timed_run *t = arg;

	t->t0[index] = arch_clock_ns();
	t->fn(index, t->arg);
	t->t1[index] = arch_clock_ns();
}

/*
 * arch_smp_run(@n, @fn, @arg), each CPU's call timed. Return: the time
 * from the first call's start to the last one's end; *@ran (if not NULL)
 * is how many CPUs ran @fn.
 */
static u64 smp_run_timed(unsigned int n, void (*fn)(unsigned int index, void *arg), void *arg,
			 unsigned int *ran)
{
	struct timed_run t = { .fn = fn, .arg = arg };

	n = arch_smp_run(n, timed_fn, &t);
	if (ran)
		*ran = n;
	return span_ns(t.t0, t.t1, n);
}

static void par_carve(unsigned int index, void *arg)
{
	struct par_region *r = (struct par_region *)arg + index;

	r->nr_bufs = carve_buffers(r->cma, r->nr_take, r->bufs, NULL, &r->failures);
}

/*
 * One round on regions r[0..n): fill each to BENCH_FILL_PCT, carve
 * (@n CPUs at once, or r[0] alone when @n is 1), verify, release.
 * Return: the time from the first carve's start to the last one's end.
 */
static u64 par_round(struct par_region *r, unsigned int n, unsigned long *failures,
		     unsigned long *corrupt)
{
	static const unsigned int pct[PAR_REGIONS] = { BENCH_FILL_PCT, BENCH_FILL_PCT,
						       BENCH_FILL_PCT };
	unsigned long count = BENCH_BUF_BYTES / PAGE_SIZE;
	struct workload *wls[PAR_REGIONS];
	struct cma *cmas[PAR_REGIONS];
	unsigned int i, b, ran;
	u64 span;

	for (i = 0; i < PAR_REGIONS; i++) {
		r[i].wl = workload_create("par", WORKLOAD_ANON, 0, 0);
		r[i].nr_bufs = 0;
		r[i].failures = 0;
		wls[i] = r[i].wl;
		cmas[i] = r[i].cma;
	}
	fill_only(cmas, wls, PAR_REGIONS, pct);
	span = smp_run_timed(n, par_carve, r, &ran);
	if (ran != n)
		pr_err("smp: arch_smp_run() gave fewer than %u CPUs\n", n);
	for (i = 0; i < PAR_REGIONS; i++) {
		*failures += r[i].failures;
		if (r[i].wl)
			*corrupt += workload_verify(r[i].wl);
		for (b = 0; b < r[i].nr_bufs; b++)
			if (!cma_release(r[i].cma, r[i].bufs[b], count))
				(*failures)++;
		workload_destroy(r[i].wl);
		r[i].wl = NULL;
	}
	return span;
}

static u64 median_u64(u64 *v, unsigned int n)
{
	sort_u64(v, n);
	return v[n / 2];
}

/*
 * What the machine gives: the same compute-only loop (no memory, no
 * locks) on one CPU and on @n at once. On dedicated cores the times are
 * equal; under QEMU with more vCPUs than free host cores, or a loaded
 * host, the parallel one is longer, and no kernel code can beat that.
 */
#define SPIN_LOOPS (1UL << 22)

static void spin_fn(unsigned int index, void *arg)
{
	volatile unsigned long x = 0;
	unsigned long i;

	for (i = 0; i < SPIN_LOOPS; i++)
		x += i;
}

static u64 spin_time(unsigned int n)
{
	return smp_run_timed(n, spin_fn, NULL, NULL);
}

/*
 * What the memory gives: migration is mostly copying, and copies on
 * several cores share the memory bus. Each CPU copies its own
 * COPY_PAIRS x 4 MiB block pairs (cold, like time_memcpy()), once alone
 * and then three CPUs at once; on a machine whose bandwidth one core
 * cannot fill the times are equal. The parallel carve cannot beat the
 * larger of this and the compute loop's ratio.
 */
#define COPY_PAIRS 4

struct copy_job {
	void *src[COPY_PAIRS], *dst[COPY_PAIRS];
	unsigned int n;
};

static void copy_fn(unsigned int index, void *arg)
{
	struct copy_job *j = (struct copy_job *)arg + index;
	unsigned int i;

	for (i = 0; i < j->n; i++)
		memcpy(j->dst[i], j->src[i], BENCH_BUF_BYTES);
	barrier();
}

/* Return: ns for @n CPUs copying at once (0 when no memory). */
static u64 copy_time(struct copy_job *jobs, unsigned int n)
{
	return smp_run_timed(n, copy_fn, jobs, NULL);
}

/* Median ratio (x100) of three CPUs copying at once against one; 0 if no memory. */
static u64 copy_ratio_x100(void)
{
	unsigned int order = ilog2_u64(BENCH_BUF_BYTES / PAGE_SIZE), c, i;
	u64 one[PAR_ROUNDS], three[PAR_ROUNDS];
	struct copy_job *jobs;
	bool ok = true;
	u64 r = 0;

	jobs = kzalloc(sizeof(*jobs) * PAR_REGIONS, GFP_KERNEL);
	if (!jobs)
		return 0;
	for (c = 0; c < PAR_REGIONS && ok; c++) {
		for (i = 0; i < COPY_PAIRS; i++) {
			jobs[c].src[i] = get_free_pages(GFP_KERNEL, order);
			jobs[c].dst[i] = get_free_pages(GFP_KERNEL, order);
			if (!jobs[c].src[i] || !jobs[c].dst[i]) {
				ok = false;
				break;
			}
			memset(jobs[c].src[i], 0x3c + c, BENCH_BUF_BYTES);
			memset(jobs[c].dst[i], 0, BENCH_BUF_BYTES);
			jobs[c].n = i + 1;
		}
	}
	if (!ok) {
		pr_warn("smp: no memory for the parallel copy reference (%u x %u x 2 x %lu MiB)\n",
			PAR_REGIONS, COPY_PAIRS, BENCH_BUF_BYTES / SZ_1M);
	} else if (arch_nr_cpus() >= PAR_REGIONS) {
		for (i = 0; i < PAR_ROUNDS; i++) {
			one[i] = copy_time(jobs, 1);
			three[i] = copy_time(jobs, PAR_REGIONS);
		}
		r = median_u64(three, PAR_ROUNDS) * 100 / max(median_u64(one, PAR_ROUNDS), 1ULL);
	}
	for (c = 0; c < PAR_REGIONS; c++) {
		for (i = 0; i < COPY_PAIRS; i++) {
			if (jobs[c].src[i])
				free_pages(jobs[c].src[i], order);
			if (jobs[c].dst[i])
				free_pages(jobs[c].dst[i], order);
		}
	}
	kfree(jobs);
	return r;
}

/* Three regions on three CPUs (and two on two) against one alone. */
static int bench_parallel(unsigned long *failures, unsigned long *corrupt,
			  u64 *single_ns, u64 *par3_ns, u64 *par2_ns, u64 *spin1_ns, u64 *spin3_ns)
{
	static const char *const names[PAR_REGIONS] = { "par0", "par1", "par2" };
	u64 single[2 * PAR_ROUNDS], three[PAR_ROUNDS], two[PAR_ROUNDS];
	u64 spin1[PAR_ROUNDS], spin3[PAR_ROUNDS];
	struct par_region *r;
	unsigned int i, round, ns = 0, n3 = 0, n2 = 0;

	r = kzalloc(sizeof(*r) * PAR_REGIONS, GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	for (i = 0; i < PAR_REGIONS; i++) {
		r[i].cma = cma_find(names[i]);
		if (!r[i].cma || cma_get_size(r[i].cma) != cma_get_size(r[0].cma) ||
		    cma_get_size(r[i].cma) < 2 * BENCH_BUF_BYTES) {
			pr_err("smp: needs three equal regions par0, par1, par2 of at least %lu MiB: "
			       "boot with cma=par0=32M;par1=32M;par2=32M\n",
			       2 * BENCH_BUF_BYTES / SZ_1M);
			kfree(r);
			return -ENODEV;
		}
		r[i].nr_take = (unsigned int)(cma_get_size(r[i].cma) * PAR_TAKE_PCT / 100 /
					      BENCH_BUF_BYTES);
	}
	pr_info("smp: parallel regions: %u x %llu MiB, %u x %lu MiB carved from each, %d rounds\n",
		PAR_REGIONS, (unsigned long long)(cma_get_size(r[0].cma) / SZ_1M), r[0].nr_take,
		BENCH_BUF_BYTES / SZ_1M, PAR_ROUNDS);
	for (round = 0; round < PAR_ROUNDS; round++) {
		spin1[round] = spin_time(1);
		spin3[round] = spin_time(3);
		single[ns++] = par_round(r, 1, failures, corrupt);
		if (arch_nr_cpus() >= 3)
			three[n3++] = par_round(r, 3, failures, corrupt);
		single[ns++] = par_round(r, 1, failures, corrupt);
		if (arch_nr_cpus() >= 2)
			two[n2++] = par_round(r, 2, failures, corrupt);
	}
	*single_ns = median_u64(single, ns);
	*par3_ns = n3 ? median_u64(three, n3) : 0;
	*par2_ns = n2 ? median_u64(two, n2) : 0;
	*spin1_ns = median_u64(spin1, PAR_ROUNDS);
	*spin3_ns = median_u64(spin3, PAR_ROUNDS);
	kfree(r);
	return 0;
}

/*
 * The carve rounds of bench_carve() on @cma, alone and then with writers
 * on the other CPUs. Return: 0, or a negative errno.
 */
static int bench_writers(struct cma *cma, u64 *alone_ns, u64 *with_ns,
			 unsigned long *failures, unsigned long *corrupt,
			 unsigned long *sweeps, unsigned long *waits, bool *unpinned)
{
	unsigned int nr_take = BENCH_TAKE_BYTES / BENCH_BUF_BYTES, round, i;
	struct carve_result *alone, *with;
	struct bench_writers *w;
	int ret = 0;

	if (cma_get_size(cma) < BENCH_TAKE_BYTES)
		nr_take = (unsigned int)(cma_get_size(cma) * PAR_TAKE_PCT / 100 / BENCH_BUF_BYTES);
	alone = kzalloc(sizeof(*alone), GFP_KERNEL);
	with = kzalloc(sizeof(*with), GFP_KERNEL);
	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!alone || !with || !w) {
		ret = -ENOMEM;
		goto out;
	}
	alone->min_fill_pct = with->min_fill_pct = 100;
	alone->phase = "alone";
	with->phase = "writers";
	w->nr = arch_nr_cpus() - 1;
	pr_info("smp: writers: region %s, %u x %lu MiB per round, %d rounds alone and with %u "
		"writer CPU(s)\n", cma_get_name(cma), nr_take, BENCH_BUF_BYTES / SZ_1M, SMP_ROUNDS,
		w->nr);
	*waits = vm_migration_waits();
	/* Each round twice, with the same fill: writers idle, then writing. */
	for (round = 1; round <= 2 * SMP_ROUNDS; round++) {
		struct writer_round wr = { .cma = cma, .round = round, .nr_take = nr_take,
					   .res = round & 1 ? alone : with, .w = w };
		struct cma *cmas[CONFIG_NR_CPUS];
		unsigned int pct[CONFIG_NR_CPUS];

		/* The fill, split among the writers. */
		for (i = 1; i <= max(w->nr, 1U); i++) {
			w->wl[i] = workload_create("writer", WORKLOAD_ANON, 0, 0);
			if (!w->wl[i]) {
				ret = -ENOMEM;
				goto out_wl;
			}
			w->unpinned = !workload_set_unpinned(w->wl[i], true);
			cmas[i - 1] = cma;
			pct[i - 1] = BENCH_FILL_PCT;
		}
		fill_only(cmas, w->wl + 1, max(w->nr, 1U), pct);
		w->stop = 0;
		if (w->nr && !(round & 1)) {
			arch_smp_run(w->nr + 1, writer_round_fn, &wr);
			ret = wr.ret;
		} else {
			ret = carve_round(cma, round, nr_take, wr.res, false);
		}
out_wl:
		for (i = 1; i <= max(w->nr, 1U); i++) {
			if (w->wl[i])
				w->corrupt[i] += workload_verify(w->wl[i]);
			workload_destroy(w->wl[i]);
			w->wl[i] = NULL;
		}
		if (ret)
			goto out;
	}
	*waits = vm_migration_waits() - *waits;
	*alone_ns = alone->nr_lat ? median_u64(alone->lat_ns, alone->nr_lat) : 0;
	*with_ns = with->nr_lat ? median_u64(with->lat_ns, with->nr_lat) : 0;
	*failures += alone->failures + with->failures;
	*corrupt += alone->corrupt + with->corrupt;
	*unpinned = w->unpinned;
	for (i = 1; i <= w->nr; i++) {
		*corrupt += w->corrupt[i];
		*sweeps += w->sweeps[i];
	}
out:
	kfree(alone);
	kfree(with);
	kfree(w);
	return ret;
}

/* x100 fixed point of @a / @b, "1.23". */
static const char *fmt_ratio(char *buf, size_t size, u64 a, u64 b)
{
	u64 r = b ? a * 100 / b : 0;

	snprintf(buf, size, "%llu.%02llu", (unsigned long long)(r / 100),
		 (unsigned long long)(r % 100));
	return buf;
}

static int bench_smp(const char *region)
{
	char a[24], b[24], c[24], d[24], e[24], f[24], g[24], h[24], k[24], m[24];
	u64 single = 0, par3 = 0, par2 = 0, alone = 0, with = 0, spin1 = 0, spin3 = 0, copy3;
	unsigned long failures = 0, corrupt = 0, sweeps = 0, waits = 0;
	struct cma *cma = cma_find(region);
	bool unpinned = false;
	int ret;

	if (!cma) {
		pr_err("no CMA region named \"%s\": boot with cma=%s=128M or name an existing "
		       "region with bench_region=\n", region, region);
		return -ENODEV;
	}
	if (arch_nr_cpus() < 2)
		pr_warn("smp: only one CPU: the parallel and writer figures need more "
			"(QEMU -smp 4, host --cpus 3)\n");
	ret = bench_parallel(&failures, &corrupt, &single, &par3, &par2, &spin1, &spin3);
	copy3 = copy_ratio_x100();
	if (!ret)
		ret = bench_writers(cma, &alone, &with, &failures, &corrupt, &sweeps, &waits,
				    &unpinned);
	if (ret)
		return ret;
	printk("bench: %u CPUs: one region alone %s ms, three at once on three CPUs %s ms, two "
	       "on two %s ms (medians of %d rounds)\n", arch_nr_cpus(),
	       fmt_ms(a, sizeof(a), single), fmt_ms(b, sizeof(b), par3),
	       fmt_ms(c, sizeof(c), par2), PAR_ROUNDS);
	printk("bench: carve median %s ms alone, %s ms with %u %s writer CPU(s) (%lu sweeps, "
	       "%lu waits on migration entries)\n", fmt_ms(d, sizeof(d), alone),
	       fmt_ms(e, sizeof(e), with), arch_nr_cpus() - 1, unpinned ? "unpinned" : "pinning",
	       sweeps, waits);
	printk("bench: a compute-only loop takes %s times as long on three CPUs at once as on one: "
	       "what the machine gives (1.00 on dedicated cores)\n",
	       fmt_ratio(k, sizeof(k), spin3, spin1));
	printk("bench: three CPUs copying 4 MiB blocks at once take %s times as long as one: what "
	       "the memory gives\n", fmt_ratio(m, sizeof(m), copy3, 100));
	printk("RESULT parallel_3_regions_ratio=%s parallel_2_regions_ratio=%s single_region_ms=%s "
	       "three_regions_ms=%s cpu_3_ratio=%s copy_3_ratio=%s carve_alone_median_ms=%s "
	       "carve_with_writers_median_ms=%s writers_ratio=%s writer_sweeps=%lu writer_waits=%lu "
	       "failures=%lu corrupt_pages=%lu cpus=%u\n", fmt_ratio(f, sizeof(f), par3, single),
	       fmt_ratio(g, sizeof(g), par2, single), a, b, k, m, d, e,
	       fmt_ratio(h, sizeof(h), with, alone), sweeps, waits, failures, corrupt,
	       arch_nr_cpus());
	return (failures || corrupt) ? 1 : 0;
}

/* ---- coherent: dma_alloc_coherent() under pressure ------------------------- */

/*
 * The workload of issue 11, Linux's own measured the same way: a 384 MiB
 * movable workload that stays resident, then COH_ROUNDS rounds of
 * COH_TAKE x dma_alloc_coherent(4 MiB) on a platform device without
 * memory-region (so the default area), all freed after each round; then
 * the exhausted phase (coherent_exhaust(): COH_FAIL_TAKE attempts once the
 * memory left cannot hold what a carve must move, the coherent_fail_*
 * keys), then the workload verified. Each attempt is timed whole (carve,
 * migration, zeroing, remap) and split into phases (contig/phase.h). The
 * floor is measured in the same run: the kernel's own page zeroing and
 * copying routines (arch_zero_pages(), arch_copy_pages()) on the same
 * bytes - the buffer zeroed, and the pages the carve migrated copied.
 */
#define COH_ROUNDS 5
#define COH_TAKE 24
#define COH_ATTEMPTS (COH_ROUNDS * COH_TAKE)
#define COH_WORKLOAD_BYTES (384ULL << 20)
#define COH_MIG_PAGES 1000 /* a "migrating" carve moved at least this many */
#define COH_FLOOR_RUNS 5
#define COH_FAIL_TAKE 24 /* attempts of the exhausted phase */
#define COH_BUF_PAGES (BENCH_BUF_BYTES / PAGE_SIZE)

struct coh_sample {
	u64 ns;
	unsigned long migrated;
	u64 phase[NR_MM_PHASES];
	bool ok;
};

struct coh_state {
	struct coh_sample s[COH_ATTEMPTS];
	u64 release_ns[COH_ATTEMPTS];
	unsigned int nr_release;
	u64 zero_floor_ns, copy_floor_ns; /* 4 MiB zeroed; 1024 pages copied */
	u64 copy_clear_floor_ns;          /* 1024 pages copied and cleared at once */
	struct coh_sample fail[COH_FAIL_TAKE]; /* the exhausted phase */
	u64 tmp[COH_ATTEMPTS];
	void *objs[256 + 64]; /* the after-carve kmallocs */
};

/* The kernel's own routines on 4 MiB: zeroing it, and copying its 1024 pages. */
static int coherent_floor(struct coh_state *st)
{
	unsigned int order = ilog2_u64(BENCH_BUF_BYTES / PAGE_SIZE);
	char *a = get_free_pages(GFP_KERNEL, order);
	char *b = a ? get_free_pages(GFP_KERNEL, order) : NULL;
	unsigned int i;
	u64 t0;

	if (!b) {
		if (a)
			free_pages(a, order);
		pr_err("coherent: no memory for the floor (2 x %lu MiB)\n",
		       BENCH_BUF_BYTES / SZ_1M);
		return -ENOMEM;
	}
	memset(a, 0x5a, BENCH_BUF_BYTES); /* dirty, like the workload's pages */
	memset(b, 0xa5, BENCH_BUF_BYTES);
	/* The fastest of a few runs: a loaded host's preemption is no floor. */
	st->zero_floor_ns = st->copy_floor_ns = st->copy_clear_floor_ns = ~0ULL;
	for (i = 0; i < COH_FLOOR_RUNS; i++) {
		t0 = arch_clock_ns();
		arch_zero_pages(b, BENCH_BUF_BYTES);
		st->zero_floor_ns = min(st->zero_floor_ns, arch_clock_ns() - t0);
		/* One call, as a migration run copies frames that follow each other. */
		t0 = arch_clock_ns();
		arch_copy_pages(b, a, BENCH_BUF_BYTES);
		st->copy_floor_ns = min(st->copy_floor_ns, arch_clock_ns() - t0);
		/* What a zeroed carve's run does instead: copy, leaving @a zeroed. */
		t0 = arch_clock_ns();
		arch_copy_clear_pages(b, a, BENCH_BUF_BYTES);
		st->copy_clear_floor_ns = min(st->copy_clear_floor_ns, arch_clock_ns() - t0);
		memset(a, 0x5a, BENCH_BUF_BYTES);
	}
	free_pages(a, order);
	free_pages(b, order);
	return 0;
}

/* Whether the buffer at @va (BENCH_BUF_BYTES) holds anything but zeroes. */
static bool coherent_buf_dirty(const void *va)
{
	const u64 *w = va, *end = w + BENCH_BUF_BYTES / sizeof(u64);

	for (; w < end; w++)
		if (*w)
			return true;
	return false;
}

/* The floor of a carve that migrated @migrated pages, in ns. */
static u64 coherent_floor_ns(const struct coh_state *st, unsigned long migrated)
{
	return st->zero_floor_ns +
	       st->copy_floor_ns * migrated / (BENCH_BUF_BYTES / PAGE_SIZE);
}

/*
 * The same with the fused routine a zeroed carve copies with: the migrated
 * pages copied and cleared at once, the others zeroed.
 */
static u64 coherent_floor_fused_ns(const struct coh_state *st, unsigned long migrated)
{
	unsigned long pages = BENCH_BUF_BYTES / PAGE_SIZE;

	migrated = min(migrated, pages);
	return st->copy_clear_floor_ns * migrated / pages +
	       st->zero_floor_ns * (pages - migrated) / pages;
}

/*
 * Unmovable allocations after a carve: small kmalloc objects (new slab
 * pages among them) and pages of order 0 to 3, all freed again.
 * Return: true when every one succeeded.
 */
static bool coherent_unmovable_ok(struct coh_state *st, const char *when)
{
	void **objs = st->objs;
	struct page *pages[4][4];
	unsigned int i, o, n = 0, bad = 0;

	for (i = 0; i < 256; i++)
		if ((objs[n] = kmalloc(32, GFP_KERNEL | __GFP_NOWARN)) != NULL)
			n++;
		else
			bad++;
	for (i = 0; i < 64; i++)
		if ((objs[n] = kmalloc(512, GFP_KERNEL | __GFP_NOWARN)) != NULL)
			n++;
		else
			bad++;
	for (o = 0; o < 4; o++)
		for (i = 0; i < 4; i++) {
			pages[o][i] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, o);
			bad += !pages[o][i];
		}
	for (o = 0; o < 4; o++)
		for (i = 0; i < 4; i++)
			if (pages[o][i])
				__free_pages(pages[o][i], o);
	while (n)
		kfree(objs[--n]);
	if (bad)
		pr_warn("coherent: %s: %u of 320 small kmallocs and 16 pages of order 0-3 failed after the carve\n",
			when, bad);
	return !bad;
}

/* min, median and max of some latencies, in ns */
struct coh_mmm {
	u64 min, med, max;
	unsigned int n;
};

/* The min, median and max of @v[0..@n) (sorted in place); all 0 when @n is 0. */
static struct coh_mmm coh_mmm_of(u64 *v, unsigned int n)
{
	struct coh_mmm r = { .n = n };

	if (n) {
		sort_u64(v, n);
		r.min = v[0];
		r.med = v[n / 2];
		r.max = v[n - 1];
	}
	return r;
}

/* @m as "min/median/max" ms, or "-" when empty. */
static const char *fmt_mmm(char *buf, size_t size, const struct coh_mmm *m)
{
	char a[24], b[24], c[24];

	if (!m->n)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%s/%s/%s", fmt_ms(a, sizeof(a), m->min),
			 fmt_ms(b, sizeof(b), m->med), fmt_ms(c, sizeof(c), m->max));
	return buf;
}

/* The attempts of class @cls (0: nothing migrated, 1: >= COH_MIG_PAGES,
 * 2: failed) into st->tmp. Return: how many. */
static unsigned int coherent_class(struct coh_state *st, int cls)
{
	unsigned int i, n = 0;

	for (i = 0; i < COH_ATTEMPTS; i++) {
		const struct coh_sample *x = &st->s[i];

		if ((cls == 0 && x->ok && !x->migrated) ||
		    (cls == 1 && x->ok && x->migrated >= COH_MIG_PAGES) || (cls == 2 && !x->ok))
			st->tmp[n++] = x->ns;
	}
	return n;
}

/* The sample of class @cls whose latency is its median, or NULL. */
static const struct coh_sample *coherent_median_sample(struct coh_state *st, int cls)
{
	unsigned int n = coherent_class(st, cls), i;
	u64 med;

	if (!n)
		return NULL;
	sort_u64(st->tmp, n);
	med = st->tmp[n / 2];
	for (i = 0; i < COH_ATTEMPTS; i++) {
		const struct coh_sample *x = &st->s[i];

		if (x->ns == med && ((cls == 0 && x->ok && !x->migrated) ||
				     (cls == 1 && x->ok && x->migrated >= COH_MIG_PAGES)))
			return x;
	}
	return NULL;
}

static void coherent_print_split(const char *what, const struct coh_sample *x,
				 const struct coh_state *st)
{
	char t[24], f[24], p[NR_MM_PHASES][24], book[24], remap[24], other[24];
	u64 known = x->phase[PHASE_ISOLATE] + x->phase[PHASE_MIGRATE] + x->phase[PHASE_ZERO] +
		    x->phase[PHASE_LINEAR_ATTR];
	unsigned int i;

	for (i = 0; i < NR_MM_PHASES; i++)
		fmt_ms(p[i], sizeof(p[i]), x->phase[i]);
	printk("bench: coherent %s median carve %s ms (%lu pages migrated): isolate %s, migrate %s "
	       "(copy %s, bookkeeping %s), zero %s, linear map %s (cache maintenance %s, remap "
	       "and TLB %s), other %s ms; floor %s ms\n", what, fmt_ms(t, sizeof(t), x->ns),
	       x->migrated, p[PHASE_ISOLATE], p[PHASE_MIGRATE], p[PHASE_COPY],
	       fmt_ms(book, sizeof(book), x->phase[PHASE_MIGRATE] - x->phase[PHASE_COPY]),
	       p[PHASE_ZERO], p[PHASE_LINEAR_ATTR], p[PHASE_CACHE],
	       fmt_ms(remap, sizeof(remap), x->phase[PHASE_LINEAR_ATTR] - x->phase[PHASE_CACHE]),
	       fmt_ms(other, sizeof(other), x->ns > known ? x->ns - known : 0),
	       fmt_ms(f, sizeof(f), coherent_floor_ns(st, x->migrated)));
}

/*
 * The exhausted phase, after the rounds: the "failed attempt
 * (memory exhausted)". A second movable workload grows, 1 MiB at a time,
 * until the free memory migration targets may take (non-CMA above the
 * min reserve, plus free CMA; nr_free_target_pages()) is less than the
 * COH_BUF_PAGES frames a 4 MiB carve of in-use pages needs. Then no window
 * of the area can be carved: a window holding w free pages needs
 * COH_BUF_PAGES - w targets, and only the targets minus those w are
 * outside it. Movable allocations never take the reserve, so it stays the
 * kernel's. COH_FAIL_TAKE x dma_alloc_coherent(4 MiB), each timed, with
 * __GFP_NOWARN; then one more, untimed and not quiet, shows the kernel's
 * message once. The extra workload is verified and dropped by the caller.
 * Return: the extra workload (NULL when none could be created).
 */
static struct workload *coherent_exhaust(struct coh_state *st, struct device *dev,
					 struct cma *cma, unsigned int *nr_fail)
{
	unsigned long noncma, cma_free, added = 0;
	struct workload *wl;
	dma_addr_t handle;
	unsigned int i;
	char e[24], msg[512];
	size_t len;
	void *va;

	*nr_fail = 0;
	wl = workload_create("exhausted", WORKLOAD_ANON, 0, 0);
	if (!wl) {
		pr_warn("coherent: exhausted phase skipped: no memory for a second workload\n");
		return NULL;
	}
	for (;;) {
		unsigned long got;

		nr_free_target_pages(&noncma, &cma_free);
		if (noncma + cma_free < COH_BUF_PAGES)
			break;
		got = workload_fill_bytes(wl, SZ_1M);
		added += got;
		if (got < SZ_1M / PAGE_SIZE)
			break; /* memory ran out before the targets did */
	}
	nr_free_target_pages(&noncma, &cma_free);
	/* Free non-CMA memory above the reserve means the reserve is whole. */
	pr_info("coherent: exhausted phase: workload grown by %lu MiB; free for migration targets: %lu kB outside CMA above the min reserve (min_free_kbytes=%lu, %s) and %lu kB of CMA, %s the %lu kB a carve of 4 MiB of in-use pages needs\n",
		added * PAGE_SIZE / SZ_1M, noncma * (PAGE_SIZE / 1024), min_free_kbytes,
		noncma ? "intact" : "at or below it", cma_free * (PAGE_SIZE / 1024),
		noncma + cma_free < COH_BUF_PAGES ? "less than" : "NOT less than",
		COH_BUF_PAGES * (PAGE_SIZE / 1024));

	phase_accounting(true);
	for (i = 0; i < COH_FAIL_TAKE; i++) {
		struct coh_sample *x = &st->fail[i];
		struct cma_stats before, after;
		u64 ph0[NR_MM_PHASES], ph1[NR_MM_PHASES], t0;
		unsigned int p;

		cma_get_stats(cma, &before);
		phase_snapshot(ph0);
		t0 = arch_clock_ns();
		va = dma_alloc_coherent(dev, BENCH_BUF_BYTES, &handle, GFP_KERNEL | __GFP_NOWARN);
		x->ns = arch_clock_ns() - t0;
		phase_snapshot(ph1);
		cma_get_stats(cma, &after);
		x->ok = va != NULL;
		x->migrated = after.migrated - before.migrated;
		for (p = 0; p < NR_MM_PHASES; p++)
			x->phase[p] = ph1[p] - ph0[p];
		if (va) /* memory was not exhausted after all: give it back */
			dma_free_coherent(dev, BENCH_BUF_BYTES, va, handle);
		else
			(*nr_fail)++;
	}
	phase_accounting(false);
	for (i = 0; i < COH_FAIL_TAKE; i++) {
		const struct coh_sample *x = &st->fail[i];

		printk("bench: coherent exhausted attempt %2u: %s %s ms, %lu pages migrated\n", i + 1,
		       x->ok ? "ok (not exhausted)" : "failed", fmt_ms(e, sizeof(e), x->ns),
		       x->migrated);
	}
	/* Captured to repeat it on a bench: line, which scripts/bench.sh shows. */
	printk_capture_begin(msg, sizeof(msg));
	va = dma_alloc_coherent(dev, BENCH_BUF_BYTES, &handle, GFP_KERNEL);
	len = printk_capture_end();
	if (va)
		dma_free_coherent(dev, BENCH_BUF_BYTES, va, handle);
	while (len && msg[len - 1] == '\n')
		msg[--len] = '\0';
	pr_info("coherent: exhausted phase: one more attempt, untimed, not quiet: %s\n",
		len ? msg : (va ? "it succeeded" : "no message"));
	return wl;
}

static int bench_coherent(void)
{
	char a[48], b[48], c[48], d[48], e[24], f[24], g[24], h[24], k[24];
	u64 ph0[NR_MM_PHASES], ph1[NR_MM_PHASES], rel_phase[NR_MM_PHASES] = { 0 };
	u64 rel_cache = 0, rel_attr = 0, rel_free = 0, mig_ratio_x100 = 0, fused_x100 = 0;
	unsigned long corrupt = 0, migrated_total = 0;
	unsigned int round, i, n, p, ok = 0, unmovable_ok = 1, pct, dirty = 0;
	unsigned int exh_attempts = 0, exh_failed = 0;
	struct coh_mmm nomig, mig, fail, rel, exh;
	struct workload *wl_extra;
	struct platform_device *pdev;
	const struct coh_sample *med;
	struct coh_state *st;
	struct workload *wl;
	struct device *dev;
	struct cma *cma = cma_default_area();
	int ret = 0;

	if (!cma) {
		pr_err("coherent: no default CMA area: boot with a linux,cma-default region or cma=128M\n");
		return -ENODEV;
	}
	st = kzalloc(sizeof(*st), GFP_KERNEL);
	pdev = kzalloc(sizeof(*pdev), GFP_KERNEL);
	if (!st || !pdev) {
		kfree(st);
		kfree(pdev);
		return -ENOMEM;
	}
	dev = &pdev->dev;
	ret = bench_bind_device(pdev, "coherent-bench");
	if (!ret)
		ret = coherent_floor(st);
	if (ret)
		goto out;

	wl = workload_create("coherent", WORKLOAD_ANON, 0, 0);
	if (!wl) {
		ret = -ENOMEM;
		goto out_unbind;
	}
	workload_fill_bytes(wl, COH_WORKLOAD_BYTES);
	pct = workload_cma_fill_pct(cma, PGOWNER_ANON);
	pr_info("coherent: default area %s (%llu MiB), workload %lu MiB resident (%u%% of the area holds it), %d rounds of %d x dma_alloc_coherent(%lu MiB)\n",
		cma_get_name(cma), (unsigned long long)(cma_get_size(cma) / SZ_1M),
		workload_nr_pages(wl) * PAGE_SIZE / SZ_1M, pct, COH_ROUNDS, COH_TAKE,
		BENCH_BUF_BYTES / SZ_1M);

	phase_accounting(true);
	for (round = 1; round <= COH_ROUNDS; round++) {
		void *va[COH_TAKE];
		dma_addr_t handle[COH_TAKE];
		struct cma_stats before, after;

		for (i = 0; i < COH_TAKE; i++) {
			struct coh_sample *x = &st->s[(round - 1) * COH_TAKE + i];
			u64 t0;

			cma_get_stats(cma, &before);
			phase_snapshot(ph0);
			t0 = arch_clock_ns();
			va[i] = dma_alloc_coherent(dev, BENCH_BUF_BYTES, &handle[i],
						   GFP_KERNEL | __GFP_NOWARN);
			x->ns = arch_clock_ns() - t0;
			phase_snapshot(ph1);
			cma_get_stats(cma, &after);
			x->ok = va[i] != NULL;
			x->migrated = after.migrated - before.migrated;
			/* Untimed: dma_alloc_coherent() hands out zeroed memory. */
			if (va[i] && coherent_buf_dirty(va[i]))
				dirty++;
			migrated_total += x->migrated;
			for (p = 0; p < NR_MM_PHASES; p++)
				x->phase[p] = ph1[p] - ph0[p];
			ok += x->ok;
		}
		phase_accounting(false);
		snprintf(e, sizeof(e), "round %u", round);
		if (!coherent_unmovable_ok(st, e))
			unmovable_ok = 0;
		for (i = 0; i < COH_TAKE; i++) {
			const struct coh_sample *x = &st->s[(round - 1) * COH_TAKE + i];

			printk("bench: coherent round %u attempt %2u: %s %s ms, %lu pages migrated\n",
			       round, i + 1, x->ok ? "ok    " : "FAILED", fmt_ms(e, sizeof(e), x->ns),
			       x->migrated);
		}
		phase_accounting(true);
		for (i = 0; i < COH_TAKE; i++) {
			u64 t0;

			if (!va[i])
				continue;
			phase_snapshot(ph0);
			t0 = arch_clock_ns();
			dma_free_coherent(dev, BENCH_BUF_BYTES, va[i], handle[i]);
			st->release_ns[st->nr_release++] = arch_clock_ns() - t0;
			phase_snapshot(ph1);
			for (p = 0; p < NR_MM_PHASES; p++)
				rel_phase[p] += ph1[p] - ph0[p];
		}
	}
	phase_accounting(false);
	wl_extra = coherent_exhaust(st, dev, cma, &exh_failed);
	if (wl_extra) {
		exh_attempts = COH_FAIL_TAKE;
		corrupt = workload_verify(wl_extra);
		workload_destroy(wl_extra);
		if (!coherent_unmovable_ok(st, "exhausted phase"))
			unmovable_ok = 0;
	}
	corrupt += workload_verify(wl);
	workload_destroy(wl);
	for (i = 0, n = 0; i < exh_attempts; i++)
		if (!st->fail[i].ok)
			st->tmp[n++] = st->fail[i].ns;
	exh = coh_mmm_of(st->tmp, n);

	nomig = coh_mmm_of(st->tmp, coherent_class(st, 0));
	mig = coh_mmm_of(st->tmp, coherent_class(st, 1));
	fail = coh_mmm_of(st->tmp, coherent_class(st, 2));
	memcpy(st->tmp, st->release_ns, sizeof(u64) * st->nr_release);
	rel = coh_mmm_of(st->tmp, st->nr_release);
	if (st->nr_release) {
		rel_attr = rel_phase[PHASE_LINEAR_ATTR] / st->nr_release;
		rel_cache = rel_phase[PHASE_CACHE] / st->nr_release;
		rel_free = rel_phase[PHASE_RELEASE] / st->nr_release;
	}
	printk("bench: coherent: %d rounds: %u of %u attempts succeeded; latency min/median/max: nothing migrated (%u) %s ms, >= %d pages migrated (%u) %s ms, failed (%u) %s ms\n",
	       COH_ROUNDS, ok, COH_ATTEMPTS, nomig.n, fmt_mmm(a, sizeof(a), &nomig), COH_MIG_PAGES,
	       mig.n, fmt_mmm(b, sizeof(b), &mig), fail.n, fmt_mmm(c, sizeof(c), &fail));
	printk("bench: coherent: exhausted phase: %u of %u attempts failed; their latency min/median/max %s ms (the coherent_fail_* keys)\n",
	       exh_failed, exh_attempts, fmt_mmm(a, sizeof(a), &exh));
	printk("bench: coherent: release min/median/max %s ms (mean: linear map %s ms of which cache maintenance %s ms, pages back %s ms)\n",
	       fmt_mmm(d, sizeof(d), &rel), fmt_ms(e, sizeof(e), rel_attr),
	       fmt_ms(f, sizeof(f), rel_cache), fmt_ms(g, sizeof(g), rel_free));
	printk("bench: coherent: floor: zeroing 4 MiB %s ms, copying 1024 pages %s ms (the kernel's own routines; copying and clearing them at once %s ms); %lu pages migrated in all; workload %lu corrupt pages; %u buffers not zeroed; unmovable allocations after the carves %s\n",
	       fmt_ms(h, sizeof(h), st->zero_floor_ns), fmt_ms(k, sizeof(k), st->copy_floor_ns),
	       fmt_ms(g, sizeof(g), st->copy_clear_floor_ns), migrated_total, corrupt, dirty,
	       unmovable_ok ? "succeed" : "FAIL");
	med = coherent_median_sample(st, 0);
	if (med)
		coherent_print_split("nothing-migrated", med, st);
	med = coherent_median_sample(st, 1);
	if (med) {
		coherent_print_split("migrating", med, st);
		mig_ratio_x100 = med->ns * 100 / max(coherent_floor_ns(st, med->migrated), 1ULL);
		fused_x100 = med->ns * 100 / max(coherent_floor_fused_ns(st, med->migrated), 1ULL);
	}
	/* Two calls (one line): more than printk()'s 512-byte buffer in one. */
	/* No failed attempt: "na", not a latency of 0. */
	if (exh.n) {
		fmt_ms(c, sizeof(c), exh.med);
		fmt_ms(d, sizeof(d), exh.max);
	} else {
		snprintf(c, sizeof(c), "na");
		snprintf(d, sizeof(d), "na");
	}
	printk("RESULT coherent_nomig_median_ms=%s coherent_mig_median_ms=%s coherent_fail_median_ms=%s coherent_fail_max_ms=%s coherent_fail_attempts=%u coherent_release_median_ms=%s coherent_ok=%u coherent_attempts=%u corrupt_pages=%lu after_carve_unmovable_ok=%u floor_ratio=%llu.%02llu",
	       fmt_ms(a, sizeof(a), nomig.med), fmt_ms(b, sizeof(b), mig.med), c, d,
	       exh_attempts, fmt_ms(e, sizeof(e), rel.med), ok, COH_ATTEMPTS, corrupt, unmovable_ok,
	       (unsigned long long)(mig_ratio_x100 / 100),
	       (unsigned long long)(mig_ratio_x100 % 100));
	printk(" coherent_nomig=%u coherent_nomig_min_ms=%s coherent_nomig_max_ms=%s coherent_mig=%u coherent_mig_min_ms=%s coherent_mig_max_ms=%s coherent_failed=%u coherent_fail_failed=%u coherent_release_max_ms=%s coherent_migrated_pages=%lu floor_zero_4m_ms=%s floor_copy_1024_ms=%s",
	       nomig.n, fmt_ms(a, sizeof(a), nomig.min), fmt_ms(b, sizeof(b), nomig.max), mig.n,
	       fmt_ms(c, sizeof(c), mig.min), fmt_ms(d, sizeof(d), mig.max), fail.n, exh_failed,
	       fmt_ms(e, sizeof(e), rel.max), migrated_total, h, k);
	/* The floor with the carve's own fused copy-and-clear, for comparison. */
	printk(" floor_copy_clear_1024_ms=%s floor_ratio_fused=%llu.%02llu coherent_dirty_buffers=%u\n",
	       fmt_ms(a, sizeof(a), st->copy_clear_floor_ns),
	       (unsigned long long)(fused_x100 / 100), (unsigned long long)(fused_x100 % 100),
	       dirty);
	ret = (corrupt || dirty || !ok) ? 1 : 0;
out_unbind:
	cma_dev_unbind(dev);
out:
	if (ret < 0)
		pr_err("coherent: cannot run: %s\n", errname(ret));
	kfree(st);
	kfree(pdev);
	return ret;
}

/**
 * bench_run - run the benchmark called @name ("carve", "smp")
 * @name: the benchmark
 * @region: the CMA region to carve from; NULL: the boot parameter
 *          bench_region=, or "bench" when it is not given
 * @take_bytes: how much each round carves, a multiple of 4 MiB up to
 *              96 MiB; 0 for the standard 96 MiB (the RESULT line of
 *              "make bench" is only comparable at 96 MiB)
 * "smp" (@take_bytes ignored) also needs the regions par0, par1, par2.
 * Return: 0 on success; 1 when carves failed or data was corrupted;
 * -EINVAL for an unknown name or a bad size; -ENODEV when the region is
 * missing.
 */
int bench_run(const char *name, const char *region, u64 take_bytes)
{
	char param[CMA_NAME_LEN];

	if (!region) {
		if (!cmdline_get("bench_region", param, sizeof(param)) || !param[0])
			strscpy_trunc(param, "bench", sizeof(param));
		region = param;
	}
	if (!strcmp(name, "carve"))
		return bench_carve(region, take_bytes);
	if (!strcmp(name, "smp"))
		return bench_smp(region);
	if (!strcmp(name, "coherent"))
		return bench_coherent();
	if (!strcmp(name, "latency"))
		return bench_latency();
	pr_err("unknown benchmark \"%s\": the benchmarks are: carve, smp, coherent, latency\n", name);
	return -EINVAL;
}

/* ---- the boot action and the shell command ----------------------------------- */

static int bench_action(const char *arg, int status)
{
	return bench_run(arg, NULL, 0) ? EXIT_TESTS_FAILED : status;
}
init_action("bench", INIT_ORDER_BENCH, 0, bench_action);

static int cmd_bench(const struct shell_cmd *cmd, int argc, char **argv)
{
	struct cma *cma;
	u64 size, take = 0;
	int ret;

	if (argc > 2)
		return shell_usage(cmd);
	if (argc == 2) {
		cma = cma_find_or_explain(argv[1]);
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
shell_command("bench [region]", "the carve benchmark (default: bench or default area)", cmd_bench);

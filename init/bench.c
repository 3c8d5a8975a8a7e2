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
 * Times come from arch_clock_ns() and are printed with integer arithmetic
 * (no floating point in the kernel).
 */
#define pr_fmt(fmt) "bench: " fmt

#include <contig/bench.h>
#include <contig/cma.h>
#include <contig/errno.h>
#include <contig/params.h>
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
};

/* "12.345" from nanoseconds, into @buf. */
static const char *fmt_ms(char *buf, size_t size, u64 ns)
{
	u64 us = ns / 1000;

	snprintf(buf, size, "%llu.%03llu", (unsigned long long)(us / 1000),
		 (unsigned long long)(us % 1000));
	return buf;
}

static void sort_u64(u64 *v, unsigned int n)
{
	unsigned int i, j;

	for (i = 1; i < n; i++) {
		u64 x = v[i];

		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* One round: fill, carve @nr_take buffers, verify, release, drop. */
static int carve_round(struct cma *cma, unsigned int round, unsigned int nr_take,
		       struct carve_result *res)
{
	unsigned long count = BENCH_BUF_BYTES / PAGE_SIZE;
	unsigned int align = pageblock_order, i, nr_bufs = 0, pct;
	struct page *bufs[BENCH_BUFS];
	struct cma_stats before, after;
	struct workload *wl;
	unsigned long bad;
	/* Enough to fill every CMA area and the region itself. */
	u64 cap = (u64)(cma_total_pages() + 2 * (cma_get_size(cma) >> PAGE_SHIFT)) * PAGE_SIZE;

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

	cma_get_stats(cma, &before);
	for (i = 0; i < nr_take; i++) {
		u64 t0 = arch_clock_ns(), t1;
		struct page *page = cma_alloc(cma, count, align, 0);

		t1 = arch_clock_ns();
		if (!page) {
			res->failures++;
			continue;
		}
		bufs[nr_bufs++] = page;
		res->lat_ns[res->nr_lat++] = t1 - t0;
	}
	cma_get_stats(cma, &after);
	res->migrated += after.migrated - before.migrated;
	res->discarded += after.discarded - before.discarded;

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

	pr_info("carve: region %s (%llu MiB), %d rounds of %u x %lu MiB at >= %d%% fill\n",
		region, (unsigned long long)(cma_get_size(cma) / SZ_1M), BENCH_ROUNDS,
		nr_take, BENCH_BUF_BYTES / SZ_1M, BENCH_FILL_PCT);
	for (round = 1; round <= BENCH_ROUNDS; round++) {
		ret = carve_round(cma, round, nr_take, res);
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

/**
 * bench_run - run the benchmark called @name ("carve")
 * @name: the benchmark
 * @region: the CMA region to carve from; NULL: the boot parameter
 *          bench_region=, or "bench" when it is not given
 * @take_bytes: how much each round carves, a multiple of 4 MiB up to
 *              96 MiB; 0 for the standard 96 MiB (the RESULT line of
 *              "make bench" is only comparable at 96 MiB)
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
	pr_err("unknown benchmark \"%s\": the benchmarks are: carve\n", name);
	return -EINVAL;
}

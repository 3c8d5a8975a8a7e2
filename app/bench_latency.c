// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench=latency: carve latency by borrowing policy and ready reserve
 * (issue 15), on the default CMA area (64 MiB on dts/bench/latency.dts,
 * the only region there), for a platform device bound to it.
 *
 * Configurations, in one run: the idle region (nothing borrows it; the
 * floor), "movable" full of anonymous pages, "clean" full of clean cache
 * (a pcache workload), "none", and "movable" and "clean" with a 16 MiB
 * ready reserve. Each sample builds the workload afresh until the region
 * is full (LAT_FILL_PCT of its pages borrowed, as far as the policy and
 * the reserve let it), plays the idle CPU (cma_ready_work() until idle:
 * the time between a device's carves), times one carve, releases it and
 * drops the workload. Carves: dma_alloc_coherent() of 4 MiB and 16 MiB
 * (zeroed, uncached alias) and a single page (cma_alloc(), zeroed).
 * Per configuration and size: min/median/max latency and the success
 * rate, and for the configurations that migrate nothing, where the
 * slowest carve's time went (contig/phase.h); the RESULT line carries each policy's worst ratio of max latency
 * to the idle region's max for the same carve, and the success rates.
 */
#define pr_fmt(fmt) "bench: " fmt

#include <contig/bench.h>
#include <contig/cma.h>
#include <contig/cma_dev.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/idle.h>
#include <contig/params.h>
#include <contig/phase.h>
#include <contig/platform_device.h>
#include <contig/printk.h>
#include <contig/shell.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <contig/workload.h>

#define LAT_SAMPLES 5
#define LAT_FILL_PCT 95
#define LAT_READY_BYTES SZ_16M

enum lat_cfg { CFG_IDLE, CFG_MOVABLE, CFG_CLEAN, CFG_NONE, CFG_MOVABLE_READY, CFG_CLEAN_READY,
	       NR_CFGS };

static const struct {
	const char *name;
	enum cma_borrow borrow;
	int kind;  /* workload kind, -1: none */
	bool ready;
} cfgs[NR_CFGS] = {
	[CFG_IDLE] = { "idle", CMA_BORROW_MOVABLE, -1, false },
	[CFG_MOVABLE] = { "movable", CMA_BORROW_MOVABLE, WORKLOAD_ANON, false },
	[CFG_CLEAN] = { "clean", CMA_BORROW_CLEAN, WORKLOAD_PCACHE, false },
	[CFG_NONE] = { "none", CMA_BORROW_NONE, WORKLOAD_ANON, false },
	[CFG_MOVABLE_READY] = { "movable+ready", CMA_BORROW_MOVABLE, WORKLOAD_ANON, true },
	[CFG_CLEAN_READY] = { "clean+ready", CMA_BORROW_CLEAN, WORKLOAD_PCACHE, true },
};

#define NR_SIZES 3
static const unsigned long sizes[NR_SIZES] = { PAGE_SIZE, SZ_4M, SZ_16M };

struct lat_cell {
	u64 ns[LAT_SAMPLES];
	unsigned int ok, tried;
	unsigned int fill_pct; /* lowest fill seen */
	u64 worst_ns, worst_phase[NR_MM_PHASES]; /* the slowest carve, split */
};

struct lat_state {
	struct lat_cell cell[NR_CFGS][NR_SIZES];
};

/* One timed carve of sizes[@s] for @dev from @cma; released at once. */
static bool lat_carve(struct device *dev, struct cma *cma, unsigned int s, u64 *ns)
{
	dma_addr_t handle;
	struct page *page;
	void *va;
	u64 t0;

	if (sizes[s] == PAGE_SIZE) {
		t0 = arch_clock_ns();
		page = cma_alloc(cma, 1, 0, CMA_ALLOC_NOWARN | CMA_ALLOC_ZERO);
		*ns = arch_clock_ns() - t0;
		if (page)
			cma_release(cma, page, 1);
		return page != NULL;
	}
	t0 = arch_clock_ns();
	va = dma_alloc_coherent(dev, sizes[s], &handle, GFP_KERNEL | __GFP_NOWARN);
	*ns = arch_clock_ns() - t0;
	if (va)
		dma_free_coherent(dev, sizes[s], va, handle);
	return va != NULL;
}

/* One sample of configuration @c, size @s. Return: 0, or -ENOMEM. */
static int lat_sample(struct device *dev, struct cma *cma, enum lat_cfg c, unsigned int s,
		      struct lat_cell *cell)
{
	u64 ns, ph0[NR_MM_PHASES], ph1[NR_MM_PHASES];
	struct workload *wl = NULL;
	unsigned int pct = 0, p;

	/* Start from a borrowed region: what the reserve left goes back too. */
	cma_ready_drain(cma);
	if (cfgs[c].kind >= 0) {
		wl = workload_create("lat", (enum workload_kind)cfgs[c].kind, 0, 0);
		if (!wl)
			return -ENOMEM;
		/* Capped: "none" lends nothing (the fill then stops at once). */
		workload_fill_cma(wl, cma, LAT_FILL_PCT, cma_get_size(cma) * 5 / 4);
		pct = workload_cma_fill_pct(cma, cfgs[c].kind == WORKLOAD_ANON ? PGOWNER_ANON :
										 PGOWNER_PCACHE);
	}
	/* The time between two carves: idle CPUs refill the reserve. */
	while (cma_ready_work())
		;
	cell->tried++;
	phase_snapshot(ph0);
	if (lat_carve(dev, cma, s, &ns)) {
		cell->ns[cell->ok++] = ns;
		phase_snapshot(ph1);
		if (ns >= cell->worst_ns) {
			cell->worst_ns = ns;
			for (p = 0; p < NR_MM_PHASES; p++)
				cell->worst_phase[p] = ph1[p] - ph0[p];
		}
	}
	cell->fill_pct = cell->tried == 1 ? pct : min(cell->fill_pct, pct);
	workload_destroy(wl);
	return 0;
}

static u64 cell_max(const struct lat_cell *cell)
{
	return cell->ok ? cell->ns[cell->ok - 1] : 0;
}

/* max(@c) / max(idle) for the worst size, x100; success percent in *@pct. */
static u64 worst_ratio_x100(const struct lat_state *st, enum lat_cfg c, unsigned int *pct)
{
	unsigned int s, ok = 0, tried = 0;
	u64 worst = 0;

	for (s = 0; s < NR_SIZES; s++) {
		u64 idle = cell_max(&st->cell[CFG_IDLE][s]);
		const struct lat_cell *cell = &st->cell[c][s];

		ok += cell->ok;
		tried += cell->tried;
		if (idle && cell->ok)
			worst = max(worst, cell_max(cell) * 100 / idle);
	}
	*pct = tried ? ok * 100 / tried : 0;
	return worst;
}

/* @v / 100 with two decimals, in @buf (24 bytes). */
static const char *fmt_x100(char *buf, u64 v)
{
	snprintf(buf, 24, "%llu.%02llu", (unsigned long long)(v / 100),
		 (unsigned long long)(v % 100));
	return buf;
}

/* Where the slowest carve of @cell went (contig/phase.h), in ms. */
static void lat_print_phases(const char *name, unsigned long size, const struct lat_cell *cell)
{
	const u64 *ph = cell->worst_phase;
	u64 known = ph[PHASE_ISOLATE] + ph[PHASE_MIGRATE] + ph[PHASE_ZERO] +
		    ph[PHASE_LINEAR_ATTR];
	char a[24], b[24], d[24], e[24], f[24];

	pr_info("latency: %-13s %5lu KiB: slowest split: isolate %s migrate/discard %s zero %s linear_attr %s other %s ms\n",
		name, size / 1024, fmt_ms(a, sizeof(a), ph[PHASE_ISOLATE]),
		fmt_ms(b, sizeof(b), ph[PHASE_MIGRATE]), fmt_ms(d, sizeof(d), ph[PHASE_ZERO]),
		fmt_ms(e, sizeof(e), ph[PHASE_LINEAR_ATTR]),
		fmt_ms(f, sizeof(f), cell->worst_ns > known ? cell->worst_ns - known : 0));
}

static void lat_print(const struct lat_state *st)
{
	unsigned int c, s;

	for (c = 0; c < NR_CFGS; c++) {
		for (s = 0; s < NR_SIZES; s++) {
			const struct lat_cell *cell = &st->cell[c][s];
			char a[24], b[24], d[24];

			if (!cell->ok) {
				pr_info("latency: %-13s %5lu KiB: 0 of %u carves succeeded\n",
					cfgs[c].name, sizes[s] / 1024, cell->tried);
				continue;
			}
			pr_info("latency: %-13s %5lu KiB: min %s median %s max %s ms, %u/%u ok, region %u%% borrowed\n",
				cfgs[c].name, sizes[s] / 1024, fmt_ms(a, sizeof(a), cell->ns[0]),
				fmt_ms(b, sizeof(b), cell->ns[cell->ok / 2]),
				fmt_ms(d, sizeof(d), cell_max(cell)), cell->ok, cell->tried,
				cell->fill_pct);
			if (sizes[s] > PAGE_SIZE && cfgs[c].kind != WORKLOAD_ANON)
				lat_print_phases(cfgs[c].name, sizes[s], cell);
		}
	}
	/* Every sample, for scripts/bench_plot.py's per-policy plot. */
	for (c = 0; c < NR_CFGS; c++)
		for (s = 0; s < NR_SIZES; s++) {
			const struct lat_cell *cell = &st->cell[c][s];
			unsigned int i;
			char a[24];

			for (i = 0; i < cell->ok; i++)
				printk("SAMPLE bench=latency policy=%s kib=%lu ms=%s\n", cfgs[c].name,
				       sizes[s] / 1024, fmt_ms(a, sizeof(a), cell->ns[i]));
		}
}

/**
 * bench_latency - the "latency" benchmark (see the top of this file)
 *
 * Return: 0; 1 when a clean or ready carve failed; a negative errno when
 * the region is missing or too small, or memory ran out.
 */
int bench_latency(void)
{
	struct cma *regs[CMA_DEV_MAX_REGIONS], *cma = cma_default_area();
	const char *region = cma ? cma_get_name(cma) : "(none)";
	unsigned int c, s, i, clean_pct, ready_pct, mov_pct, rcl_pct, none_pct;
	u64 clean_x100, ready_x100, mov_x100, rcl_x100, none_x100;
	char r[5][24];
	struct platform_device *pdev;
	struct lat_state *st;
	int ret;

	if (!cma || cma_get_size(cma) < 2 * SZ_16M) {
		pr_err("latency: needs a default CMA area of at least 32 MiB (dts/bench/latency.dts has 64 MiB); the default area is %s\n",
		       region);
		return -ENODEV;
	}
	st = kzalloc(sizeof(*st), GFP_KERNEL);
	pdev = kzalloc(sizeof(*pdev), GFP_KERNEL);
	if (!st || !pdev) {
		kfree(st);
		kfree(pdev);
		return -ENOMEM;
	}
	ret = bench_bind_device(pdev, "latency-bench");
	if (!ret && (cma_dev_regions(&pdev->dev, NULL, regs, CMA_DEV_MAX_REGIONS, NULL) < 1 ||
		     regs[0] != cma)) {
		pr_err("latency: the bench device is not bound to the default area %s: remove the cma_map= rule that maps it elsewhere\n",
		       region);
		ret = -ENODEV;
	}
	if (ret)
		goto out;
	pr_info("latency: region %s (%llu MiB), %d samples per carve, workload refilled to %d%% before each; ready reserve %d MiB\n",
		region, (unsigned long long)(cma_get_size(cma) / SZ_1M), LAT_SAMPLES, LAT_FILL_PCT,
		(int)(LAT_READY_BYTES / SZ_1M));
	for (c = 0; c < NR_CFGS && !ret; c++) {
		/*
		 * The split costs a clock read per migrated page (the copy
		 * phase): only where nothing is migrated, so the "movable"
		 * figures stay comparable with earlier runs.
		 */
		phase_accounting(cfgs[c].kind != WORKLOAD_ANON);
		ret = cma_set_borrow(cma, cfgs[c].borrow);
		if (!ret)
			ret = cma_set_ready(cma, cfgs[c].ready ? PHYS_PFN(LAT_READY_BYTES) : 0);
		for (s = 0; s < NR_SIZES && !ret; s++) {
			for (i = 0; i < LAT_SAMPLES && !ret; i++)
				ret = lat_sample(&pdev->dev, cma, c, s, &st->cell[c][s]);
			sort_u64(st->cell[c][s].ns, st->cell[c][s].ok);
		}
	}
	phase_accounting(false);
	cma_set_ready(cma, 0);
	cma_set_borrow(cma, CMA_BORROW_MOVABLE);
	if (ret) {
		pr_err("latency: stopped: %d\n", ret);
		goto out;
	}
	lat_print(st);
	clean_x100 = worst_ratio_x100(st, CFG_CLEAN, &clean_pct);
	ready_x100 = worst_ratio_x100(st, CFG_MOVABLE_READY, &ready_pct);
	rcl_x100 = worst_ratio_x100(st, CFG_CLEAN_READY, &rcl_pct);
	mov_x100 = worst_ratio_x100(st, CFG_MOVABLE, &mov_pct);
	none_x100 = worst_ratio_x100(st, CFG_NONE, &none_pct);
	printk("RESULT bench=latency region_mib=%llu samples=%d clean_max_ratio=%s clean_success_pct=%u ready_max_ratio=%s ready_success_pct=%u clean_ready_max_ratio=%s clean_ready_success_pct=%u none_max_ratio=%s none_success_pct=%u movable_max_ratio=%s movable_success_pct=%u\n",
	       (unsigned long long)(cma_get_size(cma) / SZ_1M), LAT_SAMPLES,
	       fmt_x100(r[0], clean_x100), clean_pct, fmt_x100(r[1], ready_x100), ready_pct,
	       fmt_x100(r[2], rcl_x100), rcl_pct, fmt_x100(r[3], none_x100), none_pct,
	       fmt_x100(r[4], mov_x100), mov_pct);
	ret = clean_pct == 100 && ready_pct == 100 && rcl_pct == 100 ? 0 : 1;
out:
	cma_dev_unbind(&pdev->dev);
	kfree(pdev);
	kfree(st);
	return ret;
}

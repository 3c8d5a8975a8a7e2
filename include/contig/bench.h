/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Benchmarks (app/bench.c), run by the boot action "bench=<name>".
 *
 *   carve  fill the region named by bench_region= (default "bench", e.g.
 *          from "cma=bench=128M") to >= 90% with movable pages, then time
 *          cma_alloc() of 4 MiB buffers against memcpy of the bytes the
 *          carves migrated. Prints a RESULT line; see
 *          Documentation/dev-tools/testing.rst.
 *   smp    three equal regions par0..par2 carved by one CPU and by three
 *          at once (parallel_3_regions_ratio), and the carve rounds on
 *          bench_region= alone and with writers on the other CPUs.
 *   coherent  dma_alloc_coherent() under pressure (issue 11's workload):
 *          a 384 MiB movable workload stays resident while 5 rounds of
 *          24 x 4 MiB coherent buffers are carved from the default area
 *          for a platform device and freed; per-attempt and per-phase
 *          times against the floor of the kernel's zero and copy routines.
 */
#ifndef _CONTIG_BENCH_H
#define _CONTIG_BENCH_H

#include <contig/types.h>

/* What one round of the carve bench takes, at most (and by default). */
#define BENCH_CARVE_MAX_TAKE (96ULL << 20)
/* Its buffers: the take is a multiple of this. */
#define BENCH_CARVE_BUF_BYTES (4ULL << 20)

/**
 * bench_run - run benchmark @name
 * @region: the CMA region ("carve"); NULL: bench_region= or "bench"
 * @take_bytes: bytes carved per round, a multiple of BENCH_CARVE_BUF_BYTES
 *              up to BENCH_CARVE_MAX_TAKE; 0: BENCH_CARVE_MAX_TAKE
 * Return: 0 when it ran without failures or corruption; a negative errno
 * for an unknown name, a bad size or a missing region; 1 when carves
 * failed or data was corrupted.
 */
int bench_run(const char *name, const char *region, u64 take_bytes);

/* bench=latency (app/bench_latency.c): carves by borrowing policy and ready reserve. */
int bench_latency(void);

/* Sort @n samples ascending (app/bench.c); for the benchmarks' medians. */
void sort_u64(u64 *v, unsigned int n);

struct platform_device;
/*
 * Bind @pdev, named @name, to the default CMA area as a platform device
 * without memory-region, with a 32-bit DMA mask (app/bench.c). Undo with
 * cma_dev_unbind(). Return: 0 or a negative errno.
 */
int bench_bind_device(struct platform_device *pdev, const char *name);

#endif /* _CONTIG_BENCH_H */

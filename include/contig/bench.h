/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Benchmarks (init/bench.c), run by start_kernel() for "bench=<name>".
 *
 *   carve  fill the region named by bench_region= (default "bench", e.g.
 *          from "cma=bench=128M") to >= 90% with movable pages, then time
 *          cma_alloc() of 4 MiB buffers against memcpy of the bytes the
 *          carves migrated. Prints a RESULT line; see
 *          Documentation/dev-tools/testing.rst.
 */
#ifndef _CONTIG_BENCH_H
#define _CONTIG_BENCH_H

/**
 * bench_run - run benchmark @name
 * Return: 0 when it ran without failures or corruption; a negative errno
 * for an unknown name or a missing region; 1 when carves failed or data
 * was corrupted.
 */
int bench_run(const char *name);

#endif /* _CONTIG_BENCH_H */

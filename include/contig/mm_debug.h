/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The mm consistency checker (mm/debug_check.c). Walks every page and
 * checks: each page is in exactly one state (reserved, free in the buddy,
 * on a per-CPU list, allocated); free counters equal the free lists;
 * free blocks are aligned, of one migratetype and inside one pageblock
 * group of that type; CMA pageblocks are exactly the activated areas
 * (or isolated by a carve); CMA bitmaps match the PG_contig pages.
 * The caller must make sure no allocation runs concurrently (tests stop
 * their workers first).
 */
#ifndef _CONTIG_MM_DEBUG_H
#define _CONTIG_MM_DEBUG_H

#include <contig/types.h>

/* Return: number of inconsistencies (each printed when @verbose). */
unsigned long mm_check_consistency(bool verbose);

/* Per-subsystem parts, called by mm_check_consistency(). */
unsigned long page_alloc_check(bool verbose);

/*
 * mm_check_register - add @check, a layer above mm (the DMA layer's
 * ledger), to mm_check_consistency(); registering it again does nothing.
 * At most MM_CHECK_MAX checks. @check returns its problems found.
 */
#define MM_CHECK_MAX 4
void mm_check_register(unsigned long (*check)(bool verbose));

/* MemTotal, MemFree, CmaTotal and CmaFree, /proc/meminfo-style (mm/mm_shell.c). */
void meminfo_print(void);

#endif /* _CONTIG_MM_DEBUG_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/* What init/ offers the rest of the kernel. */
#ifndef _CONTIG_INIT_H
#define _CONTIG_INIT_H

#include <contig/types.h>

/* Print MemTotal, MemFree, CmaTotal, CmaFree and the per-area table. */
void meminfo_print(void);

/*
 * The hosted demo (and the first part of the ARM demo): fill memory with a
 * movable workload, carve a buffer from every CMA area, verify the data.
 * Return: 0 when every carve succeeded and nothing was lost.
 */
int demo_run(void);

#endif /* _CONTIG_INIT_H */

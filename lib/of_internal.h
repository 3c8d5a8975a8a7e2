/* SPDX-License-Identifier: GPL-2.0-only */
/* Between lib/of.c and lib/of_console.c: not for drivers. */
#ifndef _LIB_OF_INTERNAL_H
#define _LIB_OF_INTERNAL_H

#include <contig/of.h>

/*
 * Try the drivers of @cls on @node; return 1 when one took it, -EAGAIN
 * when @retry and one asked to be tried again later, else 0.
 */
int of_early_try_node(const void *fdt, int node, enum of_early_class cls, bool retry);
/* Start the console (lib/of_console.c); return 1 when one started. */
int of_early_console(const void *fdt);

#endif /* _LIB_OF_INTERNAL_H */

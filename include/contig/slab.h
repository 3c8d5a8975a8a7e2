/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Small-object allocator for kernel objects: power-of-two size classes
 * from 16 bytes to PAGE_SIZE/2 carved from unmovable pages; larger requests
 * take whole pages. Safe from any CPU.
 */
#ifndef _CONTIG_SLAB_H
#define _CONTIG_SLAB_H

#include <contig/mm.h>

void kmalloc_init(void);
/* @gfp: GFP_KERNEL, optionally | __GFP_ZERO. NULL when out of memory. */
void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void *kcalloc(size_t n, size_t size, gfp_t gfp);
/* kfree(NULL) is allowed; freeing anything else kmalloc did not return panics. */
void kfree(const void *ptr);
char *kstrdup(const char *s, gfp_t gfp);

/* Objects and pages in use, for meminfo. */
void kmalloc_stats(unsigned long *objects, unsigned long *pages);

#endif /* _CONTIG_SLAB_H */

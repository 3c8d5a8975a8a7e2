/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memblock: the boot-time view of physical memory, before the memmap and
 * the buddy allocator exist. "memory" ranges come from the DT's memory
 * nodes; "reserved" ranges (each with a name, for messages) from
 * /memreserve/, the kernel image, the DTB, reserved regions and early
 * allocations. Single-threaded: only boot code calls it.
 */
#ifndef _CONTIG_MEMBLOCK_H
#define _CONTIG_MEMBLOCK_H

#include <contig/types.h>

#define MEMBLOCK_MAX_RANGES 128

/* Flags of a memory range. */
#define MEMBLOCK_NOMAP 0x1 /* no-map reserved region: not in the linear map */

int memblock_add(phys_addr_t base, phys_addr_t size);
/* Reserve [base, base+size); @name says who (e.g. "kernel", "dtb", "cma:video"). */
int memblock_reserve(phys_addr_t base, phys_addr_t size, const char *name);
/* Drop a reservation (exact or partial range). */
int memblock_free(phys_addr_t base, phys_addr_t size);
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size);

/* True when [base, base+size) lies entirely inside RAM. */
bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size);
/* Name of the first reservation overlapping [base, base+size), or NULL. */
const char *memblock_overlap_name(phys_addr_t base, phys_addr_t size);
bool memblock_is_reserved(phys_addr_t addr);
bool memblock_is_nomap(phys_addr_t addr);

/*
 * memblock_phys_alloc_range - reserve @size bytes aligned to @align inside
 * [@start, @end) (end 0 means end of RAM), top-down, and name it @name.
 * Return: the physical base, or 0 when nothing fits.
 */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end,
				      const char *name);
/* Zeroed early allocation from anywhere in RAM; panics when RAM is full. */
void *memblock_alloc(phys_addr_t size, phys_addr_t align, const char *name);

phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
phys_addr_t memblock_phys_mem_size(void);

/* Iterate memory (i counts from 0) and reserved ranges. Return false at end. */
bool memblock_memory_range(unsigned int i, phys_addr_t *base, phys_addr_t *end,
			   unsigned int *flags);
bool memblock_reserved_range(unsigned int i, phys_addr_t *base, phys_addr_t *end,
			     const char **name);

/* Print the memory map: RAM banks and every reservation with its name. */
void memblock_dump(void);

#endif /* _CONTIG_MEMBLOCK_H */

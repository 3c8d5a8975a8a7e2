/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host-only helpers. Tests and benchmarks that run only on the hosted
 * kernel may use these to observe the port; portable code must never need
 * them (guard any use with IS_ENABLED(CONFIG_ARCH_HOST) and keep a fallback
 * for other ports).
 */
#ifndef _ASM_HOST_HOST_H
#define _ASM_HOST_HOST_H

#include <contig/types.h>

/**
 * host_vm_flush_count - how many window TLB invalidations the port did
 *
 * The host has no TLB, but arch_vm_unmap() counts the invalidation a real
 * MMU would need, so tests can check that unmapping really happened.
 *
 * Return: the number of arch_vm_unmap() calls since boot.
 */
unsigned long host_vm_flush_count(void);

/**
 * host_arena_base - the host virtual address of simulated RAM
 *
 * Return: the address arch_phys_to_virt(host_ram_start) returns.
 */
void *host_arena_base(void);

/*
 * What the DMA core asked of the cache and the linear map (arch/host/dma.c):
 * per CPU and kind, the number of calls, the bytes they covered and the
 * last range (the virtual address for the cache operations, the physical
 * address for the linear-map attribute changes).
 */
enum host_cache_op {
	HOST_DCACHE_CLEAN,
	HOST_DCACHE_INV,
	HOST_DCACHE_FLUSH,
	HOST_LINEAR_CACHED,
	HOST_LINEAR_NONCACHED,
	HOST_LINEAR_UNMAPPED,
	NR_HOST_CACHE_OPS
};

struct host_cache_stats {
	unsigned long calls[NR_HOST_CACHE_OPS];
	unsigned long bytes[NR_HOST_CACHE_OPS];
	uintptr_t last_start[NR_HOST_CACHE_OPS];
	size_t last_size[NR_HOST_CACHE_OPS];
};

/**
 * host_cache_stats - the cache maintenance CPU @cpu asked for since boot
 * Counters are per CPU, so a test that reads its own CPU's before and
 * after a call sees exactly what that call did.
 */
void host_cache_stats(unsigned int cpu, struct host_cache_stats *out);

/*
 * host_linear_accessible - whether the arena page of @pa is really
 * readable and writable (1) or mprotect()ed away (0); -1 when the host
 * cannot tell.
 */
int host_linear_accessible(phys_addr_t pa);

#endif /* _ASM_HOST_HOST_H */

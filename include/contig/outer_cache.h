/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Outer (L2) cache maintenance by physical address (lib/outer_cache.c).
 *
 * An outer cache controller (the PL310 on Cortex-A9 boards) sits between
 * the CPUs' L1 caches and memory and is maintained by physical address
 * through its own registers. Its driver registers the operations below;
 * without one (the host, or a board without an outer cache) every call is
 * a no-op, so DMA code calls them unconditionally.
 *
 * Ranges are [start, end) physical addresses. The order relative to the
 * L1 (the port's maintenance by virtual address) is the caller's job, as
 * in Linux's DMA mapping code:
 *   to the device:   clean L1, then outer_clean_range()
 *   from the device: outer_inv_range(), then invalidate L1 (and again
 *                    after the transfer if the CPU may have speculated)
 * outer_inv_range() cleans and invalidates the partial lines at either
 * end, so data next to an unaligned buffer is never lost. Each operation
 * ends with outer_sync() semantics: when it returns, the controller has
 * finished it.
 */
#ifndef _CONTIG_OUTER_CACHE_H
#define _CONTIG_OUTER_CACHE_H

#include <contig/types.h>

struct outer_cache_fns {
	const char *name;
	void (*inv_range)(phys_addr_t start, phys_addr_t end);
	void (*clean_range)(phys_addr_t start, phys_addr_t end);
	void (*flush_range)(phys_addr_t start, phys_addr_t end); /* clean+inv */
	void (*sync)(void);
	/* true when the cache is enabled (for tests and the boot log) */
	bool (*enabled)(void);
};

/* The outer cache driver registers itself once, after enabling it. */
void outer_cache_register(const struct outer_cache_fns *fns);
/* The registered outer cache, or NULL. */
const struct outer_cache_fns *outer_cache(void);

void outer_inv_range(phys_addr_t start, phys_addr_t end);
void outer_clean_range(phys_addr_t start, phys_addr_t end);
void outer_flush_range(phys_addr_t start, phys_addr_t end);
void outer_sync(void);

#endif /* _CONTIG_OUTER_CACHE_H */

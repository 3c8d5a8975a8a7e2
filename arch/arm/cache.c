// SPDX-License-Identifier: GPL-2.0-only
/*
 * L1 data cache maintenance by virtual address, for DMA (ARMv7).
 *
 * The operations work line by line with the CP15 "by MVA to the point of
 * coherency" instructions: DCCMVAC (clean), DCIMVAC (invalidate) and
 * DCCIMVAC (clean+invalidate), then a dsb so the maintenance has finished
 * when the function returns. The line size is the smallest D-cache line of
 * the CPU (CTR.DminLine, 32 bytes on the Cortex-A9), read once.
 *
 * Invalidation must not destroy data that shares a line with the buffer:
 * a partial line at either end is cleaned+invalidated instead, as Linux's
 * v7_dma_inv_range does. Maintenance by MVA acts on the line whatever the
 * memory type of the mapping, so a non-cacheable alias can be used to drop
 * lines left by an earlier cacheable one.
 *
 * SMP: on the Cortex-A9 MPCore these operations are broadcast to the other
 * CPUs' L1 when ACTLR.FW is set (the SMP bring-up's job); the outer cache
 * is shared and maintained by physical address (lib/outer_cache.c).
 */
#include <contig/arch.h>
#include <contig/kernel.h>

#include "internal.h"

static unsigned long dcache_line;

static unsigned long dline(void)
{
	unsigned long line = __atomic_load_n(&dcache_line, __ATOMIC_RELAXED);
	u32 ctr;

	if (likely(line))
		return line;
	__asm__("mrc p15, 0, %0, c0, c0, 1" : "=r"(ctr)); /* CTR */
	line = 4UL << ((ctr >> 16) & 0xf);
	__atomic_store_n(&dcache_line, line, __ATOMIC_RELAXED);
	return line;
}

/**
 * arch_dcache_clean_range - write back the L1 lines of a range (DCCMVAC)
 * @start: virtual address
 * @size: bytes
 */
void arch_dcache_clean_range(const void *start, size_t size)
{
	dcache_range_op(DCACHE_CLEAN, start, size, dline());
	dsb();
}

/**
 * arch_dcache_inv_range - discard the L1 lines of a range (DCIMVAC)
 * @start: virtual address
 * @size: bytes
 *
 * Partial lines at either end are cleaned+invalidated (DCCIMVAC) so that
 * data next to the range survives.
 */
void arch_dcache_inv_range(const void *start, size_t size)
{
	unsigned long line = dline();
	uintptr_t a = (uintptr_t)start, end = a + size;

	if (!size)
		return;
	if (a & (line - 1)) {
		a &= ~(line - 1);
		dcache_line_op(DCACHE_FLUSH, a);
		a += line;
	}
	if (end & (line - 1)) {
		end &= ~(line - 1);
		if (end >= a)
			dcache_line_op(DCACHE_FLUSH, end);
	}
	for (; a < end; a += line)
		dcache_line_op(DCACHE_INV, a);
	dsb();
}

/**
 * arch_dcache_flush_range - clean and invalidate the L1 lines of a range
 * @start: virtual address
 * @size: bytes
 */
void arch_dcache_flush_range(const void *start, size_t size)
{
	dcache_range_op(DCACHE_FLUSH, start, size, dline());
	dsb();
}

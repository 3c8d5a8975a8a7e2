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
 *
 * Whole-cache maintenance (arm_l1_flush_all_cpus()): a range at least as
 * large as the L1 (32 KiB on the Cortex-A9) costs more operations by MVA
 * (one per line of the range) than cleaning+invalidating the whole L1 by
 * set/way (one per line of the cache: 1024). The linear-map attribute
 * change (mmu.c) uses it for large ranges. Set/way operations are not
 * broadcast and act on the executing CPU's L1 only, and they do not stop
 * other accesses from allocating lines again; they are correct only when
 *   1. no CPU can allocate a line of the range any more: the caller has
 *      removed every cacheable translation of it (the linear alias made
 *      non-cacheable, the TLBs invalidated everywhere; the range is in no
 *      other mapping), so neither demand nor speculative accesses fill it;
 *   2. every CPU that may hold a line of the range runs them: each other
 *      online CPU is asked through the call-function IPI (lib/smp.c) and
 *      the caller waits until all have finished. When that is not
 *      possible (the caller holds a spinlock or has interrupts masked,
 *      which smp_call_function_many() forbids), the caller falls back to
 *      maintenance by MVA. A CPU that comes online later starts with an
 *      invalidated L1 (head.S) and cannot fill lines of the range (1).
 * Cleaning and invalidating lines of other data on the way is harmless:
 * dirty lines reach memory, and the next access refills them.
 */
#include <contig/arch.h>
#include <contig/irq.h>
#include <contig/kernel.h>
#include <contig/smp.h>
#include <contig/spinlock.h>

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

/**
 * arm_l1_bytes - the size of this CPU's L1 data cache (CCSIDR of level 1)
 * Return: bytes (32 KiB on the QEMU and real Cortex-A9).
 */
size_t arm_l1_bytes(void)
{
	static size_t bytes;
	size_t b = __atomic_load_n(&bytes, __ATOMIC_RELAXED);
	u32 ccsidr;

	if (likely(b))
		return b;
	__asm__ __volatile__("mcr p15, 2, %1, c0, c0, 0\n\t" /* CSSELR: L1 data */
			     "isb\n\t"
			     "mrc p15, 1, %0, c0, c0, 0"       /* CCSIDR */
			     : "=r"(ccsidr) : "r"(0) : "memory");
	b = (size_t)(16U << (ccsidr & 7)) * (((ccsidr >> 3) & 0x3ff) + 1) *
	    (((ccsidr >> 13) & 0x7fff) + 1);
	__atomic_store_n(&bytes, b, __ATOMIC_RELAXED);
	return b;
}

static void l1_flush_ipi(void *arg)
{
	arm_flush_l1_dcache_all();
}

/**
 * arm_l1_flush_all_cpus - clean and invalidate the L1 data cache of every
 * online CPU by set/way
 *
 * Only for a range that no CPU can reach through a cacheable translation
 * any more (see the top of this file). Other CPUs run it in their
 * call-function IPI; the caller waits for all of them.
 * Return: true when every online CPU's L1 is clean and invalid; false when
 * another CPU is online and cannot be asked now (the caller holds a
 * spinlock, has interrupts masked or runs in an interrupt handler), or did
 * not answer: then the caller maintains its range by MVA instead.
 */
bool arm_l1_flush_all_cpus(void)
{
	unsigned int cpu, self = arch_cpu_id();
	cpumask_t others = 0, missed;

	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		if (cpu != self && arm_cpu_online(cpu))
			others |= cpumask_of(cpu);
	if (others) {
		if (arch_irqs_disabled() || spin_locks_held() || in_irq())
			return false;
		missed = smp_call_function_many(others, l1_flush_ipi, NULL);
		if (missed & others)
			return false;
	}
	arm_flush_l1_dcache_all();
	return true;
}

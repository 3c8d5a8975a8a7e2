// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host's side of DMA: cache maintenance and linear-map attributes.
 *
 * The host has no cache to maintain and its linear map is one mmap()ed
 * arena, so there is nothing real to do; instead the port keeps what a
 * real port would have done, so that tests can check the DMA core asked
 * for the right thing:
 *
 *   - every cache maintenance call is counted per calling CPU and per kind
 *     (clean, invalidate, clean+invalidate, and the three linear-map
 *     attributes), with the bytes it covered and the last range, so a test
 *     can say "dma_map_single(DMA_FROM_DEVICE) invalidated exactly this
 *     buffer" (host_cache_stats());
 *   - each RAM page has a shadow attribute (cached, non-cacheable,
 *     unmapped) that arch_linear_get_attr() reports, as the ARM port reads
 *     its page tables; arch_linear_set_attr() makes the same cache
 *     maintenance calls the ARM port makes for each transition, so the
 *     counts match what the hardware would see;
 *   - an unmapped page is mprotect()ed PROT_NONE in the arena, so a stray
 *     access faults like it does on the board (the fault handler names the
 *     physical address);
 *   - memory that is not RAM (a board's SRAM or video RAM, which a coherent
 *     pool maps with arch_memremap_wc()) is simulated: a hole between RAM
 *     banks is already backed by the arena, anything else gets its own
 *     anonymous mapping, recorded so that the emulated bus masters reach
 *     it too (host_devmem_ptr()).
 *
 * Counters are per CPU and written only by their CPU (relaxed atomics, so
 * ThreadSanitizer sees a reader on another CPU). The device-memory table
 * is appended under devmem_lock and published by a release store of its
 * count, so lookups (from device model threads too) take no lock. The shadow attribute of
 * a page is written only by the caller that owns the page (the contract of
 * arch_linear_set_attr()); relaxed atomics again.
 */
#define pr_fmt(fmt) "host: " fmt

#include <contig/arch.h>
#include <contig/errno.h>
#include <contig/irq.h>
#include <contig/kernel.h>
#include <contig/memblock.h>
#include <contig/mm.h>
#include <contig/printk.h>
#include <contig/string.h>
#include <asm/host.h>
#include <asm/memory.h>

#include "internal.h"
#include "os/host_os.h"

static struct host_cache_stats cache_stats[CONFIG_NR_CPUS];

#define HOST_DEVMEM_MAX 8
static struct host_devmem {
	phys_addr_t base, size;
	u8 *va;
} devmem[HOST_DEVMEM_MAX];
static unsigned int devmem_count;
static struct os_mutex devmem_lock = OS_MUTEX_INIT;
static u8 *linear_attr; /* one per RAM page, outside simulated RAM */
static unsigned long linear_pages;
static bool host_can_protect;

static void count(enum host_cache_op op, uintptr_t start, size_t size)
{
	struct host_cache_stats *st = &cache_stats[arch_cpu_id()];

	__atomic_add_fetch(&st->calls[op], 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&st->bytes[op], size, __ATOMIC_RELAXED);
	__atomic_store_n(&st->last_start[op], start, __ATOMIC_RELAXED);
	__atomic_store_n(&st->last_size[op], size, __ATOMIC_RELAXED);
}

/**
 * host_cache_stats - the cache maintenance CPU @cpu asked for since boot
 * @cpu: a CPU index (tests pass arch_cpu_id())
 * @out: filled with a snapshot
 */
void host_cache_stats(unsigned int cpu, struct host_cache_stats *out)
{
	const struct host_cache_stats *st = &cache_stats[cpu % CONFIG_NR_CPUS];
	unsigned int i;

	for (i = 0; i < NR_HOST_CACHE_OPS; i++) {
		out->calls[i] = __atomic_load_n(&st->calls[i], __ATOMIC_RELAXED);
		out->bytes[i] = __atomic_load_n(&st->bytes[i], __ATOMIC_RELAXED);
		out->last_start[i] = __atomic_load_n(&st->last_start[i], __ATOMIC_RELAXED);
		out->last_size[i] = __atomic_load_n(&st->last_size[i], __ATOMIC_RELAXED);
	}
}

/** arch_zero_pages - zero whole pages: the C library's memset() is the host's best */
void arch_zero_pages(void *va, size_t size)
{
	memset(va, 0, size);
}

/** arch_copy_pages - copy whole pages: the C library's memcpy() */
void arch_copy_pages(void *dst, const void *src, size_t size)
{
	memcpy(dst, src, size);
}

/**
 * arch_copy_clear_pages - copy whole pages and zero the source
 * @dst: destination
 * @src: source, all zero on return
 * @size: bytes, whole pages
 *
 * memcpy() then memset(); asserts the contract's "not from an interrupt
 * handler" as the ARM port does, so hosted tests catch a caller that breaks it.
 */
void arch_copy_clear_pages(void *dst, void *src, size_t size)
{
	ASSERT_MSG(!in_irq(), "arch_copy_clear_pages(%p, %p, %zu) in an interrupt handler", dst,
		   src, size);
	ASSERT_MSG(IS_ALIGNED((uintptr_t)dst | (uintptr_t)src | size, PAGE_SIZE),
		   "arch_copy_clear_pages(%p, %p, %zu): not whole pages", dst, src, size);
	memcpy(dst, src, size);
	memset(src, 0, size);
}

/** arch_dcache_clean_range - counted: the host has no cache */
void arch_dcache_clean_range(const void *start, size_t size)
{
	count(HOST_DCACHE_CLEAN, (uintptr_t)start, size);
}

/** arch_dcache_inv_range - counted: the host has no cache */
void arch_dcache_inv_range(const void *start, size_t size)
{
	count(HOST_DCACHE_INV, (uintptr_t)start, size);
}

/** arch_dcache_flush_range - counted: the host has no cache */
void arch_dcache_flush_range(const void *start, size_t size)
{
	count(HOST_DCACHE_FLUSH, (uintptr_t)start, size);
}

/**
 * arch_virt_addr_valid - whether @va lies in the linear map (the arena)
 * Return: true when __pa(@va) is a RAM address.
 */
bool arch_virt_addr_valid(const void *va)
{
	uintptr_t a = (uintptr_t)va, base = (uintptr_t)host_arena;

	return host_arena && a >= base && a - base < host_arena_size;
}

static bool linear_range_ok(phys_addr_t start, size_t size)
{
	return linear_attr && IS_ALIGNED(start, (phys_addr_t)PAGE_SIZE) &&
	       IS_ALIGNED(size, PAGE_SIZE) && size && start >= host_ram_start &&
	       start + size > start && start + size <= host_ram_end;
}

static void protect(phys_addr_t start, size_t size, bool rw)
{
	if (host_can_protect && os_protect(arch_phys_to_virt(start), size, rw)) {
		host_emergency("host: mprotect(%#llx, %zu bytes) of the arena failed\n",
			       (unsigned long long)start, size);
		host_die();
	}
}

static enum arch_linear_attr page_attr(unsigned long idx)
{
	return __atomic_load_n(&linear_attr[idx], __ATOMIC_RELAXED);
}

/*
 * One run of pages with the same current attribute @from, going to @to:
 * the calls the ARM port makes for this transition, counted.
 */
static void change_run(phys_addr_t start, size_t size, enum arch_linear_attr from,
		       enum arch_linear_attr to)
{
	unsigned long i, first = PHYS_PFN(start - host_ram_start);
	void *va = arch_phys_to_virt(start);

	if (from == ARCH_LINEAR_CACHED)
		arch_dcache_flush_range(va, size); /* the alias is going */
	if (from == ARCH_LINEAR_UNMAPPED)
		protect(start, size, true);
	if (to == ARCH_LINEAR_CACHED)
		arch_dcache_inv_range(va, size); /* drop speculative fills */
	if (to == ARCH_LINEAR_UNMAPPED)
		protect(start, size, false);
	for (i = 0; i < size >> PAGE_SHIFT; i++)
		__atomic_store_n(&linear_attr[first + i], (u8)to, __ATOMIC_RELAXED);
	count(to == ARCH_LINEAR_CACHED	      ? HOST_LINEAR_CACHED :
	      to == ARCH_LINEAR_NONCACHED ? HOST_LINEAR_NONCACHED :
					    HOST_LINEAR_UNMAPPED,
	      (uintptr_t)start, size);
}

/**
 * arch_linear_set_attr - change the linear-map attribute of a RAM range
 * @start: page-aligned physical address
 * @size: bytes, a multiple of the page size
 * @attr: the new attribute
 *
 * Records @attr for each page, makes (and counts) the cache maintenance
 * the ARM port makes for each transition, and mprotect()s unmapped pages
 * PROT_NONE so an access faults. Pages already at @attr are left alone.
 * Return: 0, or -EINVAL when the range is not page-aligned RAM.
 */
int arch_linear_set_attr(phys_addr_t start, size_t size, enum arch_linear_attr attr)
{
	unsigned long first, n, i, run;

	if (!linear_range_ok(start, size) || attr > ARCH_LINEAR_UNMAPPED)
		return -EINVAL;
	first = PHYS_PFN(start - host_ram_start);
	n = size >> PAGE_SHIFT;
	for (i = 0; i < n; i += run) {
		enum arch_linear_attr from = page_attr(first + i);

		for (run = 1; i + run < n && page_attr(first + i + run) == from; run++)
			;
		if (from != attr)
			change_run(start + PFN_PHYS(i), run << PAGE_SHIFT, from, attr);
	}
	return 0;
}

/**
 * arch_linear_get_attr - the linear-map attribute of the page holding @pa
 * Return: an enum arch_linear_attr, or -EINVAL outside RAM.
 */
int arch_linear_get_attr(phys_addr_t pa)
{
	if (!linear_attr || pa < host_ram_start || pa >= host_ram_end)
		return -EINVAL;
	return page_attr(PHYS_PFN(pa - host_ram_start));
}

/**
 * host_linear_accessible - whether the host really lets the CPU touch @pa
 * @pa: a RAM address
 *
 * Reads the protection of the arena page from /proc/self/maps, so a test
 * can check that an unmapped alias is PROT_NONE (a stray access faults).
 * Return: 1 readable and writable, 0 inaccessible, -1 unknown (no
 * /proc, or the host page size differs so nothing is protected).
 */
int host_linear_accessible(phys_addr_t pa)
{
	if (!host_can_protect)
		return -1;
	return os_addr_accessible((uintptr_t)arch_phys_to_virt(pa));
}

/*
 * Called by arch_paging_init(): the shadow attributes start as on the ARM
 * port, every page cached except no-map regions, which are unmapped.
 */
void host_linear_init(void)
{
	size_t bytes;
	phys_addr_t base, end;
	unsigned int flags, i;
	void *p;

	linear_pages = (unsigned long)((host_ram_end - host_ram_start) >> PAGE_SHIFT);
	bytes = ALIGN(linear_pages, (unsigned long)SZ_4K);
	p = os_map(NULL, bytes, OS_MAP_RW, NULL);
	if (!p) {
		host_emergency("contig: cannot allocate the linear-map attribute table (%zu bytes)\n",
			       bytes);
		host_die();
	}
	linear_attr = p; /* zero: ARCH_LINEAR_CACHED */
	BUILD_BUG_ON(ARCH_LINEAR_CACHED != 0);
	host_can_protect = os_page_size() == PAGE_SIZE;
	if (!host_can_protect)
		pr_info("host page size %lu is not %lu: unmapped DMA aliases are not mprotect()ed\n",
			os_page_size(), PAGE_SIZE);
	for (i = 0; memblock_memory_range(i, &base, &end, &flags); i++) {
		if (!(flags & MEMBLOCK_NOMAP))
			continue;
		base = ALIGN(base, (phys_addr_t)PAGE_SIZE);
		end = ALIGN_DOWN(end, (phys_addr_t)PAGE_SIZE);
		if (end > base)
			arch_linear_set_attr(base, (size_t)(end - base), ARCH_LINEAR_UNMAPPED);
	}
	/* Boot's own transitions are not what tests measure. */
	memset(cache_stats, 0, sizeof(cache_stats));
}

/* ---- memory that is not RAM ------------------------------------------- */

/**
 * host_devmem_ptr - the host address of simulated device memory
 * @phys: first byte
 * @len: bytes
 * Return: the pointer, or NULL when the range is not inside one range that
 * arch_memremap_wc() mapped.
 */
void *host_devmem_ptr(phys_addr_t phys, size_t len)
{
	unsigned int i, n = __atomic_load_n(&devmem_count, __ATOMIC_ACQUIRE);

	for (i = 0; i < n; i++) {
		const struct host_devmem *d = &devmem[i];

		if (phys >= d->base && phys - d->base <= d->size && len <= d->size - (phys - d->base))
			return d->va + (phys - d->base);
	}
	return NULL;
}

/**
 * arch_memremap_wc - map memory that is not RAM (simulated)
 * @phys: page-aligned physical address
 * @size: bytes, a multiple of the page size
 *
 * The host has no such memory: a range in a hole between RAM banks is the
 * arena's own (the arena spans every bank), anything else gets zeroed
 * anonymous memory. Either way the range is recorded, so the same range
 * maps to the same memory again and device models reach it through
 * host_emu_dma_ptr(). A range that touches RAM is refused, as on ARM.
 * Return: the address of @phys, or NULL.
 */
void *arch_memremap_wc(phys_addr_t phys, size_t size)
{
	phys_addr_t s, e;
	unsigned int i;
	void *va;

	if (!size || !IS_ALIGNED(phys | size, (phys_addr_t)PAGE_SIZE) || phys + size < phys)
		return NULL;
	for (i = 0; memblock_memory_range(i, &s, &e, NULL); i++)
		if (s < phys + size && phys < e)
			return NULL;
	os_mutex_lock(&devmem_lock);
	va = host_devmem_ptr(phys, size);
	if (va)
		goto out;
	if (devmem_count == HOST_DEVMEM_MAX) {
		pr_err("cannot simulate device memory %#llx+%#zx: %d ranges already\n",
		       (unsigned long long)phys, size, HOST_DEVMEM_MAX);
		goto out;
	}
	if (phys >= host_ram_start && phys + size <= host_ram_end) {
		va = (void *)(uintptr_t)(phys + host_linear_offset);
	} else {
		int err;

		va = os_map(NULL, size, OS_MAP_RW, &err);
		if (!va) {
			pr_err("cannot simulate device memory %#llx+%#zx: mmap failed: %s\n",
			       (unsigned long long)phys, size, os_strerror(err));
			goto out;
		}
	}
	devmem[devmem_count] = (struct host_devmem){ .base = phys, .size = size, .va = va };
	__atomic_store_n(&devmem_count, devmem_count + 1, __ATOMIC_RELEASE);
out:
	os_mutex_unlock(&devmem_lock);
	return va;
}

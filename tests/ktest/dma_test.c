// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "dma": the DMA mapping core (kernel/dma/mapping.c) on the test
 * devices of contig-dma-test.dtsi.
 *
 * What each port can show: both read the linear-map attribute of a
 * buffer's pages (the ARM port from its page tables), check zeroing, the
 * source of each buffer, masks and refused frees. The host also counts
 * every cache maintenance call (asm/host.h), so the per-direction table of
 * dma-mapping.h is checked call by call, and registers a recording outer
 * cache (the host has none) so the order of L1 and outer maintenance is
 * checked too. QEMU models no cache contents, so on ARM the streaming
 * cases check that the maintenance runs and leaves the data intact, and
 * that the PL310 is the outer cache.
 */
#include <contig/arch.h>
#include <contig/cma_dev.h>
#include <contig/dma-mapping.h>
#include <contig/errno.h>
#include <contig/io.h>
#include <contig/ktest.h>
#include <contig/memblock.h>
#include <contig/mm_debug.h>
#include <contig/outer_cache.h>
#include <contig/reserved_mem.h>
#include <contig/slab.h>
#include <contig/string.h>
#ifdef CONFIG_ARCH_HOST
#include <asm/host.h>
#endif

#include "dma_test_util.h"

static bool all_bytes(const void *p, size_t size, u8 val)
{
	const u8 *b = p;
	size_t i;

	for (i = 0; i < size; i++)
		if (b[i] != val)
			return false;
	return true;
}

static void coherent_buffers_come_zeroed_from_the_devices_region(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-single");
	struct cma *video = dmatest_region(t, "video");
	dma_addr_t h;
	void *p;

	if (!dev || !video)
		return;
	p = dma_alloc_coherent(dev, SZ_1M, &h, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_TRUE(t, dmatest_in_region(video, h, SZ_1M));
	KTEST_EXPECT_TRUE(t, IS_ALIGNED(h, SZ_1M));
	KTEST_EXPECT_EQ(t, __pa(p), h);
	KTEST_EXPECT_TRUE(t, all_bytes(p, SZ_1M, 0));
	/* The alias is non-cacheable, on every page. */
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(h), ARCH_LINEAR_NONCACHED);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(h + SZ_1M - 1), ARCH_LINEAR_NONCACHED);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(h + SZ_1M), ARCH_LINEAR_CACHED);
	memset(p, 0x5a, SZ_1M);
	KTEST_EXPECT_TRUE(t, all_bytes(p, SZ_1M, 0x5a));
	dma_free_coherent(dev, SZ_1M, p, h);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(h), ARCH_LINEAR_CACHED);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(h + SZ_1M - 1), ARCH_LINEAR_CACHED);
}

static void a_freed_buffers_data_never_shows_in_the_next_allocation(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-single");
	dma_addr_t h1, h2;
	unsigned int round, same = 0;
	void *p;

	if (!dev)
		return;
	for (round = 0; round < 4; round++) {
		p = dma_alloc_coherent(dev, 5 * PAGE_SIZE + 100, &h1, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_TRUE(t, all_bytes(p, 6 * PAGE_SIZE, 0));
		memset(p, 0xa5, 6 * PAGE_SIZE);
		dma_free_coherent(dev, 5 * PAGE_SIZE + 100, p, h1);
		p = dma_alloc_coherent(dev, 5 * PAGE_SIZE + 100, &h2, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, p);
		same += h1 == h2;
		KTEST_EXPECT_TRUE(t, all_bytes(p, 6 * PAGE_SIZE, 0));
		dma_free_coherent(dev, 5 * PAGE_SIZE + 100, p, h2);
	}
	/* The carve takes the first free window: the same pages came back. */
	KTEST_EXPECT_GT(t, same, 0);
}

static void small_requests_come_from_the_page_allocator(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-single");
	dma_addr_t h1, h2;
	void *p1, *p2;

	if (!dev)
		return;
	p1 = dma_alloc_coherent(dev, 100, &h1, GFP_KERNEL);
	p2 = dma_alloc_coherent(dev, PAGE_SIZE, &h2, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, p1 && p2);
	KTEST_EXPECT_TRUE(t, dmatest_outside_cma(h1, PAGE_SIZE));
	KTEST_EXPECT_TRUE(t, dmatest_outside_cma(h2, PAGE_SIZE));
	KTEST_EXPECT_TRUE(t, all_bytes(p1, PAGE_SIZE, 0) && all_bytes(p2, PAGE_SIZE, 0));
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(h1), ARCH_LINEAR_NONCACHED);
	dma_free_coherent(dev, 100, p1, h1);
	dma_free_coherent(dev, PAGE_SIZE, p2, h2);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(h1), ARCH_LINEAR_CACHED);
}

static void a_device_with_no_usable_region_uses_the_page_allocator(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-single");
	struct cma *video = dmatest_region(t, "video");
	dma_addr_t h;
	void *p;

	if (!dev || !video)
		return;
	/* Its only region, video, ends beyond this mask. */
	dmatest_masked_dev = dev;
	KTEST_ASSERT_EQ(t, dma_set_coherent_mask(dev, cma_get_base(video) - 1), 0);
	p = dma_alloc_coherent(dev, 8 * PAGE_SIZE, &h, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_TRUE(t, dmatest_outside_cma(h, 8 * PAGE_SIZE));
	KTEST_EXPECT_LE(t, h + 8 * PAGE_SIZE - 1, dev->coherent_dma_mask);
	KTEST_EXPECT_TRUE(t, all_bytes(p, 8 * PAGE_SIZE, 0));
	dma_free_coherent(dev, 8 * PAGE_SIZE, p, h);
}

static void no_kernel_mapping_unmaps_the_alias_and_write_combine_is_uncached(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-single");
	char log[DMATEST_LOG];
	dma_addr_t h, w;
	void *cookie, *wc;

	if (!dev)
		return;
	cookie = dma_alloc_attrs(dev, SZ_64K, &h, GFP_KERNEL, DMA_ATTR_NO_KERNEL_MAPPING);
	wc = dma_alloc_wc(dev, SZ_64K, &w, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, cookie && wc);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(h), ARCH_LINEAR_UNMAPPED);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(h + SZ_64K - 1), ARCH_LINEAR_UNMAPPED);
#ifdef CONFIG_ARCH_HOST
	/* A stray access through the cookie faults (the ARM case: arm_mmu). */
	if (host_linear_accessible(h) >= 0) {
		KTEST_EXPECT_EQ(t, host_linear_accessible(h), 0);
		KTEST_EXPECT_EQ(t, host_linear_accessible(h + SZ_64K - 1), 0);
		KTEST_EXPECT_EQ(t, host_linear_accessible(w), 1);
	}
#endif
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(w), ARCH_LINEAR_NONCACHED);
	KTEST_EXPECT_TRUE(t, all_bytes(wc, SZ_64K, 0));
	/* Freed with other attributes than allocated: refused. */
	printk_capture_begin(log, sizeof(log));
	dma_free_attrs(dev, SZ_64K, wc, w, 0);
	dma_free_attrs(dev, SZ_64K, cookie, h, DMA_ATTR_WRITE_COMBINE);
	printk_capture_end();
	DMATEST_EXPECT_LOG(t, log, "the attributes are not the ones it was allocated with; refused");
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(w), ARCH_LINEAR_NONCACHED);
	dma_free_wc(dev, SZ_64K, wc, w);
	dma_free_attrs(dev, SZ_64K, cookie, h, DMA_ATTR_NO_KERNEL_MAPPING);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(h), ARCH_LINEAR_CACHED);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(w), ARCH_LINEAR_CACHED);
#ifdef CONFIG_ARCH_HOST
	if (host_linear_accessible(h) >= 0)
		KTEST_EXPECT_EQ(t, host_linear_accessible(h), 1);
#endif
	/* The pages are usable again through the cacheable alias. */
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

static void double_foreign_and_mismatched_frees_are_refused(struct ktest *t)
{
	struct device *a = dmatest_device(t, "dmatest-single");
	struct device *b = dmatest_device(t, "dmatest-named");
	unsigned long buffers, pages, b0, p0;
	char log[DMATEST_LOG];
	dma_addr_t h;
	void *p;

	if (!a || !b)
		return;
	p = dma_alloc_coherent(a, SZ_128K, &h, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0x3c, SZ_128K);
	dma_buffer_count(a, &b0, &p0);
	printk_capture_begin(log, sizeof(log));
	dma_free_coherent(b, SZ_128K, p, h);
	dma_free_coherent(a, SZ_64K, p, h);
	dma_free_coherent(a, SZ_128K, (char *)p + PAGE_SIZE, h);
	dma_free_coherent(a, SZ_128K, p, h + PAGE_SIZE);
	printk_capture_end();
	DMATEST_EXPECT_LOGF(t, log,
			    "dmatest-named: dma_free_attrs(%#llx, 131072 bytes): the buffer is dmatest-single's, not this device's; refused",
			    (unsigned long long)h);
	DMATEST_EXPECT_LOGF(t, log,
			    "dmatest-single: dma_free_attrs(%#llx, 65536 bytes, attrs 0): the size is not the one it was allocated with; refused",
			    (unsigned long long)h);
	DMATEST_EXPECT_LOG(t, log, "the CPU address is not the one dma_alloc_attrs() returned; refused");
	/* Inside its own buffer but not its start: not a buffer it holds. */
	DMATEST_EXPECT_LOGF(t, log,
			    "dmatest-single: dma_free_attrs(%#llx, 131072 bytes): not a buffer this device holds (freed twice?); refused",
			    (unsigned long long)(h + PAGE_SIZE));
	/* Nothing changed: still held, still non-cacheable, data intact. */
	dma_buffer_count(a, &buffers, &pages);
	KTEST_EXPECT_EQ(t, buffers, b0);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(h), ARCH_LINEAR_NONCACHED);
	KTEST_EXPECT_TRUE(t, all_bytes(p, SZ_128K, 0x3c));
	dma_free_coherent(a, SZ_128K, p, h);
	printk_capture_begin(log, sizeof(log));
	dma_free_coherent(a, SZ_128K, p, h);
	printk_capture_end();
	DMATEST_EXPECT_LOGF(t, log,
			    "dmatest-single: dma_free_attrs(%#llx, 131072 bytes): not a buffer this device holds (freed twice?); refused",
			    (unsigned long long)h);
	dma_buffer_count(a, &buffers, &pages);
	KTEST_EXPECT_EQ(t, buffers, b0 - 1);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

static void the_coherent_pool_serves_every_size_and_nothing_else(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-pool");
	struct device *nomap = dmatest_device(t, "dmatest-nomap-pool");
	struct dma_pool_info pi;
	char log[DMATEST_LOG];
	dma_addr_t h1, h2, h3;
	void *p1, *p2, *p3;

	if (!dev || !nomap)
		return;
	KTEST_ASSERT_NOT_NULL(t, dev->dma_pool);
	dma_pool_get_info(dev->dma_pool, &pi);
	KTEST_EXPECT_STREQ(t, pi.name, "dmapool");
	KTEST_EXPECT_FALSE(t, pi.nomap);
	p1 = dma_alloc_coherent(dev, 64, &h1, GFP_KERNEL);
	p2 = dma_alloc_coherent(dev, SZ_256K, &h2, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, p1 && p2);
	KTEST_EXPECT_TRUE(t, h1 >= pi.base && h1 + PAGE_SIZE <= pi.base + pi.size);
	KTEST_EXPECT_TRUE(t, h2 >= pi.base && h2 + SZ_256K <= pi.base + pi.size);
	KTEST_EXPECT_TRUE(t, IS_ALIGNED(h2, SZ_256K));
	KTEST_EXPECT_TRUE(t, all_bytes(p2, SZ_256K, 0));
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(h2), ARCH_LINEAR_NONCACHED);
	/* More than is left: no fallback to CMA or the page allocator. */
	printk_capture_begin(log, sizeof(log));
	p3 = dma_alloc_coherent(dev, SZ_1M, &h3, GFP_KERNEL);
	printk_capture_end();
	KTEST_EXPECT_NULL(t, p3);
	DMATEST_EXPECT_LOG(t, log, "dmatest-pool: its coherent pool dmapool has no free run of 256 pages");
	memset(p2, 0x77, SZ_256K);
	dma_free_coherent(dev, SZ_256K, p2, h2);
	dma_free_coherent(dev, 64, p1, h1);
	/* The pool stays non-cacheable, and the next buffer is zeroed. */
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(h2), ARCH_LINEAR_NONCACHED);
	p2 = dma_alloc_coherent(dev, SZ_256K, &h2, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p2);
	KTEST_EXPECT_TRUE(t, all_bytes(p2, SZ_256K, 0));
	dma_free_coherent(dev, SZ_256K, p2, h2);
	dma_pool_get_info(dev->dma_pool, &pi);
	KTEST_EXPECT_EQ(t, pi.used_pages, 0);
	KTEST_EXPECT_GE(t, pi.users, 1);

	/* The no-map pool got a mapping for the pool's life. */
	KTEST_ASSERT_NOT_NULL(t, nomap->dma_pool);
	dma_pool_get_info(nomap->dma_pool, &pi);
	KTEST_EXPECT_TRUE(t, pi.nomap);
	p1 = dma_alloc_coherent(nomap, SZ_1M, &h1, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p1);
	KTEST_EXPECT_EQ(t, h1, pi.base);
	KTEST_EXPECT_TRUE(t, all_bytes(p1, SZ_1M, 0));
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(h1), ARCH_LINEAR_NONCACHED);
	dma_free_coherent(nomap, SZ_1M, p1, h1);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

/*
 * A no-map pool outside RAM (dts/test/rmem-device-pool.dts: the board's
 * video RAM) is device memory: it has no linear alias and no struct page;
 * the pool maps it with arch_memremap_wc() and dma_alloc_coherent() hands
 * out addresses in that mapping.
 */
static void a_pool_in_device_memory_outside_ram_serves_coherent_buffers(struct ktest *t)
{
	struct device *dev = device_find("dmatest-vram");
	const struct reserved_mem *rm = reserved_mem_find("vram");
	struct dma_pool_info pi;
	char log[DMATEST_LOG];
	dma_addr_t h1, h2, h3;
	u8 *p1, *p2, *p3;

	if (!dev) {
		ktest_skip(t, "no dmatest-vram device: boot with dts/test/rmem-device-pool.dts");
		return;
	}
	KTEST_ASSERT_NOT_NULL(t, rm);
	KTEST_ASSERT_EQ(t, dev->state, DEVICE_BOUND);
	KTEST_EXPECT_EQ(t, rm->flags & (RMEM_DEVICE | RMEM_NOMAP | RMEM_DMA_POOL),
			RMEM_DEVICE | RMEM_NOMAP | RMEM_DMA_POOL);
	KTEST_EXPECT_FALSE(t, memblock_is_region_memory(rm->base, rm->size));
	KTEST_ASSERT_NOT_NULL(t, dev->dma_pool);
	dma_pool_get_info(dev->dma_pool, &pi);
	KTEST_EXPECT_STREQ(t, pi.name, "vram");
	KTEST_EXPECT_TRUE(t, pi.device && pi.nomap);
	KTEST_EXPECT_EQ(t, pi.base, rm->base);
	KTEST_EXPECT_EQ(t, pi.size, rm->size);
	KTEST_EXPECT_EQ(t, pi.used_pages, 0);

	p1 = dma_alloc_coherent(dev, SZ_64K, &h1, GFP_KERNEL);
	p2 = dma_alloc_coherent(dev, SZ_1M, &h2, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, p1 && p2);
	KTEST_EXPECT_TRUE(t, h1 >= pi.base && h1 + SZ_64K <= pi.base + pi.size);
	KTEST_EXPECT_TRUE(t, h2 >= pi.base && h2 + SZ_1M <= pi.base + pi.size);
	KTEST_EXPECT_TRUE(t, h1 + SZ_64K <= h2 || h2 + SZ_1M <= h1);
	/* One mapping of the whole pool: CPU and bus offsets agree. */
	KTEST_EXPECT_EQ(t, (long)(p2 - p1), (long)(h2 - h1));
	KTEST_EXPECT_FALSE(t, arch_virt_addr_valid(p1));
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(h1), -EINVAL);
	KTEST_EXPECT_TRUE(t, all_bytes(p1, SZ_64K, 0));
	KTEST_EXPECT_TRUE(t, all_bytes(p2, SZ_1M, 0));
	memset(p1, 0x5a, SZ_64K);
	memset(p2, 0xa5, SZ_1M);
	KTEST_EXPECT_TRUE(t, all_bytes(p1, SZ_64K, 0x5a));
	KTEST_EXPECT_TRUE(t, all_bytes(p2, SZ_1M, 0xa5));
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);

	/* More than the pool holds: refused with a message, no fallback. */
	printk_capture_begin(log, sizeof(log));
	p3 = dma_alloc_coherent(dev, 2 * SZ_4M, &h3, GFP_KERNEL);
	printk_capture_end();
	KTEST_EXPECT_NULL(t, p3);
	DMATEST_EXPECT_LOG(t, log, "dmatest-vram: its coherent pool vram has no free run of 2048 pages");

	dma_free_coherent(dev, SZ_1M, p2, h2);
	/* The freed buffer comes back zeroed. */
	p3 = dma_alloc_coherent(dev, SZ_1M, &h3, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p3);
	KTEST_EXPECT_TRUE(t, all_bytes(p3, SZ_1M, 0));
	dma_free_coherent(dev, SZ_1M, p3, h3);
	dma_free_coherent(dev, SZ_64K, p1, h1);
	dma_pool_get_info(dev->dma_pool, &pi);
	KTEST_EXPECT_EQ(t, pi.used_pages, 0);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

static void masks_below_ram_are_refused(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-plain");
	char log[DMATEST_LOG];

	if (!dev)
		return;
	dmatest_masked_dev = dev;
	printk_capture_begin(log, sizeof(log));
	KTEST_EXPECT_EQ(t, dma_set_mask(dev, DMA_BIT_MASK(24)), -EIO);
	KTEST_EXPECT_EQ(t, dma_set_coherent_mask(dev, DMA_BIT_MASK(24)), -EIO);
	KTEST_EXPECT_EQ(t, dma_set_mask_and_coherent(dev, DMA_BIT_MASK(24)), -EIO);
	printk_capture_end();
	DMATEST_EXPECT_LOG(t, log, "dmatest-plain: DMA mask 0xffffff is below all RAM");
	DMATEST_EXPECT_LOG(t, log, "dmatest-plain: coherent DMA mask 0xffffff is below all RAM");
	KTEST_EXPECT_EQ(t, dev->dma_mask, DMA_BIT_MASK(32));
	KTEST_EXPECT_EQ(t, dev->coherent_dma_mask, DMA_BIT_MASK(32));
	KTEST_EXPECT_EQ(t, dma_set_mask_and_coherent(dev, DMA_BIT_MASK(64)), 0);
	KTEST_EXPECT_EQ(t, dev->coherent_dma_mask, DMA_BIT_MASK(64));
}

static void streaming_refuses_buffers_outside_the_mask_and_the_linear_map(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-plain");
	struct page *page = alloc_page(GFP_KERNEL);
	char log[DMATEST_LOG], on_stack[64];
	dma_addr_t addr;
	u64 pa;

	if (!dev || !page) {
		if (page)
			__free_page(page);
		return;
	}
	pa = page_to_phys(page);
	dmatest_masked_dev = dev;
	KTEST_ASSERT_EQ(t, dma_set_mask(dev, pa + PAGE_SIZE - 2), 0);
	printk_capture_begin(log, sizeof(log));
	addr = dma_map_single(dev, page_address(page), PAGE_SIZE, DMA_TO_DEVICE);
	KTEST_EXPECT_TRUE(t, dma_mapping_error(dev, addr));
	addr = dma_map_single(dev, on_stack, sizeof(on_stack), DMA_TO_DEVICE);
	KTEST_EXPECT_TRUE(t, dma_mapping_error(dev, addr));
	addr = dma_map_single(dev, page_address(page), PAGE_SIZE - 1, DMA_NONE);
	KTEST_EXPECT_TRUE(t, dma_mapping_error(dev, addr));
	printk_capture_end();
	DMATEST_EXPECT_LOG(t, log, "bytes): beyond its DMA mask");
	DMATEST_EXPECT_LOG(t, log, "not a buffer in the linear map");
	DMATEST_EXPECT_LOG(t, log, "dma_map_single: direction 3 is not DMA_TO_DEVICE");
	/* A buffer without a kernel mapping cannot be maintained by address. */
	{
		dma_addr_t h;
		void *cookie = dma_alloc_attrs(dev, SZ_64K, &h, GFP_KERNEL,
					       DMA_ATTR_NO_KERNEL_MAPPING);

		KTEST_EXPECT_EQ(t, dma_set_mask(dev, DMA_BIT_MASK(32)), 0);
		if (KTEST_EXPECT_NOT_NULL(t, cookie)) {
			printk_capture_begin(log, sizeof(log));
			addr = dma_map_single(dev, cookie, SZ_64K, DMA_FROM_DEVICE);
			printk_capture_end();
			KTEST_EXPECT_TRUE(t, dma_mapping_error(dev, addr));
			DMATEST_EXPECT_LOG(t, log, "the buffer has no kernel mapping");
			dma_free_attrs(dev, SZ_64K, cookie, h, DMA_ATTR_NO_KERNEL_MAPPING);
		}
		KTEST_EXPECT_EQ(t, dma_set_mask(dev, pa + PAGE_SIZE - 2), 0);
	}
	/* One byte less fits under the mask. */
	addr = dma_map_single(dev, page_address(page), PAGE_SIZE - 1, DMA_TO_DEVICE);
	KTEST_EXPECT_EQ(t, addr, pa);
	dma_unmap_single(dev, addr, PAGE_SIZE - 1, DMA_TO_DEVICE);
	__free_page(page);
}

/* ---- cache maintenance per direction ------------------------------------- */

#ifdef CONFIG_ARCH_HOST
/*
 * A recording outer cache for the host, which has none: each call notes
 * its range and how many L1 operations this CPU had done by then, so a
 * case can tell which came first. Registered once, for the rest of the
 * run (the host has no real outer cache it could hide).
 */
enum { OC_INV, OC_CLEAN, OC_FLUSH, OC_OPS };

static struct {
	unsigned long calls[OC_OPS];
	u64 start[OC_OPS], end[OC_OPS];
	unsigned long l1_before[OC_OPS]; /* L1 calls this CPU had made */
} oc;

static unsigned long l1_calls(void)
{
	struct host_cache_stats st;

	host_cache_stats(arch_cpu_id(), &st);
	return st.calls[HOST_DCACHE_CLEAN] + st.calls[HOST_DCACHE_INV] +
	       st.calls[HOST_DCACHE_FLUSH];
}

static void oc_note(int op, phys_addr_t start, phys_addr_t end)
{
	oc.calls[op]++;
	oc.start[op] = start;
	oc.end[op] = end;
	oc.l1_before[op] = l1_calls();
}

static void oc_inv(phys_addr_t s, phys_addr_t e) { oc_note(OC_INV, s, e); }
static void oc_clean(phys_addr_t s, phys_addr_t e) { oc_note(OC_CLEAN, s, e); }
static void oc_flush(phys_addr_t s, phys_addr_t e) { oc_note(OC_FLUSH, s, e); }
static void oc_sync(void) { }
static bool oc_enabled(void) { return true; }

static const struct outer_cache_fns recording_outer = {
	.name = "ktest-recorder",
	.inv_range = oc_inv,
	.clean_range = oc_clean,
	.flush_range = oc_flush,
	.sync = oc_sync,
	.enabled = oc_enabled,
};

static bool recorder_ready(struct ktest *t)
{
	if (!outer_cache())
		outer_cache_register(&recording_outer);
	if (outer_cache() != &recording_outer) {
		ktest_skip(t, "another outer cache (%s) is registered", outer_cache()->name);
		return false;
	}
	return true;
}

struct expect {
	unsigned long clean, inv, flush;          /* L1 calls */
	unsigned long o_clean, o_inv, o_flush;    /* outer calls */
	bool outer_after_l1;
};

/*
 * Run @what on [va, va + size) and check the L1 and outer calls it made:
 * their counts, that each covered exactly the buffer, and their order.
 */
static void check_maintenance(struct ktest *t, const char *what, void *va, u64 pa, size_t size,
			      const struct expect *e, void (*fn)(void *arg), void *arg)
{
	struct host_cache_stats a, b;
	unsigned long oc_before[OC_OPS], l1_start;
	unsigned int i;
	static const int l1_op[3] = { HOST_DCACHE_CLEAN, HOST_DCACHE_INV, HOST_DCACHE_FLUSH };
	const unsigned long l1_want[3] = { e->clean, e->inv, e->flush };
	const unsigned long oc_want[OC_OPS] = { e->o_inv, e->o_clean, e->o_flush };

	host_cache_stats(arch_cpu_id(), &a);
	memcpy(oc_before, oc.calls, sizeof(oc_before));
	l1_start = l1_calls();
	fn(arg);
	host_cache_stats(arch_cpu_id(), &b);
	for (i = 0; i < 3; i++) {
		unsigned long calls = b.calls[l1_op[i]] - a.calls[l1_op[i]];

		if (calls != l1_want[i])
			ktest_fail(t, __FILE__, __LINE__, "%s: %lu L1 %s calls, expected %lu", what,
				   calls, i == 0 ? "clean" : i == 1 ? "invalidate" : "clean+inv",
				   l1_want[i]);
		else if (calls && (b.last_start[l1_op[i]] != (uintptr_t)va ||
				   b.last_size[l1_op[i]] != size))
			ktest_fail(t, __FILE__, __LINE__, "%s: L1 maintenance of %#lx+%zu, expected %p+%zu",
				   what, (unsigned long)b.last_start[l1_op[i]],
				   b.last_size[l1_op[i]], va, size);
	}
	for (i = 0; i < OC_OPS; i++) {
		unsigned long calls = oc.calls[i] - oc_before[i];

		if (calls != oc_want[i]) {
			ktest_fail(t, __FILE__, __LINE__, "%s: %lu outer op %u calls, expected %lu",
				   what, calls, i, oc_want[i]);
			continue;
		}
		if (!calls)
			continue;
		if (oc.start[i] != pa || oc.end[i] != pa + size)
			ktest_fail(t, __FILE__, __LINE__, "%s: outer range %#llx-%#llx, expected %#llx-%#llx",
				   what, (unsigned long long)oc.start[i],
				   (unsigned long long)oc.end[i], (unsigned long long)pa,
				   (unsigned long long)(pa + size));
		/* After L1: the L1 call was made before the outer one. */
		if (e->outer_after_l1 != (oc.l1_before[i] > l1_start))
			ktest_fail(t, __FILE__, __LINE__, "%s: the outer cache was maintained %s L1, expected %s",
				   what, oc.l1_before[i] > l1_start ? "after" : "before",
				   e->outer_after_l1 ? "after" : "before");
	}
}
#endif /* CONFIG_ARCH_HOST */

struct stream_call {
	struct device *dev;
	void *va;
	dma_addr_t addr;
	size_t size;
	enum dma_data_direction dir;
};

static void do_map(void *arg)
{
	struct stream_call *c = arg;

	c->addr = dma_map_single(c->dev, c->va, c->size, c->dir);
}

static void do_unmap(void *arg)
{
	struct stream_call *c = arg;

	dma_unmap_single(c->dev, c->addr, c->size, c->dir);
}

static void do_sync_cpu(void *arg)
{
	struct stream_call *c = arg;

	dma_sync_single_for_cpu(c->dev, c->addr, c->size, c->dir);
}

static void do_sync_dev(void *arg)
{
	struct stream_call *c = arg;

	dma_sync_single_for_device(c->dev, c->addr, c->size, c->dir);
}

static void streaming_mappings_maintain_the_caches_per_direction(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-plain");
	static const enum dma_data_direction dirs[] = { DMA_TO_DEVICE, DMA_FROM_DEVICE,
							DMA_BIDIRECTIONAL };
	struct stream_call c;
	unsigned int i;
	u8 *buf;

	if (!dev)
		return;
	/* An unaligned buffer inside a kmalloc object: partial lines at both ends. */
	buf = kmalloc(3000, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, buf);
	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		c = (struct stream_call){ .dev = dev, .va = buf + 13, .size = 2900, .dir = dirs[i] };
		memset(buf, 0x11 * (i + 1), 3000);
#ifdef CONFIG_ARCH_HOST
		if (!recorder_ready(t))
			break;
		{
			static const struct expect map[] = {
				[DMA_TO_DEVICE] = { .clean = 1, .o_clean = 1, .outer_after_l1 = true },
				[DMA_FROM_DEVICE] = { .inv = 1, .o_inv = 1, .outer_after_l1 = true },
				[DMA_BIDIRECTIONAL] = { .flush = 1, .o_clean = 1, .outer_after_l1 = true },
			};
			static const struct expect unmap[] = {
				[DMA_TO_DEVICE] = { 0 },
				[DMA_FROM_DEVICE] = { .inv = 1, .o_inv = 1 },
				[DMA_BIDIRECTIONAL] = { .inv = 1, .o_inv = 1 },
			};
			u64 pa = __pa(c.va);

			check_maintenance(t, "map", c.va, pa, c.size, &map[c.dir], do_map, &c);
			KTEST_EXPECT_EQ(t, c.addr, pa);
			check_maintenance(t, "sync_for_cpu", c.va, pa, c.size, &unmap[c.dir],
					  do_sync_cpu, &c);
			check_maintenance(t, "sync_for_device", c.va, pa, c.size, &map[c.dir],
					  do_sync_dev, &c);
			check_maintenance(t, "unmap", c.va, pa, c.size, &unmap[c.dir], do_unmap, &c);
		}
#else
		do_map(&c);
		KTEST_EXPECT_EQ(t, c.addr, __pa(c.va));
		do_sync_cpu(&c);
		do_sync_dev(&c);
		do_unmap(&c);
		/* The bytes around the buffer share its first and last lines. */
		KTEST_EXPECT_TRUE(t, all_bytes(buf, 3000, 0x11 * (i + 1)));
		if (i == 0 && !KTEST_EXPECT_TRUE(t, outer_cache() && outer_cache()->enabled()))
			ktest_info(t, "no outer cache: the PL310 should be running");
#endif
	}
	kfree(buf);
}

static void coherent_alloc_flushes_the_alias_before_it_goes_uncached(struct ktest *t)
{
	struct device *dev = dmatest_device(t, "dmatest-single");
	dma_addr_t h;
	void *p;

	if (!dev)
		return;
#ifdef CONFIG_ARCH_HOST
	{
		struct host_cache_stats a, b;

		host_cache_stats(arch_cpu_id(), &a);
		p = dma_alloc_coherent(dev, SZ_256K, &h, GFP_KERNEL);
		host_cache_stats(arch_cpu_id(), &b);
		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_EQ(t, b.calls[HOST_DCACHE_FLUSH] - a.calls[HOST_DCACHE_FLUSH], 1);
		KTEST_EXPECT_EQ(t, b.last_start[HOST_DCACHE_FLUSH], (uintptr_t)p);
		KTEST_EXPECT_EQ(t, b.last_size[HOST_DCACHE_FLUSH], SZ_256K);
		KTEST_EXPECT_EQ(t, b.calls[HOST_LINEAR_NONCACHED] - a.calls[HOST_LINEAR_NONCACHED], 1);
		KTEST_EXPECT_EQ(t, b.last_start[HOST_LINEAR_NONCACHED], h);
		KTEST_EXPECT_EQ(t, b.last_size[HOST_LINEAR_NONCACHED], SZ_256K);
		host_cache_stats(arch_cpu_id(), &a);
		dma_free_coherent(dev, SZ_256K, p, h);
		host_cache_stats(arch_cpu_id(), &b);
		/* Lines a speculative fill left are dropped before it is cacheable again. */
		KTEST_EXPECT_EQ(t, b.calls[HOST_DCACHE_INV] - a.calls[HOST_DCACHE_INV], 1);
		KTEST_EXPECT_EQ(t, b.last_size[HOST_DCACHE_INV], SZ_256K);
		KTEST_EXPECT_EQ(t, b.calls[HOST_LINEAR_CACHED] - a.calls[HOST_LINEAR_CACHED], 1);
		KTEST_EXPECT_EQ(t, b.calls[HOST_DCACHE_FLUSH] - a.calls[HOST_DCACHE_FLUSH], 0);
	}
#else
	/*
	 * On the board: the descriptors, and the data. What the CPU writes
	 * through the non-cacheable alias is in memory at once: a Device
	 * mapping of the same RAM (what the device sees) reads it back.
	 */
	p = dma_alloc_coherent(dev, SZ_256K, &h, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(h), ARCH_LINEAR_NONCACHED);
	memset(p, 0xc3, SZ_256K);
	{
		const volatile u8 __iomem *mem = ioremap(h, SZ_256K);
		size_t i, bad = 0;

		KTEST_ASSERT_NOT_NULL(t, mem);
		for (i = 0; i < SZ_256K; i += 64)
			bad += mem[i] != 0xc3;
		KTEST_EXPECT_EQ(t, bad, 0);
	}
	dma_free_coherent(dev, SZ_256K, p, h);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(h), ARCH_LINEAR_CACHED);
#endif
}

/* ---- several CPUs -------------------------------------------------------- */

struct churn {
	struct ktest *t;
	struct device *dev[3];
};

static void churn_fn(unsigned int cpu, void *arg)
{
	struct churn *c = arg;
	struct { void *p; dma_addr_t h; size_t size; } held[8];
	unsigned int i, round;

	for (round = 0; round < 6; round++) {
		for (i = 0; i < ARRAY_SIZE(held); i++) {
			struct device *dev = c->dev[(cpu + i) % 3];

			/* The pool has 256 pages for everyone: small buffers there. */
			held[i].size = ((i * 7 + cpu) % (dev->dma_pool ? 4 : 20) + 1) * PAGE_SIZE;
			held[i].p = dma_alloc_coherent(dev, held[i].size, &held[i].h, GFP_KERNEL);
			if (!held[i].p) {
				KTEST_EXPECT_NOT_NULL(c->t, held[i].p);
				continue;
			}
			if (!all_bytes(held[i].p, held[i].size, 0))
				KTEST_EXPECT_TRUE(c->t, false);
			memset(held[i].p, (int)(cpu + 1), held[i].size);
		}
		for (i = 0; i < ARRAY_SIZE(held); i++) {
			if (!held[i].p)
				continue;
			if (!all_bytes(held[i].p, held[i].size, (u8)(cpu + 1)))
				KTEST_EXPECT_TRUE(c->t, false);
			dma_free_coherent(c->dev[(cpu + i) % 3], held[i].size, held[i].p, held[i].h);
		}
	}
}

static void several_cpus_allocate_and_free_coherent_buffers(struct ktest *t)
{
	struct churn c = { .t = t,
			   .dev = { dmatest_device(t, "dmatest-single"),
				    dmatest_device(t, "dmatest-named"),
				    dmatest_device(t, "dmatest-pool") } };
	unsigned long before[3], pages, n;
	unsigned int i;

	if (!c.dev[0] || !c.dev[1] || !c.dev[2])
		return;
	for (i = 0; i < 3; i++)
		dma_buffer_count(c.dev[i], &n, &before[i]);
	arch_smp_run(4, churn_fn, &c);
	for (i = 0; i < 3; i++) {
		dma_buffer_count(c.dev[i], &n, &pages);
		KTEST_EXPECT_EQ(t, pages, before[i]);
	}
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

static struct ktest_case dma_cases[] = {
	KTEST_CASE(coherent_buffers_come_zeroed_from_the_devices_region),
	KTEST_CASE(a_freed_buffers_data_never_shows_in_the_next_allocation),
	KTEST_CASE(small_requests_come_from_the_page_allocator),
	KTEST_CASE(a_device_with_no_usable_region_uses_the_page_allocator),
	KTEST_CASE(no_kernel_mapping_unmaps_the_alias_and_write_combine_is_uncached),
	KTEST_CASE(double_foreign_and_mismatched_frees_are_refused),
	KTEST_CASE(the_coherent_pool_serves_every_size_and_nothing_else),
	KTEST_CASE(a_pool_in_device_memory_outside_ram_serves_coherent_buffers),
	KTEST_CASE(masks_below_ram_are_refused),
	KTEST_CASE(streaming_refuses_buffers_outside_the_mask_and_the_linear_map),
	KTEST_CASE(streaming_mappings_maintain_the_caches_per_direction),
	KTEST_CASE(coherent_alloc_flushes_the_alias_before_it_goes_uncached),
	KTEST_CASE(several_cpus_allocate_and_free_coherent_buffers),
	{}
};

static struct ktest_suite dma_suite = {
	.name = "dma",
	.cases = dma_cases,
	.init = dmatest_masks_init,
	.exit = dmatest_masks_exit,
};
ktest_register(dma_suite);

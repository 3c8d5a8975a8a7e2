// SPDX-License-Identifier: GPL-2.0-only
/*
 * ARM PL310 (L2C-310) L2 cache controller ("arm,pl310-cache"), the outer
 * cache of Cortex-A9 boards.
 *
 * Init: when the controller is still disabled, program the tag and data
 * RAM latencies the DT gives (arm,tag-latency / arm,data-latency, three
 * cells each: read, write, setup, in cycles), invalidate every way, sync,
 * and enable it. A controller the boot loader already enabled is left as
 * it is. Then the maintenance operations are registered as the outer
 * cache (include/contig/outer_cache.h).
 *
 * Maintenance by physical address works line by line (32 bytes) through
 * the "by PA" registers, which on the L2C-310 complete atomically; each
 * range ends with a cache sync. Invalidating a range cleans+invalidates
 * its partial first and last lines so neighbouring data survives. A clean
 * or clean+invalidate of a range at least as large as the cache is done
 * for the whole cache instead, by way (one register write and a wait
 * instead of a write per line), as Linux's L2C-310 code does; lines of
 * other data are written back on the way, which is harmless. Not on
 * r2p0, whose background clean+invalidate by way can corrupt data
 * (erratum 727915): that revision keeps going line by line.
 *
 * Lock contract: l2x0_lock (interrupts masked) serialises maintenance
 * operations, as the controller's background operations and sync must not
 * interleave; long ranges are done 4 KiB at a time, dropping the lock in
 * between so interrupts are not held off for long.
 *
 * Registers (L2C-310 TRM): cache ID 0x000, cache type 0x004, control
 * 0x100, auxiliary control 0x104, tag/data RAM latency 0x108/0x10c, cache
 * sync 0x730, invalidate by PA 0x770, invalidate by way 0x77c, clean by
 * PA 0x7b0, clean+invalidate by PA 0x7f0, clean+invalidate by way 0x7fc.
 */
#define pr_fmt(fmt) "l2x0: " fmt

#include <contig/errno.h>
#include <contig/io.h>
#include <contig/kernel.h>
#include <contig/of.h>
#include <contig/outer_cache.h>
#include <contig/spinlock.h>
#include <libfdt.h>

#define L2X0_CACHE_ID 0x000
#define L2X0_CACHE_TYPE 0x004
#define L2X0_CTRL 0x100
#define L2X0_AUX_CTRL 0x104
#define L2X0_TAG_LATENCY 0x108
#define L2X0_DATA_LATENCY 0x10c
#define L2X0_CACHE_SYNC 0x730
#define L2X0_INV_LINE_PA 0x770
#define L2X0_INV_WAY 0x77c
#define L2X0_CLEAN_LINE_PA 0x7b0
#define L2X0_CLEAN_INV_LINE_PA 0x7f0
#define L2X0_CLEAN_INV_WAY 0x7fc
#define L2X0_CACHE_ID_RTL(id) ((id) & 0x3f)
#define L2X0_RTL_R2P0 0x4

#define L2X0_CTRL_EN (1U << 0)
#define L2X0_AUX_ASSOC16 (1U << 16)
#define L2X0_AUX_WAYSIZE(aux) (((aux) >> 17) & 7)
#define L2X0_LINE 32UL
#define L2X0_CHUNK 4096UL

static void __iomem *l2x0_base;
static u32 l2x0_way_mask;       /* every way, for the by-way operations */
static unsigned long l2x0_size; /* bytes; 0: never maintain the whole cache */
static DEFINE_SPINLOCK(l2x0_lock);

/* Wait for a background operation on @reg (by way, sync) to finish. */
static void l2x0_wait_locked(unsigned int reg, u32 mask)
{
	assert_spin_locked(&l2x0_lock);
	while (readl_relaxed(l2x0_base + reg) & mask)
		;
}

static void l2x0_sync_locked(void)
{
	assert_spin_locked(&l2x0_lock);
	writel_relaxed(0, l2x0_base + L2X0_CACHE_SYNC);
	l2x0_wait_locked(L2X0_CACHE_SYNC, 1);
}

/* Apply the by-PA operation @reg to every line of [start, end). */
static void l2x0_op_range(unsigned int reg, phys_addr_t start, phys_addr_t end)
{
	unsigned long flags;

	start = ALIGN_DOWN(start, L2X0_LINE);
	while (start < end) {
		phys_addr_t stop = min(end, ALIGN_DOWN(start, L2X0_CHUNK) + L2X0_CHUNK);

		spin_lock_irqsave(&l2x0_lock, flags);
		for (; start < stop; start += L2X0_LINE)
			writel_relaxed((u32)start, l2x0_base + reg);
		spin_unlock_irqrestore(&l2x0_lock, flags);
	}
	spin_lock_irqsave(&l2x0_lock, flags);
	l2x0_sync_locked();
	spin_unlock_irqrestore(&l2x0_lock, flags);
}

static void l2x0_inv_range(phys_addr_t start, phys_addr_t end)
{
	unsigned long flags;

	/* Partial lines hold someone else's data too: write them back first. */
	spin_lock_irqsave(&l2x0_lock, flags);
	if (start & (L2X0_LINE - 1)) {
		start = ALIGN_DOWN(start, L2X0_LINE);
		writel_relaxed((u32)start, l2x0_base + L2X0_CLEAN_INV_LINE_PA);
		start += L2X0_LINE;
	}
	if (end & (L2X0_LINE - 1)) {
		end = ALIGN_DOWN(end, L2X0_LINE);
		writel_relaxed((u32)end, l2x0_base + L2X0_CLEAN_INV_LINE_PA);
	}
	spin_unlock_irqrestore(&l2x0_lock, flags);
	if (start < end)
		l2x0_op_range(L2X0_INV_LINE_PA, start, end);
	else
		l2x0_op_range(L2X0_INV_LINE_PA, 0, 0); /* just the sync */
}

/* Clean+invalidate every line of every way, then sync. */
static void l2x0_flush_all(void)
{
	unsigned long flags;

	spin_lock_irqsave(&l2x0_lock, flags);
	writel_relaxed(l2x0_way_mask, l2x0_base + L2X0_CLEAN_INV_WAY);
	l2x0_wait_locked(L2X0_CLEAN_INV_WAY, l2x0_way_mask);
	l2x0_sync_locked();
	spin_unlock_irqrestore(&l2x0_lock, flags);
}

static bool l2x0_whole(phys_addr_t start, phys_addr_t end)
{
	return l2x0_size && end > start && end - start >= l2x0_size;
}

static void l2x0_clean_range(phys_addr_t start, phys_addr_t end)
{
	/* Clean+invalidate: a clean by way would leave the lines valid, and
	 * the cost is the same. */
	if (l2x0_whole(start, end))
		l2x0_flush_all();
	else
		l2x0_op_range(L2X0_CLEAN_LINE_PA, start, end);
}

static void l2x0_flush_range(phys_addr_t start, phys_addr_t end)
{
	if (l2x0_whole(start, end))
		l2x0_flush_all();
	else
		l2x0_op_range(L2X0_CLEAN_INV_LINE_PA, start, end);
}

static void l2x0_sync(void)
{
	unsigned long flags;

	spin_lock_irqsave(&l2x0_lock, flags);
	l2x0_sync_locked();
	spin_unlock_irqrestore(&l2x0_lock, flags);
}

static bool l2x0_enabled(void)
{
	return readl_relaxed(l2x0_base + L2X0_CTRL) & L2X0_CTRL_EN;
}

static const struct outer_cache_fns l2x0_fns = {
	.name = "PL310",
	.inv_range = l2x0_inv_range,
	.clean_range = l2x0_clean_range,
	.flush_range = l2x0_flush_range,
	.sync = l2x0_sync,
	.enabled = l2x0_enabled,
};

/* A 3-cell latency property (read, write, setup cycles) as a RAM control value. */
static int l2x0_latency(const void *fdt, int node, const char *prop, u32 *val)
{
	int len, i;
	const fdt32_t *p = fdt_getprop(fdt, node, prop, &len);
	u32 c[3];

	if (!p)
		return 0;
	if (len != 12) {
		pr_err("%s must have 3 cells (read, write, setup), has %d bytes: ignored\n",
		       prop, len);
		return 0;
	}
	for (i = 0; i < 3; i++) {
		c[i] = fdt32_to_cpu(p[i]);
		if (c[i] < 1 || c[i] > 8) {
			pr_err("%s: latency %u is out of range 1..8: ignored\n", prop,
			       (unsigned int)c[i]);
			return 0;
		}
	}
	*val = ((c[1] - 1) << 8) | ((c[0] - 1) << 4) | (c[2] - 1);
	return 1;
}

static int l2x0_of_init(const void *fdt, int node)
{
	phys_addr_t base, size;
	u32 aux, id, lat, ways, way_kib;
	unsigned long flags;
	bool was_on;
	int ret;

	if (l2x0_base)
		return -EBUSY;
	ret = of_get_reg(fdt, node, 0, &base, &size);
	if (ret) {
		pr_err("the PL310 node has no usable reg (%d)\n", ret);
		return ret;
	}
	l2x0_base = ioremap(base, size);
	if (!l2x0_base) {
		pr_err("cannot map the PL310 at %#llx\n", (unsigned long long)base);
		return -ENOMEM;
	}
	id = readl_relaxed(l2x0_base + L2X0_CACHE_ID);
	aux = readl_relaxed(l2x0_base + L2X0_AUX_CTRL);
	ways = aux & L2X0_AUX_ASSOC16 ? 16 : 8;
	way_kib = L2X0_AUX_WAYSIZE(aux) ? 8U << L2X0_AUX_WAYSIZE(aux) : 16;
	l2x0_way_mask = (1U << ways) - 1;
	if (L2X0_CACHE_ID_RTL(id) != L2X0_RTL_R2P0)
		l2x0_size = (unsigned long)ways * way_kib * 1024;
	was_on = l2x0_enabled();
	if (!was_on) {
		if (l2x0_latency(fdt, node, "arm,tag-latency", &lat))
			writel_relaxed(lat, l2x0_base + L2X0_TAG_LATENCY);
		if (l2x0_latency(fdt, node, "arm,data-latency", &lat))
			writel_relaxed(lat, l2x0_base + L2X0_DATA_LATENCY);
		spin_lock_irqsave(&l2x0_lock, flags);
		writel_relaxed((1U << ways) - 1, l2x0_base + L2X0_INV_WAY);
		l2x0_wait_locked(L2X0_INV_WAY, (1U << ways) - 1);
		l2x0_sync_locked();
		writel(L2X0_CTRL_EN, l2x0_base + L2X0_CTRL);
		spin_unlock_irqrestore(&l2x0_lock, flags);
	}
	outer_cache_register(&l2x0_fns);
	pr_info("PL310 at %#llx (cache ID %#x, aux %#x): %u ways x %u KiB, %s\n",
		(unsigned long long)base, (unsigned int)id, (unsigned int)aux,
		(unsigned int)ways, (unsigned int)way_kib,
		was_on ? "already enabled" : "enabled");
	return 0;
}

OF_EARLY_DECLARE(pl310, "arm,pl310-cache", OF_EARLY_CACHE, l2x0_of_init);

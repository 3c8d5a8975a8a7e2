// SPDX-License-Identifier: GPL-2.0-only
/*
 * Outer cache dispatch (include/contig/outer_cache.h): forwards range
 * maintenance to the registered outer cache driver, or does nothing when
 * there is none. Registration happens once at early boot, before other
 * CPUs run; the pointer is then read-only (published with release).
 */
#define pr_fmt(fmt) "outer_cache: " fmt

#include <contig/kernel.h>
#include <contig/outer_cache.h>

static const struct outer_cache_fns *outer_fns;

/**
 * outer_cache_register - install the outer cache's maintenance operations
 * @fns: every operation must be set
 */
void outer_cache_register(const struct outer_cache_fns *fns)
{
	ASSERT_MSG(fns && fns->inv_range && fns->clean_range && fns->flush_range &&
		   fns->sync && fns->enabled, "outer cache %s lacks an operation",
		   fns && fns->name ? fns->name : "?");
	if (outer_fns) {
		pr_err("%s ignored: %s is already the outer cache\n", fns->name,
		       outer_fns->name);
		return;
	}
	__atomic_store_n(&outer_fns, fns, __ATOMIC_RELEASE);
}

const struct outer_cache_fns *outer_cache(void)
{
	return __atomic_load_n(&outer_fns, __ATOMIC_ACQUIRE);
}

/* Invalidate [start, end) in the outer cache (partial lines are cleaned first). */
void outer_inv_range(phys_addr_t start, phys_addr_t end)
{
	const struct outer_cache_fns *f = outer_cache();

	if (f && start < end)
		f->inv_range(start, end);
}

/* Write dirty outer-cache lines of [start, end) back to memory. */
void outer_clean_range(phys_addr_t start, phys_addr_t end)
{
	const struct outer_cache_fns *f = outer_cache();

	if (f && start < end)
		f->clean_range(start, end);
}

/* Clean, then invalidate, [start, end) in the outer cache. */
void outer_flush_range(phys_addr_t start, phys_addr_t end)
{
	const struct outer_cache_fns *f = outer_cache();

	if (f && start < end)
		f->flush_range(start, end);
}

/* Wait until the outer cache has drained its buffers. */
void outer_sync(void)
{
	const struct outer_cache_fns *f = outer_cache();

	if (f)
		f->sync();
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * CMA areas.
 *
 * A CMA area is a named range of RAM reserved at boot (from the DT's
 * /reserved-memory or the cma= boot parameter) whose pageblocks are
 * MIGRATE_CMA once activated: the buddy allocator hands its pages only to
 * movable allocations, so the memory is in use while no device needs it,
 * and cma_alloc() can take any part of it back with alloc_contig_range().
 *
 * Each area keeps a bitmap of what it has handed out, one bit per
 * 2^order_per_bit pages, and its own counters, both under the area's lock.
 * The lock is never held across alloc_contig_range(): a window is marked
 * taken in the bitmap first, then carved, then given back to the bitmap if
 * the carve failed. Carves in different areas (and in different windows of
 * one area) therefore run in parallel; there is no global CMA lock.
 *
 * Areas are declared while memblock is the only allocator (cma_declare())
 * and activated once the buddy allocator runs (cma_activate_areas()).
 *
 * Each area has a borrowing policy (contig/cma_borrow.h): every pageblock
 * records it before its pages first reach the buddy, and the buddy keeps
 * the free pages of "clean" and "none" areas away from ordinary movable
 * allocations. cma_set_borrow() changes it by carving the whole area
 * first, so no page of it is free or borrowed while the policy changes.
 */
#define pr_fmt(fmt) "cma: " fmt

#include <contig/cma.h>
#include <contig/alloc_contig.h>
#include <contig/bitmap.h>
#include <contig/errno.h>
#include <contig/memblock.h>
#include <contig/mmzone.h>
#include <contig/slab.h>
#include <contig/spinlock.h>
#include <contig/string.h>
#include <contig/trace/cma.h>
#include <contig/cma_borrow.h>
#include <contig/movable.h>
#include <contig/idle.h>
#include <contig/phase.h>
#include "internal.h"

/* cma_alloc_report() flag, internal: a ready-reserve refill (not a carve). */
#define CMA_ALLOC_REFILL 0x100
static struct page *cma_ready_take(struct cma *cma, unsigned long count, unsigned int align);

struct cma {
	char name[CMA_NAME_LEN];
	char origin[64];
	unsigned long base_pfn;
	unsigned long count;         /* pages */
	unsigned int order_per_bit;  /* one bitmap bit covers 2^order_per_bit pages */
	bool is_default;
	bool activated;
	enum cma_borrow borrow;      /* who may borrow free pages */
	/* The ready reserve: [ready_pfn, +ready_nr) carved, zeroed, unused. */
	unsigned long ready_target, ready_pfn, ready_nr, ready_hits, ready_refills;
	unsigned long ready_failed_at; /* cma->released when a refill last failed */
	unsigned int ready_polls;      /* polls since then */
	bool ready_busy;               /* a refill runs (ready_nr is 0) */
	spinlock_t lock;             /* guards bitmap and the counters below */
	unsigned long *bitmap;       /* set: handed out by cma_alloc() */
	unsigned long used, allocs, alloc_pages, failed, failed_pages, released;
	unsigned long migrated, cleared, discarded, busy_retries, peak_used;
	u64 latency_total_ns, latency_max_ns;
};

static struct cma cma_areas[MAX_CMA_AREAS];
static unsigned int cma_area_nr;
static bool cma_ready_registered; /* cma_ready_work() is an idle job */
bool cma_ready_work(void);

/* Make cma_ready_work() an idle job, once. */
static void cma_ready_register(void)
{
	if (!__atomic_exchange_n(&cma_ready_registered, true, __ATOMIC_ACQ_REL))
		idle_work_register(cma_ready_work);
}

/* ---- unit conversions ------------------------------------------------ */

static unsigned long cma_bitmap_maxno(const struct cma *cma)
{
	return cma->count >> cma->order_per_bit;
}

/* Bits needed to cover @pages pages (rounded up). */
static unsigned long cma_bitmap_pages_to_bits(const struct cma *cma,
					      unsigned long pages)
{
	return ALIGN(pages, 1UL << cma->order_per_bit) >> cma->order_per_bit;
}

/* Mask on bit indexes that aligns the first page to 2^@align_order pages. */
static unsigned long cma_bitmap_aligned_mask(const struct cma *cma,
					     unsigned int align_order)
{
	if (align_order <= cma->order_per_bit)
		return 0;
	return (1UL << (align_order - cma->order_per_bit)) - 1;
}

/* How far bit 0 is from a 2^@align_order page boundary, in bits. */
static unsigned long cma_bitmap_aligned_offset(const struct cma *cma,
					       unsigned int align_order)
{
	return (cma->base_pfn & ((1UL << align_order) - 1)) >> cma->order_per_bit;
}

/* Largest run of clear bits, in pages. Caller holds cma->lock. */
static unsigned long cma_largest_free_locked(struct cma *cma)
{
	assert_spin_locked(&cma->lock);
	return bitmap_largest_zero_run(cma->bitmap, cma_bitmap_maxno(cma)) << cma->order_per_bit;
}

/* ---- declaration (memblock time) -------------------------------------- */

static const char *fmt_size(phys_addr_t size, char *buf, size_t len)
{
	if (size && size % SZ_1M == 0)
		snprintf(buf, len, "%llu MiB", (unsigned long long)(size / SZ_1M));
	else if (size && size % SZ_1K == 0)
		snprintf(buf, len, "%llu KiB", (unsigned long long)(size / SZ_1K));
	else
		snprintf(buf, len, "%llu bytes", (unsigned long long)size);
	return buf;
}

/**
 * cma_declare - validate a region request and reserve it in memblock
 * @decl: what the DT node or boot parameter asked for
 * @res: set to the new area on success
 *
 * The size is rounded up to whole pageblocks (with a message); the
 * alignment is at least one pageblock. On failure exactly one message is
 * printed, naming @decl->origin, what is wrong and what to change, and
 * nothing is reserved.
 * Return: 0; -EINVAL for a bad request; -EBUSY for an overlap; -ENOMEM when
 * no room is left in the placement window; -ENOSPC when the table is full;
 * -EEXIST for a duplicate name.
 */
int cma_declare(const struct cma_decl *decl, struct cma **res)
{
	const phys_addr_t pb_size = PFN_PHYS(pageblock_nr_pages);
	const char *origin = decl->origin ? decl->origin : "unknown origin";
	const char *name = decl->name;
	phys_addr_t size = decl->size, align = decl->align, base = decl->base;
	char s1[32], s2[32], s3[32];
	const char *what;
	struct cma *cma;
	unsigned int i;

	if (!name || !*name || strlen(name) >= CMA_NAME_LEN) {
		pr_err("%s: region name \"%s\" must be 1 to %d characters; region dropped\n",
		       origin, name ? name : "", CMA_NAME_LEN - 1);
		return -EINVAL;
	}
	if (cma_area_nr >= MAX_CMA_AREAS) {
		pr_err("%s: too many CMA regions (at most %d); raise CONFIG_CMA_AREAS or drop a region; region %s dropped\n",
		       origin, MAX_CMA_AREAS, name);
		return -ENOSPC;
	}
	if (cma_find(name)) {
		pr_err("%s: a region named %s already exists; give this one another name; region dropped\n",
		       origin, name);
		return -EEXIST;
	}
	if (decl->is_default && cma_default_area()) {
		pr_err("%s: region %s is marked default but %s already is; only one default area is allowed; region dropped\n",
		       origin, name, cma_default_area()->name);
		return -EEXIST;
	}
	if (size == 0) {
		pr_err("%s: region %s has size 0; give it a size; region dropped\n",
		       origin, name);
		return -EINVAL;
	}
	if (align && !is_power_of_2(align)) {
		pr_err("%s: region %s: alignment %#llx is not a power of two; region dropped\n",
		       origin, name, (unsigned long long)align);
		return -EINVAL;
	}
	if (decl->order_per_bit >= MAX_ORDER) {
		pr_err("%s: region %s: order_per_bit %u is too large (below %d); region dropped\n",
		       origin, name, decl->order_per_bit, MAX_ORDER);
		return -EINVAL;
	}
	align = max(align, pb_size);
	if (size > ~(phys_addr_t)0 - (pb_size - 1)) {
		pr_err("%s: region %s: size %#llx overflows the 64-bit address space when rounded up to whole %s pageblocks; give the size in bytes; region dropped\n",
		       origin, name, (unsigned long long)size, fmt_size(pb_size, s1, sizeof(s1)));
		return -EINVAL;
	}
	if (!IS_ALIGNED(size, pb_size)) {
		phys_addr_t rounded = ALIGN(size, pb_size);

		pr_info("%s: region %s: size %s rounded up to %s (whole %s pageblocks)\n",
			origin, name, fmt_size(size, s1, sizeof(s1)),
			fmt_size(rounded, s2, sizeof(s2)),
			fmt_size(pb_size, s3, sizeof(s3)));
		size = rounded;
	}

	if (decl->fixed) {
		if (!IS_ALIGNED(base, align)) {
			pr_err("%s: region %s: base %#llx is not aligned to %s; move it to a multiple of %#llx; region dropped\n",
			       origin, name, (unsigned long long)base,
			       fmt_size(align, s1, sizeof(s1)),
			       (unsigned long long)align);
			return -EINVAL;
		}
		if (size - 1 > ~(phys_addr_t)0 - base) {
			pr_err("%s: region %s: base %#llx + size %#llx wraps past the end of the 64-bit address space; region dropped\n",
			       origin, name, (unsigned long long)base, (unsigned long long)size);
			return -EINVAL;
		}
		if (!memblock_is_region_memory(base, size)) {
			pr_err("%s: region %s: %#llx-%#llx is outside RAM (%#llx-%#llx); region dropped\n",
			       origin, name, (unsigned long long)base,
			       (unsigned long long)(base + size - 1),
			       (unsigned long long)memblock_start_of_DRAM(),
			       (unsigned long long)(memblock_end_of_DRAM() - 1));
			return -EINVAL;
		}
		what = memblock_overlap_name(base, size);
		if (what) {
			pr_err("%s: region %s: %#llx-%#llx overlaps %s; move or shrink it; region dropped\n",
			       origin, name, (unsigned long long)base,
			       (unsigned long long)(base + size - 1), what);
			return -EBUSY;
		}
		if (memblock_reserve(base, size, name)) {
			pr_err("%s: region %s: memblock has no room to record the reservation; region dropped\n",
			       origin, name);
			return -ENOMEM;
		}
	} else {
		phys_addr_t start = decl->range_start, end = decl->range_end;

		if (end && end <= start) {
			pr_err("%s: region %s: placement range %#llx-%#llx is empty; region dropped\n",
			       origin, name, (unsigned long long)start,
			       (unsigned long long)end);
			return -EINVAL;
		}
		base = memblock_phys_alloc_range(size, align, start, end, name);
		if (!base) {
			pr_err("%s: region %s: no free %s aligned to %s in %#llx-%#llx; shrink it, widen the range or free RAM; region dropped\n",
			       origin, name, fmt_size(size, s1, sizeof(s1)),
			       fmt_size(align, s2, sizeof(s2)),
			       (unsigned long long)start,
			       (unsigned long long)(end ? end - 1 : memblock_end_of_DRAM() - 1));
			return -ENOMEM;
		}
	}

	/* One area must not straddle two banks (zones). */
	for (i = 0;; i++) {
		phys_addr_t b, e;
		unsigned int fl;

		if (!memblock_memory_range(i, &b, &e, &fl))
			break;
		if (base < e && base + size > b && (base < b || base + size > e)) {
			memblock_free(base, size);
			pr_err("%s: region %s: %#llx-%#llx crosses the edge of RAM bank %#llx-%#llx; keep it inside one bank; region dropped\n",
			       origin, name, (unsigned long long)base,
			       (unsigned long long)(base + size - 1),
			       (unsigned long long)b, (unsigned long long)(e - 1));
			return -EINVAL;
		}
	}

	cma = &cma_areas[cma_area_nr++];
	strscpy_trunc(cma->name, name, sizeof(cma->name));
	strscpy_trunc(cma->origin, origin, sizeof(cma->origin));
	cma->base_pfn = PHYS_PFN(base);
	cma->count = PHYS_PFN(size);
	cma->order_per_bit = decl->order_per_bit;
	cma->is_default = decl->is_default;
	cma->borrow = decl->borrow;
	cma->ready_target = min(PFN_UP(decl->ready_size), cma->count);
	cma->ready_failed_at = ~0UL;
	if (decl->ready_size > size)
		pr_warn("%s: region %s: ready reserve %s is larger than the region: keeping all of it ready\n",
			origin, name, fmt_size(decl->ready_size, s1, sizeof(s1)));
	spin_lock_init(&cma->lock, "cma->lock");
	if (res)
		*res = cma;
	return 0;
}

/* Record @borrow for the pageblock at @pfn (none of its pages is free). */
static void cma_set_pageblock_borrow(unsigned long pfn, enum cma_borrow borrow)
{
	struct zone *zone = pfn_zone(pfn);
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	set_pageblock_borrow_locked(pfn, borrow);
	spin_unlock_irqrestore(&zone->lock, flags);
}

/**
 * cma_activate_areas - hand every declared area to the buddy allocator
 * Marks each pageblock MIGRATE_CMA and frees its pages, so movable
 * allocations can use the area until a device carves it. Called once,
 * after mm_core_init(). An area whose bitmap cannot be allocated stays
 * reserved (unused) with a message.
 */
void cma_activate_areas(void)
{
	unsigned int i;

	for (i = 0; i < cma_area_nr; i++) {
		struct cma *cma = &cma_areas[i];
		unsigned long bits = cma_bitmap_maxno(cma), pfn;

		cma->bitmap = kzalloc(BITS_TO_LONGS(bits) * sizeof(long), GFP_KERNEL);
		if (!cma->bitmap) {
			pr_err("%s: no memory for the area bitmap; the region stays reserved and unused\n",
			       cma->name);
			continue;
		}
		for (pfn = cma->base_pfn; pfn < cma->base_pfn + cma->count;
		     pfn += pageblock_nr_pages) {
			cma_set_pageblock_borrow(pfn, cma->borrow);
			init_cma_reserved_pageblock(pfn_to_page(pfn));
		}
		cma->activated = true;
		if (cma->ready_target)
			cma_ready_register();
	}
}

/**
 * cma_reset_areas - forget every area, as before the first cma_declare()
 *
 * For the mm unit tests, which build a new private world for each test:
 * frees the bitmaps and empties the table. The areas' pages are the
 * caller's to forget with the rest of the world.
 */
void cma_reset_areas(void)
{
	unsigned int i;

	for (i = 0; i < cma_area_nr; i++)
		kfree(cma_areas[i].bitmap);
	memset(cma_areas, 0, sizeof(cma_areas));
	cma_area_nr = 0;
}

/* ---- allocation ------------------------------------------------------- */

static void cma_clear_bitmap(struct cma *cma, unsigned long pfn, unsigned long count)
{
	unsigned long start = (pfn - cma->base_pfn) >> cma->order_per_bit;
	unsigned long bits = cma_bitmap_pages_to_bits(cma, count);

	spin_lock(&cma->lock);
	bitmap_clear(cma->bitmap, start, bits);
	spin_unlock(&cma->lock);
}

/**
 * cma_alloc - carve @count pages aligned to 2^@align pages from @cma
 * @cma: the area
 * @count: pages wanted (any number)
 * @align: alignment order of the first page
 * @flags: CMA_ALLOC_NOWARN to stay quiet on failure
 *
 * cma_alloc_for() with no owner.
 * Return: the first page, or NULL.
 */
struct page *cma_alloc(struct cma *cma, unsigned long count, unsigned int align,
		       unsigned int flags)
{
	return cma_alloc_for(cma, count, align, flags, NULL);
}

/**
 * cma_alloc_for - carve @count pages aligned to 2^@align pages from @cma
 * @cma: the area
 * @count: pages wanted (any number)
 * @align: alignment order of the first page
 * @flags: CMA_ALLOC_NOWARN to stay quiet on failure
 * @owner: who asks (a device name), for the trace; NULL: nobody named
 *
 * Takes the first free window in the bitmap and carves it; when a window is
 * busy (a pinned page, or another carve in the same pageblock) it moves on
 * past the page that blocked, until the area is exhausted. Windows that
 * failed only because another carve was in progress are tried again a few
 * times. The first sweep does not wait for short-term pins, so a free
 * window further on is not kept waiting for one; when windows failed on
 * pins and none worked, a second sweep waits for them, within one
 * cma_pin_wait_ms for the whole call. A carve with no memory to migrate to
 * ends the call at once. The pages are not zeroed.
 * Return: the first page, or NULL (with a message naming the area, the
 * request and the reason, unless CMA_ALLOC_NOWARN).
 */
struct page *cma_alloc_for(struct cma *cma, unsigned long count, unsigned int align,
			   unsigned int flags, const char *owner)
{
	return cma_alloc_report(cma, count, align, flags, owner, NULL);
}

/**
 * cma_alloc_report - cma_alloc_for() with the last window's failure report
 * @report: if not NULL, receives the report of the last window that
 *          failed (first_busy_pfn is ~0UL when no window was tried)
 *
 * See cma_alloc_for() for the rest.
 * Return: the first page, or NULL.
 */
struct page *cma_alloc_report(struct cma *cma, unsigned long count, unsigned int align,
			      unsigned int flags, const char *owner,
			      struct migrate_report *report)
{
	unsigned long mask, offset, maxno, bits, start = 0, bitmap_no, pfn;
	struct trace_cma_alloc_finish done = { .count = count };
	u64 t0, latency;
	struct migrate_report rep, last = { .first_busy_pfn = ~0UL };
	unsigned long migrated = 0, cleared = 0, discarded = 0, busy = 0;
	u64 wait_ns = (u64)READ_ONCE(contig_pin_wait_ms) * 1000000ULL, deadline = 0, wait;
	bool pinned_seen = false, waiting = false;
	struct page *page = NULL;
	int ret = -ENOMEM, rounds = 0;
	bool refill = flags & CMA_ALLOC_REFILL, from_ready = false;

	if (report)
		*report = last;
	if (!cma || !cma->activated || !count)
		return NULL;
	trace_cma_alloc_start(cma, owner, count, align);
	t0 = arch_clock_ns();
	if (align >= 8 * sizeof(long) || count > cma->count) {
		ret = -EINVAL;
		goto out;
	}
	if (!refill) {
		page = cma_ready_take(cma, count, align);
		if (page) {
			from_ready = true; /* no migration, already zeroed */
			goto out;
		}
	}

	mask = cma_bitmap_aligned_mask(cma, align);
	offset = cma_bitmap_aligned_offset(cma, align);
	maxno = cma_bitmap_maxno(cma);
	bits = cma_bitmap_pages_to_bits(cma, count);

	for (;;) {
		bool contended;

		spin_lock(&cma->lock);
		bitmap_no = bitmap_find_next_zero_area_off(cma->bitmap, maxno, start,
							   bits, mask, offset);
		if (bitmap_no >= maxno || bitmap_no + bits > maxno) {
			spin_unlock(&cma->lock);
			/* Another carve may have finished: look again, a few times. */
			if (last.first_busy_reason == MR_CONTENDED && ++rounds < 4) {
				last.first_busy_reason = MR_NONE;
				start = 0;
				arch_cpu_relax();
				continue;
			}
			/* Pins held every window that had pages: sweep again, waiting. */
			if (pinned_seen && !waiting && wait_ns) {
				waiting = true;
				deadline = arch_clock_ns() + wait_ns;
				start = 0;
				continue;
			}
			break;
		}
		bitmap_set(cma->bitmap, bitmap_no, bits);
		spin_unlock(&cma->lock);

		pfn = cma->base_pfn + (bitmap_no << cma->order_per_bit);
		wait = 0;
		if (waiting) {
			u64 now = arch_clock_ns();

			wait = deadline > now ? deadline - now : 0;
		}
		ret = alloc_contig_range_wait(pfn, pfn + count,
					      ACR_CMA | ACR_NOWARN |
						      ((flags & CMA_ALLOC_ZERO) ? ACR_ZERO : 0),
					      &rep, wait);
		migrated += rep.migrated;
		cleared += rep.cleared;
		discarded += rep.discarded;
		if (ret == 0) {
			page = pfn_to_page(pfn);
			break;
		}
		cma_clear_bitmap(cma, pfn, count);
		last = rep;
		if (ret != -EBUSY)
			break;
		if (rep.first_busy_reason == MR_PINNED)
			pinned_seen = true;
		busy++;
		trace_cma_alloc_busy(cma, owner, pfn, rep.first_busy_pfn, rep.first_busy_reason);
		contended = rep.first_busy_reason == MR_CONTENDED;
		/* Move on past the page that blocked this window. */
		start = bitmap_no + mask + 1;
		if (!contended && rep.first_busy_pfn >= pfn &&
		    rep.first_busy_pfn < pfn + count)
			start = max(start, ((rep.first_busy_pfn - cma->base_pfn) >>
					    cma->order_per_bit) + 1);
	}
out:
	latency = arch_clock_ns() - t0;
	spin_lock(&cma->lock);
	cma->migrated += migrated;
	cma->cleared += cleared;
	cma->discarded += discarded;
	cma->busy_retries += busy;
	if (page && !from_ready)
		cma->used += count; /* a refill's pages too: they are carved */
	if (!refill) {
		cma->latency_total_ns += latency;
		cma->latency_max_ns = max(cma->latency_max_ns, latency);
		if (page) {
			cma->allocs++;
			cma->alloc_pages += count;
			cma->peak_used = max(cma->peak_used, cma->used - cma->ready_nr);
		} else {
			cma->failed++;
			cma->failed_pages += count;
		}
	}
	spin_unlock(&cma->lock);

	done.pfn = page ? page_to_pfn(page) : 0;
	done.result = page ? 0 : (ret ? ret : -ENOMEM);
	done.latency_ns = latency;
	done.migrated = migrated;
	done.discarded = discarded;
	done.busy = busy;
	trace_cma_alloc_finish(cma, owner, &done);

	if (!page && !(flags & (CMA_ALLOC_NOWARN | CMA_ALLOC_REFILL))) {
		struct cma_stats st;

		cma_get_stats(cma, &st);
		if (ret == -EINVAL)
			pr_err("%s: cannot allocate %lu pages aligned to order %u: the area has only %lu pages\n",
			       cma->name, count, align, cma->count);
		else if (last.first_busy_pfn != ~0UL) {
			char why[320];

			migrate_report_explain(&last, why, sizeof(why));
			pr_err("%s: alloc of %lu pages (order %u alignment) failed: %d (%s); %lu of %lu pages in use, largest free run %lu pages\n",
			       cma->name, count, align, ret, why, st.used, st.total,
			       st.largest_free);
		} else
			pr_err("%s: alloc of %lu pages (order %u alignment) failed: %d (no free window); %lu of %lu pages in use, largest free run %lu pages\n",
			       cma->name, count, align, ret, st.used, st.total,
			       st.largest_free);
	}
	if (report)
		*report = last;
	return page;
}

/*
 * Whether each of the @count pages from @page is a carved page holding only
 * its allocation reference (PG_contig, refcount 1). One pass over the
 * memmap with plain loads: the caller owns the pages, nobody changes them.
 */
static bool cma_pages_carved(const struct page *page, unsigned long count)
{
	const struct page *end = page + count;

	for (; page < end; page++)
		if (!(__atomic_load_n(&page->flags, __ATOMIC_RELAXED) & (1u << PG_contig)) ||
		    page_ref_count(page) != 1)
			return false;
	return true;
}

/**
 * cma_release - give back pages obtained from cma_alloc()
 * @cma: the area they came from
 * @pages: the first page
 * @count: how many pages
 *
 * cma_release_for() with no owner.
 * Return: true when released.
 */
bool cma_release(struct cma *cma, const struct page *pages, unsigned long count)
{
	return cma_release_for(cma, pages, count, NULL);
}

/**
 * cma_release_for - give back pages obtained from cma_alloc_for()
 * @cma: the area they came from
 * @pages: the first page
 * @count: how many pages
 * @owner: who gives them back (a device name), for the trace; may be NULL
 *
 * Return: true when released; false, with a message naming the area and
 * the range, when the pages are not an allocated part of @cma: outside
 * it, never allocated, or already released. Nothing changes then.
 */
bool cma_release_for(struct cma *cma, const struct page *pages, unsigned long count,
		     const char *owner)
{
	unsigned long pfn, start, bits;
	bool ok;

	if (!cma || !pages || !count)
		return false;
	pfn = page_to_pfn(pages);
	if (pfn < cma->base_pfn || pfn + count > cma->base_pfn + cma->count ||
	    pfn + count < pfn) {
		pr_err("%s: refusing to release pfn %#lx+%lu: not inside the area (pfn %#lx-%#lx)\n",
		       cma->name, pfn, count, cma->base_pfn,
		       cma->base_pfn + cma->count - 1);
		return false;
	}
	start = (pfn - cma->base_pfn) >> cma->order_per_bit;
	bits = cma_bitmap_pages_to_bits(cma, count);

	spin_lock(&cma->lock);
	ok = find_next_zero_bit(cma->bitmap, start + bits, start) >= start + bits &&
	     cma_pages_carved(pfn_to_page(pfn), count);
	spin_unlock(&cma->lock);
	if (!ok) {
		pr_err("%s: refusing to release pfn %#lx+%lu: not allocated from this area (double release?)\n",
		       cma->name, pfn, count);
		return false;
	}

	free_contig_range(pfn, count);
	spin_lock(&cma->lock);
	bitmap_clear(cma->bitmap, start, bits);
	cma->used -= count;
	cma->released += count;
	spin_unlock(&cma->lock);
	trace_cma_release(cma, owner, pfn, count);
	return true;
}

/* Pages carved now (for messages). */
static unsigned long cma_get_used(struct cma *cma)
{
	unsigned long used;

	spin_lock(&cma->lock);
	used = cma->used;
	spin_unlock(&cma->lock);
	return used;
}

/**
 * cma_set_borrow - change who may borrow @cma's free pages
 * @cma: an active area
 * @borrow: the new policy
 *
 * Carves the whole area (migrating or discarding what borrows it), records
 * the policy in every pageblock and releases the area again, so its free
 * pages land on the lists the new policy wants. Fails when part of the
 * area is carved by a device or cannot be emptied now.
 *
 * Return: 0; -EINVAL for an inactive area or a bad policy; -EBUSY when the
 * area could not be carved whole (a message says so; nothing changed).
 */
int cma_set_borrow(struct cma *cma, enum cma_borrow borrow)
{
	unsigned long pfn;
	struct page *page;

	if (!cma || !cma->activated || (unsigned int)borrow >= NR_CMA_BORROW)
		return -EINVAL;
	if (cma->borrow == borrow)
		return 0;
	cma_ready_drain(cma);
	page = cma_alloc(cma, cma->count, 0, CMA_ALLOC_NOWARN);
	if (!page || page_to_pfn(page) != cma->base_pfn) {
		pr_err("%s: cannot change borrowing to %s: the area must be emptied whole first and %lu of its %lu pages are carved or busy; release its buffers and retry\n",
		       cma->name, cma_borrow_name(borrow), cma_get_used(cma), cma->count);
		if (page)
			cma_release(cma, page, cma->count);
		return -EBUSY;
	}
	for (pfn = cma->base_pfn; pfn < cma->base_pfn + cma->count; pfn += pageblock_nr_pages)
		cma_set_pageblock_borrow(pfn, borrow);
	spin_lock(&cma->lock);
	cma->borrow = borrow;
	spin_unlock(&cma->lock);
	cma_release(cma, page, cma->count);
	pr_info("%s: lends its free pages to %s\n", cma->name,
		borrow == CMA_BORROW_NONE ? "nobody" :
		borrow == CMA_BORROW_CLEAN ? "clean cache only" : "any movable page");
	return 0;
}

/**
 * cma_get_borrow - the borrowing policy of @cma
 * @cma: the area
 * Return: its enum cma_borrow value.
 */
enum cma_borrow cma_get_borrow(const struct cma *cma)
{
	return __atomic_load_n(&cma->borrow, __ATOMIC_RELAXED);
}

/* ---- the ready reserve -------------------------------------------------- */

/*
 * Give carved pages [@pfn, +@nr) back to the allocator without counting a
 * release: the ready reserve's own pages.
 */
static void cma_ready_give_back(struct cma *cma, unsigned long pfn, unsigned long nr)
{
	if (!nr)
		return;
	free_contig_range(pfn, nr);
	spin_lock(&cma->lock);
	bitmap_clear(cma->bitmap, (pfn - cma->base_pfn) >> cma->order_per_bit,
		     cma_bitmap_pages_to_bits(cma, nr));
	cma->used -= nr;
	spin_unlock(&cma->lock);
}

/*
 * A carve of @count pages aligned to 2^@align from the ready reserve: the
 * first aligned run of the window that fits. Pages of the window before it
 * go back to the allocator; the rest stays ready.
 * Return: the first page (carved, zeroed), or NULL when it does not fit.
 */
static struct page *cma_ready_take(struct cma *cma, unsigned long count, unsigned int align)
{
	unsigned long start, end, gap_pfn, gap;

	if (!cma->ready_target || cma->order_per_bit)
		return NULL;
	spin_lock(&cma->lock);
	end = cma->ready_pfn + cma->ready_nr;
	start = ALIGN(cma->ready_pfn, 1UL << align);
	if (!cma->ready_nr || start + count > end || start + count < start) {
		spin_unlock(&cma->lock);
		return NULL;
	}
	gap_pfn = cma->ready_pfn;
	gap = start - gap_pfn;
	cma->ready_pfn = start + count;
	cma->ready_nr = end - cma->ready_pfn;
	cma->ready_hits++;
	spin_unlock(&cma->lock);
	cma_ready_give_back(cma, gap_pfn, gap);
	return pfn_to_page(start);
}

/* Whether a refill of @nr pages may take migration targets now. */
static bool cma_ready_memory_ok(const struct cma *cma, unsigned long nr)
{
	unsigned long noncma, cma_free;

	/* Clean cache is discarded and a none area lends nothing: no targets. */
	if (cma->borrow != CMA_BORROW_MOVABLE)
		return true;
	nr_free_target_pages(&noncma, &cma_free);
	/* Keep as much again as the min reserve free beyond the refill. */
	return noncma + cma_free >= nr + min_free_kbytes / (PAGE_SIZE / 1024);
}

/*
 * Refill @cma's reserve to its target: give back what is left of the old
 * window, carve a new one of the whole target (aligned to the largest
 * order a DMA carve asks for) and zero it. Return: true when it did work.
 */
static bool cma_ready_refill(struct cma *cma)
{
	unsigned long old_pfn, old_nr, target = cma->ready_target;
	struct page *page;
	bool ok;

	spin_lock(&cma->lock);
	if (!target || cma->ready_busy || cma->ready_nr >= target ||
	    (cma->ready_failed_at == cma->released && ++cma->ready_polls % 64)) {
		spin_unlock(&cma->lock);
		return false;
	}
	cma->ready_busy = true;
	old_pfn = cma->ready_pfn;
	old_nr = cma->ready_nr;
	cma->ready_nr = 0;
	spin_unlock(&cma->lock);

	cma_ready_give_back(cma, old_pfn, old_nr);
	page = NULL;
	ok = cma_ready_memory_ok(cma, target);
	if (ok)
		page = cma_alloc_report(cma, target, dma_align_order(target),
					CMA_ALLOC_NOWARN | CMA_ALLOC_REFILL | CMA_ALLOC_ZERO,
					"ready", NULL);
	spin_lock(&cma->lock);
	if (page) {
		cma->ready_pfn = page_to_pfn(page);
		cma->ready_nr = target;
		cma->ready_refills++;
		cma->ready_failed_at = ~0UL;
	} else {
		cma->ready_failed_at = cma->released;
		cma->ready_polls = 0;
	}
	cma->ready_busy = false;
	spin_unlock(&cma->lock);
	return page != NULL;
}

/**
 * cma_ready_work - refill the ready reserve of one area that needs it
 *
 * Idle work (contig/idle.h): runs on an idle CPU, interrupts on, no lock
 * held. Each call refills at most one area, so an idle CPU notices other
 * work between areas. An area whose refill failed (memory short, or its
 * pages pinned) is tried again after one of its carves is released, or
 * every 64th poll.
 *
 * Return: true when it refilled an area.
 */
bool cma_ready_work(void)
{
	unsigned int i;

	for (i = 0; i < cma_area_nr; i++)
		if (cma_areas[i].activated && cma_ready_refill(&cma_areas[i]))
			return true;
	return false;
}

/**
 * cma_set_ready - set how many pages @cma's ready reserve keeps
 * @cma: the area
 * @pages: the target (0: no reserve), at most the area's size
 *
 * What is ready now goes back to the allocator; idle work refills to the
 * new target. Registers the idle job when no area had a reserve at boot.
 *
 * Return: 0, or -EINVAL for an inactive area or more pages than it has.
 */
int cma_set_ready(struct cma *cma, unsigned long pages)
{
	if (!cma || !cma->activated || pages > cma->count)
		return -EINVAL;
	cma_ready_drain(cma);
	spin_lock(&cma->lock);
	cma->ready_target = pages;
	cma->ready_failed_at = ~0UL;
	spin_unlock(&cma->lock);
	if (pages)
		cma_ready_register();
	return 0;
}

/**
 * cma_ready_drain - give @cma's ready reserve back to the allocator
 * @cma: the area
 *
 * The reserve is refilled by the next idle work (tests use it to carve
 * from an area whose worker has not run).
 */
void cma_ready_drain(struct cma *cma)
{
	unsigned long pfn, nr;

	for (;;) {
		spin_lock(&cma->lock);
		if (!cma->ready_busy)
			break;
		spin_unlock(&cma->lock);
		arch_cpu_relax();
	}
	pfn = cma->ready_pfn;
	nr = cma->ready_nr;
	cma->ready_nr = 0;
	spin_unlock(&cma->lock);
	cma_ready_give_back(cma, pfn, nr);
}

/* ---- queries ------------------------------------------------------------ */

/** cma_get_stats - snapshot of @cma's counters */
void cma_get_stats(struct cma *cma, struct cma_stats *st)
{
	spin_lock(&cma->lock);
	*st = (struct cma_stats){
		.total = cma->count,
		.used = cma->used,
		.allocs = cma->allocs,
		.alloc_pages = cma->alloc_pages,
		.failed = cma->failed,
		.failed_pages = cma->failed_pages,
		.peak_used = cma->peak_used,
		.latency_total_ns = cma->latency_total_ns,
		.latency_max_ns = cma->latency_max_ns,
		.released = cma->released,
		.largest_free = cma->bitmap ? cma_largest_free_locked(cma) : 0,
		.migrated = cma->migrated,
		.cleared = cma->cleared,
		.discarded = cma->discarded,
		.busy_retries = cma->busy_retries,
		.ready_target = cma->ready_target,
		.ready = cma->ready_nr,
		.ready_hits = cma->ready_hits,
		.ready_refills = cma->ready_refills,
	};
	/* Reserve pages are carved in the bitmap but not handed out. */
	st->used -= cma->ready_nr;
	spin_unlock(&cma->lock);
}

/** cma_get_name - the area's name (the DT node name or cma= name) */
const char *cma_get_name(const struct cma *cma)
{
	return cma->name;
}

/** cma_get_base - physical base of the area */
phys_addr_t cma_get_base(const struct cma *cma)
{
	return PFN_PHYS(cma->base_pfn);
}

/** cma_get_size - size of the area in bytes */
phys_addr_t cma_get_size(const struct cma *cma)
{
	return PFN_PHYS(cma->count);
}

/** cma_get_origin - where the area was declared, for messages */
const char *cma_get_origin(const struct cma *cma)
{
	return cma->origin;
}

/** cma_is_default - whether this is the default area */
bool cma_is_default(const struct cma *cma)
{
	return cma->is_default;
}

/**
 * cma_find - look an area up by name
 * Return: the area, or NULL when no area has that name.
 */
struct cma *cma_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < cma_area_nr; i++)
		if (!strcmp(cma_areas[i].name, name))
			return &cma_areas[i];
	return NULL;
}

/** cma_area_count - number of declared areas */
unsigned int cma_area_count(void)
{
	return cma_area_nr;
}

/** cma_area - the @i-th declared area, or NULL past the end */
struct cma *cma_area(unsigned int i)
{
	return i < cma_area_nr ? &cma_areas[i] : NULL;
}

/** cma_default_area - the default area, or NULL when there is none */
struct cma *cma_default_area(void)
{
	unsigned int i;

	for (i = 0; i < cma_area_nr; i++)
		if (cma_areas[i].is_default)
			return &cma_areas[i];
	return NULL;
}

/** cma_total_pages - CmaTotal: pages in all activated areas */
unsigned long cma_total_pages(void)
{
	unsigned long total = 0;
	unsigned int i;

	for (i = 0; i < cma_area_nr; i++)
		if (cma_areas[i].activated)
			total += cma_areas[i].count;
	return total;
}

/**
 * cma_free_pages - CmaFree: free pages in CMA pageblocks
 * As in Linux, this counts pages the buddy allocator holds free in CMA
 * pageblocks; pages that movable allocations borrowed are not free.
 */
unsigned long cma_free_pages(void)
{
	return nr_free_cma_pages();
}

/** cma_print_areas - print the region table with usage */
void cma_print_areas(void)
{
	unsigned int i;

	pr_info("%-12s %-10s %-10s %8s %8s %8s  %s\n", "area", "base", "end",
		"size", "used", "largest", "declared by");
	for (i = 0; i < cma_area_nr; i++) {
		struct cma *cma = &cma_areas[i];
		struct cma_stats st;
		char ready[32];

		cma_get_stats(cma, &st);
		pr_info("%-12s %#010llx %#010llx %5lu MiB %4lu MiB %4lu MiB  %s%s%s%s%s%s%s\n",
			cma->name, (unsigned long long)PFN_PHYS(cma->base_pfn),
			(unsigned long long)PFN_PHYS(cma->base_pfn + cma->count) - 1,
			cma->count >> (20 - PAGE_SHIFT), st.used >> (20 - PAGE_SHIFT),
			st.largest_free >> (20 - PAGE_SHIFT), cma->origin,
			cma->is_default ? ", default" : "",
			cma->borrow != CMA_BORROW_MOVABLE ? ", lends " : "",
			cma->borrow != CMA_BORROW_MOVABLE ? cma_borrow_name(cma->borrow) : "",
			cma->ready_target ? ", ready " : "",
			cma->ready_target ? fmt_size(PFN_PHYS(cma->ready_target), ready,
						     sizeof(ready)) : "",
			cma->activated ? "" : ", NOT ACTIVE");
	}
	pr_info("CmaTotal: %lu kB, CmaFree: %lu kB\n",
		cma_total_pages() * (PAGE_SIZE / 1024),
		cma_free_pages() * (PAGE_SIZE / 1024));
}

/*
 * The borrowing rule for a page of @cma that no carve holds: in a "clean"
 * area it is free or a clean page of the read cache (never anonymous,
 * never dirty, never a kernel page); in a "none" area it is free.
 */
static unsigned long cma_check_borrower(struct cma *cma, struct page *page, bool verbose)
{
	u32 f = page_flags(page);
	const char *what;

	if (cma->borrow == CMA_BORROW_MOVABLE || page_ref_count(page) == 0 ||
	    (f & ((1u << PG_buddy) | (1u << PG_pcp))))
		return 0;
	if (cma->borrow == CMA_BORROW_CLEAN && (f & (1u << PG_movable)) &&
	    page_owner_type(page) == PGOWNER_PCACHE && !(f & (1u << PG_dirty)))
		return 0;
	if (!(f & (1u << PG_movable)))
		what = "a page with no movable owner";
	else if (page_owner_type(page) == PGOWNER_ANON)
		what = "an anonymous page";
	else if (f & (1u << PG_dirty))
		what = "a dirty page";
	else
		what = "a borrowed page";
	if (verbose)
		pr_err("check: %s lends to %s but pfn %#lx holds %s (flags %#x refcount %d)\n",
		       cma->name, cma->borrow == CMA_BORROW_CLEAN ? "clean cache only" : "nobody",
		       page_to_pfn(page), what, f, page_ref_count(page));
	return 1;
}

/**
 * cma_print_borrow - print each area's borrowing policy and its borrowers
 *
 * For the shell's cma list: the policy, and how many pages of the area
 * are free, carved, and held by anonymous memory and by the read cache now
 * (a lockless count: a snapshot).
 */
void cma_print_borrow(void)
{
	unsigned int i;

	printk("%-10s %-8s %8s %8s %8s %8s %8s %13s %6s %7s\n", "region", "lends", "free", "carved",
	       "anon", "cache", "other", "ready/target", "hits", "refills");
	for (i = 0; i < cma_area_nr; i++) {
		struct cma *cma = &cma_areas[i];
		unsigned long pfn, n[5] = { 0 }, hits, refills;
		char ready[32];

		if (!cma->activated)
			continue;
		for (pfn = cma->base_pfn; pfn < cma->base_pfn + cma->count; pfn++) {
			struct page *page = pfn_to_page(pfn);
			u32 f = page_flags(page);

			if (f & (1u << PG_contig))
				n[1]++;
			else if (page_ref_count(page) == 0)
				n[0]++;
			else if ((f & (1u << PG_movable)) && page_owner_type(page) == PGOWNER_ANON)
				n[2]++;
			else if ((f & (1u << PG_movable)) && page_owner_type(page) == PGOWNER_PCACHE)
				n[3]++;
			else
				n[4]++;
		}
		spin_lock(&cma->lock);
		snprintf(ready, sizeof(ready), "%lu/%lu", cma->ready_nr, cma->ready_target);
		hits = cma->ready_hits;
		refills = cma->ready_refills;
		spin_unlock(&cma->lock);
		printk("%-10s %-8s %8lu %8lu %8lu %8lu %8lu %13s %6lu %7lu\n", cma->name,
		       cma_borrow_name(cma_get_borrow(cma)), n[0], n[1], n[2], n[3], n[4], ready,
		       hits, refills);
	}
	printk("(lends: movable = any movable page, clean = clean cache only, none = nobody; carved includes the ready reserve; hits = carves it served)\n");
}

/**
 * cma_check - consistency of every area
 * Checks that each area's pageblocks are MIGRATE_CMA (or ISOLATE while a
 * carve runs), that every bitmap bit that is set covers PG_contig pages and
 * every clear bit covers none, and that the used counter equals the bitmap.
 * The caller keeps allocations quiet. Return: problems found.
 */
unsigned long cma_check(bool verbose)
{
	unsigned long errors = 0;
	unsigned int i;

	for (i = 0; i < cma_area_nr; i++) {
		struct cma *cma = &cma_areas[i];
		unsigned long pfn, set_pages = 0;

		if (!cma->activated)
			continue;
		spin_lock(&cma->lock);
		for (pfn = cma->base_pfn; pfn < cma->base_pfn + cma->count; pfn++) {
			unsigned long bit = (pfn - cma->base_pfn) >> cma->order_per_bit;
			bool set = test_bit(bit, cma->bitmap);
			bool contig = PageContig(pfn_to_page(pfn));

			if (pfn % pageblock_nr_pages == 0) {
				int mt = get_pageblock_migratetype(pfn);

				if (mt != MIGRATE_CMA && mt != MIGRATE_ISOLATE) {
					errors++;
					if (verbose)
						pr_err("check: %s: pageblock at pfn %#lx is %s, not CMA\n",
						       cma->name, pfn, migratetype_names[mt]);
				}
			}
			set_pages += set;
			if (!set && !contig)
				errors += cma_check_borrower(cma, pfn_to_page(pfn), verbose);
			/* A bit may cover pages past the end of a request when
			 * order_per_bit > 0; a PG_contig page is always covered. */
			if ((contig && !set) || (set && !contig && !cma->order_per_bit)) {
				errors++;
				if (verbose)
					pr_err("check: %s: pfn %#lx bitmap says %s but the page is %s\n",
					       cma->name, pfn, set ? "allocated" : "free",
					       contig ? "PG_contig" : "not PG_contig");
			}
		}
		/* With order_per_bit > 0 a bit may cover pages beyond a request. */
		if (cma->order_per_bit == 0 && set_pages != cma->used) {
			errors++;
			if (verbose)
				pr_err("check: %s: used counter %lu, bitmap %lu pages\n",
				       cma->name, cma->used, set_pages);
		}
		spin_unlock(&cma->lock);
	}
	return errors;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The buddy page allocator.
 *
 * Each zone keeps, per order 0..MAX_ORDER-1 and per migratetype, a list of
 * free blocks. The head page of a free block has PG_buddy, its order in the
 * flags and the migratetype of the list it is on in page->private; tail
 * pages carry no flags. The counters zone->free_pages, free_cma_pages,
 * free_isolate_pages, free_area[o].nr_free[mt] and, per pageblock,
 * pageblock_nr_free[] always equal the lists.
 *
 * Rules:
 *  - A free block is on the list of its pageblock's migratetype, and never
 *    spans pageblocks of different types.
 *  - Freeing merges a block with its buddy only when the buddy is a free
 *    block of the same order. At order >= pageblock_order the two halves
 *    must be pageblocks of the same type and borrowing policy, and neither
 *    may be ISOLATE.
 *  - Unmovable (kernel) allocations use UNMOVABLE pageblocks, then steal
 *    from MOVABLE ones, never from CMA or ISOLATE. A steal of a block of at
 *    least half a pageblock claims the whole pageblock: its type becomes
 *    UNMOVABLE and its free pages move with it.
 *  - Movable allocations use MOVABLE, CMA and (stealing) UNMOVABLE
 *    pageblocks; where CMA comes in the order depends on the zone's
 *    cma_policy (every zone starts with the boot parameter cma_policy=):
 *      fallback: MOVABLE -> UNMOVABLE (steal) -> CMA
 *      balance:  CMA first when the zone's free CMA pages exceed half of
 *                its free pages, else MOVABLE -> CMA -> UNMOVABLE
 *      prefer:   CMA -> MOVABLE -> UNMOVABLE
 *    __GFP_NO_CMA allocations never use CMA. Nothing is ever allocated
 *    from an ISOLATE pageblock.
 *  - Borrowing (contig/cma_borrow.h): the free blocks of CMA pageblocks
 *    whose region only lends to clean cache, or to nobody, sit on the
 *    zone's held lists instead of the CMA lists, and never on per-CPU
 *    lists (freeing puts them straight back). Only __GFP_CLEAN (clean,
 *    discardable) allocations take "clean" held blocks, before anything
 *    else; "none" blocks leave the allocator only through a carve.
 *  - The min reserve: a movable allocation never takes a zone's non-CMA
 *    free pages (buddy lists of MOVABLE and UNMOVABLE pageblocks) below
 *    zone->min_pages; it uses CMA pages then, or fails. Unmovable (kernel)
 *    allocations may use the reserve: it is what keeps kmalloc working
 *    once movable memory and carves fill everything else. The per-CPU
 *    lists are outside the count (their pages are extra).
 *  - Order-0 pages go through per-CPU lists (UNMOVABLE, MOVABLE; CMA pages
 *    ride on the MOVABLE list), refilled and drained CONFIG_PCP_BATCH pages
 *    at a time; a list above CONFIG_PCP_HIGH pages is trimmed. Pages freed
 *    into an ISOLATE pageblock go straight to the ISOLATE free list.
 *    __GFP_NO_CMA and __GFP_NO_PCP allocations bypass the lists.
 *  - With page poisoning on, freed pages are filled with PAGE_POISON and
 *    checked when they next leave the allocator.
 *
 * Locks: pcp->lock (one per CPU and zone) nests outside zone->lock. Both
 * are taken with interrupts masked (spin_lock_irqsave, or inside the
 * other), because drain_all_pages() has each CPU drain its own lists in
 * an IPI handler, which takes both.
 */
#define pr_fmt(fmt) "page_alloc: " fmt

#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/mmzone.h>
#include <contig/spinlock.h>
#include <contig/string.h>
#include <contig/errno.h>
#include <contig/params.h>
#include <contig/mm_debug.h>
#include <contig/smp.h>
#include <contig/cma_borrow.h>
#include "internal.h"

#define PAGE_POISON 0xaa

const char *const migratetype_names[MIGRATE_TYPES] = {
	[MIGRATE_UNMOVABLE] = "Unmovable",
	[MIGRATE_MOVABLE] = "Movable",
	[MIGRATE_CMA] = "CMA",
	[MIGRATE_ISOLATE] = "Isolate",
};

struct zone zones[MAX_NR_ZONES];
unsigned int nr_zones;

/* What every zone's cma_policy starts as (cma_policy=); mm_init.c reads it. */
enum cma_fallback_policy cma_boot_policy = CMA_POLICY_BALANCE;
bool page_poisoning_enabled = IS_ENABLED(CONFIG_PAGE_POISONING);
page_poison_report_t page_poison_report_hook;

static const char *const cma_policy_names[] = {
	[CMA_POLICY_FALLBACK] = "fallback",
	[CMA_POLICY_BALANCE] = "balance",
	[CMA_POLICY_PREFER] = "prefer",
};

static int setup_cma_policy(const char *val)
{
	unsigned int i;

	for (i = 0; val && i < ARRAY_SIZE(cma_policy_names); i++) {
		if (!strcmp(val, cma_policy_names[i])) {
			cma_boot_policy = (enum cma_fallback_policy)i;
			return 0;
		}
	}
	pr_err("cma_policy=%s is not valid: use cma_policy=fallback, balance or prefer (keeping %s)\n",
	       val ? val : "", cma_policy_names[cma_boot_policy]);
	return -EINVAL;
}
early_param("cma_policy", setup_cma_policy);

/**
 * zone_set_cma_policy - set where @zone's movable allocations take CMA pages
 * @zone: the zone
 * @policy: the new policy
 *
 * Takes the zone lock: allocations read the policy under it.
 * Return: the zone's previous policy.
 */
enum cma_fallback_policy zone_set_cma_policy(struct zone *zone,
					     enum cma_fallback_policy policy)
{
	enum cma_fallback_policy old;
	unsigned long flags;

	ASSERT_MSG(policy >= CMA_POLICY_FALLBACK && policy <= CMA_POLICY_PREFER, "policy %d",
		   (int)policy);
	spin_lock_irqsave(&zone->lock, flags);
	old = zone->cma_policy;
	zone->cma_policy = policy;
	spin_unlock_irqrestore(&zone->lock, flags);
	return old;
}

/**
 * zones_set_cma_policy - set every zone's CMA fallback policy
 * @policy: the new policy
 * @saved: receives each zone's previous policy (may be NULL), for
 *         zones_restore_cma_policy()
 */
void zones_set_cma_policy(enum cma_fallback_policy policy, struct cma_policy_save *saved)
{
	struct zone *zone;

	for_each_zone(zone) {
		enum cma_fallback_policy old = zone_set_cma_policy(zone, policy);

		if (saved)
			saved->policy[zone - zones] = old;
	}
}

/**
 * zones_restore_cma_policy - give every zone back the policy it had
 * @saved: what zones_set_cma_policy() saved
 */
void zones_restore_cma_policy(const struct cma_policy_save *saved)
{
	struct zone *zone;

	for_each_zone(zone)
		zone_set_cma_policy(zone, saved->policy[zone - zones]);
}

static int setup_page_poison(const char *val)
{
	bool on;

	if (val && (!strcmp(val, "on") || !strcmp(val, "1")))
		on = true;
	else if (val && (!strcmp(val, "off") || !strcmp(val, "0")))
		on = false;
	else {
		pr_err("page_poison=%s is not valid: use page_poison=on or off\n",
		       val ? val : "");
		return -EINVAL;
	}
	if (on && !IS_ENABLED(CONFIG_PAGE_POISONING)) {
		pr_warn("page_poison=on ignored: this kernel is built without CONFIG_PAGE_POISONING\n");
		return 0;
	}
	page_poisoning_enabled = on;
	return 0;
}
early_param("page_poison", setup_page_poison);

/* ---- The min reserve (min_free_kbytes) ------------------------------ */

/* Linux's bounds for the default, in kB (mm/page_alloc.c there). */
#define MIN_FREE_KBYTES_LOW 128UL
#define MIN_FREE_KBYTES_HIGH 262144UL
/* The largest value min_free_kbytes= accepts: 4 GiB. */
#define MIN_FREE_KBYTES_MAX 4194304UL

unsigned long min_free_kbytes;
/* From the command line, or -1: computed from memory. */
static long user_min_free_kbytes = -1;

static int setup_min_free_kbytes(const char *val)
{
	unsigned long kb;

	if (!param_parse_ulong(val, MIN_FREE_KBYTES_MAX, &kb)) {
		pr_err("min_free_kbytes=%s is not valid: give the min reserve in kB, 0 to %lu (e.g. min_free_kbytes=4096); keeping the default computed from memory\n",
		       val ? val : "", MIN_FREE_KBYTES_MAX);
		return -EINVAL;
	}
	user_min_free_kbytes = (long)kb;
	return 0;
}
early_param("min_free_kbytes", setup_min_free_kbytes);

static unsigned long int_sqrt_ul(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << (8 * sizeof(long) - 2);

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

/**
 * setup_per_zone_wmarks - size the min reserve and spread it over the zones
 *
 * min_free_kbytes is min_free_kbytes= when given, else Linux's default:
 * sqrt(16 x managed memory in kB), clamped to 128 kB .. 256 MiB (2896 kB
 * for 512 MiB). Each zone gets a share proportional to its managed pages,
 * at most half of its non-CMA pages (a message says so when that cuts the
 * reserve). Call once the CMA areas are active: their pages count as
 * managed, as in Linux.
 */
void setup_per_zone_wmarks(void)
{
	unsigned long managed = totalram_pages(), pages_min, total = 0, flags;
	bool cut = false;
	struct zone *zone;

	if (user_min_free_kbytes >= 0)
		min_free_kbytes = (unsigned long)user_min_free_kbytes;
	else
		min_free_kbytes = clamp(int_sqrt_ul(managed * (PAGE_SIZE / 1024) * 16),
					MIN_FREE_KBYTES_LOW, MIN_FREE_KBYTES_HIGH);
	pages_min = min_free_kbytes / (PAGE_SIZE / 1024);
	for_each_zone(zone) {
		unsigned long share, noncma;

		spin_lock_irqsave(&zone->lock, flags);
		noncma = zone->managed_pages - zone->managed_cma_pages;
		share = managed ? (unsigned long)((u64)pages_min * zone->managed_pages / managed) : 0;
		if (share > noncma / 2) {
			share = noncma / 2;
			cut = true;
		}
		zone->min_pages = share;
		spin_unlock_irqrestore(&zone->lock, flags);
		total += share;
	}
	if (cut)
		pr_warn("min_free_kbytes=%lu is more than half of the memory outside CMA: reserving %lu kB; lower min_free_kbytes= or make the CMA areas smaller\n",
			min_free_kbytes, total * (PAGE_SIZE / 1024));
	min_free_kbytes = total * (PAGE_SIZE / 1024);
	pr_info("min reserve: %lu kB of non-CMA memory kept for kernel allocations (min_free_kbytes%s)\n",
		min_free_kbytes, user_min_free_kbytes >= 0 ? "= on the command line" :
		" computed from memory");
}

/* Whether a movable allocation of 2^@order non-CMA pages keeps the reserve. */
static bool noncma_above_min(const struct zone *zone, unsigned int order)
{
	unsigned long noncma = zone->free_pages - zone->free_cma_pages - zone->free_isolate_pages;

	return noncma >= zone->min_pages + (1UL << order);
}

/**
 * pfn_zone - the zone that holds a frame
 * @pfn: page frame number
 * Return: the zone, or NULL for a hole.
 */
struct zone *pfn_zone(unsigned long pfn)
{
	unsigned int i;

	for (i = 0; i < nr_zones; i++)
		if (pfn >= zones[i].start_pfn && pfn < zones[i].end_pfn)
			return &zones[i];
	return NULL;
}

/**
 * get_pageblock_migratetype - migratetype of the pageblock holding @pfn
 * @pfn: page frame number
 * Return: a MIGRATE_* value, or -EINVAL for a pfn outside every zone.
 */
int get_pageblock_migratetype(unsigned long pfn)
{
	struct zone *zone = pfn_zone(pfn);

	if (!zone)
		return -EINVAL;
	return zone_pageblock_mt(zone, pfn);
}

void zone_set_pageblock_mt_locked(struct zone *zone, unsigned long pfn, int mt)
{
	assert_spin_locked(&zone->lock);
	ASSERT_MSG(pfn >= zone->start_pfn && pfn < zone->end_pfn, "pfn %#lx outside zone %s",
		   pfn, zone->name);
	ASSERT_MSG(mt >= 0 && mt < MIGRATE_TYPES, "mt %d", mt);
	__atomic_store_n(&zone->pageblock_mt[(pfn - zone->start_pfn) >> pageblock_order], (u8)mt,
			 __ATOMIC_RELAXED);
}

void set_pageblock_migratetype_locked(unsigned long pfn, int mt)
{
	struct zone *zone = pfn_zone(pfn);

	ASSERT_MSG(zone, "pfn %#lx in no zone", pfn);
	zone_set_pageblock_mt_locked(zone, pfn, mt);
}

/*
 * page->flags with no ordering, for reading PG_buddy and a free block's
 * order under the zone lock: they change only under it.
 */
static inline u32 page_flags_relaxed(const struct page *page)
{
	return __atomic_load_n(&page->flags, __ATOMIC_RELAXED);
}

static inline void set_flags_raw(struct page *page, u32 flags)
{
	__atomic_store_n(&page->flags, flags, __ATOMIC_RELEASE);
}

/* The borrowing policy of @pfn's pageblock (movable outside CMA areas). */
static inline int zone_pageblock_borrow(const struct zone *zone, unsigned long pfn)
{
	if (!zone->pageblock_borrow)
		return CMA_BORROW_MOVABLE;
	return __atomic_load_n(&zone->pageblock_borrow[(pfn - zone->start_pfn) >> pageblock_order],
			       __ATOMIC_RELAXED);
}

/* Whether a free CMA block at @pfn belongs on a held list. */
static inline bool cma_block_held(const struct zone *zone, unsigned long pfn, int mt)
{
	return mt == MIGRATE_CMA && zone_pageblock_borrow(zone, pfn) != CMA_BORROW_MOVABLE;
}

/**
 * pageblock_borrow - the borrowing policy of the pageblock that holds @pfn
 * @pfn: page frame number
 * Return: an enum cma_borrow value; CMA_BORROW_MOVABLE outside every zone
 * and for pageblocks of no CMA area.
 */
int pageblock_borrow(unsigned long pfn)
{
	struct zone *zone = pfn_zone(pfn);

	return zone ? zone_pageblock_borrow(zone, pfn) : CMA_BORROW_MOVABLE;
}

void set_pageblock_borrow_locked(unsigned long pfn, int borrow)
{
	struct zone *zone = pfn_zone(pfn);

	ASSERT_MSG(zone && zone->pageblock_borrow, "pfn %#lx", pfn);
	assert_spin_locked(&zone->lock);
	ASSERT_MSG(borrow >= 0 && borrow < NR_CMA_BORROW, "borrow %d", borrow);
	__atomic_store_n(&zone->pageblock_borrow[(pfn - zone->start_pfn) >> pageblock_order],
			 (u8)borrow, __ATOMIC_RELAXED);
}

static void account_free(struct zone *zone, int mt, long nr)
{
	zone->free_pages += nr;
	if (mt == MIGRATE_CMA)
		zone->free_cma_pages += nr;
	else if (mt == MIGRATE_ISOLATE)
		zone->free_isolate_pages += nr;
}

/*
 * Keep zone->pageblock_nr_free[] in step with a block of 2^@order pages at
 * @pfn joining (@add) or leaving the lists; a block larger than a pageblock
 * fills each of its pageblocks.
 */
static inline void account_pageblock_free(struct zone *zone, unsigned long pfn,
					  unsigned int order, bool add)
{
	u32 *nr = &zone->pageblock_nr_free[(pfn - zone->start_pfn) >> pageblock_order];
	unsigned long i;

	if (likely(order <= pageblock_order)) {
		*nr = add ? *nr + (1u << order) : *nr - (1u << order);
		return;
	}
	for (i = 0; i < 1UL << (order - pageblock_order); i++)
		nr[i] = add ? nr[i] + pageblock_nr_pages : nr[i] - pageblock_nr_pages;
}

void add_free_block_locked(struct zone *zone, unsigned long pfn,
			   unsigned int order, int mt)
{
	struct page *page = pfn_to_page(pfn);

	assert_spin_locked(&zone->lock);
	ASSERT_MSG(IS_ALIGNED(pfn, 1UL << order) && pfn >= zone->start_pfn &&
		   pfn + (1UL << order) <= zone->end_pfn,
		   "pfn %#lx order %u zone %s", pfn, order, zone->name);
	set_page_private(page, (unsigned long)mt);
	set_flags_raw(page, (1u << PG_buddy) | (order << PAGE_ORDER_SHIFT));
	if (cma_block_held(zone, pfn, mt)) {
		list_add(&page->lru, &zone->free_area[order]
					       .held_list[zone_pageblock_borrow(zone, pfn) - 1]);
		zone->free_cma_held_pages += 1UL << order;
	} else {
		list_add(&page->lru, &zone->free_area[order].free_list[mt]);
	}
	zone->free_area[order].nr_free[mt]++;
	account_free(zone, mt, 1L << order);
	account_pageblock_free(zone, pfn, order, true);
}

void del_free_block_locked(struct zone *zone, struct page *page)
{
	u32 flags = page_flags_relaxed(page);
	unsigned int order = (flags & PAGE_ORDER_MASK) >> PAGE_ORDER_SHIFT;
	int mt = (int)page->private;

	assert_spin_locked(&zone->lock);
	ASSERT_MSG(flags & (1u << PG_buddy), "pfn %#lx flags %#x", page_to_pfn(page), flags);
	list_del(&page->lru);
	if (cma_block_held(zone, page_to_pfn(page), mt))
		zone->free_cma_held_pages -= 1UL << order;
	zone->free_area[order].nr_free[mt]--;
	account_free(zone, mt, -(1L << order));
	account_pageblock_free(zone, page_to_pfn(page), order, false);
	set_flags_raw(page, 0);
	set_page_private(page, 0);
}

/* find_free_block_locked() from the memmap alone, for the checker. */
static __always_inline unsigned long find_free_block_memmap_locked(struct zone *zone,
								    unsigned long pfn)
{
	unsigned int order;

	assert_spin_locked(&zone->lock);
	for (order = 0; order < MAX_ORDER; order++) {
		unsigned long head = ALIGN_DOWN(pfn, 1UL << order);
		u32 flags;

		if (head < zone->start_pfn)
			break;
		flags = page_flags_relaxed(pfn_to_page(head));
		if ((flags & (1u << PG_buddy)) &&
		    (flags & PAGE_ORDER_MASK) >> PAGE_ORDER_SHIFT >= order)
			return head;
	}
	return ~0UL;
}

unsigned long find_free_block_locked(struct zone *zone, unsigned long pfn)
{
	assert_spin_locked(&zone->lock);
	/* A free block holding @pfn counts in its pageblock. */
	if (!zone->pageblock_nr_free[(pfn - zone->start_pfn) >> pageblock_order])
		return ~0UL;
	return find_free_block_memmap_locked(zone, pfn);
}

void free_one_block_locked(struct zone *zone, unsigned long pfn, unsigned int order)
{
	assert_spin_locked(&zone->lock);
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;
		u32 flags;

		if (buddy_pfn < zone->start_pfn || buddy_pfn >= zone->end_pfn)
			break;
		buddy = pfn_to_page(buddy_pfn);
		flags = page_flags_relaxed(buddy);
		if (!(flags & (1u << PG_buddy)) ||
		    (flags & PAGE_ORDER_MASK) >> PAGE_ORDER_SHIFT != order)
			break;
		if (order >= pageblock_order) {
			int a = zone_pageblock_mt(zone, pfn);
			int b = zone_pageblock_mt(zone, buddy_pfn);

			/* Nor across regions that lend to different borrowers. */
			if (a != b || a == MIGRATE_ISOLATE ||
			    zone_pageblock_borrow(zone, pfn) != zone_pageblock_borrow(zone, buddy_pfn))
				break;
		}
		del_free_block_locked(zone, buddy);
		pfn &= ~(1UL << order);
		order++;
	}
	add_free_block_locked(zone, pfn, order, zone_pageblock_mt(zone, pfn));
}

unsigned long move_freepages_block_locked(struct zone *zone, unsigned long pfn, int mt)
{
	unsigned long pb = pageblock_start_pfn(pfn), pe = pb + pageblock_nr_pages;
	unsigned long head, moved = 0, p;
	struct page *page, *end;
	u32 left;

	assert_spin_locked(&zone->lock);
	ASSERT_MSG(pb >= zone->start_pfn && pe <= zone->end_pfn, "pfn %#lx zone %s",
		   pfn, zone->name);
	head = find_free_block_locked(zone, pb);
	if (head != ~0UL) {
		struct page *hp = pfn_to_page(head);
		unsigned int order = page_order(hp);

		if (head < pb || head + (1UL << order) > pe) {
			int old = (int)hp->private;

			/*
			 * Split a block larger than a pageblock down to the
			 * pageblock, keeping every other half whole so the
			 * pieces stay as merged as they can be.
			 */
			del_free_block_locked(zone, hp);
			while (order > pageblock_order) {
				unsigned long half;

				order--;
				half = head + (1UL << order);
				if (pb >= half) {
					add_free_block_locked(zone, head, order, old);
					head = half;
				} else {
					add_free_block_locked(zone, half, order, old);
				}
			}
			add_free_block_locked(zone, head, order, old);
		}
	}
	/*
	 * The walk ends once it has met every free page of the pageblock
	 * (pageblock_nr_free[]; every block is inside it now), so a
	 * pageblock in use throughout, as a carve's window is, is not walked
	 * at all. Pages in use before the last free block are visited: a
	 * pointer walk with plain loads (PG_buddy and the order change only
	 * under the zone lock, which is held). The walk steps over free
	 * blocks whole, so it never stands on a tail: eight pages none of
	 * which is a block head are eight pages in use, passed with one test.
	 */
	left = zone->pageblock_nr_free[(pb - zone->start_pfn) >> pageblock_order];
	page = pfn_to_page(pb);
	end = pfn_to_page(pe);
	while (left) {
		u32 flags;
		unsigned int order;

		while (page + 8 <= end &&
		       !((page_flags_relaxed(page) | page_flags_relaxed(page + 1) |
			  page_flags_relaxed(page + 2) | page_flags_relaxed(page + 3) |
			  page_flags_relaxed(page + 4) | page_flags_relaxed(page + 5) |
			  page_flags_relaxed(page + 6) | page_flags_relaxed(page + 7)) &
			 (1u << PG_buddy)))
			page += 8;
		if (page >= end)
			break;
		flags = page_flags_relaxed(page);
		if (!(flags & (1u << PG_buddy))) {
			page++;
			continue;
		}
		order = (flags & PAGE_ORDER_MASK) >> PAGE_ORDER_SHIFT;
		left -= 1u << order;
		if ((int)page->private != mt) {
			p = page_to_pfn(page);
			del_free_block_locked(zone, page);
			add_free_block_locked(zone, p, order, mt);
			moved += 1UL << order;
		}
		page += 1UL << order;
	}
	ASSERT_MSG(!left, "pageblock %#lx zone %s: %u free pages counted, not found on the lists",
		   pb, zone->name, left);
	return moved;
}

/* Put back the halves of a block split down from @high to @low. */
static void expand(struct zone *zone, unsigned long pfn, unsigned int low,
		   unsigned int high)
{
	while (high > low) {
		unsigned long half;

		high--;
		half = pfn + (1UL << high);
		add_free_block_locked(zone, half, high, zone_pageblock_mt(zone, half));
	}
}

static struct page *rmqueue_smallest_list(struct zone *zone, unsigned int order, int mt,
					  int held)
{
	unsigned int o;

	for (o = order; o < MAX_ORDER; o++) {
		struct list_head *list = held < 0 ? &zone->free_area[o].free_list[mt] :
						    &zone->free_area[o].held_list[held];
		struct page *page;
		unsigned long pfn;

		if (list_empty(list))
			continue;
		page = list_first_entry(list, struct page, lru);
		pfn = page_to_pfn(page);
		del_free_block_locked(zone, page);
		expand(zone, pfn, order, o);
		return page;
	}
	return NULL;
}

static struct page *rmqueue_smallest(struct zone *zone, unsigned int order, int mt)
{
	return rmqueue_smallest_list(zone, order, mt, -1);
}

/*
 * Take a block for @start_mt from the @from_mt lists, largest first. A
 * block of at least half a pageblock claims its pageblock(s) for @start_mt.
 */
static struct page *steal_fallback(struct zone *zone, unsigned int order,
				   int start_mt, int from_mt)
{
	int o;

	for (o = MAX_ORDER - 1; o >= (int)order; o--) {
		struct list_head *list = &zone->free_area[o].free_list[from_mt];
		struct page *page;
		unsigned long pfn;

		if (list_empty(list))
			continue;
		page = list_first_entry(list, struct page, lru);
		pfn = page_to_pfn(page);
		if (o >= (int)pageblock_order) {
			unsigned long c;

			del_free_block_locked(zone, page);
			for (c = pfn; c < pfn + (1UL << o); c += pageblock_nr_pages)
				zone_set_pageblock_mt_locked(zone, c, start_mt);
			add_free_block_locked(zone, pfn, o, start_mt);
			return rmqueue_smallest(zone, order, start_mt);
		}
		if (o >= (int)pageblock_order - 1) {
			zone_set_pageblock_mt_locked(zone, pfn, start_mt);
			move_freepages_block_locked(zone, pfn, start_mt);
			return rmqueue_smallest(zone, order, start_mt);
		}
		del_free_block_locked(zone, page);
		expand(zone, pfn, order, o);
		return page;
	}
	return NULL;
}

/*
 * A block for @gfp, the lists tried in the order the rules above give.
 * Without @steal nothing is taken from another migratetype's lists (so no
 * pageblock changes type), and under the fallback policy CMA, which comes
 * after the steal, is not tried either.
 */
static struct page *__rmqueue_locked(struct zone *zone, unsigned int order, gfp_t gfp,
				     bool steal)
{
	enum cma_fallback_policy policy = zone->cma_policy;
	struct page *page;
	bool cma_ok, cma_first;

	assert_spin_locked(&zone->lock);
	if (!(gfp & __GFP_MOVABLE)) {
		page = rmqueue_smallest(zone, order, MIGRATE_UNMOVABLE);
		if (!page && steal)
			page = steal_fallback(zone, order, MIGRATE_UNMOVABLE, MIGRATE_MOVABLE);
		return page;
	}

	cma_ok = !(gfp & __GFP_NO_CMA);
	/* Clean cache goes to the regions kept for it first. */
	if ((gfp & __GFP_CLEAN) && cma_ok && zone->pageblock_borrow) {
		page = rmqueue_smallest_list(zone, order, MIGRATE_CMA, CMA_BORROW_CLEAN - 1);
		if (page)
			return page;
	}
	if (!noncma_above_min(zone, order))
		return cma_ok ? rmqueue_smallest(zone, order, MIGRATE_CMA) : NULL;
	cma_first = cma_ok &&
		    (policy == CMA_POLICY_PREFER ||
		     (policy == CMA_POLICY_BALANCE &&
		      zone->free_cma_pages - zone->free_cma_held_pages >
			      (zone->free_pages - zone->free_isolate_pages -
			       zone->free_cma_held_pages) / 2));
	if (cma_first) {
		page = rmqueue_smallest(zone, order, MIGRATE_CMA);
		if (page)
			return page;
	}
	page = rmqueue_smallest(zone, order, MIGRATE_MOVABLE);
	if (!page && cma_ok && !cma_first && policy != CMA_POLICY_FALLBACK)
		page = rmqueue_smallest(zone, order, MIGRATE_CMA);
	if (page || !steal)
		return page;
	page = steal_fallback(zone, order, MIGRATE_MOVABLE, MIGRATE_UNMOVABLE);
	if (!page && cma_ok && policy == CMA_POLICY_FALLBACK)
		page = rmqueue_smallest(zone, order, MIGRATE_CMA);
	return page;
}

static struct page *rmqueue_locked(struct zone *zone, unsigned int order, gfp_t gfp)
{
	return __rmqueue_locked(zone, order, gfp, true);
}

/* ---- Poisoning ----------------------------------------------------- */

void poison_pages(struct page *page, unsigned long nr)
{
	if (page_poisoning_enabled)
		memset(page_address(page), PAGE_POISON, nr * PAGE_SIZE);
}

static void check_poison(struct page *page)
{
	const u64 *w = page_address(page);
	const u64 pat = 0x0101010101010101ULL * PAGE_POISON;
	unsigned long i;

	for (i = 0; i < PAGE_SIZE / sizeof(u64); i++) {
		if (likely(w[i] == pat))
			continue;
		{
			const u8 *b = (const u8 *)&w[i];
			unsigned int k = 0;
			unsigned long pfn = page_to_pfn(page), off;

			while (b[k] == PAGE_POISON)
				k++;
			off = i * sizeof(u64) + k;
			if (page_poison_report_hook) {
				page_poison_report_hook(pfn, off, b[k]);
				return;
			}
			pr_err("use after free: pfn %#lx offset %#lx holds %#04x, poison is %#04x\n",
			       pfn, off, b[k], PAGE_POISON);
			panic("page_alloc: freed page pfn %#lx was written after free (offset %#lx value %#04x)",
			      pfn, off, b[k]);
		}
	}
}

static void prep_new_block(struct page *page, unsigned int order, gfp_t gfp)
{
	unsigned long i, nr = 1UL << order;

	for (i = 0; i < nr; i++) {
		if (page_poisoning_enabled)
			check_poison(page + i);
		set_flags_raw(page + i, 0);
		set_page_private(page + i, 0);
		set_page_count(page + i, 0);
	}
	set_page_count(page, 1);
	if (order) {
		set_flags_raw(page, (1u << PG_head) | (order << PAGE_ORDER_SHIFT));
	}
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, nr * PAGE_SIZE);
}

/* ---- Per-CPU lists ------------------------------------------------- */

static inline int pcp_list_index(int mt)
{
	return mt == MIGRATE_UNMOVABLE ? MIGRATE_UNMOVABLE : MIGRATE_MOVABLE;
}

/*
 * The counters change under pcp->lock; they are stored atomically because
 * drain_all_pages() and the statistics read them without it.
 */
static void pcp_count_add(unsigned int *counter, int delta)
{
	__atomic_store_n(counter, *counter + (unsigned int)delta, __ATOMIC_RELAXED);
}

static void pcp_add(struct per_cpu_pages *pcp, struct page *page, int mt)
{
	set_page_private(page, (unsigned long)mt);
	set_flags_raw(page, 1u << PG_pcp);
	list_add(&page->lru, &pcp->lists[pcp_list_index(mt)]);
	pcp_count_add(&pcp->count, 1);
	if (mt == MIGRATE_CMA)
		pcp_count_add(&pcp->cma_count, 1);
}

static void pcp_del(struct per_cpu_pages *pcp, struct page *page)
{
	list_del(&page->lru);
	pcp_count_add(&pcp->count, -1);
	if (page->private == MIGRATE_CMA)
		pcp_count_add(&pcp->cma_count, -1);
	set_flags_raw(page, 0);
	set_page_private(page, 0);
}

/* Give up to @nr pages of @pcp back to the buddy. Caller holds pcp->lock. */
static void free_pcppages_bulk_locked(struct zone *zone, struct per_cpu_pages *pcp,
				      unsigned int nr)
{
	int idx = 0;

	assert_spin_locked(&pcp->lock);
	spin_lock(&zone->lock);
	while (nr && pcp->count) {
		struct list_head *list = &pcp->lists[idx];

		if (list_empty(list)) {
			idx = (idx + 1) % MIGRATE_PCPTYPES;
			continue;
		}
		{
			struct page *page = list_last_entry(list, struct page, lru);

			pcp_del(pcp, page);
			free_one_block_locked(zone, page_to_pfn(page), 0);
			nr--;
		}
		idx = (idx + 1) % MIGRATE_PCPTYPES;
	}
	spin_unlock(&zone->lock);
}

static void drain_zone_cpu(struct zone *zone, unsigned int cpu)
{
	unsigned long flags;
	struct per_cpu_pages *pcp = &zone->pcp[cpu];

	spin_lock_irqsave(&pcp->lock, flags);
	if (pcp->count)
		free_pcppages_bulk_locked(zone, pcp, pcp->count);
	spin_unlock_irqrestore(&pcp->lock, flags);
}

/**
 * drain_local_pages - return the calling CPU's per-CPU pages to the buddy
 */
void drain_local_pages(void)
{
	struct zone *zone;

	for_each_zone(zone)
		drain_zone_cpu(zone, arch_cpu_id());
}

static void drain_local_pages_ipi(void *unused)
{
	drain_local_pages();
}

static bool cpu_has_pcp_pages(unsigned int cpu)
{
	struct zone *zone;

	for_each_zone(zone)
		if (__atomic_load_n(&zone->pcp[cpu].count, __ATOMIC_RELAXED))
			return true;
	return false;
}

/**
 * drain_all_pages - return every CPU's per-CPU pages to the buddy
 *
 * The calling CPU drains its own lists. Every other CPU whose lists hold
 * pages drains its own, in the call-function IPI (smp_call_function_many()),
 * and the caller waits for all of them; a CPU the port cannot interrupt
 * (not running, or a port without IPIs) is drained from here, under its
 * list lock. Pages land on the list of their pageblock's type at drain
 * time. Like smp_call_function_many(): no spinlock held, interrupts on.
 */
void drain_all_pages(void)
{
	unsigned int self = arch_cpu_id(), cpu;
	cpumask_t want = 0, missed;
	struct zone *zone;

	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		if (cpu != self && cpu_has_pcp_pages(cpu))
			want |= cpumask_of(cpu);
	drain_local_pages();
	missed = smp_call_function_many(want, drain_local_pages_ipi, NULL);
	for_each_cpu_in(cpu, missed)
		for_each_zone(zone)
			drain_zone_cpu(zone, cpu);
}

static struct page *rmqueue_pcp(struct zone *zone, gfp_t gfp)
{
	unsigned int cpu = arch_cpu_id();
	struct per_cpu_pages *pcp;
	struct list_head *list;
	unsigned long flags;
	struct page *page;

	ASSERT_MSG(cpu < CONFIG_NR_CPUS, "cpu %u", cpu);
	pcp = &zone->pcp[cpu];
	list = &pcp->lists[(gfp & __GFP_MOVABLE) ? MIGRATE_MOVABLE : MIGRATE_UNMOVABLE];
	spin_lock_irqsave(&pcp->lock, flags);
	for (;;) {
		if (list_empty(list)) {
			unsigned int i;

			spin_lock(&zone->lock);
			for (i = 0; i < pcp->batch; i++) {
				unsigned long pfn;

				page = rmqueue_locked(zone, 0, gfp);
				if (!page)
					break;
				pfn = page_to_pfn(page);
				/* Keep batch order: the first taken is used first. */
				pcp_add(pcp, page, zone_pageblock_mt(zone, pfn));
				list_move_tail(&page->lru, list);
			}
			spin_unlock(&zone->lock);
			if (list_empty(list)) {
				spin_unlock_irqrestore(&pcp->lock, flags);
				return NULL;
			}
		}
		page = list_first_entry(list, struct page, lru);
		pcp_del(pcp, page);
		if (unlikely(zone_pageblock_mt(zone, page_to_pfn(page)) == MIGRATE_ISOLATE)) {
			/* Isolated while on the list: it belongs to the carve. */
			spin_lock(&zone->lock);
			free_one_block_locked(zone, page_to_pfn(page), 0);
			spin_unlock(&zone->lock);
			continue;
		}
		break;
	}
	spin_unlock_irqrestore(&pcp->lock, flags);
	return page;
}

/* ---- Allocation and freeing ---------------------------------------- */

/**
 * alloc_pages - allocate 2^@order contiguous pages
 * @gfp: GFP_KERNEL or GFP_MOVABLE, with __GFP_ZERO, __GFP_NOWARN,
 *       __GFP_NO_CMA, __GFP_NO_PCP as needed
 * @order: 0 .. MAX_ORDER-1
 * Return: the first page (refcount 1; PG_head and the order set when
 * @order > 0), or NULL when no block of that order is free for @gfp.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	unsigned long flags;
	struct page *page = NULL;
	struct zone *zone;

	if (order >= MAX_ORDER) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("order %u requested: the largest block is order %d\n",
				order, MAX_ORDER - 1);
		return NULL;
	}
	for_each_zone(zone) {
		if (!order && !(gfp & (__GFP_NO_PCP | __GFP_NO_CMA | __GFP_CLEAN))) {
			page = rmqueue_pcp(zone, gfp);
		} else {
			spin_lock_irqsave(&zone->lock, flags);
			page = rmqueue_locked(zone, order, gfp);
			spin_unlock_irqrestore(&zone->lock, flags);
		}
		if (page)
			break;
	}
	if (!page) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("out of memory: no free order-%u block for a %s allocation (gfp %#x)\n",
				order, (gfp & __GFP_MOVABLE) ? "movable" : "kernel", gfp);
		return NULL;
	}
	prep_new_block(page, order, gfp);
	return page;
}

static __noreturn void bad_free(struct page *page, const char *why)
{
	panic("page_alloc: bad free of pfn %#lx (flags %#x refcount %d): %s",
	      page_to_pfn(page), page_flags(page), page_ref_count(page), why);
}

static void free_block(struct page *page, unsigned int order)
{
	unsigned long flags;
	unsigned long pfn = page_to_pfn(page);
	struct zone *zone = pfn_zone(pfn);
	int mt;

	poison_pages(page, 1UL << order);
	if (order) {
		spin_lock_irqsave(&zone->lock, flags);
		free_one_block_locked(zone, pfn, order);
		spin_unlock_irqrestore(&zone->lock, flags);
		return;
	}
	mt = zone_pageblock_mt(zone, pfn);
	if (mt == MIGRATE_ISOLATE || cma_block_held(zone, pfn, mt)) {
		spin_lock_irqsave(&zone->lock, flags);
		free_one_block_locked(zone, pfn, 0);
		spin_unlock_irqrestore(&zone->lock, flags);
		return;
	}
	{
		struct per_cpu_pages *pcp = &zone->pcp[arch_cpu_id()];

		spin_lock_irqsave(&pcp->lock, flags);
		pcp_add(pcp, page, mt);
		if (pcp->count > pcp->high)
			free_pcppages_bulk_locked(zone, pcp, pcp->batch);
		spin_unlock_irqrestore(&pcp->lock, flags);
	}
}

/* Check a block about to be freed (refcount already 0) and clear its flags. */
static void check_free(struct page *page, unsigned int order)
{
	u32 flags = page_flags(page);
	unsigned long i;

	if (!pfn_valid(page_to_pfn(page)) || !pfn_zone(page_to_pfn(page)))
		bad_free(page, "not a page of any zone");
	if (flags & ((1u << PG_buddy) | (1u << PG_pcp)))
		bad_free(page, "the page is already free");
	if (flags & (1u << PG_reserved))
		bad_free(page, "the page is reserved, never allocated");
	if (flags & (1u << PG_movable))
		bad_free(page, "still owned by a movable owner (PG_movable)");
	if (flags & (1u << PG_head)) {
		if (page_order(page) != order)
			bad_free(page, "order does not match the allocation");
	} else if (order) {
		bad_free(page, "order > 0 but not the head of a block");
	}
	if (IS_ENABLED(CONFIG_DEBUG_MM)) {
		for (i = 1; i < (1UL << order); i++) {
			if (page_flags(page + i) || page_ref_count(page + i))
				panic("page_alloc: bad free of pfn %#lx order %u: tail pfn %#lx has flags %#x refcount %d",
				      page_to_pfn(page), order, page_to_pfn(page + i),
				      page_flags(page + i), page_ref_count(page + i));
		}
	}
	set_flags_raw(page, 0);
	set_page_private(page, 0);
}

/* Check and free a block whose reference count the caller already dropped. */
static void free_pages_checked(struct page *page, unsigned int order)
{
	check_free(page, order);
	free_block(page, order);
}

/* alloc_pages_bulk_array()'s pages from @zone, as blocks; see there. */
static unsigned int rmqueue_bulk_locked(struct zone *zone, gfp_t gfp, unsigned int nr,
					struct page **array)
{
	unsigned int got = 0, order = min_t(unsigned int, ilog2_u64(nr), pageblock_order);

	assert_spin_locked(&zone->lock);
	while (got < nr) {
		struct page *page;
		unsigned long i;

		order = min_t(unsigned int, order, ilog2_u64(nr - got));
		/* Blocks never steal; order-0 pages do as alloc_page() would. */
		page = __rmqueue_locked(zone, order, gfp, !order);
		if (!page) {
			if (!order)
				break;
			order--;
			continue;
		}
		/*
		 * What prep_new_block() does for an order-0 page: the head's
		 * flags and private value are cleared already (by
		 * del_free_block_locked()), the tails of a free block carry
		 * none (page_alloc_check() checks both), so a page only needs
		 * its reference. One release fence per block orders the
		 * unlink before every page's reference, as the head's flags
		 * store did for it.
		 */
		__atomic_thread_fence(__ATOMIC_RELEASE);
		if (order >= 3) {
			/* Eight pages a step, written out (take_pages_locked()). */
			struct page **a = array + got, **stop = a + (1UL << order);

			for (; a < stop; a += 8, page += 8) {
				a[0] = page;
				a[1] = page + 1;
				a[2] = page + 2;
				a[3] = page + 3;
				a[4] = page + 4;
				a[5] = page + 5;
				a[6] = page + 6;
				a[7] = page + 7;
				set_page_count(page, 1);
				set_page_count(page + 1, 1);
				set_page_count(page + 2, 1);
				set_page_count(page + 3, 1);
				set_page_count(page + 4, 1);
				set_page_count(page + 5, 1);
				set_page_count(page + 6, 1);
				set_page_count(page + 7, 1);
			}
		} else {
			for (i = 0; i < (1UL << order); i++) {
				array[got + i] = page + i;
				set_page_count(page + i, 1);
			}
		}
		got += 1U << order;
	}
	return got;
}

/**
 * alloc_pages_bulk_array - allocate up to @nr order-0 pages into @array,
 * taking each zone lock once
 * @gfp: as for alloc_pages(); the per-CPU lists are not used
 * @nr: how many are wanted
 * @array: where the pages go, from @array[0] (in pfn order within each
 *         block), each as alloc_page() returns it
 *
 * For callers that need many pages at once (migration targets): one zone
 * lock hold instead of one per page, and the pages taken from the free
 * lists as the largest blocks that fit what is still wanted (at most a
 * pageblock), split into order-0 pages - one list removal per block
 * instead of one per page. The block requests follow the order-0 rules
 * (which lists for @gfp, the min reserve) except that they never steal
 * from another migratetype; when no block of an order is free the next
 * smaller order is tried, down to order-0 requests, which do everything
 * alloc_page() would. So the pages come from the same kinds of memory, in
 * the same order of preference, as @nr calls of alloc_page() without the
 * per-CPU lists.
 *
 * Return: how many were allocated (fewer than @nr when memory ran out).
 */
unsigned int alloc_pages_bulk_array(gfp_t gfp, unsigned int nr, struct page **array)
{
	unsigned int got = 0, i;
	struct zone *zone;
	unsigned long flags;

	if (!nr)
		return 0;
	for_each_zone(zone) {
		if (got == nr)
			break;
		spin_lock_irqsave(&zone->lock, flags);
		got += rmqueue_bulk_locked(zone, gfp, nr - got, array + got);
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	/* The rest of prep_new_block(), outside the zone lock. */
	if (page_poisoning_enabled || (gfp & __GFP_ZERO)) {
		for (i = 0; i < got; i++) {
			if (page_poisoning_enabled)
				check_poison(array[i]);
			if (gfp & __GFP_ZERO)
				memset(page_address(array[i]), 0, PAGE_SIZE);
		}
	}
	return got;
}

/* alloc_pages_bulk() takes its pages this many at a time. */
#define ALLOC_BULK_CHUNK 256

/**
 * alloc_pages_bulk - alloc_pages_bulk_array() onto a list
 * @gfp: as for alloc_pages_bulk_array()
 * @nr: how many are wanted
 * @list: where the pages go (linked by lru, in pfn order within each
 *        block)
 *
 * Takes the pages ALLOC_BULK_CHUNK at a time (one zone-lock hold each).
 * Return: how many were allocated (fewer than @nr when memory ran out).
 */
unsigned int alloc_pages_bulk(gfp_t gfp, unsigned int nr, struct list_head *list)
{
	struct page *chunk[ALLOC_BULK_CHUNK];
	unsigned int got = 0;

	while (got < nr) {
		unsigned int want = min_t(unsigned int, nr - got, ALLOC_BULK_CHUNK);
		unsigned int n = alloc_pages_bulk_array(gfp, want, chunk), i;

		for (i = 0; i < n; i++)
			list_add_tail(&chunk[i]->lru, list);
		got += n;
		if (n < want)
			break;
	}
	return got;
}

/*
 * Give the free run [@pfn, @pfn + @nr) of ISOLATE pageblocks to @zone's
 * buddy as the largest aligned blocks it holds, up to a pageblock (so a
 * block never spans two pageblocks), each merged as usual.
 */
static void free_isolated_run(struct zone *zone, unsigned long pfn, unsigned long nr)
{
	unsigned long flags, end = pfn + nr;

	if (!nr)
		return;
	poison_pages(pfn_to_page(pfn), nr);
	spin_lock_irqsave(&zone->lock, flags);
	while (pfn < end) {
		unsigned int order = pfn ? min_t(unsigned int, __builtin_ctzl(pfn),
						 pageblock_order) : pageblock_order;

		while (pfn + (1UL << order) > end)
			order--;
		free_one_block_locked(zone, pfn, order);
		pfn += 1UL << order;
	}
	spin_unlock_irqrestore(&zone->lock, flags);
}

/**
 * free_frozen_isolated_run - free pages a carve's batched discard froze
 * @pfn: first frame
 * @nr: how many consecutive frames (0: nothing)
 *
 * Each page has refcount 0, no flags and no private value (the owner's
 * discard_frozen() left it so) and lies in an ISOLATE pageblock of one
 * zone. They go to the buddy as the largest aligned blocks the run holds.
 */
void free_frozen_isolated_run(unsigned long pfn, unsigned long nr)
{
	struct zone *zone;
	unsigned long p;

	if (!nr)
		return;
	zone = pfn_zone(pfn);
	ASSERT_MSG(zone && zone == pfn_zone(pfn + nr - 1), "pfn %#lx-%#lx not in one zone",
		   pfn, pfn + nr - 1);
	for (p = pageblock_start_pfn(pfn); p < pfn + nr; p += pageblock_nr_pages)
		ASSERT_MSG(zone_pageblock_mt(zone, p) == MIGRATE_ISOLATE,
			   "pfn %#lx: pageblock not isolated", p);
	free_isolated_run(zone, pfn, nr);
}

/**
 * free_page_list - free order-0 pages whose last reference the caller dropped
 * @list: the pages (refcount 0), linked by lru; empty on return
 *
 * Each page is checked as put_page() would check it. Pages of ISOLATE
 * pageblocks (the sources a carve migrated) go straight to the buddy:
 * runs of consecutive frames in the order of @list (a carve migrates a
 * range in pfn order) as aligned blocks of up to a pageblock, one free
 * and one merge per block instead of per page. The others go the usual
 * way (per-CPU lists).
 */
void free_page_list(struct list_head *list)
{
	/* Any of these, or a reference, and check_free() says what is wrong. */
	const u32 bad = (1u << PG_buddy) | (1u << PG_pcp) | (1u << PG_reserved) |
			(1u << PG_movable) | (1u << PG_head);
	unsigned long run_pfn = 0, run_nr = 0;
	struct zone *run_zone = NULL;
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		unsigned long pfn = page_to_pfn(page);
		struct zone *zone;

		list_del(&page->lru);
		/*
		 * The next frame of the run, sound and in an ISOLATE pageblock:
		 * what check_free() would check and do, inline.
		 */
		if (run_nr && pfn == run_pfn + run_nr && pfn < run_zone->end_pfn &&
		    !(page_flags(page) & bad) && page_ref_count(page) == 0 &&
		    zone_pageblock_mt(run_zone, pfn) == MIGRATE_ISOLATE) {
			set_flags_raw(page, 0);
			set_page_private(page, 0);
			run_nr++;
			continue;
		}
		ASSERT_MSG(page_ref_count(page) == 0 && !PageHead(page),
			   "pfn %#lx refcount %d flags %#x", pfn, page_ref_count(page),
			   page_flags(page));
		check_free(page, 0);
		if (run_nr && pfn == run_pfn + run_nr && pfn < run_zone->end_pfn)
			zone = run_zone;
		else
			zone = pfn_zone(pfn);
		if (zone_pageblock_mt(zone, pfn) != MIGRATE_ISOLATE) {
			free_block(page, 0);
			continue;
		}
		if (zone == run_zone && pfn == run_pfn + run_nr) {
			run_nr++;
			continue;
		}
		free_isolated_run(run_zone, run_pfn, run_nr);
		run_zone = zone;
		run_pfn = pfn;
		run_nr = 1;
	}
	free_isolated_run(run_zone, run_pfn, run_nr);
}

/**
 * __free_pages - free a block from alloc_pages()
 * @page: first page (NULL is ignored)
 * @order: the order it was allocated with
 * Panics (a kernel bug) when the page is already free, reserved, still
 * owned or still referenced by someone else.
 */
void __free_pages(struct page *page, unsigned int order)
{
	int ref;

	if (!page)
		return;
	if (page_flags(page) & ((1u << PG_buddy) | (1u << PG_pcp)))
		bad_free(page, "the page is already free");
	if (PageReserved(page))
		bad_free(page, "the page is reserved, never allocated");
	if (PageMovable(page))
		bad_free(page, "still owned by a movable owner (PG_movable)");
	ref = atomic_dec_return(&page->_refcount);
	if (ref != 0) {
		atomic_inc(&page->_refcount);
		bad_free(page, ref < 0 ? "refcount was already 0" :
					 "still referenced (refcount does not drop to 0)");
	}
	free_pages_checked(page, order);
}

/**
 * put_page - drop a reference; the last one frees the page or its block
 * @page: the page (a PG_head page frees page_order() pages)
 */
void put_page(struct page *page)
{
	int ref = atomic_dec_return(&page->_refcount);

	if (ref > 0)
		return;
	if (ref < 0) {
		atomic_inc(&page->_refcount);
		bad_free(page, "put_page on a page with refcount 0");
	}
	free_pages_checked(page, PageHead(page) ? page_order(page) : 0);
}

/**
 * get_free_pages - allocate a block and return its linear-map address
 * @gfp: allocation flags
 * @order: block order
 * Return: the address, or NULL.
 */
void *get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? page_address(page) : NULL;
}

/**
 * free_pages - free a block from get_free_pages()
 * @addr: its address (NULL is ignored)
 * @order: its order
 */
void free_pages(void *addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page(addr), order);
}

/**
 * split_page - turn an allocated order-@order block into order-0 pages
 * @page: head of a block from alloc_pages()
 * @order: its order
 * Each page ends with refcount 1 and is freed on its own.
 */
void split_page(struct page *page, unsigned int order)
{
	unsigned long i;

	if (!order)
		return;
	ASSERT_MSG(PageHead(page) && page_order(page) == order,
		   "pfn %#lx flags %#x order %u", page_to_pfn(page), page_flags(page), order);
	set_flags_raw(page, page_flags(page) & ~((1u << PG_head) | PAGE_ORDER_MASK));
	for (i = 1; i < (1UL << order); i++)
		set_page_count(page + i, 1);
}

void init_cma_reserved_pageblock(struct page *page)
{
	unsigned long flags;
	unsigned long pfn = page_to_pfn(page), i;
	struct zone *zone = pfn_zone(pfn);

	ASSERT_MSG(zone && IS_ALIGNED(pfn, pageblock_nr_pages), "pfn %#lx", pfn);
	for (i = 0; i < pageblock_nr_pages; i++) {
		ASSERT_MSG(PageReserved(page + i), "pfn %#lx flags %#x", pfn + i,
			   page_flags(page + i));
		set_flags_raw(page + i, 0);
		set_page_count(page + i, 0);
		set_page_private(page + i, 0);
	}
	poison_pages(page, pageblock_nr_pages);
	spin_lock_irqsave(&zone->lock, flags);
	zone_set_pageblock_mt_locked(zone, pfn, MIGRATE_CMA);
	free_one_block_locked(zone, pfn, pageblock_order);
	zone->managed_pages += pageblock_nr_pages;
	zone->managed_cma_pages += pageblock_nr_pages;
	spin_unlock_irqrestore(&zone->lock, flags);
}

/* ---- Statistics ----------------------------------------------------- */

static unsigned long zone_pcp_pages(const struct zone *zone, bool cma)
{
	unsigned long n = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		n += __atomic_load_n(cma ? &zone->pcp[cpu].cma_count : &zone->pcp[cpu].count,
				     __ATOMIC_RELAXED);
	return n;
}

/**
 * nr_free_pages - free pages that can be allocated
 * Return: pages in the buddy lists plus the per-CPU lists, excluding free
 * pages of ISOLATE pageblocks (they belong to a carve).
 */
unsigned long nr_free_pages(void)
{
	struct zone *zone;
	unsigned long n = 0;

	for_each_zone(zone)
		n += READ_ONCE(zone->free_pages) - READ_ONCE(zone->free_isolate_pages) +
		     zone_pcp_pages(zone, false);
	return n;
}

/**
 * nr_free_cma_pages - free pages in CMA pageblocks
 * Return: CMA pages on the buddy and per-CPU lists.
 */
unsigned long nr_free_cma_pages(void)
{
	struct zone *zone;
	unsigned long n = 0;

	for_each_zone(zone)
		n += READ_ONCE(zone->free_cma_pages) + zone_pcp_pages(zone, true);
	return n;
}

/**
 * nr_free_target_pages - free pages migration targets may take now
 * @noncma: set to the non-CMA free pages above every zone's min reserve,
 *          plus per-CPU list pages outside CMA
 * @cma: set to the free CMA pages (buddy and per-CPU lists; pages of
 *       ISOLATE pageblocks, which belong to carves, are not counted)
 *
 * A snapshot (each zone's lock is taken in turn), for deciding early that
 * a carve cannot find targets and for the message that says which memory
 * is short.
 */
void nr_free_target_pages(unsigned long *noncma, unsigned long *cma)
{
	struct zone *zone;

	*noncma = 0;
	*cma = 0;
	for_each_zone(zone) {
		unsigned long pcp = zone_pcp_pages(zone, false), pcp_cma = zone_pcp_pages(zone, true);
		unsigned long flags, noncma_free, fcma;

		/* The counters change under the zone lock only. */
		spin_lock_irqsave(&zone->lock, flags);
		noncma_free = zone->free_pages - zone->free_cma_pages - zone->free_isolate_pages;
		fcma = zone->free_cma_pages - zone->free_cma_held_pages;
		*noncma += noncma_free > zone->min_pages ? noncma_free - zone->min_pages : 0;
		spin_unlock_irqrestore(&zone->lock, flags);
		*noncma += pcp > pcp_cma ? pcp - pcp_cma : 0;
		*cma += fcma + pcp_cma;
	}
}

/**
 * totalram_pages - pages managed by the buddy allocator
 * Return: the sum of every zone's managed_pages.
 */
unsigned long totalram_pages(void)
{
	struct zone *zone;
	unsigned long n = 0;

	for_each_zone(zone)
		n += READ_ONCE(zone->managed_pages);
	return n;
}

/**
 * show_free_areas - print free blocks per zone, order and migratetype
 */
void show_free_areas(void)
{
	unsigned long flags;
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long nr[MAX_ORDER][MIGRATE_TYPES];
		unsigned long free, cma, iso, managed;
		unsigned int o;
		int mt;

		spin_lock_irqsave(&zone->lock, flags);
		for (o = 0; o < MAX_ORDER; o++)
			for (mt = 0; mt < MIGRATE_TYPES; mt++)
				nr[o][mt] = zone->free_area[o].nr_free[mt];
		free = zone->free_pages;
		cma = zone->free_cma_pages;
		iso = zone->free_isolate_pages;
		managed = zone->managed_pages;
		spin_unlock_irqrestore(&zone->lock, flags);

		pr_info("zone %s [%#lx-%#lx): managed %lu, free %lu (cma %lu, isolate %lu), per-cpu %lu, min reserve %lu pages\n",
			zone->name, zone->start_pfn, zone->end_pfn, managed, free, cma, iso,
			zone_pcp_pages(zone, false), zone->min_pages);
		pr_info("  order %10s %10s %10s %10s   (free blocks)\n",
			migratetype_names[0], migratetype_names[1], migratetype_names[2],
			migratetype_names[3]);
		for (o = 0; o < MAX_ORDER; o++)
			pr_info("  %5u %10lu %10lu %10lu %10lu\n", o, nr[o][0], nr[o][1],
				nr[o][2], nr[o][3]);
	}
}

/**
 * find_free_pageblocks - find @nr adjacent, entirely free pageblocks of @mt
 * @nr: how many pageblocks
 * @mt: their migratetype
 * Searches from the top of each zone. The answer can change as soon as the
 * zone lock drops; tests use it on an otherwise idle system.
 * Return: the first pfn, or 0 when there is no such run.
 */
unsigned long find_free_pageblocks(unsigned int nr, int mt)
{
	unsigned long flags;
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long pb, run = 0;

		spin_lock_irqsave(&zone->lock, flags);
		for (pb = zone->end_pfn; pb > zone->start_pfn;) {
			unsigned long p, s;
			bool free = zone_pageblock_mt(zone, pb - pageblock_nr_pages) == mt;

			pb -= pageblock_nr_pages;
			for (p = pb; free && p < pb + pageblock_nr_pages;) {
				unsigned long h = find_free_block_locked(zone, p);

				if (h == ~0UL) {
					free = false;
					break;
				}
				s = h + (1UL << page_order(pfn_to_page(h)));
				p = s;
			}
			run = free ? run + 1 : 0;
			if (run == nr) {
				spin_unlock_irqrestore(&zone->lock, flags);
				return pb;
			}
		}
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	return 0;
}

/* ---- Consistency check ---------------------------------------------- */

#define CHECK(cond, fmt, ...)                                          \
	do {                                                           \
		if (unlikely(!(cond))) {                               \
			problems++;                                    \
			if (verbose)                                   \
				pr_err("check: " fmt "\n", ##__VA_ARGS__); \
		}                                                      \
	} while (0)

static unsigned long check_zone_locked(struct zone *zone, bool verbose)
{
	unsigned long problems = 0, total[MIGRATE_TYPES] = { 0 }, heads_on_lists = 0;
	unsigned long zone_pages = zone->end_pfn - zone->start_pfn;
	unsigned long pfn, heads = 0, pcp_seen = 0, total_held = 0, blk;
	unsigned int o, cpu;
	int mt;

	assert_spin_locked(&zone->lock);
	for (o = 0; o < MAX_ORDER; o++) {
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct list_head *head = &zone->free_area[o].free_list[mt], *pos;
			unsigned long n = 0;
			int held = -1; /* walking free_list[mt]; then held_list[held] */

		next_list:
			for (pos = head->next; pos != head && n <= zone_pages; pos = pos->next) {
				struct page *page = list_entry(pos, struct page, lru);
				unsigned long p = page_to_pfn(page), pb;

				n++;
				if (held >= 0)
					total_held += 1UL << o;
				CHECK(!(p >= zone->start_pfn && p < zone->end_pfn) ||
				      cma_block_held(zone, p, mt) == (held >= 0),
				      "%s: free block pfn %#lx of a %s pageblock (borrow %s) is on the %s list",
				      zone->name, p, migratetype_names[mt],
				      cma_borrow_name(zone_pageblock_borrow(zone, p)),
				      held < 0 ? "ordinary" : "held");
				CHECK(p >= zone->start_pfn && p + (1UL << o) <= zone->end_pfn,
				      "%s: free block pfn %#lx order %u outside the zone",
				      zone->name, p, o);
				if (!(p >= zone->start_pfn && p + (1UL << o) <= zone->end_pfn))
					break;
				CHECK(IS_ALIGNED(p, 1UL << o),
				      "%s: free block pfn %#lx not aligned to order %u", zone->name, p, o);
				CHECK(page_flags(page) == ((1u << PG_buddy) | (o << PAGE_ORDER_SHIFT)),
				      "%s: free block pfn %#lx on order-%u list has flags %#x",
				      zone->name, p, o, page_flags(page));
				CHECK(page->private == (unsigned long)mt,
				      "%s: free block pfn %#lx on %s list records type %lu",
				      zone->name, p, migratetype_names[mt], page->private);
				CHECK(page_ref_count(page) == 0,
				      "%s: free block pfn %#lx has refcount %d", zone->name, p,
				      page_ref_count(page));
				for (pb = pageblock_start_pfn(p); pb < p + (1UL << o);
				     pb += pageblock_nr_pages)
					CHECK(zone_pageblock_borrow(zone, pb) ==
						      zone_pageblock_borrow(zone, p),
					      "%s: free block pfn %#lx order %u spans pageblock %#lx of another borrowing policy",
					      zone->name, p, o, pb);
				for (pb = pageblock_start_pfn(p); pb < p + (1UL << o);
				     pb += pageblock_nr_pages)
					CHECK(zone_pageblock_mt(zone, pb) == mt,
					      "%s: free block pfn %#lx order %u on %s list, but pageblock %#lx is %s",
					      zone->name, p, o, migratetype_names[mt], pb,
					      migratetype_names[zone_pageblock_mt(zone, pb) % MIGRATE_TYPES]);
			}
			if (mt == MIGRATE_CMA && ++held < NR_HELD_LISTS && zone->pageblock_borrow) {
				head = &zone->free_area[o].held_list[held];
				goto next_list;
			}
			CHECK(n == zone->free_area[o].nr_free[mt],
			      "%s: order %u %s list holds %lu blocks, counter says %lu",
			      zone->name, o, migratetype_names[mt], n,
			      zone->free_area[o].nr_free[mt]);
			total[mt] += n << o;
			heads_on_lists += n;
		}
	}
	CHECK(total[0] + total[1] + total[2] + total[3] == zone->free_pages,
	      "%s: lists hold %lu free pages, free_pages says %lu", zone->name,
	      total[0] + total[1] + total[2] + total[3], zone->free_pages);
	CHECK(total[MIGRATE_CMA] == zone->free_cma_pages,
	      "%s: CMA lists hold %lu pages, free_cma_pages says %lu", zone->name,
	      total[MIGRATE_CMA], zone->free_cma_pages);
	CHECK(total_held == zone->free_cma_held_pages,
	      "%s: held lists hold %lu pages, free_cma_held_pages says %lu", zone->name,
	      total_held, zone->free_cma_held_pages);
	CHECK(total[MIGRATE_ISOLATE] == zone->free_isolate_pages,
	      "%s: ISOLATE lists hold %lu pages, free_isolate_pages says %lu", zone->name,
	      total[MIGRATE_ISOLATE], zone->free_isolate_pages);

	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &zone->pcp[cpu];
		unsigned long n = 0, ncma = 0;
		int i;

		for (i = 0; i < MIGRATE_PCPTYPES; i++) {
			struct list_head *head = &pcp->lists[i], *pos;

			for (pos = head->next; pos != head && n <= zone_pages; pos = pos->next) {
				struct page *page = list_entry(pos, struct page, lru);
				unsigned long p = page_to_pfn(page);

				n++;
				if (page->private == MIGRATE_CMA)
					ncma++;
				CHECK(p >= zone->start_pfn && p < zone->end_pfn,
				      "%s: cpu %u per-cpu page pfn %#lx outside the zone",
				      zone->name, cpu, p);
				CHECK(!(p >= zone->start_pfn && p < zone->end_pfn) ||
				      !cma_block_held(zone, p, zone_pageblock_mt(zone, p)),
				      "%s: cpu %u per-cpu page pfn %#lx is in a pageblock that lends to %s",
				      zone->name, cpu, p,
				      cma_borrow_name(zone_pageblock_borrow(zone, p)));
				CHECK(page_flags(page) == (1u << PG_pcp) && page_ref_count(page) == 0,
				      "%s: cpu %u per-cpu page pfn %#lx has flags %#x refcount %d",
				      zone->name, cpu, p, page_flags(page), page_ref_count(page));
			}
		}
		CHECK(n == pcp->count, "%s: cpu %u per-cpu lists hold %lu pages, count says %u",
		      zone->name, cpu, n, pcp->count);
		CHECK(ncma == pcp->cma_count,
		      "%s: cpu %u per-cpu lists hold %lu CMA pages, cma_count says %u",
		      zone->name, cpu, ncma, pcp->cma_count);
		pcp_seen += n;
	}

	for (pfn = zone->start_pfn; pfn < zone->end_pfn;) {
		struct page *page = pfn_to_page(pfn);
		u32 f = page_flags(page);
		unsigned long i, nr;

		if (f & (1u << PG_buddy)) {
			nr = 1UL << page_order(page);
			heads++;
			/* The allocator hands tails out without clearing them. */
			for (i = 1; i < nr && pfn + i < zone->end_pfn; i++)
				CHECK(page_flags(page + i) == 0 && page_ref_count(page + i) == 0 &&
					      page[i].private == 0,
				      "%s: pfn %#lx inside free block %#lx has flags %#x refcount %d private %#lx",
				      zone->name, pfn + i, pfn, page_flags(page + i),
				      page_ref_count(page + i), page[i].private);
			pfn += nr;
			continue;
		}
		if (f & (1u << PG_pcp)) {
			pcp_seen--;
			CHECK(!(f & (1u << PG_reserved)), "%s: reserved pfn %#lx on a per-cpu list",
			      zone->name, pfn);
			pfn++;
			continue;
		}
		if (f & (1u << PG_reserved)) {
			pfn++;
			continue;
		}
		CHECK(page_ref_count(page) > 0,
		      "%s: pfn %#lx is neither free, allocated nor reserved (flags %#x refcount %d)",
		      zone->name, pfn, f, page_ref_count(page));
		nr = (f & (1u << PG_head)) ? 1UL << page_order(page) : 1;
		for (i = 1; i < nr && pfn + i < zone->end_pfn; i++)
			CHECK(!(page_flags(page + i) & ((1u << PG_buddy) | (1u << PG_pcp))),
			      "%s: pfn %#lx inside allocated block %#lx is also free (flags %#x)",
			      zone->name, pfn + i, pfn, page_flags(page + i));
		pfn += nr;
	}
	CHECK(heads == heads_on_lists,
	      "%s: %lu free block heads in the memmap, %lu on the free lists", zone->name,
	      heads, heads_on_lists);
	for (blk = zone->start_pfn; blk < zone->end_pfn; blk += pageblock_nr_pages) {
		unsigned long h = find_free_block_memmap_locked(zone, blk), nr = 0, i;
		u32 counted = zone->pageblock_nr_free[(blk - zone->start_pfn) >> pageblock_order];

		if (h != ~0UL && h + (1UL << page_order(pfn_to_page(h))) >= blk + pageblock_nr_pages) {
			nr = pageblock_nr_pages; /* inside one free block */
		} else {
			for (i = 0; i < pageblock_nr_pages;) {
				struct page *page = pfn_to_page(blk + i);

				if (PageBuddy(page)) {
					nr += 1UL << page_order(page);
					i += 1UL << page_order(page);
				} else {
					i++;
				}
			}
		}
		CHECK(nr == counted,
		      "%s: pageblock %#lx has %lu free pages on the lists, pageblock_nr_free says %u",
		      zone->name, blk, nr, counted);
	}
	CHECK(pcp_seen == 0, "%s: per-cpu flagged pages do not match the per-cpu lists",
	      zone->name);
	return problems;
}

/**
 * page_alloc_check - check the free lists, counters and per-CPU lists
 * @verbose: print each problem
 *
 * Walks each zone under every pcp lock and the zone lock: free blocks are
 * aligned, inside the zone, flagged only PG_buddy, on the list of their
 * pageblock's type (which they never straddle); counters equal the lists;
 * per-CPU pages are flagged PG_pcp; every other page is reserved or
 * allocated, and no page inside a block is also free.
 *
 * Return: the number of problems found.
 */
unsigned long page_alloc_check(bool verbose)
{
	unsigned long problems = 0;
	struct zone *zone;
	unsigned int cpu;

	for_each_zone(zone) {
		unsigned long flags = arch_irq_save();

		for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
			spin_lock(&zone->pcp[cpu].lock);
		spin_lock(&zone->lock);
		problems += check_zone_locked(zone, verbose);
		spin_unlock(&zone->lock);
		for (cpu = CONFIG_NR_CPUS; cpu-- > 0;)
			spin_unlock(&zone->pcp[cpu].lock);
		arch_irq_restore(flags);
	}
	return problems;
}

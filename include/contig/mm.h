/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Pages, page frames and the page allocator interface.
 *
 * Every 4 KiB frame of RAM has a struct page in the memmap (mm/mm_init.c),
 * at most 32 bytes each. A page is in exactly one state at a time:
 *   reserved  - PG_reserved: never handed to the buddy (memblock, no-map)
 *   free      - PG_buddy (head of a free block in a zone's free lists) or
 *               PG_pcp (on a per-CPU list), or a tail of a free block
 *   allocated - refcount > 0: kernel page, slab page, contig/CMA page,
 *               or movable page owned through a movable_operations owner
 */
#ifndef _CONTIG_MM_H
#define _CONTIG_MM_H

#include <contig/kernel.h>
#include <contig/list.h>
#include <contig/atomic.h>
#include <contig/arch.h>
#include <asm/memory.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

/* Buddy orders run from 0 to MAX_ORDER - 1 (Linux's classic meaning). */
#define MAX_ORDER CONFIG_MAX_ORDER
#define MAX_ORDER_NR_PAGES (1UL << (MAX_ORDER - 1))
/* Pageblocks: the unit of migratetype, isolation and region alignment. */
#define pageblock_order CONFIG_PAGEBLOCK_ORDER
#define pageblock_nr_pages (1UL << pageblock_order)
#define pageblock_start_pfn(pfn) ALIGN_DOWN((unsigned long)(pfn), pageblock_nr_pages)
#define pageblock_end_pfn(pfn) (pageblock_start_pfn(pfn) + pageblock_nr_pages)

/*
 * The alignment order of a DMA buffer of @count pages, as Linux's DMA
 * layer gives it: the size rounded up to a power of two, at most a
 * pageblock (CONFIG_CMA_ALIGNMENT there).
 */
static inline unsigned int dma_align_order(unsigned long count)
{
	return min_t(unsigned int, order_base_2(count), pageblock_order);
}

_Static_assert(CONFIG_PAGEBLOCK_ORDER < CONFIG_MAX_ORDER,
	       "pageblock order must be below MAX_ORDER");

#define PFN_PHYS(pfn) ((phys_addr_t)(pfn) << PAGE_SHIFT)
#define PHYS_PFN(pa) ((unsigned long)((pa) >> PAGE_SHIFT))
#define PFN_UP(pa) ((unsigned long)(((pa) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_DOWN(pa) PHYS_PFN(pa)

#define __va(pa) arch_phys_to_virt((phys_addr_t)(pa))
#define __pa(va) arch_virt_to_phys(va)

enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_CMA,     /* only movable pages, or the area's own carves */
	MIGRATE_ISOLATE, /* being carved: nothing is allocated from it */
	MIGRATE_TYPES
};
/* Types that have per-CPU lists. */
#define MIGRATE_PCPTYPES (MIGRATE_MOVABLE + 1)

extern const char *const migratetype_names[MIGRATE_TYPES];

struct page {
	u32 flags;             /* PG_* bits, order, owner type; see below */
	atomic_t _refcount;    /* 0 when free */
	struct list_head lru;  /* free list, per-CPU list, migration list */
	unsigned long private; /* owner record for movable pages */
};

/* The memmap costs at most 32 bytes per 4 KiB page (0.78% of RAM). */
_Static_assert(sizeof(struct page) <= 32, "struct page must fit in 32 bytes");

/* Page flag bits (low 16 bits of page->flags). */
enum pageflags {
	PG_reserved,  /* never given to the buddy allocator */
	PG_buddy,     /* head of a free block on a zone free list */
	PG_pcp,       /* free, on a per-CPU list */
	PG_head,      /* head of an allocated block of order > 0 */
	PG_movable,   /* owned by a movable owner (see contig/movable.h) */
	PG_isolated,  /* taken from its owner for migration */
	PG_locked,    /* under migration; accessors wait for it to clear */
	PG_dirty,     /* owner-defined: contents not yet written back */
	PG_pinned,    /* long-term pinned: may not move until unpinned */
	PG_contig,    /* allocated by alloc_contig_range() */
	PG_slab,      /* backs small-object caches */
	__NR_PAGEFLAGS
};

/* Bits 16..19: block order (free head or allocated head). 20..23: owner. */
#define PAGE_ORDER_SHIFT 16
#define PAGE_ORDER_MASK (0xfu << PAGE_ORDER_SHIFT)
#define PAGE_OWNER_SHIFT 20
#define PAGE_OWNER_MASK (0xfu << PAGE_OWNER_SHIFT)

_Static_assert(__NR_PAGEFLAGS <= PAGE_ORDER_SHIFT, "too many page flags");
_Static_assert(CONFIG_MAX_ORDER <= 16, "order must fit in 4 bits");

static inline u32 page_flags(const struct page *page)
{
	return __atomic_load_n(&page->flags, __ATOMIC_ACQUIRE);
}

static inline bool page_flag_test(const struct page *page, enum pageflags bit)
{
	return page_flags(page) & (1u << bit);
}

/* Atomic set/clear: safe against concurrent changes of other bits. */
static inline void page_flag_set(struct page *page, enum pageflags bit)
{
	__atomic_fetch_or(&page->flags, 1u << bit, __ATOMIC_ACQ_REL);
}

static inline void page_flag_clear(struct page *page, enum pageflags bit)
{
	__atomic_fetch_and(&page->flags, ~(1u << bit), __ATOMIC_ACQ_REL);
}

/* Returns the old value of the bit. */
static inline bool page_flag_test_and_set(struct page *page, enum pageflags bit)
{
	return __atomic_fetch_or(&page->flags, 1u << bit, __ATOMIC_ACQ_REL) &
	       (1u << bit);
}

#define PAGEFLAG(name, bit)                                                   \
	static inline bool Page##name(const struct page *p) { return page_flag_test(p, bit); } \
	static inline void SetPage##name(struct page *p) { page_flag_set(p, bit); } \
	static inline void ClearPage##name(struct page *p) { page_flag_clear(p, bit); }

PAGEFLAG(Reserved, PG_reserved)
PAGEFLAG(Buddy, PG_buddy)
PAGEFLAG(Pcp, PG_pcp)
PAGEFLAG(Head, PG_head)
PAGEFLAG(Movable, PG_movable)
PAGEFLAG(Isolated, PG_isolated)
PAGEFLAG(Locked, PG_locked)
PAGEFLAG(Dirty, PG_dirty)
PAGEFLAG(Pinned, PG_pinned)
PAGEFLAG(Contig, PG_contig)
PAGEFLAG(Slab, PG_slab)

static inline unsigned int page_order(const struct page *page)
{
	return (page_flags(page) & PAGE_ORDER_MASK) >> PAGE_ORDER_SHIFT;
}

static inline void set_page_order(struct page *page, unsigned int order)
{
	u32 old = page_flags(page), new;

	do {
		new = (old & ~PAGE_ORDER_MASK) | (order << PAGE_ORDER_SHIFT);
	} while (!__atomic_compare_exchange_n(&page->flags, &old, new, false,
					      __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE));
}

static inline unsigned int page_owner_type(const struct page *page)
{
	return (page_flags(page) & PAGE_OWNER_MASK) >> PAGE_OWNER_SHIFT;
}

static inline void set_page_owner_type(struct page *page, unsigned int type)
{
	u32 old = page_flags(page), new;

	do {
		new = (old & ~PAGE_OWNER_MASK) | (type << PAGE_OWNER_SHIFT);
	} while (!__atomic_compare_exchange_n(&page->flags, &old, new, false,
					      __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE));
}

static inline int page_ref_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}

static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_refcount, v);
}

/*
 * Store page->private. A carve's look at a run of movable pages reads it
 * without a lock (page_movable_record()) while the page may be freed or
 * reallocated: the store is a relaxed atomic (a plain store on ARM).
 */
static inline void set_page_private(struct page *page, unsigned long v)
{
	__atomic_store_n(&page->private, v, __ATOMIC_RELAXED);
}

static inline void get_page(struct page *page)
{
	atomic_inc(&page->_refcount);
}

/*
 * put_page - drop a reference; the last one frees the page (and, for a
 * PG_head page, its whole block of page_order() pages) to the allocator.
 */
void put_page(struct page *page);

/* ---- The memmap --------------------------------------------------- */

extern struct page *mem_map;        /* struct page of min_low_pfn */
extern unsigned long min_low_pfn;   /* first pfn with a struct page */
extern unsigned long max_pfn;       /* one past the last */

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn >= min_low_pfn && pfn < max_pfn;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + (pfn - min_low_pfn);
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map) + min_low_pfn;
}

static inline phys_addr_t page_to_phys(const struct page *page)
{
	return PFN_PHYS(page_to_pfn(page));
}

/* One page with the port's copy routine (contig/arch.h, arch_copy_pages()). */
static inline void arch_copy_page(void *dst, const void *src)
{
	arch_copy_pages(dst, src, PAGE_SIZE);
}

/* Linear-map address of @page (every RAM page is in the linear map). */
static inline void *page_address(const struct page *page)
{
	return __va(page_to_phys(page));
}

static inline struct page *virt_to_page(const void *va)
{
	return pfn_to_page(PHYS_PFN(__pa(va)));
}

/* ---- Allocation flags -------------------------------------------- */

#define __GFP_MOVABLE 0x01u /* the owner can migrate it: may use CMA blocks */
#define __GFP_ZERO 0x02u    /* zero the pages */
#define __GFP_NOWARN 0x04u  /* no message on failure */
#define __GFP_NO_CMA 0x08u  /* movable, but never from CMA (long-term pins) */
#define __GFP_NO_PCP 0x10u  /* bypass the per-CPU lists */
#define __GFP_CLEAN 0x20u   /* clean, discardable cache: may borrow "clean"
			     * CMA regions, and prefers them (cma_borrow.h) */

#define GFP_KERNEL 0u
#define GFP_MOVABLE __GFP_MOVABLE

/*
 * Where movable allocations take CMA pages from; see Documentation/mm/cma.rst.
 * A property of each zone (zone->cma_policy, contig/mmzone.h); every zone
 * starts with the boot parameter cma_policy= (balance by default).
 */
enum cma_fallback_policy {
	CMA_POLICY_FALLBACK, /* CMA only when ordinary movable memory runs out */
	CMA_POLICY_BALANCE,  /* CMA first while it holds over half the free pages */
	CMA_POLICY_PREFER,   /* CMA first whenever it has free pages */
};

/* ---- Page allocator (mm/page_alloc.c) ----------------------------- */

/**
 * alloc_pages - allocate 2^@order contiguous pages
 * Return: the first page (refcount 1; PG_head set when @order > 0), or
 * NULL when no block of that order is free for @gfp's migratetype.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);

static inline struct page *alloc_page(gfp_t gfp)
{
	return alloc_pages(gfp, 0);
}

/*
 * Batches: up to @nr order-0 pages into @array with one zone-lock hold, or
 * onto @list in chunks of 256 pages, one hold each (return: how many), and
 * free a list of order-0 pages whose refcount the caller dropped to 0.
 */
unsigned int alloc_pages_bulk_array(gfp_t gfp, unsigned int nr, struct page **array);
unsigned int alloc_pages_bulk(gfp_t gfp, unsigned int nr, struct list_head *list);
void free_page_list(struct list_head *list);

static inline void __free_page(struct page *page)
{
	__free_pages(page, 0);
}

/* Linear-map address of a new block, or NULL. */
void *get_free_pages(gfp_t gfp, unsigned int order);
void free_pages(void *addr, unsigned int order);

/* Split an allocated order-@order block into order-0 pages, refcount 1. */
void split_page(struct page *page, unsigned int order);

/* Return every CPU's per-CPU lists to the buddy (the carve path calls it). */
void drain_all_pages(void);
void drain_local_pages(void);

/* enum cma_borrow of @pfn's pageblock (movable outside CMA areas). */
int pageblock_borrow(unsigned long pfn);

/* MIGRATE_* of @pfn's pageblock, or -EINVAL for a pfn in no zone. */
int get_pageblock_migratetype(unsigned long pfn);

/* Allocatable free pages: buddy + per-CPU lists, not ISOLATE pageblocks. */
unsigned long nr_free_pages(void);
unsigned long nr_free_cma_pages(void);  /* free pages in CMA pageblocks */
unsigned long totalram_pages(void);     /* pages managed by the buddy */

/* Print free counts per zone, order and migratetype. */
void show_free_areas(void);

/*
 * The min reserve (watermark "min", Documentation/mm/cma.rst): each zone
 * keeps zone->min_pages of its non-CMA memory free for unmovable (kernel)
 * allocations; movable allocations, migration targets among them, never
 * take the non-CMA free pages below it and use CMA pages instead.
 * min_free_kbytes is the sum over zones, as in Linux: sqrt(16 x managed
 * memory in kB), clamped to 128..262144, unless the boot parameter
 * min_free_kbytes= sets it. setup_per_zone_wmarks() spreads it over the
 * zones; start_kernel() calls it once the CMA areas are active.
 */
extern unsigned long min_free_kbytes;
void setup_per_zone_wmarks(void);

/*
 * Free pages a migration target may take now: non-CMA pages above each
 * zone's min reserve in *@noncma, free CMA pages (outside any ISOLATE
 * pageblock, so outside every window being carved) in *@cma. Per-CPU list
 * pages count with them. A snapshot: the answer can change at once.
 */
void nr_free_target_pages(unsigned long *noncma, unsigned long *cma);

/*
 * mm_core_init - build the memmap and the zones from memblock, free every
 * unreserved RAM page to the buddy, close memblock allocation and start
 * kmalloc (mm/mm_init.c). Called once by start_kernel().
 */
void mm_core_init(void);

#endif /* _CONTIG_MM_H */

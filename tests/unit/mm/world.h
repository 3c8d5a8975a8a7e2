/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A private world for the mm unit tests: a few pageblocks of simulated RAM
 * with their struct pages, one zone and up to two CMA areas, built by the
 * real boot code (memblock, mm_core_init(), cma_declare(),
 * cma_activate_areas()) before each test and forgotten after it. The real
 * page allocator, isolation, migration, contig and CMA code run on it;
 * world.c is the port underneath (one CPU, a simulated clock, printk into
 * a buffer) and a movable owner of its own ("tpage") whose pages a test
 * places on exact frames and can pin, make busy or keep clean.
 *
 * A layout names the pageblocks, one letter each (spaces are ignored):
 *   M  MOVABLE    U  UNMOVABLE
 *   C  CMA area "cma0" (its pageblocks must be adjacent)
 *   D  CMA area "cma1"
 * Above them the world keeps one pageblock of kernel memory (the memmap
 * and the zone's tables, the rest allocated as kernel pages), so every page
 * of the layout starts free. world_map() draws the world back, one cell per
 * WORLD_CELL pages:
 *   "M[........] C[m.......] C[AAAA....]"
 * where '.' is a cell whose pages are all free, and otherwise the cell shows
 * the first page that is not: 'A' carved (PG_contig), 'm' a movable tpage,
 * 'c' a clean (discardable) tpage, 'p' a pinned one, 'L' long-term pinned,
 * 'b' one whose migration fails (-EAGAIN), 'k' a kernel page, 'o' a page of
 * another owner (anon, pcache). The letter before '[' is the pageblock's
 * migratetype: M, U, C or I (isolated).
 */
#ifndef _UNIT_MM_WORLD_H
#define _UNIT_MM_WORLD_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/mmzone.h>
#include <contig/cma.h>
#include <contig/migrate.h>
#include <contig/movable.h>

#define WORLD_MAX_PB 12
#define WORLD_CELL 32 /* pages per character of world_map() */
#define WORLD_RAM_BASE 0x80000000ULL
#define WORLD_CLOCK_START_NS 1000000000ULL

/* What a test places on a frame (the letters of world_map()). */
enum tpage_kind {
	TP_MOVABLE = 'm',  /* dirty: must be copied */
	TP_CLEAN = 'c',    /* clean: the owner lets migration drop it */
	TP_PINNED = 'p',   /* short-term pin: the owner refuses isolation */
	TP_LONGTERM = 'L', /* long-term pinned (PG_pinned) */
	TP_BUSY = 'b',     /* isolates, but every migrate_page() says -EAGAIN */
	TP_KERNEL = 'k',   /* allocated, no owner: unmovable */
};

struct tpage {
	struct page *page;      /* the frame that holds it now, or NULL: dropped */
	unsigned long id;       /* written into the page; must survive migration */
	enum tpage_kind kind;
	/* TP_PINNED: the holder lets go after refusing this many isolations (0: never). */
	unsigned int release_after;
	unsigned int isolations, moves;
	bool discarded;
};

struct world {
	unsigned int nr_pb;          /* pageblocks of the layout */
	unsigned long base_pfn;      /* first pfn of pageblock 0 */
	struct zone *zone;
	struct cma *cma[2];          /* 'C' and 'D', or NULL */
	struct tpage *tp[WORLD_MAX_PB * 256];
	unsigned int nr_tp;
	u64 clock_ns;                /* the simulated clock */
	char log[32768];             /* everything printed since world_create() */
	size_t log_len;
	char map[WORLD_MAX_PB * 16 + 64];
};

extern struct world *W;

/* Build the world of @layout (see above) / forget it (checks it first). */
void world_create(const char *layout);
/* The same with CMA bitmaps of one bit per 2^@order_per_bit pages. */
void world_create_bits(const char *layout, unsigned int order_per_bit);
void world_destroy(void);
/* cmocka setup/teardown for a world given by the test's state. */
int world_setup(void **state);
int world_teardown(void **state);

/* First pfn of pageblock @pb of the layout. */
static inline unsigned long pb_pfn(unsigned int pb)
{
	return W->base_pfn + (unsigned long)pb * pageblock_nr_pages;
}

/* Place a page of @kind on free frame @pfn. */
struct tpage *place(unsigned long pfn, enum tpage_kind kind);
/* place() on every frame of [pfn, pfn + nr). */
void place_run(unsigned long pfn, unsigned long nr, enum tpage_kind kind);
/* Let go of a pinned page: it becomes TP_MOVABLE. */
void tpage_unpin(struct tpage *tp);
/* Free a tpage (its frame goes back to the buddy). */
void tpage_free(struct tpage *tp);
/* Whether every tpage still holds its id (contents survived migration). */
bool tpages_intact(void);

/* The world drawn as described above. */
const char *world_map(void);

/* Free pages on the buddy lists of @mt (per-CPU lists drained first). */
unsigned long free_of(int mt);
/* Free blocks of @order on the @mt lists. */
unsigned long blocks_of(unsigned int order, int mt);
/* pfns of [start, end) in each state. */
unsigned long count_contig(unsigned long start, unsigned long end);

/* Simulated time since world_create(), in ns. */
static inline u64 world_elapsed_ns(void)
{
	return W->clock_ns - WORLD_CLOCK_START_NS;
}

/* The log since world_create() holds @needle. */
bool log_has(const char *needle);

#endif /* _UNIT_MM_WORLD_H */

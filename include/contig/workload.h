/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Movable workloads (app/workload.c): memory that "processes" use, for
 * tests, the stress test, the benchmark and the demo.
 *
 * A workload is a set of chunks. Each chunk is an anon area
 * (contig/movable.h) or a pcache over a generated backing store, of
 * chunk_pages pages. Every page holds a pattern derived from (chunk id,
 * page index, generation): a 64-bit seed mixed with the word index in each
 * of the page's 512 words, so a page that was lost, copied to the wrong
 * place, copied partially or left stale is detected by workload_verify().
 * Chunk ids are unique across all workloads.
 *
 * A workload is used by one CPU at a time; several workloads may run on
 * different CPUs at once.
 */
#ifndef _CONTIG_WORKLOAD_H
#define _CONTIG_WORKLOAD_H

#include <contig/mm.h>
#include <contig/movable.h>

struct cma;
struct workload;

enum workload_kind {
	WORKLOAD_ANON,   /* anon areas: written pages, migrated by copy */
	WORKLOAD_PCACHE, /* clean pcache pages: discarded by migration */
};

#define WORKLOAD_DEFAULT_CHUNK_PAGES (SZ_1M / PAGE_SIZE)

/**
 * workload_create - an empty workload
 * @name: for messages (copied)
 * @chunk_pages: pages per chunk (0: WORKLOAD_DEFAULT_CHUNK_PAGES)
 * @gfp: extra flags for anon areas (e.g. __GFP_NO_CMA)
 * Return: the workload, or NULL when out of memory.
 */
struct workload *workload_create(const char *name, enum workload_kind kind,
				 unsigned long chunk_pages, gfp_t gfp);

/* Destroy every chunk and the workload. */
void workload_destroy(struct workload *wl);

/**
 * workload_fill_bytes - add chunks until the workload holds @bytes more
 * Stops early when a chunk cannot be created (memory or window space).
 * Return: pages added (may be fewer than asked).
 */
unsigned long workload_fill_bytes(struct workload *wl, u64 bytes);

/**
 * workload_fill_cma - add chunks until @pct percent of @cma's pages hold
 * this workload kind's movable pages (PageMovable and owner anon/pcache)
 * Sets every zone's CMA fallback policy to CMA_POLICY_PREFER for the fill
 * and restores it after, so call it while no other CPU allocates.
 * @max_bytes: stop after adding this much (0: until allocation fails)
 * Return: pages added; the percentage reached is workload_cma_fill_pct().
 */
unsigned long workload_fill_cma(struct workload *wl, struct cma *cma,
				unsigned int pct, u64 max_bytes);

/* Add chunks until a chunk cannot be created or @max_bytes (0: no cap). */
unsigned long workload_fill_until_full(struct workload *wl, u64 max_bytes);

/* Destroy chunks from the end until at most @nr_chunks are left. */
void workload_shrink(struct workload *wl, unsigned int nr_chunks);

/**
 * workload_verify - read every page back and compare with its pattern
 * Prints the first few corrupt pages with pfn, chunk and index.
 * Return: the number of corrupt pages (0 when all data is intact).
 */
unsigned long workload_verify(struct workload *wl);

/* Rewrite every anon page with the next generation's pattern (pcache
 * chunks stay clean and are not touched). */
void workload_touch(struct workload *wl);

/*
 * workload_set_unpinned - touch and verify anon pages with plain loads
 * and stores at anon_area_addr() instead of pinning each page, so they
 * migrate while in use. Return: 0, or -EOPNOTSUPP without
 * CONFIG_ARCH_HAS_VM_MMU (the host) or for a pcache workload.
 */
int workload_set_unpinned(struct workload *wl, bool on);

unsigned long workload_nr_pages(const struct workload *wl);
unsigned int workload_nr_chunks(const struct workload *wl);
/* Chunk @i's anon area (NULL for a pcache workload) or pcache. */
struct anon_area *workload_anon_area(const struct workload *wl, unsigned int i);
struct pcache *workload_pcache(const struct workload *wl, unsigned int i);

/* Pages of @wl (anon, or cached pcache pages) whose frame lies in
 * [start_pfn, end_pfn). */
unsigned long workload_pages_in_range(const struct workload *wl,
				      unsigned long start_pfn, unsigned long end_pfn);

/* Pages of [start_pfn, end_pfn) that are movable and owned by @owner. */
unsigned long movable_pages_in_range(unsigned long start_pfn, unsigned long end_pfn,
				     enum page_owner owner);
/* Percentage (0..100) of @cma's pages that are movable pages of @owner. */
unsigned int workload_cma_fill_pct(struct cma *cma, enum page_owner owner);

/* The pattern: seed of a page, fill a page, check a page. */
u64 workload_page_seed(u32 chunk_id, unsigned long idx, u32 gen);
void workload_pattern_fill(void *page, u64 seed);
/* Return: true when @page holds @seed's pattern; else *@bad_word (may be
 * NULL) is the first word that differs. */
bool workload_pattern_check(const void *page, u64 seed, unsigned int *bad_word);

#endif /* _CONTIG_WORKLOAD_H */

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Movable workloads: fill memory with anon areas or pcache pages that hold
 * a checkable pattern, and check it after the mm moved them around.
 *
 * Design. A workload keeps an array of pointers to chunks; each chunk is
 * one anon area or one pcache of chunk_pages pages, with a unique id (a
 * global counter) and a generation. Page @idx of a chunk holds
 * pattern(seed(id, idx, gen)): word k = mix(seed) ^ (k + 1) * golden, so
 * every word of every page differs from every other page's. pcache chunks
 * use generation 0 forever, and their backing store generates the same
 * pattern, so a discarded page refills to identical data.
 *
 * The workload has no lock: one CPU uses a workload at a time. The mm
 * underneath is concurrent; pages are always reached through
 * anon_page_get()/anon_page_put() or pcache_read(), never by pfn - or,
 * for an anon workload switched to unpinned access
 * (workload_set_unpinned(), CONFIG_ARCH_HAS_VM_MMU only), through plain
 * loads and stores at anon_area_addr(), the way a process touches its
 * memory: migration then moves pages under the writer's feet and the
 * writer's accesses fault and wait on the migration entries.
 *
 * It is in app/, not lib/: it is a user of the mm (anon areas, pcache,
 * CMA areas), like the demo, the benchmarks and the pipeline that use it.
 */
#define pr_fmt(fmt) "workload: " fmt

#include <contig/workload.h>
#include <contig/cma.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <contig/errno.h>
#include <contig/mmzone.h>

#define WL_NAME_LEN 24
#define WL_REPORT_MAX 4

struct wl_chunk {
	u32 id;
	u32 gen;
	unsigned long nr_pages;
	struct anon_area *area;
	struct pcache *pc;
	char name[WL_NAME_LEN];
};

struct workload {
	char name[WL_NAME_LEN];
	enum workload_kind kind;
	unsigned long chunk_pages;
	gfp_t gfp;
	struct wl_chunk **chunks;
	unsigned int nr_chunks, cap_chunks;
	unsigned long nr_pages;
	void *scratch; /* one page, for pcache reads */
	bool unpinned; /* anon pages through anon_area_addr(), no pins */
};

static atomic_t wl_next_id = ATOMIC_INIT(0);

static u64 mix64(u64 x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/**
 * workload_page_seed - the seed of page @idx of chunk @chunk_id at @gen
 * Return: a 64-bit value that differs for every (id, idx, gen).
 */
u64 workload_page_seed(u32 chunk_id, unsigned long idx, u32 gen)
{
	return mix64(((u64)chunk_id << 40) ^ ((u64)idx << 12) ^ gen ^
		     0x5eed0fc0a1105eedULL);
}

#define WL_GOLDEN 0x9e3779b97f4a7c15ULL
#define WL_WORDS (PAGE_SIZE / sizeof(u64))

/**
 * workload_pattern_fill - write @seed's pattern over the whole page @page
 */
void workload_pattern_fill(void *page, u64 seed)
{
	u64 *w = page;
	unsigned int k;

	for (k = 0; k < WL_WORDS; k++)
		w[k] = seed ^ ((u64)(k + 1) * WL_GOLDEN);
}

/**
 * workload_pattern_check - compare page @page with @seed's pattern
 * Return: true when every word matches; otherwise false and *@bad_word
 * (when not NULL) is the index of the first word that differs.
 */
bool workload_pattern_check(const void *page, u64 seed, unsigned int *bad_word)
{
	const u64 *w = page;
	unsigned int k;

	for (k = 0; k < WL_WORDS; k++) {
		if (w[k] != (seed ^ ((u64)(k + 1) * WL_GOLDEN))) {
			if (bad_word)
				*bad_word = k;
			return false;
		}
	}
	return true;
}

/* The backing store of a pcache chunk: priv is the chunk id. */
static int wl_pcache_fill(void *buf, unsigned long index, void *priv)
{
	workload_pattern_fill(buf, workload_page_seed((u32)(uintptr_t)priv, index, 0));
	return 0;
}

/**
 * workload_create - an empty workload of @kind
 * Return: the workload, or NULL when out of memory.
 */
struct workload *workload_create(const char *name, enum workload_kind kind,
				 unsigned long chunk_pages, gfp_t gfp)
{
	struct workload *wl = kzalloc(sizeof(*wl), GFP_KERNEL);

	if (!wl)
		return NULL;
	strscpy_trunc(wl->name, name ? name : "workload", sizeof(wl->name));
	wl->kind = kind;
	wl->chunk_pages = chunk_pages ? chunk_pages : WORKLOAD_DEFAULT_CHUNK_PAGES;
	wl->gfp = gfp;
	if (kind == WORKLOAD_PCACHE) {
		wl->scratch = kmalloc(PAGE_SIZE, GFP_KERNEL);
		if (!wl->scratch) {
			kfree(wl);
			return NULL;
		}
	}
	return wl;
}

/*
 * Page @i of anon chunk @c: pinned by anon_page_get(), or for an unpinned
 * workload its window address, with no pin (the page may move under the
 * access). Give it back with wl_page_put().
 */
static void *wl_page_get(const struct workload *wl, const struct wl_chunk *c, unsigned long i)
{
	return wl->unpinned ? anon_area_addr(c->area, i) : anon_page_get(c->area, i);
}

static void wl_page_put(const struct workload *wl, const struct wl_chunk *c, unsigned long i)
{
	if (!wl->unpinned)
		anon_page_put(c->area, i);
}

static void wl_write_chunk(const struct workload *wl, struct wl_chunk *c)
{
	unsigned long i;

	for (i = 0; i < c->nr_pages; i++) {
		workload_pattern_fill(wl_page_get(wl, c, i), workload_page_seed(c->id, i, c->gen));
		wl_page_put(wl, c, i);
	}
}

/**
 * workload_set_unpinned - reach anon pages without pins from now on
 * @wl: an anon workload
 * @on: true for plain loads and stores at anon_area_addr(), false for
 *      anon_page_get()/anon_page_put() around each page
 *
 * Unpinned pages stay migratable while they are written and read: a
 * carve moves them under the writer, whose accesses wait on the migration
 * entries. That is only safe where the MMU translates every access.
 *
 * Return: 0; -EOPNOTSUPP without CONFIG_ARCH_HAS_VM_MMU (the host), or
 * for a pcache workload.
 */
int workload_set_unpinned(struct workload *wl, bool on)
{
	if (on && (!IS_ENABLED(CONFIG_ARCH_HAS_VM_MMU) || wl->kind != WORKLOAD_ANON))
		return -EOPNOTSUPP;
	wl->unpinned = on;
	return 0;
}

static void wl_free_chunk(struct wl_chunk *c)
{
	if (c->area)
		anon_area_destroy(c->area);
	if (c->pc)
		pcache_destroy(c->pc);
	kfree(c);
}

/* Add one chunk. Return 0, or -ENOMEM when memory or window space ran out. */
static int wl_add_chunk(struct workload *wl)
{
	struct wl_chunk *c;
	unsigned long i;

	if (wl->nr_chunks == wl->cap_chunks) {
		unsigned int cap = wl->cap_chunks ? wl->cap_chunks * 2 : 64;
		struct wl_chunk **n = kcalloc(cap, sizeof(*n), GFP_KERNEL);

		if (!n)
			return -ENOMEM;
		if (wl->chunks)
			memcpy(n, wl->chunks, wl->nr_chunks * sizeof(*n));
		kfree(wl->chunks);
		wl->chunks = n;
		wl->cap_chunks = cap;
	}
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->id = (u32)atomic_inc_return(&wl_next_id);
	c->nr_pages = wl->chunk_pages;
	snprintf(c->name, sizeof(c->name), "wl%u", c->id);

	if (wl->kind == WORKLOAD_ANON) {
		c->area = anon_area_create(c->nr_pages, wl->gfp | __GFP_NOWARN);
		if (!c->area) {
			kfree(c);
			return -ENOMEM;
		}
		wl_write_chunk(wl, c);
	} else {
		c->pc = pcache_create(c->name, c->nr_pages, wl_pcache_fill,
				      (void *)(uintptr_t)c->id);
		if (!c->pc) {
			kfree(c);
			return -ENOMEM;
		}
		/* Populate the cache: every page read once from the store. */
		for (i = 0; i < c->nr_pages; i++) {
			if (pcache_read(c->pc, i, wl->scratch) < 0) {
				wl_free_chunk(c);
				return -ENOMEM;
			}
		}
	}
	wl->chunks[wl->nr_chunks++] = c;
	wl->nr_pages += c->nr_pages;
	return 0;
}

/**
 * workload_fill_bytes - add chunks until @bytes more are held
 * Return: pages added.
 */
unsigned long workload_fill_bytes(struct workload *wl, u64 bytes)
{
	unsigned long added = 0, want = DIV_ROUND_UP(bytes, PAGE_SIZE);

	while (added < want) {
		if (wl_add_chunk(wl))
			break;
		added += wl->chunk_pages;
	}
	return added;
}

/**
 * workload_fill_until_full - add chunks until one cannot be created
 * @max_bytes: cap (0: none)
 * Return: pages added.
 */
unsigned long workload_fill_until_full(struct workload *wl, u64 max_bytes)
{
	unsigned long added = 0, cap = max_bytes ? DIV_ROUND_UP(max_bytes, PAGE_SIZE) : ~0UL;

	while (added < cap) {
		if (wl_add_chunk(wl))
			break;
		added += wl->chunk_pages;
	}
	return added;
}

static enum page_owner wl_owner(const struct workload *wl)
{
	return wl->kind == WORKLOAD_ANON ? PGOWNER_ANON : PGOWNER_PCACHE;
}

/**
 * movable_pages_in_range - count movable pages of @owner in a pfn range
 * Return: the number of pages with PG_movable and page_owner_type() == @owner.
 */
unsigned long movable_pages_in_range(unsigned long start_pfn, unsigned long end_pfn,
				     enum page_owner owner)
{
	unsigned long pfn, n = 0;

	for (pfn = start_pfn; pfn < end_pfn; pfn++) {
		const struct page *page;

		if (!pfn_valid(pfn))
			continue;
		page = pfn_to_page(pfn);
		if (PageMovable(page) && page_owner_type(page) == owner)
			n++;
	}
	return n;
}

/**
 * workload_cma_fill_pct - how full of @owner's movable pages @cma is
 * Return: the percentage, 0..100 (0 for an empty area).
 */
unsigned int workload_cma_fill_pct(struct cma *cma, enum page_owner owner)
{
	unsigned long start = PHYS_PFN(cma_get_base(cma));
	unsigned long nr = (unsigned long)(cma_get_size(cma) >> PAGE_SHIFT);

	if (!nr)
		return 0;
	return (unsigned int)(movable_pages_in_range(start, start + nr, owner) * 100 / nr);
}

/**
 * workload_fill_cma - add chunks until @pct% of @cma holds this kind's pages
 * A region that does not lend to this kind (borrow=none, or borrow=clean
 * for anonymous pages) is left alone.
 * Return: pages added.
 */
unsigned long workload_fill_cma(struct workload *wl, struct cma *cma,
				unsigned int pct, u64 max_bytes)
{
	struct cma_policy_save saved;
	unsigned long added = 0, cap = max_bytes ? DIV_ROUND_UP(max_bytes, PAGE_SIZE) : ~0UL;

	/* A region that does not lend to this kind never fills. */
	if (cma_get_borrow(cma) == CMA_BORROW_NONE ||
	    (cma_get_borrow(cma) == CMA_BORROW_CLEAN && wl->kind != WORKLOAD_PCACHE))
		return 0;
	zones_set_cma_policy(CMA_POLICY_PREFER, &saved);
	while (added < cap && workload_cma_fill_pct(cma, wl_owner(wl)) < pct) {
		if (wl_add_chunk(wl))
			break;
		added += wl->chunk_pages;
	}
	zones_restore_cma_policy(&saved);
	return added;
}

/**
 * workload_shrink - destroy chunks from the end until @nr_chunks are left
 */
void workload_shrink(struct workload *wl, unsigned int nr_chunks)
{
	while (wl->nr_chunks > nr_chunks) {
		struct wl_chunk *c = wl->chunks[--wl->nr_chunks];

		wl->nr_pages -= c->nr_pages;
		wl_free_chunk(c);
	}
}

/**
 * workload_destroy - free every chunk and @wl itself (NULL is allowed)
 */
void workload_destroy(struct workload *wl)
{
	if (!wl)
		return;
	workload_shrink(wl, 0);
	kfree(wl->chunks);
	kfree(wl->scratch);
	kfree(wl);
}

static void wl_report(const struct workload *wl, const struct wl_chunk *c,
		      unsigned long idx, unsigned long pfn, const void *page,
		      unsigned int word, u32 gen, unsigned long nbad)
{
	const u64 *w = page;
	u64 want = workload_page_seed(c->id, idx, gen) ^ ((u64)(word + 1) * WL_GOLDEN);

	if (nbad > WL_REPORT_MAX)
		return;
	pr_err("%s: corrupt page: pfn %#lx chunk %u index %lu gen %u: word %u is %#llx, expected %#llx\n",
	       wl->name, pfn, c->id, idx, gen, word, (unsigned long long)w[word],
	       (unsigned long long)want);
}

/**
 * workload_verify - check every page of @wl against its pattern
 * Return: the number of corrupt pages.
 */
unsigned long workload_verify(struct workload *wl)
{
	unsigned long bad = 0, i;
	unsigned int ci, word;

	for (ci = 0; ci < wl->nr_chunks; ci++) {
		struct wl_chunk *c = wl->chunks[ci];

		for (i = 0; i < c->nr_pages; i++) {
			u64 seed = workload_page_seed(c->id, i, c->gen);

			if (c->area) {
				const void *p = wl_page_get(wl, c, i);

				if (!workload_pattern_check(p, seed, &word)) {
					bad++;
					wl_report(wl, c, i, anon_page_pfn(c->area, i), p,
						  word, c->gen, bad);
				}
				wl_page_put(wl, c, i);
			} else {
				int err = pcache_read(c->pc, i, wl->scratch);

				if (err < 0) {
					bad++;
					if (bad <= WL_REPORT_MAX)
						pr_err("%s: pcache chunk %u index %lu: read failed (%d)\n",
						       wl->name, c->id, i, err);
				} else if (!workload_pattern_check(wl->scratch, seed, &word)) {
					bad++;
					wl_report(wl, c, i, ~0UL, wl->scratch, word, 0, bad);
				}
			}
		}
	}
	if (bad > WL_REPORT_MAX)
		pr_err("%s: %lu corrupt pages in all (first %d shown)\n", wl->name, bad,
		       WL_REPORT_MAX);
	return bad;
}

/**
 * workload_touch - rewrite every anon page with the next generation
 */
void workload_touch(struct workload *wl)
{
	unsigned int ci;

	for (ci = 0; ci < wl->nr_chunks; ci++) {
		struct wl_chunk *c = wl->chunks[ci];

		if (!c->area)
			continue;
		c->gen++;
		wl_write_chunk(wl, c);
	}
}

/** workload_nr_pages - pages held by @wl. Return: the count. */
unsigned long workload_nr_pages(const struct workload *wl)
{
	return wl->nr_pages;
}

/** workload_nr_chunks - chunks held by @wl. Return: the count. */
unsigned int workload_nr_chunks(const struct workload *wl)
{
	return wl->nr_chunks;
}

/** workload_anon_area - chunk @i's anon area. Return: it, or NULL. */
struct anon_area *workload_anon_area(const struct workload *wl, unsigned int i)
{
	return i < wl->nr_chunks ? wl->chunks[i]->area : NULL;
}

/** workload_pcache - chunk @i's pcache. Return: it, or NULL. */
struct pcache *workload_pcache(const struct workload *wl, unsigned int i)
{
	return i < wl->nr_chunks ? wl->chunks[i]->pc : NULL;
}

/**
 * workload_pages_in_range - pages of @wl backed by [start_pfn, end_pfn)
 * Return: the count (pcache pages count while they are cached).
 */
unsigned long workload_pages_in_range(const struct workload *wl,
				      unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long n = 0, i;
	unsigned int ci;

	for (ci = 0; ci < wl->nr_chunks; ci++) {
		struct wl_chunk *c = wl->chunks[ci];

		for (i = 0; i < c->nr_pages; i++) {
			unsigned long pfn = c->area ? anon_page_pfn(c->area, i) :
					    pcache_page_pfn(c->pc, i);

			if (pfn >= start_pfn && pfn < end_pfn)
				n++;
		}
	}
	return n;
}

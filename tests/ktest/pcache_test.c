// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "pcache": the discardable cache (mm/pcache.c). Misses fill
 * from the store, clean pages are discarded by migration and refill with
 * identical data, dirty pages are migrated instead, teardown returns every
 * page, and readers racing with migration always see whole pages.
 */
#define pr_fmt(fmt) "pcache_test: " fmt

#include <contig/cma.h>
#include <contig/cma_borrow.h>
#include <contig/mm_debug.h>
#include <contig/arch.h>
#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <contig/movable.h>
#include <contig/migrate.h>

#include "movable_helpers.h"

#define STORE_PAGES 8

struct store {
	u32 seed;
	unsigned long fills; /* only touched by the CPU that runs the fill */
};

static u32 store_word(const struct store *s, unsigned long index, size_t i)
{
	return (u32)(s->seed * 2654435761u) ^ (u32)(index << 20) ^ (u32)i;
}

static int store_fill(void *buf, unsigned long index, void *priv)
{
	struct store *s = priv;
	u32 *w = buf;
	size_t i;

	for (i = 0; i < PAGE_SIZE / sizeof(u32); i++)
		w[i] = store_word(s, index, i);
	__atomic_add_fetch(&s->fills, 1, __ATOMIC_RELAXED);
	return 0;
}

/* Number of words of @buf that differ from the store's page @index. */
static size_t store_diff(const struct store *s, unsigned long index, const void *buf)
{
	const u32 *w = buf;
	size_t i, bad = 0;

	for (i = 0; i < PAGE_SIZE / sizeof(u32); i++)
		bad += w[i] != store_word(s, index, i);
	return bad;
}

struct pcache_fixture {
	struct store store;
	struct pcache *pc;
	u8 *buf;
};

static int pcache_test_init(struct ktest *t)
{
	struct pcache_fixture *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return -ENOMEM;
	f->store.seed = 17;
	f->buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	f->pc = pcache_create("test", STORE_PAGES, store_fill, &f->store);
	if (!f->buf || !f->pc) {
		pcache_destroy(f->pc);
		kfree(f->buf);
		kfree(f);
		return -ENOMEM;
	}
	t->priv = f;
	return 0;
}

static void pcache_test_exit(struct ktest *t)
{
	struct pcache_fixture *f = t->priv;

	pcache_destroy(f->pc);
	kfree(f->buf);
	kfree(f);
}

static struct page *cached_page(struct pcache *pc, unsigned long index)
{
	unsigned long pfn = pcache_page_pfn(pc, index);

	return pfn == ARCH_VM_NO_PFN ? NULL : pfn_to_page(pfn);
}

static void pcache_miss_fills_from_the_store_and_a_hit_does_not(struct ktest *t)
{
	struct pcache_fixture *f = t->priv;
	struct pcache_stats st;
	struct page *page;

	KTEST_EXPECT_NULL(t, cached_page(f->pc, 3));
	KTEST_ASSERT_EQ(t, pcache_read(f->pc, 3, f->buf), 0);
	KTEST_EXPECT_EQ(t, store_diff(&f->store, 3, f->buf), 0);
	KTEST_ASSERT_EQ(t, pcache_read(f->pc, 3, f->buf), 0);
	KTEST_EXPECT_EQ(t, store_diff(&f->store, 3, f->buf), 0);
	pcache_get_stats(f->pc, &st);
	KTEST_EXPECT_EQ(t, st.misses, 1);
	KTEST_EXPECT_EQ(t, st.cached, 1);
	KTEST_EXPECT_EQ(t, f->store.fills, 1);
	page = cached_page(f->pc, 3);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, PageMovable(page));
	KTEST_EXPECT_EQ(t, page_owner_type(page), PGOWNER_PCACHE);
	KTEST_EXPECT_FALSE(t, PageDirty(page));
	KTEST_EXPECT_EQ(t, page_ref_count(page), 1);
}

static void pcache_rejects_an_index_outside_the_cache(struct ktest *t)
{
	struct pcache_fixture *f = t->priv;

	KTEST_EXPECT_EQ(t, pcache_read(f->pc, STORE_PAGES, f->buf), -EINVAL);
	KTEST_EXPECT_EQ(t, pcache_write(f->pc, STORE_PAGES, f->buf), -EINVAL);
	KTEST_EXPECT_NULL(t, pcache_create("bad", 0, store_fill, NULL));
}

static void pcache_clean_page_is_discarded_and_refills_identically(struct ktest *t)
{
	struct pcache_fixture *f = t->priv;
	const struct movable_operations *ops;
	struct pcache_stats st;
	struct page *page;

	KTEST_ASSERT_EQ(t, pcache_read(f->pc, 5, f->buf), 0);
	page = cached_page(f->pc, 5);
	KTEST_ASSERT_NOT_NULL(t, page);
	ops = page_movable_ops(page);
	KTEST_ASSERT_TRUE(t, ops && ops->discard_page);
	KTEST_ASSERT_EQ(t, movtest_isolate(page), 0);
	KTEST_ASSERT_EQ(t, ops->discard_page(page), 0);
	KTEST_EXPECT_FALSE(t, PageMovable(page));
	KTEST_EXPECT_FALSE(t, PageIsolated(page));
	movtest_release_source(page);

	KTEST_EXPECT_NULL(t, cached_page(f->pc, 5));
	pcache_get_stats(f->pc, &st);
	KTEST_EXPECT_EQ(t, st.discarded, 1);
	KTEST_EXPECT_EQ(t, st.cached, 0);

	memset(f->buf, 0, PAGE_SIZE);
	KTEST_ASSERT_EQ(t, pcache_read(f->pc, 5, f->buf), 0);
	KTEST_EXPECT_EQ(t, store_diff(&f->store, 5, f->buf), 0);
	pcache_get_stats(f->pc, &st);
	KTEST_EXPECT_EQ(t, st.misses, 2);
	KTEST_EXPECT_EQ(t, st.cached, 1);
}

static void pcache_dirty_page_is_migrated_not_discarded(struct ktest *t)
{
	struct pcache_fixture *f = t->priv;
	const struct movable_operations *ops;
	struct page *page, *dst = NULL;
	struct pcache_stats st;

	memset(f->buf, 0x3c, PAGE_SIZE);
	KTEST_ASSERT_EQ(t, pcache_write(f->pc, 2, f->buf), 0);
	page = cached_page(f->pc, 2);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, PageDirty(page));
	ops = page_movable_ops(page);
	KTEST_ASSERT_NOT_NULL(t, ops);

	KTEST_ASSERT_EQ(t, movtest_isolate(page), 0);
	KTEST_EXPECT_EQ(t, ops->discard_page(page), -EBUSY);
	KTEST_ASSERT_EQ(t, movtest_migrate_isolated(page, __GFP_NO_CMA, &dst), 0);
	KTEST_EXPECT_EQ(t, pcache_page_pfn(f->pc, 2), page_to_pfn(dst));
	KTEST_EXPECT_TRUE(t, PageDirty(dst));
	KTEST_EXPECT_FALSE(t, PageDirty(page));
	KTEST_EXPECT_FALSE(t, PageMovable(page));

	memset(f->buf, 0, PAGE_SIZE);
	KTEST_ASSERT_EQ(t, pcache_read(f->pc, 2, f->buf), 0);
	KTEST_EXPECT_EQ(t, f->buf[0], 0x3c);
	KTEST_EXPECT_EQ(t, f->buf[PAGE_SIZE - 1], 0x3c);
	pcache_get_stats(f->pc, &st);
	KTEST_EXPECT_EQ(t, st.migrated, 1);
	KTEST_EXPECT_EQ(t, st.discarded, 0);
	KTEST_EXPECT_EQ(t, st.misses, 0);
}

static void pcache_migrate_pages_discards_clean_and_migrates_dirty(struct ktest *t)
{
	struct pcache_fixture *f = t->priv;
	struct migrate_report rep;
	struct pcache_stats st;
	struct page *clean, *dirty;
	LIST_HEAD(list);

	KTEST_ASSERT_EQ(t, pcache_read(f->pc, 0, f->buf), 0);
	memset(f->buf, 0xe7, PAGE_SIZE);
	KTEST_ASSERT_EQ(t, pcache_write(f->pc, 1, f->buf), 0);
	clean = cached_page(f->pc, 0);
	dirty = cached_page(f->pc, 1);
	KTEST_ASSERT_TRUE(t, clean && dirty);

	migrate_report_init(&rep);
	KTEST_ASSERT_EQ(t, isolate_movable_page(clean), 0);
	list_add_tail(&clean->lru, &list);
	KTEST_ASSERT_EQ(t, isolate_movable_page(dirty), 0);
	list_add_tail(&dirty->lru, &list);
	KTEST_EXPECT_EQ(t, migrate_pages(&list, movtest_alloc_target, NULL, &rep), 0);
	KTEST_EXPECT_EQ(t, rep.discarded, 1);
	KTEST_EXPECT_EQ(t, rep.migrated, 1);

	KTEST_EXPECT_NULL(t, cached_page(f->pc, 0));
	KTEST_EXPECT_NE(t, pcache_page_pfn(f->pc, 1), page_to_pfn(dirty));
	pcache_get_stats(f->pc, &st);
	KTEST_EXPECT_EQ(t, st.discarded, 1);
	KTEST_EXPECT_EQ(t, st.migrated, 1);
	KTEST_EXPECT_EQ(t, st.cached, 1);

	KTEST_ASSERT_EQ(t, pcache_read(f->pc, 0, f->buf), 0);
	KTEST_EXPECT_EQ(t, store_diff(&f->store, 0, f->buf), 0);
	KTEST_ASSERT_EQ(t, pcache_read(f->pc, 1, f->buf), 0);
	KTEST_EXPECT_EQ(t, f->buf[123], 0xe7);
}

static void pcache_destroy_returns_every_page(struct ktest *t)
{
	struct pcache_fixture *f = t->priv;
	struct store s = { .seed = 99 };
	unsigned long before, i;
	struct pcache *pc;

	/* Warm the kmalloc caches a cache uses. */
	pcache_destroy(pcache_create("warm", STORE_PAGES, store_fill, &s));
	drain_all_pages();
	before = nr_free_pages();
	pc = pcache_create("count", STORE_PAGES, store_fill, &s);
	KTEST_ASSERT_NOT_NULL(t, pc);
	for (i = 0; i < STORE_PAGES; i++) {
		if (i & 1)
			KTEST_EXPECT_EQ(t, pcache_write(pc, i, f->buf), 0);
		else
			KTEST_EXPECT_EQ(t, pcache_read(pc, i, f->buf), 0);
	}
	KTEST_EXPECT_EQ(t, movtest_migrate_pages_one(cached_page(pc, 0), NULL), 0);
	KTEST_EXPECT_EQ(t, movtest_migrate_pages_one(cached_page(pc, 1), NULL), 0);
	drain_all_pages();
	KTEST_EXPECT_GE(t, before - nr_free_pages(), STORE_PAGES - 1);
	pcache_destroy(pc);
	drain_all_pages();
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

/* ---- readers vs. migration --------------------------------------- */

#define PC_CONC_MOVES 1000

struct pcache_conc {
	struct pcache_fixture *f;
	int done;
	unsigned long reads, bad, errors; /* reader */
	unsigned long moved, busy, failed; /* migrator */
};

static void pc_conc_fn(unsigned int cpu, void *arg)
{
	struct pcache_conc *c = arg;
	struct pcache *pc = c->f->pc;

	if (cpu == 0) {
		u8 *buf = c->f->buf;

		while (!__atomic_load_n(&c->done, __ATOMIC_ACQUIRE)) {
			unsigned long index = c->reads % 2;

			if (pcache_read(pc, index, buf))
				c->errors++;
			else if (store_diff(&c->f->store, index, buf))
				c->bad++;
			/* Published so the migrator can wait for overlap. */
			__atomic_store_n(&c->reads, c->reads + 1, __ATOMIC_RELAXED);
		}
	} else if (cpu == 1) {
		unsigned long attempts = 0, turn = 0;

		/* Until both sides did their share while the other ran. */
		while ((c->moved < PC_CONC_MOVES ||
			__atomic_load_n(&c->reads, __ATOMIC_RELAXED) < PC_CONC_MOVES) &&
		       attempts < 1000UL * PC_CONC_MOVES) {
			struct page *page = cached_page(pc, turn++ % 2);
			int ret;

			/*
			 * Only this CPU removes pages, so a page seen here stays
			 * cached until we move or discard it. A discarded page
			 * comes back when the reader (which runs until we are
			 * done) misses on it.
			 */
			if (!page) {
				arch_cpu_relax();
				continue;
			}
			attempts++;
			ret = movtest_migrate_pages_one(page, NULL);
			if (!ret)
				c->moved++;
			else if (ret == -EBUSY)
				c->busy++;
			else
				c->failed++;
		}
		__atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
	}
}

static void pcache_readers_see_whole_pages_while_migration_discards_them(struct ktest *t)
{
	struct pcache_fixture *f = t->priv;
	struct pcache_conc c = { .f = f };
	struct pcache_stats st;

	if (arch_nr_cpus() < 2) {
		ktest_skip(t, "needs 2 CPUs, have %u", arch_nr_cpus());
		return;
	}
	KTEST_ASSERT_EQ(t, pcache_read(f->pc, 0, f->buf), 0);
	KTEST_ASSERT_EQ(t, pcache_read(f->pc, 1, f->buf), 0);
	KTEST_EXPECT_EQ(t, arch_smp_run(2, pc_conc_fn, &c), 2);
	ktest_info(t, "%lu reads, %lu moves, %lu busy", c.reads, c.moved, c.busy);
	KTEST_EXPECT_EQ(t, c.bad, 0);
	KTEST_EXPECT_EQ(t, c.errors, 0);
	KTEST_EXPECT_EQ(t, c.failed, 0);
	KTEST_EXPECT_GE(t, c.moved, PC_CONC_MOVES);
	KTEST_EXPECT_GE(t, c.reads, PC_CONC_MOVES);
	pcache_get_stats(f->pc, &st);
	/* Clean pages: every move was a discard, and each miss refilled one. */
	KTEST_EXPECT_EQ(t, st.discarded, c.moved);
	KTEST_EXPECT_EQ(t, st.migrated, 0);
}

/* ---- readers vs. carves that drop clean pages by runs ----------- */

#define RUN_PAGES 512 /* 2 MiB of cache */
#define RUN_CARVES 16

struct pcache_run_race {
	struct pcache_fixture *f;
	struct pcache *pc;
	struct cma *cma;
	int done;
	unsigned long reads, bad, errors, carves, failed;
};

static void pc_run_fn(unsigned int cpu, void *arg)
{
	struct pcache_run_race *r = arg;
	/* Quarters: a window holding a page being filled is busy, skipped. */
	unsigned long count = PHYS_PFN(cma_get_size(r->cma)) / 4, i;

	if (cpu == 1) {
		for (i = 0; i < RUN_CARVES; i++) {
			unsigned long seen = __atomic_load_n(&r->reads, __ATOMIC_RELAXED);
			struct page *held[4];
			unsigned int q, n = 0;

			/* Let the reader miss pages into the region first. */
			while (__atomic_load_n(&r->reads, __ATOMIC_RELAXED) < seen + 64)
				arch_cpu_relax();
			for (q = 0; q < 4; q++) {
				held[n] = cma_alloc(r->cma, count, 0, CMA_ALLOC_NOWARN);
				if (held[n])
					n++;
			}
			r->carves += n;
			r->failed += 4 - n;
			while (n)
				cma_release(r->cma, held[--n], count);
		}
		__atomic_store_n(&r->done, 1, __ATOMIC_RELEASE);
	} else if (cpu == 0) {
		u8 *buf = r->f->buf;
		u32 x = 4321;

		while (!__atomic_load_n(&r->done, __ATOMIC_ACQUIRE)) {
			x = x * 1103515245u + 12345u;
			i = (x >> 8) % RUN_PAGES;
			if (pcache_read(r->pc, i, buf))
				r->errors++;
			else if (store_diff(&r->f->store, i, buf))
				r->bad++;
			__atomic_store_n(&r->reads, r->reads + 1, __ATOMIC_RELAXED);
		}
	}
}

/*
 * A region lending only to clean cache, a reader on one CPU reading a
 * 512-page cache at random (misses fill the region), carves on another
 * taking the whole region in quarters: each carve drops the cached pages
 * by runs (mm/discard.c, no reference or PG_locked on them) while the
 * reader may be copying one under the cache lock. Every read must match
 * the store, every page dropped must be counted once, and the mm must
 * stay consistent.
 */
static void pcache_readers_see_whole_pages_while_carves_drop_runs(struct ktest *t)
{
	static const char *const names[] = { "cache", "camera", "linux,cma", "video" };
	struct pcache_fixture *f = t->priv;
	struct pcache_run_race r = { .f = f };
	enum cma_borrow was = CMA_BORROW_MOVABLE;
	struct pcache_stats st;
	unsigned int i;

	if (arch_nr_cpus() < 2) {
		ktest_skip(t, "needs 2 CPUs, have %u", arch_nr_cpus());
		return;
	}
	for (i = 0; i < ARRAY_SIZE(names) && !r.cma; i++) {
		struct cma *cma = cma_find(names[i]);

		if (!cma)
			continue;
		was = cma_get_borrow(cma);
		if (!cma_set_borrow(cma, CMA_BORROW_CLEAN))
			r.cma = cma;
	}
	if (!r.cma) {
		ktest_skip(t, "no region could be switched to borrow=clean");
		return;
	}
	r.pc = pcache_create("runs", RUN_PAGES, store_fill, &f->store);
	KTEST_ASSERT_NOT_NULL(t, r.pc);
	KTEST_EXPECT_EQ(t, arch_smp_run(2, pc_run_fn, &r), 2);
	pcache_get_stats(r.pc, &st);
	ktest_info(t, "%s: %lu reads, %lu carves (%lu failed), %lu pages dropped",
		   cma_get_name(r.cma), r.reads, r.carves, r.failed, st.discarded);
	KTEST_EXPECT_EQ(t, r.bad, 0);
	KTEST_EXPECT_EQ(t, r.errors, 0);
	KTEST_EXPECT_GE(t, r.carves, 3 * RUN_CARVES);
	/* The reader missed into the region before each carve. */
	KTEST_EXPECT_GT(t, st.discarded, 0);
	KTEST_EXPECT_EQ(t, st.migrated, 0);
	/* Every miss cached a page; every page left by a discard or is cached. */
	KTEST_EXPECT_EQ(t, st.misses, st.cached + st.discarded);
	pcache_destroy(r.pc);
	KTEST_EXPECT_EQ(t, cma_set_borrow(r.cma, was), 0);
	KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

static struct ktest_case pcache_cases[] = {
	KTEST_CASE(pcache_miss_fills_from_the_store_and_a_hit_does_not),
	KTEST_CASE(pcache_rejects_an_index_outside_the_cache),
	KTEST_CASE(pcache_clean_page_is_discarded_and_refills_identically),
	KTEST_CASE(pcache_dirty_page_is_migrated_not_discarded),
	KTEST_CASE(pcache_migrate_pages_discards_clean_and_migrates_dirty),
	KTEST_CASE(pcache_destroy_returns_every_page),
	KTEST_CASE(pcache_readers_see_whole_pages_while_migration_discards_them),
	KTEST_CASE(pcache_readers_see_whole_pages_while_carves_drop_runs),
	{}
};

static struct ktest_suite pcache_suite = {
	.name = "pcache",
	.cases = pcache_cases,
	.init = pcache_test_init,
	.exit = pcache_test_exit,
};
ktest_register(pcache_suite);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "smp": carving, migrating and using movable memory on every
 * CPU at once (arch_smp_run(): host threads, or the ARM cores).
 *
 *   - cross-CPU calls reach every CPU the port can interrupt, in interrupt
 *     context, and report the others;
 *   - drain_all_pages() empties every CPU's per-CPU lists;
 *   - three CPUs carve from three regions at once (per-area locks: no
 *     global CMA lock), and every CPU carves from one region at once, with
 *     resident workloads in the regions that the carves migrate;
 *   - writers on every other CPU keep rewriting and verifying their pages
 *     while CPU 0 migrates exactly the page each writer is on and carves.
 *     With CONFIG_ARCH_HAS_VM_MMU (ARM) the writers use plain loads and
 *     stores, unpinned, so their accesses fault on migration entries and
 *     wait; on the host they pin each page (anon_page_get()).
 *
 * Every case ends with the consistency checker. Iteration counts are
 * fixed, never time bounds, and small enough for ThreadSanitizer; every
 * wait for another CPU is bounded by a loop count and fails with a
 * message. Cases that need two CPUs skip on one.
 */
#define pr_fmt(fmt) "smp_test: " fmt

#include <contig/arch.h>
#include <contig/atomic.h>
#include <contig/cma.h>
#include <contig/errno.h>
#include <contig/irq.h>
#include <contig/ktest.h>
#include <contig/migrate.h>
#include <contig/mm_debug.h>
#include <contig/mmzone.h>
#include <contig/movable.h>
#include <contig/slab.h>
#include <contig/smp.h>
#include <contig/string.h>
#include <contig/workload.h>

#include "movable_helpers.h"

#define SPIN_LIMIT (1UL << 26)

static int smp_init(struct ktest *t)
{
	if (arch_nr_cpus() < 2)
		ktest_skip(t, "needs 2 CPUs, have %u", arch_nr_cpus());
	return 0;
}

static void smp_exit(struct ktest *t)
{
	if (!t->skipped)
		KTEST_EXPECT_EQ(t, mm_check_consistency(true), 0);
}

/* ---- cross-CPU calls ------------------------------------------------------ */

struct call_record {
	int ran[CONFIG_NR_CPUS];
	int in_irq[CONFIG_NR_CPUS];
};

static void record_call(void *arg)
{
	struct call_record *r = arg;
	unsigned int cpu = arch_cpu_id();

	r->ran[cpu]++;
	r->in_irq[cpu] = in_irq();
}

struct all_cpus {
	cpumask_t mask;
};

static void record_cpu_ids(unsigned int index, void *arg)
{
	struct all_cpus *a = arg;

	__atomic_or_fetch(&a->mask, cpumask_of(arch_cpu_id()), __ATOMIC_RELAXED);
}

static void smp_call_function_runs_on_each_target_or_reports_it(struct ktest *t)
{
	struct call_record r;
	struct all_cpus a = { 0 };
	cpumask_t missed;
	unsigned int cpu, self = arch_cpu_id();

	/* The CPUs that run work: every one arch_smp_run() uses. */
	arch_smp_run(arch_nr_cpus(), record_cpu_ids, &a);
	KTEST_EXPECT_EQ(t, __builtin_popcountl(a.mask), arch_nr_cpus());
	memset(&r, 0, sizeof(r));
	missed = smp_call_function_many(a.mask, record_call, &r);
	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		bool target = (a.mask & cpumask_of(cpu)) && cpu != self;

		if (!target) {
			KTEST_EXPECT_EQ(t, r.ran[cpu], 0);
			continue;
		}
		/* Each target either ran it once, in interrupt context, or is reported. */
		if (missed & cpumask_of(cpu)) {
			KTEST_EXPECT_EQ(t, r.ran[cpu], 0);
		} else {
			KTEST_EXPECT_EQ(t, r.ran[cpu], 1);
			KTEST_EXPECT_TRUE(t, r.in_irq[cpu]);
		}
	}
	KTEST_EXPECT_EQ(t, missed & ~a.mask, 0);
	ktest_info(t, "targets %#lx, interrupted %#lx, reported back %#lx",
		   a.mask & ~cpumask_of(self), a.mask & ~cpumask_of(self) & ~missed, missed);
}

/* ---- per-CPU lists ----------------------------------------------------------- */

static void fill_own_pcp(unsigned int index, void *arg)
{
	struct page *pages[16];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pages); i++)
		pages[i] = alloc_page(GFP_MOVABLE | __GFP_NO_CMA);
	for (i = 0; i < ARRAY_SIZE(pages); i++)
		if (pages[i])
			__free_page(pages[i]);
}

static unsigned int pcp_pages_of(unsigned int cpu)
{
	struct zone *zone;
	unsigned int n = 0;

	for_each_zone(zone)
		n += __atomic_load_n(&zone->pcp[cpu].count, __ATOMIC_RELAXED);
	return n;
}

static void drain_all_pages_empties_every_cpus_lists(struct ktest *t)
{
	unsigned long calls[CONFIG_NR_CPUS];
	unsigned int cpu, with_pages = 0;

	arch_smp_run(arch_nr_cpus(), fill_own_pcp, NULL);
	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		calls[cpu] = smp_call_function_count(cpu);
		with_pages += pcp_pages_of(cpu) != 0;
	}
	KTEST_EXPECT_GE(t, with_pages, 2);
	drain_all_pages();
	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		KTEST_EXPECT_EQ(t, pcp_pages_of(cpu), 0);
	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		if (smp_call_function_count(cpu) != calls[cpu])
			ktest_info(t, "cpu %u drained its own lists in an IPI", cpu);
}

/* ---- carves on several CPUs ------------------------------------------------------ */

#define PAR_ROUNDS 3
#define PAR_FILL_PCT 50

struct par_ctx {
	struct ktest *t;
	struct cma *areas[3];
	unsigned int nr_areas, nr_cpus;
	atomic_t carved, failed;
};

/* Worker @index carves half of each of its areas and gives it back, PAR_ROUNDS times. */
static void par_carver(unsigned int index, void *arg)
{
	struct par_ctx *c = arg;
	unsigned int round, a;

	for (round = 0; round < PAR_ROUNDS; round++) {
		for (a = index; a < c->nr_areas; a += c->nr_cpus) {
			struct cma *cma = c->areas[a];
			unsigned long count = (cma_get_size(cma) >> PAGE_SHIFT) / 2;
			struct page *page = cma_alloc(cma, count, pageblock_order, CMA_ALLOC_NOWARN);

			if (!page) {
				atomic_inc(&c->failed);
				continue;
			}
			atomic_inc(&c->carved);
			KTEST_EXPECT_TRUE(c->t, cma_release(cma, page, count));
		}
	}
}

static void carves_in_three_regions_run_on_three_cpus_at_once(struct ktest *t)
{
	static const char *const names[] = { "video", "camera", "linux,cma" };
	struct workload *wl[3] = { NULL };
	struct cma_stats before[3], after[3];
	struct par_ctx c = { .t = t };
	unsigned int i, ran;
	unsigned long migrated = 0;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		struct cma *cma = cma_find(names[i]);

		if (cma)
			c.areas[c.nr_areas++] = cma;
	}
	if (c.nr_areas < 2) {
		ktest_skip(t, "needs two of the board's regions video, camera, linux,cma");
		return;
	}
	for (i = 0; i < c.nr_areas; i++) {
		wl[i] = workload_create("par", WORKLOAD_ANON, 0, 0);
		KTEST_ASSERT_NOT_NULL(t, wl[i]);
		workload_fill_cma(wl[i], c.areas[i], PAR_FILL_PCT, cma_get_size(c.areas[i]));
		cma_get_stats(c.areas[i], &before[i]);
	}
	c.nr_cpus = min(arch_nr_cpus(), c.nr_areas);
	ran = arch_smp_run(c.nr_cpus, par_carver, &c);
	KTEST_EXPECT_EQ(t, ran, c.nr_cpus);
	KTEST_EXPECT_EQ(t, atomic_read(&c.failed), 0);
	KTEST_EXPECT_EQ(t, atomic_read(&c.carved), PAR_ROUNDS * c.nr_areas);
	for (i = 0; i < c.nr_areas; i++) {
		cma_get_stats(c.areas[i], &after[i]);
		KTEST_EXPECT_EQ(t, after[i].used, before[i].used);
		migrated += after[i].migrated - before[i].migrated;
		KTEST_EXPECT_EQ(t, workload_verify(wl[i]), 0);
		workload_destroy(wl[i]);
	}
	KTEST_EXPECT_GT(t, migrated, 0);
	ktest_info(t, "%u regions on %u CPUs: %d carves, %lu pages migrated", c.nr_areas, ran,
		   atomic_read(&c.carved), migrated);
}

#define SAME_ITERS 24
#define SAME_HELD 3

struct same_ctx {
	struct ktest *t;
	struct cma *cma;
	atomic_t carved, failed, bad_stamps;
};

static u64 stamp_of(unsigned int cpu, unsigned int iter, unsigned long page)
{
	return 0x5a3e000000000000ULL ^ ((u64)cpu << 40) ^ ((u64)iter << 20) ^ page;
}

/* Every CPU carves small buffers from one region; each page is stamped. */
static void same_region_carver(unsigned int index, void *arg)
{
	static const unsigned long sizes[] = { 1, 7, 16, 64, 130, 256 };
	struct same_ctx *c = arg;
	struct {
		struct page *page;
		unsigned long count;
		unsigned int iter;
	} held[SAME_HELD] = { { 0 } };
	unsigned int i, s;
	unsigned long p;

	for (i = 0; i < SAME_ITERS + SAME_HELD; i++) {
		s = i % SAME_HELD;
		if (held[s].page) {
			for (p = 0; p < held[s].count; p++)
				if (*(u64 *)page_address(held[s].page + p) !=
				    stamp_of(index, held[s].iter, p))
					atomic_inc(&c->bad_stamps);
			KTEST_EXPECT_TRUE(c->t, cma_release(c->cma, held[s].page, held[s].count));
			held[s].page = NULL;
		}
		if (i >= SAME_ITERS)
			continue;
		held[s].count = sizes[(i + index) % ARRAY_SIZE(sizes)];
		held[s].iter = i;
		held[s].page = cma_alloc(c->cma, held[s].count, 0, CMA_ALLOC_NOWARN);
		if (!held[s].page) {
			atomic_inc(&c->failed);
			continue;
		}
		atomic_inc(&c->carved);
		for (p = 0; p < held[s].count; p++)
			*(u64 *)page_address(held[s].page + p) = stamp_of(index, i, p);
	}
}

static void carves_in_one_region_from_every_cpu_never_overlap(struct ktest *t)
{
	struct same_ctx c = { .t = t };
	struct cma_stats before, after;
	struct workload *wl;
	unsigned int ran;

	c.cma = cma_find("camera");
	if (!c.cma)
		c.cma = cma_default_area();
	if (!c.cma) {
		ktest_skip(t, "no CMA area");
		return;
	}
	wl = workload_create("same", WORKLOAD_ANON, 0, 0);
	KTEST_ASSERT_NOT_NULL(t, wl);
	workload_fill_cma(wl, c.cma, 90, 2 * cma_get_size(c.cma));
	cma_get_stats(c.cma, &before);
	ran = arch_smp_run(arch_nr_cpus(), same_region_carver, &c);
	cma_get_stats(c.cma, &after);
	KTEST_EXPECT_EQ(t, ran, arch_nr_cpus());
	KTEST_EXPECT_EQ(t, atomic_read(&c.bad_stamps), 0);
	KTEST_EXPECT_EQ(t, atomic_read(&c.failed), 0);
	KTEST_EXPECT_EQ(t, atomic_read(&c.carved), SAME_ITERS * ran);
	KTEST_EXPECT_EQ(t, after.used, before.used);
	KTEST_EXPECT_EQ(t, workload_verify(wl), 0);
	ktest_info(t, "%s: %d carves on %u CPUs, %lu pages migrated, %lu busy windows skipped",
		   cma_get_name(c.cma), atomic_read(&c.carved), ran,
		   after.migrated - before.migrated, after.busy_retries - before.busy_retries);
	workload_destroy(wl);
}

/* ---- writers while their pages migrate ----------------------------------------------- */

#define WR_PAGES 32
#define WR_MIGRATIONS 200  /* at least this many moves of pages being written */
#define WR_MIN_WAITS 8     /* unpinned: until writers waited this often */
/*
 * Caps on the loops, hang guards only: a healthy run stops at
 * WR_MIGRATIONS moves. On a loaded host nearly every attempt can meet a
 * pinned page (20000 attempts once gave 199 moves), so the caps are far
 * above what an idle run needs.
 */
#define WR_MAX_MOVES 1000000 /* migration attempts */
#define WR_MAX_ROUNDS 2000000 /* writer sweeps, in case CPU 0 stalls */
#define WR_CARVE_EVERY 50

struct writer {
	struct anon_area *area;
	u32 id;
	u32 gen;
	unsigned long cur;      /* the page being written now (published) */
	unsigned long rounds;
	unsigned long corrupt;
};

struct wr_ctx {
	struct ktest *t;
	struct writer w[CONFIG_NR_CPUS];
	unsigned int nr_writers;
	bool unpinned;
	int done;
	unsigned long moved, refused, carves, waits0;
};

static void *wr_get(struct wr_ctx *c, struct writer *w, unsigned long idx)
{
	return c->unpinned ? anon_area_addr(w->area, idx) : anon_page_get(w->area, idx);
}

static void wr_put(struct wr_ctx *c, struct writer *w, unsigned long idx)
{
	if (!c->unpinned)
		anon_page_put(w->area, idx);
}

/* Rewrite every page with the next generation, then check them all. */
static void wr_writer(struct wr_ctx *c, struct writer *w)
{
	unsigned long i;
	unsigned int word;

	while (!__atomic_load_n(&c->done, __ATOMIC_ACQUIRE) && w->rounds < WR_MAX_ROUNDS) {
		w->gen++;
		for (i = 0; i < WR_PAGES; i++) {
			__atomic_store_n(&w->cur, i, __ATOMIC_RELAXED);
			workload_pattern_fill(wr_get(c, w, i), workload_page_seed(w->id, i, w->gen));
			wr_put(c, w, i);
		}
		for (i = 0; i < WR_PAGES; i++) {
			__atomic_store_n(&w->cur, i, __ATOMIC_RELAXED);
			if (!workload_pattern_check(wr_get(c, w, i),
						    workload_page_seed(w->id, i, w->gen), &word))
				w->corrupt++;
			wr_put(c, w, i);
		}
		__atomic_store_n(&w->rounds, w->rounds + 1, __ATOMIC_RELEASE);
	}
}

/* Has every writer finished a sweep? */
static bool wr_all_swept(struct wr_ctx *c)
{
	unsigned int i;

	for (i = 0; i < c->nr_writers; i++)
		if (!__atomic_load_n(&c->w[i].rounds, __ATOMIC_ACQUIRE))
			return false;
	return true;
}

/*
 * CPU 0: migrate the page each writer is on; now and then carve. Stops
 * once it moved WR_MIGRATIONS pages, unpinned writers met WR_MIN_WAITS
 * migration entries, and every writer finished a sweep (all bounded by
 * loop counts).
 */
static bool wr_enough(struct wr_ctx *c)
{
	return c->moved >= WR_MIGRATIONS &&
	       (!c->unpinned || vm_migration_waits() - c->waits0 >= WR_MIN_WAITS);
}

static void wr_migrator(struct wr_ctx *c)
{
	struct cma *cma = cma_find("camera") ? cma_find("camera") : cma_default_area();
	unsigned long iter;

	for (iter = 0; !wr_enough(c) && iter < WR_MAX_MOVES; iter++) {
		struct writer *w = &c->w[iter % c->nr_writers];
		unsigned long idx = __atomic_load_n(&w->cur, __ATOMIC_RELAXED);
		struct page *page = pfn_to_page(anon_page_pfn(w->area, idx));

		if (movtest_migrate_pages_one(page, NULL) == 0)
			c->moved++;
		else
			c->refused++;
		if (cma && iter % WR_CARVE_EVERY == 0) {
			unsigned long count = 4 * pageblock_nr_pages;
			struct page *buf = cma_alloc(cma, count, 0, CMA_ALLOC_NOWARN);

			if (buf) {
				c->carves++;
				cma_release(cma, buf, count);
			}
		}
	}
	for (iter = 0; iter < SPIN_LIMIT && !wr_all_swept(c); iter++)
		arch_cpu_relax();
	__atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
}

static void wr_fn(unsigned int index, void *arg)
{
	struct wr_ctx *c = arg;

	if (index == 0)
		wr_migrator(c);
	else
		wr_writer(c, &c->w[index - 1]);
}

static void writers_keep_their_data_while_their_pages_migrate(struct ktest *t)
{
	struct wr_ctx *c;
	unsigned int i, ran;
	unsigned long rounds = 0, corrupt = 0, waits;

	c = kzalloc(sizeof(*c), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, c);
	c->t = t;
	c->unpinned = IS_ENABLED(CONFIG_ARCH_HAS_VM_MMU);
	c->nr_writers = arch_nr_cpus() - 1;
	for (i = 0; i < c->nr_writers; i++) {
		c->w[i].area = anon_area_create(WR_PAGES, 0);
		c->w[i].id = 0x5e770000 + i;
		if (!KTEST_EXPECT_NOT_NULL(t, c->w[i].area))
			goto out;
	}
	c->waits0 = vm_migration_waits();
	ran = arch_smp_run(c->nr_writers + 1, wr_fn, c);
	KTEST_EXPECT_EQ(t, ran, c->nr_writers + 1);
	waits = vm_migration_waits() - c->waits0;
	for (i = 0; i < c->nr_writers; i++) {
		rounds += c->w[i].rounds;
		corrupt += c->w[i].corrupt;
		KTEST_EXPECT_GT(t, c->w[i].rounds, 0);
	}
	KTEST_EXPECT_EQ(t, corrupt, 0);
	KTEST_EXPECT_GE(t, c->moved, WR_MIGRATIONS);
	/* Unpinned writers met migration entries and waited on them. */
	if (c->unpinned)
		KTEST_EXPECT_GE(t, waits, WR_MIN_WAITS);
	ktest_info(t, "%u %s writers: %lu sweeps; %lu pages moved under them (%lu refused), "
		   "%lu carves, %lu waits on migration entries", c->nr_writers,
		   c->unpinned ? "unpinned" : "pinning", rounds, c->moved, c->refused, c->carves,
		   waits);
out:
	for (i = 0; i < c->nr_writers; i++)
		anon_area_destroy(c->w[i].area);
	kfree(c);
}

static struct ktest_case smp_cases[] = {
	KTEST_CASE(smp_call_function_runs_on_each_target_or_reports_it),
	KTEST_CASE(drain_all_pages_empties_every_cpus_lists),
	KTEST_CASE(carves_in_three_regions_run_on_three_cpus_at_once),
	KTEST_CASE(carves_in_one_region_from_every_cpu_never_overlap),
	KTEST_CASE(writers_keep_their_data_while_their_pages_migrate),
	{}
};

static struct ktest_suite smp_suite = {
	.name = "smp",
	.cases = smp_cases,
	.init = smp_init,
	.exit = smp_exit,
};
ktest_register(smp_suite);

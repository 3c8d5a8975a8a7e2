// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "anon": movable mappings (mm/anon.c). Pages written through
 * the window keep their data across migration (through the ops and
 * through migrate_pages()), the page table follows the new frame, busy
 * pages are refused, teardown returns every page, and concurrent access
 * during repeated migration never sees torn or lost data.
 */
#define pr_fmt(fmt) "anon_test: " fmt

#include <contig/ktest.h>
#include <contig/alloc_contig.h>
#include <contig/mm.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <contig/movable.h>
#include <contig/migrate.h>
#include <contig/mmzone.h>

#include "movable_helpers.h"

static void fill_pattern(u8 *buf, size_t len, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (u8)(i * 7 + seed * 13 + (i >> 12));
}

static struct page *anon_page(struct anon_area *area, unsigned long idx)
{
	return pfn_to_page(anon_page_pfn(area, idx));
}

static void anon_area_starts_zeroed_and_reads_back_what_was_written(struct ktest *t)
{
	const size_t len = 3 * PAGE_SIZE;
	struct anon_area *area = anon_area_create(4, 0);
	u8 *buf = kmalloc(len, GFP_KERNEL), *want = kmalloc(len, GFP_KERNEL);
	size_t i, nonzero = 0;

	if (!area || !buf || !want) {
		KTEST_EXPECT_NOT_NULL(t, area);
		goto out;
	}
	KTEST_EXPECT_EQ(t, anon_area_pages(area), 4);
	anon_read(area, 0, buf, len);
	for (i = 0; i < len; i++)
		nonzero += buf[i] != 0;
	KTEST_EXPECT_EQ(t, nonzero, 0);

	/* Unaligned, crossing two page boundaries. */
	fill_pattern(want, len, 1);
	anon_write(area, 100, want, len);
	memset(buf, 0, len);
	anon_read(area, 100, buf, len);
	KTEST_EXPECT_EQ(t, memcmp(buf, want, len), 0);
out:
	kfree(buf);
	kfree(want);
	anon_area_destroy(area);
}

static void anon_migrated_page_keeps_its_data_and_the_page_table_follows(struct ktest *t)
{
	struct anon_area *area = anon_area_create(2, 0);
	u8 *buf = kmalloc(PAGE_SIZE, GFP_KERNEL), *want = kmalloc(PAGE_SIZE, GFP_KERNEL);
	struct page *src, *dst = NULL;
	unsigned long old_pfn;

	if (!area || !buf || !want) {
		KTEST_EXPECT_NOT_NULL(t, area);
		goto out;
	}
	fill_pattern(want, PAGE_SIZE, 2);
	anon_write(area, PAGE_SIZE, want, PAGE_SIZE);
	old_pfn = anon_page_pfn(area, 1);
	src = pfn_to_page(old_pfn);
	KTEST_EXPECT_TRUE(t, PageMovable(src));
	KTEST_EXPECT_EQ(t, page_owner_type(src), PGOWNER_ANON);
	KTEST_EXPECT_EQ(t, page_ref_count(src), 1);

	KTEST_ASSERT_EQ(t, movtest_isolate(src), 0);
	KTEST_EXPECT_TRUE(t, PageIsolated(src));
	KTEST_ASSERT_EQ(t, movtest_migrate_isolated(src, __GFP_NO_CMA, &dst), 0);

	KTEST_EXPECT_NE(t, anon_page_pfn(area, 1), old_pfn);
	KTEST_EXPECT_EQ(t, anon_page_pfn(area, 1), page_to_pfn(dst));
	KTEST_EXPECT_TRUE(t, PageMovable(dst));
	KTEST_EXPECT_EQ(t, page_owner_type(dst), PGOWNER_ANON);
	KTEST_EXPECT_EQ(t, page_ref_count(dst), 1);
	/* The old frame was handed back: no owner, no reference. */
	KTEST_EXPECT_FALSE(t, PageMovable(src));
	KTEST_EXPECT_FALSE(t, PageIsolated(src));
	KTEST_EXPECT_EQ(t, page_owner_type(src), PGOWNER_NONE);

	anon_read(area, PAGE_SIZE, buf, PAGE_SIZE);
	KTEST_EXPECT_EQ(t, memcmp(buf, want, PAGE_SIZE), 0);
out:
	kfree(buf);
	kfree(want);
	anon_area_destroy(area);
}

static void anon_migrate_pages_moves_every_page_of_an_area(struct ktest *t)
{
	enum { N = 16 };
	struct anon_area *area = anon_area_create(N, 0);
	u8 *buf = kmalloc(N * PAGE_SIZE, GFP_KERNEL), *want = kmalloc(N * PAGE_SIZE, GFP_KERNEL);
	unsigned long old[N], i, moved = 0;
	struct migrate_report rep;
	LIST_HEAD(list);

	if (!area || !buf || !want) {
		KTEST_EXPECT_NOT_NULL(t, area);
		goto out;
	}
	fill_pattern(want, N * PAGE_SIZE, 3);
	anon_write(area, 0, want, N * PAGE_SIZE);
	migrate_report_init(&rep);
	for (i = 0; i < N; i++) {
		struct page *page = anon_page(area, i);

		old[i] = page_to_pfn(page);
		if (KTEST_EXPECT_EQ(t, isolate_movable_page(page), 0))
			list_add_tail(&page->lru, &list);
	}
	KTEST_EXPECT_EQ(t, migrate_pages(&list, movtest_alloc_target, NULL, &rep), 0);
	KTEST_EXPECT_TRUE(t, list_empty(&list));
	KTEST_EXPECT_EQ(t, rep.migrated, N);
	KTEST_EXPECT_EQ(t, rep.discarded, 0);
	for (i = 0; i < N; i++) {
		moved += anon_page_pfn(area, i) != old[i];
		KTEST_EXPECT_FALSE(t, PageMovable(pfn_to_page(old[i])));
	}
	KTEST_EXPECT_EQ(t, moved, N);
	anon_read(area, 0, buf, N * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, memcmp(buf, want, N * PAGE_SIZE), 0);
out:
	kfree(buf);
	kfree(want);
	anon_area_destroy(area);
}

static void anon_isolate_refuses_a_page_under_short_term_access(struct ktest *t)
{
	struct anon_area *area = anon_area_create(1, 0);
	struct page *page;
	u8 *p;

	KTEST_ASSERT_NOT_NULL(t, area);
	page = anon_page(area, 0);
	p = anon_page_get(area, 0);
	KTEST_EXPECT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, page_ref_count(page), 2);
	KTEST_EXPECT_TRUE(t, movtest_refused(page));
	KTEST_EXPECT_TRUE(t, movtest_migrate_refused(page));
	KTEST_EXPECT_FALSE(t, PageIsolated(page));
	KTEST_EXPECT_FALSE(t, PageLocked(page));
	anon_page_put(area, 0);
	KTEST_EXPECT_EQ(t, page_ref_count(page), 1);

	/* Released: now it may be taken, and given back unchanged. */
	if (KTEST_EXPECT_EQ(t, movtest_isolate(page), 0))
		movtest_putback(page);
	KTEST_EXPECT_FALSE(t, PageIsolated(page));
	KTEST_EXPECT_EQ(t, page_ref_count(page), 1);
	KTEST_EXPECT_EQ(t, anon_page_pfn(area, 0), page_to_pfn(page));
	anon_area_destroy(area);
}

static void anon_migrate_page_backs_off_when_a_reference_appears(struct ktest *t)
{
	struct anon_area *area = anon_area_create(1, 0);
	const struct movable_operations *ops;
	struct page *page, *dst;
	u32 v = 0x5a5aa5a5, r = 0;

	KTEST_ASSERT_NOT_NULL(t, area);
	anon_write(area, 8, &v, sizeof(v));
	page = anon_page(area, 0);
	ops = page_movable_ops(page);
	KTEST_ASSERT_NOT_NULL(t, ops);
	KTEST_ASSERT_EQ(t, movtest_isolate(page), 0);
	dst = alloc_page(GFP_MOVABLE | __GFP_NO_CMA);
	if (!KTEST_EXPECT_NOT_NULL(t, dst)) {
		movtest_putback(page);
		goto out;
	}
	get_page(page); /* someone else's reference */
	KTEST_EXPECT_EQ(t, ops->migrate_page(dst, page), -EAGAIN);
	put_page(page);
	put_page(dst);
	movtest_putback(page);
	KTEST_EXPECT_EQ(t, anon_page_pfn(area, 0), page_to_pfn(page));
	KTEST_EXPECT_TRUE(t, PageMovable(page));
	KTEST_EXPECT_FALSE(t, PageIsolated(page));
	anon_read(area, 8, &r, sizeof(r));
	KTEST_EXPECT_EQ(t, r, v);
out:
	anon_area_destroy(area);
}

static void anon_rejects_offsets_outside_the_area(struct ktest *t)
{
	struct anon_area *area = anon_area_create(1, 0);
	u8 buf[16];

	KTEST_ASSERT_NOT_NULL(t, area);
	memset(buf, 0xaa, sizeof(buf));
	/* Reported and ignored: the buffer is untouched. */
	anon_read(area, PAGE_SIZE - 8, buf, sizeof(buf));
	KTEST_EXPECT_EQ(t, buf[0], 0xaa);
	KTEST_EXPECT_NULL(t, anon_page_get(area, 1));
	KTEST_EXPECT_EQ(t, anon_page_pfn(area, 1), ARCH_VM_NO_PFN);
	KTEST_EXPECT_EQ(t, anon_pin_longterm(area, 5), -EINVAL);
	KTEST_EXPECT_NULL(t, anon_area_create(0, 0));
	anon_area_destroy(area);
}

static void anon_destroy_returns_every_page(struct ktest *t)
{
	struct anon_area *area;
	unsigned long before, during;

	/* Warm the kmalloc caches the area and its slots use. */
	anon_area_destroy(anon_area_create(64, 0));
	drain_all_pages();
	before = nr_free_pages();
	area = anon_area_create(64, 0);
	KTEST_ASSERT_NOT_NULL(t, area);
	/* Move a few so that freed sources and new targets are counted too. */
	KTEST_EXPECT_EQ(t, movtest_move(anon_page(area, 3), NULL), 0);
	KTEST_EXPECT_EQ(t, movtest_migrate_pages_one(anon_page(area, 9), NULL), 0);
	drain_all_pages();
	during = nr_free_pages();
	KTEST_EXPECT_GE(t, before - during, 64);
	anon_area_destroy(area);
	drain_all_pages();
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static void anon_create_fails_cleanly_when_the_window_is_full(struct ktest *t)
{
	unsigned long before;

	drain_all_pages();
	before = nr_free_pages();
	KTEST_EXPECT_NULL(t, anon_area_create(arch_vm_window_pages() + 1, __GFP_NOWARN));
	drain_all_pages();
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static void anon_create_undoes_everything_when_memory_runs_out(struct ktest *t)
{
	const unsigned int order = MAX_ORDER - 1;
	unsigned long before, held = 0;
	struct page *page, *next;
	LIST_HEAD(blocks);

	anon_area_destroy(anon_area_create(1, 0)); /* warm kmalloc */
	drain_all_pages();
	before = nr_free_pages();
	/* Take every large block, movable and CMA alike. */
	while ((page = alloc_pages(GFP_MOVABLE | __GFP_NOWARN, order))) {
		list_add_tail(&page->lru, &blocks);
		held++;
	}
	if (!held) {
		ktest_skip(t, "no free order-%u block to consume", order);
		return;
	}
	/* Give one back so the slot array fits, then ask for more than is left. */
	page = list_first_entry(&blocks, struct page, lru);
	list_del(&page->lru);
	__free_pages(page, order);
	held--;
	drain_all_pages();
	KTEST_EXPECT_NULL(t, anon_area_create(nr_free_pages() + 16, 0));

	list_for_each_entry_safe(page, next, &blocks, lru) {
		list_del(&page->lru);
		__free_pages(page, order);
	}
	drain_all_pages();
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

/* ---- concurrent access vs. migration ------------------------------ */

#define CONC_PAGES 2
#define CONC_MIGRATIONS 1000

struct anon_conc {
	struct anon_area *area;
	bool lookups;             /* CPU 0 looks frames up instead of writing */
	int done;                 /* set by the migrator when finished */
	unsigned long torn;       /* accessor: page not uniformly the last value */
	unsigned long bad;        /* lookups: not a frame */
	unsigned long accesses;   /* accessor or lookup rounds */
	unsigned long migrated;   /* migrator: successful moves */
	unsigned long by_ops;     /* of which through the owner's ops directly */
	unsigned long refused;    /* migrator: page busy */
	unsigned long failed;     /* migrator: other errors */
	u64 last[CONC_PAGES];     /* accessor's last written value per page */
};

static void conc_accessor(struct anon_conc *c)
{
	u64 v = 1;

	while (!__atomic_load_n(&c->done, __ATOMIC_ACQUIRE)) {
		unsigned long idx = c->accesses % CONC_PAGES;
		u64 *p = anon_page_get(c->area, idx);
		size_t i;

		for (i = 0; i < PAGE_SIZE / sizeof(u64); i++)
			if (p[i] != c->last[idx]) {
				c->torn++;
				break;
			}
		v++;
		for (i = 0; i < PAGE_SIZE / sizeof(u64); i++)
			p[i] = v;
		c->last[idx] = v;
		anon_page_put(c->area, idx);
		/* Published so the migrator can wait for overlap. */
		__atomic_store_n(&c->accesses, c->accesses + 1, __ATOMIC_RELAXED);
	}
}

/* CPU 0's side for anon_page_pfn_waits_for_a_migration_in_progress. */
static void conc_lookup(struct anon_conc *c)
{
	while (!__atomic_load_n(&c->done, __ATOMIC_ACQUIRE)) {
		unsigned long pfn = anon_page_pfn(c->area, c->accesses % CONC_PAGES);

		if (pfn == ARCH_VM_MIGRATION || pfn == ARCH_VM_NO_PFN || !pfn_valid(pfn))
			c->bad++;
		__atomic_store_n(&c->accesses, c->accesses + 1, __ATOMIC_RELAXED);
	}
}

static void conc_migrator(struct anon_conc *c)
{
	unsigned long attempts = 0;

	/*
	 * Go on until both sides did their share while the other was running
	 * (the accessor only stops when we say so); give up only if the page
	 * is refused forever.
	 */
	while ((c->migrated < CONC_MIGRATIONS ||
		__atomic_load_n(&c->accesses, __ATOMIC_RELAXED) < CONC_MIGRATIONS) &&
	       c->refused + c->failed < 1000UL * CONC_MIGRATIONS) {
		unsigned long idx = attempts % CONC_PAGES;
		struct page *page = pfn_to_page(anon_page_pfn(c->area, idx));
		int ret;

		/* Alternate: the owner's ops directly, and mm/migrate.c. */
		if (attempts++ & 2)
			ret = movtest_move(page, NULL);
		else
			ret = movtest_migrate_pages_one(page, NULL);
		if (!ret) {
			c->migrated++;
			c->by_ops += (attempts - 1) & 2 ? 1 : 0;
		} else if (ret == -EBUSY || ret == -EAGAIN)
			c->refused++;
		else
			c->failed++;
	}
	__atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
}

static void conc_fn(unsigned int cpu, void *arg)
{
	struct anon_conc *c = arg;

	if (cpu == 0 && c->lookups)
		conc_lookup(c);
	else if (cpu == 0)
		conc_accessor(c);
	else if (cpu == 1)
		conc_migrator(c);
}

/*
 * Run CPU 0's side (@lookups: conc_lookup(), else conc_accessor()) against
 * conc_migrator() on a new area. Return: the state with its area, for the
 * caller to check and free (kfree() after anon_area_destroy()); NULL when
 * skipped or when setting up failed (reported).
 */
static struct anon_conc *conc_run(struct ktest *t, bool lookups)
{
	struct anon_conc *c;

	if (arch_nr_cpus() < 2) {
		ktest_skip(t, "needs 2 CPUs, have %u", arch_nr_cpus());
		return NULL;
	}
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!KTEST_EXPECT_NOT_NULL(t, c))
		return NULL;
	c->lookups = lookups;
	c->area = anon_area_create(CONC_PAGES, 0);
	if (!KTEST_EXPECT_NOT_NULL(t, c->area)) {
		kfree(c);
		return NULL;
	}
	KTEST_EXPECT_EQ(t, arch_smp_run(2, conc_fn, c), 2);
	return c;
}

static void anon_data_survives_concurrent_migration(struct ktest *t)
{
	struct anon_conc *c = conc_run(t, false);
	unsigned long i;
	u64 *p;

	if (!c)
		return;
	ktest_info(t, "%lu accesses, %lu migrations (%lu through the ops), %lu refused",
		   c->accesses, c->migrated, c->by_ops, c->refused);
	KTEST_EXPECT_EQ(t, c->torn, 0);
	KTEST_EXPECT_EQ(t, c->failed, 0);
	KTEST_EXPECT_GE(t, c->migrated, CONC_MIGRATIONS);
	KTEST_EXPECT_GE(t, c->accesses, CONC_MIGRATIONS);
	/* Both paths moved pages. */
	KTEST_EXPECT_GT(t, c->by_ops, 0);
	KTEST_EXPECT_LT(t, c->by_ops, c->migrated);
	/* Nothing lost at the end either. */
	for (i = 0; i < CONC_PAGES; i++) {
		size_t j, bad = 0;

		p = anon_page_get(c->area, i);
		for (j = 0; j < PAGE_SIZE / sizeof(u64); j++)
			bad += p[j] != c->last[i];
		anon_page_put(c->area, i);
		KTEST_EXPECT_EQ(t, bad, 0);
	}
	anon_area_destroy(c->area);
	kfree(c);
}

/*
 * anon_page_pfn() during migration: CPU 0 asks for the frame of each page
 * in turn (conc_lookup()) while CPU 1 migrates them (conc_migrator()). It
 * waits while a page is under migration, so it never meets a migration
 * entry, or a new frame the slot does not name yet (its own check would
 * panic), and always returns a frame. It used to read the entry without
 * waiting.
 */
static void anon_page_pfn_waits_for_a_migration_in_progress(struct ktest *t)
{
	struct anon_conc *c = conc_run(t, true);

	if (!c)
		return;
	ktest_info(t, "%lu lookups, %lu migrations", c->accesses, c->migrated);
	KTEST_EXPECT_EQ(t, c->bad, 0);
	KTEST_EXPECT_GE(t, c->migrated, CONC_MIGRATIONS);
	KTEST_EXPECT_GE(t, c->accesses, CONC_MIGRATIONS);
	anon_area_destroy(c->area);
	kfree(c);
}

/*
 * A migration entry makes an access wait for the new frame: CPU 1 reads a
 * window page whose entry CPU 0 turned into a migration entry; CPU 0 waits
 * (bounded) until CPU 1 is waiting in vm_window_fault(), maps the new
 * frame, and CPU 1's read returns the new frame's value, never the old.
 * On ARM the read is a plain load that takes a translation fault; on the
 * host arch_vm_addr() meets the entry. Both call vm_window_fault().
 */
#define MIG_WAIT_SPINS (1UL << 26)

struct mig_wait {
	unsigned long vpn;
	struct page *to;
	unsigned long waits0;
	int reading;        /* CPU 1 is about to touch the page */
	int waited;         /* CPU 0 saw CPU 1 wait */
	u64 seen;           /* what CPU 1 read */
};

static void mig_wait_fn(unsigned int cpu, void *arg)
{
	struct mig_wait *m = arg;
	unsigned long i;

	if (cpu == 1) {
		__atomic_store_n(&m->reading, 1, __ATOMIC_RELEASE);
		m->seen = *(volatile u64 *)arch_vm_addr(m->vpn);
		return;
	}
	if (cpu)
		return;
	for (i = 0; i < MIG_WAIT_SPINS && !__atomic_load_n(&m->reading, __ATOMIC_ACQUIRE); i++)
		arch_cpu_relax();
	for (i = 0; i < MIG_WAIT_SPINS && vm_migration_waits() == m->waits0; i++)
		arch_cpu_relax();
	m->waited = vm_migration_waits() != m->waits0;
	/* Map the new frame even if CPU 1 never waited, so it cannot hang. */
	arch_vm_map(m->vpn, page_to_pfn(m->to));
}

static void an_access_to_a_page_under_migration_waits_for_the_new_frame(struct ktest *t)
{
	struct page *from = alloc_page(GFP_KERNEL), *to = alloc_page(GFP_KERNEL);
	struct mig_wait m = { 0 };
	unsigned long vpn = arch_vm_window_pages();

	if (arch_nr_cpus() < 2) {
		ktest_skip(t, "needs 2 CPUs, have %u", arch_nr_cpus());
		goto out;
	}
	while (vpn-- > 0 && arch_vm_lookup(vpn) != ARCH_VM_NO_PFN)
		;
	if (!KTEST_EXPECT_TRUE(t, from && to && vpn < arch_vm_window_pages()))
		goto out;
	*(u64 *)page_address(from) = 0x01d;
	*(u64 *)page_address(to) = 0x2e3;
	arch_vm_map(vpn, page_to_pfn(from));
	KTEST_EXPECT_EQ(t, *(volatile u64 *)arch_vm_addr(vpn), 0x01d);
	arch_vm_set_migration(vpn);
	KTEST_EXPECT_EQ(t, arch_vm_lookup(vpn), ARCH_VM_MIGRATION);
	m.vpn = vpn;
	m.to = to;
	m.waits0 = vm_migration_waits();
	KTEST_EXPECT_EQ(t, arch_smp_run(2, mig_wait_fn, &m), 2);
	KTEST_EXPECT_TRUE(t, m.waited);
	KTEST_EXPECT_EQ(t, m.seen, 0x2e3);
	KTEST_EXPECT_EQ(t, arch_vm_lookup(vpn), page_to_pfn(to));
	/* An empty entry is no migration: the fault path says so. */
	arch_vm_unmap(vpn);
	KTEST_EXPECT_EQ(t, vm_window_fault(vpn), -EFAULT);
out:
	if (from)
		__free_page(from);
	if (to)
		__free_page(to);
}

/*
 * A carve moves an area's pages by runs (mm/contig.c, migrate_run(); the
 * owner's anon_migrate_frozen_run()): in a block that holds only our
 * pages and free ones, every page moves by a run, except that a page
 * under access ends its run and stays, blocking the carve; once it is
 * released the next carve moves it too. Every page keeps its data.
 */
static void a_carve_moves_anon_pages_by_runs_and_a_page_under_access_ends_one(struct ktest *t)
{
	unsigned int saved = contig_pin_wait_ms;
	struct anon_area *area = anon_area_create(4 * pageblock_nr_pages,
						  __GFP_NO_CMA | __GFP_NO_PCP);
	unsigned long start = ~0UL, ours = 0, first = 0, idx, i, pinned_pfn;
	struct migrate_report rep;
	u8 *buf = NULL, *back = NULL;
	size_t len;
	int ret;

	KTEST_ASSERT_NOT_NULL(t, area);
	len = anon_area_pages(area) * PAGE_SIZE;
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	back = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!KTEST_EXPECT_NOT_NULL(t, buf) || !KTEST_EXPECT_NOT_NULL(t, back))
		goto out;
	for (i = 0; i < len / PAGE_SIZE; i++) {
		fill_pattern(buf, PAGE_SIZE, (unsigned int)i);
		anon_write(area, i * PAGE_SIZE, buf, PAGE_SIZE);
	}
	/* A movable block where every in-use page is one of ours. */
	for (i = 0; i < anon_area_pages(area) && start == ~0UL; i++) {
		unsigned long b = pageblock_start_pfn(anon_page_pfn(area, i)), pfn, n = 0;
		bool ok = get_pageblock_migratetype(b) == MIGRATE_MOVABLE;

		/* Free blocks (skipped by their order), per-CPU pages, or ours. */
		for (pfn = b; ok && pfn < b + pageblock_nr_pages; pfn++) {
			struct page *page = pfn_to_page(pfn);
			u32 f = page_flags(page);

			if (f & (1u << PG_buddy)) {
				pfn += (1UL << page_order(page)) - 1;
				continue;
			}
			if (f & (1u << PG_pcp))
				continue;
			ok = page_ref_count(page) &&
			     (f & PAGE_OWNER_MASK) == (u32)PGOWNER_ANON << PAGE_OWNER_SHIFT &&
			     page_movable_record(page) && !(f & (1u << PG_pinned));
			n++;
		}
		if (ok && n >= 3) {
			start = b;
			ours = n;
			first = i;
		}
	}
	if (start == ~0UL) {
		ktest_skip(t, "no block holds only our anon pages");
		goto out;
	}
	/* Pin one of ours in the block: the next in-block page after the first. */
	for (idx = first + 1; idx < anon_area_pages(area); idx++)
		if (pageblock_start_pfn(anon_page_pfn(area, idx)) == start)
			break;
	if (!KTEST_EXPECT_LT(t, idx, anon_area_pages(area)))
		goto out;
	pinned_pfn = anon_page_pfn(area, idx);
	(void)anon_page_get(area, idx);
	contig_pin_wait_ms = 0;
	ret = alloc_contig_range_report(start, start + pageblock_nr_pages, ACR_NOWARN, &rep);
	contig_pin_wait_ms = saved;
	anon_page_put(area, idx);
	KTEST_EXPECT_EQ(t, ret, -EBUSY);
	KTEST_EXPECT_EQ(t, rep.first_busy_pfn, pinned_pfn);
	KTEST_EXPECT_EQ(t, rep.migrated, ours - 1);
	KTEST_EXPECT_EQ(t, rep.migrated_by_run, ours - 1);
	KTEST_EXPECT_EQ(t, anon_page_pfn(area, idx), pinned_pfn);
	if (ret == 0)
		free_contig_range(start, pageblock_nr_pages);

	ret = alloc_contig_range_report(start, start + pageblock_nr_pages, ACR_NOWARN, &rep);
	KTEST_EXPECT_EQ(t, ret, 0);
	KTEST_EXPECT_EQ(t, rep.migrated, 1);
	KTEST_EXPECT_EQ(t, rep.migrated_by_run, 1);
	KTEST_EXPECT_NE(t, anon_page_pfn(area, idx), pinned_pfn);
	if (ret == 0)
		free_contig_range(start, pageblock_nr_pages);

	for (i = 0; i < len / PAGE_SIZE; i++) {
		fill_pattern(buf, PAGE_SIZE, (unsigned int)i);
		anon_read(area, i * PAGE_SIZE, back, PAGE_SIZE);
		if (!KTEST_EXPECT_EQ(t, memcmp(buf, back, PAGE_SIZE), 0)) {
			ktest_info(t, "page %lu of the area lost its data", i);
			break;
		}
	}
out:
	kfree(buf);
	kfree(back);
	anon_area_destroy(area);
}

/*
 * A run that reaches a page of another area (another slot lock) which is
 * under access ends there: the lock it switched to covers no moved slot,
 * and handing the moved slots over must not take it (nor read a target
 * the run did not use). The page before it moves and keeps its data; the
 * one under access stays, and moves once released.
 */
static void a_run_that_ends_at_another_areas_page_hands_over_only_its_own(struct ktest *t)
{
	unsigned int saved = contig_pin_wait_ms;
	struct cma_policy_save policy;
	struct anon_area *a, *b;
	unsigned long i, j, pa = 0, pb = 0, ia = 0, ib = 0;
	struct migrate_report rep;
	u32 va = 0x5eed0a11, vb = 0x5eed0b22, r;
	int ret;

	/* In CMA pageblocks, where nothing unmovable blocks the isolation. */
	zones_set_cma_policy(CMA_POLICY_PREFER, &policy);
	a = anon_area_create(8, __GFP_NO_PCP);
	b = anon_area_create(8, __GFP_NO_PCP);
	zones_restore_cma_policy(&policy);
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	/* A page of @a whose next frame is a page of @b, in one CMA pageblock. */
	for (i = 0; i < anon_area_pages(a) && !pb; i++)
		for (j = 0; j < anon_area_pages(b); j++)
			if (anon_page_pfn(b, j) == anon_page_pfn(a, i) + 1 &&
			    get_pageblock_migratetype(anon_page_pfn(a, i)) == MIGRATE_CMA &&
			    pageblock_start_pfn(anon_page_pfn(a, i)) ==
				    pageblock_start_pfn(anon_page_pfn(b, j))) {
				ia = i;
				ib = j;
				pa = anon_page_pfn(a, i);
				pb = pa + 1;
				break;
			}
	if (!pb) {
		ktest_skip(t, "no page of one area is followed by a page of the other");
		goto out;
	}
	anon_write(a, ia * PAGE_SIZE + 8, &va, sizeof(va));
	anon_write(b, ib * PAGE_SIZE + 8, &vb, sizeof(vb));
	(void)anon_page_get(b, ib);
	contig_pin_wait_ms = 0;
	ret = alloc_contig_range_report(pa, pb + 1, ACR_CMA | ACR_NOWARN, &rep);
	contig_pin_wait_ms = saved;
	anon_page_put(b, ib);
	KTEST_EXPECT_EQ(t, ret, -EBUSY);
	KTEST_EXPECT_EQ(t, rep.first_busy_pfn, pb);
	KTEST_EXPECT_EQ(t, rep.migrated_by_run, 1);
	KTEST_EXPECT_NE(t, anon_page_pfn(a, ia), pa);
	KTEST_EXPECT_EQ(t, anon_page_pfn(b, ib), pb);
	if (ret == 0)
		free_contig_range(pa, 2);

	ret = alloc_contig_range_report(pa, pb + 1, ACR_CMA | ACR_NOWARN, &rep);
	KTEST_EXPECT_EQ(t, ret, 0);
	KTEST_EXPECT_NE(t, anon_page_pfn(b, ib), pb);
	if (ret == 0)
		free_contig_range(pa, 2);
	r = 0;
	anon_read(a, ia * PAGE_SIZE + 8, &r, sizeof(r));
	KTEST_EXPECT_EQ(t, r, va);
	r = 0;
	anon_read(b, ib * PAGE_SIZE + 8, &r, sizeof(r));
	KTEST_EXPECT_EQ(t, r, vb);
out:
	anon_area_destroy(b);
	anon_area_destroy(a);
}

static struct ktest_case anon_cases[] = {
	KTEST_CASE(anon_area_starts_zeroed_and_reads_back_what_was_written),
	KTEST_CASE(anon_migrated_page_keeps_its_data_and_the_page_table_follows),
	KTEST_CASE(anon_migrate_pages_moves_every_page_of_an_area),
	KTEST_CASE(anon_isolate_refuses_a_page_under_short_term_access),
	KTEST_CASE(anon_migrate_page_backs_off_when_a_reference_appears),
	KTEST_CASE(anon_rejects_offsets_outside_the_area),
	KTEST_CASE(anon_destroy_returns_every_page),
	KTEST_CASE(anon_create_fails_cleanly_when_the_window_is_full),
	KTEST_CASE(anon_create_undoes_everything_when_memory_runs_out),
	KTEST_CASE(anon_data_survives_concurrent_migration),
	KTEST_CASE(anon_page_pfn_waits_for_a_migration_in_progress),
	KTEST_CASE(a_carve_moves_anon_pages_by_runs_and_a_page_under_access_ends_one),
	KTEST_CASE(a_run_that_ends_at_another_areas_page_hands_over_only_its_own),
	KTEST_CASE(an_access_to_a_page_under_migration_waits_for_the_new_frame),
	{}
};

static struct ktest_suite anon_suite = { .name = "anon", .cases = anon_cases };
ktest_register(anon_suite);

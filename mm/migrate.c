// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page migration.
 *
 * Migration moves the contents and the ownership of movable pages to new
 * frames so that the old frames can be freed. It never interprets a page's
 * owner: every step goes through the owner's movable_operations
 * (contig/movable.h):
 *
 *   isolate   get a reference (only on a live page), take PG_locked, and
 *             ask the owner to let the page go (isolate_page). A refusal
 *             means the page is pinned or under access right now.
 *   discard   a clean page whose owner can drop it (discard_page) is
 *             freed without a copy: a later access refills it.
 *   migrate   allocate a target, and let the owner unmap, copy and remap
 *             (migrate_page). The source is then freed.
 *   putback   pages that could not move go back to their owners.
 *
 * PG_locked is held on a source page from isolation until it has been
 * migrated, discarded or put back; owners make their pinning accessors
 * wait for it. An owner that maps the page in the window (anon) replaces
 * the mapping by a migration entry while it copies
 * (arch_vm_set_migration()): a CPU that touches the page then faults, and
 * the port's fault path waits in vm_window_fault() until the new frame is
 * mapped, then retries the access - so no CPU reads or writes the old copy
 * once the copy has started, as with Linux's migration entries.
 *
 * Busy pages are retried for CONFIG_MIGRATE_RETRIES passes, draining the
 * per-CPU lists between passes so targets can be found; a page for which
 * no target frame can be allocated ends the migration at once: retrying
 * does not make memory free, and a carve that cannot get its targets must
 * fail fast. alloc_contig_range() makes its own passes over the range and
 * calls migrate_pages_once(), which never retries. Failures are counted by
 * reason in a struct migrate_report.
 *
 * Batches: an owner with migrate_pages_batch() (anon) gets up to
 * CONFIG_MIGRATE_BATCH of its pages, with their targets, in one call, so
 * it can turn all their mappings into migration entries with a single
 * TLB invalidation on every CPU (arch_vm_set_migration_batch()) before it
 * copies them - one broadcast per batch instead of one per page.
 */
#define pr_fmt(fmt) "migrate: " fmt

#include <contig/migrate.h>
#include <contig/movable.h>
#include <contig/mmzone.h>
#include <contig/errno.h>
#include <contig/spinlock.h>

/*
 * A migration entry lasts until its page is copied: at most a batch's
 * copies (CONFIG_MIGRATE_BATCH pages). This long means a stuck CPU.
 */
#define MIGRATION_WAIT_LIMIT_NS (30ULL * 1000000000)

static unsigned long migration_waits[CONFIG_NR_CPUS];

const char *const migrate_reason_names[NR_MIGRATE_REASONS] = {
	[MR_NONE] = "none",
	[MR_PINNED] = "pinned",
	[MR_UNMOVABLE] = "unmovable",
	[MR_NO_TARGET] = "no target memory",
	[MR_CONTENDED] = "isolated by another carve",
};

/** migrate_report_init - clear a report before a migration run */
void migrate_report_init(struct migrate_report *rep)
{
	*rep = (struct migrate_report){ .first_busy_pfn = ~0UL };
}

static void report_busy(struct migrate_report *rep, unsigned long pfn, int reason)
{
	if (rep->first_busy_pfn == ~0UL) {
		rep->first_busy_pfn = pfn;
		rep->first_busy_reason = reason;
	}
}

/* Take a reference unless the page is free (refcount 0). */
static bool get_page_unless_zero(struct page *page)
{
	int old = page_ref_count(page);

	while (old > 0) {
		int seen = atomic_cmpxchg(&page->_refcount, old, old + 1);

		if (seen == old)
			return true;
		old = seen;
	}
	return false;
}

/**
 * isolate_movable_page - take a movable page from its owner for migration
 * @page: any page; the function copes with pages that are being freed or
 *        changing owner concurrently
 *
 * On success the page is PG_isolated and PG_locked, and the caller holds
 * one reference of its own, to be dropped after migrate/putback.
 * Return: 0; -EBUSY when the owner refused (pinned, under access) or the
 * page is already being migrated; -EINVAL when the page is not movable.
 */
int isolate_movable_page(struct page *page)
{
	const struct movable_operations *ops;

	if (!PageMovable(page) || !get_page_unless_zero(page))
		return -EINVAL;
	if (page_flag_test_and_set(page, PG_locked)) {
		put_page(page);
		return -EBUSY;
	}
	/* The owner may have let the page go before we locked it. */
	ops = PageMovable(page) ? page_movable_ops(page) : NULL;
	if (!ops) {
		ClearPageLocked(page);
		put_page(page);
		return -EINVAL;
	}
	if (!ops->isolate_page(page)) {
		ClearPageLocked(page);
		put_page(page);
		return -EBUSY;
	}
	ASSERT_MSG(PageIsolated(page), "pfn %lx owner %s did not set PG_isolated",
		   page_to_pfn(page), ops->name);
	return 0;
}

/* Give one isolated page back; drops the isolation reference. */
static void putback_one(struct page *page)
{
	const struct movable_operations *ops = page_movable_ops(page);

	ASSERT_MSG(ops && PageIsolated(page) && PageLocked(page),
		   "pfn %lx flags %x", page_to_pfn(page), page_flags(page));
	ops->putback_page(page);
	ClearPageLocked(page);
	put_page(page);
}

/**
 * putback_movable_pages - return every isolated page on @list to its owner
 */
void putback_movable_pages(struct list_head *list)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		list_del(&page->lru);
		putback_one(page);
	}
}

/*
 * The source left its owner: drop the isolation reference and the owner's
 * former one. The page goes back to the allocator (to an ISOLATE free list
 * when a carve has isolated its pageblock) - through @freed, freed in one
 * go by the caller, when our put is the last.
 */
static void release_source(struct page *page, struct list_head *freed)
{
	ASSERT_MSG(!PageMovable(page) && !PageIsolated(page),
		   "pfn %lx flags %x still owned after migration",
		   page_to_pfn(page), page_flags(page));
	/*
	 * Two: the owner's former reference and ours. More only while another
	 * CPU's isolate_movable_page() holds its try reference (it cannot
	 * take PG_locked, or finds the page disowned, and drops it); the last
	 * put frees the page either way. Both go in one atomic step: the
	 * page is checked when it is freed (free_page_list(), put_page()).
	 */
	ASSERT_MSG(page_ref_count(page) >= 2, "pfn %lx refcount %d",
		   page_to_pfn(page), page_ref_count(page));
	ClearPageLocked(page);
	if (atomic_sub_return(2, &page->_refcount) == 0)
		list_add_tail(&page->lru, freed);
}

enum move_result { MOVED, DISCARDED, BUSY, NO_TARGET };

/*
 * Up to CONFIG_MIGRATE_BATCH pages of one owner that has
 * migrate_pages_batch(), with their targets, moved in one call; and the
 * sources that left their owners, freed together (one zone-lock hold for
 * a batch instead of one per page).
 */
struct migrate_batch {
	const struct movable_operations *ops;
	struct page *src[CONFIG_MIGRATE_BATCH], *dst[CONFIG_MIGRATE_BATCH];
	int ret[CONFIG_MIGRATE_BATCH];
	unsigned int nr;
	struct list_head freed;
};

/* What the owner's migrate_page() returned for @dst: free it if unused. */
static enum move_result migrate_done(const struct movable_operations *ops, struct page *src,
				     struct page *dst, int ret, struct migrate_batch *b)
{
	if (ret) {
		ASSERT_MSG(ret == -EAGAIN, "owner %s returned %d", ops->name, ret);
		__free_page(dst);
		return BUSY;
	}
	release_source(src, &b->freed);
	return MOVED;
}

static void account(struct migrate_report *rep, struct list_head *from, struct page *page,
		    enum move_result res, bool last)
{
	if (res == MOVED) {
		rep->migrated++;
		return;
	}
	if (res == DISCARDED) {
		rep->discarded++;
		return;
	}
	/* Busy or no target: try again in the next pass. */
	list_add_tail(&page->lru, from);
	if (last) {
		report_busy(rep, page_to_pfn(page), res == BUSY ? MR_PINNED : MR_NO_TARGET);
		if (res == BUSY)
			rep->pinned++;
		else
			rep->no_target++;
	}
}

/*
 * Migrate what @b holds, then free every source that left its owner
 * since the last flush: the batch's and the discarded or singly migrated
 * ones.
 */
static void flush_migrate_batch(struct migrate_batch *b, struct migrate_report *rep,
				struct list_head *from, bool last)
{
	unsigned int i;

	if (b->nr) {
		b->ops->migrate_pages_batch(b->dst, b->src, b->ret, b->nr);
		for (i = 0; i < b->nr; i++)
			account(rep, from, b->src[i],
				migrate_done(b->ops, b->src[i], b->dst[i], b->ret[i], b), last);
		b->nr = 0;
	}
	free_page_list(&b->freed);
}

/*
 * Discard or migrate @page now, or (for an owner with migrate_pages_batch)
 * add it with its target to @b, flushing @b first when it holds another
 * owner's pages or is full. Return: the outcome, or -1 when it is in @b.
 */
static int move_one(struct page *page, new_page_t get_target, void *priv,
		    struct migrate_batch *b, struct migrate_report *rep, struct list_head *from,
		    bool last)
{
	const struct movable_operations *ops = page_movable_ops(page);
	struct page *dst;

	ASSERT_MSG(ops, "pfn %lx lost its owner while isolated", page_to_pfn(page));
	if (ops->discard_page && !PageDirty(page) && ops->discard_page(page) == 0) {
		release_source(page, &b->freed);
		return DISCARDED;
	}
	if (ops->migrate_pages_batch && (b->ops != ops || b->nr == CONFIG_MIGRATE_BATCH))
		flush_migrate_batch(b, rep, from, last);
	dst = get_target(page, priv);
	if (!dst)
		return NO_TARGET;
	if (!ops->migrate_pages_batch)
		return migrate_done(ops, page, dst, ops->migrate_page(dst, page), b);
	b->ops = ops;
	b->src[b->nr] = page;
	b->dst[b->nr] = dst;
	b->nr++;
	return -1;
}

/*
 * Up to @passes passes over @from; see migrate_pages(). The first page
 * without a target stops everything: it and the pages after it are
 * counted as without target and put back with the busy ones.
 */
static unsigned long migrate_pages_passes(struct list_head *from, new_page_t get_target,
					  void *priv, struct migrate_report *rep, int passes)
{
	/* Not zeroed whole: its arrays are 6 KiB, filled up to .nr. */
	struct migrate_batch batch;
	unsigned long left = 0;
	struct page *page, *next;
	bool no_target = false;
	int pass;

	batch.ops = NULL;
	batch.nr = 0;
	INIT_LIST_HEAD(&batch.freed);
	for (pass = 0; pass < passes && !list_empty(from) && !no_target; pass++) {
		bool last = pass == passes - 1;
		LIST_HEAD(todo);

		if (pass) {
			rep->retries++;
			drain_all_pages();
		}
		list_splice_init(from, &todo);
		list_for_each_entry_safe(page, next, &todo, lru) {
			int res;

			list_del(&page->lru);
			res = move_one(page, get_target, priv, &batch, rep, from, last);
			if (res == NO_TARGET) {
				/* Nothing is free: stop, and put back what is left. */
				report_busy(rep, page_to_pfn(page), MR_NO_TARGET);
				list_add_tail(&page->lru, from);
				rep->no_target++;
				while (!list_empty(&todo)) {
					list_move_tail(todo.next, from);
					rep->no_target++;
				}
				no_target = true;
				break;
			}
			if (res >= 0)
				account(rep, from, page, (enum move_result)res, last);
		}
		flush_migrate_batch(&batch, rep, from, last || no_target);
	}
	list_for_each_entry_safe(page, next, from, lru) {
		list_del(&page->lru);
		putback_one(page);
		left++;
	}
	return left;
}

/**
 * migrate_pages - migrate (or discard) the isolated pages on @from
 * @from: pages isolated with isolate_movable_page(), linked by lru
 * @get_target: allocates one target page for a source
 * @priv: passed to @get_target
 * @rep: outcome counts are added here
 *
 * Pages that moved are freed; busy ones are retried for
 * CONFIG_MIGRATE_RETRIES passes. When @get_target finds no frame, the
 * migration stops at once. What did not move is put back to its owners:
 * @from is empty on return.
 * Return: the number of pages that were neither migrated nor discarded.
 */
unsigned long migrate_pages(struct list_head *from, new_page_t get_target,
			    void *priv, struct migrate_report *rep)
{
	return migrate_pages_passes(from, get_target, priv, rep, CONFIG_MIGRATE_RETRIES);
}

/**
 * migrate_pages_once - migrate_pages() with a single pass
 * @from: isolated pages, linked by lru
 * @get_target: allocates one target page for a source
 * @priv: passed to @get_target
 * @rep: outcome counts are added here (busy pages count as pinned)
 *
 * For a caller that makes its own passes (alloc_contig_range()): busy
 * pages go straight back to their owners.
 * Return: the number of pages that were neither migrated nor discarded.
 */
unsigned long migrate_pages_once(struct list_head *from, new_page_t get_target,
				 void *priv, struct migrate_report *rep)
{
	return migrate_pages_passes(from, get_target, priv, rep, 1);
}

/**
 * describe_busy_page - who holds page @pfn, in words, for a failure message
 * @pfn: a valid frame
 * @buf: receives the text (always NUL-terminated)
 * @size: size of @buf
 *
 * Locks the page as isolate_movable_page() does, so the owner's record
 * cannot go away while the owner's describe_page() reads it.
 */
void describe_busy_page(unsigned long pfn, char *buf, size_t size)
{
	struct page *page = pfn_to_page(pfn);
	const struct movable_operations *ops;
	int extra;

	if (!size)
		return;
	if (!get_page_unless_zero(page)) {
		snprintf(buf, size, "free now");
		return;
	}
	if (page_flag_test_and_set(page, PG_locked)) {
		snprintf(buf, size, "locked: another CPU is migrating it");
		put_page(page);
		return;
	}
	ops = PageMovable(page) ? page_movable_ops(page) : NULL;
	/* Ours, the owner's: more are pins. */
	extra = page_ref_count(page) - 2;
	if (!ops)
		snprintf(buf, size, "not movable (refcount %d)", page_ref_count(page) - 1);
	else if (ops->describe_page)
		ops->describe_page(page, buf, size);
	else if (PagePinned(page))
		snprintf(buf, size, "%s, long-term pinned", ops->name);
	else
		snprintf(buf, size, "%s, %d reference%s beyond the owner's", ops->name,
			 extra, extra == 1 ? "" : "s");
	ClearPageLocked(page);
	put_page(page);
}

/* A target outside CMA and ISOLATE pageblocks (a long-term pin's rule). */
static struct page *alloc_no_cma_target(struct page *src, void *priv)
{
	struct page *dst = alloc_page(GFP_MOVABLE | __GFP_NO_CMA | __GFP_NOWARN);

	if (dst)
		*(struct page **)priv = dst;
	return dst;
}

/**
 * migrate_page_out_of_cma - move one movable page out of CMA pageblocks
 * @page: a movable page, usually in a MIGRATE_CMA or MIGRATE_ISOLATE block
 * @newpage: set to the page that now holds the contents
 *
 * Used before a long-term pin (FOLL_LONGTERM semantics): a pinned page
 * must not sit where a device will need to carve.
 * Return: 0; -EBUSY when the page could not be isolated or stayed busy;
 * -ENOMEM when no frame outside CMA was free.
 */
int migrate_page_out_of_cma(struct page *page, struct page **newpage)
{
	struct migrate_report rep;
	struct page *dst = NULL;
	LIST_HEAD(list);
	int ret;

	migrate_report_init(&rep);
	ret = isolate_movable_page(page);
	if (ret)
		return ret == -EINVAL ? -EBUSY : ret;
	list_add(&page->lru, &list);
	if (migrate_pages(&list, alloc_no_cma_target, &dst, &rep) == 0) {
		if (newpage)
			*newpage = dst;
		return 0;
	}
	return rep.no_target ? -ENOMEM : -EBUSY;
}

/**
 * vm_window_fault - a CPU touched window page @vpn, whose entry maps nothing
 * @vpn: the window page
 *
 * Called by the port's fault path (ARM: the data abort handler, on a
 * translation fault in the window; the host: arch_vm_addr()) on the CPU
 * that faulted, with no spinlock held. A migration entry means the page's
 * owner is copying it to a new frame: wait until the entry maps the new
 * frame. anon_migrate_pages_batch() makes the entries of a whole batch
 * before it copies the pages one by one, so the wait can last up to
 * CONFIG_MIGRATE_BATCH page copies. A migration entry that stays for
 * MIGRATION_WAIT_LIMIT_NS panics, naming the page.
 *
 * Return: 0 when the entry maps a frame now (retry the access); -EFAULT
 * when it is empty, or outside the window (a stray access).
 */
int vm_window_fault(unsigned long vpn)
{
	unsigned int cpu = arch_cpu_id();
	unsigned long pfn;
	u64 t0 = 0;

	if (vpn >= arch_vm_window_pages())
		return -EFAULT;
	pfn = arch_vm_lookup(vpn);
	if (pfn != ARCH_VM_MIGRATION)
		return pfn == ARCH_VM_NO_PFN ? -EFAULT : 0;
	ASSERT_MSG(!spin_locks_held(), "cpu %u touched window page %lu holding %u spinlocks",
		   cpu, vpn, spin_locks_held());
	__atomic_store_n(&migration_waits[cpu], migration_waits[cpu] + 1, __ATOMIC_RELAXED);
	while ((pfn = arch_vm_lookup(vpn)) == ARCH_VM_MIGRATION) {
		u64 now = arch_clock_ns();

		if (!t0)
			t0 = now;
		else if (now - t0 > MIGRATION_WAIT_LIMIT_NS)
			panic("window page %lu has held a migration entry for %llu s: the "
			      "migrating CPU is stuck", vpn, MIGRATION_WAIT_LIMIT_NS / 1000000000);
		arch_cpu_relax();
	}
	return pfn == ARCH_VM_NO_PFN ? -EFAULT : 0;
}

/**
 * vm_migration_waits - accesses that waited on a migration entry
 *
 * Return: the count since boot, over all CPUs.
 */
unsigned long vm_migration_waits(void)
{
	unsigned long n = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		n += __atomic_load_n(&migration_waits[cpu], __ATOMIC_RELAXED);
	return n;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the anon, pcache and pin tests: drive one page through
 * the owner's movable_operations exactly as migration does (PG_locked,
 * a reference, isolate, then migrate, discard or putback), without going
 * through mm/migrate.c, plus a migrate_pages() path for one page.
 */
#ifndef _TESTS_KTEST_MOVABLE_HELPERS_H
#define _TESTS_KTEST_MOVABLE_HELPERS_H

#include <contig/mm.h>
#include <contig/errno.h>
#include <contig/list.h>
#include <contig/movable.h>
#include <contig/migrate.h>

/* Lock, reference and isolate @page as migration would. 0 or -EBUSY/-EINVAL. */
static inline int movtest_isolate(struct page *page)
{
	const struct movable_operations *ops = page_movable_ops(page);

	if (!ops)
		return -EINVAL;
	if (page_flag_test_and_set(page, PG_locked))
		return -EBUSY;
	get_page(page);
	if (!ops->isolate_page(page)) {
		ClearPageLocked(page);
		put_page(page);
		return -EBUSY;
	}
	return 0;
}

/* Give an isolated page back, undoing movtest_isolate(). */
static inline void movtest_putback(struct page *page)
{
	page_movable_ops(page)->putback_page(page);
	ClearPageLocked(page);
	put_page(page);
}

/*
 * Expect the owner to refuse @page: true when isolation returned -EBUSY.
 * An unexpected success is undone, so a failing test cannot leave the page
 * isolated (and its teardown waiting forever).
 */
static inline bool movtest_refused(struct page *page)
{
	int ret = movtest_isolate(page);

	if (!ret)
		movtest_putback(page);
	return ret == -EBUSY;
}

/* The same through isolate_movable_page() (mm/migrate.c). */
static inline bool movtest_migrate_refused(struct page *page)
{
	int ret = isolate_movable_page(page);

	if (!ret) {
		LIST_HEAD(list);

		list_add(&page->lru, &list);
		putback_movable_pages(&list);
	}
	return ret == -EBUSY;
}

/* The source left its owner: unlock it and drop both references. */
static inline void movtest_release_source(struct page *src)
{
	ClearPageLocked(src);
	put_page(src);
	put_page(src);
}

/*
 * Migrate an isolated page to a new frame through the owner's
 * migrate_page. On failure the page is put back. Return 0 (and *@dstp),
 * -ENOMEM, or the owner's error.
 */
static inline int movtest_migrate_isolated(struct page *src, gfp_t gfp, struct page **dstp)
{
	const struct movable_operations *ops = page_movable_ops(src);
	struct page *dst = alloc_page(gfp | GFP_MOVABLE | __GFP_NOWARN);
	int ret;

	if (!dst) {
		movtest_putback(src);
		return -ENOMEM;
	}
	ret = ops->migrate_page(dst, src);
	if (ret) {
		movtest_putback(src);
		put_page(dst);
		return ret;
	}
	movtest_release_source(src);
	if (dstp)
		*dstp = dst;
	return 0;
}

/* Isolate and migrate @src through the ops. */
static inline int movtest_move(struct page *src, struct page **dstp)
{
	int ret = movtest_isolate(src);

	if (ret)
		return ret;
	return movtest_migrate_isolated(src, __GFP_NO_CMA, dstp);
}

static inline struct page *movtest_alloc_target(struct page *src, void *priv)
{
	return alloc_page(GFP_MOVABLE | __GFP_NO_CMA | __GFP_NOWARN);
}

/*
 * Move one page through mm/migrate.c: isolate_movable_page() then
 * migrate_pages(). Return 0 when it was migrated or discarded, else the
 * isolation error or -EBUSY; @rep (may be NULL) gets the counts.
 */
static inline int movtest_migrate_pages_one(struct page *page, struct migrate_report *rep)
{
	struct migrate_report local;
	LIST_HEAD(list);
	int ret;

	if (!rep)
		rep = &local;
	migrate_report_init(rep);
	ret = isolate_movable_page(page);
	if (ret)
		return ret;
	list_add_tail(&page->lru, &list);
	return migrate_pages(&list, movtest_alloc_target, NULL, rep) ? -EBUSY : 0;
}

#endif /* _TESTS_KTEST_MOVABLE_HELPERS_H */

// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "regions": the region table built at boot from the DT and
 * cma= is sane on whatever board and command line the kernel booted with,
 * and every CMA area really works. Boot cases (tests/boot/cases.txt) add
 *   regions_expect=a,b,c   regions that must exist
 *   regions_absent=x,y     regions that must not
 * to assert which regions survived a bad configuration. Names are
 * separated by ':' or ','; a name with a comma ("linux,cma") is written
 * as is: the list is matched greedily against the table first.
 */
#include <contig/kernel.h>
#include <contig/string.h>
#include <contig/ktest.h>
#include <contig/params.h>
#include <contig/mm.h>
#include <contig/memblock.h>
#include <contig/cma.h>
#include <contig/reserved_mem.h>

static phys_addr_t pb_bytes(void)
{
	return PFN_PHYS(pageblock_nr_pages);
}

/*
 * CMA areas are whole pageblocks of RAM; other regions are RAM too, except
 * device memory (RMEM_DEVICE), which lies wholly outside it.
 */
static void every_region_is_aligned_and_inside_ram_or_wholly_outside(struct ktest *t)
{
	unsigned int i;

	for (i = 0; i < reserved_mem_count(); i++) {
		const struct reserved_mem *rm = reserved_mem_get(i);
		phys_addr_t unit;

		KTEST_ASSERT_NOT_NULL(t, rm);
		unit = rm->cma ? pb_bytes() : 1;
		if (rm->flags & RMEM_DEVICE) {
			if (!KTEST_EXPECT_GT(t, rm->size, 0) ||
			    !KTEST_EXPECT_FALSE(t, rm->flags & RMEM_REUSABLE) ||
			    !KTEST_EXPECT_FALSE(t, memblock_is_reserved(rm->base)) ||
			    !KTEST_EXPECT_FALSE(t, memblock_is_region_memory(rm->base, 1)) ||
			    !KTEST_EXPECT_FALSE(t, memblock_is_region_memory(rm->base + rm->size - 1,
									     1)))
				ktest_info(t, "device region %s 0x%llx+0x%llx", rm->name,
					   (unsigned long long)rm->base,
					   (unsigned long long)rm->size);
			continue;
		}
		if (!KTEST_EXPECT_TRUE(t, IS_ALIGNED(rm->base, unit)) ||
		    !KTEST_EXPECT_TRUE(t, IS_ALIGNED(rm->size, unit)) ||
		    !KTEST_EXPECT_GT(t, rm->size, 0) ||
		    !KTEST_EXPECT_TRUE(t, memblock_is_region_memory(rm->base, rm->size)))
			ktest_info(t, "region %s 0x%llx+0x%llx", rm->name,
				   (unsigned long long)rm->base, (unsigned long long)rm->size);
	}
}

static void regions_do_not_overlap_each_other(struct ktest *t)
{
	unsigned int i, j, n = reserved_mem_count();

	for (i = 0; i < n; i++) {
		const struct reserved_mem *a = reserved_mem_get(i);

		for (j = i + 1; j < n; j++) {
			const struct reserved_mem *b = reserved_mem_get(j);
			bool overlap = a->base < b->base + b->size && b->base < a->base + a->size;

			if (!KTEST_EXPECT_FALSE(t, overlap))
				ktest_info(t, "%s and %s overlap", a->name, b->name);
		}
	}
}

static void region_names_are_unique_and_found_by_lookup(struct ktest *t)
{
	unsigned int i;

	for (i = 0; i < reserved_mem_count(); i++) {
		const struct reserved_mem *rm = reserved_mem_get(i);

		KTEST_EXPECT_TRUE(t, rm->name[0] != '\0');
		KTEST_EXPECT_TRUE(t, reserved_mem_find(rm->name) == rm);
		KTEST_EXPECT_TRUE(t, rm->origin[0] != '\0');
	}
	KTEST_EXPECT_NULL(t, reserved_mem_get(reserved_mem_count()));
	KTEST_EXPECT_NULL(t, reserved_mem_find("no such region"));
	KTEST_EXPECT_NULL(t, reserved_mem_find(NULL));
}

static void every_cma_region_matches_an_activated_area(struct ktest *t)
{
	unsigned int i, nr_cma = 0, nr_default = 0;

	for (i = 0; i < reserved_mem_count(); i++) {
		const struct reserved_mem *rm = reserved_mem_get(i);
		struct cma_stats st;
		unsigned long pfn;

		if (rm->flags & RMEM_DEFAULT)
			nr_default++;
		if (!(rm->flags & RMEM_REUSABLE) || !(rm->flags & RMEM_DMA_POOL)) {
			KTEST_EXPECT_NULL(t, rm->cma);
			continue;
		}
		nr_cma++;
		KTEST_ASSERT_NOT_NULL(t, rm->cma);
		KTEST_EXPECT_TRUE(t, cma_find(rm->name) == rm->cma);
		KTEST_EXPECT_STREQ(t, cma_get_name(rm->cma), rm->name);
		KTEST_EXPECT_EQ(t, cma_get_base(rm->cma), rm->base);
		KTEST_EXPECT_EQ(t, cma_get_size(rm->cma), rm->size);
		KTEST_EXPECT_EQ(t, cma_is_default(rm->cma), !!(rm->flags & RMEM_DEFAULT));
		cma_get_stats(rm->cma, &st);
		KTEST_EXPECT_EQ(t, st.total, rm->size >> PAGE_SHIFT);
		/* Activated: every pageblock of the area is MIGRATE_CMA. */
		for (pfn = PHYS_PFN(rm->base); pfn < PHYS_PFN(rm->base + rm->size);
		     pfn += pageblock_nr_pages) {
			int mt = get_pageblock_migratetype(pfn);

			if (mt != MIGRATE_CMA && mt != MIGRATE_ISOLATE) {
				KTEST_EXPECT_EQ(t, mt, MIGRATE_CMA);
				ktest_info(t, "%s: pfn 0x%lx", rm->name, pfn);
				break;
			}
		}
	}
	KTEST_EXPECT_EQ(t, nr_cma, cma_area_count());
	KTEST_EXPECT_LE(t, nr_default, 1);
	if (nr_default)
		KTEST_EXPECT_NOT_NULL(t, cma_default_area());
}

static void every_cma_area_can_carve_and_release_one_pageblock(struct ktest *t)
{
	unsigned int i, tested = 0;

	for (i = 0; i < reserved_mem_count(); i++) {
		const struct reserved_mem *rm = reserved_mem_get(i);
		struct cma_stats before, during, after;
		struct page *page;
		phys_addr_t pa;

		if (!rm->cma)
			continue;
		cma_get_stats(rm->cma, &before);
		page = cma_alloc(rm->cma, pageblock_nr_pages, pageblock_order, 0);
		if (!KTEST_EXPECT_NOT_NULL(t, page)) {
			ktest_info(t, "cma_alloc from %s failed", rm->name);
			continue;
		}
		pa = page_to_phys(page);
		KTEST_EXPECT_GE(t, pa, rm->base);
		KTEST_EXPECT_LE(t, pa + PFN_PHYS(pageblock_nr_pages), rm->base + rm->size);
		KTEST_EXPECT_TRUE(t, IS_ALIGNED(pa, pb_bytes()));
		cma_get_stats(rm->cma, &during);
		KTEST_EXPECT_EQ(t, during.used - before.used, pageblock_nr_pages);
		KTEST_EXPECT_EQ(t, during.allocs - before.allocs, 1);
		KTEST_EXPECT_TRUE(t, cma_release(rm->cma, page, pageblock_nr_pages));
		cma_get_stats(rm->cma, &after);
		KTEST_EXPECT_EQ(t, after.used, before.used);
		KTEST_EXPECT_EQ(t, after.released - before.released, pageblock_nr_pages);
		tested++;
	}
	if (!tested)
		ktest_skip(t, "no CMA area on this boot");
}

/*
 * Walk a regions_expect=/regions_absent= list: at each position take the
 * longest run of ','-separated words naming a region, else one word.
 * Calls @fn(t, name, exists) for each name.
 */
static void walk_names(struct ktest *t, const char *list,
		       void (*fn)(struct ktest *t, const char *name, bool exists))
{
	char buf[256], name[RMEM_NAME_LEN];
	const char *p = buf;

	strscpy_trunc(buf, list, sizeof(buf));
	for (char *q = buf; *q; q++)
		if (*q == ':')
			*q = ',';
	while (*p) {
		const char *end = p + strlen(p), *best = NULL, *c;

		if (*p == ',') {
			p++;
			continue;
		}
		/* Candidates end at each ',' or at the end; try the longest first. */
		for (c = end; c > p; c--) {
			size_t len = (size_t)(c - p);

			if (*c != ',' && *c != '\0')
				continue;
			if (len >= sizeof(name))
				continue;
			memcpy(name, p, len);
			name[len] = '\0';
			if (reserved_mem_find(name)) {
				best = c;
				break;
			}
		}
		if (!best) {
			best = strchr(p, ',');
			if (!best)
				best = end;
		}
		snprintf(name, sizeof(name), "%.*s", (int)(best - p), p);
		fn(t, name, reserved_mem_find(name) != NULL);
		p = *best ? best + 1 : best;
	}
}

static void expect_present(struct ktest *t, const char *name, bool exists)
{
	if (!KTEST_EXPECT_TRUE(t, exists))
		ktest_info(t, "region %s is missing", name);
}

static void expect_absent(struct ktest *t, const char *name, bool exists)
{
	if (!KTEST_EXPECT_FALSE(t, exists))
		ktest_info(t, "region %s should not exist", name);
}

static void regions_named_on_the_command_line_exist_or_not(struct ktest *t)
{
	char val[256];
	bool any = false;

	if (cmdline_get("regions_expect", val, sizeof(val))) {
		any = true;
		walk_names(t, val, expect_present);
	}
	if (cmdline_get("regions_absent", val, sizeof(val))) {
		any = true;
		walk_names(t, val, expect_absent);
	}
	if (!any)
		ktest_skip(t, "no regions_expect= or regions_absent= on the command line");
}

static void cma_regions_are_reserved_in_memblock(struct ktest *t)
{
	unsigned int i;

	for (i = 0; i < reserved_mem_count(); i++) {
		const struct reserved_mem *rm = reserved_mem_get(i);

		if (rm->flags & RMEM_DEVICE)
			continue; /* not RAM: nothing to reserve */
		KTEST_EXPECT_TRUE(t, memblock_is_reserved(rm->base));
		KTEST_EXPECT_TRUE(t, memblock_is_reserved(rm->base + rm->size - 1));
		KTEST_EXPECT_EQ(t, memblock_is_nomap(rm->base), !!(rm->flags & RMEM_NOMAP));
	}
}

static struct ktest_case regions_cases[] = {
	KTEST_CASE(every_region_is_aligned_and_inside_ram_or_wholly_outside),
	KTEST_CASE(regions_do_not_overlap_each_other),
	KTEST_CASE(region_names_are_unique_and_found_by_lookup),
	KTEST_CASE(every_cma_region_matches_an_activated_area),
	KTEST_CASE(cma_regions_are_reserved_in_memblock),
	KTEST_CASE(every_cma_area_can_carve_and_release_one_pageblock),
	KTEST_CASE(regions_named_on_the_command_line_exist_or_not),
	{}
};

static struct ktest_suite regions_suite = { .name = "regions", .cases = regions_cases };
ktest_register(regions_suite);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "slab": kmalloc and friends on the live kernel. Counts are
 * checked as deltas of kmalloc_stats().
 */
#define pr_fmt(fmt) "slab_test: " fmt

#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/slab.h>
#include <contig/string.h>

static size_t class_align(size_t size)
{
	size_t a = 16;

	if (size > PAGE_SIZE / 2)
		return PAGE_SIZE;
	while (a < size)
		a <<= 1;
	return a;
}

static void slab_kmalloc_returns_memory_aligned_to_its_size_class(struct ktest *t)
{
	static const size_t sizes[] = { 0, 1, 8, 15, 16, 17, 24, 32, 33, 64, 100, 128, 200,
					256, 500, 512, 1000, 1024, 1500, 2048, 2049, 4096,
					4097, 8192, 20000 };
	unsigned long objs0, pages0, objs1, pages1;
	unsigned int i;

	kmalloc_stats(&objs0, &pages0);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		u8 *p = kmalloc(sizes[i], GFP_KERNEL);

		KTEST_ASSERT_NOT_NULL(t, p);
		if (!KTEST_EXPECT_TRUE(t, IS_ALIGNED((unsigned long)p, class_align(sizes[i]))))
			ktest_info(t, "size %zu at %p", sizes[i], (void *)p);
		memset(p, 0x77, sizes[i]);
		kmalloc_stats(&objs1, NULL);
		KTEST_EXPECT_EQ(t, objs1, objs0 + 1);
		KTEST_EXPECT_TRUE(t, PageSlab(virt_to_page(p)) || PageHead(virt_to_page(p)));
		KTEST_EXPECT_NE(t, get_pageblock_migratetype(page_to_pfn(virt_to_page(p))),
				MIGRATE_CMA);
		kfree(p);
	}
	kmalloc_stats(&objs1, &pages1);
	KTEST_EXPECT_EQ(t, objs1, objs0);
}

static void slab_kzalloc_and_kcalloc_return_zeroed_memory(struct ktest *t)
{
	static const size_t sizes[] = { 24, 100, 700, 3000, 6000 };
	unsigned int i;
	size_t k;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		u8 *p = kmalloc(sizes[i], GFP_KERNEL), *q;
		unsigned long nonzero = 0;

		KTEST_ASSERT_NOT_NULL(t, p);
		memset(p, 0xff, sizes[i]);
		kfree(p);
		q = kzalloc(sizes[i], GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, q);
		for (k = 0; k < sizes[i]; k++)
			nonzero += q[k] != 0;
		KTEST_EXPECT_EQ(t, nonzero, 0);
		kfree(q);
	}
	{
		u32 *a = kcalloc(100, sizeof(u32), GFP_KERNEL);
		unsigned long nonzero = 0;

		KTEST_ASSERT_NOT_NULL(t, a);
		for (k = 0; k < 100; k++)
			nonzero += a[k] != 0;
		KTEST_EXPECT_EQ(t, nonzero, 0);
		kfree(a);
	}
}

#define MANY 5000

static void slab_many_objects_are_distinct_and_keep_their_contents(struct ktest *t)
{
	unsigned long objs0, pages0, objs1, pages1, bad = 0;
	void **ptrs;
	unsigned int i, j;

	kmalloc_stats(&objs0, &pages0);
	ptrs = kcalloc(MANY, sizeof(*ptrs), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, ptrs);
	for (i = 0; i < MANY; i++) {
		size_t size = 16u << (i % 5); /* 16 .. 256 */

		ptrs[i] = kmalloc(size, GFP_KERNEL);
		if (!ptrs[i])
			break;
		for (j = 0; j < size / sizeof(u32); j++)
			((u32 *)ptrs[i])[j] = i * 2654435761u + j;
	}
	KTEST_EXPECT_EQ(t, i, MANY);
	kmalloc_stats(&objs1, &pages1);
	KTEST_EXPECT_EQ(t, objs1 - objs0, (unsigned long)i + 1);
	for (i = 0; i < MANY && ptrs[i]; i++) {
		size_t size = 16u << (i % 5);

		for (j = 0; j < size / sizeof(u32); j++)
			if (((u32 *)ptrs[i])[j] != i * 2654435761u + j) {
				bad++;
				break;
			}
	}
	KTEST_EXPECT_EQ(t, bad, 0);
	for (i = 0; i < MANY; i++)
		kfree(ptrs[i]);
	kfree(ptrs);
	kmalloc_stats(&objs1, &pages1);
	KTEST_EXPECT_EQ(t, objs1, objs0);
	/* Empty slabs go back to the buddy; a class keeps at most one. */
	KTEST_EXPECT_LE(t, pages1, pages0 + 5);
}

static void slab_kfree_of_null_does_nothing(struct ktest *t)
{
	unsigned long objs0, pages0, objs1, pages1;

	kmalloc_stats(&objs0, &pages0);
	kfree(NULL);
	kmalloc_stats(&objs1, &pages1);
	KTEST_EXPECT_EQ(t, objs1, objs0);
	KTEST_EXPECT_EQ(t, pages1, pages0);
}

static void slab_kcalloc_refuses_an_overflowing_size(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, kcalloc(~(size_t)0 / 2, 4, GFP_KERNEL));
}

static void slab_kstrdup_copies_the_string(struct ktest *t)
{
	char *s = kstrdup("camera/preview", GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_EXPECT_STREQ(t, s, "camera/preview");
	kfree(s);
	KTEST_EXPECT_NULL(t, kstrdup(NULL, GFP_KERNEL));
}

static struct ktest_case slab_cases[] = {
	KTEST_CASE(slab_kmalloc_returns_memory_aligned_to_its_size_class),
	KTEST_CASE(slab_kzalloc_and_kcalloc_return_zeroed_memory),
	KTEST_CASE(slab_many_objects_are_distinct_and_keep_their_contents),
	KTEST_CASE(slab_kfree_of_null_does_nothing),
	KTEST_CASE(slab_kcalloc_refuses_an_overflowing_size),
	KTEST_CASE(slab_kstrdup_copies_the_string),
	{}
};

static struct ktest_suite slab_suite = { .name = "slab", .cases = slab_cases };
ktest_register(slab_suite);

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ktest: the in-kernel test framework (lib/ktest.c). Suites run inside the
 * booted kernel (host or QEMU) and print KTAP version 1: one subtest block
 * per suite, "ok N name" / "not ok N name" per case, "# SKIP reason".
 *
 *   static void cma_alloc_returns_aligned_pages(struct ktest *t) { ... }
 *   static struct ktest_case cma_cases[] = {
 *           KTEST_CASE(cma_alloc_returns_aligned_pages),
 *           {}
 *   };
 *   static struct ktest_suite cma_suite = { .name = "cma", .cases = cma_cases };
 *   ktest_register(cma_suite);
 *
 * Name cases as sentences. EXPECT records a failure and continues; ASSERT
 * records it and returns from the case function (use it only there).
 */
#ifndef _CONTIG_KTEST_H
#define _CONTIG_KTEST_H

#include <contig/kernel.h>

struct ktest {
	const char *name;
	bool failed;
	bool skipped;
	char skip_reason[96];
	void *priv; /* for the suite's init/exit */
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
};

struct ktest_suite {
	const char *name;
	struct ktest_case *cases; /* ends with an empty entry */
	int (*init)(struct ktest *t);  /* before each case; non-zero fails it */
	void (*exit)(struct ktest *t); /* after each case */
};

#define KTEST_CASE(fn) { #fn, fn }

#define ktest_register(suite)                                              \
	static struct ktest_suite *const __ktest_ptr_##suite __used         \
		__section("contig_ktest_suites") __aligned(sizeof(void *)) = \
			&suite

/*
 * An "after every suite" check: a subsystem that can prove its own state
 * consistent registers one, and every suite ends with one extra case per
 * check, "<suite>_<name>", that fails when @run finds a problem after the
 * suite. mm registers "leaves_mm_consistent" (mm_check_consistency()) when
 * CONFIG_DEBUG_MM is on; ktest itself knows no subsystem.
 *
 *   static const struct ktest_check mm_check = {
 *           .name = "leaves_mm_consistent", .what = "mm_check_consistency()",
 *           .run = mm_check_after_suite,
 *   };
 *   ktest_register_check(mm_check);
 */
struct ktest_check {
	const char *name; /* the case's name after "<suite>_" */
	const char *what; /* what ran, for the failure message */
	/* Return: the number of problems found (they are printed by @run). */
	unsigned long (*run)(void);
};

#define ktest_register_check(check)                                        \
	static const struct ktest_check *const __ktest_check_ptr_##check __used \
		__section("contig_ktest_checks") __aligned(sizeof(void *)) =  \
			&check

/*
 * Run suites whose names are in @filter ("all", or a comma-separated list;
 * "name*" matches a prefix). Prints KTAP. Return: number of failed cases.
 */
int ktest_run(const char *filter);
/* List every registered suite and case. */
void ktest_list(void);

__printf(4, 5) void ktest_fail(struct ktest *t, const char *file, int line,
			       const char *fmt, ...);
__printf(2, 3) void ktest_skip(struct ktest *t, const char *fmt, ...);
/* Diagnostic line inside a case ("# ..."). */
__printf(2, 3) void ktest_info(struct ktest *t, const char *fmt, ...);

#define KTEST_EXPECT_TRUE(t, cond)                                             \
	({                                                                     \
		bool __ok = !!(cond);                                          \
		if (!__ok)                                                     \
			ktest_fail(t, __FILE__, __LINE__, "expected %s", #cond); \
		__ok;                                                          \
	})
#define KTEST_EXPECT_FALSE(t, cond) KTEST_EXPECT_TRUE(t, !(cond))

#define __KTEST_CMP(t, a, op, b)                                              \
	({                                                                    \
		long long __a = (long long)(a), __b = (long long)(b);         \
		bool __ok = __a op __b;                                       \
		if (!__ok)                                                    \
			ktest_fail(t, __FILE__, __LINE__,                     \
				   "expected %s %s %s, got %lld vs %lld", #a, \
				   #op, #b, __a, __b);                        \
		__ok;                                                         \
	})

#define KTEST_EXPECT_EQ(t, a, b) __KTEST_CMP(t, a, ==, b)
#define KTEST_EXPECT_NE(t, a, b) __KTEST_CMP(t, a, !=, b)
#define KTEST_EXPECT_LT(t, a, b) __KTEST_CMP(t, a, <, b)
#define KTEST_EXPECT_LE(t, a, b) __KTEST_CMP(t, a, <=, b)
#define KTEST_EXPECT_GT(t, a, b) __KTEST_CMP(t, a, >, b)
#define KTEST_EXPECT_GE(t, a, b) __KTEST_CMP(t, a, >=, b)
#define KTEST_EXPECT_NULL(t, p) KTEST_EXPECT_TRUE(t, (p) == NULL)
#define KTEST_EXPECT_NOT_NULL(t, p) KTEST_EXPECT_TRUE(t, (p) != NULL)
#define KTEST_EXPECT_STREQ(t, a, b)                                            \
	({                                                                     \
		const char *__a = (a), *__b = (b);                             \
		bool __ok = __a && __b && strcmp(__a, __b) == 0;               \
		if (!__ok)                                                     \
			ktest_fail(t, __FILE__, __LINE__,                      \
				   "expected %s == %s, got \"%s\" vs \"%s\"", \
				   #a, #b, __a ? __a : "(null)",               \
				   __b ? __b : "(null)");                      \
		__ok;                                                          \
	})

#define KTEST_ASSERT_TRUE(t, cond) do { if (!KTEST_EXPECT_TRUE(t, cond)) return; } while (0)
#define KTEST_ASSERT_FALSE(t, cond) do { if (!KTEST_EXPECT_FALSE(t, cond)) return; } while (0)
#define KTEST_ASSERT_EQ(t, a, b) do { if (!KTEST_EXPECT_EQ(t, a, b)) return; } while (0)
#define KTEST_ASSERT_NE(t, a, b) do { if (!KTEST_EXPECT_NE(t, a, b)) return; } while (0)
#define KTEST_ASSERT_GE(t, a, b) do { if (!KTEST_EXPECT_GE(t, a, b)) return; } while (0)
#define KTEST_ASSERT_GT(t, a, b) do { if (!KTEST_EXPECT_GT(t, a, b)) return; } while (0)
#define KTEST_ASSERT_NOT_NULL(t, p) do { if (!KTEST_EXPECT_NOT_NULL(t, p)) return; } while (0)

#endif /* _CONTIG_KTEST_H */

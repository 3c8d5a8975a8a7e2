// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of mm/memblock.c, in the manner of Linux's
 * tools/testing/memblock: every test starts from an empty world (no
 * memory, no reservations) on a small simulated RAM, builds the layout
 * drawn above it and checks the tables that result.
 *
 * In the diagrams, each character is 4 KiB; '.' is RAM, 'r' a reservation,
 * 'n' no-map RAM, 'A' what the test allocates, ' ' not RAM.
 */
/* unit-sources: mm/memblock.c lib/string.c */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include <contig/kernel.h>
#include <contig/string.h>
#include <contig/memblock.h>
#include <contig/errno.h>
#include <contig/mm.h>

/* From mm/internal.h (not includable here: it pulls in the zones). */
void memblock_reset(void);
void memblock_close(void);

/* ---- fakes for what mm/memblock.c uses from the rest of the kernel ---- */

#define RAM_BASE 0x10000000ULL
#define RAM_SIZE (64 * 4096ULL) /* 64 "characters" */
#define K(n) ((phys_addr_t)(n) * 4096) /* n characters of 4 KiB */

static unsigned char arena[RAM_SIZE] __attribute__((aligned(4096)));
uintptr_t host_linear_offset;
phys_addr_t host_ram_start, host_ram_end;
int console_loglevel = LOGLEVEL_INFO;

static char log_buf[8192];
static size_t log_len;
static jmp_buf panic_jmp;
static bool panic_expected;

int printk_level(int level, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(log_buf + log_len, sizeof(log_buf) - log_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		log_len = min(log_len + (size_t)n, sizeof(log_buf) - 1);
	return n;
}

void panic(const char *fmt, ...)
{
	if (panic_expected)
		longjmp(panic_jmp, 1);
	fail_msg("unexpected panic: %s", fmt);
	abort();
}

void host_bad_phys(phys_addr_t pa)
{
	fail_msg("bad physical address %#llx", (unsigned long long)pa);
	abort();
}

void host_bad_virt(const void *va)
{
	fail_msg("bad virtual address %p", va);
	abort();
}

static int world(void **state)
{
	memblock_reset();
	host_ram_start = RAM_BASE;
	host_ram_end = RAM_BASE + RAM_SIZE;
	host_linear_offset = (uintptr_t)arena - (uintptr_t)RAM_BASE;
	log_len = 0;
	log_buf[0] = 0;
	panic_expected = false;
	return 0;
}

static void check_memory(unsigned int i, phys_addr_t base, phys_addr_t end, unsigned int flags)
{
	phys_addr_t b, e;
	unsigned int f;

	assert_true(memblock_memory_range(i, &b, &e, &f));
	assert_int_equal(b, base);
	assert_int_equal(e, end);
	assert_int_equal(f, flags);
}

static void check_reserved(unsigned int i, phys_addr_t base, phys_addr_t end, const char *name)
{
	phys_addr_t b, e;
	const char *n;

	assert_true(memblock_reserved_range(i, &b, &e, &n));
	assert_int_equal(b, base);
	assert_int_equal(e, end);
	assert_string_equal(n, name);
}

static unsigned int nr_memory(void)
{
	phys_addr_t b, e;
	unsigned int i = 0;

	while (memblock_memory_range(i, &b, &e, NULL))
		i++;
	return i;
}

static unsigned int nr_reserved(void)
{
	phys_addr_t b, e;
	unsigned int i = 0;

	while (memblock_reserved_range(i, &b, &e, NULL))
		i++;
	return i;
}

#define R(c) (RAM_BASE + K(c))

/*
 *  add [8,16) then [0,8) then [12,24):
 *  |........        |  first
 *  |................|  touching: one range
 *  |........................|  overlapping: still one range
 */
static void add_merges_touching_and_overlapping_ranges(void **state)
{
	assert_int_equal(memblock_add(R(8), K(8)), 0);
	assert_int_equal(memblock_add(R(0), K(8)), 0);
	assert_int_equal(memblock_add(R(12), K(12)), 0);
	assert_int_equal(nr_memory(), 1);
	check_memory(0, R(0), R(24), 0);
	assert_int_equal(memblock_phys_mem_size(), K(24));
	assert_int_equal(memblock_start_of_DRAM(), R(0));
	assert_int_equal(memblock_end_of_DRAM(), R(24));
}

/*
 *  add [40,48) then [0,8) then [20,28):
 *  |........            ........            ........|
 *  three banks, kept sorted by base
 */
static void add_keeps_separate_ranges_sorted(void **state)
{
	memblock_add(R(40), K(8));
	memblock_add(R(0), K(8));
	memblock_add(R(20), K(8));
	assert_int_equal(nr_memory(), 3);
	check_memory(0, R(0), R(8), 0);
	check_memory(1, R(20), R(28), 0);
	check_memory(2, R(40), R(48), 0);
	assert_int_equal(memblock_phys_mem_size(), K(24));
	assert_true(memblock_is_region_memory(R(20), K(8)));
	assert_false(memblock_is_region_memory(R(6), K(4)));  /* runs into the hole */
	assert_false(memblock_is_region_memory(R(10), K(2))); /* inside the hole */
	assert_int_equal(memblock_add(R(60), ~0ULL), -EINVAL); /* wraps */
}

/*
 *  |kkkkdddd........vvvv|   "kernel" then "dtb" touching: two ranges;
 *                            "video" twice touching: one range
 */
static void reserve_keeps_differently_named_neighbours_apart(void **state)
{
	memblock_add(R(0), K(64));
	memblock_reserve(R(0), K(4), "kernel");
	memblock_reserve(R(4), K(4), "dtb");
	memblock_reserve(R(16), K(2), "video");
	memblock_reserve(R(18), K(2), "video");
	assert_int_equal(nr_reserved(), 3);
	check_reserved(0, R(0), R(4), "kernel");
	check_reserved(1, R(4), R(8), "dtb");
	check_reserved(2, R(16), R(20), "video");
	assert_true(memblock_is_reserved(R(3)));
	assert_false(memblock_is_reserved(R(8)));
}

/*
 *  |....rrrrrrrr........|  "a" at [4,12)
 *  |..bbrrrrrrrrbb......|  "b" over [2,14): only the uncovered ends are "b"
 */
static void reserve_over_an_existing_range_keeps_the_old_name(void **state)
{
	memblock_add(R(0), K(64));
	memblock_reserve(R(4), K(8), "a");
	assert_int_equal(memblock_reserve(R(2), K(12), "b"), 0);
	assert_int_equal(nr_reserved(), 3);
	check_reserved(0, R(2), R(4), "b");
	check_reserved(1, R(4), R(12), "a");
	check_reserved(2, R(12), R(14), "b");
	assert_string_equal(memblock_overlap_name(R(0), K(3)), "b");
	assert_string_equal(memblock_overlap_name(R(5), K(1)), "a");
	assert_null(memblock_overlap_name(R(14), K(10)));
}

/*
 *  |rrrrrrrrrrrrrrrr|  "cma" at [0,16)
 *  |rrrr    rrrrrrrr|  free [4,8): split in two, both keep the name
 *  |rrrr            |  free [8,16): the tail goes
 */
static void free_splits_and_trims_a_reservation(void **state)
{
	memblock_add(R(0), K(64));
	memblock_reserve(R(0), K(16), "cma");
	assert_int_equal(memblock_free(R(4), K(4)), 0);
	assert_int_equal(nr_reserved(), 2);
	check_reserved(0, R(0), R(4), "cma");
	check_reserved(1, R(8), R(16), "cma");
	assert_int_equal(memblock_free(R(8), K(8)), 0);
	assert_int_equal(nr_reserved(), 1);
	check_reserved(0, R(0), R(4), "cma");
}

/*
 *  |................................|  one bank
 *  |........nnnn....................|  mark no-map [8,12): three ranges
 */
static void mark_nomap_splits_memory_and_flags_the_middle(void **state)
{
	memblock_add(R(0), K(32));
	assert_int_equal(memblock_mark_nomap(R(8), K(4)), 0);
	assert_int_equal(nr_memory(), 3);
	check_memory(0, R(0), R(8), 0);
	check_memory(1, R(8), R(12), MEMBLOCK_NOMAP);
	check_memory(2, R(12), R(32), 0);
	assert_true(memblock_is_nomap(R(9)));
	assert_false(memblock_is_nomap(R(12)));
	/* Still RAM, still one contiguous region. */
	assert_true(memblock_is_region_memory(R(0), K(32)));
	assert_int_equal(memblock_phys_mem_size(), K(32));
}

/*
 *  |................................................................|
 *  |                                                            AAAA|  16 KiB: top
 *  |                                                        BBBBAAAA|  next one below
 */
static void alloc_places_top_down(void **state)
{
	phys_addr_t a, b;

	memblock_add(R(0), K(64));
	a = memblock_phys_alloc_range(K(4), K(1), 0, 0, "a");
	b = memblock_phys_alloc_range(K(4), K(1), 0, 0, "b");
	assert_int_equal(a, R(60));
	assert_int_equal(b, R(56));
	check_reserved(0, R(56), R(60), "b");
	check_reserved(1, R(60), R(64), "a");
}

/*
 *  |................................rrrrrrrrrrrrrrrrrrrrrrrrrrrr....|
 *  |                        AAAAAAAA                                |
 *  8 characters do not fit in the 4-character gap at the top: they go
 *  below the reservation, aligned to 8 characters.
 */
static void alloc_skips_reservations_and_aligns(void **state)
{
	phys_addr_t a;

	memblock_add(R(0), K(64));
	memblock_reserve(R(32), K(28), "kernel");
	a = memblock_phys_alloc_range(K(8), K(8), 0, 0, "a");
	assert_int_equal(a, R(24));
	assert_true(IS_ALIGNED(a, K(8)));
	/* A small one still fits in the gap at the top. */
	assert_int_equal(memblock_phys_alloc_range(K(2), K(2), 0, 0, "b"), R(62));
}

/*
 *  |................................................................|
 *  |        [window 8..20)  AAAA                                    |
 *  A window limits the placement; a window too small gives 0.
 */
static void alloc_respects_the_window_and_fails_cleanly(void **state)
{
	memblock_add(R(0), K(64));
	assert_int_equal(memblock_phys_alloc_range(K(4), K(1), R(8), R(20), "w"), R(16));
	assert_int_equal(memblock_phys_alloc_range(K(16), K(1), R(8), R(20), "w2"), 0);
	assert_int_equal(memblock_phys_alloc_range(K(128), K(1), 0, 0, "huge"), 0);
	assert_int_equal(memblock_phys_alloc_range(K(4), 3 * 4096, 0, 0, "odd align"), 0);
	assert_int_equal(nr_reserved(), 1);
}

/*
 *  |................................................nnnnnnnnnnnnnnnn|
 *  |                                        AAAAAAAA                |
 *  No-map RAM is never handed out.
 */
static void alloc_never_uses_nomap_memory(void **state)
{
	memblock_add(R(0), K(64));
	memblock_mark_nomap(R(48), K(16));
	assert_int_equal(memblock_phys_alloc_range(K(8), K(1), 0, 0, "a"), R(40));
}

/*
 *  |..........................................................AAAAAA|
 *  memblock_alloc returns zeroed linear-map memory.
 */
static void alloc_zeroes_the_memory(void **state)
{
	unsigned char *p;
	size_t i, nonzero = 0;

	memblock_add(R(0), K(64));
	memset(arena, 0xee, sizeof(arena));
	p = memblock_alloc(K(6), 0, "zeroed");
	assert_ptr_equal(p, arena + K(58));
	for (i = 0; i < K(6); i++)
		nonzero += p[i] != 0;
	assert_int_equal(nonzero, 0);
	assert_int_equal(arena[K(58) - 1], 0xee);
}

/*
 *  |rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr|
 *  A full RAM makes memblock_alloc panic; after memblock_close() any
 *  early allocation is a bug and panics too.
 */
static void alloc_panics_when_full_or_closed(void **state)
{
	memblock_add(R(0), K(64));
	memblock_reserve(R(0), K(64), "all");
	panic_expected = true;
	if (!setjmp(panic_jmp)) {
		memblock_alloc(K(1), 0, "nope");
		fail_msg("memblock_alloc did not panic on a full RAM");
	}
	memblock_free(R(0), K(64));
	memblock_close();
	if (!setjmp(panic_jmp)) {
		memblock_phys_alloc_range(K(1), 0, 0, 0, "late");
		fail_msg("allocation after memblock_close did not panic");
	}
	panic_expected = false;
}

/*
 *  |rrrr............|  every 4 KiB character holds eight 256-byte
 *                        reservations 256 bytes apart: MEMBLOCK_MAX_RANGES
 *                        ranges in the first 16 characters
 *  One more range does not fit: -ENOSPC and the table is unchanged.
 */
static void a_full_table_refuses_more_and_changes_nothing(void **state)
{
	unsigned int i;

	memblock_add(R(0), K(64));
	for (i = 0; i < MEMBLOCK_MAX_RANGES; i++)
		assert_int_equal(memblock_reserve(RAM_BASE + i * 512ULL, 256, "x"), 0);
	assert_int_equal(nr_reserved(), MEMBLOCK_MAX_RANGES);
	assert_int_equal(memblock_reserve(R(60), K(1), "y"), -ENOSPC);
	assert_int_equal(nr_reserved(), MEMBLOCK_MAX_RANGES);
	assert_null(memblock_overlap_name(R(60), K(1)));
	/* Filling a gap merges two same-named neighbours: that fits. */
	assert_int_equal(memblock_reserve(RAM_BASE + 256, 256, "x"), 0);
	assert_int_equal(nr_reserved(), MEMBLOCK_MAX_RANGES - 1);
}

/*
 *  |kkkk........................................................vvvv|
 *  The dump names every bank and reservation.
 */
static void dump_prints_banks_and_named_reservations(void **state)
{
	memblock_add(R(0), K(64));
	memblock_reserve(R(0), K(4), "kernel");
	memblock_reserve(R(60), K(4), "cma:video");
	log_len = 0;
	memblock_dump();
	assert_non_null(strstr(log_buf, "256 KiB"));
	assert_non_null(strstr(log_buf, "kernel"));
	assert_non_null(strstr(log_buf, "cma:video"));
	assert_non_null(strstr(log_buf, "0x1003c000"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(add_merges_touching_and_overlapping_ranges, world),
		cmocka_unit_test_setup(add_keeps_separate_ranges_sorted, world),
		cmocka_unit_test_setup(reserve_keeps_differently_named_neighbours_apart, world),
		cmocka_unit_test_setup(reserve_over_an_existing_range_keeps_the_old_name, world),
		cmocka_unit_test_setup(free_splits_and_trims_a_reservation, world),
		cmocka_unit_test_setup(mark_nomap_splits_memory_and_flags_the_middle, world),
		cmocka_unit_test_setup(alloc_places_top_down, world),
		cmocka_unit_test_setup(alloc_skips_reservations_and_aligns, world),
		cmocka_unit_test_setup(alloc_respects_the_window_and_fails_cleanly, world),
		cmocka_unit_test_setup(alloc_never_uses_nomap_memory, world),
		cmocka_unit_test_setup(alloc_zeroes_the_memory, world),
		cmocka_unit_test_setup(alloc_panics_when_full_or_closed, world),
		cmocka_unit_test_setup(a_full_table_refuses_more_and_changes_nothing, world),
		cmocka_unit_test_setup(dump_prints_banks_and_named_reservations, world),
	};

	return cmocka_run_group_tests_name("memblock", tests, NULL, NULL);
}

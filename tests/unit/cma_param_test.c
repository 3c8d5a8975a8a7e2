// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the cma= grammar (mm/cma_parse.c, cma_parse_param()):
 * Linux's syntax for the default area, the named syntax of the 2010
 * framework, and one error message per dropped entry.
 */
/* unit-sources: mm/cma_parse.c lib/cmdline.c lib/parse.c lib/string.c */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <contig/kernel.h>
#include <contig/string.h>
#include <contig/cma_parse.h>
#include <contig/cma_borrow.h>

#include "parse_msgs.h"

int console_loglevel = LOGLEVEL_INFO;
int printk_level(int level, const char *fmt, ...)
{
	return 0;
}


static struct cma_param_req r[CMA_PARSE_MAX];

static unsigned int parse(const char *val)
{
	msgs_reset();
	memset(r, 0, sizeof(r));
	return cma_parse_param(val, r, CMA_PARSE_MAX, collect, NULL);
}

static void linux_syntax_size_alone_gives_a_movable_default_area(void **state)
{
	assert_int_equal(parse("64M"), 1);
	assert_int_equal(nr_msgs, 0);
	assert_string_equal(r[0].name, "linux,cma");
	assert_true(r[0].is_default);
	assert_false(r[0].fixed);
	assert_int_equal(r[0].size, 64ULL << 20);
	assert_int_equal(r[0].range_end, 0);
	assert_string_equal(r[0].text, "64M");
}

static void linux_syntax_at_start_alone_is_a_fixed_base(void **state)
{
	assert_int_equal(parse("32M@0x70000000"), 1);
	assert_true(r[0].fixed);
	assert_int_equal(r[0].base, 0x70000000);
	assert_int_equal(r[0].size, 32ULL << 20);
}

static void linux_syntax_start_end_is_a_placement_range(void **state)
{
	assert_int_equal(parse("16M@1536M-0x70000000"), 1);
	assert_false(r[0].fixed);
	assert_int_equal(r[0].range_start, 0x60000000);
	assert_int_equal(r[0].range_end, 0x70000000);
}

static void linux_syntax_rejects_a_range_too_small_for_the_size(void **state)
{
	assert_int_equal(parse("64M@0x70000000-0x71000000"), 0);
	assert_int_equal(nr_msgs, 1);
	assert_non_null(strstr(msgs[0], "cannot hold"));
	assert_non_null(strstr(msgs[0], "region dropped"));
}

static void linux_syntax_rejects_an_alignment_suffix(void **state)
{
	assert_int_equal(parse("64M/4M"), 0);
	assert_int_equal(nr_msgs, 1);
	assert_non_null(strstr(msgs[0], "named syntax"));
}

static void named_syntax_borrow_option_sets_the_policy(void **state)
{
	assert_int_equal(parse("cam=16M@0x70000000/4M,borrow=clean;vid=8M,borrow=none;x=4M"), 3);
	assert_int_equal(nr_msgs, 0);
	assert_int_equal(r[0].borrow, CMA_BORROW_CLEAN);
	assert_true(r[0].fixed);
	assert_int_equal(r[0].base, 0x70000000);
	assert_int_equal(r[0].align, 4ULL << 20);
	assert_string_equal(r[0].text, "cam=16M@0x70000000/4M,borrow=clean");
	assert_int_equal(r[1].borrow, CMA_BORROW_NONE);
	assert_int_equal(r[1].size, 8ULL << 20);
	assert_int_equal(r[2].borrow, CMA_BORROW_MOVABLE);
}

static void named_syntax_bad_borrow_value_drops_the_entry_with_one_message(void **state)
{
	assert_int_equal(parse("cam=16M,borrow=dirty;vid=8M"), 1);
	assert_int_equal(nr_msgs, 1);
	assert_non_null(strstr(msgs[0], "cma=cam=16M,borrow=dirty"));
	assert_non_null(strstr(msgs[0], "borrow=dirty is not a policy"));
	assert_non_null(strstr(msgs[0], "borrow=none, borrow=clean or borrow=movable"));
	assert_string_equal(r[0].name, "vid");
}

static void named_syntax_unknown_option_drops_the_entry_with_one_message(void **state)
{
	assert_int_equal(parse("cam=16M,lend=clean"), 0);
	assert_int_equal(nr_msgs, 1);
	assert_non_null(strstr(msgs[0], "unknown option \"lend=clean\""));
}

static void named_syntax_ready_option_sets_the_reserve(void **state)
{
	assert_int_equal(parse("cam=64M,ready=16M,borrow=clean;vid=8M,ready=0x100000"), 2);
	assert_int_equal(nr_msgs, 0);
	assert_int_equal(r[0].ready, 16ULL << 20);
	assert_int_equal(r[0].borrow, CMA_BORROW_CLEAN);
	assert_int_equal(r[1].ready, 1ULL << 20);
}

static void named_syntax_bad_ready_drops_the_entry_with_one_message(void **state)
{
	assert_int_equal(parse("cam=16M,ready=32M;vid=8M,ready=lots;x=4M,ready=0"), 0);
	assert_int_equal(nr_msgs, 3);
	assert_non_null(strstr(msgs[0], "ready=32M is larger than the region"));
	assert_non_null(strstr(msgs[1], "cannot parse ready=lots"));
	assert_non_null(strstr(msgs[2], "cannot parse ready=0"));
}

static void named_syntax_reads_several_entries_in_order(void **state)
{
	assert_int_equal(parse("vid=16M@0x70000000;cam=8M/4M;big=256M@0x60000000-0x80000000"), 3);
	assert_int_equal(nr_msgs, 0);
	assert_string_equal(r[0].name, "vid");
	assert_true(r[0].fixed);
	assert_int_equal(r[0].base, 0x70000000);
	assert_false(r[0].is_default);
	assert_string_equal(r[1].name, "cam");
	assert_false(r[1].fixed);
	assert_int_equal(r[1].align, 4ULL << 20);
	assert_int_equal(r[1].size, 8ULL << 20);
	assert_string_equal(r[2].name, "big");
	assert_int_equal(r[2].range_start, 0x60000000);
	assert_int_equal(r[2].range_end, 0x80000000);
	assert_string_equal(r[1].text, "cam=8M/4M");
}

static void named_syntax_accepts_a_name_with_a_comma(void **state)
{
	assert_int_equal(parse("linux,cma=32M"), 1);
	assert_string_equal(r[0].name, "linux,cma");
	assert_false(r[0].is_default);
}

static void unparseable_size_is_reported_with_the_entry_and_dropped(void **state)
{
	assert_int_equal(parse("vid=12Q;cam=8M"), 1);
	assert_int_equal(nr_msgs, 1);
	assert_string_equal(msgs[0],
			    "boot parameter cma=vid=12Q: cannot parse size \"12Q\"; use a number with an optional K, M or G suffix; region dropped");
	assert_string_equal(r[0].name, "cam");
}

static void zero_size_is_rejected(void **state)
{
	assert_int_equal(parse("a=0"), 0);
	assert_int_equal(nr_msgs, 1);
	assert_non_null(strstr(msgs[0], "size is zero"));
}

static void linux_syntax_zero_turns_the_default_area_off(void **state)
{
	static const char *const zeros[] = { "0", "0M", "0x0", "0@0x70000000",
					     "0M@0x60000000-0x70000000" };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(zeros); i++) {
		assert_int_equal(parse(zeros[i]), 1);
		assert_int_equal(nr_msgs, 0);
		assert_string_equal(r[0].name, "linux,cma");
		assert_true(r[0].is_default);
		assert_int_equal(r[0].size, 0);
		assert_string_equal(r[0].text, zeros[i]);
	}
	/* Not zero, or not a number: the usual grammar and its messages. */
	assert_int_equal(parse("0x0Q"), 0);
	assert_int_equal(nr_msgs, 1);
	assert_int_equal(parse("01M"), 1);
	assert_int_equal(r[0].size, 1ULL << 20);
}

static void oversized_number_is_rejected(void **state)
{
	assert_int_equal(parse("a=99999999999999999999"), 0);
	assert_int_equal(nr_msgs, 1);
	assert_non_null(strstr(msgs[0], "does not fit in 64 bits"));
}

static void alignment_must_be_a_power_of_two(void **state)
{
	assert_int_equal(parse("odd=16M/3M;ok=16M/2M"), 1);
	assert_int_equal(nr_msgs, 1);
	assert_non_null(strstr(msgs[0], "alignment 0x300000 is not a power of two"));
	assert_string_equal(r[0].name, "ok");
}

static void bad_start_address_is_rejected(void **state)
{
	assert_int_equal(parse("a=16M@zz"), 0);
	assert_int_equal(nr_msgs, 1);
	assert_non_null(strstr(msgs[0], "cannot parse start address \"zz\""));
}

static void align_before_start_is_rejected(void **state)
{
	assert_int_equal(parse("a=16M/1M@0x70000000"), 0);
	assert_int_equal(nr_msgs, 1);
	assert_non_null(strstr(msgs[0], "must come after '@start'"));
}

static void entry_without_equals_or_name_is_rejected(void **state)
{
	assert_int_equal(parse("video;=16M"), 0);
	assert_int_equal(nr_msgs, 2);
	assert_non_null(strstr(msgs[0], "boot parameter cma=video: expected name=size"));
	assert_non_null(strstr(msgs[1], "missing region name"));
}

static void long_name_is_rejected(void **state)
{
	assert_int_equal(parse("abcdefghijklmnopqrstuvwxyz0123456789=1M"), 0);
	assert_int_equal(nr_msgs, 1);
	assert_non_null(strstr(msgs[0], "the limit is 31"));
}

static void same_name_twice_keeps_the_first(void **state)
{
	assert_int_equal(parse("a=1M;a=2M"), 1);
	assert_int_equal(nr_msgs, 1);
	assert_int_equal(r[0].size, 1ULL << 20);
	assert_non_null(strstr(msgs[0], "given twice"));
}

static void too_many_entries_are_dropped_one_message_each(void **state)
{
	struct cma_param_req two[2];

	nr_msgs = 0;
	assert_int_equal(cma_parse_param("a=1M;b=1M;c=1M;d=1M", two, 2, collect, NULL), 2);
	assert_int_equal(nr_msgs, 2);
	assert_non_null(strstr(msgs[0], "cma=c=1M: too many regions"));
}

static void empty_entries_and_empty_value(void **state)
{
	assert_int_equal(parse(";;a=1M;"), 1);
	assert_int_equal(nr_msgs, 0);
	assert_int_equal(parse(""), 0);
	assert_int_equal(nr_msgs, 1);
	assert_int_equal(parse(NULL), 0);
	assert_int_equal(nr_msgs, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(linux_syntax_size_alone_gives_a_movable_default_area),
		cmocka_unit_test(linux_syntax_at_start_alone_is_a_fixed_base),
		cmocka_unit_test(linux_syntax_start_end_is_a_placement_range),
		cmocka_unit_test(linux_syntax_rejects_a_range_too_small_for_the_size),
		cmocka_unit_test(linux_syntax_rejects_an_alignment_suffix),
		cmocka_unit_test(named_syntax_reads_several_entries_in_order),
		cmocka_unit_test(named_syntax_accepts_a_name_with_a_comma),
		cmocka_unit_test(unparseable_size_is_reported_with_the_entry_and_dropped),
		cmocka_unit_test(zero_size_is_rejected),
		cmocka_unit_test(linux_syntax_zero_turns_the_default_area_off),
		cmocka_unit_test(oversized_number_is_rejected),
		cmocka_unit_test(alignment_must_be_a_power_of_two),
		cmocka_unit_test(bad_start_address_is_rejected),
		cmocka_unit_test(align_before_start_is_rejected),
		cmocka_unit_test(entry_without_equals_or_name_is_rejected),
		cmocka_unit_test(long_name_is_rejected),
		cmocka_unit_test(same_name_twice_keeps_the_first),
		cmocka_unit_test(named_syntax_borrow_option_sets_the_policy),
		cmocka_unit_test(named_syntax_bad_borrow_value_drops_the_entry_with_one_message),
		cmocka_unit_test(named_syntax_unknown_option_drops_the_entry_with_one_message),
		cmocka_unit_test(named_syntax_ready_option_sets_the_reserve),
		cmocka_unit_test(named_syntax_bad_ready_drops_the_entry_with_one_message),
		cmocka_unit_test(too_many_entries_are_dropped_one_message_each),
		cmocka_unit_test(empty_entries_and_empty_value),
	};

	return cmocka_run_group_tests_name("cma_param", tests, NULL, NULL);
}

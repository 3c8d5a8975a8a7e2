// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of lib/cmdline.c: memparse(), param_parse_ulong(), the command-line splitter
 * (quotes, bare names, last value wins) and early_param() dispatch.
 */
/* unit-sources: lib/cmdline.c lib/parse.c lib/string.c */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <contig/kernel.h>
#include <contig/string.h>
#include <contig/params.h>

/* ---- fakes for what lib/cmdline.c uses from the rest of the kernel ---- */
int console_loglevel = LOGLEVEL_INFO;
static int nr_messages;

int printk_level(int level, const char *fmt, ...)
{
	nr_messages++;
	return 0;
}

/* Early handlers under test: record what they were called with. */
static char seen_val[8][128];
static bool seen_null[8];
static int nr_seen;

static int utest_setup(const char *val)
{
	if (nr_seen < 8) {
		seen_null[nr_seen] = val == NULL;
		strscpy_trunc(seen_val[nr_seen], val ? val : "", sizeof(seen_val[0]));
	}
	nr_seen++;
	return 0;
}
early_param("utest", utest_setup);

static int other_calls;
static int other_setup(const char *val)
{
	other_calls++;
	return 0;
}
early_param("utest_other", other_setup);

static int reset(void **state)
{
	nr_seen = 0;
	other_calls = 0;
	nr_messages = 0;
	memset(seen_val, 0, sizeof(seen_val));
	console_loglevel = LOGLEVEL_INFO;
	return 0;
}

static void memparse_reads_plain_decimal_hex_and_octal(void **state)
{
	const char *end;
	bool ovf = false;

	assert_int_equal(memparse("1234", &end, &ovf), 1234);
	assert_int_equal(*end, '\0');
	assert_int_equal(memparse("0x70000000", &end, &ovf), 0x70000000ULL);
	assert_int_equal(*end, '\0');
	assert_int_equal(memparse("010", &end, &ovf), 8);
	assert_int_equal(memparse("0", &end, &ovf), 0);
	assert_int_equal(*end, '\0');
	assert_false(ovf);
}

static void memparse_applies_k_m_g_suffixes_in_either_case(void **state)
{
	const char *end;

	assert_int_equal(memparse("4k", &end, NULL), 4096);
	assert_int_equal(memparse("4K", &end, NULL), 4096);
	assert_int_equal(memparse("64M", &end, NULL), 64ULL << 20);
	assert_int_equal(memparse("64m", &end, NULL), 64ULL << 20);
	assert_int_equal(memparse("2G", &end, NULL), 2ULL << 30);
	assert_int_equal(memparse("0x10M@", &end, NULL), 16ULL << 20);
	assert_int_equal(*end, '@');
}

static void memparse_stops_at_the_first_foreign_character(void **state)
{
	const char *s = "12Q", *end;

	assert_int_equal(memparse(s, &end, NULL), 12);
	assert_ptr_equal(end, s + 2);
}

static void memparse_without_digits_leaves_end_at_start(void **state)
{
	const char *s = "M12", *end = NULL;

	assert_int_equal(memparse(s, &end, NULL), 0);
	assert_ptr_equal(end, s);
	s = "";
	assert_int_equal(memparse(s, &end, NULL), 0);
	assert_ptr_equal(end, s);
	s = "0x";
	memparse(s, &end, NULL);
	assert_ptr_equal(end, s + 1); /* "0", then 'x' is not a digit */
}

static void memparse_detects_overflow_in_digits_and_suffix(void **state)
{
	bool ovf = false;

	memparse("18446744073709551615", NULL, &ovf);
	assert_false(ovf);
	memparse("18446744073709551616", NULL, &ovf);
	assert_true(ovf);
	ovf = false;
	memparse("17179869184G", NULL, &ovf); /* 2^34 G = 2^64 */
	assert_true(ovf);
	ovf = false;
	memparse("17179869183G", NULL, &ovf);
	assert_false(ovf);
}

static void param_parse_ulong_takes_whole_decimal_values_up_to_max(void **state)
{
	unsigned long v = 77;

	(void)state;
	assert_true(param_parse_ulong("0", 10, &v));
	assert_int_equal(v, 0);
	assert_true(param_parse_ulong("4194304", 4194304, &v));
	assert_int_equal(v, 4194304);
	v = 77;
	assert_false(param_parse_ulong("4194305", 4194304, &v));
	assert_false(param_parse_ulong("99999999999999999999999999", 4194304, &v));
	assert_false(param_parse_ulong("12abc", 100, &v));
	assert_false(param_parse_ulong("-5", 100, &v));
	assert_false(param_parse_ulong("+5", 100, &v));
	assert_false(param_parse_ulong("0x10", 100, &v));
	assert_false(param_parse_ulong("4k", 100, &v));
	assert_false(param_parse_ulong("", 100, &v));
	assert_false(param_parse_ulong(NULL, 100, &v));
	/* A refused value leaves the output alone. */
	assert_int_equal(v, 77);
}

static void early_params_get_value_bare_name_and_quotes(void **state)
{
	parse_early_params("a=1 utest=one  utest \"utest=two words\" utest=\"x y\" b");
	assert_int_equal(nr_seen, 4);
	assert_string_equal(seen_val[0], "one");
	assert_false(seen_null[0]);
	assert_true(seen_null[1]);
	assert_string_equal(seen_val[2], "two words");
	assert_string_equal(seen_val[3], "x y");
	assert_int_equal(other_calls, 0);
}

static void early_params_match_whole_names_only(void **state)
{
	parse_early_params("utest_other=1 utestx=2 utes=3");
	assert_int_equal(nr_seen, 0);
	assert_int_equal(other_calls, 1);
}

static void cmdline_get_returns_the_last_value(void **state)
{
	char buf[32];

	parse_early_params("ktest=cma foo ktest=\"regions,cma_map\" empty=");
	assert_true(cmdline_get("ktest", buf, sizeof(buf)));
	assert_string_equal(buf, "regions,cma_map");
	assert_true(cmdline_get("foo", buf, sizeof(buf)));
	assert_string_equal(buf, "");
	assert_true(cmdline_get("empty", buf, sizeof(buf)));
	assert_string_equal(buf, "");
	assert_false(cmdline_get("bar", buf, sizeof(buf)));
	assert_false(cmdline_get("kte", buf, sizeof(buf)));
	assert_string_equal(boot_command_line(), "ktest=cma foo ktest=\"regions,cma_map\" empty=");
}

static void cmdline_get_truncates_to_the_buffer(void **state)
{
	char buf[4];

	parse_early_params("long=abcdefgh");
	assert_true(cmdline_get("long", buf, sizeof(buf)));
	assert_string_equal(buf, "abc");
}

static void long_command_line_is_truncated_with_a_warning(void **state)
{
	char line[1500];

	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	memcpy(line, "utest=ok ", 9);
	parse_early_params(line);
	assert_int_equal(strlen(boot_command_line()), 1023);
	assert_int_equal(nr_messages, 1);
	assert_int_equal(nr_seen, 1);
}

static void loglevel_sets_console_level_and_rejects_bad_values(void **state)
{
	parse_early_params("loglevel=7");
	assert_int_equal(console_loglevel, 7);
	parse_early_params("loglevel=3");
	assert_int_equal(console_loglevel, 3);
	parse_early_params("loglevel=9");
	assert_int_equal(console_loglevel, 3);
	assert_int_equal(nr_messages, 1);
	parse_early_params("loglevel=x");
	assert_int_equal(console_loglevel, 3);
	assert_int_equal(nr_messages, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(memparse_reads_plain_decimal_hex_and_octal, reset),
		cmocka_unit_test_setup(memparse_applies_k_m_g_suffixes_in_either_case, reset),
		cmocka_unit_test_setup(memparse_stops_at_the_first_foreign_character, reset),
		cmocka_unit_test_setup(memparse_without_digits_leaves_end_at_start, reset),
		cmocka_unit_test_setup(memparse_detects_overflow_in_digits_and_suffix, reset),
		cmocka_unit_test_setup(param_parse_ulong_takes_whole_decimal_values_up_to_max, reset),
		cmocka_unit_test_setup(early_params_get_value_bare_name_and_quotes, reset),
		cmocka_unit_test_setup(early_params_match_whole_names_only, reset),
		cmocka_unit_test_setup(cmdline_get_returns_the_last_value, reset),
		cmocka_unit_test_setup(cmdline_get_truncates_to_the_buffer, reset),
		cmocka_unit_test_setup(long_command_line_is_truncated_with_a_warning, reset),
		cmocka_unit_test_setup(loglevel_sets_console_level_and_rejects_bad_values, reset),
	};

	return cmocka_run_group_tests_name("params", tests, NULL, NULL);
}

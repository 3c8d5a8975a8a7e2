// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the cma_map= grammar and pattern matching
 * (mm/cma_parse.c: cma_map_parse(), cma_map_pattern_match()), with a fake
 * region table standing in for the live CMA areas.
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

#include "parse_msgs.h"

int console_loglevel = LOGLEVEL_INFO;
int printk_level(int level, const char *fmt, ...)
{
	return 0;
}

static const char *const regions[] = { "linux,cma", "video", "camera", "linux", "a,b,c" };

static bool fake_exists(void *ctx, const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(regions); i++)
		if (strlen(regions[i]) == len && memcmp(regions[i], name, len) == 0)
			return true;
	return false;
}


static struct cma_map_rule_spec rules[CMA_MAP_MAX_RULES];

static unsigned int parse(const char *val)
{
	msgs_reset();
	memset(rules, 0, sizeof(rules));
	return cma_map_parse(val, rules, CMA_MAP_MAX_RULES, fake_exists, NULL, collect, NULL);
}

static void question_mark_matches_exactly_one_character(void **state)
{
	assert_true(cma_map_pattern_match("cam?", "cam0"));
	assert_false(cma_map_pattern_match("cam?", "cam"));
	assert_false(cma_map_pattern_match("cam?", "cam01"));
	assert_true(cma_map_pattern_match("??", "ab"));
}

static void trailing_star_matches_any_rest_including_none(void **state)
{
	assert_true(cma_map_pattern_match("video*", "video"));
	assert_true(cma_map_pattern_match("video*", "video-dec.0"));
	assert_false(cma_map_pattern_match("video*", "vide"));
	assert_true(cma_map_pattern_match("*", ""));
	assert_true(cma_map_pattern_match("*", "anything"));
	assert_true(cma_map_pattern_match("c?m*", "camera"));
}

static void plain_pattern_matches_only_itself(void **state)
{
	assert_true(cma_map_pattern_match("camera", "camera"));
	assert_false(cma_map_pattern_match("camera", "camera1"));
	assert_false(cma_map_pattern_match("camera", "Camera"));
	assert_false(cma_map_pattern_match(NULL, "x"));
	assert_false(cma_map_pattern_match("x", NULL));
}

static void rules_keep_order_patterns_type_and_targets(void **state)
{
	assert_int_equal(parse("video,cam?/still=camera,video;*=linux,cma"), 2);
	assert_int_equal(nr_msgs, 0);
	assert_int_equal(rules[0].nr_patterns, 2);
	assert_string_equal(rules[0].patterns[0], "video");
	assert_string_equal(rules[0].patterns[1], "cam?");
	assert_string_equal(rules[0].type, "still");
	assert_int_equal(rules[0].nr_targets, 2);
	assert_string_equal(rules[0].targets[0], "camera");
	assert_string_equal(rules[0].targets[1], "video");
	assert_string_equal(rules[1].patterns[0], "*");
	assert_string_equal(rules[1].type, "");
	assert_int_equal(rules[1].nr_targets, 1);
	assert_string_equal(rules[1].targets[0], "linux,cma");
}

static void region_names_with_commas_resolve_to_the_longest_known_name(void **state)
{
	assert_int_equal(parse("dev=video,linux,cma,camera"), 1);
	assert_int_equal(rules[0].nr_targets, 3);
	assert_string_equal(rules[0].targets[0], "video");
	assert_string_equal(rules[0].targets[1], "linux,cma");
	assert_string_equal(rules[0].targets[2], "camera");
	/* "linux" alone exists too, but the longer "linux,cma" wins. */
	assert_int_equal(parse("dev=a,b,c,linux"), 1);
	assert_int_equal(rules[0].nr_targets, 2);
	assert_string_equal(rules[0].targets[0], "a,b,c");
	assert_string_equal(rules[0].targets[1], "linux");
}

static void unknown_target_is_dropped_and_rule_kept(void **state)
{
	assert_int_equal(parse("dev=nosuch,video"), 1);
	assert_int_equal(nr_msgs, 1);
	assert_string_equal(msgs[0],
			    "boot parameter cma_map=dev=nosuch,video: region \"nosuch\" does not exist; name a region from the reserved-memory table; region dropped from the rule");
	assert_int_equal(rules[0].nr_targets, 1);
	assert_string_equal(rules[0].targets[0], "video");
}

static void rule_with_only_unknown_regions_is_dropped(void **state)
{
	assert_int_equal(parse("dev=nosuch;*=video"), 1);
	assert_int_equal(nr_msgs, 1);
	assert_non_null(strstr(msgs[0], "region \"nosuch\" does not exist"));
	assert_non_null(strstr(msgs[0], "rule dropped"));
	assert_string_equal(rules[0].patterns[0], "*");
}

static void syntax_errors_drop_the_rule_with_one_message(void **state)
{
	assert_int_equal(parse("novalue;=video;a,,b=video;x*y=video;a/=video;a/b,c=video;d=;ok=video"), 1);
	assert_int_equal(nr_msgs, 7);
	assert_non_null(strstr(msgs[0], "expected pattern"));
	assert_non_null(strstr(msgs[1], "empty device pattern"));
	assert_non_null(strstr(msgs[2], "empty device pattern"));
	assert_non_null(strstr(msgs[3], "'*' is only allowed at the end"));
	assert_non_null(strstr(msgs[4], "bad buffer type"));
	assert_non_null(strstr(msgs[5], "bad buffer type"));
	assert_non_null(strstr(msgs[6], "no region after '='"));
	assert_string_equal(rules[0].patterns[0], "ok");
}

static void empty_region_name_drops_the_rule(void **state)
{
	assert_int_equal(parse("dev=video,,camera"), 0);
	assert_int_equal(nr_msgs, 1);
	assert_non_null(strstr(msgs[0], "empty region name"));
}

static void too_many_targets_keeps_the_first_ones(void **state)
{
	assert_int_equal(parse("dev=video,camera,linux,cma,a,b,c,linux"), 1);
	/* video camera linux,cma a,b,c linux: 5 names, 4 kept. */
	assert_int_equal(rules[0].nr_targets, CMA_MAP_MAX_TARGETS);
	assert_int_equal(nr_msgs, 1);
	assert_non_null(strstr(msgs[0], "the first 4 are kept"));
}

static void too_many_rules_are_dropped(void **state)
{
	struct cma_map_rule_spec two[2];

	nr_msgs = 0;
	assert_int_equal(cma_map_parse("a=video;b=video;c=video", two, 2, fake_exists, NULL,
				       collect, NULL), 2);
	assert_int_equal(nr_msgs, 1);
	assert_non_null(strstr(msgs[0], "cma_map=c=video: more than 2 rules"));
}

static void too_many_patterns_drop_the_rule(void **state)
{
	assert_int_equal(parse("a,b,c,d,e=video"), 0);
	assert_int_equal(nr_msgs, 1);
	assert_non_null(strstr(msgs[0], "more than 4 device patterns"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(question_mark_matches_exactly_one_character),
		cmocka_unit_test(trailing_star_matches_any_rest_including_none),
		cmocka_unit_test(plain_pattern_matches_only_itself),
		cmocka_unit_test(rules_keep_order_patterns_type_and_targets),
		cmocka_unit_test(region_names_with_commas_resolve_to_the_longest_known_name),
		cmocka_unit_test(unknown_target_is_dropped_and_rule_kept),
		cmocka_unit_test(rule_with_only_unknown_regions_is_dropped),
		cmocka_unit_test(syntax_errors_drop_the_rule_with_one_message),
		cmocka_unit_test(empty_region_name_drops_the_rule),
		cmocka_unit_test(too_many_targets_keeps_the_first_ones),
		cmocka_unit_test(too_many_rules_are_dropped),
		cmocka_unit_test(too_many_patterns_drop_the_rule),
	};

	return cmocka_run_group_tests_name("cma_map_parse", tests, NULL, NULL);
}

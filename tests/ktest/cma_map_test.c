// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "cma_map": device-to-region rules (mm/cma_map.c) resolved
 * against the live CMA areas. Each case installs its own rules with
 * cma_map_set_rules() and the suite's exit restores the boot's rules, so
 * the suite runs on any boot; it uses the first CMA areas it finds (the
 * board has linux,cma, video and camera) and skips cases needing more.
 */
#include <contig/kernel.h>
#include <contig/string.h>
#include <contig/errno.h>
#include <contig/ktest.h>
#include <contig/cma.h>
#include <contig/reserved_mem.h>

static char saved_rules[512];
static char area_name[3][CMA_NAME_LEN];
static struct cma *area[3];
static unsigned int nr_areas;

static int cma_map_test_init(struct ktest *t)
{
	unsigned int i;

	strscpy_trunc(saved_rules, cma_map_rules_text(), sizeof(saved_rules));
	nr_areas = 0;
	for (i = 0; i < cma_area_count() && nr_areas < 3; i++) {
		area[nr_areas] = cma_area(i);
		strscpy_trunc(area_name[nr_areas], cma_get_name(area[nr_areas]),
			      sizeof(area_name[0]));
		nr_areas++;
	}
	return 0;
}

static void cma_map_test_exit(struct ktest *t)
{
	cma_map_set_rules(saved_rules);
}

static bool need_areas(struct ktest *t, unsigned int n)
{
	if (nr_areas >= n)
		return true;
	ktest_skip(t, "needs %u CMA areas, this boot has %u", n, nr_areas);
	return false;
}

/* Install "@fmt" rules; fail the case when any part was dropped. */
__printf(2, 3) static bool set_rules(struct ktest *t, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int ret;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ret = cma_map_set_rules(buf);
	if (!KTEST_EXPECT_GT(t, ret, 0)) {
		ktest_info(t, "rules \"%s\" were not accepted", buf);
		return false;
	}
	return true;
}

static void patterns_match_question_mark_and_trailing_star(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, cma_map_pattern_match("cam?", "cam1"));
	KTEST_EXPECT_FALSE(t, cma_map_pattern_match("cam?", "cam12"));
	KTEST_EXPECT_TRUE(t, cma_map_pattern_match("video*", "video"));
	KTEST_EXPECT_TRUE(t, cma_map_pattern_match("video*", "video.dec"));
	KTEST_EXPECT_FALSE(t, cma_map_pattern_match("video*", "vide"));
	KTEST_EXPECT_FALSE(t, cma_map_pattern_match("vid*o", "video"));
}

static void first_matching_rule_wins(struct ktest *t)
{
	struct cma *out[4];

	if (!need_areas(t, 2) || !set_rules(t, "cam0=%s;cam?=%s;*=%s", area_name[0],
					    area_name[1], area_name[1]))
		return;
	KTEST_ASSERT_EQ(t, cma_map_lookup("cam0", NULL, out, 4), 1);
	KTEST_EXPECT_TRUE(t, out[0] == area[0]);
	KTEST_ASSERT_EQ(t, cma_map_lookup("cam1", NULL, out, 4), 1);
	KTEST_EXPECT_TRUE(t, out[0] == area[1]);
	KTEST_ASSERT_EQ(t, cma_map_lookup("anything", NULL, out, 4), 1);
	KTEST_EXPECT_TRUE(t, out[0] == area[1]);
}

static void no_matching_rule_gives_no_regions(struct ktest *t)
{
	struct cma *out[4];

	if (!need_areas(t, 1) || !set_rules(t, "gpu=%s", area_name[0]))
		return;
	KTEST_EXPECT_EQ(t, cma_map_lookup("gpu0", NULL, out, 4), 0);
	KTEST_EXPECT_EQ(t, cma_map_lookup("gp", NULL, out, 4), 0);
	KTEST_EXPECT_EQ(t, cma_map_lookup("gpu", NULL, out, 4), 1);
	KTEST_EXPECT_EQ(t, cma_map_set_rules(""), 0);
	KTEST_EXPECT_EQ(t, cma_map_lookup("gpu", NULL, out, 4), 0);
}

static void typed_rule_matches_only_its_type(struct ktest *t)
{
	struct cma *out[4];

	if (!need_areas(t, 2) ||
	    !set_rules(t, "camera/still=%s;camera=%s", area_name[0], area_name[1]))
		return;
	KTEST_ASSERT_EQ(t, cma_map_lookup("camera", "still", out, 4), 1);
	KTEST_EXPECT_TRUE(t, out[0] == area[0]);
	KTEST_ASSERT_EQ(t, cma_map_lookup("camera", "preview", out, 4), 1);
	KTEST_EXPECT_TRUE(t, out[0] == area[1]);
	KTEST_ASSERT_EQ(t, cma_map_lookup("camera", NULL, out, 4), 1);
	KTEST_EXPECT_TRUE(t, out[0] == area[1]);
}

static void fallback_list_keeps_the_order_given(struct ktest *t)
{
	struct cma *out[4];

	if (!need_areas(t, 3) || !set_rules(t, "video*=%s,%s,%s", area_name[2], area_name[0],
					    area_name[1]))
		return;
	KTEST_ASSERT_EQ(t, cma_map_lookup("video0", NULL, out, 4), 3);
	KTEST_EXPECT_TRUE(t, out[0] == area[2]);
	KTEST_EXPECT_TRUE(t, out[1] == area[0]);
	KTEST_EXPECT_TRUE(t, out[2] == area[1]);
	/* A short output array gets the first regions only. */
	KTEST_EXPECT_EQ(t, cma_map_lookup("video0", NULL, out, 1), 1);
	KTEST_EXPECT_TRUE(t, out[0] == area[2]);
}

static void region_name_with_a_comma_is_one_target(struct ktest *t)
{
	struct cma *def = cma_find("linux,cma"), *out[4];

	if (!def || !need_areas(t, 2)) {
		if (!def)
			ktest_skip(t, "no region named linux,cma on this boot");
		return;
	}
	if (!set_rules(t, "dev=linux,cma,%s", def == area[0] ? area_name[1] : area_name[0]))
		return;
	KTEST_ASSERT_EQ(t, cma_map_lookup("dev", NULL, out, 4), 2);
	KTEST_EXPECT_TRUE(t, out[0] == def);
	KTEST_EXPECT_TRUE(t, out[1] != def);
}

static void unknown_region_is_dropped_with_one_message(struct ktest *t)
{
	char log[512];
	struct cma *out[4];
	size_t len;
	int ret;

	if (!need_areas(t, 1))
		return;
	snprintf(log, sizeof(log), "dev=no_such_region,%s;other=no_such_region", area_name[0]);
	{
		char rules[128];

		strscpy_trunc(rules, log, sizeof(rules));
		printk_capture_begin(log, sizeof(log));
		ret = cma_map_set_rules(rules);
		len = printk_capture_end();
	}
	KTEST_EXPECT_EQ(t, ret, -EINVAL);
	KTEST_EXPECT_GT(t, len, 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(log, "region \"no_such_region\" does not exist"));
	KTEST_EXPECT_NOT_NULL(t, strstr(log, "region dropped from the rule"));
	KTEST_EXPECT_NOT_NULL(t, strstr(log, "cma_map=other=no_such_region"));
	KTEST_EXPECT_NOT_NULL(t, strstr(log, "rule dropped"));
	/* The first rule survives with its known region; the second is gone. */
	KTEST_ASSERT_EQ(t, cma_map_lookup("dev", NULL, out, 4), 1);
	KTEST_EXPECT_TRUE(t, out[0] == area[0]);
	KTEST_EXPECT_EQ(t, cma_map_lookup("other", NULL, out, 4), 0);
	{
		char want[64];

		snprintf(want, sizeof(want), "dev=%s", area_name[0]);
		KTEST_EXPECT_STREQ(t, cma_map_rules_text(), want);
	}
}

static void active_rules_text_round_trips(struct ktest *t)
{
	char text[256];
	struct cma *out[4];

	if (!need_areas(t, 2) || !set_rules(t, "a,b/x=%s;c?=%s,%s", area_name[0], area_name[1],
					    area_name[0]))
		return;
	strscpy_trunc(text, cma_map_rules_text(), sizeof(text));
	KTEST_EXPECT_EQ(t, cma_map_set_rules(text), 2);
	KTEST_EXPECT_STREQ(t, cma_map_rules_text(), text);
	KTEST_ASSERT_EQ(t, cma_map_lookup("b", "x", out, 4), 1);
	KTEST_EXPECT_TRUE(t, out[0] == area[0]);
	KTEST_EXPECT_EQ(t, cma_map_lookup("c1", NULL, out, 4), 2);
}

static struct ktest_case cma_map_cases[] = {
	KTEST_CASE(patterns_match_question_mark_and_trailing_star),
	KTEST_CASE(first_matching_rule_wins),
	KTEST_CASE(no_matching_rule_gives_no_regions),
	KTEST_CASE(typed_rule_matches_only_its_type),
	KTEST_CASE(fallback_list_keeps_the_order_given),
	KTEST_CASE(region_name_with_a_comma_is_one_target),
	KTEST_CASE(unknown_region_is_dropped_with_one_message),
	KTEST_CASE(active_rules_text_round_trips),
	{}
};

static struct ktest_suite cma_map_suite = {
	.name = "cma_map",
	.cases = cma_map_cases,
	.init = cma_map_test_init,
	.exit = cma_map_test_exit,
};
ktest_register(cma_map_suite);

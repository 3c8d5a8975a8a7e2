// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz the cma_map= parser (mm/cma_parse.c, cma_map_parse()) with the
 * input as the value after "cma_map=", against a region table of names
 * with and without commas ("linux,cma" is one name). Besides memory and
 * UB errors, it checks: every kept rule has 1..CMA_MAP_MAX_PATTERNS
 * terminated patterns with '*' only at the end, 1..CMA_MAP_MAX_TARGETS
 * targets that all exist and are distinct; every dropped rule got a
 * message; and cma_map_pattern_match() of a pattern against itself (with
 * the wildcards written out) holds.
 */
/* fuzz-sources: mm/cma_parse.c lib/cmdline.c lib/parse.c lib/string.c */
#include "fuzz.h"

#include <contig/cma_parse.h>

#define MAX_RULES 8

static const char *const regions[] = { "linux,cma", "video", "camera", "linux", "a,b,c", "b" };
static unsigned int nr_msgs;

static bool region_exists(void *ctx, const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(regions); i++)
		if (strlen(regions[i]) == len && memcmp(regions[i], name, len) == 0)
			return true;
	return false;
}

static void count_msg(void *ctx, const char *msg)
{
	if (!*msg)
		fuzz_fail("empty message");
	nr_msgs++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cma_map_rule_spec rules[MAX_RULES];
	char *val = fuzz_string(data, size);
	unsigned int n, i, k, l, entries, max = MAX_RULES;

	if (size && (data[0] & 0x80))
		max = 1;
	nr_msgs = 0;
	n = cma_map_parse(val, rules, max, region_exists, NULL, count_msg, NULL);
	entries = fuzz_nr_entries(val);
	if (n > max || n > entries)
		fuzz_fail("%u rules from %u entries, table of %u", n, entries, max);
	if (n < entries && nr_msgs == 0)
		fuzz_fail("%u of %u rules dropped without a message", entries - n, entries);

	for (i = 0; i < n; i++) {
		const struct cma_map_rule_spec *r = &rules[i];

		if (!r->nr_patterns || r->nr_patterns > CMA_MAP_MAX_PATTERNS)
			fuzz_fail("rule %u: %u patterns", i, r->nr_patterns);
		if (!r->nr_targets || r->nr_targets > CMA_MAP_MAX_TARGETS)
			fuzz_fail("rule %u: %u targets", i, r->nr_targets);
		for (k = 0; k < r->nr_patterns; k++) {
			const char *p = r->patterns[k];
			size_t pl = strnlen(p, CMA_MAP_NAME_LEN);
			char name[CMA_MAP_NAME_LEN];

			if (!pl || pl == CMA_MAP_NAME_LEN)
				fuzz_fail("rule %u: pattern %u empty or not terminated", i, k);
			if (strchr(p, '*') && strchr(p, '*') != p + pl - 1)
				fuzz_fail("rule %u: pattern \"%s\" has '*' inside", i, p);
			/* The pattern with '?' as 'x' and '*' dropped matches. */
			for (l = 0; l < pl; l++)
				name[l] = p[l] == '?' ? 'x' : p[l];
			name[pl - (p[pl - 1] == '*')] = '\0';
			if (!cma_map_pattern_match(p, name))
				fuzz_fail("rule %u: \"%s\" does not match \"%s\"", i, p, name);
		}
		for (k = 0; k < r->nr_targets; k++) {
			const char *t = r->targets[k];

			if (strnlen(t, RMEM_NAME_LEN) == RMEM_NAME_LEN ||
			    !region_exists(NULL, t, strlen(t)))
				fuzz_fail("rule %u: target %u \"%.*s\" is not a region", i, k,
					  RMEM_NAME_LEN, t);
			for (l = 0; l < k; l++)
				if (!strcmp(t, r->targets[l]))
					fuzz_fail("rule %u: target \"%s\" twice", i, t);
		}
	}
	free(val);
	return 0;
}

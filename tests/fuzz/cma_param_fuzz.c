// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz the cma= parser (mm/cma_parse.c, cma_parse_param()) with the input
 * as the value after "cma=". Besides memory and UB errors, it checks the
 * parser's contract: each non-empty entry gives exactly one record or
 * exactly one message; records have a terminated name that is valid for
 * a region, a size > 0, an alignment that is 0 or a power of two, and a
 * placement range that can hold the size.
 */
/* fuzz-sources: mm/cma_parse.c lib/cmdline.c lib/parse.c lib/string.c */
#include "fuzz.h"

#include <contig/cma_parse.h>

static unsigned int nr_msgs;

static void count_msg(void *ctx, const char *msg)
{
	size_t len = strlen(msg);

	if (!len || len >= 320)
		fuzz_fail("message of %zu characters", len);
	nr_msgs++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cma_param_req reqs[CMA_PARSE_MAX + 1];
	char *val = fuzz_string(data, size);
	unsigned int n, i, want, max = CMA_PARSE_MAX;

	/* A small table sometimes, so the "too many regions" path runs. */
	if (size && (data[0] & 0x80))
		max = 2;
	memset(reqs, 0x5a, sizeof(reqs));
	nr_msgs = 0;
	n = cma_parse_param(val, reqs, max, count_msg, NULL);
	if (n > max)
		fuzz_fail("%u records for a table of %u", n, max);

	if (!*val || (val[0] >= '0' && val[0] <= '9'))
		want = 1;
	else
		want = fuzz_nr_entries(val);
	/* Linux syntax with max == 0 aside, an entry is a record or a message. */
	if (n + nr_msgs != want)
		fuzz_fail("%u records and %u messages for %u entries of \"%s\"", n, nr_msgs, want,
			  val);

	for (i = 0; i < n; i++) {
		const struct cma_param_req *r = &reqs[i];
		size_t nl = strnlen(r->name, sizeof(r->name));

		if (nl == 0 || nl == sizeof(r->name))
			fuzz_fail("record %u: name is empty or not terminated", i);
		if (strnlen(r->text, sizeof(r->text)) == sizeof(r->text))
			fuzz_fail("record %u: text not terminated", i);
		if (strchr(r->name, '@') || strchr(r->name, '/') || strchr(r->name, ';'))
			fuzz_fail("record %u: name \"%s\" has a separator", i, r->name);
		/* Size 0 only as Linux's cma=0: the default area turned off. */
		if (r->size == 0 && !(r->is_default && n == 1))
			fuzz_fail("record %u: size 0", i);
		if (r->align & (r->align - 1))
			fuzz_fail("record %u: alignment %#llx", i, (unsigned long long)r->align);
		if (r->range_end && (r->range_end <= r->range_start ||
				     r->range_end - r->range_start < r->size))
			fuzz_fail("record %u: range %#llx-%#llx cannot hold %#llx", i,
				  (unsigned long long)r->range_start,
				  (unsigned long long)r->range_end, (unsigned long long)r->size);
		if (r->fixed && r->range_end)
			fuzz_fail("record %u: fixed and ranged", i);
		if (r->is_default != (strcmp(r->name, "linux,cma") == 0 && val[0] >= '0' &&
				      val[0] <= '9'))
			fuzz_fail("record %u: is_default %d for \"%s\"", i, r->is_default, r->name);
	}
	free(val);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parsers for cma= and cma_map=.
 *
 * Pure functions: a string goes in, records and complete error sentences
 * come out (through a callback), nothing is reserved or printed here. That
 * keeps the grammar testable with cmocka (tests/unit/) and keeps the
 * "one message per bad entry" rule in one place: each entry that is
 * dropped produces exactly one call of the error callback.
 *
 * Both parsers work on bounded copies of their input: entries and rules
 * longer than the buffers below are reported as too long rather than
 * silently cut.
 */
#include <contig/kernel.h>
#include <contig/string.h>
#include <contig/params.h>
#include <contig/cma_parse.h>
#include <contig/cma_borrow.h>

#define ENTRY_MAX 160

__printf(4, 5) static void report(cma_parse_err_fn err, void *ctx, const char *what,
				  const char *fmt, ...)
{
	char msg[320];
	int n;
	va_list ap;

	if (!err)
		return;
	n = snprintf(msg, sizeof(msg), "%s: ", what);
	if (n < 0 || (size_t)n >= sizeof(msg))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	err(ctx, msg);
}

/* Copy [s, s + len) into @buf (size @size); false when it does not fit. */
static bool copy_span(char *buf, size_t size, const char *s, size_t len)
{
	if (len >= size)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return true;
}

/*
 * Step through the ';'-separated entries of a parameter value: set *@start
 * and *@len to the next non-empty entry and move *@pos past it.
 * Return: false when no entry is left.
 */
static bool next_entry(const char **pos, const char **start, size_t *len)
{
	const char *p = *pos;

	for (;;) {
		const char *semi;

		if (!*p)
			return false;
		semi = strchr(p, ';');
		*len = semi ? (size_t)(semi - p) : strlen(p);
		*start = p;
		p = semi ? semi + 1 : p + *len;
		if (*len) {
			*pos = p;
			return true;
		}
	}
}

/*
 * Parse all of @tok as a memparse() number. Return: 0, -EINVAL when it is
 * not a number (or has trailing text), -ERANGE on overflow.
 */
static int parse_whole(const char *tok, u64 *out)
{
	const char *end;
	bool ovf = false;

	*out = memparse(tok, &end, &ovf);
	if (end == tok || *end)
		return -1;
	if (ovf)
		return -2;
	return 0;
}

#define SIZE_HINT "use a number with an optional K, M or G suffix"

/*
 * Is the size of a Linux-syntax value zero ("0", "0M", "0x0@0x70000000")?
 * Linux reads the size up to '@' and turns the default area off for 0,
 * whatever follows.
 */
static bool is_zero_size(const char *spec)
{
	const char *end;
	bool ovf = false;
	u64 v = memparse(spec, &end, &ovf);

	return end != spec && !ovf && v == 0 && (*end == '\0' || *end == '@');
}

/*
 * Parse "size[@start[-end]][/align]" (the part after "name=" in the named
 * syntax, or the whole Linux-syntax value when @allow_align is false).
 */
static bool parse_spec(const char *spec, bool allow_align, struct cma_param_req *r,
		       cma_parse_err_fn err, void *ctx, const char *what)
{
	char size_tok[ENTRY_MAX], start_tok[ENTRY_MAX], end_tok[ENTRY_MAX];
	char align_tok[ENTRY_MAX];
	const char *at, *slash, *dash = NULL, *size_end;
	u64 v;
	int ret;

	start_tok[0] = end_tok[0] = align_tok[0] = '\0';
	at = strchr(spec, '@');
	slash = strchr(spec, '/');
	if (slash && !allow_align) {
		report(err, ctx, what,
		       "'/align' is only accepted in the named syntax cma=name=size/align; region dropped");
		return false;
	}
	if (at && slash && slash < at) {
		report(err, ctx, what,
		       "'/align' must come after '@start'; write name=size@start/align; region dropped");
		return false;
	}
	size_end = at ? at : (slash ? slash : spec + strlen(spec));
	copy_span(size_tok, sizeof(size_tok), spec, (size_t)(size_end - spec));
	if (at) {
		const char *se = slash ? slash : at + strlen(at);

		dash = memchr(at + 1, '-', (size_t)(se - at - 1));
		if (dash) {
			copy_span(start_tok, sizeof(start_tok), at + 1, (size_t)(dash - at - 1));
			copy_span(end_tok, sizeof(end_tok), dash + 1, (size_t)(se - dash - 1));
		} else {
			copy_span(start_tok, sizeof(start_tok), at + 1, (size_t)(se - at - 1));
		}
	}
	if (slash)
		copy_span(align_tok, sizeof(align_tok), slash + 1, strlen(slash + 1));

	ret = parse_whole(size_tok, &v);
	if (ret == -1) {
		report(err, ctx, what, "cannot parse size \"%s\"; " SIZE_HINT "; region dropped",
		       size_tok);
		return false;
	}
	if (ret == -2) {
		report(err, ctx, what, "size \"%s\" does not fit in 64 bits; region dropped",
		       size_tok);
		return false;
	}
	if (v == 0) {
		report(err, ctx, what, "size is zero; give the size of the region, e.g. 16M; region dropped");
		return false;
	}
	r->size = v;

	if (at) {
		ret = parse_whole(start_tok, &v);
		if (ret) {
			report(err, ctx, what,
			       "cannot parse start address \"%s\"; use e.g. @0x70000000 or @1792M; region dropped",
			       start_tok);
			return false;
		}
		r->base = v;
		if (dash) {
			u64 e;

			ret = parse_whole(end_tok, &e);
			if (ret) {
				report(err, ctx, what,
				       "cannot parse end address \"%s\"; use e.g. @0x60000000-0x70000000; region dropped",
				       end_tok);
				return false;
			}
			if (e <= v || e - v < r->size) {
				report(err, ctx, what,
				       "placement range 0x%llx-0x%llx cannot hold 0x%llx bytes; widen the range or shrink the size; region dropped",
				       (unsigned long long)v, (unsigned long long)e,
				       (unsigned long long)r->size);
				return false;
			}
			r->range_start = v;
			r->range_end = e;
			r->base = 0;
			r->fixed = false;
		} else {
			r->fixed = true;
		}
	}

	if (slash) {
		ret = parse_whole(align_tok, &v);
		if (ret) {
			report(err, ctx, what, "cannot parse alignment \"%s\"; " SIZE_HINT
			       ", a power of two; region dropped", align_tok);
			return false;
		}
		if (!is_power_of_2(v)) {
			report(err, ctx, what,
			       "alignment 0x%llx is not a power of two; use e.g. 1M, 2M or 4M; region dropped",
			       (unsigned long long)v);
			return false;
		}
		r->align = v;
	}
	return true;
}

/*
 * Parse the ",option=value" list after a named entry's spec (@opts points
 * past the first ','): borrow=POLICY and ready=SIZE.
 */
static bool parse_options(char *opts, struct cma_param_req *r, cma_parse_err_fn err,
			  void *ctx, const char *what)
{
	while (opts) {
		char *comma = strchr(opts, ',');
		const char *val;
		int b;

		if (comma)
			*comma = '\0';
		if (!strncmp(opts, "ready=", 6)) {
			u64 v;

			if (parse_whole(opts + 6, &v) || !v) {
				report(err, ctx, what,
				       "cannot parse ready=%s; give the ready reserve as a size, e.g. ready=16M; region dropped",
				       opts + 6);
				return false;
			}
			if (v > r->size) {
				report(err, ctx, what,
				       "ready=%s is larger than the region (0x%llx bytes); give at most the region's size; region dropped",
				       opts + 6, (unsigned long long)r->size);
				return false;
			}
			r->ready = v;
			opts = comma ? comma + 1 : NULL;
			continue;
		}
		if (strncmp(opts, "borrow=", 7)) {
			report(err, ctx, what,
			       "unknown option \"%s\"; the options after name=size are borrow=none|clean|movable and ready=SIZE; region dropped",
			       opts);
			return false;
		}
		val = opts + 7;
		b = cma_borrow_parse(val);
		if (b < 0) {
			report(err, ctx, what,
			       "borrow=%s is not a policy; use borrow=none, borrow=clean or borrow=movable; region dropped",
			       val);
			return false;
		}
		r->borrow = b;
		opts = comma ? comma + 1 : NULL;
	}
	return true;
}

static bool name_ok(const char *name, size_t len, cma_parse_err_fn err, void *ctx,
		    const char *what)
{
	if (len == 0) {
		report(err, ctx, what, "missing region name before '='; write name=size; region dropped");
		return false;
	}
	if (len >= RMEM_NAME_LEN) {
		report(err, ctx, what,
		       "region name is %zu characters, the limit is %d; use a shorter name; region dropped",
		       len, RMEM_NAME_LEN - 1);
		return false;
	}
	if (memchr(name, '@', len) || memchr(name, '/', len)) {
		report(err, ctx, what,
		       "region name contains '@' or '/'; write name=size@start/align; region dropped");
		return false;
	}
	return true;
}

/**
 * cma_parse_param - parse the value of the cma= boot parameter
 * @val: the value (text after "cma=")
 * @reqs: output records
 * @max: capacity of @reqs
 * @err: called once per dropped entry with a full message (may be NULL)
 * @ctx: passed to @err
 *
 * A value starting with a digit is Linux's syntax nn[KMG][@start[-end]]
 * and gives the default area "linux,cma" (a size of 0 gives one record
 * with size 0: the default area is turned off, as in Linux); otherwise it
 * is a ';'-separated list of name=size[@start[-end]][/align] entries.
 *
 * Return: number of records written to @reqs.
 */
unsigned int cma_parse_param(const char *val, struct cma_param_req *reqs,
			     unsigned int max, cma_parse_err_fn err, void *ctx)
{
	char entry[ENTRY_MAX], what[ENTRY_MAX + 32];
	unsigned int n = 0, i;
	const char *next, *p;
	size_t len;

	if (!val || !*val) {
		report(err, ctx, "boot parameter cma",
		       "needs a value, e.g. cma=64M or cma=video=32M; ignored");
		return 0;
	}

	if (val[0] >= '0' && val[0] <= '9') {
		struct cma_param_req r;

		memset(&r, 0, sizeof(r));
		snprintf(what, sizeof(what), "boot parameter cma=%s", val);
		if (!copy_span(entry, sizeof(entry), val, strlen(val))) {
			report(err, ctx, "boot parameter cma", "value is too long; region dropped");
			return 0;
		}
		/* Linux: cma=0 turns the default area off (a record of size 0). */
		if (!is_zero_size(entry) && !parse_spec(entry, false, &r, err, ctx, what))
			return 0;
		if (max == 0)
			return 0;
		strscpy_trunc(r.name, "linux,cma", sizeof(r.name));
		strscpy_trunc(r.text, val, sizeof(r.text));
		r.is_default = true;
		reqs[0] = r;
		return 1;
	}

	for (next = val; next_entry(&next, &p, &len);) {
		struct cma_param_req r;
		char *eq, *opts;

		if (!copy_span(entry, sizeof(entry), p, len)) {
			report(err, ctx, "boot parameter cma",
			       "an entry is longer than %d characters; region dropped", ENTRY_MAX - 1);
			continue;
		}
		snprintf(what, sizeof(what), "boot parameter cma=%s", entry);
		memset(&r, 0, sizeof(r));
		eq = strchr(entry, '=');
		if (!eq) {
			report(err, ctx, what,
			       "expected name=size (or a size alone for the default area); region dropped");
			continue;
		}
		if (!name_ok(entry, (size_t)(eq - entry), err, ctx, what))
			continue;
		copy_span(r.name, sizeof(r.name), entry, (size_t)(eq - entry));
		opts = strchr(eq + 1, ',');
		if (opts)
			*opts++ = '\0'; /* the spec ends at the first option */
		if (!parse_spec(eq + 1, true, &r, err, ctx, what) ||
		    (opts && !parse_options(opts, &r, err, ctx, what)))
			continue;
		for (i = 0; i < n; i++)
			if (strcmp(reqs[i].name, r.name) == 0)
				break;
		if (i < n) {
			report(err, ctx, what,
			       "region \"%s\" is given twice; give each region once; region dropped",
			       r.name);
			continue;
		}
		if (n >= max) {
			report(err, ctx, what, "too many regions in cma= (at most %u); region dropped",
			       max);
			continue;
		}
		/* The entry as written (options included: parsing cut @entry). */
		snprintf(r.text, sizeof(r.text), "%.*s", (int)len, p);
		reqs[n++] = r;
	}
	return n;
}

/**
 * cma_map_pattern_match - match a device name against a cma_map= pattern
 * @pattern: '?' matches any one character, a trailing '*' any rest
 *           (also an empty one); other characters match themselves
 * @name: the device name
 *
 * Return: true when @name matches.
 */
bool cma_map_pattern_match(const char *pattern, const char *name)
{
	if (!pattern || !name)
		return false;
	for (;; pattern++, name++) {
		if (pattern[0] == '*' && pattern[1] == '\0')
			return true;
		if (*pattern == '\0')
			return *name == '\0';
		if (*name == '\0')
			return false;
		if (*pattern != '?' && *pattern != *name)
			return false;
	}
}

#define MAP_MAX_WORDS 16

static bool parse_patterns(struct cma_map_rule_spec *rule, const char *lhs, size_t len,
			   cma_parse_err_fn err, void *ctx, const char *what)
{
	const char *p = lhs, *end = lhs + len, *slash, *comma;

	slash = memchr(lhs, '/', len);
	if (slash) {
		size_t tl = (size_t)(end - slash - 1);

		if (tl == 0 || memchr(slash + 1, ',', tl) || memchr(slash + 1, '/', tl)) {
			report(err, ctx, what,
			       "bad buffer type after '/'; write pattern/type=region with one type; rule dropped");
			return false;
		}
		if (!copy_span(rule->type, sizeof(rule->type), slash + 1, tl)) {
			report(err, ctx, what, "buffer type is longer than %d characters; rule dropped",
			       CMA_MAP_NAME_LEN - 1);
			return false;
		}
		end = slash;
	}
	for (; p <= end; p = comma + 1) {
		size_t pl;
		char *pat;

		comma = memchr(p, ',', (size_t)(end - p));
		if (!comma)
			comma = end;
		pl = (size_t)(comma - p);
		if (pl == 0) {
			report(err, ctx, what,
			       "empty device pattern; write dev1,dev2=region or *=region; rule dropped");
			return false;
		}
		if (rule->nr_patterns >= CMA_MAP_MAX_PATTERNS) {
			report(err, ctx, what, "more than %d device patterns in one rule; split the rule; rule dropped",
			       CMA_MAP_MAX_PATTERNS);
			return false;
		}
		pat = rule->patterns[rule->nr_patterns];
		if (!copy_span(pat, CMA_MAP_NAME_LEN, p, pl)) {
			report(err, ctx, what, "device pattern is longer than %d characters; rule dropped",
			       CMA_MAP_NAME_LEN - 1);
			return false;
		}
		if (strchr(pat, '*') && strchr(pat, '*') != pat + pl - 1) {
			report(err, ctx, what,
			       "'*' is only allowed at the end of a pattern (\"%s\"); use '?' for single characters; rule dropped",
			       pat);
			return false;
		}
		rule->nr_patterns++;
		if (comma == end)
			break;
	}
	return true;
}

static bool parse_targets(struct cma_map_rule_spec *rule, const char *rhs, size_t len,
			  cma_map_region_fn exists, void *ectx, cma_parse_err_fn err,
			  void *ctx, const char *what)
{
	const char *word[MAP_MAX_WORDS + 1];
	const char *unknown[MAP_MAX_WORDS];
	size_t unknown_len[MAP_MAX_WORDS];
	unsigned int nw = 0, nu = 0, i, j, k;
	const char *p = rhs, *end = rhs + len, *comma;
	bool too_many = false;

	if (len == 0) {
		report(err, ctx, what, "no region after '='; write pattern=region[,region...]; rule dropped");
		return false;
	}
	/* word[i] starts word i; word[nw] is end + 1 (one past the last ','). */
	for (;;) {
		if (nw >= MAP_MAX_WORDS) {
			report(err, ctx, what, "too many region names in one rule; rule dropped");
			return false;
		}
		word[nw++] = p;
		comma = memchr(p, ',', (size_t)(end - p));
		if (!comma)
			break;
		p = comma + 1;
	}
	word[nw] = end + 1;
	for (i = 0; i < nw; i++) {
		if (word[i + 1] - 1 == word[i]) {
			report(err, ctx, what, "empty region name; rule dropped");
			return false;
		}
	}

	for (i = 0; i < nw; i = j) {
		size_t l = 0;

		/* Longest run of words i..j-1 that names a region. */
		for (j = nw; j > i; j--) {
			l = (size_t)(word[j] - 1 - word[i]);
			if (exists && exists(ectx, word[i], l))
				break;
		}
		if (j == i) {
			unknown[nu] = word[i];
			unknown_len[nu++] = (size_t)(word[i + 1] - 1 - word[i]);
			j = i + 1;
			continue;
		}
		for (k = 0; k < rule->nr_targets; k++)
			if (strlen(rule->targets[k]) == l &&
			    memcmp(rule->targets[k], word[i], l) == 0)
				break;
		if (k < rule->nr_targets)
			continue; /* listed twice: the first position counts */
		if (rule->nr_targets >= CMA_MAP_MAX_TARGETS) {
			too_many = true;
			continue;
		}
		if (!copy_span(rule->targets[rule->nr_targets], RMEM_NAME_LEN, word[i], l)) {
			unknown[nu] = word[i];
			unknown_len[nu++] = l;
			continue;
		}
		rule->nr_targets++;
	}

	if (too_many)
		report(err, ctx, what,
		       "more than %d regions in one rule; the first %d are kept, the rest dropped",
		       CMA_MAP_MAX_TARGETS, CMA_MAP_MAX_TARGETS);
	for (k = 0; k < nu; k++) {
		bool last = k == nu - 1;

		report(err, ctx, what,
		       "region \"%.*s\" does not exist; name a region from the reserved-memory table; %s",
		       (int)unknown_len[k], unknown[k],
		       rule->nr_targets ? "region dropped from the rule" :
		       last ? "rule dropped" : "region dropped from the rule");
	}
	return rule->nr_targets > 0;
}

/**
 * cma_map_parse - parse the value of the cma_map= boot parameter
 * @val: the value (text after "cma_map=")
 * @rules: output rules, in the order given (first match wins at lookup)
 * @max: capacity of @rules
 * @exists: tells whether a region name exists (used for names with ',')
 * @ectx: passed to @exists
 * @err: called with one full message per problem (may be NULL)
 * @ctx: passed to @err
 *
 * Return: number of rules written to @rules.
 */
unsigned int cma_map_parse(const char *val, struct cma_map_rule_spec *rules,
			   unsigned int max, cma_map_region_fn exists, void *ectx,
			   cma_parse_err_fn err, void *ctx)
{
	char what[160];
	unsigned int n = 0;
	const char *next, *p;
	size_t len;

	if (!val)
		return 0;
	for (next = val; next_entry(&next, &p, &len);) {
		struct cma_map_rule_spec r;
		const char *eq;

		memset(&r, 0, sizeof(r));
		if (!copy_span(r.text, sizeof(r.text), p, len)) {
			report(err, ctx, "boot parameter cma_map",
			       "a rule is longer than %zu characters; rule dropped", sizeof(r.text) - 1);
			continue;
		}
		snprintf(what, sizeof(what), "boot parameter cma_map=%s", r.text);
		eq = strchr(r.text, '=');
		if (!eq) {
			report(err, ctx, what,
			       "expected pattern[,pattern...][/type]=region[,region...]; rule dropped");
			continue;
		}
		if (!parse_patterns(&r, r.text, (size_t)(eq - r.text), err, ctx, what))
			continue;
		if (!parse_targets(&r, eq + 1, strlen(eq + 1), exists, ectx, err, ctx, what))
			continue;
		if (n >= max) {
			report(err, ctx, what, "more than %u rules; merge rules; rule dropped", max);
			continue;
		}
		rules[n++] = r;
	}
	return n;
}

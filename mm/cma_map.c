// SPDX-License-Identifier: GPL-2.0-only
/*
 * cma_map=: which CMA regions a device allocates from.
 *
 * The 2010 CMA framework let the command line route each device (and
 * buffer type) to an ordered list of named regions; this is that map on
 * top of the region table. The early_param handler only stores the text:
 * the rules are parsed by cma_map_init(), once the CMA areas exist, because
 * region names may contain ',' ("linux,cma") and the parser resolves them
 * against the live names (longest match). Rules that name no existing
 * region are dropped with a message; lookups walk the rules in order and
 * the first rule whose pattern (and type, when it has one) matches wins.
 *
 * Locking: map_lock guards the active rule set, so tests can swap rules
 * (cma_map_set_rules()) while drivers look devices up. Lookups copy the
 * struct cma pointers out under the lock; areas are never freed.
 */
#define pr_fmt(fmt) "cma_map: " fmt

#include <contig/kernel.h>
#include <contig/string.h>
#include <contig/errno.h>
#include <contig/spinlock.h>
#include <contig/params.h>
#include <contig/cma.h>
#include <contig/cma_parse.h>
#include <contig/reserved_mem.h>

#define CMA_MAP_TEXT 512

struct cma_map_rule {
	struct cma_map_rule_spec spec;
	struct cma *target[CMA_MAP_MAX_TARGETS];
};

static char map_param[CMA_MAP_TEXT];
static bool map_param_given;

static DEFINE_SPINLOCK(map_lock);
static struct cma_map_rule map_rules[CMA_MAP_MAX_RULES];
static unsigned int map_nr_rules;
static char map_text[CMA_MAP_TEXT];

static int cma_map_setup(const char *val)
{
	if (!val || !*val) {
		pr_err("boot parameter cma_map needs rules, e.g. cma_map=\"video,camera=video;*=linux,cma\"; ignored\n");
		return -EINVAL;
	}
	if (strscpy_trunc(map_param, val, sizeof(map_param)) >= sizeof(map_param)) {
		pr_err("boot parameter cma_map= is longer than %zu characters; shorten it; ignored\n",
		       sizeof(map_param) - 1);
		map_param_given = false;
		return -EINVAL;
	}
	map_param_given = true;
	return 0;
}
early_param("cma_map", cma_map_setup);

static bool region_exists(void *ctx, const char *name, size_t len)
{
	char buf[CMA_NAME_LEN];

	if (len == 0 || len >= sizeof(buf))
		return false;
	memcpy(buf, name, len);
	buf[len] = '\0';
	return cma_find(buf) != NULL;
}

struct err_count {
	unsigned int n;
};

static void map_err(void *ctx, const char *msg)
{
	struct err_count *ec = ctx;

	ec->n++;
	pr_err("%s\n", msg);
}

static void append(char *buf, size_t size, const char *a, const char *b)
{
	size_t len = strlen(buf);

	if (len < size)
		snprintf(buf + len, size - len, "%s%s", a, b);
}

/* Parse and resolve @text into the active rules. Return: problems reported. */
static unsigned int install_rules(const char *text)
{
	static struct cma_map_rule_spec specs[CMA_MAP_MAX_RULES];
	static struct cma_map_rule fresh[CMA_MAP_MAX_RULES];
	struct err_count ec = { 0 };
	unsigned int n, i, j;

	n = cma_map_parse(text, specs, CMA_MAP_MAX_RULES, region_exists, NULL, map_err, &ec);
	for (i = 0; i < n; i++) {
		fresh[i].spec = specs[i];
		for (j = 0; j < specs[i].nr_targets; j++)
			fresh[i].target[j] = cma_find(specs[i].targets[j]);
	}

	spin_lock(&map_lock);
	memcpy(map_rules, fresh, sizeof(fresh[0]) * n);
	map_nr_rules = n;
	/* Canonical text of what is active (unknown regions left out). */
	map_text[0] = '\0';
	for (i = 0; i < n; i++) {
		const struct cma_map_rule_spec *sp = &specs[i];

		if (i)
			append(map_text, sizeof(map_text), ";", "");
		for (j = 0; j < sp->nr_patterns; j++)
			append(map_text, sizeof(map_text), j ? "," : "", sp->patterns[j]);
		if (sp->type[0])
			append(map_text, sizeof(map_text), "/", sp->type);
		for (j = 0; j < sp->nr_targets; j++)
			append(map_text, sizeof(map_text), j ? "," : "=", sp->targets[j]);
	}
	spin_unlock(&map_lock);
	return ec.n;
}

/**
 * cma_map_init - resolve the cma_map= rules against the CMA areas
 *
 * Called once at boot after cma_activate_areas(). Bad rules and unknown
 * regions were reported; the rules left are active.
 */
void cma_map_init(void)
{
	if (!map_param_given)
		return;
	install_rules(map_param);
	pr_info("%u rule(s) active\n", map_nr_rules);
}

/**
 * cma_map_set_rules - replace the active rules (for tests)
 * @rules: rules in cma_map= syntax ("" removes every rule)
 *
 * Return: number of rules now active, or -EINVAL when something in @rules
 * was dropped (with a message; the valid rest is active).
 */
int cma_map_set_rules(const char *rules)
{
	unsigned int problems;

	if (!rules)
		return -EINVAL;
	problems = install_rules(rules);
	return problems ? -EINVAL : (int)map_nr_rules;
}

/**
 * cma_map_rules_text - the active rules in cma_map= syntax
 * Return: a string valid until the rules change next ("" when none).
 */
const char *cma_map_rules_text(void)
{
	return map_text;
}

static bool rule_matches_locked(const struct cma_map_rule *r, const char *dev, const char *type)
{
	unsigned int i;

	assert_spin_locked(&map_lock);
	if (r->spec.type[0] && (!type || strcmp(r->spec.type, type) != 0))
		return false;
	for (i = 0; i < r->spec.nr_patterns; i++)
		if (cma_map_pattern_match(r->spec.patterns[i], dev))
			return true;
	return false;
}

/**
 * cma_map_lookup - regions to try for device @dev_name, buffer @type
 * @dev_name: the device's name
 * @type: buffer type, or NULL for any; a rule with "/type" matches only
 *        that type, a rule without one matches every type
 * @out: filled with the rule's regions, in the order given
 * @max: capacity of @out
 *
 * Return: how many regions were written to @out (0: no rule matched).
 */
unsigned int cma_map_lookup(const char *dev_name, const char *type,
			    struct cma **out, unsigned int max)
{
	unsigned int i, j, n = 0;

	if (!dev_name || !out)
		return 0;
	spin_lock(&map_lock);
	for (i = 0; i < map_nr_rules; i++) {
		const struct cma_map_rule *r = &map_rules[i];

		if (!rule_matches_locked(r, dev_name, type))
			continue;
		for (j = 0; j < r->spec.nr_targets && n < max; j++)
			if (r->target[j])
				out[n++] = r->target[j];
		break;
	}
	spin_unlock(&map_lock);
	return n;
}

/**
 * cma_map_print - print the active rules
 */
void cma_map_print(void)
{
	unsigned int i, j;

	spin_lock(&map_lock);
	pr_info("%u rule(s)%s\n", map_nr_rules, map_nr_rules ? ", first match wins:" : "");
	for (i = 0; i < map_nr_rules; i++) {
		const struct cma_map_rule_spec *s = &map_rules[i].spec;
		char line[256];
		size_t len = 0;

		for (j = 0; j < s->nr_patterns; j++)
			len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s", j ? "," : "",
						s->patterns[j]);
		if (s->type[0] && len < sizeof(line))
			len += (size_t)snprintf(line + len, sizeof(line) - len, "/%s", s->type);
		if (len < sizeof(line))
			len += (size_t)snprintf(line + len, sizeof(line) - len, " ->");
		for (j = 0; j < s->nr_targets && len < sizeof(line); j++)
			len += (size_t)snprintf(line + len, sizeof(line) - len, " %s", s->targets[j]);
		pr_info("  %u: %s\n", i + 1, line);
	}
	spin_unlock(&map_lock);
}

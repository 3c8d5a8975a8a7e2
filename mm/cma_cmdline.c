// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cma= boot parameter.
 *
 * The value is parsed as soon as parse_early_params() meets it (the
 * grammar is in mm/cma_parse.c), so that fdt_init_reserved_mem() already
 * knows whether cma= in Linux's syntax replaces the DT's default area; bad
 * entries are reported then, once each. The valid entries are reserved by
 * cma_cmdline_reserve(), after the DT's regions, through
 * reserved_mem_declare(), which checks placement and prints one message per
 * dropped region.
 *
 * When neither the DT nor cma= gave a default area and
 * CONFIG_CMA_SIZE_MBYTES is not 0, a default area of that size is made
 * anywhere in RAM (Linux's CONFIG_CMA_SIZE_MBYTES).
 *
 * As in Linux, cma=0 turns the default area off: the DT's default node is
 * bypassed and no CONFIG_CMA_SIZE_MBYTES area is made. Unlike Linux, a
 * Linux-syntax cma= that parses but cannot be placed (outside RAM, too
 * big) does not leave the board without its default area: the DT's
 * default node, bypassed when cma= was parsed, is declared after all (or
 * the CONFIG_CMA_SIZE_MBYTES area is made), with a message saying so.
 *
 * cma= given twice: the last one wins, as for any parameter, and the
 * message names the regions of the earlier value that are not created.
 */
#define pr_fmt(fmt) "cma: " fmt

#include <contig/kernel.h>
#include <contig/string.h>
#include <contig/errno.h>
#include <contig/mm.h>
#include <contig/params.h>
#include <contig/cma.h>
#include <contig/cma_parse.h>
#include <contig/reserved_mem.h>

static struct cma_param_req cmdline_reqs[CMA_PARSE_MAX];
static unsigned int nr_cmdline_reqs;
static bool cmdline_default, cmdline_default_off;
/* The value of the last cma= (for the message when another one follows). */
static char cmdline_value[CMA_PARSE_TEXT * 2];
static bool cmdline_seen;
/* Origins live as long as the region table entries that copy them. */
static char cmdline_origin[CMA_PARSE_MAX][CMA_PARSE_TEXT + 16];

static void cma_param_err(void *ctx, const char *msg)
{
	pr_err("%s\n", msg);
}

/* Is a region named @name (not cma=0) in the current cma= value? */
static bool cmdline_asks_for(const char *name)
{
	unsigned int i;

	for (i = 0; i < nr_cmdline_reqs; i++)
		if (cmdline_reqs[i].size && !strcmp(cmdline_reqs[i].name, name))
			return true;
	return false;
}

static int cma_param_setup(const char *val)
{
	/* What the earlier cma= asked for (static: early stacks are small). */
	static char earlier[sizeof(cmdline_value)], names[CMA_PARSE_MAX][RMEM_NAME_LEN];
	char lost[CMA_PARSE_MAX * (RMEM_NAME_LEN + 4)];
	bool seen = cmdline_seen, was_off = cmdline_default_off;
	unsigned int i, nr_names = 0;
	size_t n = 0;

	for (i = 0; i < nr_cmdline_reqs; i++)
		if (cmdline_reqs[i].size)
			strscpy_trunc(names[nr_names++], cmdline_reqs[i].name, RMEM_NAME_LEN);
	strscpy_trunc(earlier, cmdline_value, sizeof(earlier));
	cmdline_seen = true;
	strscpy_trunc(cmdline_value, val ? val : "", sizeof(cmdline_value));
	nr_cmdline_reqs = cma_parse_param(val, cmdline_reqs, ARRAY_SIZE(cmdline_reqs),
					  cma_param_err, NULL);
	cmdline_default = false;
	cmdline_default_off = false;
	for (i = 0; i < nr_cmdline_reqs; i++) {
		if (cmdline_reqs[i].is_default) {
			cmdline_default = true;
			cmdline_default_off = !cmdline_reqs[i].size;
		}
	}
	if (!seen)
		return nr_cmdline_reqs ? 0 : -EINVAL;

	/* The last cma= wins, as for any parameter given twice: say what is lost. */
	lost[0] = '\0';
	for (i = 0; i < nr_names; i++) {
		if (cmdline_asks_for(names[i]))
			continue;
		n += (size_t)snprintf(lost + n, sizeof(lost) - n, "%s\"%s\"", n ? ", " : "",
				      names[i]);
		n = min(n, sizeof(lost) - 1);
	}
	if (was_off && !cmdline_default_off)
		pr_err("cma=%s replaces the earlier cma=%s (the last cma= wins): the default area is not turned off; give cma= once\n",
		       cmdline_value, earlier);
	else if (lost[0])
		pr_err("cma=%s replaces the earlier cma=%s (the last cma= wins), whose region(s) %s are dropped; put every region in one cma=, separated by ';'\n",
		       cmdline_value, earlier, lost);
	else
		pr_err("cma=%s replaces the earlier cma=%s (the last cma= wins); give cma= once\n",
		       cmdline_value, earlier);
	return nr_cmdline_reqs ? 0 : -EINVAL;
}
early_param("cma", cma_param_setup);

/**
 * cma_cmdline_has_default - did cma= (Linux syntax) give the default area?
 * Return: true when a valid cma=nn[KMG]... (also cma=0) was on the command
 * line; the DT node with linux,cma-default is then bypassed.
 */
bool cma_cmdline_has_default(void)
{
	return cmdline_default;
}

/**
 * cma_cmdline_default_off - did cma=0 turn the default area off?
 * Return: true for cma=0 (Linux: no default area, the DT's is bypassed).
 */
bool cma_cmdline_default_off(void)
{
	return cmdline_default_off;
}

static bool any_default(void)
{
	unsigned int i;

	for (i = 0; i < reserved_mem_count(); i++)
		if (reserved_mem_get(i)->flags & RMEM_DEFAULT)
			return true;
	return false;
}

/*
 * The Linux-syntax cma= parsed but was refused (its message is printed):
 * rather than leave the board with no default area, fall back to what it
 * would have without cma=.
 */
static void default_refused(const struct cma_param_req *r)
{
	char why[CMA_PARSE_TEXT + 32];

	snprintf(why, sizeof(why), "cma=%s was refused", r->text);
	if (!fdt_reserve_bypassed_default(why) || any_default())
		return;
	if (CONFIG_CMA_SIZE_MBYTES > 0)
		pr_warn("%s: making the default area of CONFIG_CMA_SIZE_MBYTES (%d MiB) instead\n",
			why, CONFIG_CMA_SIZE_MBYTES);
	else
		pr_warn("%s: this boot has no default CMA area; devices with no region of their own allocate from the page allocator; fix cma= or add a linux,cma-default node\n",
			why);
}

/**
 * cma_cmdline_reserve - reserve the areas asked for by cma=
 *
 * Called once at boot after fdt_init_reserved_mem(). Regions that do not
 * fit are dropped with one message each; the others are reserved.
 */
void cma_cmdline_reserve(void)
{
	struct rmem_request req;
	unsigned int i;

	for (i = 0; i < nr_cmdline_reqs; i++) {
		const struct cma_param_req *r = &cmdline_reqs[i];
		char who[CMA_PARSE_TEXT + 32];

		if (r->is_default && !r->size) {
			pr_info("cma=%s: the default CMA area is off (as in Linux): devices with no region of their own allocate from the page allocator\n",
				r->text);
			continue;
		}

		snprintf(cmdline_origin[i], sizeof(cmdline_origin[i]), "cma=%s", r->text);
		snprintf(who, sizeof(who), "boot parameter cma=%s", r->text);
		memset(&req, 0, sizeof(req));
		req.name = r->name;
		req.origin = cmdline_origin[i];
		req.who = who;
		req.subsys = "cma";
		req.size = r->size;
		req.base = r->base;
		req.align = r->align;
		req.fixed = r->fixed;
		req.reusable = true;
		req.dma_pool = true;
		req.is_default = r->is_default;
		req.borrow = r->borrow;
		req.ready = r->ready;
		req.fdt_node = -1;
		if (r->range_end) {
			req.nr_ranges = 1;
			req.range_start[0] = r->range_start;
			req.range_end[0] = r->range_end;
		}
		if (reserved_mem_declare(&req) && r->is_default)
			default_refused(r);
	}

	if (CONFIG_CMA_SIZE_MBYTES > 0 && !any_default() && !cmdline_default_off) {
		memset(&req, 0, sizeof(req));
		req.name = "linux,cma";
		req.origin = "CONFIG_CMA_SIZE_MBYTES";
		req.who = "CONFIG_CMA_SIZE_MBYTES";
		req.subsys = "cma";
		req.size = (phys_addr_t)CONFIG_CMA_SIZE_MBYTES << 20;
		req.reusable = true;
		req.dma_pool = true;
		req.is_default = true;
		req.fdt_node = -1;
		reserved_mem_declare(&req);
	}
}

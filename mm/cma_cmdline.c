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
static bool cmdline_default;
/* Origins live as long as the region table entries that copy them. */
static char cmdline_origin[CMA_PARSE_MAX][CMA_PARSE_TEXT + 16];

static void cma_param_err(void *ctx, const char *msg)
{
	pr_err("%s\n", msg);
}

static int cma_param_setup(const char *val)
{
	unsigned int i;

	/* The last cma= wins, as for any parameter given twice. */
	nr_cmdline_reqs = cma_parse_param(val, cmdline_reqs, ARRAY_SIZE(cmdline_reqs),
					  cma_param_err, NULL);
	cmdline_default = false;
	for (i = 0; i < nr_cmdline_reqs; i++)
		if (cmdline_reqs[i].is_default)
			cmdline_default = true;
	return nr_cmdline_reqs ? 0 : -EINVAL;
}
early_param("cma", cma_param_setup);

/**
 * cma_cmdline_has_default - did cma= (Linux syntax) give the default area?
 * Return: true when a valid cma=nn[KMG]... was on the command line; the DT
 * node with linux,cma-default is then bypassed.
 */
bool cma_cmdline_has_default(void)
{
	return cmdline_default;
}

static bool any_default(void)
{
	unsigned int i;

	for (i = 0; i < reserved_mem_count(); i++)
		if (reserved_mem_get(i)->flags & RMEM_DEFAULT)
			return true;
	return false;
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
		req.fdt_node = -1;
		if (r->range_end) {
			req.nr_ranges = 1;
			req.range_start[0] = r->range_start;
			req.range_end[0] = r->range_end;
		}
		reserved_mem_declare(&req);
	}

	if (CONFIG_CMA_SIZE_MBYTES > 0 && !any_default()) {
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

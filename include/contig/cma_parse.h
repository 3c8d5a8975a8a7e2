/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Pure parsers for the cma= and cma_map= boot parameters (mm/cma_parse.c).
 * They turn a string into records and report each problem through a
 * callback as one complete sentence, so they can be unit-tested without
 * booting; mm/cma_cmdline.c and mm/cma_map.c print the messages and act on
 * the records. Documentation/admin-guide/kernel-parameters.rst is the
 * grammar.
 */
#ifndef _CONTIG_CMA_PARSE_H
#define _CONTIG_CMA_PARSE_H

#include <contig/types.h>
#include <contig/reserved_mem.h>

/* Called once per problem with the full message (no subsystem prefix). */
typedef void (*cma_parse_err_fn)(void *ctx, const char *msg);

#define CMA_PARSE_MAX 16   /* entries in one cma= value */
#define CMA_PARSE_TEXT 64  /* entry text kept for messages and origin */

/* One area requested by cma=. */
struct cma_param_req {
	char name[RMEM_NAME_LEN];
	char text[CMA_PARSE_TEXT]; /* the entry as written, e.g. "vid=16M@0x70000000" */
	phys_addr_t size;
	phys_addr_t base;          /* when @fixed */
	phys_addr_t align;         /* 0: default (pageblock) */
	phys_addr_t range_start;   /* placement window, 0..0: anywhere */
	phys_addr_t range_end;
	bool fixed;
	bool is_default;           /* Linux syntax: the default area; with
				    * size 0 (cma=0) the default area is off */
	int borrow;                /* ",borrow=": enum cma_borrow, 0 movable */
	phys_addr_t ready;         /* ",ready=": the ready reserve, bytes */
};

/**
 * cma_parse_param - parse the value of cma=
 * Linux syntax (value starts with a digit): nn[KMG][@start[KMG][-end[KMG]]],
 * one default area named "linux,cma"; nn = 0 gives one record of size 0,
 * which turns the default area off. Named syntax:
 * name=size[@start][/align][,borrow=none|clean|movable][,ready=size][;...].
 * Return: number of valid records written to @reqs (invalid entries are
 * reported through @err and skipped).
 */
unsigned int cma_parse_param(const char *val, struct cma_param_req *reqs,
			     unsigned int max, cma_parse_err_fn err, void *ctx);

/* ---- cma_map= ------------------------------------------------------ */

#define CMA_MAP_MAX_PATTERNS 4
#define CMA_MAP_NAME_LEN 32

struct cma_map_rule_spec {
	unsigned int nr_patterns;
	char patterns[CMA_MAP_MAX_PATTERNS][CMA_MAP_NAME_LEN];
	char type[CMA_MAP_NAME_LEN]; /* "" matches any type */
	unsigned int nr_targets;
	char targets[CMA_MAP_MAX_TARGETS][RMEM_NAME_LEN];
	char text[96];               /* the rule as written, for messages */
};

/* Does a region called @name (of @len characters) exist? */
typedef bool (*cma_map_region_fn)(void *ctx, const char *name, size_t len);

/**
 * cma_map_parse - parse the value of cma_map=
 * Rules are separated by ';': pattern[,pattern...][/type]=region[,region...].
 * Region names may contain ',' ("linux,cma"): at each position the longest
 * run of comma-separated words that @exists accepts is taken as one name.
 * Unknown regions are dropped with a message; a rule with no region left is
 * dropped.
 * Return: number of rules written to @rules.
 */
unsigned int cma_map_parse(const char *val, struct cma_map_rule_spec *rules,
			   unsigned int max, cma_map_region_fn exists, void *ectx,
			   cma_parse_err_fn err, void *ctx);

#endif /* _CONTIG_CMA_PARSE_H */

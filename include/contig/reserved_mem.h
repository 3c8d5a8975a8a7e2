/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Named reserved regions and device-to-region mapping (mm/reserved_mem.c,
 * mm/cma_map.c), shared by every port.
 *
 * Regions come from the DT's /reserved-memory node (Linux's binding) and
 * from the cma= boot parameter; the region table records each one with
 * where it was declared. cma_map= rules map device names to ordered lists
 * of regions.
 */
#ifndef _CONTIG_RESERVED_MEM_H
#define _CONTIG_RESERVED_MEM_H

#include <contig/types.h>

struct cma;

#define RMEM_NAME_LEN 32
#define MAX_RESERVED_MEM 32

#define RMEM_NOMAP 0x1    /* no-map: not in the linear map */
#define RMEM_REUSABLE 0x2 /* reusable: a CMA area */
#define RMEM_DEFAULT 0x4  /* linux,cma-default or cma= */
#define RMEM_DMA_POOL 0x8 /* compatible "shared-dma-pool" */
#define RMEM_DEVICE 0x10  /* wholly outside RAM: nothing reserved; a no-map
			   * pool there is device memory (SRAM, VRAM) */

struct reserved_mem {
	char name[RMEM_NAME_LEN];
	phys_addr_t base, size;
	unsigned int flags;
	char origin[64]; /* "DT /reserved-memory/video", "cma=" */
	struct cma *cma; /* for reusable regions */
	int fdt_node;    /* DT node offset, or -1 */
};

/*
 * Boot: read /memory, /memreserve/ and /reserved-memory from @fdt into
 * memblock and the region table, then the cma= regions. When cma= (Linux
 * syntax) was given it overrides a DT default (cma_cmdline_has_default()).
 */
int early_init_dt_scan_memory(const void *fdt);
void early_init_fdt_reserve_self(const void *fdt, phys_addr_t fdt_phys);
void fdt_init_reserved_mem(const void *fdt);
void cma_cmdline_reserve(void);

/*
 * One region to reserve, from a DT node or cma=; reserved_mem_declare()
 * checks it, prints one message naming @who when it must be dropped,
 * reserves it (a CMA area through cma_declare() when @reusable and
 * @dma_pool) and records it in the table.
 */
#define RMEM_MAX_RANGES 4
struct rmem_request {
	const char *name;
	const char *origin;    /* recorded in the table, e.g. "DT node /reserved-memory/video" */
	const char *who;       /* subject of messages: "/reserved-memory/video@78000000" */
	const char *subsys;    /* message prefix: "reserved-memory" or "cma" */
	phys_addr_t base, size;   /* base only when @fixed */
	phys_addr_t align;        /* 0: pageblock */
	unsigned int nr_ranges;   /* placement windows (alloc-ranges); 0: all RAM */
	phys_addr_t range_start[RMEM_MAX_RANGES], range_end[RMEM_MAX_RANGES];
	bool fixed, nomap, reusable, dma_pool, is_default;
	int fdt_node;
	int borrow;               /* enum cma_borrow of a CMA area (0: movable) */
	phys_addr_t ready;        /* its ready reserve in bytes (0: none) */
};
int reserved_mem_declare(const struct rmem_request *req);

/* cma= in Linux syntax was given and parsed: it replaces a DT default. */
bool cma_cmdline_has_default(void);
/* cma=0 was given: no default area at all (as in Linux). */
bool cma_cmdline_default_off(void);
/*
 * Declare the DT's linux,cma-default node that cma= made boot bypass,
 * after all, when the cma= area was refused; prints "@why: falling back
 * to ...". Return: 0 when there was such a node (its own message says
 * whether it was created), -ENOENT when none was bypassed.
 */
int fdt_reserve_bypassed_default(const char *why);

unsigned int reserved_mem_count(void);
const struct reserved_mem *reserved_mem_get(unsigned int i);
const struct reserved_mem *reserved_mem_find(const char *name);
void reserved_mem_print(void);
void reserved_mem_dump(void);

/* ---- cma_map= ----------------------------------------------------- */

#define CMA_MAP_MAX_RULES 16
#define CMA_MAP_MAX_TARGETS 4

/* Resolve the cma_map= rules (after regions exist); drops bad rules. */
void cma_map_init(void);

/**
 * cma_map_lookup - regions to try for device @dev_name, buffer @type
 * @type: NULL for any; a rule with "/type" matches only that type
 * Return: how many regions were written to @out (0: no rule matched).
 */
unsigned int cma_map_lookup(const char *dev_name, const char *type,
			    struct cma **out, unsigned int max);

/* Match @name against @pattern: '?' is one character, a trailing '*' the rest. */
bool cma_map_pattern_match(const char *pattern, const char *name);

/* Print the active rules. */
void cma_map_print(void);

/*
 * Tests: replace the active rules by @rules (cma_map= syntax, resolved
 * against the live CMA areas at once). Return: rules kept, or -EINVAL
 * when some were dropped (messages printed). cma_map_rules_text() gives
 * the text of the active rules so a test can restore them.
 */
int cma_map_set_rules(const char *rules);
const char *cma_map_rules_text(void);

#endif /* _CONTIG_RESERVED_MEM_H */

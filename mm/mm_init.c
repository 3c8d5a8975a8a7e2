// SPDX-License-Identifier: GPL-2.0-only
/*
 * Building the memmap and the zones, and handing memory to the buddy.
 *
 * mm_core_init() runs once, after memblock knows every RAM bank and every
 * reservation. It sizes the memmap to [min_low_pfn, max_pfn) (RAM widened
 * to pageblock boundaries), allocates it from memblock (so it lives in RAM
 * like every other kernel structure), makes one zone per contiguous bank,
 * marks every page PG_reserved and then frees every page that is RAM, not
 * no-map and not reserved into the buddy in the largest aligned blocks.
 * Every pageblock starts MIGRATE_MOVABLE, as in Linux; CMA areas become
 * MIGRATE_CMA when cma_activate_areas() hands their reserved pages over
 * with init_cma_reserved_pageblock(). After this, memblock allocation is
 * closed.
 */
#define pr_fmt(fmt) "mm: " fmt

#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/mmzone.h>
#include <contig/memblock.h>
#include <contig/slab.h>
#include <contig/string.h>
#include "internal.h"

struct page *mem_map;
unsigned long min_low_pfn;
unsigned long max_pfn;

static void zone_init(struct zone *zone, unsigned int idx, unsigned long start,
		      unsigned long end)
{
	unsigned int o, cpu;
	int mt;

	memset(zone, 0, sizeof(*zone));
	snprintf(zone->name, sizeof(zone->name), "bank%u", idx);
	spin_lock_init(&zone->lock, "zone->lock");
	zone->start_pfn = start;
	zone->end_pfn = end;
	zone->cma_policy = cma_boot_policy;
	for (o = 0; o < MAX_ORDER; o++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			INIT_LIST_HEAD(&zone->free_area[o].free_list[mt]);
	for (o = 0; o < MAX_ORDER; o++)
		for (mt = 0; mt < NR_HELD_LISTS; mt++)
			INIT_LIST_HEAD(&zone->free_area[o].held_list[mt]);
	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &zone->pcp[cpu];

		spin_lock_init(&pcp->lock, "pcp->lock");
		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			INIT_LIST_HEAD(&pcp->lists[mt]);
		pcp->high = CONFIG_PCP_HIGH;
		pcp->batch = CONFIG_PCP_BATCH;
	}
}

/* One zone per contiguous run of memory ranges, pageblock aligned. */
static void build_zones(void)
{
	phys_addr_t base, end, bank_end = 0;
	unsigned long starts[MEMBLOCK_MAX_RANGES], ends[MEMBLOCK_MAX_RANGES];
	unsigned int i, n = 0;

	for (i = 0; memblock_memory_range(i, &base, &end, NULL); i++) {
		if (!n || base != bank_end) {
			starts[n] = pageblock_start_pfn(PFN_DOWN(base));
			n++;
		}
		ends[n - 1] = ALIGN(PFN_UP(end), pageblock_nr_pages);
		bank_end = end;
	}

	nr_zones = 0;
	for (i = 0; i < n; i++) {
		if (nr_zones && starts[i] <= zones[nr_zones - 1].end_pfn) {
			zones[nr_zones - 1].end_pfn = max(zones[nr_zones - 1].end_pfn, ends[i]);
			continue;
		}
		if (nr_zones == MAX_NR_ZONES) {
			pr_warn("more than %d RAM banks: bank at pfn %#lx joins zone %s\n",
				MAX_NR_ZONES, starts[i], zones[nr_zones - 1].name);
			zones[nr_zones - 1].end_pfn = ends[i];
			continue;
		}
		zone_init(&zones[nr_zones], nr_zones, starts[i], ends[i]);
		nr_zones++;
	}
	for (i = 0; i < nr_zones; i++) {
		struct zone *zone = &zones[i];
		unsigned long nr_pb = (zone->end_pfn - zone->start_pfn) >> pageblock_order;

		zone->pageblock_mt = memblock_alloc(nr_pb, sizeof(long), "pageblock types");
		memset(zone->pageblock_mt, MIGRATE_MOVABLE, nr_pb);
		/* memblock_alloc() zeroes: every pageblock starts "movable". */
		zone->pageblock_borrow = memblock_alloc(nr_pb, sizeof(long), "pageblock borrow");
		/* Nothing is free yet: free_range() and the CMA areas count it in. */
		zone->pageblock_nr_free = memblock_alloc(nr_pb * sizeof(u32), sizeof(long),
							 "pageblock free counts");
	}
}

/* Free [spfn, epfn) to the buddy in the largest aligned blocks. */
static void free_range(unsigned long spfn, unsigned long epfn)
{
	unsigned long flags;
	while (spfn < epfn) {
		struct zone *zone = pfn_zone(spfn);
		unsigned int order = spfn ? min_t(unsigned int, __builtin_ctzl(spfn), MAX_ORDER - 1)
					  : MAX_ORDER - 1;
		unsigned long i;

		ASSERT_MSG(zone, "pfn %#lx in no zone", spfn);
		while (spfn + (1UL << order) > epfn || spfn + (1UL << order) > zone->end_pfn)
			order--;
		for (i = 0; i < (1UL << order); i++) {
			struct page *page = pfn_to_page(spfn + i);

			__atomic_store_n(&page->flags, 0, __ATOMIC_RELAXED);
			set_page_count(page, 0);
		}
		poison_pages(pfn_to_page(spfn), 1UL << order);
		spin_lock_irqsave(&zone->lock, flags);
		free_one_block_locked(zone, spfn, order);
		zone->managed_pages += 1UL << order;
		spin_unlock_irqrestore(&zone->lock, flags);
		spfn += 1UL << order;
	}
}

static void free_memblock_gaps(void)
{
	phys_addr_t mb, me, rb, re;
	unsigned int i, j, flags;

	for (i = 0; memblock_memory_range(i, &mb, &me, &flags); i++) {
		phys_addr_t cur = mb;

		if (flags & MEMBLOCK_NOMAP)
			continue;
		for (j = 0; memblock_reserved_range(j, &rb, &re, NULL); j++) {
			if (re <= cur)
				continue;
			if (rb >= me)
				break;
			if (rb > cur)
				free_range(PFN_UP(cur), PFN_DOWN(rb));
			cur = max(cur, re);
		}
		if (cur < me)
			free_range(PFN_UP(cur), PFN_DOWN(me));
	}
}

/**
 * mm_core_init - build the memmap and zones, and start the buddy allocator
 *
 * Needs memblock to know every RAM bank and reservation. Allocates the
 * memmap and the pageblock type arrays from memblock, frees every other
 * RAM page to the buddy, closes memblock allocation and starts kmalloc.
 * Prints the memmap overhead.
 */
void mm_core_init(void)
{
	phys_addr_t ram = memblock_phys_mem_size();
	unsigned long nr, i, bytes, pct;
	struct zone *zone;

	ASSERT_MSG(ram, "no RAM in memblock (%llu bytes)", (unsigned long long)ram);
	ASSERT_MSG(!memblock_is_closed(), "mm_core_init called twice (%d)", 1);
	min_low_pfn = pageblock_start_pfn(PFN_DOWN(memblock_start_of_DRAM()));
	max_pfn = ALIGN(PFN_UP(memblock_end_of_DRAM()), pageblock_nr_pages);
	nr = max_pfn - min_low_pfn;

	mem_map = memblock_alloc((phys_addr_t)nr * sizeof(struct page), 64, "memmap");
	for (i = 0; i < nr; i++) {
		mem_map[i].flags = 1u << PG_reserved;
		INIT_LIST_HEAD(&mem_map[i].lru);
	}
	build_zones();
	memblock_close();
	free_memblock_gaps();

	bytes = nr * sizeof(struct page);
	pct = (unsigned long)((u64)bytes * 10000 / ram);
	pr_info("memmap: %lu pages x %zu bytes = %lu KiB (%lu.%02lu%% of RAM)\n", nr,
		sizeof(struct page), bytes / 1024, pct / 100, pct % 100);
	for_each_zone(zone)
		pr_info("zone %s: pfn [%#lx-%#lx), %lu pages free to the buddy\n", zone->name,
			zone->start_pfn, zone->end_pfn, zone->managed_pages);
	kmalloc_init();
}

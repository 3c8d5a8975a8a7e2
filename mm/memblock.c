// SPDX-License-Identifier: GPL-2.0-only
/*
 * memblock: the boot-time physical memory map.
 *
 * Two sorted tables of non-overlapping ranges in static arrays: "memory"
 * (RAM banks from the DT, each with flags such as MEMBLOCK_NOMAP) and
 * "reserved" (each with a name saying who owns it). Adding a range only
 * inserts the parts not already covered, then merges neighbours that touch
 * and agree (same flags for memory, same name for reservations), so
 * differently-named reservations stay separate for the memory map.
 *
 * Early allocations are placed top-down: the highest aligned free range
 * that fits below the requested end. mm_core_init() closes allocation once
 * the memmap exists; after that the buddy allocator owns free memory.
 *
 * Boot is single-threaded, so there is no lock.
 */
#define pr_fmt(fmt) "memblock: " fmt

#include <contig/kernel.h>
#include <contig/memblock.h>
#include <contig/errno.h>
#include <contig/string.h>
#include <contig/mm.h>
#include "internal.h"

#define MB_NAME_LEN 24

struct mb_range {
	phys_addr_t base;
	phys_addr_t size;
	unsigned int flags;
	char name[MB_NAME_LEN];
};

struct mb_type {
	unsigned int cnt;
	struct mb_range r[MEMBLOCK_MAX_RANGES + 1]; /* + a spare for merging inserts */
};

static struct mb_type mb_memory;
static struct mb_type mb_reserved;
static bool mb_closed;

static inline phys_addr_t r_end(const struct mb_range *r)
{
	return r->base + r->size;
}

/**
 * memblock_reset - forget every range and reopen allocation (unit tests)
 */
void memblock_reset(void)
{
	memset(&mb_memory, 0, sizeof(mb_memory));
	memset(&mb_reserved, 0, sizeof(mb_reserved));
	mb_closed = false;
}

/**
 * memblock_close - forbid further early allocations
 * Called by mm_core_init() once the buddy allocator owns free memory.
 */
void memblock_close(void)
{
	mb_closed = true;
}

/**
 * memblock_is_closed - whether mm_core_init() closed early allocation
 * Return: true after memblock_close().
 */
bool memblock_is_closed(void)
{
	return mb_closed;
}

static bool range_ok(phys_addr_t base, phys_addr_t size)
{
	return base + size >= base;
}

static void mb_insert(struct mb_type *t, unsigned int idx, phys_addr_t base,
		      phys_addr_t size, unsigned int flags, const char *name)
{
	ASSERT_MSG(t->cnt <= MEMBLOCK_MAX_RANGES, "cnt %u", t->cnt);
	memmove(&t->r[idx + 1], &t->r[idx], (t->cnt - idx) * sizeof(t->r[0]));
	t->r[idx].base = base;
	t->r[idx].size = size;
	t->r[idx].flags = flags;
	strscpy_trunc(t->r[idx].name, name ? name : "", MB_NAME_LEN);
	t->cnt++;
}

static void mb_delete(struct mb_type *t, unsigned int idx)
{
	memmove(&t->r[idx], &t->r[idx + 1], (t->cnt - idx - 1) * sizeof(t->r[0]));
	t->cnt--;
}

static void mb_merge(struct mb_type *t)
{
	unsigned int i = 0;

	while (i + 1 < t->cnt) {
		struct mb_range *a = &t->r[i], *b = &t->r[i + 1];

		if (r_end(a) == b->base && a->flags == b->flags &&
		    strcmp(a->name, b->name) == 0) {
			a->size += b->size;
			mb_delete(t, i + 1);
			continue;
		}
		i++;
	}
}

static bool mb_same(const struct mb_range *r, unsigned int flags, const char *name)
{
	return r->flags == flags && strcmp(r->name, name) == 0;
}

/*
 * The first part of [cur, end) that no range covers: returns false when
 * there is none, else its bounds and the index to insert it at.
 */
static bool mb_next_gap(const struct mb_type *t, phys_addr_t cur, phys_addr_t end,
			phys_addr_t *gs, phys_addr_t *ge, unsigned int *idx)
{
	unsigned int i;

	for (i = 0; i < t->cnt && cur < end; i++) {
		const struct mb_range *r = &t->r[i];

		if (r_end(r) <= cur)
			continue;
		if (r->base >= end)
			break;
		if (r->base > cur) {
			*gs = cur;
			*ge = r->base;
			*idx = i;
			return true;
		}
		cur = r_end(r);
	}
	if (cur >= end)
		return false;
	*gs = cur;
	*ge = end;
	*idx = i;
	return true;
}

/*
 * Insert the parts of [base, base+size) that no range covers yet, merging
 * each with touching neighbours that agree. A full table changes nothing.
 */
static int mb_add_range(struct mb_type *t, phys_addr_t base, phys_addr_t size,
			unsigned int flags, const char *name)
{
	phys_addr_t end = base + size, cur = base, gs, ge;
	unsigned int i, idx;
	long net = 0;

	if (!size)
		return 0;
	/* First pass: how many slots the result needs. */
	while (mb_next_gap(t, cur, end, &gs, &ge, &idx)) {
		net++;
		for (i = 0; i < t->cnt; i++) {
			if (r_end(&t->r[i]) == gs && mb_same(&t->r[i], flags, name))
				net--;
			if (t->r[i].base == ge && mb_same(&t->r[i], flags, name))
				net--;
		}
		cur = ge;
	}
	if ((long)t->cnt + net > MEMBLOCK_MAX_RANGES) {
		pr_err("too many ranges (max %d) adding [%#llx-%#llx] %s; merge DT regions or raise MEMBLOCK_MAX_RANGES\n",
		       MEMBLOCK_MAX_RANGES, (unsigned long long)base,
		       (unsigned long long)end - 1, name);
		return -ENOSPC;
	}
	cur = base;
	while (mb_next_gap(t, cur, end, &gs, &ge, &idx)) {
		/* One spare slot: the table never holds more than MAX + 1. */
		mb_insert(t, idx, gs, ge - gs, flags, name);
		mb_merge(t);
		cur = ge;
	}
	return 0;
}

/* Split ranges so that @base and @base+@size fall on range boundaries. */
static int mb_isolate(struct mb_type *t, phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size;
	unsigned int i;

	if (t->cnt + 2 > MEMBLOCK_MAX_RANGES) {
		pr_err("too many ranges (max %d) splitting at [%#llx-%#llx]\n",
		       MEMBLOCK_MAX_RANGES, (unsigned long long)base,
		       (unsigned long long)end - 1);
		return -ENOSPC;
	}
	for (i = 0; i < t->cnt; i++) {
		struct mb_range *r = &t->r[i];
		phys_addr_t split = 0;

		if (r->base < base && base < r_end(r))
			split = base;
		else if (r->base < end && end < r_end(r))
			split = end;
		if (split) {
			struct mb_range copy = *r;

			r->size = split - r->base;
			mb_insert(t, i + 1, split, r_end(&copy) - split,
				  copy.flags, copy.name);
		}
	}
	return 0;
}

static int mb_remove_range(struct mb_type *t, phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size;
	unsigned int i = 0;
	int ret;

	if (!size)
		return 0;
	ret = mb_isolate(t, base, size);
	if (ret)
		return ret;
	while (i < t->cnt) {
		if (t->r[i].base >= base && r_end(&t->r[i]) <= end)
			mb_delete(t, i);
		else
			i++;
	}
	return 0;
}

/**
 * memblock_add - add a RAM range
 * @base: physical base
 * @size: size in bytes
 * Return: 0, -EINVAL when the range wraps, -ENOSPC when the table is full.
 */
int memblock_add(phys_addr_t base, phys_addr_t size)
{
	if (!range_ok(base, size))
		return -EINVAL;
	return mb_add_range(&mb_memory, base, size, 0, "");
}

/**
 * memblock_reserve - reserve a named range
 * @base: physical base
 * @size: size in bytes
 * @name: who owns it, for the memory map
 * Parts already reserved keep their old name.
 * Return: 0, -EINVAL when the range wraps, -ENOSPC when the table is full.
 */
int memblock_reserve(phys_addr_t base, phys_addr_t size, const char *name)
{
	if (!range_ok(base, size))
		return -EINVAL;
	return mb_add_range(&mb_reserved, base, size, 0, name ? name : "");
}

/**
 * memblock_free - drop a reservation or part of one
 * @base: physical base
 * @size: size in bytes
 * Return: 0, -EINVAL when the range wraps, -ENOSPC when a split does not fit.
 */
int memblock_free(phys_addr_t base, phys_addr_t size)
{
	if (!range_ok(base, size))
		return -EINVAL;
	return mb_remove_range(&mb_reserved, base, size);
}

/**
 * memblock_mark_nomap - flag a RAM range as no-map
 * @base: physical base
 * @size: size in bytes
 * Return: 0, -EINVAL when the range wraps, -ENOSPC when a split does not fit.
 */
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size;
	unsigned int i;
	int ret;

	if (!range_ok(base, size))
		return -EINVAL;
	if (!size)
		return 0;
	ret = mb_isolate(&mb_memory, base, size);
	if (ret)
		return ret;
	for (i = 0; i < mb_memory.cnt; i++) {
		struct mb_range *r = &mb_memory.r[i];

		if (r->base >= base && r_end(r) <= end)
			r->flags |= MEMBLOCK_NOMAP;
	}
	mb_merge(&mb_memory);
	return 0;
}

/**
 * memblock_is_region_memory - whether a range is entirely RAM
 * @base: physical base
 * @size: size in bytes
 * Return: true when every byte of [base, base+size) is in a memory range.
 */
bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t cur = base, end = base + size;
	unsigned int i;

	if (!range_ok(base, size) || !size)
		return false;
	for (i = 0; i < mb_memory.cnt; i++) {
		const struct mb_range *r = &mb_memory.r[i];

		if (r->base <= cur && cur < r_end(r))
			cur = r_end(r);
		if (cur >= end)
			return true;
	}
	return false;
}

/**
 * memblock_overlap_name - who owns a reservation that overlaps a range
 * @base: physical base
 * @size: size in bytes
 * Return: the name of the first overlapping reservation, or NULL.
 */
const char *memblock_overlap_name(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size;
	unsigned int i;

	for (i = 0; i < mb_reserved.cnt; i++) {
		const struct mb_range *r = &mb_reserved.r[i];

		if (r->base < end && base < r_end(r))
			return r->name;
	}
	return NULL;
}

/**
 * memblock_is_reserved - whether an address is inside a reservation
 * @addr: physical address
 * Return: true when reserved.
 */
bool memblock_is_reserved(phys_addr_t addr)
{
	return memblock_overlap_name(addr, 1) != NULL;
}

/**
 * memblock_is_nomap - whether an address is in a no-map memory range
 * @addr: physical address
 * Return: true when inside a MEMBLOCK_NOMAP range.
 */
bool memblock_is_nomap(phys_addr_t addr)
{
	unsigned int i;

	for (i = 0; i < mb_memory.cnt; i++) {
		const struct mb_range *r = &mb_memory.r[i];

		if (r->base <= addr && addr < r_end(r))
			return r->flags & MEMBLOCK_NOMAP;
	}
	return false;
}

/* Lowest base among reservations overlapping [base, end), or 0 if none. */
static bool mb_first_overlap(phys_addr_t base, phys_addr_t end, phys_addr_t *rbase)
{
	unsigned int i;

	for (i = 0; i < mb_reserved.cnt; i++) {
		const struct mb_range *r = &mb_reserved.r[i];

		if (r->base < end && base < r_end(r)) {
			*rbase = r->base; /* sorted: this is the lowest */
			return true;
		}
	}
	return false;
}

/**
 * memblock_phys_alloc_range - reserve an aligned range, top-down
 * @size: bytes
 * @align: power-of-two alignment (0 means PAGE_SIZE)
 * @start: lowest acceptable base
 * @end: highest acceptable end (0: end of RAM)
 * @name: name of the new reservation
 * No-map RAM is never used.
 * Return: the physical base, or 0 when nothing fits.
 */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end,
				      const char *name)
{
	int i;

	ASSERT_MSG(!mb_closed, "early allocation of %llu bytes for %s after mm_core_init()",
		   (unsigned long long)size, name ? name : "?");
	if (!align)
		align = PAGE_SIZE;
	if (!size || !is_power_of_2(align))
		return 0;
	if (!end)
		end = memblock_end_of_DRAM();

	for (i = (int)mb_memory.cnt - 1; i >= 0; i--) {
		const struct mb_range *r = &mb_memory.r[i];
		phys_addr_t lo = max(r->base, start);
		phys_addr_t top = min(r_end(r), end);

		if (r->flags & MEMBLOCK_NOMAP)
			continue;
		while (top > lo && top - lo >= size) {
			phys_addr_t cand = ALIGN_DOWN(top - size, align);
			phys_addr_t rbase;

			if (cand < lo)
				break;
			if (!mb_first_overlap(cand, cand + size, &rbase)) {
				if (memblock_reserve(cand, size, name))
					return 0;
				return cand;
			}
			top = rbase;
		}
	}
	return 0;
}

/**
 * memblock_alloc - zeroed early allocation anywhere in RAM
 * @size: bytes
 * @align: power-of-two alignment (0 means PAGE_SIZE)
 * @name: name of the reservation
 * Panics when nothing fits: boot cannot continue without it.
 * Return: the linear-map address.
 */
void *memblock_alloc(phys_addr_t size, phys_addr_t align, const char *name)
{
	phys_addr_t pa = memblock_phys_alloc_range(size, align, 0, 0, name);
	void *va;

	if (!pa)
		panic("memblock: cannot allocate %llu bytes for %s: RAM is full or too fragmented",
		      (unsigned long long)size, name ? name : "?");
	va = __va(pa);
	memset(va, 0, size);
	return va;
}

/**
 * memblock_start_of_DRAM - lowest RAM address
 * Return: the base of the first memory range, or 0 without RAM.
 */
phys_addr_t memblock_start_of_DRAM(void)
{
	return mb_memory.cnt ? mb_memory.r[0].base : 0;
}

/**
 * memblock_end_of_DRAM - one past the highest RAM address
 * Return: the end of the last memory range, or 0 without RAM.
 */
phys_addr_t memblock_end_of_DRAM(void)
{
	return mb_memory.cnt ? r_end(&mb_memory.r[mb_memory.cnt - 1]) : 0;
}

/**
 * memblock_phys_mem_size - total RAM
 * Return: the sum of the memory ranges, in bytes.
 */
phys_addr_t memblock_phys_mem_size(void)
{
	phys_addr_t sum = 0;
	unsigned int i;

	for (i = 0; i < mb_memory.cnt; i++)
		sum += mb_memory.r[i].size;
	return sum;
}

/**
 * memblock_memory_range - the @i-th memory range
 * @i: index from 0
 * @base: out, base
 * @end: out, one past the end
 * @flags: out, MEMBLOCK_* flags (may be NULL)
 * Return: false when @i is past the last range.
 */
bool memblock_memory_range(unsigned int i, phys_addr_t *base, phys_addr_t *end,
			   unsigned int *flags)
{
	if (i >= mb_memory.cnt)
		return false;
	*base = mb_memory.r[i].base;
	*end = r_end(&mb_memory.r[i]);
	if (flags)
		*flags = mb_memory.r[i].flags;
	return true;
}

/**
 * memblock_reserved_range - the @i-th reservation
 * @i: index from 0
 * @base: out, base
 * @end: out, one past the end
 * @name: out, owner name (may be NULL)
 * Return: false when @i is past the last range.
 */
bool memblock_reserved_range(unsigned int i, phys_addr_t *base, phys_addr_t *end,
			     const char **name)
{
	if (i >= mb_reserved.cnt)
		return false;
	*base = mb_reserved.r[i].base;
	*end = r_end(&mb_reserved.r[i]);
	if (name)
		*name = mb_reserved.r[i].name;
	return true;
}

static void fmt_size(char *buf, size_t len, phys_addr_t size)
{
	if (size >= SZ_1M && !(size % SZ_1M))
		snprintf(buf, len, "%llu MiB", (unsigned long long)(size / SZ_1M));
	else if (size >= SZ_1K && !(size % SZ_1K))
		snprintf(buf, len, "%llu KiB", (unsigned long long)(size / SZ_1K));
	else
		snprintf(buf, len, "%llu bytes", (unsigned long long)size);
}

/**
 * memblock_dump - print the memory map: RAM banks, then every reservation
 */
void memblock_dump(void)
{
	phys_addr_t total = 0;
	unsigned int i;
	char sz[32];

	fmt_size(sz, sizeof(sz), memblock_phys_mem_size());
	pr_info("memory: %u range(s), %s\n", mb_memory.cnt, sz);
	for (i = 0; i < mb_memory.cnt; i++) {
		const struct mb_range *r = &mb_memory.r[i];

		fmt_size(sz, sizeof(sz), r->size);
		pr_info("  [%#010llx-%#010llx] %10s%s\n", (unsigned long long)r->base,
			(unsigned long long)r_end(r) - 1, sz,
			(r->flags & MEMBLOCK_NOMAP) ? " no-map" : "");
	}
	for (i = 0; i < mb_reserved.cnt; i++)
		total += mb_reserved.r[i].size;
	fmt_size(sz, sizeof(sz), total);
	pr_info("reserved: %u range(s), %s\n", mb_reserved.cnt, sz);
	for (i = 0; i < mb_reserved.cnt; i++) {
		const struct mb_range *r = &mb_reserved.r[i];

		fmt_size(sz, sizeof(sz), r->size);
		pr_info("  [%#010llx-%#010llx] %10s  %s\n", (unsigned long long)r->base,
			(unsigned long long)r_end(r) - 1, sz, r->name);
	}
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device tree memory, /memreserve/, /reserved-memory and the region table.
 *
 * Boot reads the DT with libfdt in three steps (init/main.c calls them in
 * order): the RAM banks of every memory node go to memblock; the DTB itself
 * and each /memreserve/ entry are reserved; then each child of
 * /reserved-memory is turned into a region following Linux's binding:
 * static regions (with reg) first, dynamic ones (size, alignment,
 * alloc-ranges) after them, so dynamic placement sees every fixed region.
 * A reusable shared-dma-pool node becomes a CMA area through cma_declare();
 * any other node is a plain memblock reservation (no-map ones are also
 * taken out of the linear map). As in Linux, only a CMA area must be made
 * of whole pageblocks; other static regions are reserved to the byte.
 *
 * A region wholly outside RAM is recorded with RMEM_DEVICE and nothing is
 * reserved, since memblock and the page allocator never see that memory.
 * A no-map shared-dma-pool there is a board's SRAM or video RAM (e.g.
 * vexpress's vram@4c000000): its coherent pool maps it when a device first
 * names it (kernel/dma/coherent.c). A region partly in RAM, a reusable one
 * outside it, and a pool outside RAM that is not no-map are dropped.
 *
 * reserved_mem_declare() is the single place that checks a region (also
 * those from cma=, mm/cma_cmdline.c) before reserving it. Each region that
 * must be dropped gets exactly one message naming where it was declared and
 * what to change; boot then goes on with the others. cma_declare() prints
 * its own message when it fails, so nothing more is printed for that.
 *
 * Every region, whatever its origin, is recorded in a small static table
 * (name, range, flags, origin, CMA area): reserved_mem_find() and
 * cma_map= resolve region names against it. The table is written only
 * during single-threaded boot and is read-only afterwards, so it needs no
 * lock.
 */
#define pr_fmt(fmt) "reserved-memory: " fmt

#include <contig/kernel.h>
#include <contig/string.h>
#include <contig/errno.h>
#include <contig/mm.h>
#include <contig/memblock.h>
#include <contig/cma.h>
#include <contig/reserved_mem.h>
#include <contig/cma_borrow.h>
#include <contig/of.h>
#include <libfdt.h>

#define RMEM_WHO_LEN 96

static struct reserved_mem rmem_table[MAX_RESERVED_MEM];
static unsigned int rmem_count;
/* memblock keeps the names it is given: they must outlive boot. */
static char rmem_mb_name[MAX_RESERVED_MEM][RMEM_NAME_LEN + 8];

static phys_addr_t pageblock_bytes(void)
{
	return PFN_PHYS(pageblock_nr_pages);
}

__printf(2, 3) static void rmem_drop(const struct rmem_request *req, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk_level(LOGLEVEL_ERR, "%s: %s: %s; region dropped\n",
		     req->subsys ? req->subsys : "reserved-memory", req->who ? req->who : req->name,
		     msg);
}

static unsigned long long ull(phys_addr_t v)
{
	return (unsigned long long)v;
}

/* "64 MiB", or "12 KiB" when @size is not whole MiB. */
static const char *size_str(char *buf, size_t len, phys_addr_t size)
{
	if (IS_ALIGNED(size, (phys_addr_t)SZ_1M))
		snprintf(buf, len, "%llu MiB", ull(size >> 20));
	else
		snprintf(buf, len, "%llu KiB", ull(size >> 10));
	return buf;
}

static phys_addr_t next_pow2(phys_addr_t v)
{
	phys_addr_t p = 1;

	while (p < v && p)
		p <<= 1;
	return p;
}

/* Does [@base, @base + @size) run past the last byte of the address space? */
static bool range_wraps(phys_addr_t base, phys_addr_t size)
{
	return size && size - 1 > ~(phys_addr_t)0 - base;
}

/* Whether [@base, @base + @size) meets a RAM bank at all. */
static bool touches_ram(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t s, e;
	unsigned int i;

	for (i = 0; memblock_memory_range(i, &s, &e, NULL); i++)
		if (s < base + size && base < e)
			return true;
	return false;
}

/*
 * A region outside RAM: valid when it lies wholly outside RAM, is not
 * reusable (a CMA area is RAM) and clears the other regions; a
 * shared-dma-pool there is a device's memory (SRAM, video RAM), which must
 * be no-map and page-aligned for its pool to map it. Any other node there
 * reserves nothing (Linux's memblock_reserve() of it is a no-op too).
 */
static bool check_device(const struct rmem_request *req, phys_addr_t base, phys_addr_t size)
{
	unsigned int i;

	if (touches_ram(base, size)) {
		rmem_drop(req, "0x%llx-0x%llx is partly RAM (0x%llx-0x%llx) and partly not; a region lies wholly in RAM, or wholly outside it as no-map device memory",
			  ull(base), ull(base + size - 1), ull(memblock_start_of_DRAM()),
			  ull(memblock_end_of_DRAM() - 1));
		return false;
	}
	if (req->reusable) {
		rmem_drop(req, "0x%llx-0x%llx is outside RAM (0x%llx-0x%llx); a reusable region must be RAM: move it into RAM",
			  ull(base), ull(base + size - 1), ull(memblock_start_of_DRAM()),
			  ull(memblock_end_of_DRAM() - 1));
		return false;
	}
	if (req->dma_pool && !req->nomap) {
		rmem_drop(req, "0x%llx-0x%llx is outside RAM (0x%llx-0x%llx); a pool in device memory (SRAM, video RAM) must be no-map: add no-map, or move the region into RAM",
			  ull(base), ull(base + size - 1), ull(memblock_start_of_DRAM()),
			  ull(memblock_end_of_DRAM() - 1));
		return false;
	}
	if (req->dma_pool && !IS_ALIGNED(base | size, (phys_addr_t)PAGE_SIZE)) {
		rmem_drop(req, "pool 0x%llx+0x%llx in device memory (outside RAM) is not page-aligned; align base and size to %lu bytes",
			  ull(base), ull(size), PAGE_SIZE);
		return false;
	}
	for (i = 0; i < rmem_count; i++) {
		const struct reserved_mem *o = &rmem_table[i];

		if (o->base < base + size && base < o->base + o->size) {
			rmem_drop(req, "0x%llx-0x%llx overlaps region \"%s\" (%s); move or shrink one of them",
				  ull(base), ull(base + size - 1), o->name, o->origin);
			return false;
		}
	}
	return true;
}

/* A static region. Return: false (after one message) to drop it. */
static bool check_fixed(const struct rmem_request *req, phys_addr_t base, phys_addr_t size,
			bool is_cma, bool *device)
{
	phys_addr_t pb = pageblock_bytes();
	const char *other;

	*device = false;
	if (range_wraps(base, size)) {
		rmem_drop(req, "base 0x%llx + size 0x%llx wraps past the end of the 64-bit address space; %s",
			  ull(base), ull(size),
			  req->fdt_node >= 0 ? "fix the reg property" : "fix the size or @start");
		return false;
	}
	if (is_cma && !IS_ALIGNED(base, pb)) {
		if (req->fdt_node >= 0)
			rmem_drop(req, "reg base 0x%llx is not aligned to the %llu MiB pageblock; align it (e.g. 0x%llx) or use size + alignment instead",
				  ull(base), ull(pb >> 20), ull(ALIGN_DOWN(base, pb)));
		else
			rmem_drop(req, "base 0x%llx is not aligned to the %llu MiB pageblock; align it (e.g. 0x%llx) or leave out @start",
				  ull(base), ull(pb >> 20), ull(ALIGN_DOWN(base, pb)));
		return false;
	}
	if (!memblock_is_region_memory(base, size)) {
		*device = check_device(req, base, size);
		return *device;
	}
	other = memblock_overlap_name(base, size);
	if (other) {
		rmem_drop(req, "0x%llx-0x%llx overlaps the reservation \"%s\"; move or shrink one of them",
			  ull(base), ull(base + size - 1), other);
		return false;
	}
	return true;
}

/* Clip window @i of @req to RAM. Return: false when it misses RAM. */
static bool window(const struct rmem_request *req, unsigned int i, phys_addr_t *s,
		   phys_addr_t *e)
{
	phys_addr_t ram_s = memblock_start_of_DRAM(), ram_e = memblock_end_of_DRAM();

	if (i >= req->nr_ranges) {
		*s = ram_s;
		*e = ram_e;
		return true;
	}
	*s = max(req->range_start[i], ram_s);
	*e = min(req->range_end[i], ram_e);
	return *s < *e;
}

static bool default_exists(const struct reserved_mem **which)
{
	unsigned int i;

	for (i = 0; i < rmem_count; i++) {
		if (rmem_table[i].flags & RMEM_DEFAULT) {
			*which = &rmem_table[i];
			return true;
		}
	}
	return false;
}

/**
 * reserved_mem_declare - check, reserve and record one region
 * @req: the region; @req->who and @req->subsys name it in messages
 *
 * Checks the name, flags, size, alignment, placement (inside RAM and free
 * of every other reservation, or no-map device memory wholly outside RAM)
 * and table room; prints one message and drops the region when any check
 * fails. A reusable shared-dma-pool region is declared as a CMA area (whole
 * pageblocks); anything else is reserved in memblock as "rmem:<name>" (and
 * marked no-map when asked), except device memory, which is only recorded.
 *
 * Return: 0, or a negative errno when the region was dropped.
 */
int reserved_mem_declare(const struct rmem_request *req)
{
	phys_addr_t pb = pageblock_bytes(), align, base = 0, size;
	const struct reserved_mem *other;
	struct reserved_mem *rm;
	bool is_cma, device = false;
	unsigned int i;
	size_t nlen;
	char sz[24];

	if (!req || !req->name)
		return -EINVAL;
	size = req->size;
	is_cma = req->reusable && req->dma_pool;
	nlen = strlen(req->name);

	if (nlen == 0 || nlen >= RMEM_NAME_LEN) {
		rmem_drop(req, "region name \"%s\" must be 1..%d characters; rename it", req->name,
			  RMEM_NAME_LEN - 1);
		return -EINVAL;
	}
	other = reserved_mem_find(req->name);
	if (other) {
		rmem_drop(req, "a region named \"%s\" already exists (%s); give each region its own name",
			  req->name, other->origin);
		return -EEXIST;
	}
	if (rmem_count >= MAX_RESERVED_MEM) {
		rmem_drop(req, "too many reserved regions: the table holds %d; remove or merge regions",
			  MAX_RESERVED_MEM);
		return -ENOSPC;
	}
	if (req->nomap && req->reusable) {
		rmem_drop(req, "no-map and reusable together are invalid: a reusable region must stay mapped; remove one of them");
		return -EINVAL;
	}
	if (req->ready && !is_cma) {
		rmem_drop(req, "contig,ready-size needs a CMA area (reusable and compatible = \"shared-dma-pool\"); add them or remove contig,ready-size");
		return -EINVAL;
	}
	if (req->ready > size) {
		rmem_drop(req, "contig,ready-size 0x%llx is larger than the region (0x%llx bytes); give at most its size",
			  ull(req->ready), ull(size));
		return -EINVAL;
	}
	if (req->borrow != CMA_BORROW_MOVABLE && !is_cma) {
		rmem_drop(req, "contig,borrow = \"%s\" needs a CMA area (reusable and compatible = \"shared-dma-pool\"); add them or remove contig,borrow",
			  cma_borrow_name((enum cma_borrow)req->borrow));
		return -EINVAL;
	}
	if (req->is_default && !is_cma) {
		rmem_drop(req, "linux,cma-default needs reusable and compatible = \"shared-dma-pool\"; add them or remove linux,cma-default");
		return -EINVAL;
	}
	if (req->is_default && default_exists(&other)) {
		rmem_drop(req, "the default CMA area is already \"%s\" (%s); keep linux,cma-default on one region only",
			  other->name, other->origin);
		return -EEXIST;
	}
	if (size == 0) {
		rmem_drop(req, "size is zero; give the size of the region in bytes");
		return -EINVAL;
	}
	if (size > ~(phys_addr_t)0 - (pb - 1)) {
		/* ALIGN() would wrap to 0: say so rather than "rounded up to 0x0". */
		rmem_drop(req, "size 0x%llx overflows the 64-bit address space when rounded up to whole %llu MiB pageblocks; give the size in bytes (RAM is 0x%llx bytes)",
			  ull(size), ull(pb >> 20), ull(memblock_phys_mem_size()));
		return -EINVAL;
	}
	if (is_cma && !IS_ALIGNED(size, pb)) {
		if (req->fixed) {
			rmem_drop(req, "size 0x%llx is not a multiple of the %llu MiB pageblock; use 0x%llx",
				  ull(size), ull(pb >> 20), ull(ALIGN(size, pb)));
			return -EINVAL;
		}
		printk_level(LOGLEVEL_INFO,
			     "%s: %s: size 0x%llx rounded up to 0x%llx (whole %llu MiB pageblocks)\n",
			     req->subsys, req->who, ull(size), ull(ALIGN(size, pb)), ull(pb >> 20));
		size = ALIGN(size, pb);
	}
	if (req->align && !is_power_of_2(req->align)) {
		rmem_drop(req, "alignment 0x%llx is not a power of two; use e.g. 0x%llx",
			  ull(req->align), ull(next_pow2(req->align)));
		return -EINVAL;
	}
	/* CMA areas are made of pageblocks; other regions of pages at least. */
	align = max(req->align, is_cma ? pb : (phys_addr_t)PAGE_SIZE);

	if (req->fixed) {
		base = req->base;
		if (!check_fixed(req, base, size, is_cma, &device))
			return -EINVAL;
	} else {
		for (i = 0; i < req->nr_ranges; i++) {
			phys_addr_t s, e;

			if (!window(req, i, &s, &e)) {
				rmem_drop(req, "placement window 0x%llx-0x%llx is outside RAM (0x%llx-0x%llx); move it into RAM",
					  ull(req->range_start[i]), ull(req->range_end[i] - 1),
					  ull(memblock_start_of_DRAM()),
					  ull(memblock_end_of_DRAM() - 1));
				return -EINVAL;
			}
		}
	}

	rm = &rmem_table[rmem_count];
	memset(rm, 0, sizeof(*rm));
	strscpy_trunc(rm->name, req->name, sizeof(rm->name));
	strscpy_trunc(rm->origin, req->origin ? req->origin : "", sizeof(rm->origin));
	rm->fdt_node = req->fdt_node;
	rm->flags = (req->nomap ? RMEM_NOMAP : 0) | (req->reusable ? RMEM_REUSABLE : 0) |
		    (req->is_default ? RMEM_DEFAULT : 0) | (req->dma_pool ? RMEM_DMA_POOL : 0) |
		    (device ? RMEM_DEVICE : 0);

	if (is_cma) {
		struct cma_decl d;
		struct cma *cma;
		int ret;

		memset(&d, 0, sizeof(d));
		d.name = rm->name;
		d.origin = rm->origin;
		d.size = size;
		d.align = req->align ? align : 0;
		d.is_default = req->is_default;
		d.borrow = (enum cma_borrow)req->borrow;
		d.ready_size = req->ready;
		if (req->fixed) {
			d.fixed = true;
			d.base = base;
		} else if (req->nr_ranges == 1) {
			window(req, 0, &d.range_start, &d.range_end);
		} else if (req->nr_ranges > 1) {
			/* Several windows: find the first with room, then fix it there. */
			for (i = 0; i < req->nr_ranges; i++) {
				phys_addr_t s, e, b;

				window(req, i, &s, &e);
				b = memblock_phys_alloc_range(size, align, s, e, "rmem:probe");
				if (b) {
					memblock_free(b, size);
					d.fixed = true;
					d.base = b;
					break;
				}
			}
			if (!d.fixed) {
				rmem_drop(req, "no room for 0x%llx bytes aligned to 0x%llx in any alloc-ranges window; shrink the region or widen alloc-ranges",
					  ull(size), ull(align));
				return -ENOMEM;
			}
		}
		ret = cma_declare(&d, &cma);
		if (ret)
			return ret; /* cma_declare() said what is wrong */
		rm->cma = cma;
		rm->base = cma_get_base(cma);
		rm->size = cma_get_size(cma);
		rmem_count++;
		printk_level(LOGLEVEL_INFO,
			     "%s: %s: created CMA memory pool \"%s\" at 0x%08llx, size %llu MiB%s\n",
			     req->subsys, req->who, rm->name, ull(rm->base), ull(rm->size >> 20),
			     req->is_default ? " (default)" : "");
		return 0;
	}

	snprintf(rmem_mb_name[rmem_count], sizeof(rmem_mb_name[0]), "rmem:%s", rm->name);
	if (device) {
		rm->base = base;
		rm->size = size;
		rmem_count++;
		printk_level(LOGLEVEL_INFO, "%s: %s: \"%s\" at 0x%08llx, size %s: %s\n",
			     req->subsys, req->who, rm->name, ull(base),
			     size_str(sz, sizeof(sz), size),
			     req->dma_pool ? "device memory outside RAM (no-map)" :
					     "outside RAM, nothing to reserve");
		return 0;
	}
	if (req->fixed) {
		if (memblock_reserve(base, size, rmem_mb_name[rmem_count])) {
			rmem_drop(req, "memblock cannot record the reservation (table full?); remove regions");
			return -ENOSPC;
		}
	} else {
		unsigned int nwin = req->nr_ranges ? req->nr_ranges : 1;

		for (i = 0; i < nwin && !base; i++) {
			phys_addr_t s, e;

			window(req, i, &s, &e);
			base = memblock_phys_alloc_range(size, align, s, e,
							 rmem_mb_name[rmem_count]);
		}
		if (!base) {
			rmem_drop(req, "no room for 0x%llx bytes aligned to 0x%llx in %s; shrink the region or free the window",
				  ull(size), ull(align),
				  req->nr_ranges ? "its alloc-ranges windows" : "RAM");
			return -ENOMEM;
		}
	}
	if (req->nomap)
		memblock_mark_nomap(base, size);
	rm->base = base;
	rm->size = size;
	rmem_count++;
	printk_level(LOGLEVEL_INFO, "%s: %s: reserved \"%s\" at 0x%08llx, size %s%s\n",
		     req->subsys, req->who, rm->name, ull(base), size_str(sz, sizeof(sz), size),
		     req->nomap ? " (no-map)" : "");
	return 0;
}

/* ---- Device tree ---------------------------------------------------- */

/**
 * early_init_dt_scan_memory - add the RAM banks of the DT to memblock
 * @fdt: the flattened device tree
 *
 * Every enabled top-level node with device_type = "memory" (or named
 * memory / memory@...) contributes each <address size> pair of its reg,
 * read with the root's #address-cells and #size-cells.
 *
 * Return: 0, or -EINVAL when the DTB is bad or describes no RAM.
 */
int early_init_dt_scan_memory(const void *fdt)
{
	int ac, sc, node, len, banks = 0;

	if (!fdt || fdt_check_header(fdt)) {
		pr_err("the device tree blob is not valid (bad header); pass a DTB built by dtc\n");
		return -EINVAL;
	}
	ac = fdt_address_cells(fdt, 0);
	sc = fdt_size_cells(fdt, 0);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2) {
		pr_err("/: #address-cells = <%d> and #size-cells = <%d> are not supported; use 1 or 2\n",
		       ac, sc);
		return -EINVAL;
	}

	fdt_for_each_subnode(node, fdt, 0) {
		const char *type = fdt_getprop(fdt, node, "device_type", &len);
		const char *name = fdt_get_name(fdt, node, NULL);
		const fdt32_t *reg;
		int i, n;

		if (!(type && len > 0 && strcmp(type, "memory") == 0) &&
		    !(name && (strcmp(name, "memory") == 0 || strncmp(name, "memory@", 7) == 0)))
			continue;
		if (!of_node_is_enabled(fdt, node))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || len <= 0 || len % ((ac + sc) * 4)) {
			pr_err("/%s: reg is missing or malformed; give <address size> pairs of %d+%d cells; bank ignored\n",
			       name, ac, sc);
			continue;
		}
		n = len / ((ac + sc) * 4);
		for (i = 0; i < n; i++, reg += ac + sc) {
			u64 base = of_read_number(reg, ac), size = of_read_number(reg + ac, sc);
			u64 b, e;

			if (size == 0)
				continue;
			if (size - 1 > ~(u64)0 - base || base > ~(u64)0 - (PAGE_SIZE - 1)) {
				pr_err("/%s: RAM bank 0x%llx + size 0x%llx wraps past the end of the 64-bit address space; fix its reg; bank ignored\n",
				       name, (unsigned long long)base, (unsigned long long)size);
				continue;
			}
			b = ALIGN(base, (u64)PAGE_SIZE);
			e = base + size == 0 ? ALIGN_DOWN(~(u64)0, (u64)PAGE_SIZE) :
					       ALIGN_DOWN(base + size, (u64)PAGE_SIZE);
			if (e <= b)
				continue;
			if (memblock_add(b, e - b)) {
				pr_err("/%s: cannot add RAM bank 0x%llx-0x%llx; bank ignored\n", name,
				       (unsigned long long)b, (unsigned long long)(e - 1));
				continue;
			}
			banks++;
		}
	}
	if (!banks) {
		pr_err("no RAM in the device tree: add a /memory node with device_type = \"memory\" and reg = <base size>\n");
		return -EINVAL;
	}
	return 0;
}

/**
 * early_init_fdt_reserve_self - reserve the DTB and the /memreserve/ entries
 * @fdt: the flattened device tree
 * @fdt_phys: where the DTB lies in RAM
 */
void early_init_fdt_reserve_self(const void *fdt, phys_addr_t fdt_phys)
{
	int i, n;

	if (!fdt || fdt_check_header(fdt))
		return;
	if (memblock_reserve(fdt_phys, fdt_totalsize(fdt), "dtb"))
		pr_err("cannot reserve the DTB at 0x%llx (%u bytes)\n", ull(fdt_phys),
		       (unsigned int)fdt_totalsize(fdt));
	n = fdt_num_mem_rsv(fdt);
	for (i = 0; i < n; i++) {
		u64 addr, size;

		if (fdt_get_mem_rsv(fdt, i, &addr, &size) || size == 0)
			continue;
		if (memblock_reserve(addr, size, "memreserve"))
			pr_err("/memreserve/ 0x%llx 0x%llx: cannot reserve it\n",
			       (unsigned long long)addr, (unsigned long long)size);
	}
}

struct rmem_node_ctx {
	const void *fdt;
	int parent, ac, sc;
	bool fallback; /* declaring the bypassed DT default after all */
};

/* The DT default node cma= made boot bypass, and how to read it. */
static struct rmem_node_ctx bypassed_ctx;
static int bypassed_node = -1;

/* Length of a node name without its unit address. */
static int base_name_len(const char *full)
{
	const char *at = strchr(full, '@');

	return at ? (int)(at - full) : (int)strlen(full);
}

/* Whether an enabled sibling of @node is named exactly @name (no unit address). */
static bool sibling_named(const struct rmem_node_ctx *c, int node, const char *name)
{
	int other;

	fdt_for_each_subnode(other, c->fdt, c->parent) {
		const char *o = fdt_get_name(c->fdt, other, NULL);

		if (other != node && o && !strcmp(o, name) && of_node_is_enabled(c->fdt, other))
			return true;
	}
	return false;
}

__printf(2, 3) static void node_drop(const char *who, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_err("%s: %s; region dropped\n", who, msg);
}

/*
 * contig,borrow = "none" | "clean" | "movable": who may borrow the free
 * pages of the area (Documentation/devicetree/bindings/reserved-memory/
 * contig,borrow.yaml). Return: false, after one message, for a bad value.
 */
static bool scan_rmem_borrow(const void *fdt, int node, const char *who,
			     struct rmem_request *req)
{
	const char *val;
	int len, b;

	val = fdt_getprop(fdt, node, "contig,borrow", &len);
	if (!val)
		return true;
	b = len > 0 && strnlen(val, (size_t)len) == (size_t)len - 1 ? cma_borrow_parse(val) : -1;
	if (b < 0) {
		if (len > 0 && strnlen(val, (size_t)len) == (size_t)len - 1)
			node_drop(who, "contig,borrow = \"%s\" is not a policy; use " CMA_BORROW_VALUES,
				  val);
		else
			node_drop(who, "contig,borrow is not a string (%d bytes); use " CMA_BORROW_VALUES,
				  len);
		return false;
	}
	req->borrow = b;
	return true;
}

static void scan_rmem_node(const struct rmem_node_ctx *c, int node)
{
	const void *fdt = c->fdt;
	char who[RMEM_WHO_LEN], origin[sizeof(((struct reserved_mem *)0)->origin)];
	char name[64];
	struct rmem_request req;
	const fdt32_t *prop;
	const char *full;
	int len, cells = c->ac + c->sc;

	full = fdt_get_name(fdt, node, NULL);
	if (!full)
		return;
	snprintf(who, sizeof(who), "/reserved-memory/%s", full);
	snprintf(origin, sizeof(origin), "DT node /reserved-memory/%s", full);
	/*
	 * The name without the unit address; the full node name when a
	 * region has that name already (region@b4000000 then region@bf000000:
	 * two regions for Linux, which names them by full node name) or when
	 * a sibling is called just that (framebuffer@9f000000 beside
	 * framebuffer), so that both get the names Linux gives them.
	 */
	len = base_name_len(full);
	snprintf(name, sizeof(name), "%.*s", len, full);
	if (reserved_mem_find(name) || (full[len] && sibling_named(c, node, name)))
		snprintf(name, sizeof(name), "%s", full);

	if (!of_node_is_enabled(fdt, node)) {
		pr_info("%s: status is \"%s\": skipped\n", who,
			(const char *)fdt_getprop(fdt, node, "status", NULL));
		return;
	}

	memset(&req, 0, sizeof(req));
	req.name = name;
	req.origin = origin;
	req.who = who;
	req.subsys = "reserved-memory";
	req.fdt_node = node;
	req.nomap = fdt_getprop(fdt, node, "no-map", NULL) != NULL;
	req.reusable = fdt_getprop(fdt, node, "reusable", NULL) != NULL;
	req.dma_pool = fdt_node_check_compatible(fdt, node, "shared-dma-pool") == 0;
	req.is_default = fdt_getprop(fdt, node, "linux,cma-default", NULL) != NULL;
	if (!scan_rmem_borrow(fdt, node, who, &req))
		return;
	prop = fdt_getprop(fdt, node, "contig,ready-size", &len);
	if (prop) {
		if (len != c->sc * 4) {
			node_drop(who, "cannot parse contig,ready-size: it is %d bytes, expected %d cell(s) (#size-cells of /reserved-memory)",
				  len, c->sc);
			return;
		}
		req.ready = of_read_number(prop, c->sc);
		if (!req.ready) {
			node_drop(who, "contig,ready-size is zero; give the reserve in bytes or remove the property");
			return;
		}
	}

	if (req.is_default && cma_cmdline_has_default() && !c->fallback) {
		if (cma_cmdline_default_off())
			pr_info("bypassing DT default %s: cma=0 turns the default CMA area off\n",
				name);
		else
			pr_info("bypassing DT default %s: using cma= from the command line\n", name);
		bypassed_ctx = *c;
		bypassed_node = node;
		return;
	}

	prop = fdt_getprop(fdt, node, "reg", &len);
	if (prop) {
		if (len <= 0 || len % (cells * 4)) {
			node_drop(who, "reg is malformed (%d bytes); give <address size> with %d+%d cells (#address-cells/#size-cells of /reserved-memory)",
				  len, c->ac, c->sc);
			return;
		}
		if (len / (cells * 4) > 1) {
			node_drop(who, "reg has %d ranges; contig takes one range per region; split it into one node per range",
				  len / (cells * 4));
			return;
		}
		req.fixed = true;
		req.base = of_read_number(prop, c->ac);
		req.size = of_read_number(prop + c->ac, c->sc);
		if (req.size == 0) {
			node_drop(who, "reg size is zero; give the size of the region");
			return;
		}
		reserved_mem_declare(&req);
		return;
	}

	prop = fdt_getprop(fdt, node, "size", &len);
	if (!prop) {
		node_drop(who, "has neither reg nor size; give a static reg = <base size> or a dynamic size = <bytes>");
		return;
	}
	if (len != c->sc * 4) {
		node_drop(who, "cannot parse size: it is %d bytes, expected %d cell(s) (#size-cells of /reserved-memory)",
			  len, c->sc);
		return;
	}
	req.size = of_read_number(prop, c->sc);
	if (req.size == 0) {
		node_drop(who, "size is zero; give the size of the region in bytes");
		return;
	}

	prop = fdt_getprop(fdt, node, "alignment", &len);
	if (prop) {
		if (len != c->sc * 4) {
			node_drop(who, "cannot parse alignment: it is %d bytes, expected %d cell(s) (#size-cells)",
				  len, c->sc);
			return;
		}
		req.align = of_read_number(prop, c->sc);
		if (!is_power_of_2(req.align)) {
			node_drop(who, "alignment 0x%llx is not a power of two; use e.g. 0x%llx",
				  ull(req.align), ull(next_pow2(req.align ? req.align : 1)));
			return;
		}
	}

	prop = fdt_getprop(fdt, node, "alloc-ranges", &len);
	if (prop) {
		int i, n;

		if (len <= 0 || len % (cells * 4)) {
			node_drop(who, "alloc-ranges is malformed (%d bytes); give <address size> pairs of %d+%d cells",
				  len, c->ac, c->sc);
			return;
		}
		n = len / (cells * 4);
		if (n > RMEM_MAX_RANGES) {
			node_drop(who, "alloc-ranges has %d windows, at most %d are supported; merge windows",
				  n, RMEM_MAX_RANGES);
			return;
		}
		for (i = 0; i < n; i++, prop += cells) {
			u64 s = of_read_number(prop, c->ac), sz = of_read_number(prop + c->ac, c->sc);

			if (sz == 0 || s + sz < s) {
				node_drop(who, "alloc-ranges window %d (0x%llx size 0x%llx) is empty or wraps; give <address size> with size > 0",
					  i, (unsigned long long)s, (unsigned long long)sz);
				return;
			}
			req.range_start[i] = s;
			req.range_end[i] = s + sz;
		}
		req.nr_ranges = (unsigned int)n;
	}
	reserved_mem_declare(&req);
}

static int rmem_cells(const void *fdt, int node, const char *prop, int dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, prop, &len);

	if (!p || len != 4)
		return dflt;
	return (int)fdt32_to_cpu(*p);
}

/**
 * fdt_init_reserved_mem - create the regions of /reserved-memory
 * @fdt: the flattened device tree
 *
 * Static children (reg) are reserved first, dynamic ones (size) after.
 * Disabled children are skipped; a linux,cma-default child is skipped when
 * cma= gave the default area. Each bad child gets one message and is
 * dropped.
 */
void fdt_init_reserved_mem(const void *fdt)
{
	struct rmem_node_ctx c;
	int parent, node, pass, len;
	const void *ranges;

	if (!fdt || fdt_check_header(fdt))
		return;
	parent = fdt_path_offset(fdt, "/reserved-memory");
	if (parent < 0) {
		pr_info("no /reserved-memory node\n");
		return;
	}
	c.fdt = fdt;
	c.parent = parent;
	c.fallback = false;
	c.ac = rmem_cells(fdt, parent, "#address-cells", fdt_address_cells(fdt, 0));
	c.sc = rmem_cells(fdt, parent, "#size-cells", fdt_size_cells(fdt, 0));
	if (c.ac < 1 || c.ac > 2 || c.sc < 1 || c.sc > 2) {
		pr_err("/reserved-memory: #address-cells = <%d> and #size-cells = <%d> are not supported; use 1 or 2; every reserved region ignored\n",
		       c.ac, c.sc);
		return;
	}
	ranges = fdt_getprop(fdt, parent, "ranges", &len);
	if (ranges && len != 0) {
		pr_err("/reserved-memory: ranges must be empty (addresses are physical); write \"ranges;\"; every reserved region ignored\n");
		return;
	}
	if (!ranges)
		pr_warn("/reserved-memory: no ranges property; add \"ranges;\" (addresses are taken as physical)\n");

	for (pass = 0; pass < 2; pass++) {
		fdt_for_each_subnode(node, fdt, parent) {
			bool is_static = fdt_getprop(fdt, node, "reg", NULL) != NULL;

			if (is_static == (pass == 0))
				scan_rmem_node(&c, node);
		}
	}
}

/**
 * fdt_reserve_bypassed_default - declare the bypassed DT default after all
 * @why: what happened to cma=, for the message ("cma=64M@... was refused")
 *
 * Called by the cma= code when the Linux-syntax area it asked for could
 * not be placed, so that the board keeps the default area its DT gives.
 * Return: 0 when a DT default node had been bypassed (it is declared now,
 * with the usual messages), -ENOENT otherwise.
 */
int fdt_reserve_bypassed_default(const char *why)
{
	const char *full;

	if (bypassed_node < 0)
		return -ENOENT;
	full = fdt_get_name(bypassed_ctx.fdt, bypassed_node, NULL);
	pr_warn("%s: falling back to the device tree's default area /reserved-memory/%s\n",
		why, full ? full : "?");
	bypassed_ctx.fallback = true;
	scan_rmem_node(&bypassed_ctx, bypassed_node);
	bypassed_node = -1;
	return 0;
}

/* ---- The region table ----------------------------------------------- */

/**
 * reserved_mem_count - number of regions in the table
 * Return: the count.
 */
unsigned int reserved_mem_count(void)
{
	return rmem_count;
}

/**
 * reserved_mem_get - region @i of the table
 * @i: index, 0 .. reserved_mem_count() - 1
 * Return: the region, or NULL when @i is out of range.
 */
const struct reserved_mem *reserved_mem_get(unsigned int i)
{
	return i < rmem_count ? &rmem_table[i] : NULL;
}

/**
 * reserved_mem_find - look a region up by name
 * @name: region name (the DT node name before '@', or the cma= name)
 * Return: the region, or NULL.
 */
const struct reserved_mem *reserved_mem_find(const char *name)
{
	unsigned int i;

	if (!name)
		return NULL;
	for (i = 0; i < rmem_count; i++)
		if (strcmp(rmem_table[i].name, name) == 0)
			return &rmem_table[i];
	return NULL;
}

/**
 * reserved_mem_print - print the region table
 */
void reserved_mem_print(void)
{
	unsigned int i;

	pr_info("%u region(s):\n", rmem_count);
	if (!rmem_count)
		return;
	printk_level(LOGLEVEL_INFO, "  %-16s %-12s %-12s %8s  %-24s %s\n", "name", "base", "end",
		     "size", "flags", "origin");
	for (i = 0; i < rmem_count; i++) {
		const struct reserved_mem *rm = &rmem_table[i];
		char flags[64];

		snprintf(flags, sizeof(flags), "%s%s%s%s%s%s",
			 rm->cma ? "cma" : "static",
			 rm->flags & RMEM_REUSABLE ? ",reusable" : "",
			 rm->flags & RMEM_NOMAP ? ",no-map" : "",
			 rm->flags & RMEM_DEVICE ? ",device" : "",
			 rm->flags & RMEM_DMA_POOL ? ",dma-pool" : "",
			 rm->flags & RMEM_DEFAULT ? ",default" : "");
		printk_level(LOGLEVEL_INFO, "  %-16s 0x%010llx 0x%010llx %5llu MiB  %-30s %s\n",
			     rm->name, ull(rm->base), ull(rm->base + rm->size - 1),
			     ull(rm->size >> 20), flags, rm->origin);
	}
}

/**
 * reserved_mem_dump - print the region table for a program to read
 *
 * "rmem-dump: pageblock=" (the unit of CMA placement), then one
 * "rmem-dump: region" line per region with name=, base=, size= (hex,
 * bytes), flags= (comma-separated: cma or static, then reusable, no-map,
 * device, dma-pool, default) and, last, node= (where it was declared: the rest
 * of the line),
 * then "rmem-dump: end regions=N". Used by the rmem_dump boot parameter.
 */
void reserved_mem_dump(void)
{
	unsigned int i;

	printk("rmem-dump: pageblock=0x%llx\n", ull(pageblock_bytes()));
	for (i = 0; i < rmem_count; i++) {
		const struct reserved_mem *rm = &rmem_table[i];

		printk("rmem-dump: region name=%s base=0x%llx size=0x%llx flags=%s%s%s%s%s%s node=%s\n",
		       rm->name, ull(rm->base), ull(rm->size), rm->cma ? "cma" : "static",
		       rm->flags & RMEM_REUSABLE ? ",reusable" : "",
		       rm->flags & RMEM_NOMAP ? ",no-map" : "",
		       rm->flags & RMEM_DEVICE ? ",device" : "",
		       rm->flags & RMEM_DMA_POOL ? ",dma-pool" : "",
		       rm->flags & RMEM_DEFAULT ? ",default" : "", rm->origin);
	}
	printk("rmem-dump: end regions=%u\n", rmem_count);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz the device-tree readers of boot (mm/reserved_mem.c) with mutated
 * DTBs: early_init_dt_scan_memory() (/memory), early_init_fdt_reserve_self()
 * (/memreserve/) and fdt_init_reserved_mem() (/reserved-memory), over the
 * real memblock (mm/memblock.c) and lib/of.c. The input gets the checks
 * the ports make before these run (fdt_check_header(), a total size
 * within the blob, then of_fdt_validate() and, for a blob it refuses,
 * of_fdt_salvage() as the ARM port does): the readers must cope with any
 * tree the salvage leaves.
 *
 * mm/reserved_mem.c is included, not linked, so that its region table can
 * be emptied between inputs. cma_declare() is a fake that checks what
 * reserved_mem_declare() promises it (size and alignment in pageblocks,
 * a fixed range inside RAM) and reserves the range in memblock. After the
 * scan every region in the table must lie inside RAM, not wrap, and not
 * overlap another region.
 *
 * Seeds: every DTB the tree builds and Debian's board DTBs (make
 * fuzz-seeds), plus tests/fuzz/corpus/fdt_fuzz/.
 */
/* fuzz-sources: mm/memblock.c lib/of.c lib/fdt_check.c lib/string.c */
#include "../../mm/reserved_mem.c"
#include "../../mm/internal.h"

#include "fuzz.h"

/* ---- what the readers use from the rest of the kernel ------------------ */

uintptr_t host_linear_offset;
phys_addr_t host_ram_start, host_ram_end;

/* lib/of.c starts the console class through this; no reader here does. */
int of_early_console(const void *fdt)
{
	fuzz_fail("of_early_console() called by a reader");
	return 0;
}

void host_bad_phys(phys_addr_t pa)
{
	fuzz_fail("bad physical address %#llx", (unsigned long long)pa);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fuzz_fail("panic");
}

bool cma_cmdline_has_default(void)
{
	return false;
}

struct cma {
	phys_addr_t base, size;
};

static struct cma fake_cma[MAX_RESERVED_MEM];
static unsigned int nr_cma;

int cma_declare(const struct cma_decl *d, struct cma **res)
{
	phys_addr_t pb = PFN_PHYS(pageblock_nr_pages), base;

	if (!d->size || !IS_ALIGNED(d->size, pb))
		fuzz_fail("cma_declare(%s): size %#llx", d->name, ull(d->size));
	if (d->align & (d->align - 1))
		fuzz_fail("cma_declare(%s): align %#llx", d->name, ull(d->align));
	if (nr_cma >= ARRAY_SIZE(fake_cma))
		fuzz_fail("cma_declare(%s): more areas than the region table holds", d->name);
	if (d->fixed) {
		if (!IS_ALIGNED(d->base, pb) || d->base + d->size < d->base ||
		    !memblock_is_region_memory(d->base, d->size))
			fuzz_fail("cma_declare(%s): fixed %#llx+%#llx", d->name, ull(d->base),
				  ull(d->size));
		if (memblock_overlap_name(d->base, d->size))
			return -EBUSY;
		base = d->base;
		if (memblock_reserve(base, d->size, d->name))
			return -ENOSPC;
	} else {
		phys_addr_t s = d->range_start, e = d->range_end;

		if (!s && !e) {
			s = memblock_start_of_DRAM();
			e = memblock_end_of_DRAM();
		}
		base = memblock_phys_alloc_range(d->size, max(d->align, pb), s, e, d->name);
		if (!base)
			return -ENOMEM;
	}
	fake_cma[nr_cma].base = base;
	fake_cma[nr_cma].size = d->size;
	*res = &fake_cma[nr_cma++];
	return 0;
}

phys_addr_t cma_get_base(const struct cma *cma)
{
	return cma->base;
}

unsigned long cma_get_size(const struct cma *cma)
{
	return (unsigned long)cma->size;
}

/* ---- the target ----------------------------------------------------------- */

static void check_table(void)
{
	unsigned int i, j;

	for (i = 0; i < rmem_count; i++) {
		const struct reserved_mem *a = &rmem_table[i];

		if (!a->size || a->base + a->size < a->base)
			fuzz_fail("region %s: %#llx+%#llx is empty or wraps", a->name,
				  ull(a->base), ull(a->size));
		/* A region lies wholly in RAM, or wholly outside it (device memory). */
		if (a->flags & RMEM_DEVICE) {
			if (touches_ram(a->base, a->size))
				fuzz_fail("device region %s: %#llx+%#llx touches RAM", a->name,
					  ull(a->base), ull(a->size));
		} else if (!memblock_is_region_memory(a->base, a->size)) {
			fuzz_fail("region %s: %#llx+%#llx is not inside RAM", a->name,
				  ull(a->base), ull(a->size));
		}
		if (strnlen(a->name, sizeof(a->name)) == sizeof(a->name))
			fuzz_fail("region %u: name not terminated", i);
		for (j = 0; j < i; j++) {
			const struct reserved_mem *b = &rmem_table[j];

			if (a->base < b->base + b->size && b->base < a->base + a->size)
				fuzz_fail("regions %s and %s overlap", a->name, b->name);
			if (!strcmp(a->name, b->name))
				fuzz_fail("two regions named %s", a->name);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[160];
	void *fdt;

	if (size < sizeof(struct fdt_header))
		return 0;
	fdt = malloc(size);
	if (!fdt)
		abort();
	memcpy(fdt, data, size);
	/* What arch/arm/mmu.c checks before boot reads the tree. */
	if (fdt_check_header(fdt) || fdt_totalsize(fdt) > size)
		goto out;
	/*
	 * Then what both ports do first (lib/fdt_check.c): a walk that ends on
	 * any input. The host refuses a blob it rejects; the ARM port salvages
	 * it to find its console, and the readers below may still run over
	 * the salvaged tree, so that must be safe for libfdt too.
	 */
	if (of_fdt_validate(fdt, size, why, sizeof(why), NULL) &&
	    of_fdt_salvage(fdt) < 0)
		goto out;

	memblock_reset();
	memset(rmem_table, 0, sizeof(rmem_table));
	rmem_count = 0;
	nr_cma = 0;
	if (early_init_dt_scan_memory(fdt))
		goto out;
	early_init_fdt_reserve_self(fdt, memblock_start_of_DRAM());
	fdt_init_reserved_mem(fdt);
	check_table();
	reserved_mem_print();
out:
	free(fdt);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ARM port's MMU: ARMv7 short-descriptor tables, TTBR0 only, one
 * first-level table (swapper_pg_dir, 16 KiB in BSS) for everything.
 *
 * Boot (head.S) maps the image at KIMAGE_VADDR with 4 KiB pages (static
 * second-level tables kimage_pte) plus an identity section pair for the
 * MMU switch, which arm_remove_identity_map() removes. arm_start() then
 * maps the DTB read-only at FDT_FIXMAP_BASE with sections
 * (arm_map_fdt()) and the RAM banks the DTB lists at PAGE_OFFSET with 1 MiB
 * sections (arm_map_lowmem_early()), so that memblock_alloc()'s __va()
 * works. arch_paging_init() (called by start_kernel() once every
 * reservation is known) rebuilds the linear map with 4 KiB pages, so that
 * a single page's attributes can change later (a coherent DMA buffer must
 * not keep a cacheable alias; a whole 1 MiB section of one changes by its
 * first-level descriptor instead, see write_linear()), leaves no-map
 * regions out of it, and builds the second-level tables of the
 * movable-mapping window; both come from memblock.
 *
 * Attributes (TEX remap off): RAM is normal write-back write-allocate,
 * inner shareable with CONFIG_SMP (asm/pgtable.h; non-shareable on a
 * uniprocessor build); the linear map and the window are execute-never;
 * ioremap() gives Device memory, execute-never, in 1 MiB sections of the
 * IOREMAP area; arch_memremap_wc() gives normal non-cacheable memory there
 * for memory that is not RAM (a board's SRAM or video RAM).
 *
 * Descriptor writes and the table walker: unless the walks are coherent
 * with the data cache, every descriptor write is cleaned to the point of
 * coherency (DCCMVAC) before the barrier and TLB maintenance that follow,
 * so the walker, reading memory, finds it. They are coherent when
 * ID_MMFR3.CohWalk (bits [23:20]) is 1 and TTBR0 makes the walks inner
 * write-back cacheable (IRGN, TTBR_FLAGS) - the walker then looks the
 * descriptor up in the data cache (through the SCU on SMP, as the walks
 * and the tables are inner shareable there), and the architecture needs
 * no cache maintenance for a table update. Linux's ARMv7 set_pte skips the
 * clean on SMP for the same reason. arm_mmu_probe_walk() reads both at
 * boot (ARM's Cortex-A9 documents ID_MMFR3 = 0x00102111, CohWalk 1; QEMU's
 * model of it reads 0x00002111, CohWalk 0, so under QEMU the cleans
 * stay); when coherent, clean_pt()/clean_pte_nobarrier() are only the
 * barrier, or nothing, on the paths that run after boot (the window, the
 * linear map's attributes, set_pgd()). The dsb ishst before any TLB maintenance or isb stays: it
 * is what makes the store visible to the walk. The boot-time bulk cleans
 * and arm_build_idmap()'s clean for a CPU whose MMU and caches are still
 * off stay unconditional; a secondary CPU turns on its caches and joins
 * the coherency (ACTLR.SMP) before it walks swapper_pg_dir (head.S).
 *
 * SMP: every CPU uses swapper_pg_dir. TLB maintenance is the inner
 * shareable kind (TLBIMVAIS, TLBIALLIS), which the hardware broadcasts to
 * every core of the cluster; it is ordered after the descriptor write by
 * dsb ishst and completed everywhere by the dsb ish that follows, so when
 * arch_vm_unmap() returns no core can reach the old frame any more. A
 * secondary CPU turns its MMU on with idmap_pg_dir, a copy of
 * swapper_pg_dir plus an identity mapping of its entry code
 * (arm_build_idmap()), then switches to swapper_pg_dir.
 *
 * Migration entries: arch_vm_set_migration() replaces a window page's
 * small-page descriptor by PTE_MIGRATION (bits [1:0] = 0b00, a fault
 * entry to the MMU, with the old frame kept in bits [31:12] for fault
 * reports) and invalidates the TLB entry everywhere. An access then takes
 * a translation fault, and the data abort handler waits in
 * vm_window_fault() until arch_vm_map() writes the new descriptor; fault
 * entries are never held in a TLB, so the retried access walks the table
 * again and finds it.
 */
#define pr_fmt(fmt) "arm: " fmt

#include <contig/arch.h>
#include <contig/errno.h>
#include <contig/io.h>
#include <contig/kernel.h>
#include <contig/memblock.h>
#include <contig/mm.h>
#include <contig/outer_cache.h>
#include <contig/phase.h>
#include <contig/printk.h>
#include <contig/spinlock.h>
#include <contig/string.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <libfdt.h>

#include "internal.h"

#define PTE_TABLE_BYTES (PTRS_PER_PTE * sizeof(u32))
/* A window migration entry: faults (bits [1:0] = 0), old frame above. */
#define PTE_MIGRATION 0x4u
#define PTE_IS_MIGRATION(pte) (((pte) & 0xfffu) == PTE_MIGRATION)

/* The linear map's small pages: normal write-back, execute-never. */
#define LINEAR_PROT (PTE_NORMAL | PTE_XN)
/* A coherent DMA buffer's alias: normal non-cacheable, execute-never. */
#define LINEAR_PROT_NC (PTE_NORMAL_NC | PTE_XN)
/* Above this many pages, one TLBIALLIS beats a TLBIMVAIS per page. */
#define TLB_FLUSH_ALL_PAGES 64

u32 swapper_pg_dir[PTRS_PER_PGD] __aligned(16384);
static u32 idmap_pg_dir[PTRS_PER_PGD] __aligned(16384);
u32 kimage_pte[KIMAGE_MAX_SIZE >> SECTION_SHIFT][PTRS_PER_PTE] __aligned(1024);

unsigned long arm_pv_delta;
phys_addr_t arm_phys_offset;
phys_addr_t arm_lowmem_end;

/* The linear map's second-level tables, one entry per page from arm_phys_offset. */
static u32 *linear_pte;
/* Per section of it: entries that do not map their page cacheably (see below). */
static unsigned short *linear_nc;

/*
 * Table walks look descriptors up in the data cache (arm_mmu_probe_walk()).
 * A test may set it around calls that no access through the changed
 * entries follows (arm_mmu suite), to run the loops without the cleans.
 */
bool arm_pt_walk_coherent;

/* The movable-mapping window: contiguous second-level tables, one entry per vpn. */
static u32 *window_pte;
static unsigned long window_pages;

/* Page-table memory taken from memblock by arch_paging_init(). */
static size_t linear_pt_bytes, window_pt_bytes;

static DEFINE_SPINLOCK(ioremap_lock);
static unsigned long ioremap_next = IOREMAP_BASE;

static inline u32 *pgd_slot(unsigned long va)
{
	return &swapper_pg_dir[va >> SECTION_SHIFT];
}

/*
 * Descriptors [@p, @p + @size) written: cleaned for the walker unless its
 * walks are coherent, then dsb ishst either way (the store, and the
 * cleans, complete before what follows).
 */
static void clean_pt(const void *p, size_t size)
{
	if (!arm_pt_walk_coherent)
		dcache_range_op(DCACHE_CLEAN, p, size, 32);
	__asm__ __volatile__("dsb ishst" ::: "memory");
}

static void set_pgd(unsigned long va, u32 val)
{
	u32 *slot = pgd_slot(va);

	WRITE_ONCE(*slot, val);
	clean_pt(slot, sizeof(*slot));
}

/* ID_MMFR3.CohWalk: bits [23:20]; 1 = table updates need no cache maintenance. */
#define ID_MMFR3_COHWALK(v) (((v) >> 20) & 0xfu)
/* TTBR0.IRGN with the Multiprocessing Extensions: IRGN[1] is bit 0, IRGN[0] bit 6. */
#define TTBR_IRGN(v) ((((v) & 1u) << 1) | (((v) >> 6) & 1u))
#define TTBR_IRGN_WB_WA 1u
#define TTBR_IRGN_WB_NO_WA 3u

/**
 * arm_mmu_probe_walk - whether descriptor writes need a clean for the walker
 * @mmfr3: set to ID_MMFR3, for the boot log
 *
 * Reads ID_MMFR3 (MRC p15, 0, <Rt>, c0, c1, 7), MPIDR and TTBR0: the walks
 * are coherent with the data cache when CohWalk is 1 and TTBR0 asks for
 * inner write-back walks (IRGN as the Multiprocessing Extensions encode it,
 * which MPIDR bit 31 announces; without them descriptors stay cleaned).
 * Called once by arm_start() on the boot CPU, before anything but boot
 * code writes a descriptor; the other CPUs of the cluster are the same
 * core and use the same TTBR0 attributes (arm_ttbr_swapper()).
 *
 * Return: true when the per-descriptor cleans are skipped from now on.
 */
bool arm_mmu_probe_walk(u32 *mmfr3)
{
	u32 mmfr, mpidr, ttbr, irgn;

	__asm__ __volatile__("mrc p15, 0, %0, c0, c1, 7" : "=r"(mmfr));
	__asm__ __volatile__("mrc p15, 0, %0, c0, c0, 5" : "=r"(mpidr));
	__asm__ __volatile__("mrc p15, 0, %0, c2, c0, 0" : "=r"(ttbr));
	irgn = TTBR_IRGN(ttbr);
	*mmfr3 = mmfr;
	arm_pt_walk_coherent = ID_MMFR3_COHWALK(mmfr) == 1 && (mpidr & MPIDR_MP) &&
			(irgn == TTBR_IRGN_WB_WA || irgn == TTBR_IRGN_WB_NO_WA);
	return arm_pt_walk_coherent;
}

/**
 * arm_remove_identity_map - drop the sections head.S used to turn the MMU on
 *
 * They cover the physical address of _text, which may lie anywhere below
 * 4 GiB (in particular inside the window's virtual range).
 */
void arm_remove_identity_map(void)
{
	unsigned long sect = (unsigned long)(kimage_phys(_text) >> SECTION_SHIFT);
	unsigned long i;

	for (i = sect; i < sect + 2 && i < PTRS_PER_PGD; i++) {
		unsigned long va = i << SECTION_SHIFT;

		if (va >= KIMAGE_VADDR && va < KIMAGE_VADDR + KIMAGE_MAX_SIZE)
			continue; /* loaded at its own link address */
		set_pgd(va, 0);
	}
	flush_tlb_all();
}

/**
 * arm_unmap_page_kimage - remove one 4 KiB page of the image mapping
 * @va: page-aligned address inside the image (the SVC stack guard page)
 */
void arm_unmap_page_kimage(void *va)
{
	unsigned long off = (uintptr_t)va - KIMAGE_VADDR;
	u32 *pte = &kimage_pte[off >> SECTION_SHIFT][(off >> PAGE_SHIFT) & (PTRS_PER_PTE - 1)];

	WRITE_ONCE(*pte, 0);
	clean_pt(pte, sizeof(*pte));
	flush_tlb_page((uintptr_t)va);
}

/**
 * arm_clean_to_poc - write part of the image's data back to memory
 * @p: an address inside the kernel image (data or BSS)
 * @size: bytes
 *
 * Cleans L1 and the outer cache, for readers with their MMU and caches
 * off (a secondary CPU before it turns its MMU on).
 */
void arm_clean_to_poc(const void *p, size_t size)
{
	phys_addr_t pa = kimage_phys(p);

	clean_dcache_area(p, size);
	outer_clean_range(ALIGN_DOWN(pa, (phys_addr_t)32), ALIGN(pa + size, (phys_addr_t)32));
	dsb();
}

/**
 * arm_build_idmap - the table a secondary CPU turns its MMU on with
 * @entry: physical address of the code that turns it on
 *
 * A copy of swapper_pg_dir with the two sections around @entry mapped
 * onto themselves (executable normal memory), written back to memory.
 *
 * Return: its TTBR0 value (physical address and walk attributes).
 */
u32 arm_build_idmap(phys_addr_t entry)
{
	unsigned long sect = (unsigned long)(entry >> SECTION_SHIFT), i;

	memcpy(idmap_pg_dir, swapper_pg_dir, sizeof(idmap_pg_dir));
	for (i = sect; i < sect + 2 && i < PTRS_PER_PGD; i++)
		idmap_pg_dir[i] = (u32)(i << SECTION_SHIFT) | PMD_SECT_NORMAL;
	arm_clean_to_poc(idmap_pg_dir, sizeof(idmap_pg_dir));
	return (u32)kimage_phys(idmap_pg_dir) | TTBR_FLAGS;
}

/** arm_ttbr_swapper - TTBR0 value of the kernel's table. Return: it. */
u32 arm_ttbr_swapper(void)
{
	return (u32)kimage_phys(swapper_pg_dir) | TTBR_FLAGS;
}

static void map_sections(unsigned long va, phys_addr_t pa, size_t size, u32 prot)
{
	size_t off;

	for (off = 0; off < size; off += SECTION_SIZE)
		set_pgd(va + off, (u32)(pa + off) | prot);
	flush_tlb_all();
}

/**
 * arm_map_fdt - map the DTB read-only at FDT_FIXMAP_BASE
 * @dtb_phys: where the boot loader put it (r2)
 *
 * Return: its virtual address, or NULL when there is no valid DTB header
 * there or the blob does not fit in FDT_FIXMAP_SIZE.
 */
const void *arm_map_fdt(phys_addr_t dtb_phys)
{
	phys_addr_t base = ALIGN_DOWN(dtb_phys, (phys_addr_t)SECTION_SIZE);
	unsigned long off = (unsigned long)(dtb_phys - base);
	u32 prot = PMD_SECT_NORMAL | PMD_SECT_APX | PMD_SECT_XN;
	const void *fdt = (const void *)(FDT_FIXMAP_BASE + off);
	size_t need;

	if (!dtb_phys || dtb_phys >= (1ULL << 32) || (dtb_phys & 7))
		return NULL;
	/* The header first (it may straddle a section boundary). */
	map_sections(FDT_FIXMAP_BASE, base, 2 * SECTION_SIZE, prot);
	if (fdt_magic(fdt) != FDT_MAGIC || fdt_check_header(fdt))
		return NULL;
	need = ALIGN(off + fdt_totalsize(fdt), SECTION_SIZE);
	if (need > FDT_FIXMAP_SIZE)
		return NULL;
	map_sections(FDT_FIXMAP_BASE, base, need, prot);
	return fdt;
}

/**
 * arm_fdt_set_writable - map the DTB at FDT_FIXMAP_BASE writable or read-only
 * @dtb_phys: where it is (as given to arm_map_fdt())
 * @writable: true to allow writes (to make a corrupt DTB safe to read)
 */
void arm_fdt_set_writable(phys_addr_t dtb_phys, bool writable)
{
	phys_addr_t base = ALIGN_DOWN(dtb_phys, (phys_addr_t)SECTION_SIZE);
	const void *fdt = (const void *)(FDT_FIXMAP_BASE + (unsigned long)(dtb_phys - base));
	u32 prot = PMD_SECT_NORMAL | PMD_SECT_XN | (writable ? 0 : PMD_SECT_APX);

	map_sections(FDT_FIXMAP_BASE, base,
		     ALIGN((unsigned long)(dtb_phys - base) + fdt_totalsize(fdt), SECTION_SIZE),
		     prot);
}

/**
 * arm_map_lowmem_early - map the RAM banks at PAGE_OFFSET with sections
 * @banks: RAM from the DTB's memory nodes
 * @nr: how many
 *
 * Sets arm_phys_offset (lowest bank, rounded down to 1 MiB) and
 * arm_lowmem_end, after which __va()/__pa() work.
 *
 * Return: 0, or -E2BIG when RAM spans more than LINEAR_MAP_SIZE.
 */
int arm_map_lowmem_early(const struct arm_ram_bank *banks, int nr)
{
	phys_addr_t lo = ~0ULL, hi = 0;
	int i;

	for (i = 0; i < nr; i++) {
		lo = min(lo, banks[i].base);
		hi = max(hi, banks[i].base + banks[i].size);
	}
	lo = ALIGN_DOWN(lo, (phys_addr_t)SECTION_SIZE);
	if (hi - lo > LINEAR_MAP_SIZE)
		return -E2BIG;
	arm_phys_offset = lo;
	arm_lowmem_end = hi;
	for (i = 0; i < nr; i++) {
		phys_addr_t s = ALIGN_DOWN(banks[i].base, (phys_addr_t)SECTION_SIZE);
		phys_addr_t e = ALIGN(banks[i].base + banks[i].size, (phys_addr_t)SECTION_SIZE);

		map_sections(PAGE_OFFSET + (unsigned long)(s - lo), s, (size_t)(e - s),
			     PMD_SECT_NORMAL | PMD_SECT_XN);
	}
	return 0;
}

/*
 * Rebuild the linear map with 4 KiB pages: one second-level table per
 * section of [arm_phys_offset, arm_lowmem_end), filled for the RAM that is
 * not no-map, then swapped in for the sections.
 */
static void paging_init_linear(void)
{
	unsigned long sections = (unsigned long)(ALIGN(arm_lowmem_end - arm_phys_offset,
						       (phys_addr_t)SECTION_SIZE) >> SECTION_SHIFT);
	phys_addr_t base, end;
	unsigned int flags, i;
	u32 *ptes;
	unsigned long s;

	linear_pt_bytes = sections * PTE_TABLE_BYTES;
	ptes = memblock_alloc(linear_pt_bytes, PTE_TABLE_BYTES, "pgtables:linear");
	linear_nc = memblock_alloc(sections * sizeof(*linear_nc), sizeof(long), "pgtables:linear");
	for (s = 0; s < sections; s++)
		linear_nc[s] = PTRS_PER_PTE;
	for (i = 0; memblock_memory_range(i, &base, &end, &flags); i++) {
		phys_addr_t pa;

		if (flags & MEMBLOCK_NOMAP)
			continue;
		base = ALIGN(base, (phys_addr_t)PAGE_SIZE);
		end = min(ALIGN_DOWN(end, (phys_addr_t)PAGE_SIZE), arm_lowmem_end);
		for (pa = base; pa < end; pa += PAGE_SIZE) {
			ptes[(pa - arm_phys_offset) >> PAGE_SHIFT] = (u32)pa | LINEAR_PROT;
			linear_nc[(pa - arm_phys_offset) >> SECTION_SHIFT]--;
		}
	}
	clean_dcache_area(ptes, linear_pt_bytes);
	linear_pte = ptes;
	for (s = 0; s < sections; s++)
		set_pgd(PAGE_OFFSET + (s << SECTION_SHIFT),
			(u32)__pa(ptes + s * PTRS_PER_PTE) | PMD_TYPE_TABLE);
	flush_tlb_all();
}

static void paging_init_window(void)
{
	unsigned long ram_pages = (unsigned long)((arm_lowmem_end - arm_phys_offset) >> PAGE_SHIFT);
	unsigned long max_pages = (KIMAGE_VADDR - VM_WINDOW_BASE) >> PAGE_SHIFT;
	unsigned long tables, t;

	window_pages = min(2 * ram_pages, max_pages);
	window_pages = ALIGN(window_pages, (unsigned long)PTRS_PER_PTE);
	if (window_pages > max_pages)
		window_pages = max_pages;
	tables = window_pages / PTRS_PER_PTE;
	window_pt_bytes = tables * PTE_TABLE_BYTES;
	window_pte = memblock_alloc(window_pt_bytes, PTE_TABLE_BYTES, "pgtables:window");
	clean_dcache_area(window_pte, window_pt_bytes);
	for (t = 0; t < tables; t++)
		set_pgd(VM_WINDOW_BASE + (t << SECTION_SHIFT),
			(u32)__pa(window_pte + t * PTRS_PER_PTE) | PMD_TYPE_TABLE);
	flush_tlb_all();
}

/**
 * arch_paging_init - build the kernel's final page tables
 *
 * Called by start_kernel() after every memblock reservation and before the
 * memmap: the linear map with 4 KiB pages (no-map regions left out) and
 * the movable-mapping window, twice the RAM pages when the virtual space
 * allows. Prints what the tables cost.
 */
void arch_paging_init(void)
{
	u64 total, ram = memblock_phys_mem_size();

	ASSERT_MSG(arm_lowmem_end > arm_phys_offset, "lowmem %#llx-%#llx",
		   (unsigned long long)arm_phys_offset, (unsigned long long)arm_lowmem_end);
	paging_init_linear();
	paging_init_window();
	total = sizeof(swapper_pg_dir) + sizeof(kimage_pte) + linear_pt_bytes + window_pt_bytes;
	pr_info("linear map %#llx-%#llx at %#lx with 4 KiB pages (%zu KiB of tables)\n",
		(unsigned long long)arm_phys_offset, (unsigned long long)arm_lowmem_end - 1,
		PAGE_OFFSET, linear_pt_bytes >> 10);
	pr_info("vm window %lu pages (%lu MiB) at %#lx-%#lx (%zu KiB of tables)\n",
		window_pages, window_pages >> (20 - PAGE_SHIFT), VM_WINDOW_BASE,
		VM_WINDOW_BASE + (window_pages << PAGE_SHIFT) - 1, window_pt_bytes >> 10);
	pr_info("page tables: %llu KiB in all (first level 16 KiB, image %zu KiB), "
		"%llu.%02llu%% of RAM\n", (unsigned long long)(total >> 10),
		sizeof(kimage_pte) >> 10, (unsigned long long)(total * 100 / ram),
		(unsigned long long)(total * 10000 / ram % 100));
	arm_fault_test();
}

/**
 * arm_linear_pte - the linear map's descriptor of the page holding @pa
 * @pa: a physical address
 *
 * Return: its second-level entry, or NULL before arch_paging_init() or
 * outside [arm_phys_offset, arm_lowmem_end).
 */
u32 *arm_linear_pte(phys_addr_t pa)
{
	if (!linear_pte || pa < arm_phys_offset || pa >= arm_lowmem_end)
		return NULL;
	return &linear_pte[(pa - arm_phys_offset) >> PAGE_SHIFT];
}

/* ---- linear-map attributes (coherent DMA buffers) ---------------------- */

/*
 * A 1 MiB section of the linear map that a call changes whole (a coherent
 * buffer covers it) gets one first-level descriptor instead of 256
 * small-page entries: a section descriptor when non-cacheable, an invalid
 * one (0) when unmapped. Its second-level table stays in memory with every
 * entry cacheable (the invariant whenever the slot is not a table
 * descriptor) and is put back when the section becomes cacheable again. A
 * call on part of such a section splits it: the entries take the
 * section's attribute, then the table descriptor comes back. The pages of
 * a section changed whole are the caller's until it changes them back
 * (the split briefly unmaps the whole section).
 *
 * linear_nc[s] counts the entries of section s's table that do not map
 * their page cacheably (no-map pages and holes too): a section whose table
 * is in place and whose count is 0 is cacheable throughout, known without
 * reading its 256 entries. Calls on disjoint pages of one section update
 * the count with atomic adds.
 */
static inline unsigned long lin_sect(phys_addr_t pa)
{
	return (unsigned long)((pa - arm_phys_offset) >> SECTION_SHIFT);
}

static inline phys_addr_t lin_sect_base(unsigned long s)
{
	return arm_phys_offset + ((phys_addr_t)s << SECTION_SHIFT);
}

static inline unsigned long lin_va(phys_addr_t pa)
{
	return PAGE_OFFSET + (unsigned long)(pa - arm_phys_offset);
}

static inline u32 *lin_slot(unsigned long s)
{
	return pgd_slot(PAGE_OFFSET + (s << SECTION_SHIFT));
}

static inline u32 lin_table_desc(unsigned long s)
{
	return (u32)__pa(linear_pte + s * PTRS_PER_PTE) | PMD_TYPE_TABLE;
}

static inline void lin_nc_add(unsigned long s, long delta)
{
	if (delta)
		__atomic_fetch_add(&linear_nc[s], (unsigned short)delta, __ATOMIC_RELAXED);
}

static enum arch_linear_attr pte_attr(u32 pte)
{
	if (!pte)
		return ARCH_LINEAR_UNMAPPED;
	return (pte & (PTE_C | PTE_B)) ? ARCH_LINEAR_CACHED : ARCH_LINEAR_NONCACHED;
}

static u32 attr_pte(phys_addr_t pa, enum arch_linear_attr attr)
{
	switch (attr) {
	case ARCH_LINEAR_CACHED:
		return (u32)pa | LINEAR_PROT;
	case ARCH_LINEAR_NONCACHED:
		return (u32)pa | LINEAR_PROT_NC;
	default:
		return 0;
	}
}

/* The attribute all pages of section @s share, or -1 when its entries must be read. */
static int sect_attr(unsigned long s)
{
	u32 slot = READ_ONCE(*lin_slot(s));

	if (!slot)
		return ARCH_LINEAR_UNMAPPED;
	if ((slot & 3) == PMD_TYPE_SECT)
		return ARCH_LINEAR_NONCACHED;
	return __atomic_load_n(&linear_nc[s], __ATOMIC_RELAXED) ? -1 : ARCH_LINEAR_CACHED;
}

static enum arch_linear_attr page_attr(phys_addr_t pa)
{
	int a = sect_attr(lin_sect(pa));

	return a >= 0 ? (enum arch_linear_attr)a : pte_attr(READ_ONCE(*arm_linear_pte(pa)));
}

/* How many of the @n pages from @pa share the attribute of the first, set in @from. */
static unsigned long attr_run(phys_addr_t pa, unsigned long n, enum arch_linear_attr *from)
{
	unsigned long i = 0, j, left;

	*from = page_attr(pa);
	while (i < n) {
		phys_addr_t p = pa + PFN_PHYS(i);
		int a = sect_attr(lin_sect(p));
		const u32 *pte;

		left = min(n - i, PTRS_PER_PTE - (unsigned long)(((p - arm_phys_offset) >> PAGE_SHIFT) &
								 (PTRS_PER_PTE - 1)));
		if (a >= 0) {
			if ((enum arch_linear_attr)a != *from)
				break;
			i += left;
			continue;
		}
		pte = arm_linear_pte(p);
		for (j = 0; j < left && pte_attr(READ_ONCE(pte[j])) == *from; j++)
			;
		i += j;
		if (j < left)
			break;
	}
	return i;
}

/* Small-page entries of @n pages from @pa (cleaned for the walker). */
static void write_ptes(phys_addr_t pa, unsigned long n, enum arch_linear_attr attr)
{
	u32 *pte = arm_linear_pte(pa), *end = pte + n;
	u32 val = attr_pte(pa, attr), step = val ? PAGE_SIZE : 0;
	u32 *p;

	/* The descriptors of consecutive frames differ by PAGE_SIZE (0 when unmapped). */
	for (p = pte; p < end; p++, val += step)
		WRITE_ONCE(*p, val);
	clean_pt(pte, n * sizeof(*pte));
}

static void flush_tlb_linear(unsigned long va, size_t size)
{
	unsigned long off;

	if (size >> PAGE_SHIFT > TLB_FLUSH_ALL_PAGES) {
		flush_tlb_all();
		return;
	}
	for (off = 0; off < size; off += PAGE_SIZE)
		flush_tlb_page(va + off);
}

/* What section @s's first-level descriptor becomes when [@lo, @hi) of it goes to @to. */
static u32 new_slot(unsigned long s, phys_addr_t lo, phys_addr_t hi, enum arch_linear_attr to)
{
	bool whole = lo == lin_sect_base(s) && hi - lo == SECTION_SIZE &&
		     IS_ALIGNED(arm_phys_offset, (phys_addr_t)SECTION_SIZE);

	if (!whole || to == ARCH_LINEAR_CACHED)
		return lin_table_desc(s);
	return to == ARCH_LINEAR_NONCACHED ? (u32)lo | PMD_SECT_NORMAL_NC : 0;
}

/*
 * Give [@start, @start + @size), whose pages are all @from now, the
 * descriptors of @to: whole sections by their first-level descriptor, the
 * rest by small-page entries. First the break: the entries that stay in
 * a table in place are rewritten, and a first-level descriptor that
 * changes becomes invalid; then, if any valid descriptor changed, one TLB
 * invalidation for the range; then the make: the new first-level
 * descriptors, after the entries under them (entries under a section
 * descriptor back to cacheable, a split section's entries filled in). A
 * first-level descriptor thus never changes size or attributes without
 * passing through invalid with the TLB invalidated in between.
 */
static void write_linear(phys_addr_t start, size_t size, enum arch_linear_attr from,
			 enum arch_linear_attr to)
{
	unsigned long first = lin_sect(start), last = lin_sect(start + size - 1), s;
	long nc_delta = (long)(to != ARCH_LINEAR_CACHED) - (long)(from != ARCH_LINEAR_CACHED);
	bool flush = false;

	for (s = first; s <= last; s++) {
		phys_addr_t lo = max(start, lin_sect_base(s));
		phys_addr_t hi = min(start + size, lin_sect_base(s) + SECTION_SIZE);
		u32 *slot = lin_slot(s), old = READ_ONCE(*slot), val = new_slot(s, lo, hi, to);

		if (old == val && (old & 3) == PMD_TYPE_TABLE) {
			/* Stays a table: its entries change in place. */
			write_ptes(lo, (unsigned long)((hi - lo) >> PAGE_SHIFT), to);
			lin_nc_add(s, nc_delta * (long)((hi - lo) >> PAGE_SHIFT));
			flush |= from != ARCH_LINEAR_UNMAPPED;
		} else if (old != val && old) {
			set_pgd(lin_va(lin_sect_base(s)), 0);
			flush = true;
		}
	}
	if (flush)
		flush_tlb_linear(lin_va(start), size);
	for (s = first; s <= last; s++) {
		phys_addr_t base = lin_sect_base(s), lo = max(start, base);
		phys_addr_t hi = min(start + size, base + SECTION_SIZE);
		u32 val = new_slot(s, lo, hi, to), cur = READ_ONCE(*lin_slot(s));
		unsigned long n = (unsigned long)((hi - lo) >> PAGE_SHIFT);

		if ((val & 3) != PMD_TYPE_TABLE) {
			/*
			 * A section descriptor or invalid: the entries under it
			 * cacheable (nothing walks them: the slot is invalid).
			 */
			if (__atomic_load_n(&linear_nc[s], __ATOMIC_RELAXED)) {
				write_ptes(base, PTRS_PER_PTE, ARCH_LINEAR_CACHED);
				__atomic_store_n(&linear_nc[s], 0, __ATOMIC_RELAXED);
			}
			if (val && cur != val)
				set_pgd(lin_va(base), val);
			continue;
		}
		if (cur == val)
			continue; /* a table in place: its entries changed above */
		if (n != PTRS_PER_PTE || to != ARCH_LINEAR_CACHED) {
			/* A split: the rest of the section keeps @from. */
			if (lo > base)
				write_ptes(base, (unsigned long)((lo - base) >> PAGE_SHIFT), from);
			write_ptes(lo, n, to);
			if (hi < base + SECTION_SIZE)
				write_ptes(hi, (unsigned long)((base + SECTION_SIZE - hi) >> PAGE_SHIFT),
					   from);
			__atomic_store_n(&linear_nc[s],
					 (unsigned short)((PTRS_PER_PTE - n) * (from != ARCH_LINEAR_CACHED) +
							  n * (to != ARCH_LINEAR_CACHED)),
					 __ATOMIC_RELAXED);
		}
		set_pgd(lin_va(base), val);
	}
	dsb();
	isb();
}

/*
 * One run of pages whose alias is @from now, going to @to.
 *
 * A run smaller than the L1 is maintained line by line, by MVA through
 * the alias: a cacheable alias is cleaned+invalidated (L1, then the outer
 * cache) while it still maps the pages; a missing alias is first mapped
 * non-cacheable so that it can be maintained by address; an alias that
 * becomes cacheable has its lines dropped first (outer, then L1: what a
 * speculative fill may have left since the pages were last cacheable).
 * Then the final descriptors, and the TLB.
 *
 * A larger run uses whole-cache operations instead: every CPU's L1 by
 * set/way (cache.c, whose comment has the rules) and the outer cache,
 * whose driver goes by way from its own size on. They need no address,
 * but are only correct once no CPU can allocate a line of the run: so a
 * cacheable alias first becomes non-cacheable (descriptors, then the TLBs
 * of every CPU), and only then are the caches cleaned+invalidated - the
 * dirty lines the alias left (the zeroes the DMA core wrote) reach memory
 * then, and nothing reads the run meanwhile (the caller owns it). A run
 * becoming cacheable is maintained before its new descriptors, as a small
 * one; clean+invalidate stands in for invalidate there, which is the
 * same for the only lines such a run can have: clean ones (no store has
 * gone through a cacheable alias since its last clean+invalidate).
 */
static void change_run(phys_addr_t start, size_t size, enum arch_linear_attr from,
		       enum arch_linear_attr to)
{
	unsigned long va = lin_va(start);
	bool whole = size >= arm_l1_bytes();
	u64 t0;

	if (from == ARCH_LINEAR_CACHED && whole) {
		write_linear(start, size, from, ARCH_LINEAR_NONCACHED);
		from = ARCH_LINEAR_NONCACHED;
		t0 = phase_begin();
		if (!arm_l1_flush_all_cpus())
			arch_dcache_flush_range((void *)va, size);
		outer_flush_range(start, start + size);
		phase_end(PHASE_CACHE, t0);
	} else if (from == ARCH_LINEAR_CACHED) {
		t0 = phase_begin();
		arch_dcache_flush_range((void *)va, size);
		outer_flush_range(start, start + size);
		phase_end(PHASE_CACHE, t0);
	}
	if (from == ARCH_LINEAR_UNMAPPED) {
		/* An invalid descriptor is never held in a TLB: no flush needed. */
		write_linear(start, size, from, ARCH_LINEAR_NONCACHED);
		from = ARCH_LINEAR_NONCACHED;
	}
	if (to == ARCH_LINEAR_CACHED) {
		t0 = phase_begin();
		if (whole) {
			outer_flush_range(start, start + size);
			if (!arm_l1_flush_all_cpus())
				arch_dcache_inv_range((void *)va, size);
		} else {
			outer_inv_range(start, start + size);
			arch_dcache_inv_range((void *)va, size);
		}
		phase_end(PHASE_CACHE, t0);
	}
	if (from == to)
		return;
	write_linear(start, size, from, to);
}

/**
 * arch_linear_set_attr - change the linear map of a RAM range
 * @start: page-aligned physical address
 * @size: bytes, a multiple of the page size
 * @attr: cached (normal write-back), non-cacheable, or unmapped
 *
 * Works through runs of pages that share their current attribute and does
 * each transition's cache and TLB maintenance (see change_run()). Pages
 * already at @attr are left alone. The caller owns the pages; calls on
 * disjoint ranges may run on several CPUs at once (each descriptor word
 * is written by one caller, the TLB maintenance is broadcast).
 * Return: 0, or -EINVAL when the range is not page-aligned RAM inside the
 * linear map.
 */
int arch_linear_set_attr(phys_addr_t start, size_t size, enum arch_linear_attr attr)
{
	unsigned long n, i, run;

	if (!size || !IS_ALIGNED(start, (phys_addr_t)PAGE_SIZE) || !IS_ALIGNED(size, PAGE_SIZE) ||
	    start + size < start || attr > ARCH_LINEAR_UNMAPPED || !arm_linear_pte(start) ||
	    start + size > arm_lowmem_end || !memblock_is_region_memory(start, size))
		return -EINVAL;
	n = size >> PAGE_SHIFT;
	for (i = 0; i < n; i += run) {
		enum arch_linear_attr from;

		run = attr_run(start + PFN_PHYS(i), n - i, &from);
		if (from != attr)
			change_run(start + PFN_PHYS(i), run << PAGE_SHIFT, from, attr);
	}
	return 0;
}

/**
 * arch_linear_get_attr - the linear-map attribute of the page holding @pa
 * Return: an enum arch_linear_attr read from its descriptor, or -EINVAL
 * outside the linear map.
 */
int arch_linear_get_attr(phys_addr_t pa)
{
	return arm_linear_pte(pa) ? (int)page_attr(pa) : -EINVAL;
}

/**
 * arch_virt_addr_valid - whether @va lies in the linear map of RAM
 * Return: true when __pa(@va) is defined.
 */
bool arch_virt_addr_valid(const void *va)
{
	uintptr_t v = (uintptr_t)va;

	return v >= PAGE_OFFSET && v - PAGE_OFFSET < arm_lowmem_end - arm_phys_offset;
}

/* ---- the movable-mapping window -------------------------------------- */

unsigned long arm_window_pages(void)
{
	return window_pages;
}

bool arm_window_contains(unsigned long va, unsigned long *vpn)
{
	if (va < VM_WINDOW_BASE || va >= VM_WINDOW_BASE + (window_pages << PAGE_SHIFT))
		return false;
	*vpn = (va - VM_WINDOW_BASE) >> PAGE_SHIFT;
	return true;
}

/**
 * arch_vm_window_pages - size of the movable-mapping window
 *
 * Return: the number of window pages (twice the RAM pages when the virtual
 * space below the image allows it).
 */
unsigned long arch_vm_window_pages(void)
{
	return window_pages;
}

/*
 * Window page @vpn's descriptor, @vpn checked against @nvpn, the window's
 * size: the batch loops pass window_pages read once before the loop, and
 * window_pte as @ptes likewise.
 */
static __always_inline u32 *window_slot(u32 *ptes, unsigned long nvpn, unsigned long vpn)
{
	ASSERT_MSG(vpn < nvpn, "vpn %lu window pages %lu", vpn, nvpn);
	return &ptes[vpn];
}

/*
 * Clean the line holding descriptor @pte to the point of coherency (DCCMVAC)
 * with no barrier after it: clean_pt() without its dsb ishst. The caller's
 * TLB maintenance (flush_tlb_page(), flush_tlb_all()) or final barrier
 * starts with dsb ishst, which completes the clean - and all the cleans of
 * a batch - before the invalidation. The batch loops take @clean as a
 * constant (two copies of each loop, chosen once per call by
 * arm_pt_walk_coherent) so that the coherent one has neither the clean
 * nor a test of it. The descriptor's own address names its line: the
 * architecture puts no alignment on DCCMVAC's address (Linux's ARMv7
 * set_pte cleans the pte's address as it is).
 */
static __always_inline void clean_pte_nobarrier(const u32 *pte, bool clean)
{
	if (clean)
		__asm__ __volatile__("mcr p15, 0, %0, c7, c10, 1" : : "r"(pte) : "memory");
}

/**
 * arch_vm_map - install window page @vpn -> frame @pfn
 * @vpn: window page, below arch_vm_window_pages()
 * @pfn: a RAM frame
 *
 * Writes a small-page descriptor (normal write-back memory, execute-never).
 * The entry must be empty or a migration entry (which the new frame
 * replaces): mapping over a live entry is an mm bug and panics naming the
 * vpn and both frames. The descriptor write is ordered after everything
 * written before (dsb), so whoever reaches the page through the new entry
 * sees the frame's contents. No TLB maintenance: a fault entry is never
 * in a TLB.
 */
void arch_vm_map(unsigned long vpn, unsigned long pfn)
{
	arch_vm_map_frames(&vpn, pfn, 1);
}

/* The descriptors of arch_vm_map_frames(): the window's bound is a local,
 * read once (nothing changes it after boot), and each descriptor is the
 * previous one a page on. */
static __always_inline void map_frames(const unsigned long *vpns, unsigned long pfn,
				       unsigned int nr, bool clean)
{
	u32 *const ptes = window_pte;
	const unsigned long nvpn = window_pages;
	const unsigned long *end = vpns + nr;
	u32 desc = (u32)(pfn << PAGE_SHIFT) | PTE_NORMAL | PTE_XN;

	/* Two pages per loop test (the test is 2 of some 12 instructions a page). */
#pragma GCC unroll 2
	while (vpns < end) {
		unsigned long vpn = *vpns++;
		u32 *pte = window_slot(ptes, nvpn, vpn), old = READ_ONCE(*pte);

		/* The migration entry first: what a migration maps over. */
		ASSERT_MSG(PTE_IS_MIGRATION(old) || !old,
			   "vpn %lu already maps pfn %#lx, cannot map pfn %#lx", vpn,
			   (unsigned long)(old >> PAGE_SHIFT), (unsigned long)(desc >> PAGE_SHIFT));
		WRITE_ONCE(*pte, desc);
		clean_pte_nobarrier(pte, clean);
		desc += PAGE_SIZE;
	}
}

/**
 * arch_vm_map_frames - arch_vm_map() for @nr window pages and as many consecutive frames
 * @vpns: the window pages, each empty or holding a migration entry
 * @pfn: the first frame: @vpns[i] maps @pfn + i
 * @nr: how many
 *
 * The frames are checked against RAM once. One dsb ishst before the
 * descriptors (what was written to the frames is visible before any of
 * them maps it), the descriptors written (and cleaned, unless the walks
 * are coherent) with no barrier between them, then one dsb ishst
 * (completing the stores and cleans) and one isb for all of them, instead
 * of three barriers a page.
 */
void arch_vm_map_frames(const unsigned long *vpns, unsigned long pfn, unsigned int nr)
{
	const unsigned long pfn_lo = (unsigned long)PHYS_PFN(arm_phys_offset);
	const unsigned long pfn_span = (unsigned long)PHYS_PFN(arm_lowmem_end) - pfn_lo;

	if (!nr)
		return;
	ASSERT_MSG(pfn - pfn_lo < pfn_span && nr <= pfn_span - (pfn - pfn_lo),
		   "vpn %lu: pfns %#lx+%u outside RAM pfns %#lx-%#lx", vpns[0], pfn, nr, pfn_lo,
		   pfn_lo + pfn_span);
	__asm__ __volatile__("dsb ishst" ::: "memory");
	if (arm_pt_walk_coherent)
		map_frames(vpns, pfn, nr, false);
	else
		map_frames(vpns, pfn, nr, true);
	__asm__ __volatile__("dsb ishst" ::: "memory");
	isb();
}

/**
 * arch_vm_unmap - empty window page @vpn
 * @vpn: window page, below arch_vm_window_pages()
 *
 * Clears the descriptor and invalidates its TLB entry on every CPU
 * (TLBIMVAIS, dsb, isb); afterwards an access through the page is a
 * translation fault, which the data abort handler names.
 */
void arch_vm_unmap(unsigned long vpn)
{
	u32 *pte = window_slot(window_pte, window_pages, vpn);

	WRITE_ONCE(*pte, 0);
	clean_pt(pte, sizeof(*pte));
	flush_tlb_page(VM_WINDOW_BASE + (vpn << PAGE_SHIFT));
}

/* The fault descriptors for @vpns (cleaned unless @clean is false); the
 * caller's TLB flush orders them. The window's bounds read once, as above. */
static __always_inline void set_migration_entries(const unsigned long *vpns, unsigned int nr,
						  bool clean)
{
	u32 *const ptes = window_pte;
	const unsigned long nvpn = window_pages;
	const unsigned long *end = vpns + nr;

#pragma GCC unroll 2 /* as map_frames() */
	while (vpns < end) {
		unsigned long vpn = *vpns++;
		u32 *pte = window_slot(ptes, nvpn, vpn), old = READ_ONCE(*pte);

		ASSERT_MSG(old & 3, "vpn %lu: no mapping to migrate (entry %#x)", vpn, old);
		WRITE_ONCE(*pte, (old & PAGE_MASK) | PTE_MIGRATION);
		clean_pte_nobarrier(pte, clean);
	}
}

static void write_migration_entries(const unsigned long *vpns, unsigned int nr)
{
	if (arm_pt_walk_coherent)
		set_migration_entries(vpns, nr, false);
	else
		set_migration_entries(vpns, nr, true);
}

/**
 * arch_vm_set_migration - replace window page @vpn's mapping by a migration entry
 * @vpn: window page, mapped
 *
 * Writes the fault descriptor, then TLBIMVAIS between dsb ishst and dsb
 * ish: when it returns, no core holds the old translation and every
 * access that used it has completed, so the caller may copy the frame.
 * The leading dsb ishst also completes the descriptor's store and clean.
 */
void arch_vm_set_migration(unsigned long vpn)
{
	write_migration_entries(&vpn, 1);
	flush_tlb_page(VM_WINDOW_BASE + (vpn << PAGE_SHIFT));
}

/**
 * arch_vm_set_migration_batch - migration entries for @nr window pages
 * @vpns: the window pages, each mapped
 * @nr: how many
 *
 * Writes (and cleans, unless the walks are coherent) every descriptor,
 * with no barrier between them, then invalidates the whole TLB of every
 * core once (TLBIALLIS between dsb ishst and dsb ish; the dsb ishst
 * completes all the stores and cleans) instead of one TLBIMVAIS per page:
 * one broadcast and one barrier for the batch. The Cortex-A9's TLBs are small
 * (a 128-entry main TLB), so refilling the other entries costs less than
 * the broadcasts saved - and under QEMU, where every inner-shareable TLB
 * operation stops all vCPUs, far less.
 */
void arch_vm_set_migration_batch(const unsigned long *vpns, unsigned int nr)
{
	if (nr == 1) {
		arch_vm_set_migration(vpns[0]);
		return;
	}
	write_migration_entries(vpns, nr);
	if (nr)
		flush_tlb_all();
}

/**
 * arch_vm_lookup - the frame window page @vpn maps
 * @vpn: window page, below arch_vm_window_pages()
 *
 * Return: the pfn, ARCH_VM_MIGRATION, or ARCH_VM_NO_PFN when the entry is
 * empty.
 */
unsigned long arch_vm_lookup(unsigned long vpn)
{
	u32 pte = __atomic_load_n(window_slot(window_pte, window_pages, vpn), __ATOMIC_ACQUIRE);

	if (!pte)
		return ARCH_VM_NO_PFN;
	if (PTE_IS_MIGRATION(pte))
		return ARCH_VM_MIGRATION;
	return (unsigned long)(pte >> PAGE_SHIFT);
}

/**
 * arm_vm_migration_source - the frame a migration entry was made from
 * @vpn: window page holding a migration entry
 *
 * Return: the old pfn, for fault reports; ARCH_VM_NO_PFN otherwise.
 */
unsigned long arm_vm_migration_source(unsigned long vpn)
{
	u32 pte = __atomic_load_n(&window_pte[vpn], __ATOMIC_ACQUIRE);

	return PTE_IS_MIGRATION(pte) ? (unsigned long)(pte >> PAGE_SHIFT) : ARCH_VM_NO_PFN;
}

/**
 * arch_vm_addr - CPU address of window page @vpn
 * @vpn: window page, below arch_vm_window_pages()
 *
 * Return: VM_WINDOW_BASE + @vpn pages. Accessing it while the entry is
 * empty is a translation fault, reported by the data abort handler.
 */
void *arch_vm_addr(unsigned long vpn)
{
	ASSERT_MSG(vpn < window_pages, "vpn %lu window pages %lu", vpn, window_pages);
	return (void *)(VM_WINDOW_BASE + (vpn << PAGE_SHIFT));
}

/* ---- ioremap ----------------------------------------------------------- */

/* Map the sections of [@phys, @phys + @size) with @prot, or reuse a mapping. */
static void *remap_sections(phys_addr_t phys, size_t size, u32 prot)
{
	phys_addr_t first, last;
	unsigned long va, n, i;
	void *ret = NULL;

	if (!size || phys + size > (1ULL << 32) || phys + size < phys)
		return NULL;
	first = ALIGN_DOWN(phys, (phys_addr_t)SECTION_SIZE);
	last = ALIGN(phys + size, (phys_addr_t)SECTION_SIZE);
	n = (unsigned long)((last - first) >> SECTION_SHIFT);

	spin_lock(&ioremap_lock);
	/* An existing mapping of exactly these sections? */
	for (va = IOREMAP_BASE; va + (n << SECTION_SHIFT) <= ioremap_next; va += SECTION_SIZE) {
		for (i = 0; i < n; i++) {
			u32 e = swapper_pg_dir[(va >> SECTION_SHIFT) + i];

			if ((e & 0xfff00000u) != (u32)(first + (i << SECTION_SHIFT)) ||
			    (e & 0x000fffffu) != prot)
				break;
		}
		if (i == n) {
			ret = (void *)(va + (unsigned long)(phys - first));
			goto out;
		}
	}
	if (ioremap_next + (n << SECTION_SHIFT) > IOREMAP_END ||
	    ioremap_next + (n << SECTION_SHIFT) < ioremap_next)
		goto out;
	va = ioremap_next;
	ioremap_next += n << SECTION_SHIFT;
	map_sections(va, first, n << SECTION_SHIFT, prot);
	ret = (void *)(va + (unsigned long)(phys - first));
out:
	spin_unlock(&ioremap_lock);
	return ret;
}

/**
 * ioremap - map device registers
 * @phys: physical address of the registers
 * @size: bytes
 *
 * Maps the 1 MiB sections covering [@phys, @phys + @size) as Device memory,
 * execute-never, in the IOREMAP area. A range whose sections are already
 * mapped the same way (e.g. two UARTs in one section) reuses the mapping.
 * Mappings are never removed.
 *
 * Return: the virtual address of @phys, or NULL when @size is 0, the range
 * is outside the 32-bit physical space or the IOREMAP area is full.
 */
void __iomem *ioremap(phys_addr_t phys, size_t size)
{
	return (void __iomem *)remap_sections(phys, size, PMD_SECT_DEVICE);
}

/**
 * arch_memremap_wc - map memory that is not RAM (SRAM, video RAM)
 * @phys: page-aligned physical address
 * @size: bytes, a multiple of the page size
 *
 * Maps the 1 MiB sections covering the range as normal non-cacheable
 * memory, execute-never, in the IOREMAP area (so memset() and unaligned
 * accesses work, unlike Device memory). A section that holds RAM is
 * refused: RAM already has its linear alias, and two aliases with
 * different attributes are unpredictable.
 *
 * Return: the virtual address of @phys, or NULL.
 */
void *arch_memremap_wc(phys_addr_t phys, size_t size)
{
	phys_addr_t first = ALIGN_DOWN(phys, (phys_addr_t)SECTION_SIZE);
	phys_addr_t last = ALIGN(phys + size, (phys_addr_t)SECTION_SIZE);
	phys_addr_t s, e;
	unsigned int i;

	if (!size || !IS_ALIGNED(phys | size, (phys_addr_t)PAGE_SIZE) || phys + size < phys)
		return NULL;
	for (i = 0; memblock_memory_range(i, &s, &e, NULL); i++)
		if (s < last && first < e)
			return NULL;
	return remap_sections(phys, size, PMD_SECT_NORMAL_NC);
}

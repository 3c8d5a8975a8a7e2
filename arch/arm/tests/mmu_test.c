// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "arm_mmu": the ARM port's page tables, checked on the
 * hardware (QEMU's MMU model). Accesses that should fault go through
 * arm_probe_read32()/arm_probe_write32() (asm/probe.h), whose data aborts
 * are caught, so a case can assert that a page is unmapped - and, after an
 * access through a mapping, that arch_vm_unmap() really invalidated the
 * TLB entry. ARM-only: built from arch/arm/tests/ (Kbuild, CONFIG_KTEST).
 */
#define pr_fmt(fmt) "arm_mmu_test: " fmt

#include <contig/arch.h>
#include <contig/errno.h>
#include <contig/io.h>
#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/smp.h>
#include <contig/string.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/probe.h>

#include "../internal.h"

#define FSR_TRANSLATION_PAGE 0x7

/* An empty window page, from the top (the mm core allocates from the bottom). */
static unsigned long free_vpn(void)
{
	unsigned long vpn = arch_vm_window_pages();

	while (vpn-- > 0)
		if (arch_vm_lookup(vpn) == ARCH_VM_NO_PFN)
			return vpn;
	return ARCH_VM_NO_PFN;
}

static void an_unmapped_window_page_faults_with_a_translation_fault(struct ktest *t)
{
	unsigned long vpn = free_vpn(), before = arm_probe_last_fault.count;
	u32 *p, v = 0;

	KTEST_ASSERT_NE(t, vpn, ARCH_VM_NO_PFN);
	p = arch_vm_addr(vpn);
	KTEST_EXPECT_EQ(t, arm_probe_read32(p, &v), -EFAULT);
	KTEST_EXPECT_EQ(t, arm_probe_write32(p, 1), -EFAULT);
	KTEST_EXPECT_EQ(t, arm_probe_last_fault.count, before + 2);
	KTEST_EXPECT_EQ(t, arm_probe_last_fault.far, (uintptr_t)p);
	KTEST_EXPECT_EQ(t, arm_probe_last_fault.fsr & 0x40f, FSR_TRANSLATION_PAGE);
	KTEST_EXPECT_TRUE(t, arm_probe_last_fault.fsr & (1 << 11)); /* the write */
}

static void a_window_page_reaches_its_frame_until_unmapped(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long vpn = free_vpn();
	u32 *lin, *win, v = 0;

	KTEST_ASSERT_NOT_NULL(t, page);
	if (!KTEST_EXPECT_NE(t, vpn, ARCH_VM_NO_PFN))
		goto out;
	lin = page_address(page);
	win = arch_vm_addr(vpn);
	lin[0] = 0x600dcafe;
	lin[1023] = 0x12345678;
	arch_vm_map(vpn, page_to_pfn(page));
	KTEST_EXPECT_EQ(t, arch_vm_lookup(vpn), page_to_pfn(page));
	KTEST_EXPECT_EQ(t, arm_probe_read32(&win[0], &v), 0);
	KTEST_EXPECT_EQ(t, v, 0x600dcafe);
	KTEST_EXPECT_EQ(t, arm_probe_write32(&win[1023], 0xabcdef01), 0);
	KTEST_EXPECT_EQ(t, lin[1023], 0xabcdef01);
	/* The entry is in the TLB now: unmapping must invalidate it. */
	arch_vm_unmap(vpn);
	KTEST_EXPECT_EQ(t, arch_vm_lookup(vpn), ARCH_VM_NO_PFN);
	KTEST_EXPECT_EQ(t, arm_probe_read32(&win[0], &v), -EFAULT);
	KTEST_EXPECT_EQ(t, arm_probe_last_fault.far, (uintptr_t)&win[0]);
out:
	__free_page(page);
}

static void remapping_a_window_page_switches_to_the_new_frame(struct ktest *t)
{
	struct page *a = alloc_page(GFP_KERNEL), *b = alloc_page(GFP_KERNEL);
	unsigned long vpn = free_vpn();
	u32 *win, v = 0;

	if (!KTEST_EXPECT_NOT_NULL(t, a) || !KTEST_EXPECT_NOT_NULL(t, b) ||
	    !KTEST_EXPECT_NE(t, vpn, ARCH_VM_NO_PFN))
		goto out;
	win = arch_vm_addr(vpn);
	*(u32 *)page_address(a) = 0xaaaaaaaa;
	*(u32 *)page_address(b) = 0xbbbbbbbb;
	arch_vm_map(vpn, page_to_pfn(a));
	KTEST_EXPECT_EQ(t, arm_probe_read32(win, &v), 0);
	KTEST_EXPECT_EQ(t, v, 0xaaaaaaaa);
	/* What migration does: unmap, then map the same vpn to another frame. */
	arch_vm_unmap(vpn);
	arch_vm_map(vpn, page_to_pfn(b));
	KTEST_EXPECT_EQ(t, arm_probe_read32(win, &v), 0);
	KTEST_EXPECT_EQ(t, v, 0xbbbbbbbb);
	arch_vm_unmap(vpn);
out:
	if (a)
		__free_page(a);
	if (b)
		__free_page(b);
}

/*
 * The window's batch loops write the same entries with and without the
 * per-descriptor cleans (arm_pt_walk_coherent, which boot sets from
 * ID_MMFR3 and TTBR0; QEMU's Cortex-A9 says the walk is not coherent, so
 * only this case runs the loops without them): two consecutive frames
 * mapped, turned into migration entries that remember them, mapped again
 * crossed over those (the window pages in the other order). While the
 * cleans are skipped nothing accesses the pages (on a CPU whose walks are
 * not coherent the walker could read stale entries from memory);
 * arch_vm_unmap(), with the cleans, empties them at the end.
 */
static void window_batches_write_the_same_entries_with_or_without_cleans(struct ktest *t)
{
	struct page *block = alloc_pages(GFP_KERNEL, 1);
	bool saved = arm_pt_walk_coherent;
	unsigned long vpns[2], crossed[2], pfn;
	unsigned int pass, i;

	vpns[0] = free_vpn();
	vpns[1] = ARCH_VM_NO_PFN;
	if (vpns[0] != ARCH_VM_NO_PFN)
		for (i = vpns[0]; i-- > 0;)
			if (arch_vm_lookup(i) == ARCH_VM_NO_PFN) {
				vpns[1] = i;
				break;
			}
	if (!KTEST_EXPECT_NOT_NULL(t, block) || !KTEST_EXPECT_NE(t, vpns[1], ARCH_VM_NO_PFN))
		goto out;
	pfn = page_to_pfn(block);
	crossed[0] = vpns[1];
	crossed[1] = vpns[0];
	for (pass = 0; pass < 2; pass++) {
		bool coherent = pass == 1;

		WRITE_ONCE(arm_pt_walk_coherent, coherent);
		arch_vm_map_frames(vpns, pfn, 2);
		WRITE_ONCE(arm_pt_walk_coherent, saved);
		for (i = 0; i < 2; i++)
			KTEST_EXPECT_EQ(t, arch_vm_lookup(vpns[i]), pfn + i);

		WRITE_ONCE(arm_pt_walk_coherent, coherent);
		arch_vm_set_migration_batch(vpns, 2);
		WRITE_ONCE(arm_pt_walk_coherent, saved);
		for (i = 0; i < 2; i++) {
			KTEST_EXPECT_EQ(t, arch_vm_lookup(vpns[i]), ARCH_VM_MIGRATION);
			KTEST_EXPECT_EQ(t, arm_vm_migration_source(vpns[i]), pfn + i);
		}

		WRITE_ONCE(arm_pt_walk_coherent, coherent);
		arch_vm_map_frames(crossed, pfn, 2);
		WRITE_ONCE(arm_pt_walk_coherent, saved);
		for (i = 0; i < 2; i++) {
			KTEST_EXPECT_EQ(t, arch_vm_lookup(crossed[i]), pfn + i);
			arch_vm_unmap(crossed[i]);
			KTEST_EXPECT_EQ(t, arch_vm_lookup(crossed[i]), ARCH_VM_NO_PFN);
		}
	}
out:
	if (block)
		__free_pages(block, 1);
}

static void the_linear_map_uses_small_pages_and_round_trips(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	void *va;
	u32 pgd;

	KTEST_ASSERT_NOT_NULL(t, page);
	va = page_address(page);
	pgd = swapper_pg_dir[(uintptr_t)va >> 20];
	KTEST_EXPECT_EQ(t, pgd & 3, PMD_TYPE_TABLE);
	KTEST_EXPECT_EQ(t, __pa(va), page_to_phys(page));
	KTEST_EXPECT_TRUE(t, __va(page_to_phys(page)) == va);
	KTEST_EXPECT_GE(t, (uintptr_t)va, PAGE_OFFSET);
	__free_page(page);
}

/* Below each of the five stacks of every CPU's block, a guard page. */
static void every_stack_guard_page_and_null_are_unmapped(struct ktest *t)
{
	static const unsigned long tops[] = { CPU_STACK_SVC_TOP, CPU_STACK_ABT_TOP,
					      CPU_STACK_UND_TOP, CPU_STACK_IRQ_TOP,
					      CPU_STACK_FIQ_TOP };
	unsigned int cpu, i, guards = 0, c;
	bool guard;
	u32 v;

	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		for (i = 0; i < ARRAY_SIZE(tops); i++) {
			char *top = arm_cpu_stacks[cpu] + tops[i];
			char *stack = top - (i ? EXC_STACK_SIZE : SVC_STACK_SIZE);

			guards += arm_probe_read32(stack - PAGE_SIZE, &v) == -EFAULT;
			KTEST_EXPECT_EQ(t, arm_probe_read32(stack, &v), 0);
			KTEST_EXPECT_EQ(t, arm_probe_read32(top - 4, &v), 0);
			KTEST_EXPECT_NOT_NULL(t, arm_stack_name((uintptr_t)stack - 1, &c, &guard, NULL));
			KTEST_EXPECT_TRUE(t, guard && c == cpu);
		}
	}
	KTEST_EXPECT_EQ(t, guards, CONFIG_NR_CPUS * ARRAY_SIZE(tops));
	KTEST_EXPECT_EQ(t, arm_probe_read32(NULL, &v), -EFAULT);
}

static void ioremap_maps_device_sections_once(struct ktest *t)
{
	void __iomem *a = ioremap(0x10009000, 0x1000);
	void __iomem *b = ioremap(0x1000a000, 0x1000);
	void __iomem *c = ioremap(0x10009000, 0x1000);
	u32 pgd;

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_EXPECT_TRUE(t, a == c);
	KTEST_EXPECT_EQ(t, (uintptr_t)b - (uintptr_t)a, 0x1000);
	KTEST_EXPECT_GE(t, (uintptr_t)a, IOREMAP_BASE);
	KTEST_EXPECT_LT(t, (uintptr_t)a, IOREMAP_END);
	pgd = swapper_pg_dir[(uintptr_t)a >> 20];
	KTEST_EXPECT_EQ(t, pgd & 3, PMD_TYPE_SECT);
	/* Device memory (TEX 000, C 0, B 1), execute-never. */
	KTEST_EXPECT_EQ(t, pgd & (PMD_SECT_TEX(7) | PMD_SECT_C | PMD_SECT_B), PMD_SECT_B);
	KTEST_EXPECT_TRUE(t, pgd & PMD_SECT_XN);
	KTEST_EXPECT_NULL(t, ioremap(0x10000000, 0));
	KTEST_EXPECT_NULL(t, ioremap(0xfffff000, 0x2000));
}

#define PTE_MEMTYPE (PTE_TEX(7) | PTE_C | PTE_B)

/*
 * The linear alias of a page through every attribute: the descriptor's
 * memory type, the data through it, and a fault once it is unmapped (a
 * DMA_ATTR_NO_KERNEL_MAPPING buffer's cookie must not be usable).
 */
static void linear_map_attributes_change_the_descriptor_and_fault_when_unmapped(struct ktest *t)
{
	struct page *page = alloc_pages(GFP_KERNEL, 1);
	u64 pa;
	u32 *lin, *pte, v = 0;
	unsigned long before = arm_probe_last_fault.count;

	KTEST_ASSERT_NOT_NULL(t, page);
	pa = page_to_phys(page);
	lin = page_address(page);
	pte = arm_linear_pte(pa);
	KTEST_ASSERT_NOT_NULL(t, pte);
	lin[0] = 0x600dcafe;
	/* Normal write-back (TEX 001, C 1, B 1). */
	KTEST_EXPECT_EQ(t, *pte & PTE_MEMTYPE, PTE_TEX(1) | PTE_C | PTE_B);

	KTEST_EXPECT_EQ(t, arch_linear_set_attr(pa, 2 * PAGE_SIZE, ARCH_LINEAR_NONCACHED), 0);
	/* Normal non-cacheable (TEX 001, C 0, B 0), both pages, still XN. */
	KTEST_EXPECT_EQ(t, pte[0] & PTE_MEMTYPE, PTE_TEX(1));
	KTEST_EXPECT_EQ(t, pte[1] & PTE_MEMTYPE, PTE_TEX(1));
	KTEST_EXPECT_TRUE(t, pte[0] & PTE_XN);
	KTEST_EXPECT_EQ(t, pte[0] & ~0xfffu, (u32)pa);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(pa), ARCH_LINEAR_NONCACHED);
	/* What the cacheable alias wrote was cleaned to memory on the way. */
	KTEST_EXPECT_EQ(t, lin[0], 0x600dcafe);
	lin[1] = 0x5eed;

	KTEST_EXPECT_EQ(t, arch_linear_set_attr(pa, 2 * PAGE_SIZE, ARCH_LINEAR_UNMAPPED), 0);
	KTEST_EXPECT_EQ(t, pte[0], 0);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(pa + PAGE_SIZE), ARCH_LINEAR_UNMAPPED);
	KTEST_EXPECT_EQ(t, arm_probe_read32(lin, &v), -EFAULT);
	KTEST_EXPECT_EQ(t, arm_probe_write32(lin + 1024, 1), -EFAULT);
	KTEST_EXPECT_EQ(t, arm_probe_last_fault.count, before + 2);
	KTEST_EXPECT_EQ(t, arm_probe_last_fault.fsr & 0x40f, FSR_TRANSLATION_PAGE);

	KTEST_EXPECT_EQ(t, arch_linear_set_attr(pa, 2 * PAGE_SIZE, ARCH_LINEAR_CACHED), 0);
	KTEST_EXPECT_EQ(t, pte[1] & PTE_MEMTYPE, PTE_TEX(1) | PTE_C | PTE_B);
	KTEST_EXPECT_EQ(t, arm_probe_read32(lin, &v), 0);
	KTEST_EXPECT_EQ(t, v, 0x600dcafe);
	KTEST_EXPECT_EQ(t, lin[1], 0x5eed);
	/* Not page-aligned, or not RAM: refused, nothing changes. */
	KTEST_EXPECT_EQ(t, arch_linear_set_attr(pa + 4, PAGE_SIZE, ARCH_LINEAR_NONCACHED), -EINVAL);
	KTEST_EXPECT_EQ(t, arch_linear_set_attr(0x10000000, PAGE_SIZE, ARCH_LINEAR_NONCACHED),
			-EINVAL);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(pa), ARCH_LINEAR_CACHED);
	__free_pages(page, 1);
}

/*
 * A run at least as large as the L1 goes through the whole-cache path
 * (set/way on every online CPU, mmu.c change_run()): the data written
 * through the cacheable alias survives every transition, the unmapped
 * alias faults, and every other online CPU took the call-function IPI
 * that maintains its L1 (twice: leaving the cacheable alias and coming
 * back to it).
 */
static void a_large_run_changes_attributes_with_every_cpus_l1_maintained(struct ktest *t)
{
	unsigned int order = 0, cpu, self = arch_cpu_id();
	unsigned long ipis[CONFIG_NR_CPUS], i, bad = 0;
	struct page *page;
	size_t size;
	u32 *lin, v;
	u64 pa;

	while ((PAGE_SIZE << order) < 2 * arm_l1_bytes())
		order++;
	size = PAGE_SIZE << order;
	page = alloc_pages(GFP_KERNEL, order);
	KTEST_ASSERT_NOT_NULL(t, page);
	pa = page_to_phys(page);
	lin = page_address(page);
	for (i = 0; i < size / 4; i++)
		lin[i] = 0xc0de0000u ^ (u32)i;
	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		ipis[cpu] = smp_call_function_count(cpu);

	KTEST_EXPECT_EQ(t, arch_linear_set_attr(pa, size, ARCH_LINEAR_UNMAPPED), 0);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(pa + size - PAGE_SIZE), ARCH_LINEAR_UNMAPPED);
	KTEST_EXPECT_EQ(t, arm_probe_read32(lin + size / 8, &v), -EFAULT);
	KTEST_EXPECT_EQ(t, arch_linear_set_attr(pa, size, ARCH_LINEAR_NONCACHED), 0);
	for (i = 0; i < size / 4; i++)
		bad += lin[i] != (0xc0de0000u ^ (u32)i);
	KTEST_EXPECT_EQ(t, bad, 0);
	lin[3] = 0x5eed;
	KTEST_EXPECT_EQ(t, arch_linear_set_attr(pa, size, ARCH_LINEAR_CACHED), 0);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(pa), ARCH_LINEAR_CACHED);
	KTEST_EXPECT_EQ(t, lin[3], 0x5eed);
	KTEST_EXPECT_EQ(t, lin[size / 4 - 1], 0xc0de0000u ^ (u32)(size / 4 - 1));

	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		if (cpu == self || !arm_cpu_online(cpu))
			continue;
		KTEST_EXPECT_GE(t, smp_call_function_count(cpu), ipis[cpu] + 2);
	}
	__free_pages(page, order);
}

static void the_mmu_and_caches_are_on(struct ktest *t)
{
	u32 sctlr;

	__asm__ __volatile__("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
	KTEST_EXPECT_TRUE(t, sctlr & SCTLR_M);
	KTEST_EXPECT_TRUE(t, sctlr & SCTLR_C);
	KTEST_EXPECT_TRUE(t, sctlr & SCTLR_I);
	KTEST_EXPECT_FALSE(t, sctlr & SCTLR_TRE);
}

/*
 * Whole 1 MiB sections of a range change by their first-level descriptor
 * (mmu.c write_linear()): a non-cacheable section, then a split when part
 * of one becomes cacheable again (the rest keeps its attribute in small
 * pages), an invalid descriptor when unmapped (a section translation
 * fault), and the cacheable table back at the end - with the data kept
 * through every step.
 */
#define FSR_TRANSLATION_SECTION 0x5
#define SECT_MEMTYPE (PMD_SECT_TEX(7) | PMD_SECT_C | PMD_SECT_B)

static void whole_sections_change_by_their_first_level_descriptor(struct ktest *t)
{
	const unsigned int order = SECTION_SHIFT + 1 - PAGE_SHIFT; /* two sections */
	unsigned long n = 1UL << order, i, bad = 0, before = arm_probe_last_fault.count;
	struct page *page = alloc_pages(GFP_KERNEL, order);
	u32 *lin, *slot, *pte, v = 0;
	size_t size = PAGE_SIZE << order;
	u64 pa;

	KTEST_ASSERT_NOT_NULL(t, page);
	pa = page_to_phys(page);
	lin = page_address(page);
	slot = &swapper_pg_dir[(uintptr_t)lin >> SECTION_SHIFT];
	pte = arm_linear_pte(pa);
	KTEST_ASSERT_NOT_NULL(t, pte);
	for (i = 0; i < size / 4; i++)
		lin[i] = 0x5ec70000u ^ (u32)i;

	/* Non-cacheable: a section descriptor each, normal non-cacheable, XN. */
	KTEST_EXPECT_EQ(t, arch_linear_set_attr(pa, size, ARCH_LINEAR_NONCACHED), 0);
	for (i = 0; i < 2; i++) {
		KTEST_EXPECT_EQ(t, slot[i] & 3, PMD_TYPE_SECT);
		KTEST_EXPECT_EQ(t, slot[i] & SECT_MEMTYPE, PMD_SECT_TEX(1));
		KTEST_EXPECT_TRUE(t, slot[i] & PMD_SECT_XN);
		KTEST_EXPECT_EQ(t, slot[i] & 0xfff00000u, (u32)pa + (u32)(i << SECTION_SHIFT));
	}
	for (i = 0; i < n; i++)
		bad += arch_linear_get_attr(pa + PFN_PHYS(i)) != ARCH_LINEAR_NONCACHED;
	for (i = 0; i < size / 4; i++)
		bad += lin[i] != (0x5ec70000u ^ (u32)i);
	KTEST_EXPECT_EQ(t, bad, 0);

	/* Two pages of the second section cacheable again: it is split. */
	KTEST_EXPECT_EQ(t, arch_linear_set_attr(pa + SECTION_SIZE, 2 * PAGE_SIZE,
						ARCH_LINEAR_CACHED), 0);
	KTEST_EXPECT_EQ(t, slot[0] & 3, PMD_TYPE_SECT);
	KTEST_EXPECT_EQ(t, slot[1] & 3, PMD_TYPE_TABLE);
	KTEST_EXPECT_EQ(t, pte[PTRS_PER_PTE] & PTE_MEMTYPE, PTE_TEX(1) | PTE_C | PTE_B);
	KTEST_EXPECT_EQ(t, pte[PTRS_PER_PTE + 1] & PTE_MEMTYPE, PTE_TEX(1) | PTE_C | PTE_B);
	KTEST_EXPECT_EQ(t, pte[PTRS_PER_PTE + 2] & PTE_MEMTYPE, PTE_TEX(1));
	KTEST_EXPECT_EQ(t, pte[2 * PTRS_PER_PTE - 1] & PTE_MEMTYPE, PTE_TEX(1));
	KTEST_EXPECT_EQ(t, pte[2 * PTRS_PER_PTE - 1] & ~0xfffu, (u32)pa + (u32)size - PAGE_SIZE);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(pa + SECTION_SIZE + PAGE_SIZE), ARCH_LINEAR_CACHED);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(pa + SECTION_SIZE + 2 * PAGE_SIZE),
			ARCH_LINEAR_NONCACHED);
	KTEST_EXPECT_EQ(t, lin[size / 4 - 1], 0x5ec70000u ^ (u32)(size / 4 - 1));
	KTEST_EXPECT_EQ(t, lin[SECTION_SIZE / 4], 0x5ec70000u ^ (u32)(SECTION_SIZE / 4));
	lin[1] = 0x5eed;

	/*
	 * Unmapped: the first section, whole in one run, by an invalid
	 * first-level descriptor (a section translation fault); the split one
	 * by its entries (its runs are parts of it).
	 */
	KTEST_EXPECT_EQ(t, arch_linear_set_attr(pa, size, ARCH_LINEAR_UNMAPPED), 0);
	KTEST_EXPECT_EQ(t, slot[0], 0);
	KTEST_EXPECT_EQ(t, slot[1] & 3, PMD_TYPE_TABLE);
	for (i = PTRS_PER_PTE; i < n; i++)
		bad += pte[i] != 0;
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(pa + PAGE_SIZE), ARCH_LINEAR_UNMAPPED);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(pa + SECTION_SIZE), ARCH_LINEAR_UNMAPPED);
	KTEST_EXPECT_EQ(t, arm_probe_read32(lin + 5, &v), -EFAULT);
	KTEST_EXPECT_EQ(t, arm_probe_last_fault.fsr & 0x40f, FSR_TRANSLATION_SECTION);
	KTEST_EXPECT_EQ(t, arm_probe_read32(lin + size / 8, &v), -EFAULT);
	KTEST_EXPECT_EQ(t, arm_probe_last_fault.fsr & 0x40f, FSR_TRANSLATION_PAGE);
	KTEST_EXPECT_EQ(t, arm_probe_last_fault.count, before + 2);
	/* Unmapped throughout (one run), back to non-cacheable: sections again. */
	KTEST_EXPECT_EQ(t, arch_linear_set_attr(pa, size, ARCH_LINEAR_NONCACHED), 0);
	KTEST_EXPECT_EQ(t, slot[1] & 3, PMD_TYPE_SECT);
	KTEST_EXPECT_EQ(t, arch_linear_set_attr(pa + SECTION_SIZE, SECTION_SIZE,
						ARCH_LINEAR_UNMAPPED), 0);
	KTEST_EXPECT_EQ(t, slot[1], 0);
	KTEST_EXPECT_EQ(t, arch_linear_set_attr(pa, size, ARCH_LINEAR_NONCACHED), 0);
	for (i = 0; i < 2; i++)
		KTEST_EXPECT_EQ(t, slot[i] & (3 | SECT_MEMTYPE), PMD_TYPE_SECT | PMD_SECT_TEX(1));
	KTEST_EXPECT_EQ(t, lin[1], 0x5eed);
	KTEST_EXPECT_EQ(t, lin[SECTION_SIZE / 4 + 7], 0x5ec70000u ^ (u32)(SECTION_SIZE / 4 + 7));

	/*
	 * The second section non-cacheable in two calls (a table whose entries
	 * are all non-cacheable), then unmapped whole: the entries under the
	 * invalid descriptor go back to cacheable, for the table's return.
	 */
	KTEST_EXPECT_EQ(t, arch_linear_set_attr(pa + SECTION_SIZE, SECTION_SIZE / 2,
						ARCH_LINEAR_CACHED), 0);
	KTEST_EXPECT_EQ(t, arch_linear_set_attr(pa + SECTION_SIZE, SECTION_SIZE / 2,
						ARCH_LINEAR_NONCACHED), 0);
	KTEST_EXPECT_EQ(t, slot[1] & 3, PMD_TYPE_TABLE);
	KTEST_EXPECT_EQ(t, pte[PTRS_PER_PTE] & PTE_MEMTYPE, PTE_TEX(1));
	KTEST_EXPECT_EQ(t, arch_linear_set_attr(pa + SECTION_SIZE, SECTION_SIZE,
						ARCH_LINEAR_UNMAPPED), 0);
	KTEST_EXPECT_EQ(t, slot[1], 0);
	KTEST_EXPECT_EQ(t, arch_linear_get_attr(pa + SECTION_SIZE), ARCH_LINEAR_UNMAPPED);

	/* Cacheable again: the tables are back, every entry cacheable. */
	KTEST_EXPECT_EQ(t, arch_linear_set_attr(pa, size, ARCH_LINEAR_CACHED), 0);
	for (i = 0; i < 2; i++)
		KTEST_EXPECT_EQ(t, slot[i] & 3, PMD_TYPE_TABLE);
	bad = 0;
	for (i = 0; i < n; i++)
		bad += (pte[i] & PTE_MEMTYPE) != (PTE_TEX(1) | PTE_C | PTE_B) ||
		       (pte[i] & ~0xfffu) != (u32)pa + (u32)PFN_PHYS(i) ||
		       arch_linear_get_attr(pa + PFN_PHYS(i)) != ARCH_LINEAR_CACHED;
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, lin[1], 0x5eed);
	KTEST_EXPECT_EQ(t, lin[size / 4 - 1], 0x5ec70000u ^ (u32)(size / 4 - 1));
	__free_pages(page, order);
}

static struct ktest_case arm_mmu_cases[] = {
	KTEST_CASE(an_unmapped_window_page_faults_with_a_translation_fault),
	KTEST_CASE(a_window_page_reaches_its_frame_until_unmapped),
	KTEST_CASE(remapping_a_window_page_switches_to_the_new_frame),
	KTEST_CASE(window_batches_write_the_same_entries_with_or_without_cleans),
	KTEST_CASE(the_linear_map_uses_small_pages_and_round_trips),
	KTEST_CASE(every_stack_guard_page_and_null_are_unmapped),
	KTEST_CASE(ioremap_maps_device_sections_once),
	KTEST_CASE(linear_map_attributes_change_the_descriptor_and_fault_when_unmapped),
	KTEST_CASE(a_large_run_changes_attributes_with_every_cpus_l1_maintained),
	KTEST_CASE(whole_sections_change_by_their_first_level_descriptor),
	KTEST_CASE(the_mmu_and_caches_are_on),
	{}
};

static struct ktest_suite arm_mmu_suite = {
	.name = "arm_mmu",
	.cases = arm_mmu_cases,
};
ktest_register(arm_mmu_suite);

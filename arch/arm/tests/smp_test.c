// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "arm_smp": the ARM port's SMP pieces on the cores QEMU
 * gives (-smp N): every online CPU has its own tick, stacks and logical
 * number, takes IPIs, and RAM and the table walks are inner shareable.
 * Cases that need a second CPU skip on one. Waits are bounded by loop
 * counts. ARM-only: built from arch/arm/tests/ (Kbuild, CONFIG_KTEST).
 */
#define pr_fmt(fmt) "arm_smp_test: " fmt

#include <contig/arch.h>
#include <contig/clocksource.h>
#include <contig/irq.h>
#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/smp.h>
#include <contig/string.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/smp.h>

#include "../internal.h"

#define SPIN_LIMIT (1UL << 26)

struct cpu_facts {
	unsigned int index_cpu[CONFIG_NR_CPUS];
	uintptr_t sp[CONFIG_NR_CPUS];
	u32 mpidr[CONFIG_NR_CPUS];
	u64 ticks0[CONFIG_NR_CPUS];
	int ticked[CONFIG_NR_CPUS];
};

/* On each CPU: its number, where its stack is, and wait for 3 of its ticks. */
static void gather(unsigned int index, void *arg)
{
	struct cpu_facts *f = arg;
	unsigned int cpu = arch_cpu_id();
	volatile int here = 0;
	unsigned long i;
	u64 t0 = tick_count(cpu);

	f->index_cpu[index] = cpu;
	f->sp[cpu] = (uintptr_t)&here;
	__asm__("mrc p15, 0, %0, c0, c0, 5" : "=r"(f->mpidr[cpu]));
	for (i = 0; i < SPIN_LIMIT && tick_count(cpu) < t0 + 3; i++)
		arch_cpu_relax();
	f->ticked[cpu] = tick_count(cpu) >= t0 + 3;
}

static void every_cpu_has_its_own_number_stack_and_tick(struct ktest *t)
{
	static struct cpu_facts f;
	unsigned int n, i, j, stack_cpu;
	bool guard;

	memset(&f, 0, sizeof(f));
	n = arch_smp_run(arch_nr_cpus(), gather, &f);
	KTEST_EXPECT_EQ(t, n, arch_nr_cpus());
	for (i = 0; i < n; i++) {
		unsigned int cpu = f.index_cpu[i];
		const char *stack = arm_stack_name(f.sp[cpu], &stack_cpu, &guard, NULL);

		for (j = 0; j < i; j++)
			KTEST_EXPECT_NE(t, f.index_cpu[j], cpu);
		KTEST_EXPECT_TRUE(t, stack && !strcmp(stack, "SVC") && !guard);
		KTEST_EXPECT_EQ(t, stack_cpu, cpu);
		KTEST_EXPECT_TRUE(t, f.ticked[cpu]);
		KTEST_EXPECT_TRUE(t, f.mpidr[cpu] & MPIDR_MP);
		ktest_info(t, "cpu %u: MPIDR %#x, sp %#lx, %llu ticks", cpu, f.mpidr[cpu],
			   (unsigned long)f.sp[cpu], (unsigned long long)tick_count(cpu));
	}
}

static void note_cpu(void *arg)
{
	cpumask_t *mask = arg;

	__atomic_or_fetch(mask, cpumask_of(arch_cpu_id()), __ATOMIC_RELAXED);
}

static void ipis_reach_every_online_cpu(struct ktest *t)
{
	cpumask_t all = 0, ran = 0, missed;
	unsigned long before[CONFIG_NR_CPUS];
	unsigned int cpu, self = arch_cpu_id();

	if (arch_nr_cpus() < 2) {
		ktest_skip(t, "needs 2 CPUs, have %u", arch_nr_cpus());
		return;
	}
	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++) {
		all |= cpumask_of(cpu);
		before[cpu] = arm_ipi_count(cpu, IPI_CALL_FUNC);
	}
	missed = smp_call_function_many(all, note_cpu, &ran);
	/* Exactly the online CPUs ran it; the others are reported back. */
	KTEST_EXPECT_EQ(t, __builtin_popcountl(ran), arch_nr_cpus() - 1);
	KTEST_EXPECT_EQ(t, ran & missed, 0);
	KTEST_EXPECT_EQ(t, ran | missed | cpumask_of(self), all);
	for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
		if (ran & cpumask_of(cpu))
			KTEST_EXPECT_EQ(t, arm_ipi_count(cpu, IPI_CALL_FUNC), before[cpu] + 1);
}

/* The descriptors say inner shareable, as SMP needs. */
static void ram_and_table_walks_are_inner_shareable(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	u32 ttbr, pgd, *pte;
	uintptr_t va;

	KTEST_ASSERT_NOT_NULL(t, page);
	__asm__("mrc p15, 0, %0, c2, c0, 0" : "=r"(ttbr));
	KTEST_EXPECT_EQ(t, ttbr & (TTBR_S | TTBR_NOS), TTBR_S | TTBR_NOS);
	va = (uintptr_t)page_address(page);
	pgd = swapper_pg_dir[va >> SECTION_SHIFT];
	KTEST_ASSERT_EQ(t, pgd & 3, PMD_TYPE_TABLE);
	pte = arm_linear_pte(page_to_phys(page));
	KTEST_ASSERT_NOT_NULL(t, pte);
	KTEST_EXPECT_TRUE(t, *pte & PTE_S);
	KTEST_EXPECT_EQ(t, *pte & (PTE_TEX(7) | PTE_C | PTE_B), PTE_TEX(1) | PTE_C | PTE_B);
	/* The image's own pages too (head.S's tables). */
	pgd = swapper_pg_dir[KIMAGE_VADDR >> SECTION_SHIFT];
	KTEST_ASSERT_EQ(t, pgd & 3, PMD_TYPE_TABLE);
	KTEST_EXPECT_TRUE(t, kimage_pte[0][0] & PTE_S);
	__free_page(page);
}

static struct ktest_case arm_smp_cases[] = {
	KTEST_CASE(every_cpu_has_its_own_number_stack_and_tick),
	KTEST_CASE(ipis_reach_every_online_cpu),
	KTEST_CASE(ram_and_table_walks_are_inner_shareable),
	{}
};

static struct ktest_suite arm_smp_suite = {
	.name = "arm_smp",
	.cases = arm_smp_cases,
};
ktest_register(arm_smp_suite);

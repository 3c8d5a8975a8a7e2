// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "arch": the port contract of include/contig/arch.h and the
 * asm/ headers, as Documentation/porting.rst states it - CPUs started by
 * arch_smp_run() (distinct ids, capping, memory visibility), spinlocks
 * across CPUs, the clock, the linear map, the page zero/copy routines and
 * the movable-mapping window.
 * Runs unchanged on every port.
 */
#define pr_fmt(fmt) "arch_test: " fmt

#include <contig/arch.h>
#include <contig/atomic.h>
#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/spinlock.h>
#include <contig/string.h>

#include "copy_clear_check.h"

struct smp_record {
	unsigned int cpu_of[CONFIG_NR_CPUS];
	atomic_t runs[CONFIG_NR_CPUS];
	atomic_t calls;
};

static void record_cpu(unsigned int index, void *arg)
{
	struct smp_record *r = arg;

	atomic_inc(&r->calls);
	if (index < CONFIG_NR_CPUS) {
		r->cpu_of[index] = arch_cpu_id();
		atomic_inc(&r->runs[index]);
	}
}

static void arch_smp_run_gives_each_index_its_own_cpu_id(struct ktest *t)
{
	static struct smp_record r;
	unsigned int n, i, j;

	memset(&r, 0, sizeof(r));
	n = arch_smp_run(arch_nr_cpus(), record_cpu, &r);
	KTEST_ASSERT_EQ(t, n, arch_nr_cpus());
	KTEST_ASSERT_TRUE(t, n <= CONFIG_NR_CPUS);
	KTEST_EXPECT_EQ(t, atomic_read(&r.calls), n);
	KTEST_EXPECT_EQ(t, r.cpu_of[0], arch_cpu_id());
	for (i = 0; i < n; i++) {
		KTEST_EXPECT_EQ(t, atomic_read(&r.runs[i]), 1);
		KTEST_EXPECT_LT(t, r.cpu_of[i], CONFIG_NR_CPUS);
		for (j = 0; j < i; j++)
			KTEST_EXPECT_NE(t, r.cpu_of[i], r.cpu_of[j]);
	}
}

static void arch_smp_run_caps_the_cpu_count_at_arch_nr_cpus(struct ktest *t)
{
	static struct smp_record r;
	unsigned int n;

	memset(&r, 0, sizeof(r));
	n = arch_smp_run(CONFIG_NR_CPUS + 3, record_cpu, &r);
	KTEST_EXPECT_EQ(t, n, arch_nr_cpus());
	KTEST_EXPECT_EQ(t, atomic_read(&r.calls), arch_nr_cpus());

	memset(&r, 0, sizeof(r));
	n = arch_smp_run(1, record_cpu, &r);
	KTEST_EXPECT_EQ(t, n, 1);
	KTEST_EXPECT_EQ(t, atomic_read(&r.calls), 1);
	KTEST_EXPECT_EQ(t, r.cpu_of[0], arch_cpu_id());
}

/* Plain (non-atomic) data: arch_smp_run() itself must order it. */
struct handoff {
	unsigned long input[CONFIG_NR_CPUS];
	unsigned long output[CONFIG_NR_CPUS];
};

static void square_input(unsigned int index, void *arg)
{
	struct handoff *h = arg;

	h->output[index] = h->input[index] * h->input[index];
}

static void arch_smp_run_orders_plain_writes_both_ways(struct ktest *t)
{
	static struct handoff h;
	unsigned int i, n;

	for (i = 0; i < CONFIG_NR_CPUS; i++) {
		h.input[i] = 1000 + i;
		h.output[i] = 0;
	}
	n = arch_smp_run(arch_nr_cpus(), square_input, &h);
	for (i = 0; i < n; i++)
		KTEST_EXPECT_EQ(t, h.output[i], (1000UL + i) * (1000UL + i));
	for (; i < CONFIG_NR_CPUS; i++)
		KTEST_EXPECT_EQ(t, h.output[i], 0);
}

#define LOCK_ROUNDS 20000

static DEFINE_SPINLOCK(arch_test_lock);
static unsigned long arch_test_counter; /* protected by arch_test_lock */

static void bump_under_lock(unsigned int index, void *arg)
{
	unsigned long flags;
	int i;

	for (i = 0; i < LOCK_ROUNDS; i++) {
		spin_lock_irqsave(&arch_test_lock, flags);
		assert_spin_locked(&arch_test_lock);
		arch_test_counter++;
		spin_unlock_irqrestore(&arch_test_lock, flags);
	}
}

static void spinlock_serialises_increments_from_every_cpu(struct ktest *t)
{
	unsigned int n;

	spin_lock(&arch_test_lock);
	arch_test_counter = 0;
	spin_unlock(&arch_test_lock);
	n = arch_smp_run(arch_nr_cpus(), bump_under_lock, NULL);
	spin_lock(&arch_test_lock);
	KTEST_EXPECT_EQ(t, arch_test_counter, (unsigned long)n * LOCK_ROUNDS);
	KTEST_EXPECT_TRUE(t, spin_is_locked_by_me(&arch_test_lock));
	spin_unlock(&arch_test_lock);
	KTEST_EXPECT_FALSE(t, spin_is_locked_by_me(&arch_test_lock));
}

static void arch_clock_ns_never_goes_backwards(struct ktest *t)
{
	u64 prev = arch_clock_ns(), now;
	int i;

	for (i = 0; i < 10000; i++) {
		now = arch_clock_ns();
		if (!KTEST_EXPECT_GE(t, now, prev))
			return;
		prev = now;
	}
}

static void linear_map_round_trips_and_aliases_the_same_bytes(struct ktest *t)
{
	unsigned char *va = get_free_pages(GFP_KERNEL, 1);
	phys_addr_t pa;

	KTEST_ASSERT_NOT_NULL(t, va);
	pa = __pa(va);
	KTEST_EXPECT_NE(t, (uintptr_t)va, (uintptr_t)pa);
	KTEST_EXPECT_TRUE(t, (unsigned char *)__va(pa) == va);
	KTEST_EXPECT_EQ(t, __pa(va + PAGE_SIZE + 123), pa + PAGE_SIZE + 123);
	va[PAGE_SIZE + 7] = 0xa5;
	KTEST_EXPECT_EQ(t, *(unsigned char *)__va(pa + PAGE_SIZE + 7), 0xa5);
	free_pages(va, 1);
}

static void vm_window_can_map_every_frame(struct ktest *t)
{
	KTEST_EXPECT_GE(t, arch_vm_window_pages(), max_pfn - min_low_pfn);
}

/* A window page nobody uses right now, searched from the top. */
static unsigned long find_free_vpn(void)
{
	unsigned long vpn = arch_vm_window_pages();

	while (vpn--)
		if (arch_vm_lookup(vpn) == ARCH_VM_NO_PFN)
			return vpn;
	return ARCH_VM_NO_PFN;
}

static void vm_map_translates_and_unmap_empties_the_entry(struct ktest *t)
{
	struct page *a = alloc_page(GFP_KERNEL), *b = alloc_page(GFP_KERNEL);
	unsigned long vpn = find_free_vpn();
	unsigned long *w, *la, *lb;

	if (!a || !b || vpn == ARCH_VM_NO_PFN) {
		ktest_fail(t, __FILE__, __LINE__, "no page (%p %p) or window page (%lx)",
			   (void *)a, (void *)b, vpn);
		goto out;
	}
	la = __va(page_to_phys(a));
	lb = __va(page_to_phys(b));
	la[0] = 0x1111;
	lb[0] = 0x2222;

	arch_vm_map(vpn, page_to_pfn(a));
	KTEST_EXPECT_EQ(t, arch_vm_lookup(vpn), page_to_pfn(a));
	w = arch_vm_addr(vpn);
	KTEST_EXPECT_EQ(t, w[0], 0x1111);
	w[1] = 0xabcd;
	KTEST_EXPECT_EQ(t, la[1], 0xabcd);
	arch_vm_unmap(vpn);
	KTEST_EXPECT_EQ(t, arch_vm_lookup(vpn), ARCH_VM_NO_PFN);

	/* What migration does: the same window page now reaches frame b. */
	arch_vm_map(vpn, page_to_pfn(b));
	KTEST_EXPECT_EQ(t, arch_vm_lookup(vpn), page_to_pfn(b));
	w = arch_vm_addr(vpn);
	KTEST_EXPECT_EQ(t, w[0], 0x2222);
	arch_vm_unmap(vpn);
	KTEST_EXPECT_EQ(t, arch_vm_lookup(vpn), ARCH_VM_NO_PFN);
out:
	if (a)
		__free_page(a);
	if (b)
		__free_page(b);
}

static void irq_save_and_restore_nest(struct ktest *t)
{
	unsigned long outer = arch_irq_save();
	unsigned long inner = arch_irq_save();

	arch_irq_restore(inner);
	arch_irq_restore(outer);
	KTEST_EXPECT_EQ(t, arch_irq_save(), outer);
	arch_irq_restore(outer);
}

/*
 * The interrupt-safety bookkeeping of spinlocks: a lock is flagged once it
 * was taken both in interrupt context and with interrupts enabled, in
 * either order, and never for the safe combinations.
 */
static void a_lock_taken_in_irq_and_with_irqs_on_is_flagged(struct ktest *t)
{
	spinlock_t a, b, c;

	spin_lock_init(&a, "irq-then-on");
	spin_lock_init(&b, "on-then-irq");
	spin_lock_init(&c, "irq-and-irqsave");
	KTEST_EXPECT_FALSE(t, spin_irq_usage_record(&a, true, true));
	KTEST_EXPECT_FALSE(t, spin_irq_usage_record(&a, true, true));
	KTEST_EXPECT_TRUE(t, spin_irq_usage_record(&a, false, false));
	KTEST_EXPECT_FALSE(t, spin_irq_usage_record(&b, false, false));
	KTEST_EXPECT_TRUE(t, spin_irq_usage_record(&b, true, true));
	/* In interrupt context, and elsewhere only with interrupts masked. */
	KTEST_EXPECT_FALSE(t, spin_irq_usage_record(&c, true, true));
	KTEST_EXPECT_FALSE(t, spin_irq_usage_record(&c, false, true));
	KTEST_EXPECT_FALSE(t, spin_irq_usage_record(&c, true, true));
	KTEST_EXPECT_EQ(t, c.irq_usage, SPIN_USED_IN_IRQ);
}

/*
 * arch_zero_pages() zeroes exactly its pages, arch_copy_page() copies
 * exactly one page and arch_copy_pages() exactly its pages: the pages
 * around them keep their bytes. Every byte is checked (a routine that
 * skipped or repeated a register's worth of a 256-byte block would leave
 * a wrong word).
 */
static void zero_and_copy_pages_touch_exactly_their_pages(struct ktest *t)
{
	u8 *p = get_free_pages(GFP_KERNEL, 3); /* 8 pages */
	unsigned long i, bad = 0;

	KTEST_ASSERT_NOT_NULL(t, p);
	for (i = 0; i < 8 * PAGE_SIZE; i++)
		p[i] = (u8)(i * 7 + 1) | 1; /* never 0 */
	arch_zero_pages(p + PAGE_SIZE, 3 * PAGE_SIZE);
	for (i = 0; i < 8 * PAGE_SIZE; i++) {
		bool zero_here = i >= PAGE_SIZE && i < 4 * PAGE_SIZE;

		bad += zero_here ? p[i] != 0 : p[i] != ((u8)(i * 7 + 1) | 1);
	}
	KTEST_EXPECT_EQ(t, bad, 0);
	/* Page 5 onto page 1 (zero now); pages 0 and 2 stay as they are. */
	arch_copy_page(p + PAGE_SIZE, p + 5 * PAGE_SIZE);
	for (i = 0, bad = 0; i < PAGE_SIZE; i++)
		bad += p[PAGE_SIZE + i] != p[5 * PAGE_SIZE + i] || p[i] != ((u8)(i * 7 + 1) | 1) ||
		       p[2 * PAGE_SIZE + i] != 0;
	KTEST_EXPECT_EQ(t, bad, 0);
	/* Pages 5 and 6 onto pages 2 and 3; pages 1 and 4 stay as they are. */
	arch_copy_pages(p + 2 * PAGE_SIZE, p + 5 * PAGE_SIZE, 2 * PAGE_SIZE);
	for (i = 0, bad = 0; i < 2 * PAGE_SIZE; i++)
		bad += p[2 * PAGE_SIZE + i] != p[5 * PAGE_SIZE + i];
	for (i = 0; i < PAGE_SIZE; i++)
		bad += p[PAGE_SIZE + i] != p[5 * PAGE_SIZE + i] ||
		       p[4 * PAGE_SIZE + i] != ((u8)((4 * PAGE_SIZE + i) * 7 + 1) | 1);
	KTEST_EXPECT_EQ(t, bad, 0);
	free_pages(p, 3);
}

/*
 * arch_copy_clear_pages() leaves the old source in the destination and
 * zeroes in the source, for one page, two, and 64 (several iterations of
 * any unrolled loop), and touches no byte around either range.
 */
static void copy_clear_pages_moves_the_bytes_and_zeroes_the_source(struct ktest *t)
{
	static const unsigned long sizes[] = { 1, 2, 64 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		copy_clear_check(t, sizes[i]);
}

static struct ktest_case arch_cases[] = {
	KTEST_CASE(arch_smp_run_gives_each_index_its_own_cpu_id),
	KTEST_CASE(arch_smp_run_caps_the_cpu_count_at_arch_nr_cpus),
	KTEST_CASE(arch_smp_run_orders_plain_writes_both_ways),
	KTEST_CASE(spinlock_serialises_increments_from_every_cpu),
	KTEST_CASE(arch_clock_ns_never_goes_backwards),
	KTEST_CASE(linear_map_round_trips_and_aliases_the_same_bytes),
	KTEST_CASE(vm_window_can_map_every_frame),
	KTEST_CASE(vm_map_translates_and_unmap_empties_the_entry),
	KTEST_CASE(irq_save_and_restore_nest),
	KTEST_CASE(zero_and_copy_pages_touch_exactly_their_pages),
	KTEST_CASE(copy_clear_pages_moves_the_bytes_and_zeroes_the_source),
	KTEST_CASE(a_lock_taken_in_irq_and_with_irqs_on_is_flagged),
	{}
};

static struct ktest_suite arch_suite = { .name = "arch", .cases = arch_cases };
ktest_register(arch_suite);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "host_emu": the hosted port's device emulation
 * (arch/host/emu/emu.c, irq.c). A small test device model ("emu-test") is
 * registered at a physical address no board device uses; the cases drive it through
 * ioremap(), the accessors and request_irq() as a driver would, and check
 * what the model saw: offsets, sizes, values, which CPU took an interrupt
 * and with what mask, and that its DMA reaches RAM by physical address and
 * nothing else. Host-only: built from arch/host/tests/ (Kbuild).
 */
#define pr_fmt(fmt) "host_emu_test: " fmt

#include <contig/arch.h>
#include <contig/errno.h>
#include <contig/io.h>
#include <contig/irq.h>
#include <contig/ktest.h>
#include <contig/mm.h>
#include <contig/slab.h>
#include <contig/string.h>
#include <asm/host_emu.h>
#include <asm/memory.h>

#define TEST_BASE 0x1c000000ULL
#define TEST_SIZE 0x100UL
#define TEST_IRQ 200 /* no board device uses it */
#define TEST_MAGIC 0xc0de1234U
#define WAIT_ITERATIONS 1000000

/* Registers of the test device. */
#define REG_ID 0x00      /* ro: TEST_MAGIC */
#define REG_SCRATCH 0x04 /* rw */
#define REG_LINE 0x08    /* w: 1 raises the interrupt line, 0 lowers it */
#define REG_DMA_SRC 0x0c /* w: copy 16 bytes from this physical address */
#define REG_DMA_STATUS 0x10 /* ro: 0 ok, else -errno of the last copy */
#define REG_DMA_DATA 0x20 /* ro: the 16 bytes copied, 4 registers */

struct emu_test_state {
	u32 scratch;
	int dma_status;
	u8 dma_data[16];
	unsigned long last_offset;
	unsigned int last_size;
	u32 last_val;
};

static struct emu_test_state state;

static u32 emu_test_read(struct host_emu_device *dev, unsigned long off, unsigned int size)
{
	struct emu_test_state *s = dev->priv;
	u32 v = 0;

	s->last_offset = off;
	s->last_size = size;
	if (off >= REG_DMA_DATA && off + size <= REG_DMA_DATA + sizeof(s->dma_data)) {
		memcpy(&v, s->dma_data + (off - REG_DMA_DATA), size);
		return v;
	}
	switch (off) {
	case REG_ID:
		return TEST_MAGIC;
	case REG_SCRATCH:
		return s->scratch;
	case REG_DMA_STATUS:
		return (u32)s->dma_status;
	}
	return 0;
}

static void emu_test_write(struct host_emu_device *dev, unsigned long off, u32 val,
			   unsigned int size)
{
	struct emu_test_state *s = dev->priv;

	s->last_offset = off;
	s->last_size = size;
	s->last_val = val;
	switch (off) {
	case REG_SCRATCH:
		s->scratch = val;
		break;
	case REG_LINE:
		host_emu_set_irq(TEST_IRQ, val & 1);
		break;
	case REG_DMA_SRC:
		s->dma_status = host_emu_dma_read(val, s->dma_data, sizeof(s->dma_data));
		break;
	}
}

static const struct host_emu_ops emu_test_ops = {
	.read = emu_test_read,
	.write = emu_test_write,
};

static struct host_emu_device emu_test_dev = {
	.name = "emu-test",
	.base = TEST_BASE,
	.size = TEST_SIZE,
	.ops = &emu_test_ops,
	.priv = &state,
};

static void __iomem *regs;

static int emu_test_init(struct ktest *t)
{
	memset(&state, 0, sizeof(state));
	if (host_emu_register(&emu_test_dev))
		return -EINVAL;
	regs = ioremap(TEST_BASE, TEST_SIZE);
	return regs ? 0 : -ENOMEM;
}

static void emu_test_exit(struct ktest *t)
{
	host_emu_set_irq(TEST_IRQ, false);
	host_emu_unregister(&emu_test_dev);
}

static void ioremap_reaches_a_registered_window_and_nothing_else(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, ioremap(TEST_BASE + 4, 4) == (u8 __iomem *)regs + 4);
	KTEST_EXPECT_NULL(t, ioremap(TEST_BASE + TEST_SIZE - 2, 4));
	KTEST_EXPECT_NULL(t, ioremap(TEST_BASE + TEST_SIZE, 4));
	KTEST_EXPECT_NULL(t, ioremap(TEST_BASE, 0));
	/* The board's UART is in the DT but has no model on the host. */
	KTEST_EXPECT_NULL(t, ioremap(0x10009000, 0x1000));
	KTEST_EXPECT_TRUE(t, host_emu_find(TEST_BASE + 0x10) == &emu_test_dev);
	KTEST_EXPECT_NULL(t, host_emu_find(TEST_BASE + TEST_SIZE));
}

static void accessors_hand_offset_size_and_value_to_the_model(struct ktest *t)
{
	unsigned long w0 = emu_test_dev.writes;

	KTEST_EXPECT_EQ(t, readl(regs + REG_ID), TEST_MAGIC);
	writel(0xa5a55a5a, regs + REG_SCRATCH);
	KTEST_EXPECT_EQ(t, state.last_offset, REG_SCRATCH);
	KTEST_EXPECT_EQ(t, state.last_size, 4);
	KTEST_EXPECT_EQ(t, readl_relaxed(regs + REG_SCRATCH), 0xa5a55a5a);
	writeb(0xff, regs + 0x41);
	KTEST_EXPECT_EQ(t, state.last_offset, 0x41);
	KTEST_EXPECT_EQ(t, state.last_size, 1);
	KTEST_EXPECT_EQ(t, state.last_val, 0xff);
	KTEST_EXPECT_EQ(t, readw(regs + REG_ID), TEST_MAGIC & 0xffff);
	KTEST_EXPECT_EQ(t, state.last_size, 2);
	KTEST_EXPECT_EQ(t, emu_test_dev.writes, w0 + 2);
}

static void register_refuses_overlaps_ram_and_oversized_windows(struct ktest *t)
{
	struct host_emu_device overlap = { .name = "overlap", .base = TEST_BASE + 0x80,
					   .size = 0x100, .ops = &emu_test_ops };
	struct host_emu_device ram = { .name = "in-ram", .base = host_ram_start,
				       .size = 0x100, .ops = &emu_test_ops };
	struct host_emu_device big = { .name = "big", .base = 0x1d000000,
				       .size = HOST_EMU_WINDOW_MAX + 4, .ops = &emu_test_ops };

	KTEST_EXPECT_EQ(t, host_emu_register(&overlap), -EBUSY);
	KTEST_EXPECT_EQ(t, host_emu_register(&ram), -EINVAL);
	KTEST_EXPECT_EQ(t, host_emu_register(&big), -EINVAL);
	KTEST_EXPECT_NULL(t, ioremap(0x1d000000, 4));
}

static unsigned int handler_calls;
static unsigned int handler_cpu;
static bool handler_masked;

static void test_handler(unsigned int irq, void *dev)
{
	void __iomem *r = dev;

	__atomic_add_fetch(&handler_calls, 1, __ATOMIC_RELAXED);
	handler_cpu = arch_cpu_id();
	handler_masked = arch_irqs_disabled();
	writel(0, r + REG_LINE); /* acknowledge: lower the line */
}

static void a_line_raised_while_masked_is_taken_when_unmasked(struct ktest *t)
{
	unsigned long flags, entries = host_irq_entries();
	int i;

	handler_calls = 0;
	KTEST_ASSERT_EQ(t, request_irq(TEST_IRQ, test_handler, regs), 0);
	flags = arch_irq_save();
	writel(1, regs + REG_LINE);
	KTEST_EXPECT_TRUE(t, host_emu_irq_level(TEST_IRQ));
	for (i = 0; i < 10; i++) {
		arch_cpu_relax();
		readl(regs + REG_ID);
	}
	KTEST_EXPECT_EQ(t, handler_calls, 0);
	arch_irq_restore(flags);
	KTEST_EXPECT_EQ(t, handler_calls, 1);
	KTEST_EXPECT_EQ(t, handler_cpu, 0);
	KTEST_EXPECT_TRUE(t, handler_masked);
	KTEST_EXPECT_FALSE(t, arch_irqs_disabled());
	KTEST_EXPECT_FALSE(t, host_emu_irq_level(TEST_IRQ));
	KTEST_EXPECT_EQ(t, host_irq_entries(), entries + 1);
	free_irq(TEST_IRQ);
}

static void raise_on_cpu1(unsigned int index, void *arg)
{
	unsigned int *calls_seen = arg;
	int i;

	if (index == 1) {
		writel(1, regs + REG_LINE);
		/* Interrupts go to CPU 0: none may run here. */
		for (i = 0; i < 100; i++)
			arch_cpu_relax();
		*calls_seen = __atomic_load_n(&handler_calls, __ATOMIC_RELAXED);
		return;
	}
	for (i = 0; i < WAIT_ITERATIONS && !__atomic_load_n(&handler_calls, __ATOMIC_RELAXED);
	     i++)
		arch_cpu_relax();
}

static void a_line_raised_on_another_cpu_is_taken_by_cpu0(struct ktest *t)
{
	unsigned int seen = 0;

	if (arch_nr_cpus() < 2) {
		ktest_skip(t, "needs 2 CPUs");
		return;
	}
	handler_calls = 0;
	handler_cpu = ~0U;
	KTEST_ASSERT_EQ(t, request_irq(TEST_IRQ, test_handler, regs), 0);
	KTEST_EXPECT_EQ(t, arch_smp_run(2, raise_on_cpu1, &seen), 2);
	KTEST_EXPECT_EQ(t, handler_calls, 1);
	KTEST_EXPECT_EQ(t, handler_cpu, 0);
	free_irq(TEST_IRQ);
}

static void a_line_without_a_handler_waits_until_request_irq(struct ktest *t)
{
	unsigned long before = irq_count(TEST_IRQ);

	handler_calls = 0;
	writel(1, regs + REG_LINE);
	arch_cpu_relax();
	KTEST_EXPECT_EQ(t, irq_count(TEST_IRQ), before);
	/* request_irq() enables it; the high line is taken at the next window. */
	KTEST_ASSERT_EQ(t, request_irq(TEST_IRQ, test_handler, regs), 0);
	arch_cpu_relax();
	KTEST_EXPECT_EQ(t, handler_calls, 1);
	KTEST_EXPECT_EQ(t, irq_count(TEST_IRQ), before + 1);
	free_irq(TEST_IRQ);
	/* Disabled again: a new edge of the line is not taken. */
	writel(1, regs + REG_LINE);
	arch_cpu_relax();
	KTEST_EXPECT_EQ(t, handler_calls, 1);
	writel(0, regs + REG_LINE);
}

static void dma_reaches_ram_by_physical_address_and_nothing_else(struct ktest *t)
{
	u8 *buf = kmalloc(64, GFP_KERNEL);
	u8 out[16];
	int i;

	KTEST_ASSERT_NOT_NULL(t, buf);
	for (i = 0; i < 64; i++)
		buf[i] = (u8)(i * 7 + 1);
	writel((u32)__pa(buf + 8), regs + REG_DMA_SRC);
	KTEST_EXPECT_EQ(t, readl(regs + REG_DMA_STATUS), 0);
	for (i = 0; i < 4; i++) {
		u32 v = readl(regs + REG_DMA_DATA + 4 * i);

		memcpy(out + 4 * i, &v, 4);
	}
	KTEST_EXPECT_EQ(t, memcmp(out, buf + 8, 16), 0);
	writel((u32)(host_ram_end - 8), regs + REG_DMA_SRC);
	KTEST_EXPECT_EQ(t, (int)readl(regs + REG_DMA_STATUS), -EFAULT);
	KTEST_EXPECT_NULL(t, host_emu_dma_ptr(host_ram_start - 4, 8));
	KTEST_EXPECT_TRUE(t, host_emu_dma_ptr(__pa(buf), 64) == buf);
	KTEST_EXPECT_EQ(t, host_emu_dma_write(0x1000, out, 4), -EFAULT);
	kfree(buf);
}

static struct ktest_case host_emu_cases[] = {
	KTEST_CASE(ioremap_reaches_a_registered_window_and_nothing_else),
	KTEST_CASE(accessors_hand_offset_size_and_value_to_the_model),
	KTEST_CASE(register_refuses_overlaps_ram_and_oversized_windows),
	KTEST_CASE(a_line_raised_while_masked_is_taken_when_unmasked),
	KTEST_CASE(a_line_raised_on_another_cpu_is_taken_by_cpu0),
	KTEST_CASE(a_line_without_a_handler_waits_until_request_irq),
	KTEST_CASE(dma_reaches_ram_by_physical_address_and_nothing_else),
	{}
};

static struct ktest_suite host_emu_suite = {
	.name = "host_emu",
	.init = emu_test_init,
	.exit = emu_test_exit,
	.cases = host_emu_cases,
};
ktest_register(host_emu_suite);

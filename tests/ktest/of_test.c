// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "of": the device-tree helpers of lib/of.c, against the live
 * board DTB (contig's vexpress-a9, which the host boots too; Linux's own
 * vexpress DTB, when check.py's linux-vexpress suite boots it; or QEMU's
 * virt board under U-Boot: each board's cases skip on the others) and
 * against a small tree built here with libfdt's sequential-write
 * functions: a bus with two-cell (chip select, offset) addresses and
 * several ranges, a nested bus, disabled nodes, two console candidates of
 * which stdout-path names one (through an alias), an interrupt nexus with
 * an interrupt-map, interrupts-extended, and PL011s numbered as ttyAMA<n>.
 * Two test-only early drivers (compatible "contig,ktest-of-*", which no
 * real DT uses) record which nodes of_early_probe() hands them.
 */
#define pr_fmt(fmt) "of_test: " fmt

#include <contig/errno.h>
#include <contig/ktest.h>
#include <contig/of.h>
#include <contig/string.h>
#include <libfdt.h>

/* ---- the live board DTB --------------------------------------------- */

/*
 * The live DTB; with @board, only when the root is compatible with it
 * (the case is skipped on another board and NULL returned).
 */
static const void *board_fdt(struct ktest *t, const char *board)
{
	const void *fdt = initial_boot_params;

	if (!fdt || fdt_check_header(fdt)) {
		ktest_fail(t, __FILE__, __LINE__, "initial_boot_params is not a DTB");
		return NULL;
	}
	if (board && fdt_node_check_compatible(fdt, 0, board)) {
		ktest_skip(t, "the board is not %s (model \"%s\")", board,
			   (const char *)fdt_getprop(fdt, 0, "model", NULL) ?: "?");
		return NULL;
	}
	return fdt;
}

#define VEXPRESS "arm,vexpress"
#define QEMU_VIRT "linux,dummy-virt"

/*
 * A vexpress DTB of a given layout: contig's (dts/include/
 * vexpress-v2p-ca9.dtsi, motherboard bus at /motherboard-bus@10000000) or
 * Linux's (vexpress-v2p-ca9.dts, interrupt-map on /bus@40000000). Other
 * DTBs skip the case.
 */
static const void *layout_fdt(struct ktest *t, const char *path, const char *which)
{
	const void *fdt = board_fdt(t, VEXPRESS);

	if (fdt && fdt_path_offset(fdt, path) < 0) {
		ktest_skip(t, "not %s vexpress DTB (no %s)", which, path);
		return NULL;
	}
	return fdt;
}

#define contig_fdt(t) layout_fdt(t, "/motherboard-bus@10000000", "contig's")
#define linux_fdt(t) layout_fdt(t, LINUX_IOFPGA, "Linux's")
#define LINUX_IOFPGA "/bus@40000000/motherboard-bus@40000000/iofpga@7,00000000"

static int board_node(struct ktest *t, const void *fdt, const char *compat)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, compat);

	if (node < 0)
		ktest_fail(t, __FILE__, __LINE__, "the board DTB has no %s node", compat);
	return node;
}

static void of_get_reg_translates_uart0_through_the_motherboard_ranges(struct ktest *t)
{
	const void *fdt = board_fdt(t, VEXPRESS);
	phys_addr_t base = 0, size = 0;
	int node;

	if (!fdt)
		return;
	node = fdt_path_offset(fdt, "serial0");
	KTEST_ASSERT_GE(t, node, 0);
	KTEST_ASSERT_EQ(t, of_get_reg(fdt, node, 0, &base, &size), 0);
	KTEST_EXPECT_EQ(t, base, 0x10009000);
	KTEST_EXPECT_EQ(t, size, 0x1000);
	KTEST_EXPECT_EQ(t, of_get_reg(fdt, node, 1, &base, &size), -ENOENT);
}

static void of_stdout_node_is_uart0(struct ktest *t)
{
	const void *fdt = contig_fdt(t);

	if (!fdt)
		return;
	if (!fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "stdout-path", NULL)) {
		ktest_skip(t, "the DTB has no /chosen/stdout-path");
		return;
	}
	KTEST_EXPECT_GE(t, of_stdout_node(fdt), 0);
	KTEST_EXPECT_EQ(t, of_stdout_node(fdt), fdt_path_offset(fdt, "/motherboard-bus@10000000/serial@9000"));
}

static void of_get_irq_maps_spis_and_ppis_to_gic_ids(struct ktest *t)
{
	const void *fdt = contig_fdt(t);
	int node;

	if (!fdt)
		return;
	node = fdt_path_offset(fdt, "serial0");
	KTEST_ASSERT_GE(t, node, 0);
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 0), 32 + 5);
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 1), -ENOENT);
	node = board_node(t, fdt, "arm,cortex-a9-global-timer");
	KTEST_ASSERT_GE(t, node, 0);
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 0), 16 + 11);
	node = board_node(t, fdt, "arm,cortex-a9-pmu");
	KTEST_ASSERT_GE(t, node, 0);
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 3), 32 + 63);
}

static void of_get_reg_reads_both_gic_windows(struct ktest *t)
{
	const void *fdt = board_fdt(t, VEXPRESS);
	phys_addr_t base = 0, size = 0;
	int node;

	if (!fdt)
		return;
	node = board_node(t, fdt, "arm,cortex-a9-gic");
	KTEST_ASSERT_GE(t, node, 0);
	KTEST_ASSERT_EQ(t, of_get_reg(fdt, node, 0, &base, &size), 0);
	KTEST_EXPECT_EQ(t, base, 0x1e001000);
	KTEST_EXPECT_EQ(t, size, 0x1000);
	KTEST_ASSERT_EQ(t, of_get_reg(fdt, node, 1, &base, &size), 0);
	KTEST_EXPECT_EQ(t, base, 0x1e000100);
	KTEST_EXPECT_EQ(t, size, 0x100);
	KTEST_EXPECT_EQ(t, of_get_reg(fdt, node, 2, &base, &size), -ENOENT);
}

static void of_get_reg_refuses_a_bus_without_ranges(struct ktest *t)
{
	const void *fdt = board_fdt(t, NULL);
	phys_addr_t base, size;
	int node;

	KTEST_ASSERT_NOT_NULL(t, fdt);
	node = fdt_path_offset(fdt, "/cpus/cpu@0");
	KTEST_ASSERT_GE(t, node, 0);
	/* /cpus has #size-cells = 0 and no ranges: CPU ids are not addresses. */
	KTEST_EXPECT_EQ(t, of_get_reg(fdt, node, 0, &base, &size), -EINVAL);
}

static void of_read_u32_reads_cells_and_defaults(struct ktest *t)
{
	const void *fdt = board_fdt(t, VEXPRESS);
	int node;

	if (!fdt)
		return;
	node = board_node(t, fdt, "arm,cortex-a9-gic");
	KTEST_ASSERT_GE(t, node, 0);
	KTEST_EXPECT_EQ(t, of_read_u32(fdt, node, "#interrupt-cells", 7), 3);
	KTEST_EXPECT_EQ(t, of_read_u32(fdt, node, "no-such-property", 7), 7);
	/* reg has two entries (16 bytes): not a u32. */
	KTEST_EXPECT_EQ(t, of_read_u32(fdt, node, "reg", 7), 7);
}

static void of_clk_rate_follows_clocks_by_name_and_index(struct ktest *t)
{
	const void *fdt = contig_fdt(t);
	int sysctl, timer, gic;

	if (!fdt)
		return;
	sysctl = board_node(t, fdt, "arm,sp810");
	timer = board_node(t, fdt, "arm,cortex-a9-global-timer");
	gic = board_node(t, fdt, "arm,cortex-a9-gic");
	KTEST_ASSERT_TRUE(t, sysctl >= 0 && timer >= 0 && gic >= 0);
	/* clocks = <&v2m_refclk32khz>, <&v2m_refclk1mhz>, <&v2m_clk24mhz> */
	KTEST_EXPECT_EQ(t, of_clk_rate(fdt, sysctl, "refclk"), 32768);
	KTEST_EXPECT_EQ(t, of_clk_rate(fdt, sysctl, "timclk"), 1000000);
	KTEST_EXPECT_EQ(t, of_clk_rate(fdt, sysctl, "apb_pclk"), 24000000);
	/* No name, or one clock-names does not list: the first clock. */
	KTEST_EXPECT_EQ(t, of_clk_rate(fdt, sysctl, NULL), 32768);
	KTEST_EXPECT_EQ(t, of_clk_rate(fdt, sysctl, "no-such-clock"), 32768);
	/* One unnamed clock, PERIPHCLK; a node without clocks has none. */
	KTEST_EXPECT_EQ(t, of_clk_rate(fdt, timer, NULL), 100000000);
	KTEST_EXPECT_EQ(t, of_clk_rate(fdt, gic, NULL), 0);
}

/*
 * QEMU's virt board (the DTB QEMU generates, as U-Boot passes it on): two
 * address cells everywhere, no buses, the generic timer's four PPIs.
 */
static void of_get_reg_reads_two_cell_addresses_on_virt(struct ktest *t)
{
	const void *fdt = board_fdt(t, QEMU_VIRT);
	phys_addr_t base = 0, size = 0;
	int node;

	if (!fdt)
		return;
	node = of_stdout_node(fdt);
	KTEST_ASSERT_GE(t, node, 0);
	KTEST_EXPECT_EQ(t, node, fdt_path_offset(fdt, "/pl011@9000000"));
	KTEST_ASSERT_EQ(t, of_get_reg(fdt, node, 0, &base, &size), 0);
	KTEST_EXPECT_EQ(t, base, 0x09000000);
	KTEST_EXPECT_EQ(t, size, 0x1000);
	node = board_node(t, fdt, "arm,cortex-a15-gic");
	KTEST_ASSERT_GE(t, node, 0);
	KTEST_ASSERT_EQ(t, of_get_reg(fdt, node, 0, &base, &size), 0);
	KTEST_EXPECT_EQ(t, base, 0x08000000);
	KTEST_EXPECT_EQ(t, size, 0x10000);
	KTEST_ASSERT_EQ(t, of_get_reg(fdt, node, 1, &base, &size), 0);
	KTEST_EXPECT_EQ(t, base, 0x08010000);
	/* Two windows, four with virtualization=on (GICH, GICV): no fifth. */
	KTEST_EXPECT_EQ(t, of_get_reg(fdt, node, 4, &base, &size), -ENOENT);
}

static void of_get_irq_reads_the_generic_timer_ppis_on_virt(struct ktest *t)
{
	const void *fdt = board_fdt(t, QEMU_VIRT);
	int node;

	if (!fdt)
		return;
	node = board_node(t, fdt, "arm,armv7-timer");
	KTEST_ASSERT_GE(t, node, 0);
	/* Secure physical, non-secure physical, virtual, hypervisor. */
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 0), 16 + 13);
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 1), 16 + 14);
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 2), 16 + 11);
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 3), 16 + 10);
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 4), -ENOENT);
	node = fdt_path_offset(fdt, "/virtio_mmio@a000000");
	KTEST_ASSERT_GE(t, node, 0);
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 0), 32 + 16);
}

/*
 * Linux's own vexpress-v2p-ca9 DTB (Debian's linux-image-*-armmp, the
 * linux-vexpress suite of check.py): the motherboard's devices give one-cell
 * interrupts that /bus@40000000's interrupt-map turns into GIC SPIs, and
 * their clocks are SP810 outputs and vexpress oscillators.
 */
static void of_get_irq_follows_the_motherboard_interrupt_map(struct ktest *t)
{
	static const struct {
		const char *path;
		int index, irq;
	} want[] = {
		{ LINUX_IOFPGA "/uart@9000", 0, 32 + 5 },
		{ LINUX_IOFPGA "/uart@c000", 0, 32 + 8 },
		{ LINUX_IOFPGA "/timer@11000", 0, 32 + 2 },
		{ LINUX_IOFPGA "/mmci@5000", 1, 32 + 10 },
		{ LINUX_IOFPGA "/mmci@5000", 2, -ENOENT },
		{ LINUX_IOFPGA "/clcd@1f000", 0, 32 + 14 },
		{ "/bus@40000000/motherboard-bus@40000000/ethernet@3,02000000", 0, 32 + 15 },
		{ "/clcd@10020000", 0, 32 + 44 },
		{ "/timer@1e000600", 0, 16 + 13 },
		{ "/pmu", 3, 32 + 63 },
	};
	const void *fdt = linux_fdt(t);
	unsigned int i;

	if (!fdt)
		return;
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		int node = fdt_path_offset(fdt, want[i].path);

		if (!KTEST_EXPECT_GE(t, node, 0) ||
		    !KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, want[i].index), want[i].irq))
			ktest_info(t, "%s interrupt %d", want[i].path, want[i].index);
	}
}

static void of_clk_rate_follows_assigned_parents_and_oscillators(struct ktest *t)
{
	const void *fdt = linux_fdt(t);
	int timer, uart, clcd;
	u32 rate;

	if (!fdt)
		return;
	timer = fdt_path_offset(fdt, LINUX_IOFPGA "/timer@11000");
	uart = fdt_path_offset(fdt, LINUX_IOFPGA "/uart@9000");
	clcd = fdt_path_offset(fdt, "/clcd@10020000");
	KTEST_ASSERT_TRUE(t, timer >= 0 && uart >= 0 && clcd >= 0);
	/* <&sysctl 0>: the SP810 output assigned-clock-parents sets to 1 MHz. */
	KTEST_EXPECT_EQ(t, of_clk_rate(fdt, timer, "timclken1"), 1000000);
	KTEST_EXPECT_EQ(t, of_clk_rate(fdt, timer, "timclken2"), 1000000);
	/* oscclk2: an arm,vexpress-osc whose freq-range is 24 MHz only. */
	KTEST_EXPECT_EQ(t, of_clk_rate(fdt, uart, "uartclk"), 24000000);
	/*
	 * Programmable oscillators (a freq-range): no rate in the DT; the
	 * vexpress-sysreg driver reads it from the configuration bus where
	 * there is one (ARM), else there is none (0). Never outside the range.
	 */
	rate = of_clk_rate(fdt, clcd, "clcdclk");
	KTEST_EXPECT_TRUE(t, rate == 0 || (rate >= 10000000 && rate <= 80000000));
	ktest_info(t, "clcdclk %u Hz", (unsigned int)rate);
}

static void of_ttyama_node_follows_the_serial_aliases(struct ktest *t)
{
	const void *fdt = linux_fdt(t);

	if (!fdt)
		return;
	KTEST_EXPECT_EQ(t, of_ttyama_node(fdt, 0), fdt_path_offset(fdt, LINUX_IOFPGA "/uart@9000"));
	KTEST_EXPECT_EQ(t, of_ttyama_node(fdt, 3), fdt_path_offset(fdt, LINUX_IOFPGA "/uart@c000"));
	KTEST_EXPECT_EQ(t, of_ttyama_node(fdt, 4), -ENOENT);
}

/* ---- a synthetic tree ------------------------------------------------- */

#define TEST_FDT_SIZE 8192
static u64 test_fdt_buf[TEST_FDT_SIZE / 8];

#define MAX_SEEN 8
static struct {
	int nodes[MAX_SEEN];
	int n;
} seen_dev, seen_con;

static void seen_add(typeof(seen_dev) *s, int node)
{
	if (s->n < MAX_SEEN)
		s->nodes[s->n] = node;
	s->n++;
}

static int ktest_of_dev_init(const void *fdt, int node)
{
	seen_add(&seen_dev, node);
	return 0;
}

static int ktest_of_con_init(const void *fdt, int node)
{
	seen_add(&seen_con, node);
	return 0;
}

/* Test-only drivers: no real DT uses these compatibles. */
OF_EARLY_DECLARE(ktest_of_dev, "contig,ktest-of-dev", OF_EARLY_POWER, ktest_of_dev_init);
OF_EARLY_DECLARE(ktest_of_con, "contig,ktest-of-console", OF_EARLY_CONSOLE, ktest_of_con_init);

static int prop_cells(void *fdt, const char *name, const u32 *cells, int n)
{
	fdt32_t v[16];
	int i;

	for (i = 0; i < n; i++)
		v[i] = cpu_to_fdt32(cells[i]);
	return fdt_property(fdt, name, v, n * 4);
}

#define CELLS(fdt, name, ...)                                                   \
	({                                                                      \
		static const u32 __c[] = { __VA_ARGS__ };                       \
		prop_cells(fdt, name, __c, (int)ARRAY_SIZE(__c));               \
	})

static int dev_node(void *fdt, const char *name, const char *compat, const char *status)
{
	int err = fdt_begin_node(fdt, name);

	if (!err && compat)
		err = fdt_property_string(fdt, "compatible", compat);
	if (!err && status)
		err = fdt_property_string(fdt, "status", status);
	return err;
}

/* Build the tree; return 0 or a libfdt error. */
static int build_test_fdt(void *fdt)
{
	int e = 0;

	e |= fdt_create(fdt, TEST_FDT_SIZE);
	e |= fdt_finish_reservemap(fdt);
	e |= fdt_begin_node(fdt, "");
	e |= CELLS(fdt, "#address-cells", 1);
	e |= CELLS(fdt, "#size-cells", 1);
	e |= CELLS(fdt, "interrupt-parent", 1);

	e |= fdt_begin_node(fdt, "aliases");
	e |= fdt_property_string(fdt, "con1", "/bus@40000000/console@1,100");
	e |= fdt_property_string(fdt, "serial1", "/uart@b");
	e |= fdt_end_node(fdt);
	e |= fdt_begin_node(fdt, "chosen");
	e |= fdt_property_string(fdt, "stdout-path", "con1:115200n8");
	e |= fdt_end_node(fdt);

	/* Chip select 0 at 0x40000000, chip select 1 at 0x50000000. */
	e |= dev_node(fdt, "bus@40000000", "simple-bus", NULL);
	e |= CELLS(fdt, "#address-cells", 2);
	e |= CELLS(fdt, "#size-cells", 1);
	e |= CELLS(fdt, "ranges", 0, 0, 0x40000000, 0x10000, 1, 0, 0x50000000, 0x10000);
	e |= dev_node(fdt, "dev@1,2000", "contig,ktest-of-dev", NULL);
	e |= CELLS(fdt, "reg", 1, 0x2000, 0x100);
	e |= fdt_end_node(fdt);
	e |= dev_node(fdt, "dev@0,3000", "contig,ktest-of-dev", "disabled");
	e |= CELLS(fdt, "reg", 0, 0x3000, 0x100);
	e |= fdt_end_node(fdt);
	e |= dev_node(fdt, "console@0,200", "contig,ktest-of-console", NULL);
	e |= CELLS(fdt, "reg", 0, 0x200, 0x10);
	e |= fdt_end_node(fdt);
	e |= dev_node(fdt, "console@1,100", "contig,ktest-of-console", NULL);
	e |= CELLS(fdt, "reg", 1, 0x100, 0x10);
	e |= fdt_end_node(fdt);
	e |= dev_node(fdt, "nowhere@2,0", NULL, NULL);
	e |= CELLS(fdt, "reg", 2, 0, 0x10);
	e |= fdt_end_node(fdt);
	e |= dev_node(fdt, "past@0,ff00", NULL, NULL);
	e |= CELLS(fdt, "reg", 0, 0x10000, 0x10);
	e |= fdt_end_node(fdt);
	/* A nested bus: its 0..0xfff is chip select 1's 0x8000..0x8fff. */
	e |= dev_node(fdt, "sub@1,8000", "simple-bus", NULL);
	e |= CELLS(fdt, "#address-cells", 1);
	e |= CELLS(fdt, "#size-cells", 1);
	e |= CELLS(fdt, "ranges", 0, 1, 0x8000, 0x1000);
	e |= CELLS(fdt, "reg", 1, 0x8000, 0x1000);
	e |= dev_node(fdt, "leaf@10", NULL, NULL);
	e |= CELLS(fdt, "reg", 0x10, 4, 0x20, 8);
	e |= fdt_end_node(fdt);
	e |= fdt_end_node(fdt);
	e |= fdt_end_node(fdt); /* bus */

	e |= dev_node(fdt, "dev@60000000", "contig,ktest-of-dev", "okay");
	e |= CELLS(fdt, "reg", 0x60000000, 0x1000);
	e |= fdt_end_node(fdt);
	/* Matched through its second compatible string. */
	e |= fdt_begin_node(fdt, "dev@70000000");
	e |= fdt_property(fdt, "compatible", "vendor,other\0contig,ktest-of-dev", 33);
	e |= fdt_end_node(fdt);
	e |= dev_node(fdt, "broken", "contig,ktest-of-dev", "fail");
	e |= fdt_end_node(fdt);

	/*
	 * Interrupts: a GIC-like controller (phandle 1, the root's
	 * interrupt-parent), a nexus whose one-cell interrupts 0 and 1 map
	 * to its SPIs 40 and 41 whatever the unit address, a two-cell
	 * controller that is not a GIC (phandle 3), and a loop of parents.
	 */
	e |= dev_node(fdt, "intc", NULL, NULL);
	e |= fdt_property(fdt, "interrupt-controller", NULL, 0);
	e |= CELLS(fdt, "#interrupt-cells", 3);
	e |= CELLS(fdt, "#address-cells", 0);
	e |= CELLS(fdt, "phandle", 1);
	e |= fdt_end_node(fdt);
	e |= dev_node(fdt, "nexus@80000000", "simple-bus", NULL);
	e |= CELLS(fdt, "#address-cells", 1);
	e |= CELLS(fdt, "#size-cells", 1);
	e |= fdt_property(fdt, "ranges", NULL, 0);
	e |= CELLS(fdt, "#interrupt-cells", 1);
	e |= CELLS(fdt, "interrupt-map-mask", 0, 0x3f);
	e |= CELLS(fdt, "interrupt-map", 0, 0, 1, 0, 40, 4, 0, 1, 1, 0, 41, 4);
	e |= CELLS(fdt, "phandle", 2);
	e |= dev_node(fdt, "mapped@80001000", NULL, NULL);
	e |= CELLS(fdt, "reg", 0x80001000, 0x100);
	e |= CELLS(fdt, "interrupts", 1, 0);
	e |= fdt_end_node(fdt);
	e |= dev_node(fdt, "unmapped@80002000", NULL, NULL);
	e |= CELLS(fdt, "reg", 0x80002000, 0x100);
	e |= CELLS(fdt, "interrupts", 7);
	e |= fdt_end_node(fdt);
	e |= fdt_end_node(fdt); /* nexus */
	e |= dev_node(fdt, "gpio", NULL, NULL);
	e |= fdt_property(fdt, "interrupt-controller", NULL, 0);
	e |= CELLS(fdt, "#interrupt-cells", 2);
	e |= CELLS(fdt, "phandle", 3);
	e |= fdt_end_node(fdt);
	/* interrupts-extended: a PPI, an interrupt through the nexus, a GPIO. */
	e |= dev_node(fdt, "ext@80003000", NULL, NULL);
	e |= CELLS(fdt, "reg", 0x80003000, 0x10);
	e |= CELLS(fdt, "interrupts-extended", 1, 1, 13, 0xf04, 2, 0, 3, 5, 0);
	e |= fdt_end_node(fdt);
	e |= dev_node(fdt, "loop", NULL, NULL);
	e |= CELLS(fdt, "interrupt-parent", 4);
	e |= CELLS(fdt, "phandle", 4);
	e |= CELLS(fdt, "interrupts", 1);
	e |= fdt_end_node(fdt);
	e |= dev_node(fdt, "short", NULL, NULL);
	e |= CELLS(fdt, "interrupts", 0, 5); /* 2 cells for a 3-cell parent */
	e |= fdt_end_node(fdt);

	/* ttyAMA numbering: serial1 names uart@b; a, c and d have no alias. */
	e |= dev_node(fdt, "uart@a", "arm,pl011", NULL);
	e |= fdt_end_node(fdt);
	e |= dev_node(fdt, "uart@b", "arm,pl011", NULL);
	e |= fdt_end_node(fdt);
	e |= dev_node(fdt, "uart@c", "arm,pl011", "disabled");
	e |= fdt_end_node(fdt);
	e |= dev_node(fdt, "uart@d", "arm,pl011", NULL);
	e |= fdt_end_node(fdt);

	e |= fdt_end_node(fdt); /* root */
	e |= fdt_finish(fdt);
	return e;
}

static int of_suite_init(struct ktest *t)
{
	int err = build_test_fdt(test_fdt_buf);

	if (err || fdt_check_header(test_fdt_buf)) {
		ktest_info(t, "building the test tree failed: %d", err);
		return -1;
	}
	memset(&seen_dev, 0, sizeof(seen_dev));
	memset(&seen_con, 0, sizeof(seen_con));
	return 0;
}

static void expect_reg(struct ktest *t, const char *path, int index, int ret,
		       phys_addr_t want_base, phys_addr_t want_size)
{
	const void *fdt = test_fdt_buf;
	phys_addr_t base = 0, size = 0;
	int node = fdt_path_offset(fdt, path);

	if (!KTEST_EXPECT_GE(t, node, 0))
		return;
	if (!KTEST_EXPECT_EQ(t, of_get_reg(fdt, node, index, &base, &size), ret)) {
		ktest_info(t, "node %s index %d", path, index);
		return;
	}
	if (ret)
		return;
	if (!KTEST_EXPECT_EQ(t, base, want_base) | !KTEST_EXPECT_EQ(t, size, want_size))
		ktest_info(t, "node %s index %d", path, index);
}

static void of_get_reg_picks_the_range_of_the_chip_select(struct ktest *t)
{
	expect_reg(t, "/bus@40000000/dev@1,2000", 0, 0, 0x50002000, 0x100);
	expect_reg(t, "/bus@40000000/dev@0,3000", 0, 0, 0x40003000, 0x100);
	expect_reg(t, "/bus@40000000/console@0,200", 0, 0, 0x40000200, 0x10);
}

static void of_get_reg_translates_through_nested_buses(struct ktest *t)
{
	expect_reg(t, "/bus@40000000/sub@1,8000", 0, 0, 0x50008000, 0x1000);
	expect_reg(t, "/bus@40000000/sub@1,8000/leaf@10", 0, 0, 0x50008010, 4);
	expect_reg(t, "/bus@40000000/sub@1,8000/leaf@10", 1, 0, 0x50008020, 8);
	expect_reg(t, "/bus@40000000/sub@1,8000/leaf@10", 2, -ENOENT, 0, 0);
}

static void of_get_reg_refuses_addresses_no_range_covers(struct ktest *t)
{
	expect_reg(t, "/bus@40000000/nowhere@2,0", 0, -EINVAL, 0, 0);
	expect_reg(t, "/bus@40000000/past@0,ff00", 0, -EINVAL, 0, 0);
	expect_reg(t, "/dev@70000000", 0, -ENOENT, 0, 0);
}

static void of_stdout_node_follows_an_alias_with_options(struct ktest *t)
{
	const void *fdt = test_fdt_buf;

	KTEST_EXPECT_EQ(t, of_stdout_node(fdt),
			fdt_path_offset(fdt, "/bus@40000000/console@1,100"));
}

static bool seen_has(typeof(seen_dev) *s, const void *fdt, const char *path)
{
	int node = fdt_path_offset(fdt, path), i;

	for (i = 0; i < s->n && i < MAX_SEEN; i++)
		if (s->nodes[i] == node)
			return true;
	return false;
}

static void of_early_probe_skips_disabled_nodes(struct ktest *t)
{
	const void *fdt = test_fdt_buf;

	KTEST_EXPECT_EQ(t, of_early_probe(fdt, OF_EARLY_POWER), 3);
	KTEST_EXPECT_EQ(t, seen_dev.n, 3);
	KTEST_EXPECT_TRUE(t, seen_has(&seen_dev, fdt, "/bus@40000000/dev@1,2000"));
	KTEST_EXPECT_TRUE(t, seen_has(&seen_dev, fdt, "/dev@60000000"));
	KTEST_EXPECT_TRUE(t, seen_has(&seen_dev, fdt, "/dev@70000000"));
	KTEST_EXPECT_FALSE(t, seen_has(&seen_dev, fdt, "/bus@40000000/dev@0,3000"));
	KTEST_EXPECT_FALSE(t, seen_has(&seen_dev, fdt, "/broken"));
	/* The other classes have no driver for these nodes. */
	KTEST_EXPECT_EQ(t, of_early_probe(fdt, OF_EARLY_CACHE), 0);
}

static void of_early_probe_takes_only_the_stdout_console(struct ktest *t)
{
	const void *fdt = test_fdt_buf;

	KTEST_EXPECT_EQ(t, of_early_probe(fdt, OF_EARLY_CONSOLE), 1);
	KTEST_ASSERT_EQ(t, seen_con.n, 1);
	KTEST_EXPECT_EQ(t, seen_con.nodes[0],
			fdt_path_offset(fdt, "/bus@40000000/console@1,100"));
	KTEST_EXPECT_EQ(t, seen_dev.n, 0);
}

static void of_irq_parse_follows_maps_and_interrupts_extended(struct ktest *t)
{
	const void *fdt = test_fdt_buf;
	struct of_irq_spec spec;
	int node;

	node = fdt_path_offset(fdt, "/nexus@80000000/mapped@80001000");
	KTEST_ASSERT_GE(t, node, 0);
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 0), 32 + 41);
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 1), 32 + 40);
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 2), -ENOENT);
	KTEST_ASSERT_EQ(t, of_irq_parse(fdt, node, 0, &spec), 0);
	KTEST_EXPECT_EQ(t, spec.ctrl, fdt_path_offset(fdt, "/intc"));
	KTEST_EXPECT_EQ(t, spec.nr_args, 3);
	KTEST_EXPECT_EQ(t, spec.args[2], 4);
	/* No map entry for interrupt 7: an error, not "no interrupt". */
	node = fdt_path_offset(fdt, "/nexus@80000000/unmapped@80002000");
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 0), -EINVAL);

	node = fdt_path_offset(fdt, "/ext@80003000");
	KTEST_ASSERT_GE(t, node, 0);
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 0), 16 + 13);
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 1), 32 + 40);
	/* The GPIO controller takes two cells: not a GIC interrupt. */
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 2), -ENXIO);
	KTEST_ASSERT_EQ(t, of_irq_parse(fdt, node, 2, &spec), 0);
	KTEST_EXPECT_EQ(t, spec.ctrl, fdt_path_offset(fdt, "/gpio"));
	KTEST_EXPECT_EQ(t, spec.args[0], 5);
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, node, 3), -ENOENT);
}

static void of_irq_parse_refuses_loops_and_short_specifiers(struct ktest *t)
{
	const void *fdt = test_fdt_buf;

	/* Its own interrupt parent, which has no interrupt-controller. */
	KTEST_EXPECT_LT(t, of_get_irq(fdt, fdt_path_offset(fdt, "/loop"), 0), 0);
	KTEST_EXPECT_NE(t, of_get_irq(fdt, fdt_path_offset(fdt, "/loop"), 0), -ENOENT);
	KTEST_EXPECT_EQ(t, of_get_irq(fdt, fdt_path_offset(fdt, "/short"), 0), -EINVAL);
}

static void of_ttyama_node_numbers_aliases_first_then_dt_order(struct ktest *t)
{
	const void *fdt = test_fdt_buf;

	KTEST_EXPECT_EQ(t, of_ttyama_node(fdt, 1), fdt_path_offset(fdt, "/uart@b"));
	KTEST_EXPECT_EQ(t, of_ttyama_node(fdt, 0), fdt_path_offset(fdt, "/uart@a"));
	/* uart@c is disabled: uart@d takes the next free number, 2. */
	KTEST_EXPECT_EQ(t, of_ttyama_node(fdt, 2), fdt_path_offset(fdt, "/uart@d"));
	KTEST_EXPECT_EQ(t, of_ttyama_node(fdt, 3), -ENOENT);
}

static struct ktest_case of_cases[] = {
	KTEST_CASE(of_get_reg_translates_uart0_through_the_motherboard_ranges),
	KTEST_CASE(of_stdout_node_is_uart0),
	KTEST_CASE(of_get_irq_maps_spis_and_ppis_to_gic_ids),
	KTEST_CASE(of_get_reg_reads_both_gic_windows),
	KTEST_CASE(of_get_reg_refuses_a_bus_without_ranges),
	KTEST_CASE(of_read_u32_reads_cells_and_defaults),
	KTEST_CASE(of_clk_rate_follows_clocks_by_name_and_index),
	KTEST_CASE(of_get_reg_reads_two_cell_addresses_on_virt),
	KTEST_CASE(of_get_irq_reads_the_generic_timer_ppis_on_virt),
	KTEST_CASE(of_get_reg_picks_the_range_of_the_chip_select),
	KTEST_CASE(of_get_reg_translates_through_nested_buses),
	KTEST_CASE(of_get_reg_refuses_addresses_no_range_covers),
	KTEST_CASE(of_stdout_node_follows_an_alias_with_options),
	KTEST_CASE(of_early_probe_skips_disabled_nodes),
	KTEST_CASE(of_early_probe_takes_only_the_stdout_console),
	KTEST_CASE(of_get_irq_follows_the_motherboard_interrupt_map),
	KTEST_CASE(of_clk_rate_follows_assigned_parents_and_oscillators),
	KTEST_CASE(of_ttyama_node_follows_the_serial_aliases),
	KTEST_CASE(of_irq_parse_follows_maps_and_interrupts_extended),
	KTEST_CASE(of_irq_parse_refuses_loops_and_short_specifiers),
	KTEST_CASE(of_ttyama_node_numbers_aliases_first_then_dt_order),
	{}
};

static struct ktest_suite of_suite = {
	.name = "of",
	.cases = of_cases,
	.init = of_suite_init,
};
ktest_register(of_suite);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * ARM Generic Interrupt Controller, architecture v1/v2 (the Cortex-A9
 * MPCore's GIC, GIC-400, Cortex-A15's): "arm,cortex-a9-gic", "arm,gic-400",
 * "arm,cortex-a15-gic". reg[0] is the distributor, reg[1] the CPU
 * interface.
 *
 * Init: the distributor is disabled, every SPI is disabled, made
 * level-sensitive, given the default priority and routed to the boot CPU
 * only; the banked SGI/PPI registers of the boot CPU get the same
 * priority with the PPIs disabled; then the distributor and the CPU
 * interface are enabled with a priority mask that lets every interrupt
 * through. Interrupts are enabled one by one by request_irq() (chip
 * enable). The driver does not unmask interrupts on the CPU: the port does
 * that once the irqchip and timer classes are probed.
 *
 * SMP: SGIs and PPIs (IDs 0-31) are banked per CPU, so enabling one acts
 * on the calling CPU only. Each secondary CPU runs gic_cpu_init() (chip
 * cpu_init): its banked priorities and enables, its CPU interface, and it
 * records its CPU interface mask (read back from the banked
 * ITARGETSR0-7) for send_ipi(), which writes GICD_SGIR with that CPU as
 * the target list. SPIs stay routed to the boot CPU.
 *
 * handle() (the IRQ exception, interrupts masked): read GICC_IAR; ID 1023
 * (and 1020-1022) means nothing is pending any more - stop; otherwise
 * generic_handle_irq(ID) and write the IAR value back to GICC_EOIR, and
 * look again, so back-to-back interrupts are taken in one exception. An
 * exception that finds nothing pending at all is counted as spurious.
 *
 * Lock contract: the enable/clear-enable registers are write-1-to-act, so
 * enabling and disabling single interrupts needs no lock, and GICD_SGIR
 * is one write per IPI; init runs once on the boot CPU before interrupts
 * are unmasked, cpu_init once per secondary CPU before it unmasks them.
 * gic_cpu_map[] entries are written by their own CPU before it goes
 * online (the port publishes that with a release store).
 */
#define pr_fmt(fmt) "gic: " fmt

#include <contig/arch.h>
#include <contig/errno.h>
#include <contig/io.h>
#include <contig/irq.h>
#include <contig/kernel.h>
#include <contig/of.h>

#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_IIDR 0x008
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_ICPENDR 0x280
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_ICFGR 0xc00
#define GICD_SGIR 0xf00
#define GICD_SGIR_OTHERS (1U << 24) /* target list filter: all but self */

#define GICC_CTLR 0x00
#define GICC_PMR 0x04
#define GICC_BPR 0x08
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10

#define GIC_ID_SPURIOUS 1020 /* 1020..1023 are special: nothing to handle */
#define GIC_DEFAULT_PRIO 0xa0
#define GIC_PMR_ALL 0xf0

static void __iomem *gicd;
static void __iomem *gicc;
static unsigned int gic_nr_irqs;
static unsigned long gic_spurious;
static u8 gic_cpu_map[CONFIG_NR_CPUS]; /* logical CPU -> CPU interface mask */

static void gic_enable(unsigned int irq)
{
	if (irq < gic_nr_irqs)
		writel(1U << (irq % 32), gicd + GICD_ISENABLER + (irq / 32) * 4);
}

static void gic_disable(unsigned int irq)
{
	if (irq < gic_nr_irqs)
		writel(1U << (irq % 32), gicd + GICD_ICENABLER + (irq / 32) * 4);
}

static void gic_handle(void)
{
	bool any = false;

	for (;;) {
		u32 iar = readl_relaxed(gicc + GICC_IAR);
		unsigned int id = iar & 0x3ff;

		if (id >= GIC_ID_SPURIOUS)
			break;
		any = true;
		generic_handle_irq(id);
		writel_relaxed(iar, gicc + GICC_EOIR);
	}
	if (!any)
		__atomic_add_fetch(&gic_spurious, 1, __ATOMIC_RELAXED);
}

static void gic_send_ipi(unsigned int cpu, unsigned int irq)
{
	if (cpu < CONFIG_NR_CPUS && irq < 16)
		writel(((u32)gic_cpu_map[cpu] << 16) | irq, gicd + GICD_SGIR);
}

static void gic_send_ipi_allbutself(unsigned int irq)
{
	if (irq < 16)
		writel(GICD_SGIR_OTHERS | irq, gicd + GICD_SGIR);
}

static void gic_cpu_init(void);

static const struct irq_chip gic_chip = {
	.name = "GIC",
	.enable = gic_enable,
	.disable = gic_disable,
	.handle = gic_handle,
	.cpu_init = gic_cpu_init,
	.send_ipi = gic_send_ipi,
	.send_ipi_allbutself = gic_send_ipi_allbutself,
};

/* This CPU's bit in ITARGETSR: the banked ITARGETSR0..7 read it back. */
static u8 gic_cpu_mask(void)
{
	unsigned int i;

	for (i = 0; i < 32; i += 4) {
		u32 v = readl_relaxed(gicd + GICD_ITARGETSR + i);

		v |= v >> 16;
		v |= v >> 8;
		if (v & 0xff)
			return (u8)v;
	}
	return 1; /* a uniprocessor GIC reads zeros: CPU 0 */
}

/*
 * The shared distributor state: every SPI level-sensitive, routed to the
 * calling CPU, at the default priority, disabled and not pending. The
 * banked SGIs and PPIs are gic_cpu_init()'s.
 */
static void gic_dist_init(void)
{
	unsigned int i;
	u32 mask;

	writel_relaxed(0, gicd + GICD_CTLR);
	mask = gic_cpu_mask();
	mask |= mask << 8;
	mask |= mask << 16;
	for (i = 32; i < gic_nr_irqs; i += 16)
		writel_relaxed(0, gicd + GICD_ICFGR + i / 4); /* level-sensitive */
	for (i = 32; i < gic_nr_irqs; i += 4)
		writel_relaxed(mask, gicd + GICD_ITARGETSR + i);
	for (i = 32; i < gic_nr_irqs; i += 4)
		writel_relaxed(GIC_DEFAULT_PRIO * 0x01010101U, gicd + GICD_IPRIORITYR + i);
	for (i = 32; i < gic_nr_irqs; i += 32) {
		writel_relaxed(0xffffffff, gicd + GICD_ICENABLER + i / 8);
		writel_relaxed(0xffffffff, gicd + GICD_ICPENDR + i / 8);
	}
	writel(1, gicd + GICD_CTLR);
}

/*
 * The calling CPU's banked distributor registers (SGIs and PPIs: default
 * priority, PPIs off until requested, SGIs on) and its CPU interface.
 */
static void gic_cpu_init(void)
{
	unsigned int i;

	gic_cpu_map[arch_cpu_id()] = gic_cpu_mask();
	for (i = 0; i < 32; i += 4)
		writel_relaxed(GIC_DEFAULT_PRIO * 0x01010101U, gicd + GICD_IPRIORITYR + i);
	writel_relaxed(0xffff0000, gicd + GICD_ICENABLER);
	writel_relaxed(0x0000ffff, gicd + GICD_ISENABLER);
	writel_relaxed(GIC_PMR_ALL, gicc + GICC_PMR);
	writel_relaxed(0, gicc + GICC_BPR);
	writel(1, gicc + GICC_CTLR);
}

static int gic_of_init(const void *fdt, int node)
{
	phys_addr_t dbase, dsize, cbase, csize;
	unsigned int lines;
	int ret;

	if (gicd) {
		pr_err("a second GIC in the device tree is not supported: disable it\n");
		return -EBUSY;
	}
	ret = of_get_reg(fdt, node, 0, &dbase, &dsize);
	if (!ret)
		ret = of_get_reg(fdt, node, 1, &cbase, &csize);
	if (ret) {
		pr_err("the GIC node needs two reg entries (distributor, CPU interface): %d\n",
		       ret);
		return ret;
	}
	gicd = ioremap(dbase, dsize);
	gicc = ioremap(cbase, csize);
	if (!gicd || !gicc) {
		pr_err("cannot map the distributor at %#llx or the CPU interface at %#llx\n",
		       (unsigned long long)dbase, (unsigned long long)cbase);
		return -ENOMEM;
	}
	lines = (readl_relaxed(gicd + GICD_TYPER) & 0x1f) + 1;
	gic_nr_irqs = min(lines * 32, (unsigned int)NR_IRQS);
	if (lines * 32 > NR_IRQS)
		pr_warn("the GIC has %u interrupts; only the first %u (NR_IRQS) are used\n",
			lines * 32, NR_IRQS);
	gic_dist_init();
	gic_cpu_init();
	irq_set_chip(&gic_chip);
	pr_info("distributor at %#llx, CPU interface at %#llx, %u interrupts (IIDR %#x)\n",
		(unsigned long long)dbase, (unsigned long long)cbase, gic_nr_irqs,
		(unsigned int)readl_relaxed(gicd + GICD_IIDR));
	return 0;
}

OF_EARLY_DECLARE(gic_a9, "arm,cortex-a9-gic", OF_EARLY_IRQCHIP, gic_of_init);
OF_EARLY_DECLARE(gic_400, "arm,gic-400", OF_EARLY_IRQCHIP, gic_of_init);
OF_EARLY_DECLARE(gic_a15, "arm,cortex-a15-gic", OF_EARLY_IRQCHIP, gic_of_init);

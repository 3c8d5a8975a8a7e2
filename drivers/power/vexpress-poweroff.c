// SPDX-License-Identifier: GPL-2.0-only
/*
 * Versatile Express power off and reboot through the motherboard's system
 * registers ("arm,vexpress-sysreg", V2M-P1 at 0x10000000 on vexpress-a9).
 *
 * A configuration transfer: write the data word to SYS_CFGDATA, then
 * SYS_CFGCTRL = START | WRITE | function | site | position | device, and
 * poll SYS_CFGSTAT for COMPLETE (or ERROR). Function SHUTDOWN (8) powers
 * the board off and REBOOT (9) resets it; both target the motherboard
 * (site 0, position 0, device 0). QEMU's model exits on SHUTDOWN with
 * status 0 and resets the machine on REBOOT.
 *
 * Reads through the same bus give of_clk_rate() the rate of the
 * programmable oscillators ("arm,vexpress-osc", function OSC) that
 * Linux's DTS clocks the CLCDs from: contig reads them, never sets them.
 */
#define pr_fmt(fmt) "vexpress-sysreg: " fmt

#include <contig/arch.h>
#include <contig/errno.h>
#include <contig/io.h>
#include <contig/kernel.h>
#include <contig/of.h>
#include <contig/printk.h>
#include <contig/reboot.h>
#include <libfdt.h>

#define SYS_ID 0x00
#define SYS_CFGDATA 0xa0
#define SYS_CFGCTRL 0xa4
#define SYS_CFGSTAT 0xa8

#define SYS_MISC 0x60
#define SYS_MISC_MASTERSITE (1u << 14)

#define CFGCTRL_START (1u << 31)
#define CFGCTRL_WRITE (1u << 30)
#define CFGCTRL_DCC(d) ((u32)(d) << 26)
#define CFGCTRL_FUNC(f) ((u32)(f) << 20)
#define CFGCTRL_SITE(s) ((u32)(s) << 16)
#define CFGCTRL_POSITION(p) ((u32)(p) << 12)
#define CFGCTRL_DEVICE(d) ((u32)(d))

#define CFGSTAT_COMPLETE (1 << 0)
#define CFGSTAT_ERROR (1 << 1)

#define FUNC_OSC 1
#define FUNC_SHUTDOWN 8
#define FUNC_REBOOT 9
#define SITE_MB 0
#define SITE_MASTER 0xf

#define CFG_POLL_LIMIT 1000000

static void __iomem *sysreg_base;

/* Where a configuration function lives: site, position, DCC, device. */
struct vexpress_cfg_addr {
	u32 site, position, dcc, device;
};

/*
 * One configuration transfer; @write: *@data to the device, else read it.
 * Callers do not overlap: the platform bus probes one device at a time
 * and power off ends the machine.
 */
static int vexpress_cfg_xfer(unsigned int function, const struct vexpress_cfg_addr *a,
			     bool write, u32 *data)
{
	unsigned int i;
	u32 stat;

	writel(0, sysreg_base + SYS_CFGSTAT);
	if (write)
		writel(*data, sysreg_base + SYS_CFGDATA);
	writel(CFGCTRL_START | (write ? CFGCTRL_WRITE : 0) | CFGCTRL_DCC(a->dcc) |
	       CFGCTRL_FUNC(function) | CFGCTRL_SITE(a->site) |
	       CFGCTRL_POSITION(a->position) | CFGCTRL_DEVICE(a->device),
	       sysreg_base + SYS_CFGCTRL);
	for (i = 0; i < CFG_POLL_LIMIT; i++) {
		stat = readl(sysreg_base + SYS_CFGSTAT);
		if (stat & CFGSTAT_ERROR)
			return -EIO;
		if (stat & CFGSTAT_COMPLETE) {
			if (!write)
				*data = readl(sysreg_base + SYS_CFGDATA);
			return 0;
		}
		arch_cpu_relax();
	}
	return -ETIMEDOUT;
}

static int vexpress_cfg_write(unsigned int function, u32 data)
{
	static const struct vexpress_cfg_addr mb = { .site = SITE_MB };

	return vexpress_cfg_xfer(function, &mb, true, &data);
}

/* @prop of @node or of its nearest ancestor that has it, else @def. */
static u32 vexpress_topo(const void *fdt, int node, const char *prop, u32 def)
{
	for (; node >= 0; node = fdt_parent_offset(fdt, node))
		if (fdt_getprop(fdt, node, prop, NULL))
			return of_read_u32(fdt, node, prop, def);
	return def;
}

/*
 * The rate of an "arm,vexpress-osc" (a programmable oscillator on the
 * configuration bus, Linux's vexpress-osc binding): function OSC of the
 * node's "arm,vexpress-sysreg,func" = <1 device>, at the site, position
 * and DCC its ancestors give (site 0xf is the daughterboard site the
 * motherboard's SYS_MISC says is the master). Return: Hz, or 0.
 */
static u32 vexpress_osc_rate(const void *fdt, int node, const void *args, int nargs)
{
	const fdt32_t *func;
	struct vexpress_cfg_addr a;
	int len;
	u32 hz;

	func = fdt_getprop(fdt, node, "arm,vexpress-sysreg,func", &len);
	if (!sysreg_base || !func || len != 8 || fdt32_to_cpu(func[0]) != FUNC_OSC)
		return 0;
	a.device = fdt32_to_cpu(func[1]);
	a.site = vexpress_topo(fdt, node, "arm,vexpress,site", SITE_MB);
	if (a.site == SITE_MASTER)
		a.site = readl(sysreg_base + SYS_MISC) & SYS_MISC_MASTERSITE ? 2 : 1;
	a.position = vexpress_topo(fdt, node, "arm,vexpress,position", 0);
	a.dcc = vexpress_topo(fdt, node, "arm,vexpress,dcc", 0);
	if (vexpress_cfg_xfer(FUNC_OSC, &a, false, &hz))
		return 0;
	return hz;
}

static const struct of_clk_reader vexpress_osc_reader = {
	.compatible = "arm,vexpress-osc",
	.rate = vexpress_osc_rate,
};

static void vexpress_power_off(void)
{
	int err = vexpress_cfg_write(FUNC_SHUTDOWN, 0);
	unsigned int i;

	/* The board (or QEMU) goes away now; give it time to. */
	for (i = 0; !err && i < CFG_POLL_LIMIT; i++)
		arch_cpu_relax();
	printk("vexpress-sysreg: SYS_CFGCTRL shutdown did not power off (%d)\n", err);
}

static void vexpress_restart(void)
{
	int err = vexpress_cfg_write(FUNC_REBOOT, 0);
	unsigned int i;

	for (i = 0; !err && i < CFG_POLL_LIMIT; i++)
		arch_cpu_relax();
	printk("vexpress-sysreg: SYS_CFGCTRL reboot did not reset the board (%d)\n", err);
}

static int vexpress_sysreg_init(const void *fdt, int node)
{
	phys_addr_t base, size;
	int err;

	if (sysreg_base)
		return -EBUSY;
	err = of_get_reg(fdt, node, 0, &base, &size);
	if (err)
		return err;
	if (size < SYS_CFGSTAT + 4) {
		pr_err("reg of the sysreg node is %#llx bytes; it needs at least %#x "
		       "for SYS_CFGSTAT: fix the node's reg\n", (unsigned long long)size,
		       SYS_CFGSTAT + 4);
		return -EINVAL;
	}
	sysreg_base = ioremap(base, size);
	if (!sysreg_base)
		return -ENOMEM;
	pm_power_off = vexpress_power_off;
	pm_restart = vexpress_restart;
	if (of_clk_add_reader(&vexpress_osc_reader))
		pr_warn("no room to register the oscillator reader: arm,vexpress-osc clocks "
			"have no rate\n");
	pr_info("power off and reboot through SYS_CFGCTRL at %#llx (SYS_ID %#x)\n",
		(unsigned long long)base, readl(sysreg_base + SYS_ID));
	return 0;
}

OF_EARLY_DECLARE(vexpress_sysreg, "arm,vexpress-sysreg", OF_EARLY_POWER, vexpress_sysreg_init);

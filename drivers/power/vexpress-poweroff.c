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
 */
#define pr_fmt(fmt) "vexpress-sysreg: " fmt

#include <contig/arch.h>
#include <contig/errno.h>
#include <contig/io.h>
#include <contig/kernel.h>
#include <contig/of.h>
#include <contig/printk.h>
#include <contig/reboot.h>

#define SYS_ID 0x00
#define SYS_CFGDATA 0xa0
#define SYS_CFGCTRL 0xa4
#define SYS_CFGSTAT 0xa8

#define CFGCTRL_START (1u << 31)
#define CFGCTRL_WRITE (1u << 30)
#define CFGCTRL_FUNC(f) ((u32)(f) << 20)
#define CFGCTRL_SITE(s) ((u32)(s) << 16)
#define CFGCTRL_POSITION(p) ((u32)(p) << 12)
#define CFGCTRL_DEVICE(d) ((u32)(d))

#define CFGSTAT_COMPLETE (1 << 0)
#define CFGSTAT_ERROR (1 << 1)

#define FUNC_SHUTDOWN 8
#define FUNC_REBOOT 9
#define SITE_MB 0

#define CFG_POLL_LIMIT 1000000

static void __iomem *sysreg_base;

static int vexpress_cfg_write(unsigned int function, u32 data)
{
	unsigned int i;
	u32 stat;

	writel(0, sysreg_base + SYS_CFGSTAT);
	writel(data, sysreg_base + SYS_CFGDATA);
	writel(CFGCTRL_START | CFGCTRL_WRITE | CFGCTRL_FUNC(function) |
	       CFGCTRL_SITE(SITE_MB) | CFGCTRL_POSITION(0) | CFGCTRL_DEVICE(0),
	       sysreg_base + SYS_CFGCTRL);
	for (i = 0; i < CFG_POLL_LIMIT; i++) {
		stat = readl(sysreg_base + SYS_CFGSTAT);
		if (stat & CFGSTAT_ERROR)
			return -EIO;
		if (stat & CFGSTAT_COMPLETE)
			return 0;
		arch_cpu_relax();
	}
	return -ETIMEDOUT;
}

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
	pr_info("power off and reboot through SYS_CFGCTRL at %#llx (SYS_ID %#x)\n",
		(unsigned long long)base, readl(sysreg_base + SYS_ID));
	return 0;
}

OF_EARLY_DECLARE(vexpress_sysreg, "arm,vexpress-sysreg", OF_EARLY_POWER, vexpress_sysreg_init);

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ARM port's boot, after head.S: arm_start() runs at the linked
 * address with the MMU and caches on, on the SVC stack, with the image
 * mapped and nothing else, and ends in start_kernel().
 *
 *   1. drop the identity map head.S used, unmap the guard page below every
 *      stack of every CPU;
 *   2. map the DTB (r2) read-only at FDT_FIXMAP_BASE and read the command
 *      line's "semihosting" flag (before anything can fail, so that a
 *      failure's exit status reaches QEMU);
 *   3. early devices from the DT: the console (console= on the command line,
 *      /chosen/stdout-path, earlycon=, else the first PL011: lib/of_console.c;
 *      output before it is buffered by lib/console.c and flushed then),
 *      power off;
 *   4. RAM from the DT's memory nodes -> the linear map at PAGE_OFFSET with
 *      sections (arch_paging_init() redoes it with pages);
 *   5. the interrupt controller, the timer (arch_clock_ns()), the outer
 *      cache; then interrupts are enabled;
 *   6. the other CPUs (arm_smp_init(), arch/arm/smp.c);
 *   7. boot_params: the DTB through the linear map, the image's physical
 *      extent [_text, _end) (BSS included), and start_kernel().
 */
#define pr_fmt(fmt) "arm: " fmt

#include <contig/arch.h>
#include <contig/clocksource.h>
#include <contig/console.h>
#include <contig/errno.h>
#include <contig/irq.h>
#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/of.h>
#include <contig/params.h>
#include <contig/printk.h>
#include <contig/string.h>
#include <asm/memory.h>
#include <libfdt.h>

#include "internal.h"

bool arm_semihosting;
phys_addr_t arm_dtb_phys;
u32 arm_boot_mode; /* the CPSR mode head.S was entered in */
static struct boot_params arm_boot_params;

void arm_start(u32 dtb_phys, unsigned long pv_delta);

/* RAM banks of every enabled device_type = "memory" node, or -errno. */
static int find_ram(const void *fdt, struct arm_ram_bank *banks)
{
	int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0);
	int node, nr = 0;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -EINVAL;
	fdt_for_each_subnode(node, fdt, 0) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const fdt32_t *reg;
		int len, i, entry = (ac + sc) * (int)sizeof(fdt32_t);

		if (!type || strcmp(type, "memory") || !of_node_is_enabled(fdt, node))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || len <= 0 || len % entry)
			continue;
		for (i = 0; i < len / entry && nr < ARM_MAX_BANKS; i++, reg += ac + sc) {
			u64 base = of_read_number(reg, ac), size = of_read_number(reg + ac, sc);

			/* A bank that wraps past 2^64 is reported by the mm's scan. */
			if (!size || size - 1 > ~(u64)0 - base)
				continue;
			banks[nr].base = base;
			banks[nr].size = size;
			nr++;
		}
	}
	return nr ? nr : -ENOENT;
}

/**
 * arm_bootargs_get - read a parameter from /chosen/bootargs before the
 *                    command line is parsed (early_param runs later)
 * @fdt: the device tree
 * @word: the parameter's name
 * @buf: if not NULL, receives the value of its first occurrence ("" for
 *       a bare @word), NUL-terminated and cut to @size - 1 characters
 * @size: the size of @buf
 *
 * Return: the length of the value of the first whole word that is @word
 * or starts with "@word=" (0 for a bare @word; @size or more means @buf
 * holds it cut); -ENOENT when there is none.
 */
int arm_bootargs_get(const void *fdt, const char *word, char *buf, size_t size)
{
	int node = fdt_path_offset(fdt, "/chosen");
	size_t wl = strlen(word), len;
	const char *p;

	if (node < 0)
		return -ENOENT;
	p = fdt_getprop(fdt, node, "bootargs", NULL);
	while (p && *p) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, word, wl) && (!p[wl] || p[wl] == ' ' || p[wl] == '=')) {
			p += wl;
			if (*p == '=')
				p++;
			for (len = 0; p[len] && p[len] != ' '; len++)
				if (buf && len + 1 < size)
					buf[len] = p[len];
			if (buf && size)
				buf[min(len, size - 1)] = '\0';
			return (int)len;
		}
		while (*p && *p != ' ')
			p++;
	}
	return -ENOENT;
}

static int semihosting_param(const char *val)
{
	return 0; /* read by arm_start() before the command line is parsed */
}
early_param("semihosting", semihosting_param);

static bool bank_contains(const struct arm_ram_bank *banks, int nr, phys_addr_t a,
			  phys_addr_t size)
{
	int i;

	for (i = 0; i < nr; i++)
		if (a >= banks[i].base && a + size <= banks[i].base + banks[i].size)
			return true;
	return false;
}

/* MIDR part numbers of the Arm cores the port may meet. */
static const char *cpu_part_name(u32 midr)
{
	static const struct {
		u16 part;
		const char *name;
	} parts[] = {
		{ 0xc05, "Cortex-A5" },  { 0xc07, "Cortex-A7" },  { 0xc08, "Cortex-A8" },
		{ 0xc09, "Cortex-A9" },  { 0xc0d, "Cortex-A12" }, { 0xc0e, "Cortex-A17" },
		{ 0xc0f, "Cortex-A15" }, { 0xd03, "Cortex-A53" }, { 0xd07, "Cortex-A57" },
	};
	unsigned int i;

	if ((midr >> 24) != 0x41)
		return "non-Arm CPU";
	for (i = 0; i < ARRAY_SIZE(parts); i++)
		if (parts[i].part == ((midr >> 4) & 0xfff))
			return parts[i].name;
	return "unknown Arm CPU";
}

static const char *mode_name(u32 mode)
{
	switch (mode) {
	case MODE_SVC: return "SVC";
	case MODE_HYP: return "HYP";
	case MODE_MON: return "MON";
	default: return "an unexpected mode";
	}
}

static const char *cache_state(void)
{
	u32 sctlr;

	__asm__ __volatile__("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
	return (sctlr & 0x1004) == 0x1004 ? "on" : "OFF";
}

/**
 * arm_start - C entry of the ARM port, called by head.S
 * @dtb_phys: physical address of the DTB (r2 from the boot loader)
 * @pv_delta: physical minus virtual address of the image
 *
 * Never returns: ends in start_kernel().
 */
void arm_start(u32 dtb_phys, unsigned long pv_delta)
{
	struct arm_ram_bank banks[ARM_MAX_BANKS];
	const void *fdt;
	char dtb_bad[192];
	int nr, err, irqchips, timers;
	phys_addr_t kstart, kend;
	u32 midr, mvfr0, mmfr3;

	arm_pv_delta = pv_delta;
	arm_dtb_phys = dtb_phys;
	arm_remove_identity_map();
	arm_unmap_stack_guards();

	fdt = arm_map_fdt(dtb_phys);
	if (!fdt) {
		/* No console without a DT: the message stays in the early buffer. */
		printk("arm: no valid DTB at %#x (r2); boot with -dtb FILE (QEMU) or pass "
		       "the DTB address to bootz\n", dtb_phys);
		arm_halt();
	}
	/* libfdt must not read a corrupt DTB as it is (it can loop for ever). */
	dtb_bad[0] = '\0';
	if (of_fdt_validate(fdt, 0, dtb_bad, sizeof(dtb_bad), NULL)) {
		/* Keep the sound part readable to find the console and report. */
		arm_fdt_set_writable(dtb_phys, true);
		of_fdt_salvage((void *)fdt);
		arm_fdt_set_writable(dtb_phys, false);
	}
	arm_semihosting = arm_bootargs_get(fdt, "semihosting", NULL, 0) >= 0;
	if (of_early_probe(fdt, OF_EARLY_CONSOLE) <= 0) {
		printk("arm: no console: the DT has no enabled arm,pl011 node for "
		       "console=ttyAMA<n>, /chosen/stdout-path or earlycon= "
		       "(CONFIG_SERIAL_PL011=y)%s\n",
		       arm_semihosting ? "; writing to the semihosting console" : "");
		if (arm_semihosting)
			register_console(&arm_semihost_console);
	}
	if (of_early_probe(fdt, OF_EARLY_POWER) <= 0)
		pr_warn("no power-off device (PSCI 0.2+ node or arm,vexpress-sysreg): "
			"poweroff will halt the CPU%s\n",
			arm_semihosting ? " after semihosting" : "");
	if (dtb_bad[0])
		panic("the device tree at %#x is corrupt: %s; rebuild it with dtc -O dtb",
		      dtb_phys, dtb_bad);

	__asm__("mrc p15, 0, %0, c0, c0, 0" : "=r"(midr));
	pr_info("CPU: %s r%up%u (MIDR %#x), entered in %s mode%s\n", cpu_part_name(midr),
		(unsigned int)((midr >> 20) & 0xf), (unsigned int)(midr & 0xf),
		(unsigned int)midr, mode_name(arm_boot_mode),
		arm_boot_mode == MODE_HYP ? ", running in SVC (HYP traps off)" : "");
	mvfr0 = arm_vfp_probe();
	pr_info("CPU: VFP with %s doubleword registers (MVFR0 %#x): page copy-and-clear %s\n",
		arm_copy_clear_d32 ? "32" : "16", (unsigned int)mvfr0,
		arm_copy_clear_d32 ? "fused" : "as a copy then a zero");
	arm_mmu_probe_walk(&mmfr3);
	pr_info("CPU: table walk %s the data cache (ID_MMFR3 %#x): descriptors %s\n",
		arm_pt_walk_coherent ? "coherent with" : "not coherent with", (unsigned int)mmfr3,
		arm_pt_walk_coherent ? "not cleaned" : "cleaned to PoC");

	kstart = kimage_phys(_text);
	kend = kimage_phys(_end);
	pr_info("image loaded at %#llx-%#llx (%zu KiB with BSS), linked at %#lx "
		"(phys - virt %#lx)\n", (unsigned long long)kstart,
		(unsigned long long)kend - 1, (size_t)((kend - kstart) >> 10),
		(unsigned long)_text, arm_pv_delta);

	nr = find_ram(fdt, banks);
	if (nr < 0)
		panic("no usable /memory node in the device tree: add one with "
		      "device_type = \"memory\" and reg");
	err = arm_map_lowmem_early(banks, nr);
	if (err)
		panic("RAM %#llx-%#llx spans more than the %lu MiB linear map; boot "
		      "with less memory (QEMU -m)", (unsigned long long)banks[0].base,
		      (unsigned long long)arm_lowmem_end - 1, LINEAR_MAP_SIZE >> 20);
	if (!bank_contains(banks, nr, kstart, kend - kstart))
		panic("the image at %#llx-%#llx is not inside RAM: load it into RAM",
		      (unsigned long long)kstart, (unsigned long long)kend - 1);
	if (!bank_contains(banks, nr, dtb_phys, fdt_totalsize(fdt)))
		panic("the DTB at %#x is not inside RAM: load it into RAM", dtb_phys);
	if (dtb_phys < kend && dtb_phys + fdt_totalsize(fdt) > kstart)
		panic("the DTB at %#x overlaps the image and its BSS (%#llx-%#llx): "
		      "load it higher", dtb_phys, (unsigned long long)kstart,
		      (unsigned long long)kend - 1);
	pr_info("phys offset %#llx: RAM %#llx-%#llx at %#lx; DTB at %#x (%u bytes)\n",
		(unsigned long long)arm_phys_offset, (unsigned long long)arm_phys_offset,
		(unsigned long long)arm_lowmem_end - 1, PAGE_OFFSET, dtb_phys,
		(unsigned int)fdt_totalsize(fdt));

	irqchips = of_early_probe(fdt, OF_EARLY_IRQCHIP);
	timers = of_early_probe(fdt, OF_EARLY_TIMER);
	of_early_probe(fdt, OF_EARLY_CACHE);
	if (!clocksource_current())
		pr_warn("no clock source (arm,armv7-timer, arm,cortex-a9-global-timer or "
			"arm,sp804): times read 0\n");
	pr_info("MMU on, L1 I/D caches %s, branch prediction on; %d interrupt "
		"controller(s), %d timer(s)\n", cache_state(), irqchips, timers);
	if (irqchips > 0)
		arch_irq_restore(0);
	arm_smp_init(fdt);

	arm_boot_params.fdt = __va(dtb_phys);
	arm_boot_params.fdt_phys = dtb_phys;
	arm_boot_params.kernel_start = kstart;
	arm_boot_params.kernel_end = kend;
	arm_boot_params.arch_name = "arm";
	start_kernel(&arm_boot_params);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * ARMv7 generic timer ("arm,armv7-timer"; Cortex-A7/A15/A17 and the ARMv8
 * cores in AArch32): the system clock and the periodic tick. The binding
 * is Linux's Documentation/devicetree/bindings/timer/arm,arch_timer.yaml.
 *
 * Every CPU has a 64-bit system counter that never stops, read through
 * CP15 (asm/arch_timer.h), and per-CPU timers that compare against it: a
 * physical one (CNTP_*, counting CNTPCT) and a virtual one (CNTV_*,
 * counting CNTVCT = CNTPCT - CNTVOFF, the offset a hypervisor sets). The
 * node's "interrupts" lists the timers' PPIs in the binding's order:
 * secure physical (PPI 13), non-secure physical (PPI 14), virtual (PPI 11)
 * and hypervisor (PPI 10).
 *
 * Which timer. contig runs at PL1 (SVC), and which physical timer CNTP_*
 * reaches there depends on the security state, which PL1 cannot read
 * (SCR is not accessible from Non-secure PL1): Secure PL1 gets the
 * secure physical timer (PPI 13), Non-secure PL1 the non-secure one
 * (PPI 14), and only if the hypervisor, when there is one, allows it
 * (CNTHCTL.PL1PCEN). The virtual timer is always usable at PL1, in either
 * state, whatever EL2 does, and always on PPI 11, so it is the one used,
 * as Linux does on 32-bit ARM when it is not entered in HYP mode. That is
 * the case under U-Boot on QEMU's virt board (no security or virtualization
 * extensions: the CPU runs in Non-secure PL1). Should EL2 exist, CNTVOFF
 * is whatever the firmware left (head.S zeroes it when entered in HYP);
 * any constant offset is harmless, as only differences of the count are
 * used. A node with "arm,cpu-registers-not-fw-configured" says no firmware
 * ran before the kernel, which is then in Secure PL1 with CNTVOFF at its
 * unknown reset value: the secure physical timer is used (as in Linux).
 * Without a virtual PPI in the node the physical timer is used with the
 * non-secure PPI, the state a boot loader leaves the kernel in.
 *
 * Rate: the node's "clock-frequency" when present (for firmware that does
 * not program CNTFRQ; Linux's binding discourages it otherwise), else
 * CNTFRQ.
 *
 * The tick: the timer has no auto-reload, so the interrupt handler moves
 * CVAL on by one period from the previous deadline (not from "now", so
 * the tick does not drift with interrupt latency) and calls tick_handle().
 * When the deadline is already past (interrupts were masked for longer
 * than a period), the missed periods are skipped, not replayed: jiffies
 * count tick interrupts, as with the Cortex-A9 global timer, whose
 * auto-increment comparator behaves the same way. The interrupt is a
 * level PPI that drops once CVAL is in the future again.
 *
 * SMP: every CPU has its own copy of the timer and of its PPI. The boot
 * CPU starts its tick at probe time; each secondary CPU starts its own
 * through tick_cpu_start() (at_tick_cpu_start(): its first deadline, its
 * timer enabled, the PPI enabled on that CPU).
 *
 * Lock contract: init runs once on the boot CPU before interrupts are
 * unmasked; each CPU's deadline is then touched only by that CPU (its
 * tick start and its interrupt handler).
 */
#define pr_fmt(fmt) "arch_timer: " fmt

#include <contig/arch.h>
#include <contig/clocksource.h>
#include <contig/errno.h>
#include <contig/irq.h>
#include <contig/kernel.h>
#include <contig/of.h>
#include <contig/printk.h>
#include <asm/arch_timer.h>
#include <libfdt.h>

/* Indexes into the node's "interrupts" (the binding's order). */
enum { PPI_SEC_PHYS, PPI_NONSEC_PHYS, PPI_VIRT, PPI_HYP };

static const char *const ppi_names[] = {
	[PPI_SEC_PHYS] = "secure physical",
	[PPI_NONSEC_PHYS] = "non-secure physical",
	[PPI_VIRT] = "virtual",
	[PPI_HYP] = "hypervisor",
};

static bool at_virt; /* the virtual timer and count, else the physical */
static bool at_started;
static u64 at_period; /* counter ticks per TICK_HZ period */
static u64 at_deadline[CONFIG_NR_CPUS]; /* the CVAL each CPU last programmed */

static struct clocksource at_clocksource = {
	.name = "arch_sys_counter",
};

static u64 at_read(void)
{
	return at_clocksource.read();
}

static void at_tick_irq(unsigned int irq, void *dev)
{
	u64 *deadline = &at_deadline[arch_cpu_id()];
	u64 now;

	if (!(arch_timer_get_ctrl(at_virt) & ARCH_TIMER_CTRL_ISTATUS))
		return; /* not ours (yet): nothing to acknowledge */
	now = at_read();
	*deadline += at_period;
	while ((s64)(*deadline - now) <= 0)
		*deadline += at_period; /* missed periods are skipped */
	arch_timer_set_cval(at_virt, *deadline);
	tick_handle();
}

/* This CPU's timer: first deadline one period from now, enabled. */
static void at_timer_start(void)
{
	u64 *deadline = &at_deadline[arch_cpu_id()];

	*deadline = at_read() + at_period;
	arch_timer_set_cval(at_virt, *deadline);
	arch_timer_set_ctrl(at_virt, ARCH_TIMER_CTRL_ENABLE);
}

/* A secondary CPU's tick (tick_cpu_start()). */
static void at_tick_cpu_start(void)
{
	arch_timer_set_ctrl(at_virt, ARCH_TIMER_CTRL_IMASK);
	at_timer_start();
	enable_percpu_irq((unsigned int)tick_irq());
}

/* Which timer (and so which "interrupts" entry) to use; see the top. */
static int at_pick_timer(const void *fdt, int node)
{
	if (fdt_getprop(fdt, node, "arm,cpu-registers-not-fw-configured", NULL))
		return PPI_SEC_PHYS;
	if (of_get_irq(fdt, node, PPI_VIRT) >= 0)
		return PPI_VIRT;
	return PPI_NONSEC_PHYS;
}

static int at_start_tick(const void *fdt, int node, int which, u32 rate)
{
	int irq, ret;

	irq = of_get_irq(fdt, node, which);
	if (irq < 0) {
		pr_err("no usable %s timer entry (index %d) in interrupts (%s): list the four "
		       "PPIs, e.g. interrupts = <1 13 0xf08>, <1 14 0xf08>, <1 11 0xf08>, "
		       "<1 10 0xf08>; no tick\n",
		       ppi_names[which], which, errname(irq));
		return irq;
	}
	/* Masked and disabled until the handler is in place. */
	arch_timer_set_ctrl(at_virt, ARCH_TIMER_CTRL_IMASK);
	ret = request_irq((unsigned int)irq, at_tick_irq, NULL);
	if (ret) {
		pr_err("cannot attach the tick to interrupt %d: %s (is there a GIC in the "
		       "DT and CONFIG_ARM_GIC=y?); no tick\n",
		       irq, errname(ret));
		return ret;
	}
	at_period = rate / TICK_HZ;
	at_timer_start();
	tick_set_irq((unsigned int)irq);
	tick_set_cpu_start(at_tick_cpu_start);
	pr_info("tick at %u Hz on interrupt %d (%s timer, PPI %d, period %llu)\n", TICK_HZ,
		irq, ppi_names[which], irq - 16, (unsigned long long)at_period);
	return 0;
}

static int at_of_init(const void *fdt, int node)
{
	u32 cntfrq, rate;
	int which;

	if (at_started)
		return -EBUSY;
	if (!arch_timer_cpu_has_it()) {
		pr_err("the device tree has an arm,armv7-timer node but this CPU has no "
		       "generic timer (ID_PFR1.GenTimer is 0): remove the node\n");
		return -ENODEV;
	}
	cntfrq = arch_timer_get_cntfrq();
	rate = of_read_u32(fdt, node, "clock-frequency", 0);
	if (rate && cntfrq && rate != cntfrq)
		pr_warn("clock-frequency %u Hz in the DT overrides CNTFRQ %u Hz; remove it "
			"unless the firmware leaves CNTFRQ wrong\n",
			(unsigned int)rate, (unsigned int)cntfrq);
	if (!rate)
		rate = cntfrq;
	if (rate < TICK_HZ) {
		pr_err("no counter rate: CNTFRQ is %u and the node has no clock-frequency; "
		       "have the firmware set CNTFRQ or add clock-frequency to the node\n",
		       (unsigned int)cntfrq);
		return -EINVAL;
	}
	which = at_pick_timer(fdt, node);
	at_virt = which == PPI_VIRT;
	at_clocksource.read = at_virt ? arch_counter_get_cntvct : arch_counter_get_cntpct;
	at_clocksource.freq_hz = rate;
	at_started = true;
	clocksource_register(&at_clocksource);
	pr_info("%s counter at %u Hz (%s)\n", at_virt ? "virtual" : "physical",
		(unsigned int)rate,
		rate == cntfrq ? "CNTFRQ" : "clock-frequency");
	at_start_tick(fdt, node, which, rate);
	return 0;
}

OF_EARLY_DECLARE(arm_arch_timer, "arm,armv7-timer", OF_EARLY_TIMER, at_of_init);

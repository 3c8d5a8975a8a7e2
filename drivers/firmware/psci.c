// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI firmware interface ("arm,psci-1.0", "arm,psci-0.2", "arm,psci";
 * Linux's binding Documentation/devicetree/bindings/arm/psci.yaml):
 * power off, reset, and starting secondary CPUs through the firmware.
 *
 * The node's "method" names the conduit: "smc" (a secure monitor, e.g.
 * Trusted Firmware or U-Boot's PSCI on a real board) or "hvc" (a
 * hypervisor; QEMU's virt board answers HVC itself when the guest has no
 * EL2/EL3, which is how Debian's U-Boot runs there). The call itself is
 * arm_smccc_call() (asm/smccc.h).
 *
 * PSCI 0.2 and later have fixed function IDs (the SMC32 ones are used:
 * the kernel is 32-bit): PSCI_VERSION, CPU_ON, SYSTEM_OFF, SYSTEM_RESET.
 * Those nodes make this driver the machine's pm_power_off and pm_restart.
 * PSCI 0.1 ("arm,psci" alone) has no SYSTEM_OFF/SYSTEM_RESET and takes
 * the CPU_ON function ID from the node's "cpu_on" property; only
 * psci_cpu_on() works there.
 *
 * Early driver (OF_EARLY_POWER): the port probes it before RAM is mapped,
 * so that a failure's power-off already goes through the firmware.
 *
 * Lock contract: the state below is written once by psci_of_init() during
 * single-threaded early boot and only read afterwards; the firmware
 * serialises concurrent calls itself, so psci_cpu_on() may be called from
 * any CPU without a lock.
 */
#define pr_fmt(fmt) "psci: " fmt

#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/of.h>
#include <contig/printk.h>
#include <contig/psci.h>
#include <contig/reboot.h>
#include <contig/string.h>
#include <asm/smccc.h>
#include <libfdt.h>

#define PSCI_0_2_FN_PSCI_VERSION 0x84000000U
#define PSCI_0_2_FN_CPU_ON 0x84000003U
#define PSCI_0_2_FN_SYSTEM_OFF 0x84000008U
#define PSCI_0_2_FN_SYSTEM_RESET 0x84000009U

static enum arm_smccc_conduit psci_conduit = SMCCC_CONDUIT_NONE;
static u32 psci_ver; /* major << 16 | minor; 0x1 for 0.1 */
static u32 psci_fn_cpu_on; /* 0: the firmware has no CPU_ON */

static long psci_call(u32 fn, unsigned long a1, unsigned long a2,
		      unsigned long a3)
{
	return (long)arm_smccc_call(psci_conduit, fn, a1, a2, a3);
}

/**
 * psci_cpu_on - start a secondary CPU through the firmware (PSCI CPU_ON)
 * @mpidr: the CPU, by its MPIDR affinity fields (MPIDR & 0x00ffffff)
 * @entry: physical address where it starts, in ARM state with the MMU
 *         and caches off (the same state the boot loader leaves the boot
 *         CPU in); r0 holds 0 (the context ID) there
 *
 * Returns once the firmware has accepted the request; the CPU may start
 * running @entry before or after that. The caller makes sure the code and
 * data at @entry are cleaned to the point of coherency first.
 *
 * Return: 0; -ENODEV without PSCI; -EOPNOTSUPP when the firmware has no
 * CPU_ON; -EINVAL for an MPIDR that names no CPU or an entry the firmware
 * refuses (or above 4 GiB, which the 32-bit call cannot pass); -EBUSY when
 * the CPU is already on; -EALREADY when a CPU_ON for it is still pending;
 * -EPERM, -EIO as psci_to_errno() maps the firmware's answer.
 */
int psci_cpu_on(unsigned long mpidr, phys_addr_t entry)
{
	if (psci_conduit == SMCCC_CONDUIT_NONE)
		return -ENODEV;
	if (!psci_fn_cpu_on)
		return -EOPNOTSUPP;
	if (entry > 0xffffffffULL)
		return -EINVAL;
	return psci_to_errno(psci_call(psci_fn_cpu_on, mpidr & 0x00ffffffUL,
				       (unsigned long)entry, 0));
}

/**
 * psci_available - whether a PSCI firmware interface was found
 * Return: true once the DT's PSCI node has been probed successfully.
 */
bool psci_available(void)
{
	return psci_conduit != SMCCC_CONDUIT_NONE;
}

/**
 * psci_version - the firmware's PSCI version
 * Return: major << 16 | minor (PSCI_VERSION_MAJOR/MINOR); 0x1 for a 0.1
 * node ("arm,psci"); 0 without PSCI.
 */
u32 psci_version(void)
{
	return psci_ver;
}

static void psci_sys_poweroff(void)
{
	long ret = psci_call(PSCI_0_2_FN_SYSTEM_OFF, 0, 0, 0);

	/* SYSTEM_OFF does not return when it works. */
	printk("psci: SYSTEM_OFF returned %ld (%s)\n", ret,
	       errname(psci_to_errno(ret)));
}

static void psci_sys_reset(void)
{
	long ret = psci_call(PSCI_0_2_FN_SYSTEM_RESET, 0, 0, 0);

	printk("psci: SYSTEM_RESET returned %ld (%s)\n", ret,
	       errname(psci_to_errno(ret)));
}

static int psci_of_init(const void *fdt, int node)
{
	const char *method;
	bool v0_2;
	int len;

	if (psci_conduit != SMCCC_CONDUIT_NONE)
		return -EBUSY;
	method = fdt_getprop(fdt, node, "method", &len);
	if (!method || len < 1 || strnlen(method, len) == (size_t)len) {
		pr_err("the PSCI node has no method: add method = \"smc\" (secure monitor) "
		       "or \"hvc\" (hypervisor); no PSCI\n");
		return -EINVAL;
	}
	if (!strcmp(method, "hvc")) {
		psci_conduit = SMCCC_CONDUIT_HVC;
	} else if (!strcmp(method, "smc")) {
		psci_conduit = SMCCC_CONDUIT_SMC;
	} else {
		pr_err("method = \"%s\" is not a PSCI conduit: use \"smc\" or \"hvc\"; no PSCI\n",
		       method);
		return -EINVAL;
	}

	v0_2 = !fdt_node_check_compatible(fdt, node, "arm,psci-0.2") ||
	       !fdt_node_check_compatible(fdt, node, "arm,psci-1.0");
	if (!v0_2) {
		/* PSCI 0.1: only the IDs the node lists exist. */
		psci_ver = 0x1;
		psci_fn_cpu_on = of_read_u32(fdt, node, "cpu_on", 0);
		pr_info("PSCI 0.1 through %s: CPU_ON %s; no SYSTEM_OFF/SYSTEM_RESET in 0.1, "
			"so power off and reset do not use PSCI\n",
			method,
			psci_fn_cpu_on ? "available" :
					 "missing (no cpu_on property)");
		return 0;
	}

	psci_ver = (u32)psci_call(PSCI_0_2_FN_PSCI_VERSION, 0, 0, 0);
	if ((s32)psci_ver < 0 || PSCI_VERSION_MAJOR(psci_ver) == 0) {
		pr_err("the node says PSCI 0.2 or later but PSCI_VERSION through %s returned "
		       "%#x: check the node's method; no PSCI\n",
		       method, (unsigned int)psci_ver);
		psci_conduit = SMCCC_CONDUIT_NONE;
		psci_ver = 0;
		return -ENODEV;
	}
	psci_fn_cpu_on = PSCI_0_2_FN_CPU_ON;
	if (pm_power_off)
		pr_info("replacing the board's power-off and restart hooks with PSCI\n");
	pm_power_off = psci_sys_poweroff;
	pm_restart = psci_sys_reset;
	pr_info("PSCI %u.%u through %s: power off (SYSTEM_OFF), reset (SYSTEM_RESET), "
		"CPU_ON\n",
		(unsigned int)PSCI_VERSION_MAJOR(psci_ver),
		(unsigned int)PSCI_VERSION_MINOR(psci_ver), method);
	return 0;
}

/*
 * One entry per compatible string: a node lists several ("arm,psci-1.0",
 * "arm,psci-0.2", "arm,psci") and the first entry that matches any of them
 * takes it; psci_of_init() reads the list itself. When it fails, the other
 * entries do not call it again for that node (of_early_probe()).
 */
OF_EARLY_DECLARE(psci_1_0, "arm,psci-1.0", OF_EARLY_POWER, psci_of_init);
OF_EARLY_DECLARE(psci_0_2, "arm,psci-0.2", OF_EARLY_POWER, psci_of_init);
OF_EARLY_DECLARE(psci_0_1, "arm,psci", OF_EARLY_POWER, psci_of_init);

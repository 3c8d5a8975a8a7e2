// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest suite "psci": the PSCI driver (drivers/firmware/psci.c) against the
 * firmware the board really has (QEMU virt: PSCI 1.x through HVC). Skipped,
 * with the reason, on a board without a PSCI node (vexpress-a9).
 *
 * CPU_ON is exercised only on CPUs that must refuse it: the calling CPU
 * (already on) and an MPIDR no CPU has, so the suite never starts a
 * secondary CPU. SYSTEM_OFF is what ends every boot on such a board (the
 * uboot-* suites of make check see QEMU exit); SYSTEM_RESET is not
 * called here, as it would end the run.
 */
#define pr_fmt(fmt) "psci_test: " fmt

#include <contig/errno.h>
#include <contig/ktest.h>
#include <contig/of.h>
#include <contig/psci.h>
#include <contig/reboot.h>
#include <libfdt.h>

/* False (and the case skipped) on a board without PSCI. */
static bool needs_psci(struct ktest *t)
{
	if (psci_available())
		return true;
	ktest_skip(t, "no PSCI: the device tree has no usable arm,psci node");
	return false;
}

static u32 this_mpidr(void)
{
	u32 mpidr;

	__asm__ __volatile__("mrc p15, 0, %0, c0, c0, 5" : "=r"(mpidr));
	return mpidr & 0x00ffffff;
}

static void the_version_matches_the_node_compatible(struct ktest *t)
{
	const void *fdt = initial_boot_params;
	u32 v = psci_version();
	int node;

	if (!needs_psci(t))
		return;
	node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2");
	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-1.0");
	ktest_info(t, "PSCI %u.%u", (unsigned int)PSCI_VERSION_MAJOR(v),
		   (unsigned int)PSCI_VERSION_MINOR(v));
	if (node >= 0) {
		KTEST_EXPECT_GE(t, PSCI_VERSION_MAJOR(v), 1);
		/* 0.2 and later: the driver is the machine's power-off and reset. */
		KTEST_EXPECT_NOT_NULL(t, pm_power_off);
		KTEST_EXPECT_NOT_NULL(t, pm_restart);
	} else {
		KTEST_EXPECT_EQ(t, v, 0x1);
	}
}

static void cpu_on_for_the_running_cpu_says_it_is_already_on(struct ktest *t)
{
	if (!needs_psci(t))
		return;
	/* The entry point is never used: the firmware refuses first. */
	KTEST_EXPECT_EQ(t, psci_cpu_on(this_mpidr(), 0x40000000), -EBUSY);
}

static void cpu_on_for_a_cpu_that_does_not_exist_is_invalid(struct ktest *t)
{
	if (!needs_psci(t))
		return;
	KTEST_EXPECT_EQ(t, psci_cpu_on(this_mpidr() ^ 0xf0, 0x40000000), -EINVAL);
}

static void cpu_on_refuses_an_entry_point_above_4_gib(struct ktest *t)
{
	if (!needs_psci(t))
		return;
	KTEST_EXPECT_EQ(t, psci_cpu_on(this_mpidr(), 0x100000000ULL), -EINVAL);
}

static void every_psci_return_code_maps_to_its_errno(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, psci_to_errno(PSCI_RET_SUCCESS), 0);
	KTEST_EXPECT_EQ(t, psci_to_errno(PSCI_RET_NOT_SUPPORTED), -EOPNOTSUPP);
	KTEST_EXPECT_EQ(t, psci_to_errno(PSCI_RET_INVALID_PARAMS), -EINVAL);
	KTEST_EXPECT_EQ(t, psci_to_errno(PSCI_RET_DENIED), -EPERM);
	KTEST_EXPECT_EQ(t, psci_to_errno(PSCI_RET_ALREADY_ON), -EBUSY);
	KTEST_EXPECT_EQ(t, psci_to_errno(PSCI_RET_ON_PENDING), -EALREADY);
	KTEST_EXPECT_EQ(t, psci_to_errno(PSCI_RET_INTERNAL_FAILURE), -EIO);
	KTEST_EXPECT_EQ(t, psci_to_errno(PSCI_RET_NOT_PRESENT), -ENODEV);
	KTEST_EXPECT_EQ(t, psci_to_errno(PSCI_RET_DISABLED), -ENODEV);
	KTEST_EXPECT_EQ(t, psci_to_errno(PSCI_RET_INVALID_ADDRESS), -EINVAL);
	KTEST_EXPECT_EQ(t, psci_to_errno(-42), -EIO);
	KTEST_EXPECT_EQ(t, psci_to_errno(1), -EIO);
}

static struct ktest_case psci_cases[] = {
	KTEST_CASE(the_version_matches_the_node_compatible),
	KTEST_CASE(cpu_on_for_the_running_cpu_says_it_is_already_on),
	KTEST_CASE(cpu_on_for_a_cpu_that_does_not_exist_is_invalid),
	KTEST_CASE(cpu_on_refuses_an_entry_point_above_4_gib),
	KTEST_CASE(every_psci_return_code_maps_to_its_errno),
	{}
};

static struct ktest_suite psci_suite = {
	.name = "psci",
	.cases = psci_cases,
};
ktest_register(psci_suite);

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PSCI, the Arm Power State Coordination Interface (Arm DEN 0022): the
 * firmware calls that start CPUs and power the machine off or reset it.
 * drivers/firmware/psci.c finds the interface from the device tree's
 * "arm,psci", "arm,psci-0.2" or "arm,psci-1.0" node (OF_EARLY_POWER) and
 * installs pm_power_off and pm_restart when the firmware has SYSTEM_OFF
 * and SYSTEM_RESET (PSCI 0.2 and later). Without CONFIG_ARM_PSCI the calls
 * below report -ENODEV.
 */
#ifndef _CONTIG_PSCI_H
#define _CONTIG_PSCI_H

#include <contig/errno.h>
#include <contig/types.h>

/* PSCI return codes (negative, as the firmware returns them in r0). */
#define PSCI_RET_SUCCESS 0
#define PSCI_RET_NOT_SUPPORTED -1
#define PSCI_RET_INVALID_PARAMS -2
#define PSCI_RET_DENIED -3
#define PSCI_RET_ALREADY_ON -4
#define PSCI_RET_ON_PENDING -5
#define PSCI_RET_INTERNAL_FAILURE -6
#define PSCI_RET_NOT_PRESENT -7
#define PSCI_RET_DISABLED -8
#define PSCI_RET_INVALID_ADDRESS -9

/**
 * psci_to_errno - a PSCI return code as a negative errno
 * @ret: what the firmware returned in r0
 *
 * Return: 0 for SUCCESS; -EOPNOTSUPP (NOT_SUPPORTED), -EINVAL
 * (INVALID_PARAMETERS, INVALID_ADDRESS), -EPERM (DENIED), -EBUSY
 * (ALREADY_ON), -EALREADY (ON_PENDING), -ENODEV (NOT_PRESENT, DISABLED),
 * -EIO for INTERNAL_FAILURE and any code the specification does not define.
 */
static inline int psci_to_errno(long ret)
{
	switch (ret) {
	case PSCI_RET_SUCCESS:
		return 0;
	case PSCI_RET_NOT_SUPPORTED:
		return -EOPNOTSUPP;
	case PSCI_RET_INVALID_PARAMS:
	case PSCI_RET_INVALID_ADDRESS:
		return -EINVAL;
	case PSCI_RET_DENIED:
		return -EPERM;
	case PSCI_RET_ALREADY_ON:
		return -EBUSY;
	case PSCI_RET_ON_PENDING:
		return -EALREADY;
	case PSCI_RET_NOT_PRESENT:
	case PSCI_RET_DISABLED:
		return -ENODEV;
	default:
		return -EIO;
	}
}

#ifdef CONFIG_ARM_PSCI
int psci_cpu_on(unsigned long mpidr, phys_addr_t entry);
bool psci_available(void);
u32 psci_version(void);
#else
static inline int psci_cpu_on(unsigned long mpidr, phys_addr_t entry)
{
	return -ENODEV;
}
static inline bool psci_available(void)
{
	return false;
}
static inline u32 psci_version(void)
{
	return 0;
}
#endif

/* psci_version(): major in bits 31:16, minor in 15:0 (0.1 reads as 0x1). */
#define PSCI_VERSION_MAJOR(v) ((v) >> 16)
#define PSCI_VERSION_MINOR(v) ((v) & 0xffff)

#endif /* _CONTIG_PSCI_H */

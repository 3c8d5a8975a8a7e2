/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ARM-only helpers for tests of the port (arch/arm/tests): single memory
 * accesses that may fault. A data abort on the access is caught and
 * reported through the return value instead of stopping the machine, and
 * the abort's fault address and status are kept for the caller to check.
 */
#ifndef _ASM_ARM_PROBE_H
#define _ASM_ARM_PROBE_H

#include <contig/types.h>

/* Return: 0, or -EFAULT when the access took a data abort. */
int arm_probe_read32(const void *addr, u32 *val);
int arm_probe_write32(void *addr, u32 val);

/* DFAR and DFSR of the last abort a probe caught. */
struct arm_probe_fault {
	u32 far, fsr;
	unsigned long count;
};
extern struct arm_probe_fault arm_probe_last_fault;

/* "translation fault, page" etc. for a short-descriptor fault status. */
const char *arm_fsr_string(u32 fsr);

#endif /* _ASM_ARM_PROBE_H */

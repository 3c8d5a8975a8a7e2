/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Calls into firmware with the SMC Calling Convention (Arm DEN 0028),
 * 32-bit: the function ID in r0, up to three arguments in r1-r3, the result
 * in r0. The conduit is the SMC instruction (firmware in Secure Monitor
 * mode) or HVC (a hypervisor, or QEMU's built-in PSCI on the virt board
 * when the guest has no EL2/EL3 of its own); the device tree says which
 * ("method" of the PSCI node). The callee may overwrite r0-r3 and must
 * preserve r4-r14. Used by drivers/firmware/psci.c.
 */
#ifndef _ASM_ARM_SMCCC_H
#define _ASM_ARM_SMCCC_H

#include <contig/types.h>

enum arm_smccc_conduit {
	SMCCC_CONDUIT_NONE,
	SMCCC_CONDUIT_SMC,
	SMCCC_CONDUIT_HVC,
};

/*
 * The SMC and HVC encodings (#0), as words: the kernel is built for the
 * Cortex-A9, which has no virtualization extensions, so the assembler
 * would refuse "hvc".
 */
#define __ARM_SMC0 ".inst 0xe1600070"
#define __ARM_HVC0 ".inst 0xe1400070"

static inline unsigned long arm_smccc_call(enum arm_smccc_conduit conduit, u32 fn,
					   unsigned long a1, unsigned long a2,
					   unsigned long a3)
{
	register unsigned long r0 __asm__("r0") = fn;
	register unsigned long r1 __asm__("r1") = a1;
	register unsigned long r2 __asm__("r2") = a2;
	register unsigned long r3 __asm__("r3") = a3;

	if (conduit == SMCCC_CONDUIT_HVC)
		__asm__ __volatile__(__ARM_HVC0
				     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
				     :
				     : "memory");
	else
		__asm__ __volatile__(__ARM_SMC0
				     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
				     :
				     : "memory");
	return r0;
}

#endif /* _ASM_ARM_SMCCC_H */

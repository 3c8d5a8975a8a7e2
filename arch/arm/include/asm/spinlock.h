/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ARM spinlocks: the generic test-and-test-and-set byte on ldrexb/strexb
 * (the __atomic builtins); waiters spin with arch_cpu_relax() ("yield").
 * Included only through <contig/spinlock.h>.
 */
#ifndef _ASM_ARM_SPINLOCK_H
#define _ASM_ARM_SPINLOCK_H

#include <asm-generic/spinlock.h>

#endif /* _ASM_ARM_SPINLOCK_H */

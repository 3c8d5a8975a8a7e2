/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host spinlocks: the generic test-and-test-and-set byte. CPUs are threads
 * that the host may preempt, so arch_cpu_relax() yields after a while of
 * spinning. Included only through <contig/spinlock.h>.
 */
#ifndef _ASM_HOST_SPINLOCK_H
#define _ASM_HOST_SPINLOCK_H

#include <asm-generic/spinlock.h>

#endif /* _ASM_HOST_SPINLOCK_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ARM atomics: the compiler's __atomic builtins, which GCC expands to
 * ldrex/strex loops with dmb barriers on ARMv7 (fully ordered where the
 * builtin asks for __ATOMIC_SEQ_CST). Included only through
 * <contig/atomic.h>.
 */
#ifndef _ASM_ARM_ATOMIC_H
#define _ASM_ARM_ATOMIC_H

#define arch_smp_mb() __asm__ __volatile__("dmb ish" ::: "memory")

#include <asm-generic/atomic.h>

#endif /* _ASM_ARM_ATOMIC_H */

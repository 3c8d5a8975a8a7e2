/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host atomics: the compiler's __atomic builtins, which ThreadSanitizer
 * understands. Included only through <contig/atomic.h>.
 */
#ifndef _ASM_HOST_ATOMIC_H
#define _ASM_HOST_ATOMIC_H

#include <asm-generic/atomic.h>

#endif /* _ASM_HOST_ATOMIC_H */

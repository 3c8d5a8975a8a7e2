/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Atomics on the compiler's __atomic builtins, for ports whose compiler
 * expands them well (ldrex/strex loops on ARMv7; ThreadSanitizer
 * understands them on the host). A port's asm/atomic.h may define
 * arch_smp_mb() before including this. Included only through
 * <contig/atomic.h>.
 */
#ifndef _ASM_GENERIC_ATOMIC_H
#define _ASM_GENERIC_ATOMIC_H

static inline int arch_atomic_read(const atomic_t *v)
{
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

static inline void arch_atomic_set(atomic_t *v, int i)
{
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);
}

static inline int arch_atomic_add_return(int i, atomic_t *v)
{
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline int arch_atomic_cmpxchg(atomic_t *v, int old, int new)
{
	__atomic_compare_exchange_n(&v->counter, &old, new, false,
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return old;
}

static inline long arch_atomic_long_read(const atomic_long_t *v)
{
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

static inline void arch_atomic_long_set(atomic_long_t *v, long i)
{
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);
}

static inline long arch_atomic_long_add_return(long i, atomic_long_t *v)
{
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

#ifndef arch_smp_mb
#define arch_smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif

#endif /* _ASM_GENERIC_ATOMIC_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Atomic counters. The operations come from the port (asm/atomic.h), which
 * must provide arch_atomic_{read,set,add_return,cmpxchg} and
 * arch_atomic_long_{read,set,add_return}; everything else is built here.
 * Value-returning operations are fully ordered.
 */
#ifndef _CONTIG_ATOMIC_H
#define _CONTIG_ATOMIC_H

#include <contig/types.h>

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	long counter;
} atomic_long_t;

#define ATOMIC_INIT(i) { (i) }

#include <asm/atomic.h>

static inline int atomic_read(const atomic_t *v) { return arch_atomic_read(v); }
static inline void atomic_set(atomic_t *v, int i) { arch_atomic_set(v, i); }
static inline int atomic_add_return(int i, atomic_t *v) { return arch_atomic_add_return(i, v); }
static inline int atomic_sub_return(int i, atomic_t *v) { return arch_atomic_add_return(-i, v); }
static inline void atomic_add(int i, atomic_t *v) { (void)arch_atomic_add_return(i, v); }
static inline void atomic_sub(int i, atomic_t *v) { (void)arch_atomic_add_return(-i, v); }
static inline void atomic_inc(atomic_t *v) { atomic_add(1, v); }
static inline void atomic_dec(atomic_t *v) { atomic_sub(1, v); }
static inline int atomic_inc_return(atomic_t *v) { return atomic_add_return(1, v); }
static inline int atomic_dec_return(atomic_t *v) { return atomic_sub_return(1, v); }
static inline bool atomic_dec_and_test(atomic_t *v) { return atomic_dec_return(v) == 0; }
/* Returns the old value; stores @new only when the old value was @old. */
static inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	return arch_atomic_cmpxchg(v, old, new);
}

static inline long atomic_long_read(const atomic_long_t *v) { return arch_atomic_long_read(v); }
static inline void atomic_long_set(atomic_long_t *v, long i) { arch_atomic_long_set(v, i); }
static inline long atomic_long_add_return(long i, atomic_long_t *v) { return arch_atomic_long_add_return(i, v); }
static inline void atomic_long_add(long i, atomic_long_t *v) { (void)arch_atomic_long_add_return(i, v); }
static inline void atomic_long_sub(long i, atomic_long_t *v) { (void)arch_atomic_long_add_return(-i, v); }
static inline void atomic_long_inc(atomic_long_t *v) { atomic_long_add(1, v); }
static inline void atomic_long_dec(atomic_long_t *v) { atomic_long_sub(1, v); }

/* Full memory barrier, and acquire/release fences. */
#define smp_mb() arch_smp_mb()
#define smp_rmb() arch_smp_mb()
#define smp_wmb() arch_smp_mb()

#endif /* _CONTIG_ATOMIC_H */

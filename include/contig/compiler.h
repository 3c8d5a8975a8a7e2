/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _CONTIG_COMPILER_H
#define _CONTIG_COMPILER_H

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#define __noinline __attribute__((noinline))
#define __noreturn __attribute__((noreturn))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __maybe_unused __attribute__((unused))
#define __used __attribute__((used))
#define __section(s) __attribute__((section(s)))
#define __aligned(x) __attribute__((aligned(x)))
#define __packed __attribute__((packed))
#define __must_check __attribute__((warn_unused_result))

/* Compiler barrier. */
#define barrier() __asm__ __volatile__("" ::: "memory")

/* Single-copy accesses that the compiler may not tear, merge or elide. */
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val) (*(volatile __typeof__(x) *)&(x) = (val))

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), "BUILD_BUG_ON(" #cond ")")

#endif /* _CONTIG_COMPILER_H */

/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _CONTIG_KERNEL_H
#define _CONTIG_KERNEL_H

#include <contig/types.h>
#include <contig/compiler.h>
#include <contig/printk.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/* Power-of-two alignment helpers; @a must be a power of two. */
#define ALIGN(x, a) (((x) + ((__typeof__(x))(a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))

#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
#define min_t(t, a, b) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b) ((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define clamp(v, lo, hi) min(max(v, lo), hi)

#define SZ_1K 0x400UL
#define SZ_4K 0x1000UL
#define SZ_64K 0x10000UL
#define SZ_128K 0x20000UL
#define SZ_256K 0x40000UL
#define SZ_1M 0x100000UL
#define SZ_2M 0x200000UL
#define SZ_4M 0x400000UL
#define SZ_16M 0x1000000UL
#define SZ_32M 0x2000000UL
#define SZ_64M 0x4000000UL
#define SZ_128M 0x8000000UL
#define SZ_256M 0x10000000UL
#define SZ_512M 0x20000000UL
#define SZ_1G 0x40000000UL

static inline bool is_power_of_2(u64 n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

/* Floor of log2(@n); @n must be non-zero. */
static inline unsigned int ilog2_u64(u64 n)
{
	return 63 - (unsigned int)__builtin_clzll(n);
}

/* Ceiling of log2(@n): the order of @n rounded up to a power of two; 0 for 0 and 1. */
static inline unsigned int order_base_2(u64 n)
{
	return n > 1 ? ilog2_u64(n - 1) + 1 : 0;
}

#endif /* _CONTIG_KERNEL_H */

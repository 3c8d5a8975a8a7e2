/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fixed-width and kernel types. Only compiler-provided (freestanding) headers
 * are included here; portable code must not include libc headers.
 */
#ifndef _CONTIG_TYPES_H
#define _CONTIG_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

typedef uint8_t u8;
typedef uint16_t u16;
/*
 * u32/s32 are int-sized on every port, as in Linux: newlib (the ARM port's
 * C library) makes uint32_t a long, which would make "%x" wrong for u32 on
 * ARM only. Both are 32 bits everywhere contig runs.
 */
typedef unsigned int u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int s32;
typedef int64_t s64;

/* Physical addresses are 64-bit everywhere so LPAE-style maps fit later. */
typedef u64 phys_addr_t;

typedef unsigned int gfp_t;

#endif /* _CONTIG_TYPES_H */

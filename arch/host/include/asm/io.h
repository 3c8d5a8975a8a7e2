/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host register accessors. The host has no devices (ioremap() returns
 * NULL), but drivers still compile here, so the accessors are plain
 * volatile accesses with a full barrier on the ordered variants.
 */
#ifndef _ASM_HOST_IO_H
#define _ASM_HOST_IO_H

#include <contig/types.h>

#define __io_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)

static inline u8 readb_relaxed(const volatile void __iomem *a) { return *(const volatile u8 *)a; }
static inline u16 readw_relaxed(const volatile void __iomem *a) { return *(const volatile u16 *)a; }
static inline u32 readl_relaxed(const volatile void __iomem *a) { return *(const volatile u32 *)a; }
static inline void writeb_relaxed(u8 v, volatile void __iomem *a) { *(volatile u8 *)a = v; }
static inline void writew_relaxed(u16 v, volatile void __iomem *a) { *(volatile u16 *)a = v; }
static inline void writel_relaxed(u32 v, volatile void __iomem *a) { *(volatile u32 *)a = v; }

static inline u8 readb(const volatile void __iomem *a) { u8 v = readb_relaxed(a); __io_mb(); return v; }
static inline u16 readw(const volatile void __iomem *a) { u16 v = readw_relaxed(a); __io_mb(); return v; }
static inline u32 readl(const volatile void __iomem *a) { u32 v = readl_relaxed(a); __io_mb(); return v; }
static inline void writeb(u8 v, volatile void __iomem *a) { __io_mb(); writeb_relaxed(v, a); }
static inline void writew(u16 v, volatile void __iomem *a) { __io_mb(); writew_relaxed(v, a); }
static inline void writel(u32 v, volatile void __iomem *a) { __io_mb(); writel_relaxed(v, a); }

#endif /* _ASM_HOST_IO_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ARM register accessors. ioremap() maps device registers as Device memory
 * (execute-never), so single accesses are never merged or reordered with
 * each other; the ordered variants add the barriers that order them against
 * normal memory (DMA buffers): a dsb st before a write (so a device started
 * by the write sees the buffer) and a dsb after a read (so the buffer is
 * read only after the status register said it is ready), as in Linux.
 * Included only through <contig/io.h>.
 */
#ifndef _ASM_ARM_IO_H
#define _ASM_ARM_IO_H

#include <contig/types.h>

#define __iowmb() __asm__ __volatile__("dsb st" ::: "memory")
#define __iormb() __asm__ __volatile__("dsb" ::: "memory")

static inline u8 readb_relaxed(const volatile void __iomem *a)
{
	u8 v;

	__asm__ __volatile__("ldrb %0, %1" : "=r"(v) : "Qo"(*(const volatile u8 *)a));
	return v;
}

static inline u16 readw_relaxed(const volatile void __iomem *a)
{
	u16 v;

	__asm__ __volatile__("ldrh %0, %1" : "=r"(v) : "Q"(*(const volatile u16 *)a));
	return v;
}

static inline u32 readl_relaxed(const volatile void __iomem *a)
{
	u32 v;

	__asm__ __volatile__("ldr %0, %1" : "=r"(v) : "Qo"(*(const volatile u32 *)a));
	return v;
}

static inline void writeb_relaxed(u8 v, volatile void __iomem *a)
{
	__asm__ __volatile__("strb %1, %0" : "+Qo"(*(volatile u8 *)a) : "r"(v));
}

static inline void writew_relaxed(u16 v, volatile void __iomem *a)
{
	__asm__ __volatile__("strh %1, %0" : "+Q"(*(volatile u16 *)a) : "r"(v));
}

static inline void writel_relaxed(u32 v, volatile void __iomem *a)
{
	__asm__ __volatile__("str %1, %0" : "+Qo"(*(volatile u32 *)a) : "r"(v));
}

static inline u8 readb(const volatile void __iomem *a) { u8 v = readb_relaxed(a); __iormb(); return v; }
static inline u16 readw(const volatile void __iomem *a) { u16 v = readw_relaxed(a); __iormb(); return v; }
static inline u32 readl(const volatile void __iomem *a) { u32 v = readl_relaxed(a); __iormb(); return v; }
static inline void writeb(u8 v, volatile void __iomem *a) { __iowmb(); writeb_relaxed(v, a); }
static inline void writew(u16 v, volatile void __iomem *a) { __iowmb(); writew_relaxed(v, a); }
static inline void writel(u32 v, volatile void __iomem *a) { __iowmb(); writel_relaxed(v, a); }

#endif /* _ASM_ARM_IO_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host register accessors. The host's devices are emulated (asm/host_emu.h):
 * ioremap() of an emulated device's window returns an address in the port's
 * MMIO area, and every accessor is an out-of-line call that hands the access
 * to the device model (arch/host/emu/emu.c). Any other address is a driver bug
 * and stops the kernel with a message. The ordered variants add a full
 * barrier, so DMA buffers written before a writel() are visible to a model
 * (another thread) that reads them when the write starts it, and a buffer
 * read after a readl() is read after the status it returned. The ordering
 * comes from the call itself: the model runs under the device's mutex, and
 * a model thread that touches the buffer takes the same mutex, so the
 * barrier only has to stop the compiler (and ThreadSanitizer sees the
 * happens-before through the mutex; it does not understand fences).
 */
#ifndef _ASM_HOST_IO_H
#define _ASM_HOST_IO_H

#include <contig/types.h>

#define __io_mb() __asm__ __volatile__("" ::: "memory")

u32 host_mmio_read(const volatile void __iomem *addr, unsigned int size);
void host_mmio_write(u32 val, volatile void __iomem *addr, unsigned int size);

static inline u8 readb_relaxed(const volatile void __iomem *a) { return (u8)host_mmio_read(a, 1); }
static inline u16 readw_relaxed(const volatile void __iomem *a) { return (u16)host_mmio_read(a, 2); }
static inline u32 readl_relaxed(const volatile void __iomem *a) { return host_mmio_read(a, 4); }
static inline void writeb_relaxed(u8 v, volatile void __iomem *a) { host_mmio_write(v, a, 1); }
static inline void writew_relaxed(u16 v, volatile void __iomem *a) { host_mmio_write(v, a, 2); }
static inline void writel_relaxed(u32 v, volatile void __iomem *a) { host_mmio_write(v, a, 4); }

static inline u8 readb(const volatile void __iomem *a) { u8 v = readb_relaxed(a); __io_mb(); return v; }
static inline u16 readw(const volatile void __iomem *a) { u16 v = readw_relaxed(a); __io_mb(); return v; }
static inline u32 readl(const volatile void __iomem *a) { u32 v = readl_relaxed(a); __io_mb(); return v; }
static inline void writeb(u8 v, volatile void __iomem *a) { __io_mb(); writeb_relaxed(v, a); }
static inline void writew(u16 v, volatile void __iomem *a) { __io_mb(); writew_relaxed(v, a); }
static inline void writel(u32 v, volatile void __iomem *a) { __io_mb(); writel_relaxed(v, a); }

#endif /* _ASM_HOST_IO_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Device register access. The port provides, in asm/io.h:
 *   readl/writel (ordered against normal memory accesses: a barrier is
 *   implied, as in Linux), readl_relaxed/writel_relaxed (no barrier), and
 *   the 8/16-bit variants readb/writeb/readw/writew;
 * and, as a function:
 *   ioremap(phys, size) - map device registers (Device memory type on ARM)
 *   and return their address, or NULL when the port has no such mapping
 *   (the host port maps only its emulated devices, asm/host_emu.h).
 * Drivers must check ioremap()'s result.
 */
#ifndef _CONTIG_IO_H
#define _CONTIG_IO_H

#include <contig/types.h>

#ifndef __iomem
#define __iomem
#endif

void __iomem *ioremap(phys_addr_t phys, size_t size);

#include <asm/io.h>

#endif /* _CONTIG_IO_H */

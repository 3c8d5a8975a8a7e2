/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The DMA layer's part of the shell (kernel/dma/dma_shell.c): the buffers
 * "cma alloc" carves and the shell keeps until "cma free". The device
 * model registers "cma alloc" (it finds devices by name) and calls this.
 */
#ifndef _CONTIG_DMA_SHELL_H
#define _CONTIG_DMA_SHELL_H

struct device;

int dma_shell_carve(struct device *dev, const char *name, const char *size_arg,
		    const char *type);

#endif /* _CONTIG_DMA_SHELL_H */

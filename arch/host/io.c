// SPDX-License-Identifier: GPL-2.0-only
/* The host has no device registers to map. */
#include <contig/io.h>

/**
 * ioremap - map device registers
 * Return: NULL always: the hosted port simulates RAM only, so drivers that
 * find their device in the board DTB must cope with not reaching it.
 */
void __iomem *ioremap(phys_addr_t phys, size_t size)
{
	(void)phys;
	(void)size;
	return NULL;
}

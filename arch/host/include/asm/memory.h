/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host linear map: simulated RAM is an mmap()ed arena, and a physical
 * address becomes a pointer by adding host_linear_offset (arena address
 * minus RAM base). The port makes sure the offset is never zero, so code
 * that confuses the two address spaces faults at once.
 */
#ifndef _ASM_HOST_MEMORY_H
#define _ASM_HOST_MEMORY_H

#include <contig/types.h>

extern uintptr_t host_linear_offset;
extern phys_addr_t host_ram_start, host_ram_end;

void host_bad_phys(phys_addr_t pa) __attribute__((noreturn));
void host_bad_virt(const void *va) __attribute__((noreturn));

static inline void *arch_phys_to_virt(phys_addr_t pa)
{
	if (__builtin_expect(pa < host_ram_start || pa >= host_ram_end, 0))
		host_bad_phys(pa);
	return (void *)(uintptr_t)(pa + host_linear_offset);
}

static inline phys_addr_t arch_virt_to_phys(const void *va)
{
	phys_addr_t pa = (phys_addr_t)((uintptr_t)va - host_linear_offset);

	if (__builtin_expect(pa < host_ram_start || pa >= host_ram_end, 0))
		host_bad_virt(va);
	return pa;
}

#endif /* _ASM_HOST_MEMORY_H */

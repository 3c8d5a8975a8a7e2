/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ARM port's virtual memory layout (32-bit, short-descriptor tables,
 * TTBR0 only; there is no user space). A 2G/2G split, so that the largest
 * vexpress-a9 RAM (1 GiB) fits in the linear map with room for ioremap():
 *
 *   0x00000000-0x000fffff  unmapped: NULL and small offsets from it fault
 *   VM_WINDOW_BASE ...     the movable-mapping window (arch_vm_*), 4 KiB
 *                          pages, twice the RAM pages (capped by the space
 *                          below KIMAGE_VADDR)
 *   KIMAGE_VADDR           the kernel image (linked here), 4 KiB pages onto
 *                          wherever the boot loader put it, so the load
 *                          address needs only 4 KiB alignment
 *   PAGE_OFFSET            the linear map of RAM (lowmem, at most
 *                          LINEAR_MAP_SIZE), 4 KiB pages once
 *                          arch_paging_init() has run
 *   IOREMAP_BASE           ioremap(): 1 MiB Device-memory sections, XN;
 *                          arch_memremap_wc(): normal non-cacheable ones
 *   FDT_FIXMAP_BASE        the DTB, read-only, before the linear map exists
 *
 * A physical address becomes a pointer by adding PAGE_OFFSET - arm_phys_offset
 * (RAM's lowest address). Conversions outside RAM are reported (exit 3).
 */
#ifndef _ASM_ARM_MEMORY_H
#define _ASM_ARM_MEMORY_H

#ifndef __ASSEMBLY__
#include <contig/types.h>
#endif

#define VM_WINDOW_BASE 0x01000000UL
#define KIMAGE_VADDR 0x7f000000UL
#define KIMAGE_MAX_SIZE 0x00800000UL /* 8 MiB: image + BSS */
#define PAGE_OFFSET 0x80000000UL
#define LINEAR_MAP_SIZE 0x60000000UL /* 1.5 GiB of lowmem */
#define IOREMAP_BASE 0xe0000000UL
#define IOREMAP_END 0xff000000UL
#define FDT_FIXMAP_BASE 0xff000000UL
#define FDT_FIXMAP_SIZE 0x00400000UL

#ifndef __ASSEMBLY__
extern phys_addr_t arm_phys_offset;
extern phys_addr_t arm_lowmem_end;

void arm_bad_phys(phys_addr_t pa) __attribute__((noreturn));
void arm_bad_virt(const void *va) __attribute__((noreturn));

static inline void *arch_phys_to_virt(phys_addr_t pa)
{
	if (__builtin_expect(pa < arm_phys_offset || pa >= arm_lowmem_end, 0))
		arm_bad_phys(pa);
	return (void *)(uintptr_t)(pa - arm_phys_offset + PAGE_OFFSET);
}

static inline phys_addr_t arch_virt_to_phys(const void *va)
{
	uintptr_t v = (uintptr_t)va;

	if (__builtin_expect(v < PAGE_OFFSET ||
			     v - PAGE_OFFSET >= arm_lowmem_end - arm_phys_offset, 0))
		arm_bad_virt(va);
	return (phys_addr_t)(v - PAGE_OFFSET) + arm_phys_offset;
}
#endif

#endif /* _ASM_ARM_MEMORY_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/* Private interfaces between the files of the ARM port. */
#ifndef _ARCH_ARM_INTERNAL_H
#define _ARCH_ARM_INTERNAL_H

#include <contig/types.h>
#include <asm/ptrace.h>

/* head.S, linker script */
extern char _text[], _etext[], _edata[], _end[], __bss_start[], __bss_end[];
extern char svc_stack_guard[], svc_stack[], exc_stacks_start[], exc_stacks_end[];
extern char vectors[];

/* mmu.c */
extern u32 swapper_pg_dir[];
extern unsigned long arm_pv_delta; /* phys = virt + delta, for the image */
struct arm_ram_bank {
	phys_addr_t base, size;
};
#define ARM_MAX_BANKS 8
void arm_remove_identity_map(void);
const void *arm_map_fdt(phys_addr_t dtb_phys);
int arm_map_lowmem_early(const struct arm_ram_bank *banks, int nr);
void arm_unmap_page_kimage(void *va);
bool arm_window_contains(unsigned long va, unsigned long *vpn);
unsigned long arm_window_pages(void);
void arm_mmu_describe(void);
u32 *arm_linear_pte(phys_addr_t pa);

static inline phys_addr_t kimage_phys(const void *va)
{
	return (phys_addr_t)((uintptr_t)va + arm_pv_delta);
}

/* cache/TLB maintenance */
static inline void dsb(void) { __asm__ __volatile__("dsb" ::: "memory"); }
static inline void isb(void) { __asm__ __volatile__("isb" ::: "memory"); }

static inline void clean_dcache_area(const void *p, size_t size)
{
	uintptr_t a = (uintptr_t)p & ~31UL, end = (uintptr_t)p + size;

	for (; a < end; a += 32)
		__asm__ __volatile__("mcr p15, 0, %0, c7, c10, 1" : : "r"(a) : "memory");
	__asm__ __volatile__("dsb ishst" ::: "memory");
}

static inline void flush_tlb_all(void)
{
	__asm__ __volatile__("dsb ishst\n\t"
			     "mcr p15, 0, %0, c8, c3, 0\n\t" /* TLBIALLIS */
			     "mcr p15, 0, %0, c7, c1, 6\n\t" /* BPIALLIS */
			     "dsb ish\n\t"
			     "isb" : : "r"(0) : "memory");
}

static inline void flush_tlb_page(unsigned long va)
{
	__asm__ __volatile__("dsb ishst\n\t"
			     "mcr p15, 0, %0, c8, c3, 1\n\t" /* TLBIMVAIS */
			     "dsb ish\n\t"
			     "isb" : : "r"(va & ~0xfffUL) : "memory");
}

/* setup.c */
extern bool arm_semihosting;
extern phys_addr_t arm_dtb_phys;

/* traps.c */
void arm_fault(struct pt_regs *regs, int kind);
void arm_fault_test(void);
void arm_emergency(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void arm_backtrace(u32 fp, u32 pc);

/* cpu.c */
__noreturn void arm_halt(void);
long arm_semihost_call(unsigned long op, void *arg);

#endif /* _ARCH_ARM_INTERNAL_H */

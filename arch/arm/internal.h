/* SPDX-License-Identifier: GPL-2.0-only */
/* Private interfaces between the files of the ARM port. */
#ifndef _ARCH_ARM_INTERNAL_H
#define _ARCH_ARM_INTERNAL_H

#include <contig/types.h>
#include <asm/pgtable.h>
#include <asm/ptrace.h>
#include <asm/smp.h>

/* head.S, linker script */
extern char _text[], _etext[], _edata[], _end[], __bss_start[], __bss_end[];
extern char arm_cpu_stacks[][CPU_STACKS_SIZE];
extern char vectors[], secondary_startup[];
void arm_flush_l1_dcache_all(void);

/* cache.c: whole-L1 maintenance (its rules are at the top of cache.c) */
size_t arm_l1_bytes(void);
bool arm_l1_flush_all_cpus(void);

/* What a secondary CPU reads with its MMU off (offsets: head.S SD_*). */
struct arm_secondary_data {
	u32 ttbr_idmap;   /* identity + kernel table, with walk attributes */
	u32 ttbr_swapper; /* the kernel's table */
	u32 cpu;          /* logical CPU number */
	u32 stacks;       /* virtual address of its arm_cpu_stacks[] block */
};
extern struct arm_secondary_data arm_secondary_data;
extern u32 arm_pen_release;

/* cpu.c, page.S: arch_copy_clear_pages() (page.S's comment has the rules) */
extern bool arm_copy_clear_d32; /* the fused loop; a test clears it for the fallback */
u32 arm_vfp_probe(void);
void arm_copy_clear_pages_d32(void *dst, void *src, size_t size);

/* mmu.c */
extern u32 swapper_pg_dir[];
extern u32 kimage_pte[][PTRS_PER_PTE];
extern unsigned long arm_pv_delta; /* phys = virt + delta, for the image */
struct arm_ram_bank {
	phys_addr_t base, size;
};
#define ARM_MAX_BANKS 8
void arm_remove_identity_map(void);
u32 arm_build_idmap(phys_addr_t entry);
u32 arm_ttbr_swapper(void);
void arm_clean_to_poc(const void *p, size_t size);
const void *arm_map_fdt(phys_addr_t dtb_phys);
void arm_fdt_set_writable(phys_addr_t dtb_phys, bool writable);
int arm_map_lowmem_early(const struct arm_ram_bank *banks, int nr);
void arm_unmap_page_kimage(void *va);
bool arm_window_contains(unsigned long va, unsigned long *vpn);
unsigned long arm_vm_migration_source(unsigned long vpn);
unsigned long arm_window_pages(void);
void arm_mmu_describe(void);
u32 *arm_linear_pte(phys_addr_t pa);
bool arm_mmu_probe_walk(u32 *mmfr3);
extern bool arm_pt_walk_coherent; /* descriptors need no clean (mmu.c's comment) */

static inline phys_addr_t kimage_phys(const void *va)
{
	return (phys_addr_t)((uintptr_t)va + arm_pv_delta);
}

/* cache/TLB maintenance */
static inline void dsb(void) { __asm__ __volatile__("dsb" ::: "memory"); }
static inline void isb(void) { __asm__ __volatile__("isb" ::: "memory"); }

/* D-cache maintenance by MVA to the point of coherency (cache.c has the rules). */
enum dcache_op {
	DCACHE_CLEAN, /* DCCMVAC */
	DCACHE_INV,   /* DCIMVAC */
	DCACHE_FLUSH, /* DCCIMVAC: clean+invalidate */
};

/* @op on the line holding @a; no barrier. */
static __always_inline void dcache_line_op(enum dcache_op op, uintptr_t a)
{
	if (op == DCACHE_CLEAN)
		__asm__ __volatile__("mcr p15, 0, %0, c7, c10, 1" : : "r"(a) : "memory");
	else if (op == DCACHE_INV)
		__asm__ __volatile__("mcr p15, 0, %0, c7, c6, 1" : : "r"(a) : "memory");
	else
		__asm__ __volatile__("mcr p15, 0, %0, c7, c14, 1" : : "r"(a) : "memory");
}

/* @op on every @line-byte line [@p, @p + @size) touches; no barrier. */
static __always_inline void dcache_range_op(enum dcache_op op, const void *p, size_t size,
					    unsigned long line)
{
	uintptr_t a = (uintptr_t)p & ~(line - 1), end = (uintptr_t)p + size;

	for (; a < end; a += line)
		dcache_line_op(op, a);
}

/* Clean page-table entries for the table walker (32-byte lines: the Cortex-A9's). */
static inline void clean_dcache_area(const void *p, size_t size)
{
	dcache_range_op(DCACHE_CLEAN, p, size, 32);
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
extern u32 arm_boot_mode;
int arm_bootargs_get(const void *fdt, const char *word, char *buf, size_t size);

/* traps.c */
void arm_fault(struct pt_regs *regs, int kind);
void arm_fault_test(void);
void arm_emergency(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void arm_backtrace(u32 fp, u32 pc);

/* cpu.c */
__noreturn void arm_halt(void);
long arm_semihost_call(unsigned long op, void *arg);
extern const struct console arm_semihost_console;

/* smp.c */
void arm_smp_init(const void *fdt);
bool arm_cpu_online(unsigned int cpu);
void arm_smp_stop_others(void);
const char *arm_stack_name(uintptr_t addr, unsigned int *cpu, bool *guard, unsigned long *size);
void arm_unmap_stack_guards(void);
bool arm_stack_contains(unsigned int cpu, uintptr_t addr);

#endif /* _ARCH_ARM_INTERNAL_H */

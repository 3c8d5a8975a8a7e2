/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The arch interface: everything portable code (mm/, lib/, init/, drivers/,
 * tests/) may ask of the port. Each port (arch/host, arch/arm) implements
 * every function here; a missing one is a link error, never a silent
 * fallback. Ports also provide, under arch/<arch>/include/asm/:
 *   asm/atomic.h   - arch_atomic_* and arch_smp_mb() (see contig/atomic.h)
 *   asm/spinlock.h - arch_spinlock_t, ARCH_SPIN_LOCK_UNLOCKED,
 *                    arch_spin_{lock_init,lock,trylock,unlock}
 *   asm/memory.h   - the linear map: arch_phys_to_virt(), arch_virt_to_phys()
 *   asm/cpu.h      - optionally, static inline versions of arch_cpu_id()
 *                    and arch_irqs_disabled(), each announced by defining
 *                    its name as a macro (#define arch_cpu_id arch_cpu_id);
 *                    those it does not define are declared here and
 *                    implemented out of line
 * Documentation/porting.rst is the full contract.
 */
#ifndef _CONTIG_ARCH_H
#define _CONTIG_ARCH_H

#include <contig/types.h>
#include <contig/compiler.h>
#include <asm/cpu.h>

/* ---- Boot ---------------------------------------------------------- */

/* What the port hands to start_kernel(). All addresses are physical. */
struct boot_params {
	const void *fdt;          /* the flattened device tree, mapped */
	phys_addr_t fdt_phys;     /* where the DTB lies in RAM */
	phys_addr_t kernel_start; /* extent of the kernel image in RAM */
	phys_addr_t kernel_end;
	const char *arch_name;    /* "host", "arm", for the banner */
};

/* Portable boot path (init/main.c). Never returns: ends in arch_poweroff(). */
__noreturn void start_kernel(const struct boot_params *bp);

/*
 * Called by start_kernel() once memblock knows RAM and every reservation,
 * before the memmap is built: the port builds its kernel page tables (ARM)
 * or checks its window (host).
 */
void arch_paging_init(void);

/* ---- Console, clock, power ------------------------------------------ */

void arch_console_write(const char *buf, size_t len);
/* Next console input byte, ARCH_CONSOLE_NONE when none is pending yet, or
 * ARCH_CONSOLE_EOF when input has ended. Never blocks. */
#define ARCH_CONSOLE_NONE (-1)
#define ARCH_CONSOLE_EOF (-2)
int arch_console_getc(void);

/* Monotonic time since boot, in nanoseconds. */
u64 arch_clock_ns(void);

/* Stop the machine; @status 0 means success (QEMU/host exit status). */
__noreturn void arch_poweroff(int status);

/* Print a backtrace of the calling CPU, if the port can. */
void arch_dump_stack(void);

/* ---- CPUs and interrupts ------------------------------------------- */

/* Index of the calling CPU, 0 .. CONFIG_NR_CPUS-1 (may be inline: asm/cpu.h). */
#ifndef arch_cpu_id
unsigned int arch_cpu_id(void);
#endif
/* How many CPUs arch_smp_run() can use (at least 1). */
unsigned int arch_nr_cpus(void);
/* Pause inside a spin loop (may yield to another CPU on the host). */
void arch_cpu_relax(void);

/*
 * arch_smp_run - run @fn(index, @arg) on @nr CPUs at once and wait for all
 * @nr is capped at arch_nr_cpus(). The caller runs index 0 itself; indexes
 * 1..n-1 run on other CPUs, each with its own arch_cpu_id().
 * Return: how many CPUs ran @fn.
 */
unsigned int arch_smp_run(unsigned int nr, void (*fn)(unsigned int cpu, void *arg),
			  void *arg);

unsigned long arch_irq_save(void);
void arch_irq_restore(unsigned long flags);
/* True when interrupts are masked on the calling CPU (always false on a
 * port without interrupts). May be inline (asm/cpu.h). */
#ifndef arch_irqs_disabled
bool arch_irqs_disabled(void);
#endif

/*
 * arch_send_call_ipi - interrupt CPU @cpu so that it runs
 * smp_call_function_interrupt() (lib/smp.c) in interrupt context
 * Return: true when the interrupt is on its way; false when the port
 * cannot interrupt that CPU (it is not running, or the port has no
 * inter-processor interrupts) - then that CPU never runs the calls, and
 * the caller does the work another way.
 */
bool arch_send_call_ipi(unsigned int cpu);

/* ---- Page contents ------------------------------------------------ */
/*
 * The kernel's page zeroing and copying (Linux's clear_page()/copy_page()):
 * what a coherent buffer's zeroing and a migration's copy cost. A port
 * gives its fastest routine for whole pages here (ARM: VFP vstm/vldm of 16
 * doubleword registers, 128 bytes per instruction); memset()/memcpy() stay
 * the C library's. Addresses are kernel addresses of RAM (the linear map),
 * page-aligned; @size is a multiple of PAGE_SIZE. Any CPU, any context
 * that may use the FPU registers (not the port's exception entry).
 */
void arch_zero_pages(void *va, size_t size);
/*
 * Copy @size bytes (whole pages) from @src to @dst; the ranges do not
 * overlap. arch_copy_page() (contig/mm.h) copies one page with it.
 */
void arch_copy_pages(void *dst, const void *src, size_t size);
/**
 * arch_copy_clear_pages - copy pages and leave the source zeroed
 * @dst: where the bytes go
 * @src: where they come from; all zero when the call returns
 * @size: bytes, whole pages
 *
 * arch_copy_pages(@dst, @src, @size) followed by arch_zero_pages(@src,
 * @size), fused into one pass where the port can (ARM with 32 doubleword
 * VFP registers: each 128-byte block is loaded once and written twice, to
 * @dst and zeroes to @src). Migration calls it when the source frames join
 * a buffer that must come back zeroed. The ranges do not overlap; the
 * address and size rules are arch_copy_pages()'s (page-aligned, whole
 * pages: asserted). Not from an interrupt handler (ARM: the IRQ entry does
 * not save the registers it uses; asserted too).
 */
void arch_copy_clear_pages(void *dst, void *src, size_t size);

/* ---- Movable-mapping window ---------------------------------------- */
/*
 * Movable pages are reached by the CPU through a window of virtual pages
 * that the port's page table translates: a software table on the host, the
 * MMU's second-level tables on ARM. The mm core owns which window page maps
 * which frame; migration rewrites the entry. Window pages are numbered from
 * 0 (the "vpn").
 *
 * While migration copies a page, its entry is a migration entry: every
 * access through the page faults, and the port's fault path calls
 * vm_window_fault() (mm/migrate.c, contig/migrate.h), which waits until the
 * new frame is mapped; the access is then retried. On a port whose MMU
 * translates every access (CONFIG_ARCH_HAS_VM_MMU: ARM) that holds for
 * plain loads and stores; the host translates in arch_vm_addr() only.
 */
#define ARCH_VM_NO_PFN (~0UL)
/* arch_vm_lookup() of a window page that holds a migration entry. */
#define ARCH_VM_MIGRATION (~1UL)

unsigned long arch_vm_window_pages(void);
/* Install vpn -> pfn; the entry must be empty or a migration entry. */
void arch_vm_map(unsigned long vpn, unsigned long pfn);
/*
 * arch_vm_map() for @nr window pages and as many consecutive frames
 * (@pfn + i at @vpns[i]), with the barriers once for all of them.
 */
void arch_vm_map_frames(const unsigned long *vpns, unsigned long pfn, unsigned int nr);
/* Empty the entry and invalidate its TLB entry on every CPU. */
void arch_vm_unmap(unsigned long vpn);
/*
 * Replace the mapping of @vpn by a migration entry and invalidate its TLB
 * entry on every CPU; when it returns, no CPU can reach the old frame
 * through the window any more, and every access that did is complete.
 */
void arch_vm_set_migration(unsigned long vpn);
/*
 * The same for @nr window pages at once, with one TLB invalidation for all
 * of them: one broadcast instead of @nr (ARM: TLBIALLIS).
 */
void arch_vm_set_migration_batch(const unsigned long *vpns, unsigned int nr);
/* The frame mapped at @vpn, ARCH_VM_MIGRATION, or ARCH_VM_NO_PFN. */
unsigned long arch_vm_lookup(unsigned long vpn);
/* CPU address of window page @vpn. Accessing it while the entry is empty
 * faults (the port reports it, naming the vpn); while it holds a migration
 * entry the access waits in vm_window_fault() and then goes on. */
void *arch_vm_addr(unsigned long vpn);

/* ---- Caches and the linear map, for DMA ------------------------------- */
/*
 * L1 data cache maintenance by virtual address (the linear map or any other
 * kernel mapping of RAM), to the point of coherency. The outer cache is
 * maintained separately, by physical address (contig/outer_cache.h); the
 * DMA core orders the two as Linux does. Each call returns when the
 * maintenance is complete (dsb). The host has no cache: it counts each call
 * (asm/host.h) so tests can check what the DMA core asked for.
 */
/* Write dirty lines of [@start, @start + @size) back to memory. */
void arch_dcache_clean_range(const void *start, size_t size);
/* Discard the lines of the range; partial lines at either end are cleaned
 * and invalidated instead, so data sharing them is never lost. */
void arch_dcache_inv_range(const void *start, size_t size);
/* Clean, then invalidate, the lines of the range. */
void arch_dcache_flush_range(const void *start, size_t size);

/*
 * The attributes of a RAM page's linear-map alias. A coherent DMA buffer
 * must not keep a cacheable alias (a speculative fill or an eviction could
 * overwrite what the device wrote), so the DMA core switches its pages to
 * non-cacheable, or unmaps them, and back when the buffer is freed.
 */
enum arch_linear_attr {
	ARCH_LINEAR_CACHED,	/* normal write-back (the default) */
	ARCH_LINEAR_NONCACHED,	/* normal non-cacheable (ARMv7 has no separate WC) */
	ARCH_LINEAR_UNMAPPED,	/* no alias: an access faults */
};

/*
 * arch_linear_set_attr - change the linear map of [@start, @start + @size)
 * Page-aligned RAM inside the linear map. Does the cache maintenance each
 * page's transition needs (a cacheable alias is cleaned+invalidated in L1
 * and the outer cache before it goes; a non-cacheable or missing alias is
 * invalidated before it becomes cacheable, dropping lines a speculative
 * fill may have left) and the TLB maintenance, on every CPU.
 * The caller owns the pages: calls on disjoint ranges may run at once.
 * Return: 0, or -EINVAL for a range that is not page-aligned RAM in the
 * linear map (nothing changes then).
 */
int arch_linear_set_attr(phys_addr_t start, size_t size, enum arch_linear_attr attr);
/* The attribute of the page holding @pa, or -EINVAL outside the linear map. */
int arch_linear_get_attr(phys_addr_t pa);

/*
 * arch_memremap_wc - map memory that is not RAM for the CPU
 * A board's SRAM or video RAM that a no-map reserved region describes
 * (a coherent pool outside RAM, kernel/dma/coherent.c), as normal
 * non-cacheable memory (Linux's memremap(MEMREMAP_WC) of such a pool),
 * execute-never. @phys and @size are page-aligned; the range must not
 * touch RAM. Mappings are never removed; the same range twice gives the
 * same address.
 * Return: the virtual address of @phys, or NULL (bad range, no room).
 */
void *arch_memremap_wc(phys_addr_t phys, size_t size);

/* True when @va is an address of the linear map (so __pa() may take it). */
bool arch_virt_addr_valid(const void *va);

#endif /* _CONTIG_ARCH_H */

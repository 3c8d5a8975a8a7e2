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
 * Documentation/porting.rst is the full contract.
 */
#ifndef _CONTIG_ARCH_H
#define _CONTIG_ARCH_H

#include <contig/types.h>
#include <contig/compiler.h>

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

/* Index of the calling CPU, 0 .. CONFIG_NR_CPUS-1. */
unsigned int arch_cpu_id(void);
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
 * port without interrupts). */
bool arch_irqs_disabled(void);

/*
 * arch_send_call_ipi - interrupt CPU @cpu so that it runs
 * smp_call_function_interrupt() (lib/smp.c) in interrupt context
 * Return: true when the interrupt is on its way; false when the port
 * cannot interrupt that CPU (it is not running, or the port has no
 * inter-processor interrupts) - then that CPU never runs the calls, and
 * the caller does the work another way.
 */
bool arch_send_call_ipi(unsigned int cpu);

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

#endif /* _CONTIG_ARCH_H */

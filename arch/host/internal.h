/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * State shared between the files of the hosted port (the .c files of arch/host only).
 * Everything here is set up by main() before start_kernel() runs and is
 * read-only afterwards, unless a comment says otherwise.
 */
#ifndef _ARCH_HOST_INTERNAL_H
#define _ARCH_HOST_INTERNAL_H

#include <contig/types.h>

/* Simulated RAM: [host_ram_start, host_ram_end) lives at host_arena. */
extern void *host_arena;
extern size_t host_arena_size;

/* Number of CPUs arch_smp_run() may use (from --cpus). */
extern unsigned int host_nr_cpus;

/* Monotonic time at boot, ns (os_monotonic_ns()). */
extern u64 host_boot_ns;

/* The movable-mapping window's software page table (vm.c). */
void host_vm_init(void);
bool host_vm_table_contains(uintptr_t addr);

/* The linear map's shadow attributes (dma.c), from arch_paging_init(). */
void host_linear_init(void);

/* Fault handling (fault.c): install SIGSEGV/SIGBUS handlers on this thread. */
void host_fault_init(void);
/* Give the calling thread an alternate signal stack for @cpu. */
void host_fault_thread_init(unsigned int cpu);
void host_fault_thread_exit(void);

/* Device emulation (emu/emu.c) and the emulated interrupt controller (irq.c). */
void host_emu_init(void);
int host_emu_probe_dt(const void *fdt);
bool host_emu_area_contains(uintptr_t addr);
const char *host_emu_slot_name(uintptr_t addr);
void host_irq_init(void);
void host_irq_thread_init(void);
void host_irq_window(void);

/* Emulated virtio block devices (emu/virtio_blk.c): --drive, DT nodes. */
int host_virtio_add_drive(const char *spec);
int host_virtio_add_nodes(void *fdt);

/* --screendump (screendump.c): the file, and writing it at power-off. */
void host_screendump_setup(const char *file);
int host_screendump(void);

/* Simulated device memory (dma.c, arch_memremap_wc()): its host address. */
void *host_devmem_ptr(phys_addr_t phys, size_t len);

/* Write a formatted line to the console, bypassing printk (crash paths). */
void host_emergency(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Backtrace, then exit(3): the host's equivalent of an oops. */
void host_die(void) __attribute__((noreturn));

#endif /* _ARCH_HOST_INTERNAL_H */

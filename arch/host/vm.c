// SPDX-License-Identifier: GPL-2.0-only
/*
 * The movable-mapping window on the host: a software page table.
 *
 * The table is an array of page frame numbers, one entry per window page
 * (vpn), ARCH_VM_NO_PFN when empty. It is the port's MMU, not kernel
 * memory, so it is mmap()ed outside simulated RAM at startup. The window has
 * twice as many pages as RAM, so every frame can be mapped while the mm core
 * still has spare window pages to map migration targets.
 *
 * Entries are read with acquire and written with release atomics: a CPU that
 * sees a new pfn also sees the page contents copied before the store (this
 * is what migration relies on, and what ThreadSanitizer checks).
 *
 * arch_vm_addr() translates through the table and returns the linear-map
 * address of the frame; there is no other way portable code reaches a
 * movable page, so a stale or missing entry shows up immediately as a "vm
 * fault" instead of silently reading the wrong frame. An entry that holds
 * ARCH_VM_MIGRATION (arch_vm_set_migration()) is the host's migration
 * entry: arch_vm_addr() calls vm_window_fault() (mm/migrate.c), which
 * waits for the new frame, and translates again - the same mm function
 * the ARM data abort handler calls. The host has no TLB; arch_vm_unmap()
 * and arch_vm_set_migration() count the invalidations a real MMU would do.
 */
#define pr_fmt(fmt) "host: " fmt

#include <contig/arch.h>
#include <contig/kernel.h>
#include <contig/migrate.h>
#include <contig/mm.h>
#include <contig/printk.h>
#include <contig/string.h>
#include <asm/host.h>
#include <asm/memory.h>

#include "internal.h"
#include "os/host_os.h"

static unsigned long *vm_table;
static unsigned long vm_pages;
static size_t vm_table_bytes;
static unsigned long vm_flushes;

void host_vm_init(void)
{
	unsigned long ram_pages = (unsigned long)((host_ram_end - host_ram_start) >> PAGE_SHIFT);
	void *p;

	vm_pages = 2 * ram_pages;
	vm_table_bytes = ALIGN(vm_pages * sizeof(*vm_table), (size_t)SZ_4K);
	p = os_map(NULL, vm_table_bytes, OS_MAP_RW, NULL);
	if (!p) {
		host_emergency("contig: cannot allocate the vm window page table "
			       "(%zu bytes); use a DTB with less RAM\n", vm_table_bytes);
		host_die();
	}
	vm_table = p;
	/* ARCH_VM_NO_PFN is all-ones. */
	BUILD_BUG_ON(ARCH_VM_NO_PFN != ~0UL);
	memset(vm_table, 0xff, vm_pages * sizeof(*vm_table));
}

bool host_vm_table_contains(uintptr_t addr)
{
	uintptr_t base = (uintptr_t)vm_table;

	return vm_table && addr >= base && addr < base + vm_table_bytes;
}

/**
 * arch_vm_window_pages - size of the movable-mapping window
 *
 * Return: the number of window pages, twice the number of RAM pages.
 */
unsigned long arch_vm_window_pages(void)
{
	return vm_pages;
}

static inline bool pfn_in_ram(unsigned long pfn)
{
	return pfn >= PHYS_PFN(host_ram_start) && pfn < PHYS_PFN(host_ram_end);
}

/**
 * arch_vm_map - install window page @vpn -> frame @pfn
 * @vpn: window page, below arch_vm_window_pages()
 * @pfn: a RAM frame
 *
 * The entry must be empty; mapping over a live entry is an mm bug and
 * panics naming the vpn and both frames.
 */
void arch_vm_map(unsigned long vpn, unsigned long pfn)
{
	unsigned long old = ARCH_VM_NO_PFN;

	ASSERT_MSG(vpn < vm_pages, "vpn %lu window pages %lu", vpn, vm_pages);
	ASSERT_MSG(pfn_in_ram(pfn), "vpn %lu pfn %#lx outside RAM pfns %#lx-%#lx", vpn,
		   pfn, PHYS_PFN(host_ram_start), PHYS_PFN(host_ram_end));
	if (__atomic_compare_exchange_n(&vm_table[vpn], &old, pfn, false,
					__ATOMIC_RELEASE, __ATOMIC_RELAXED))
		return;
	/* Not empty: a migration entry is replaced by the new frame. */
	if (old == ARCH_VM_MIGRATION &&
	    __atomic_compare_exchange_n(&vm_table[vpn], &old, pfn, false, __ATOMIC_RELEASE,
					__ATOMIC_RELAXED))
		return;
	ASSERT_MSG(old == ARCH_VM_NO_PFN, "vpn %lu already maps pfn %#lx, cannot map pfn %#lx",
		   vpn, old, pfn);
}

/**
 * arch_vm_map_frames - arch_vm_map() for @nr window pages and as many consecutive frames
 * @vpns: the window pages, each empty or holding a migration entry
 * @pfn: the first frame: @vpns[i] maps @pfn + i
 * @nr: how many
 */
void arch_vm_map_frames(const unsigned long *vpns, unsigned long pfn, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		arch_vm_map(vpns[i], pfn + i);
}

/**
 * arch_vm_unmap - empty window page @vpn
 * @vpn: window page, below arch_vm_window_pages()
 *
 * After this returns, arch_vm_addr(@vpn) faults on every CPU. The host has
 * no TLB to invalidate; the invalidation is counted (host_vm_flush_count()).
 */
void arch_vm_unmap(unsigned long vpn)
{
	ASSERT_MSG(vpn < vm_pages, "vpn %lu window pages %lu", vpn, vm_pages);
	__atomic_store_n(&vm_table[vpn], ARCH_VM_NO_PFN, __ATOMIC_RELEASE);
	__atomic_add_fetch(&vm_flushes, 1, __ATOMIC_RELAXED);
}

/**
 * arch_vm_set_migration - turn window page @vpn's mapping into a migration entry
 * @vpn: window page, mapped
 *
 * From now on arch_vm_addr(@vpn) waits until arch_vm_map() installs the
 * new frame. The entry must map a frame.
 */
void arch_vm_set_migration(unsigned long vpn)
{
	arch_vm_set_migration_batch(&vpn, 1);
}

/**
 * arch_vm_set_migration_batch - migration entries for @nr window pages
 * @vpns: the window pages, each mapped
 * @nr: how many
 *
 * Counted as one TLB invalidation, as a real MMU would do one broadcast.
 */
void arch_vm_set_migration_batch(const unsigned long *vpns, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		unsigned long vpn = vpns[i], old;

		ASSERT_MSG(vpn < vm_pages, "vpn %lu window pages %lu", vpn, vm_pages);
		old = __atomic_exchange_n(&vm_table[vpn], ARCH_VM_MIGRATION, __ATOMIC_ACQ_REL);
		ASSERT_MSG(old != ARCH_VM_NO_PFN && old != ARCH_VM_MIGRATION,
			   "vpn %lu: no mapping to migrate (entry %#lx)", vpn, old);
	}
	if (nr)
		__atomic_add_fetch(&vm_flushes, 1, __ATOMIC_RELAXED);
}

/**
 * arch_vm_lookup - the frame window page @vpn maps
 * @vpn: window page, below arch_vm_window_pages()
 *
 * Return: the pfn, ARCH_VM_MIGRATION, or ARCH_VM_NO_PFN when the entry is
 * empty.
 */
unsigned long arch_vm_lookup(unsigned long vpn)
{
	ASSERT_MSG(vpn < vm_pages, "vpn %lu window pages %lu", vpn, vm_pages);
	return __atomic_load_n(&vm_table[vpn], __ATOMIC_ACQUIRE);
}

/**
 * arch_vm_addr - CPU address of window page @vpn
 * @vpn: window page
 *
 * Translates through the software page table. A migration entry waits in
 * vm_window_fault() until the page has moved, then translates again. An
 * empty entry (or a vpn outside the window) is a page fault: the port
 * prints the vpn, a backtrace and stops with exit status 3.
 *
 * Return: the address of the mapped frame's first byte.
 */
void *arch_vm_addr(unsigned long vpn)
{
	unsigned long pfn;

	if (unlikely(vpn >= vm_pages)) {
		host_emergency("host: vm fault at window page %lu (outside the window "
			       "of %lu pages) on cpu %u\n", vpn, vm_pages, arch_cpu_id());
		host_die();
	}
	pfn = __atomic_load_n(&vm_table[vpn], __ATOMIC_ACQUIRE);
	while (unlikely(pfn == ARCH_VM_MIGRATION)) {
		vm_window_fault(vpn);
		pfn = __atomic_load_n(&vm_table[vpn], __ATOMIC_ACQUIRE);
	}
	if (unlikely(pfn == ARCH_VM_NO_PFN)) {
		host_emergency("host: vm fault at window page %lu (unmapped) on cpu %u\n",
			       vpn, arch_cpu_id());
		host_die();
	}
	return arch_phys_to_virt(PFN_PHYS(pfn));
}

/**
 * host_vm_flush_count - how many window TLB invalidations the port did
 *
 * Return: the number of arch_vm_unmap() calls since boot.
 */
unsigned long host_vm_flush_count(void)
{
	return __atomic_load_n(&vm_flushes, __ATOMIC_RELAXED);
}

/**
 * arch_paging_init - check the window covers RAM and describe the arena
 *
 * The host has no kernel page tables to build: the linear map is the arena
 * mmap()ed by main(). This checks the window can map every RAM frame and
 * prints one line about the arena.
 */
void arch_paging_init(void)
{
	unsigned long ram_pages = (unsigned long)((host_ram_end - host_ram_start) >> PAGE_SHIFT);

	ASSERT_MSG(vm_table && vm_pages >= ram_pages, "window pages %lu RAM pages %lu",
		   vm_pages, ram_pages);
	host_linear_init();
	ASSERT_MSG(host_linear_offset != 0, "arena %p RAM base %#llx", host_arena,
		   (unsigned long long)host_ram_start);
	pr_info("RAM %#llx-%#llx is an arena at %p (linear offset %#lx); "
		"vm window %lu pages (%lu MiB), software page table\n",
		(unsigned long long)host_ram_start, (unsigned long long)host_ram_end - 1,
		host_arena, (unsigned long)host_linear_offset, vm_pages,
		(unsigned long)((vm_pages << PAGE_SHIFT) >> 20));
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host crash handling and power-off.
 *
 * A SIGSEGV/SIGBUS is the host's page fault. The handler runs on an
 * alternate signal stack (so kernel stack overflows are reported too), says
 * where the faulting address lies - in the RAM arena, in the window's page
 * table, or in the simulated physical address range, which means a physical
 * address was used as a pointer - prints a backtrace and exits with status 3.
 * host_bad_phys()/host_bad_virt() (called by the linear-map helpers in
 * asm/memory.h) report the reverse mix-ups the same way.
 *
 * Output goes through write(2) only; nothing here allocates. The signals
 * themselves are os/signal.c's.
 */
#include <contig/arch.h>
#include <contig/kernel.h>
#include <contig/printk.h>
#include <asm/memory.h>

#include "internal.h"
#include "os/host_os.h"

#define ALTSTACK_SIZE (64 * 1024)

static char altstacks[CONFIG_NR_CPUS][ALTSTACK_SIZE] __aligned(16);

void host_emergency(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	arch_console_write(buf, min((size_t)n, sizeof(buf) - 1));
}

/**
 * arch_dump_stack - print a backtrace of the calling CPU
 *
 * Uses glibc's backtrace() (os_backtrace()); function names appear when
 * the binary is linked with -rdynamic, otherwise addresses (resolve with
 * addr2line).
 */
void arch_dump_stack(void)
{
	host_emergency("Call trace (cpu %u):\n", arch_cpu_id());
	os_backtrace();
}

void host_die(void)
{
	arch_dump_stack();
	os_exit_now(3);
}

static int powering_off;

/**
 * arch_poweroff - stop the machine
 * @status: the process exit status (0 for success)
 *
 * May be called on any CPU. exit() is not safe to run on two threads at
 * once, so a CPU that arrives while another is already powering off just
 * waits for the process to end.
 */
void arch_poweroff(int status)
{
	if (__atomic_exchange_n(&powering_off, 1, __ATOMIC_ACQ_REL))
		os_wait_forever();
	if (host_screendump() && !status)
		status = 4; /* a picture was asked for and not written */
	os_exit(status);
}

static bool in_arena(uintptr_t a)
{
	uintptr_t base = (uintptr_t)host_arena;

	return host_arena && a >= base && a - base < host_arena_size;
}

static bool looks_physical(u64 a)
{
	return a >= host_ram_start && a < host_ram_end;
}

static void explain_address(uintptr_t a)
{
	if (in_arena(a))
		host_emergency("host: %#lx is in the RAM arena (physical %#llx)\n",
			       (unsigned long)a,
			       (unsigned long long)(a - host_linear_offset));
	else if (host_emu_area_contains(a))
		host_emergency("host: %#lx is a register of emulated device %s: device "
			       "registers are reached with readl()/writel(), never "
			       "with plain loads and stores\n", (unsigned long)a,
			       host_emu_slot_name(a));
	else if (host_vm_table_contains(a))
		host_emergency("host: %#lx is in the vm window's page table\n",
			       (unsigned long)a);
	else if (looks_physical(a))
		host_emergency("host: %#lx looks like a physical address (RAM is "
			       "%#llx-%#llx): a physical address was used as a "
			       "pointer; convert it with __va()\n", (unsigned long)a,
			       (unsigned long long)host_ram_start,
			       (unsigned long long)host_ram_end - 1);
	else
		host_emergency("host: %#lx is neither in the RAM arena (%p, %zu bytes) "
			       "nor a physical RAM address%s\n", (unsigned long)a,
			       host_arena, host_arena_size,
			       a < 0x10000 ? " (NULL pointer dereference?)" : "");
}

static void fault_handler(enum os_fault kind, uintptr_t a)
{
	host_emergency("host: %s at address %#lx on cpu %u\n",
		       kind == OS_FAULT_BUS ? "bus error" : "segmentation fault",
		       (unsigned long)a, arch_cpu_id());
	explain_address(a);
	host_die();
}

void host_fault_thread_init(unsigned int cpu)
{
	os_fault_stack(altstacks[cpu], ALTSTACK_SIZE);
}

void host_fault_thread_exit(void)
{
	os_fault_stack(NULL, 0);
}

void host_fault_init(void)
{
	/* backtrace() loads libgcc on first use; do it now, not in a handler. */
	os_backtrace_init();
	host_fault_thread_init(0);
	/* Also: a closed stdout drops console output instead of killing us. */
	os_fault_handler_install(fault_handler);
}

/**
 * host_bad_phys - report a physical address outside RAM and stop
 * @pa: the address given to arch_phys_to_virt()
 */
void host_bad_phys(phys_addr_t pa)
{
	host_emergency("host: bad physical address %#llx: RAM is %#llx-%#llx\n",
		       (unsigned long long)pa, (unsigned long long)host_ram_start,
		       (unsigned long long)host_ram_end - 1);
	if (in_arena((uintptr_t)pa))
		host_emergency("host: %#llx is a pointer into the RAM arena (physical "
			       "%#llx): a virtual address was used as a physical one; "
			       "convert it with __pa()\n", (unsigned long long)pa,
			       (unsigned long long)((uintptr_t)pa - host_linear_offset));
	host_die();
}

/**
 * host_bad_virt - report a pointer outside the RAM arena and stop
 * @va: the address given to arch_virt_to_phys()
 */
void host_bad_virt(const void *va)
{
	host_emergency("host: bad virtual address %p: the RAM arena is %p-%p\n", va,
		       host_arena, (char *)host_arena + host_arena_size - 1);
	if (looks_physical((uintptr_t)va))
		host_emergency("host: %p looks like a physical address: it was "
			       "converted twice, or never with __va()\n", va);
	host_die();
}

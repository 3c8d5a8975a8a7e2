// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fatal exceptions, backtraces and bad address conversions on ARM.
 *
 * arm_fault() is called by the exception entry (entry.S) with the saved
 * registers. It prints the exception, the mode it interrupted, every
 * register, for aborts the fault address and the decoded fault status
 * (DFAR/DFSR or IFAR/IFSR), what the address is (a window page - naming
 * the vpn -, the SVC stack guard page, NULL, the linear map, a physical
 * RAM address used as a pointer...), and a backtrace by walking the APCS
 * frame-pointer chain (the kernel is built with -mapcs-frame), then powers
 * off with status 3, the host port's status for a fault. Output goes
 * straight to the console without locks: the CPU may have faulted while
 * holding printk's.
 *
 * The boot parameter fault_test=dabt|undef|pabt|null|stack makes
 * arch_paging_init() commit that fault on purpose, to test this path.
 *
 * Two data aborts are not fatal: one on a probe instruction (asm/probe.h),
 * and a translation fault on a window page that holds a migration entry:
 * vm_window_fault() (mm/migrate.c) waits until migration has mapped the
 * new frame and the access is retried (the entry code returns to the
 * faulting instruction). The wait runs on the abort stack with interrupts
 * masked, while another CPU copies the page: up to a whole migration
 * batch's copies (CONFIG_MIGRATE_BATCH pages), as the batch's entries are
 * all made before its first copy.
 */
#define pr_fmt(fmt) "arm: " fmt

#include <contig/arch.h>
#include <contig/console.h>
#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/migrate.h>
#include <contig/mm.h>
#include <contig/params.h>
#include <contig/printk.h>
#include <contig/string.h>
#include <asm/memory.h>
#include <asm/probe.h>
#include <asm/ptrace.h>

#include "internal.h"

#define EXIT_FAULT 3
#define MAX_FRAMES 32
#define FSR_TRANSLATION_PAGE 0x7 /* FS[4] (bit 10) and FS[3:0] */

extern char arm_probe_read_insn[], arm_probe_write_insn[], arm_probe_fixup[];
struct arm_probe_fault arm_probe_last_fault;

void arm_emergency(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		console_write(buf, min((size_t)n, sizeof(buf) - 1));
}

static const char *const exc_names[] = {
	[EXC_RESET] = "reset/reserved vector",
	[EXC_UNDEF] = "undefined instruction",
	[EXC_SVC] = "unexpected SVC",
	[EXC_PABT] = "prefetch abort",
	[EXC_DABT] = "data abort",
	[EXC_IRQ] = "IRQ",
	[EXC_FIQ] = "unexpected FIQ",
};

static const char *mode_name(u32 cpsr)
{
	switch (cpsr & MODE_MASK) {
	case MODE_USR: return "USR";
	case MODE_FIQ: return "FIQ";
	case MODE_IRQ: return "IRQ";
	case MODE_SVC: return "SVC";
	case MODE_MON: return "MON";
	case MODE_ABT: return "ABT";
	case MODE_HYP: return "HYP";
	case MODE_UND: return "UND";
	case MODE_SYS: return "SYS";
	default: return "???";
	}
}

/**
 * arm_fsr_string - describe a short-descriptor fault status
 * @fsr: DFSR or IFSR
 *
 * Return: e.g. "translation fault, page".
 */
const char *arm_fsr_string(u32 fsr)
{
	switch (((fsr >> 6) & 0x10) | (fsr & 0xf)) {
	case 0x01: return "alignment fault";
	case 0x02: return "debug event";
	case 0x03: return "access flag fault, section";
	case 0x04: return "fault on instruction cache maintenance";
	case 0x05: return "translation fault, section";
	case 0x06: return "access flag fault, page";
	case 0x07: return "translation fault, page";
	case 0x08: return "synchronous external abort";
	case 0x09: return "domain fault, section";
	case 0x0b: return "domain fault, page";
	case 0x0c: return "external abort on translation table walk, first level";
	case 0x0d: return "permission fault, section";
	case 0x0e: return "external abort on translation table walk, second level";
	case 0x0f: return "permission fault, page";
	case 0x10: return "TLB conflict abort";
	case 0x16: return "asynchronous external abort";
	case 0x18: return "asynchronous parity error on memory access";
	case 0x19: return "synchronous parity error on memory access";
	case 0x1c: return "parity error on translation table walk, first level";
	case 0x1e: return "parity error on translation table walk, second level";
	default: return "unknown fault status";
	}
}

/* What is at virtual address @a? */
static void explain_address(u32 a)
{
	unsigned long vpn, size;
	unsigned int cpu;
	const char *stack;
	bool guard;

	if (arm_window_contains(a, &vpn)) {
		unsigned long pfn = arch_vm_lookup(vpn);

		if (pfn == ARCH_VM_NO_PFN)
			arm_emergency("arm: %#x is in the vm window: window page %lu (unmapped)\n",
				      a, vpn);
		else if (pfn == ARCH_VM_MIGRATION)
			arm_emergency("arm: %#x is in the vm window: window page %lu (migration "
				      "entry, from pfn %#lx)\n", a, vpn, arm_vm_migration_source(vpn));
		else
			arm_emergency("arm: %#x is in the vm window: window page %lu (maps pfn "
				      "%#lx)\n", a, vpn, pfn);
	} else if ((stack = arm_stack_name(a, &cpu, &guard, &size)) != NULL) {
		if (guard)
			arm_emergency("arm: %#x is the guard page of cpu %u's %s stack: stack "
				      "overflow (the stack is %lu KiB)\n", a, cpu, stack, size >> 10);
		else
			arm_emergency("arm: %#x is on cpu %u's %s stack\n", a, cpu, stack);
	} else if (a < 0x10000) {
		arm_emergency("arm: %#x is near 0: NULL pointer dereference?\n", a);
	} else if (a >= PAGE_OFFSET && a < PAGE_OFFSET + LINEAR_MAP_SIZE) {
		arm_emergency("arm: %#x is in the linear map (physical %#llx)%s\n", a,
			      (unsigned long long)(a - PAGE_OFFSET) + arm_phys_offset,
			      (phys_addr_t)(a - PAGE_OFFSET) + arm_phys_offset >= arm_lowmem_end ?
			      ", beyond RAM" : ", a no-map region or a hole?");
	} else if (a >= KIMAGE_VADDR && a < KIMAGE_VADDR + KIMAGE_MAX_SIZE) {
		arm_emergency("arm: %#x is in the kernel image area (image %p-%p)\n", a,
			      _text, _end);
	} else if (a >= IOREMAP_BASE && a < IOREMAP_END) {
		arm_emergency("arm: %#x is in the ioremap area\n", a);
	} else if (arm_lowmem_end && a >= arm_phys_offset && a < arm_lowmem_end) {
		arm_emergency("arm: %#x looks like a physical RAM address: a physical "
			      "address was used as a pointer; convert it with __va()\n", a);
	}
}

/* A frame pointer on this CPU's stacks, with its 12-byte frame inside. */
static bool stack_ok(u32 fp)
{
	unsigned int cpu = arch_cpu_id();

	return !(fp & 3) && arm_stack_contains(cpu, fp - 12) && arm_stack_contains(cpu, fp - 1);
}

/**
 * arm_backtrace - print the call chain from frame pointer @fp
 * @fp: an APCS frame pointer (r11): [fp] saved pc, [fp-4] lr, [fp-12] caller's fp
 * @pc: the address to print first
 */
void arm_backtrace(u32 fp, u32 pc)
{
	u32 frames[MAX_FRAMES];
	int n = 0, i;
	char line[24 * 11 + 80];
	size_t len;

	frames[n++] = pc;
	while (n < MAX_FRAMES && stack_ok(fp)) {
		u32 lr = *(u32 *)(uintptr_t)(fp - 4);
		u32 next = *(u32 *)(uintptr_t)(fp - 12);

		if (!lr)
			break;
		frames[n++] = lr - 4; /* the call instruction */
		if (next <= fp)
			break;
		fp = next;
	}
	arm_emergency("Call trace (cpu %u):\n", arch_cpu_id());
	for (i = 0; i < n; i++)
		arm_emergency("  [<%08x>]\n", frames[i]);
	len = (size_t)snprintf(line, sizeof(line),
			       "resolve with: arm-none-eabi-addr2line -f -p -e build/arm/contig.elf");
	for (i = 0; i < n && len < sizeof(line) - 12; i++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, " %#x", frames[i]);
	arm_emergency("%s\n", line);
}

/**
 * arch_dump_stack - print a backtrace of the calling CPU
 *
 * Walks the frame-pointer chain from the caller.
 */
void arch_dump_stack(void)
{
	u32 fp = (u32)(uintptr_t)__builtin_frame_address(0);

	arm_backtrace(fp, (u32)(uintptr_t)__builtin_return_address(0));
}

static void dump_regs(const struct pt_regs *regs)
{
	int i;

	for (i = 0; i < 12; i += 4)
		arm_emergency("  r%-2d %08x  r%-2d %08x  r%-2d %08x  r%-2d %08x\n", i,
			      regs->r[i], i + 1, regs->r[i + 1], i + 2, regs->r[i + 2], i + 3,
			      regs->r[i + 3]);
	arm_emergency("  r12 %08x  sp  %08x  lr  %08x  pc  %08x\n", regs->r[12], regs->sp,
		      regs->lr, regs->pc);
	arm_emergency("  cpsr %08x (mode %s, IRQs %s, %s state)\n", regs->cpsr,
		      mode_name(regs->cpsr), regs->cpsr & PSR_I ? "off" : "on",
		      regs->cpsr & PSR_T ? "Thumb" : "ARM");
}

/**
 * arm_fault - report a fatal exception and power off with status 3
 * @regs: the registers at the exception
 * @kind: EXC_* (asm/ptrace.h)
 *
 * Returns for a data abort on a probe instruction (asm/probe.h), with the
 * pc moved to the probe's fixup, and for a translation fault on a window
 * page under migration, once the page has moved (the access is retried).
 */
void arm_fault(struct pt_regs *regs, int kind)
{
	u32 far = 0, fsr = 0;
	bool have_far = false;
	unsigned long vpn;

	if (kind == EXC_DABT) {
		__asm__ __volatile__("mrc p15, 0, %0, c6, c0, 0" : "=r"(far));
		__asm__ __volatile__("mrc p15, 0, %0, c5, c0, 0" : "=r"(fsr));
		have_far = true;
		if ((fsr & 0x40f) == FSR_TRANSLATION_PAGE && arm_window_contains(far, &vpn) &&
		    vm_window_fault(vpn) == 0)
			return;
		if (regs->pc == (u32)(uintptr_t)arm_probe_read_insn ||
		    regs->pc == (u32)(uintptr_t)arm_probe_write_insn) {
			arm_probe_last_fault.far = far;
			arm_probe_last_fault.fsr = fsr;
			arm_probe_last_fault.count++;
			regs->pc = (u32)(uintptr_t)arm_probe_fixup;
			return;
		}
	} else if (kind == EXC_PABT) {
		__asm__ __volatile__("mrc p15, 0, %0, c6, c0, 2" : "=r"(far));
		__asm__ __volatile__("mrc p15, 0, %0, c5, c0, 1" : "=r"(fsr));
		have_far = true;
	}

	arm_emergency("\narm: %s at pc %#x in %s mode on cpu %u\n",
		      kind < (int)ARRAY_SIZE(exc_names) ? exc_names[kind] : "exception",
		      regs->pc, mode_name(regs->cpsr), arch_cpu_id());
	if (have_far) {
		arm_emergency("arm: %s address %#x, %s %#x: %s%s\n",
			      kind == EXC_DABT ? "data" : "instruction", far,
			      kind == EXC_DABT ? "DFSR" : "IFSR", fsr, arm_fsr_string(fsr),
			      kind == EXC_DABT ? (fsr & (1 << 11) ? " (write)" : " (read)") : "");
		explain_address(far);
	} else if (kind == EXC_UNDEF) {
		u32 insn = 0;

		if (!(regs->cpsr & PSR_T) && !(regs->pc & 3) &&
		    arm_probe_read32((const void *)(uintptr_t)regs->pc, &insn) == 0)
			arm_emergency("arm: instruction %08x\n", insn);
	}
	dump_regs(regs);
	arm_backtrace(regs->r[11], regs->pc);
	arch_poweroff(EXIT_FAULT);
}

/**
 * arm_bad_phys - report a physical address outside RAM and stop
 * @pa: the address given to arch_phys_to_virt()
 */
void arm_bad_phys(phys_addr_t pa)
{
	arm_emergency("arm: bad physical address %#llx: RAM is %#llx-%#llx\n",
		      (unsigned long long)pa, (unsigned long long)arm_phys_offset,
		      (unsigned long long)arm_lowmem_end - 1);
	if (pa >= PAGE_OFFSET && pa < PAGE_OFFSET + LINEAR_MAP_SIZE)
		arm_emergency("arm: %#llx is a linear-map pointer: a virtual address was "
			      "used as a physical one; convert it with __pa()\n",
			      (unsigned long long)pa);
	arch_dump_stack();
	arch_poweroff(EXIT_FAULT);
}

/**
 * arm_bad_virt - report a pointer outside the linear map and stop
 * @va: the address given to arch_virt_to_phys()
 */
void arm_bad_virt(const void *va)
{
	uintptr_t a = (uintptr_t)va;

	arm_emergency("arm: bad virtual address %p: the linear map is %#lx-%#llx\n", va,
		      PAGE_OFFSET,
		      (unsigned long long)(PAGE_OFFSET + (arm_lowmem_end - arm_phys_offset) - 1));
	if (arm_lowmem_end && a >= arm_phys_offset && a < arm_lowmem_end)
		arm_emergency("arm: %p looks like a physical address: it was converted "
			      "twice, or never with __va()\n", va);
	else if (a >= KIMAGE_VADDR && a < KIMAGE_VADDR + KIMAGE_MAX_SIZE)
		arm_emergency("arm: %p is in the kernel image (a static variable), which "
			      "is not in the linear map\n", va);
	arch_dump_stack();
	arch_poweroff(EXIT_FAULT);
}

/* ---- fault_test= ---------------------------------------------------------- */

static char fault_test_kind[16];

static int fault_test_param(const char *val)
{
	static const char *const kinds[] = { "dabt", "undef", "pabt", "null", "stack" };
	unsigned int i;

	for (i = 0; val && i < ARRAY_SIZE(kinds); i++) {
		if (!strcmp(val, kinds[i])) {
			strscpy_trunc(fault_test_kind, val, sizeof(fault_test_kind));
			return 0;
		}
	}
	pr_err("fault_test=%s: use fault_test=dabt, undef, pabt, null or stack\n",
	       val ? val : "");
	return -EINVAL;
}
early_param("fault_test", fault_test_param);

static volatile int recurse_limit = 1 << 30;

static __noinline int recurse(volatile char *p, int depth)
{
	volatile char buf[512];

	buf[0] = (char)depth;
	if (p)
		buf[1] = *p;
	if (depth >= recurse_limit)
		return 0;
	return recurse(buf, depth + 1) + buf[0];
}

/**
 * arm_fault_test - commit the fault fault_test= asked for (if any)
 *
 * Called at the end of arch_paging_init(), once the window exists.
 */
void arm_fault_test(void)
{
	unsigned long vpn = arch_vm_window_pages() - 1;
	volatile u32 *p;

	if (!fault_test_kind[0])
		return;
	pr_info("fault_test=%s: faulting on purpose\n", fault_test_kind);
	if (!strcmp(fault_test_kind, "dabt")) {
		p = arch_vm_addr(vpn);
		(void)*p;
	} else if (!strcmp(fault_test_kind, "undef")) {
		__asm__ __volatile__("udf #0x42");
	} else if (!strcmp(fault_test_kind, "pabt")) {
		void (*fn)(void) = (void (*)(void))arch_vm_addr(vpn);

		fn();
	} else if (!strcmp(fault_test_kind, "null")) {
		p = NULL;
		__asm__ __volatile__("" : "+r"(p));
		(void)*p;
	} else if (!strcmp(fault_test_kind, "stack")) {
		recurse(NULL, 0);
	}
	panic("fault_test=%s did not fault", fault_test_kind);
}

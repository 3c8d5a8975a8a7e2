// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ARM port's CPU, console, clock and power functions (the CPUs
 * themselves and arch_smp_run() are in smp.c; arch_cpu_id() and
 * arch_irqs_disabled() are inline, in asm/cpu.h).
 *
 * Interrupts: arch_irq_save() masks IRQs (cpsid i) and returns
 * the previous CPSR; arch_irq_restore() unmasks them only when the saved
 * CPSR had them unmasked, so arch_irq_restore(0) enables interrupts (the
 * boot code does that once the interrupt controller and timer are up).
 *
 * Power off: arch_poweroff() halts the other CPUs (IPI_STOP, smp.c) and
 * prints "contig: power off, status N" (test
 * runners parse it), then, when the status is non-zero and the command
 * line said "semihosting" (scripts/qemu-arm.sh passes it with QEMU's
 * -semihosting-config enable=on), asks QEMU to exit with that status
 * (SYS_EXIT_EXTENDED); otherwise it powers off through the board's power
 * driver (pm_power_off: PSCI SYSTEM_OFF or the vexpress system registers;
 * QEMU exits with 0, so a runner without semihosting - the U-Boot path -
 * reads the status from that line); failing both, the CPU halts.
 * Semihosting is opt-in because the SVC it uses is an ordinary exception
 * on hardware without a debugger attached.
 *
 * Page copy-and-clear: arch_copy_clear_pages() takes the fused loop of
 * page.S when the VFP has 32 doubleword registers (MVFR0, read once at
 * boot by arm_vfp_probe(): QEMU's Cortex-A9 and most real ones with NEON;
 * not e.g. Tegra 2, whose VFPv3-D16 has 16), else arch_copy_pages() then
 * arch_zero_pages(). page.S's comment says why d16-d31 need no saving and
 * why that keeps the call out of interrupt handlers.
 */
#include <contig/arch.h>
#include <contig/clocksource.h>
#include <contig/console.h>
#include <contig/irq.h>
#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/printk.h>
#include <contig/reboot.h>
#include <contig/string.h>
#include <asm/ptrace.h>

#include "internal.h"

#define SEMIHOST_SYS_EXIT 0x18
#define SEMIHOST_SYS_EXIT_EXTENDED 0x20
#define SEMIHOST_SYS_WRITE0 0x04
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

void (*pm_power_off)(void);
void (*pm_restart)(void);

/** arch_cpu_relax - pause inside a spin loop ("yield" hint) */
void arch_cpu_relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

/**
 * arch_irq_save - mask IRQs on this CPU
 *
 * Return: the CPSR before masking, for arch_irq_restore().
 */
unsigned long arch_irq_save(void)
{
	unsigned long flags;

	__asm__ __volatile__("mrs %0, cpsr\n\tcpsid i" : "=r"(flags) : : "memory", "cc");
	return flags;
}

/**
 * arch_irq_restore - restore the IRQ mask saved by arch_irq_save()
 * @flags: the saved CPSR; IRQs are unmasked when its I bit is clear
 * (so arch_irq_restore(0) enables interrupts)
 */
void arch_irq_restore(unsigned long flags)
{
	if (flags & PSR_I)
		__asm__ __volatile__("cpsid i" ::: "memory", "cc");
	else
		__asm__ __volatile__("cpsie i" ::: "memory", "cc");
}

/* MVFR0.A_SIMD_registers (bits [3:0]): 2 means 32 doubleword registers. */
#define MVFR0_SIMD_REGS_MASK 0xfu
#define MVFR0_SIMD_REGS_32 2u

bool arm_copy_clear_d32;

/**
 * arm_vfp_probe - read MVFR0 and choose arch_copy_clear_pages()'s loop
 *
 * Sets arm_copy_clear_d32 when the VFP register file has 32 doubleword
 * registers (every CPU of the cluster has the same VFP).
 *
 * Return: the MVFR0 value, for the boot log.
 */
u32 arm_vfp_probe(void)
{
	u32 mvfr0;

	__asm__ __volatile__("vmrs %0, mvfr0" : "=r"(mvfr0));
	arm_copy_clear_d32 = (mvfr0 & MVFR0_SIMD_REGS_MASK) == MVFR0_SIMD_REGS_32;
	return mvfr0;
}

/**
 * arch_copy_clear_pages - copy whole pages and zero the source
 * @dst: destination, page-aligned kernel address
 * @src: source, page-aligned kernel address, all zero on return
 * @size: bytes, a multiple of PAGE_SIZE
 *
 * With 32 doubleword registers, one pass of page.S (98 instructions a
 * page); otherwise arch_copy_pages() then arch_zero_pages() (160). Never
 * from an interrupt handler: the IRQ entry does not save d16-d31.
 */
void arch_copy_clear_pages(void *dst, void *src, size_t size)
{
	ASSERT_MSG(!in_irq(), "arch_copy_clear_pages(%p, %p, %zu) in an interrupt handler: "
		   "the IRQ entry does not save d16-d31", dst, src, size);
	/* The fused loop moves a whole page per iteration: anything else overruns. */
	ASSERT_MSG(IS_ALIGNED((uintptr_t)dst | (uintptr_t)src | size, PAGE_SIZE),
		   "arch_copy_clear_pages(%p, %p, %zu): not whole pages", dst, src, size);
	if (READ_ONCE(arm_copy_clear_d32)) {
		arm_copy_clear_pages_d32(dst, src, size);
		return;
	}
	arch_copy_pages(dst, src, size);
	arch_zero_pages(src, size);
}

/**
 * arch_clock_ns - monotonic time since the clock source registered
 *
 * Return: nanoseconds from the clock source (the generic timer's virtual
 * count, or the Cortex-A9 global timer), 0 before it exists.
 */
u64 arch_clock_ns(void)
{
	return clocksource_read_ns();
}

/**
 * arch_console_write - write to the console (lib/console.c)
 * @buf: bytes
 * @len: how many
 */
void arch_console_write(const char *buf, size_t len)
{
	console_write(buf, len);
}

/**
 * arch_console_getc - one console input byte, never blocking
 *
 * Return: the byte, or ARCH_CONSOLE_NONE (a serial line never ends).
 */
int arch_console_getc(void)
{
	return console_getc();
}

/**
 * arm_semihost_call - an ARM semihosting call (SVC 0x123456 in ARM state)
 * @op: operation number (r0)
 * @arg: parameter block (r1)
 *
 * Only call it when arm_semihosting is set: without a debugger or QEMU's
 * semihosting it is a plain SVC exception, which is fatal here.
 *
 * Return: r0 after the call.
 */
long arm_semihost_call(unsigned long op, void *arg)
{
	register unsigned long r0 __asm__("r0") = op;
	register void *r1 __asm__("r1") = arg;

	__asm__ __volatile__("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory", "lr");
	return (long)r0;
}

static void semihost_write(const char *buf, size_t len)
{
	char chunk[128];

	while (len) {
		size_t n = min(len, sizeof(chunk) - 1);

		memcpy(chunk, buf, n);
		chunk[n] = '\0';
		arm_semihost_call(SEMIHOST_SYS_WRITE0, chunk);
		buf += n;
		len -= n;
	}
}

/*
 * The console of last resort when the DT gives none (or cannot be read)
 * and the command line said "semihosting": QEMU prints it on its own
 * output (SYS_WRITE0). Output only.
 */
const struct console arm_semihost_console = {
	.name = "semihosting",
	.write = semihost_write,
};

/** arm_halt - stop this CPU for good, interrupts masked */
void arm_halt(void)
{
	arch_irq_save();
	for (;;)
		__asm__ __volatile__("wfi" ::: "memory");
}

static int powering_off;

/**
 * arch_poweroff - stop the machine with @status
 * @status: 0 for success; becomes QEMU's exit status (see the top comment)
 */
void arch_poweroff(int status)
{
	char msg[48];
	int n;

	arch_irq_save();
	if (__atomic_exchange_n(&powering_off, 1, __ATOMIC_ACQ_REL))
		arm_halt();
	arm_smp_stop_others();
	n = snprintf(msg, sizeof(msg), "contig: power off, status %d\n", status);
	console_write(msg, (size_t)n);
	if (status && arm_semihosting) {
		u32 block[2] = { ADP_STOPPED_APPLICATION_EXIT, (u32)status };

		arm_semihost_call(SEMIHOST_SYS_EXIT_EXTENDED, block);
	}
	if (pm_power_off)
		pm_power_off();
	if (arm_semihosting) {
		/* No power-off device: exit anyway (status 0 here). */
		u32 block[2] = { ADP_STOPPED_APPLICATION_EXIT, (u32)status };

		arm_semihost_call(SEMIHOST_SYS_EXIT_EXTENDED, block);
	}
	console_write("contig: halted\n", 15);
	arm_halt();
}

/**
 * machine_restart - reset the board through pm_restart
 *
 * Halts when the board has no restart hook or it fails.
 */
void machine_restart(void)
{
	arch_irq_save();
	if (pm_restart)
		pm_restart();
	console_write("contig: restart failed; halted\n", 31);
	arm_halt();
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ARM port's CPU, console, clock and power functions.
 *
 * One CPU for now (CONFIG_NR_CPUS=1): arch_smp_run() runs the function on
 * the caller. Interrupts: arch_irq_save() masks IRQs (cpsid i) and returns
 * the previous CPSR; arch_irq_restore() unmasks them only when the saved
 * CPSR had them unmasked, so arch_irq_restore(0) enables interrupts (the
 * boot code does that once the interrupt controller and timer are up).
 *
 * Power off: arch_poweroff() prints "contig: power off, status N" (test
 * runners parse it), then, when the status is non-zero and the command
 * line said "semihosting" (scripts/qemu-arm.sh passes it with QEMU's
 * -semihosting-config enable=on), asks QEMU to exit with that status
 * (SYS_EXIT_EXTENDED); otherwise it powers off through the board's power
 * driver (pm_power_off: QEMU exits with 0); failing both, the CPU halts.
 * Semihosting is opt-in because the SVC it uses is an ordinary exception
 * on hardware without a debugger attached.
 */
#include <contig/arch.h>
#include <contig/clocksource.h>
#include <contig/console.h>
#include <contig/kernel.h>
#include <contig/printk.h>
#include <contig/reboot.h>
#include <asm/ptrace.h>

#include "internal.h"

#define SEMIHOST_SYS_EXIT 0x18
#define SEMIHOST_SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

void (*pm_power_off)(void);
void (*pm_restart)(void);

static int smp_running;

/**
 * arch_cpu_id - the calling CPU
 *
 * Return: MPIDR affinity level 0 (0 on the boot CPU).
 */
unsigned int arch_cpu_id(void)
{
	u32 mpidr;

	if (CONFIG_NR_CPUS == 1)
		return 0;
	__asm__("mrc p15, 0, %0, c0, c0, 5" : "=r"(mpidr));
	return mpidr & 0xff;
}

/**
 * arch_nr_cpus - how many CPUs arch_smp_run() can use
 *
 * Return: 1; secondary CPUs are not brought up yet.
 */
unsigned int arch_nr_cpus(void)
{
	return 1;
}

/** arch_cpu_relax - pause inside a spin loop ("yield" hint) */
void arch_cpu_relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

/**
 * arch_smp_run - run @fn(0, @arg) on the calling CPU
 * @nr: CPUs wanted (only one is available)
 * @fn: the function
 * @arg: its argument
 *
 * Return: 1 (0 when @nr is 0).
 */
unsigned int arch_smp_run(unsigned int nr, void (*fn)(unsigned int cpu, void *arg),
			  void *arg)
{
	if (!nr)
		return 0;
	if (__atomic_exchange_n(&smp_running, 1, __ATOMIC_ACQUIRE))
		panic("arm: nested arch_smp_run() is not supported\n");
	fn(0, arg);
	__atomic_store_n(&smp_running, 0, __ATOMIC_RELEASE);
	return 1;
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

/**
 * arch_send_call_ipi - interrupt another CPU to run cross-CPU calls
 * @cpu: the target
 *
 * Return: false; only the boot CPU runs.
 */
bool arch_send_call_ipi(unsigned int cpu)
{
	return false;
}

/**
 * arch_irqs_disabled - are IRQs masked on this CPU?
 *
 * Return: true when the CPSR I bit is set.
 */
bool arch_irqs_disabled(void)
{
	unsigned long cpsr;

	__asm__ __volatile__("mrs %0, cpsr" : "=r"(cpsr) : : "memory");
	return cpsr & PSR_I;
}

/**
 * arch_clock_ns - monotonic time since the clock source registered
 *
 * Return: nanoseconds from the clock source (the Cortex-A9 global timer),
 * 0 before it exists.
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

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupts on the hosted port: an emulated interrupt controller
 * ("host-intc") for the emulated devices (asm/host_emu.h), and the CPU's
 * interrupt mask.
 *
 * Lines. Device models drive level-triggered lines with
 * host_emu_set_irq(); the controller keeps two bitmaps, lines high and
 * lines enabled (request_irq()/free_irq() through the irq_chip ops), both
 * updated atomically; the common case (no line high) reads the few words
 * of the first, one cache line.
 *
 * Delivery. Every interrupt goes to CPU 0, as the GIC driver routes SPIs to
 * the boot CPU. A CPU is a host thread that cannot be interrupted between
 * two instructions without signals (which ASan, TSan and the kernel's
 * locks do not mix with), so CPU 0 takes interrupts at interrupt windows:
 *   - arch_irq_restore() that unmasks (spin_unlock_irqrestore() included),
 *   - arch_cpu_relax() (every spin-wait loop) with interrupts unmasked,
 *   - after every MMIO access (host_mmio_read()/write()) with interrupts
 *     unmasked.
 * The mask itself is honest: arch_irq_save() masks the calling CPU (a
 * thread-local flag) and returns the previous state; while it is masked
 * no handler runs on that CPU, whatever the lines do, and a line that went
 * high meanwhile is taken at the arch_irq_restore() that unmasks. The
 * handler runs masked (handle_arch_irq() -> host_intc_handle() ->
 * generic_handle_irq() for each line high and enabled, each at most once
 * per entry, so a line the handler does not lower cannot starve the CPU).
 * CPUs other than 0 never take interrupts, but their mask works the same.
 *
 * Lock contract: none; the bitmaps are atomics, the mask is per thread.
 */
#include <contig/arch.h>
#include <contig/bitmap.h>
#include <contig/irq.h>
#include <contig/kernel.h>
#include <asm/host_emu.h>

#include "internal.h"

#define IRQ_WORDS BITS_TO_LONGS(NR_IRQS)

static unsigned long irq_high[IRQ_WORDS];
static unsigned long irq_enabled[IRQ_WORDS];
static unsigned long irq_entries;

/* Interrupts masked on this CPU (a CPU is a thread). Boot starts masked. */
static __thread unsigned long cpu_irqs_masked = 1;

static bool test_bit_atomic(const unsigned long *map, unsigned int irq)
{
	return __atomic_load_n(&map[irq / BITS_PER_LONG], __ATOMIC_ACQUIRE) &
	       (1UL << (irq % BITS_PER_LONG));
}

/**
 * host_emu_set_irq - drive an emulated interrupt line
 * @irq: interrupt ID (GIC numbering, as the DT gives it)
 * @level: true: high (asserted); false: low
 */
void host_emu_set_irq(unsigned int irq, bool level)
{
	unsigned long bit = 1UL << (irq % BITS_PER_LONG);

	ASSERT_MSG(irq < NR_IRQS, "irq %u, NR_IRQS %u", irq, NR_IRQS);
	if (level)
		__atomic_fetch_or(&irq_high[irq / BITS_PER_LONG], bit, __ATOMIC_ACQ_REL);
	else
		__atomic_fetch_and(&irq_high[irq / BITS_PER_LONG], ~bit, __ATOMIC_ACQ_REL);
}

/** host_emu_irq_level - whether line @irq is high */
bool host_emu_irq_level(unsigned int irq)
{
	return irq < NR_IRQS && test_bit_atomic(irq_high, irq);
}

/** host_irq_entries - how many times CPU 0 entered the interrupt handler */
unsigned long host_irq_entries(void)
{
	return __atomic_load_n(&irq_entries, __ATOMIC_RELAXED);
}

static void host_intc_enable(unsigned int irq)
{
	__atomic_fetch_or(&irq_enabled[irq / BITS_PER_LONG], 1UL << (irq % BITS_PER_LONG),
			  __ATOMIC_ACQ_REL);
}

static void host_intc_disable(unsigned int irq)
{
	__atomic_fetch_and(&irq_enabled[irq / BITS_PER_LONG], ~(1UL << (irq % BITS_PER_LONG)),
			   __ATOMIC_ACQ_REL);
}

/* handle_arch_irq() calls this, interrupts masked. */
static void host_intc_handle(void)
{
	unsigned int w;

	for (w = 0; w < IRQ_WORDS; w++) {
		unsigned long pending = __atomic_load_n(&irq_high[w], __ATOMIC_ACQUIRE) &
					__atomic_load_n(&irq_enabled[w], __ATOMIC_ACQUIRE);

		while (pending) {
			unsigned int bit = (unsigned int)__builtin_ctzl(pending);

			pending &= pending - 1;
			generic_handle_irq(w * BITS_PER_LONG + bit);
		}
	}
}

static const struct irq_chip host_intc = {
	.name = "host-intc",
	.enable = host_intc_enable,
	.disable = host_intc_disable,
	.handle = host_intc_handle,
};

static bool any_pending(void)
{
	unsigned int w;

	for (w = 0; w < IRQ_WORDS; w++) {
		unsigned long high = __atomic_load_n(&irq_high[w], __ATOMIC_ACQUIRE);

		if (high && (high & __atomic_load_n(&irq_enabled[w], __ATOMIC_ACQUIRE)))
			return true;
	}
	return false;
}

/*
 * An interrupt window: CPU 0 with interrupts unmasked takes what is
 * pending, masked, like the IRQ exception does.
 */
void host_irq_window(void)
{
	if (cpu_irqs_masked || arch_cpu_id() != 0 || !any_pending())
		return;
	cpu_irqs_masked = 1;
	__atomic_add_fetch(&irq_entries, 1, __ATOMIC_RELAXED);
	handle_arch_irq();
	cpu_irqs_masked = 0;
}

/* Register the controller and unmask CPU 0 (main(), before start_kernel()). */
void host_irq_init(void)
{
	irq_set_chip(&host_intc);
	cpu_irqs_masked = 0;
}

/* A new CPU thread starts with interrupts unmasked, like CPU 0 after boot. */
void host_irq_thread_init(void)
{
	cpu_irqs_masked = 0;
}

/**
 * arch_irq_save - mask interrupts on the calling CPU
 *
 * Return: the previous mask state, for arch_irq_restore().
 */
unsigned long arch_irq_save(void)
{
	unsigned long old = cpu_irqs_masked;

	cpu_irqs_masked = 1;
	barrier();
	return old;
}

/**
 * arch_irq_restore - restore the mask arch_irq_save() returned
 * @flags: its return value
 *
 * Unmasking is an interrupt window: CPU 0 takes pending interrupts here.
 */
void arch_irq_restore(unsigned long flags)
{
	barrier();
	cpu_irqs_masked = flags;
	if (!flags)
		host_irq_window();
}

/**
 * arch_irqs_disabled - are interrupts masked on the calling CPU?
 *
 * Return: true while the calling thread's mask is set (every CPU but one
 * that unmasked; boot starts masked).
 */
bool arch_irqs_disabled(void)
{
	return cpu_irqs_masked != 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupt handling core (include/contig/irq.h).
 *
 * The port's IRQ exception calls handle_arch_irq(), which calls the
 * registered controller's handle(); the controller acknowledges each
 * pending interrupt and calls generic_handle_irq(id), which counts it and
 * runs the handler a driver attached with request_irq().
 *
 * Lock contract: irq_lock (taken with interrupts masked) serialises
 * request_irq() and free_irq(), the only writers of the handler table.
 * generic_handle_irq() runs in interrupt context and reads an entry
 * without the lock: request_irq() stores the cookie first and publishes
 * the handler with a release store, and the reader loads the handler with
 * acquire, so it never sees a handler with a stale cookie. free_irq()
 * disables the interrupt at the controller before clearing the entry.
 * The counters are per interrupt and updated atomically.
 *
 * An interrupt with no handler is "spurious": it is reported with its
 * number and disabled at the controller, so a stuck line cannot hang the
 * machine in an interrupt storm.
 *
 * in_irq() says whether the calling CPU is inside handle_arch_irq(): a
 * per-CPU nesting count, irq_nesting[], touched only by its own CPU with
 * interrupts masked, and read inline (contig/irq.h) by the spinlock debug
 * checks on every spin_lock() (contig/spinlock.h).
 */
#define pr_fmt(fmt) "irq: " fmt

#include <contig/errno.h>
#include <contig/irq.h>
#include <contig/kernel.h>
#include <contig/spinlock.h>

struct irq_desc {
	irq_handler_t handler;
	void *dev;
	unsigned long count;
};

static DEFINE_SPINLOCK(irq_lock);
static struct irq_desc irq_descs[NR_IRQS];
static const struct irq_chip *irq_chip;
unsigned int irq_nesting[CONFIG_NR_CPUS];

/**
 * irq_set_chip - register the interrupt controller (once)
 * @chip: its enable/disable/handle operations
 */
void irq_set_chip(const struct irq_chip *chip)
{
	unsigned long flags;

	spin_lock_irqsave(&irq_lock, flags);
	if (irq_chip && irq_chip != chip) {
		spin_unlock_irqrestore(&irq_lock, flags);
		pr_err("a second interrupt controller (%s) is ignored: %s handles interrupts\n",
		       chip->name, irq_chip->name);
		return;
	}
	__atomic_store_n(&irq_chip, chip, __ATOMIC_RELEASE);
	spin_unlock_irqrestore(&irq_lock, flags);
}

static const struct irq_chip *irq_get_chip(void)
{
	return __atomic_load_n(&irq_chip, __ATOMIC_ACQUIRE);
}

/**
 * request_irq - call @handler(@irq, @dev) for every interrupt @irq
 * @irq: interrupt ID (GIC numbering: SGIs 0-15, PPIs 16-31, SPIs from 32)
 * @handler: runs in interrupt context, interrupts masked
 * @dev: passed to @handler
 *
 * Enables the interrupt at the controller.
 * Return: 0; -EINVAL for a bad @irq or no handler, -EBUSY when it already
 * has a handler, -ENODEV when there is no interrupt controller.
 */
int request_irq(unsigned int irq, irq_handler_t handler, void *dev)
{
	const struct irq_chip *chip = irq_get_chip();
	struct irq_desc *d;
	unsigned long flags;

	if (irq >= NR_IRQS || !handler)
		return -EINVAL;
	if (!chip)
		return -ENODEV;
	d = &irq_descs[irq];
	spin_lock_irqsave(&irq_lock, flags);
	if (d->handler) {
		spin_unlock_irqrestore(&irq_lock, flags);
		return -EBUSY;
	}
	d->dev = dev;
	__atomic_store_n(&d->handler, handler, __ATOMIC_RELEASE);
	if (chip->enable)
		chip->enable(irq);
	spin_unlock_irqrestore(&irq_lock, flags);
	return 0;
}

/**
 * free_irq - disable @irq and detach its handler
 * @irq: an interrupt that has a handler (a warning otherwise)
 */
void free_irq(unsigned int irq)
{
	const struct irq_chip *chip = irq_get_chip();
	unsigned long flags;

	if (irq >= NR_IRQS) {
		pr_err("free_irq(%u): no such interrupt (at most %u)\n", irq, NR_IRQS - 1);
		return;
	}
	spin_lock_irqsave(&irq_lock, flags);
	if (!irq_descs[irq].handler) {
		spin_unlock_irqrestore(&irq_lock, flags);
		pr_warn("free_irq(%u): the interrupt has no handler\n", irq);
		return;
	}
	if (chip && chip->disable)
		chip->disable(irq);
	__atomic_store_n(&irq_descs[irq].handler, NULL, __ATOMIC_RELEASE);
	irq_descs[irq].dev = NULL;
	spin_unlock_irqrestore(&irq_lock, flags);
}

/**
 * generic_handle_irq - count interrupt @irq and run its handler
 * @irq: the ID the controller acknowledged
 *
 * Called by the controller's handle(), interrupts masked.
 */
void generic_handle_irq(unsigned int irq)
{
	const struct irq_chip *chip;
	struct irq_desc *d;
	irq_handler_t h;

	if (irq >= NR_IRQS) {
		pr_err("spurious interrupt %u: beyond NR_IRQS (%u)\n", irq, NR_IRQS);
		return;
	}
	d = &irq_descs[irq];
	__atomic_add_fetch(&d->count, 1, __ATOMIC_RELAXED);
	h = __atomic_load_n(&d->handler, __ATOMIC_ACQUIRE);
	if (h) {
		h(irq, d->dev);
		return;
	}
	chip = irq_get_chip();
	if (chip && chip->disable)
		chip->disable(irq);
	/* Disabled now, so a stuck line is reported once, not in a storm. */
	pr_warn("spurious interrupt %u: no handler attached; disabled it at %s\n", irq,
		chip ? chip->name : "the controller");
}

/**
 * handle_arch_irq - the port's IRQ exception entry calls this
 *
 * Runs with interrupts masked on the calling CPU.
 */
void handle_arch_irq(void)
{
	const struct irq_chip *chip = irq_get_chip();
	unsigned int cpu = arch_cpu_id();
	static bool warned;

	if (chip && chip->handle) {
		irq_nesting[cpu]++;
		chip->handle();
		irq_nesting[cpu]--;
		return;
	}
	if (!warned) {
		warned = true;
		pr_err("IRQ exception but no interrupt controller is registered: "
		       "check the DT has an enabled GIC node and CONFIG_ARM_GIC=y\n");
	}
}

/**
 * irq_cpu_init - set up the calling CPU's side of the interrupt controller
 *
 * Called by the port on each secondary CPU before it enables interrupts
 * (the boot CPU's side is set up by the controller's probe).
 */
void irq_cpu_init(void)
{
	const struct irq_chip *chip = irq_get_chip();

	if (chip && chip->cpu_init)
		chip->cpu_init();
}

/**
 * enable_percpu_irq - enable per-CPU interrupt @irq on the calling CPU
 * @irq: an SGI or PPI that request_irq() attached a handler to (on the
 *       CPU that requested it, request_irq() enabled it already)
 */
void enable_percpu_irq(unsigned int irq)
{
	const struct irq_chip *chip = irq_get_chip();

	if (chip && chip->enable && irq < NR_IRQS)
		chip->enable(irq);
}

/**
 * irq_send_ipi - raise software interrupt @irq on CPU @cpu
 * @cpu: logical CPU, online
 * @irq: the software interrupt (GIC: SGI 0-15)
 *
 * Return: 0, or -ENODEV when the controller cannot send IPIs.
 */
int irq_send_ipi(unsigned int cpu, unsigned int irq)
{
	const struct irq_chip *chip = irq_get_chip();

	if (!chip || !chip->send_ipi)
		return -ENODEV;
	chip->send_ipi(cpu, irq);
	return 0;
}

/**
 * irq_send_ipi_allbutself - raise software interrupt @irq on every other CPU
 * @irq: the software interrupt
 *
 * Reaches cores that are not online yet too (a boot stub waiting in wfi).
 * Return: 0, or -ENODEV when the controller cannot send IPIs.
 */
int irq_send_ipi_allbutself(unsigned int irq)
{
	const struct irq_chip *chip = irq_get_chip();

	if (!chip || !chip->send_ipi_allbutself)
		return -ENODEV;
	chip->send_ipi_allbutself(irq);
	return 0;
}

/**
 * irq_count - how many times @irq was delivered (handled or spurious)
 * Return: the count; 0 for a bad @irq.
 */
unsigned long irq_count(unsigned int irq)
{
	if (irq >= NR_IRQS)
		return 0;
	return __atomic_load_n(&irq_descs[irq].count, __ATOMIC_RELAXED);
}

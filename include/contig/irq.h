/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupts (kernel/irq in lib/irq.c): the interrupt controller driver
 * installs the top-level handler the port's IRQ exception calls, and
 * drivers attach handlers to interrupt IDs.
 */
#ifndef _CONTIG_IRQ_H
#define _CONTIG_IRQ_H

#include <contig/types.h>
#include <contig/compiler.h>
#include <contig/arch.h>

#define NR_IRQS 256

typedef void (*irq_handler_t)(unsigned int irq, void *dev);

struct irq_chip {
	const char *name;
	/* For per-CPU interrupts (SGIs, PPIs): on the calling CPU only. */
	void (*enable)(unsigned int irq);
	void (*disable)(unsigned int irq);
	/* Called by the port's IRQ exception, interrupts masked. */
	void (*handle)(void);
	/* SMP (optional): set up the calling CPU's side of the controller. */
	void (*cpu_init)(void);
	/* SMP (optional): raise software interrupt @irq on logical CPU @cpu,
	 * or on every CPU but the caller. */
	void (*send_ipi)(unsigned int cpu, unsigned int irq);
	void (*send_ipi_allbutself)(unsigned int irq);
};

/* The interrupt controller registers itself (once). */
void irq_set_chip(const struct irq_chip *chip);

/**
 * request_irq - call @handler(@irq, @dev) for every interrupt @irq
 * Return: 0; -EINVAL for a bad @irq, -EBUSY when it already has a handler,
 * -ENODEV when there is no interrupt controller.
 */
int request_irq(unsigned int irq, irq_handler_t handler, void *dev);
void free_irq(unsigned int irq);

/* Called by the controller's handle() for each interrupt it acknowledges. */
void generic_handle_irq(unsigned int irq);

/* The port's IRQ exception entry calls this. */
void handle_arch_irq(void);

/* How many times @irq fired (for tests and the shell). */
unsigned long irq_count(unsigned int irq);

/* Interrupt handlers each CPU is running (lib/irq.c; its own CPU's only). */
extern unsigned int irq_nesting[CONFIG_NR_CPUS];

/* True while CPU @cpu, the caller (arch_cpu_id()), runs an interrupt handler. */
static inline bool cpu_in_irq(unsigned int cpu)
{
	return READ_ONCE(irq_nesting[cpu]) != 0;
}

/* True while the calling CPU runs an interrupt handler. */
static inline bool in_irq(void)
{
	return cpu_in_irq(arch_cpu_id());
}

/* SMP: a secondary CPU sets up its side of the controller (once). */
void irq_cpu_init(void);
/* Enable per-CPU interrupt @irq (an SGI or PPI) on the calling CPU. */
void enable_percpu_irq(unsigned int irq);
/*
 * Raise software interrupt @irq on logical CPU @cpu (or on all others).
 * Return: 0, or -ENODEV when the controller cannot send IPIs.
 */
int irq_send_ipi(unsigned int cpu, unsigned int irq);
int irq_send_ipi_allbutself(unsigned int irq);

#endif /* _CONTIG_IRQ_H */

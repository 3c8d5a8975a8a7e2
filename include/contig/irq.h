/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupts (kernel/irq in lib/irq.c): the interrupt controller driver
 * installs the top-level handler the port's IRQ exception calls, and
 * drivers attach handlers to interrupt IDs.
 */
#ifndef _CONTIG_IRQ_H
#define _CONTIG_IRQ_H

#include <contig/types.h>

#define NR_IRQS 256

typedef void (*irq_handler_t)(unsigned int irq, void *dev);

struct irq_chip {
	const char *name;
	void (*enable)(unsigned int irq);
	void (*disable)(unsigned int irq);
	/* Called by the port's IRQ exception, interrupts masked. */
	void (*handle)(void);
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

/* True while the calling CPU runs an interrupt handler. */
bool in_irq(void);

#endif /* _CONTIG_IRQ_H */

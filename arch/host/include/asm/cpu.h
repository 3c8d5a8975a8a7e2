/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host port's CPU accessors (contig/arch.h): none inline.
 * arch_cpu_id() (a thread-local variable, arch/host/cpu.c) and
 * arch_irqs_disabled() (the thread's mask flag, arch/host/irq.c) stay
 * out of line, as declared in <contig/arch.h>. Included only through
 * <contig/arch.h>.
 */
#ifndef _ASM_HOST_CPU_H
#define _ASM_HOST_CPU_H

#endif /* _ASM_HOST_CPU_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host-only helpers. Tests and benchmarks that run only on the hosted
 * kernel may use these to observe the port; portable code must never need
 * them (guard any use with IS_ENABLED(CONFIG_ARCH_HOST) and keep a fallback
 * for other ports).
 */
#ifndef _ASM_HOST_HOST_H
#define _ASM_HOST_HOST_H

#include <contig/types.h>

/**
 * host_vm_flush_count - how many window TLB invalidations the port did
 *
 * The host has no TLB, but arch_vm_unmap() counts the invalidation a real
 * MMU would need, so tests can check that unmapping really happened.
 *
 * Return: the number of arch_vm_unmap() calls since boot.
 */
unsigned long host_vm_flush_count(void);

/**
 * host_arena_base - the host virtual address of simulated RAM
 *
 * Return: the address arch_phys_to_virt(host_ram_start) returns.
 */
void *host_arena_base(void);

#endif /* _ASM_HOST_HOST_H */

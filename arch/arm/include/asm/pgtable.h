/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ARMv7 short-descriptor translation table formats, as the ARM port uses
 * them (arch/arm only): TEX remap off (SCTLR.TRE = 0), access flag off,
 * every mapping in domain 0 (client), global, privileged-only access.
 *
 *   first level (4096 entries, 1 MiB each): section or pointer to a
 *   second-level table (256 entries, 4 KiB small pages, 1 KiB per table)
 *
 * Memory types (TEX[2:0], C, B):
 *   normal, write-back write-allocate  001 1 1
 *   normal, non-cacheable              001 0 0
 *   device (shareable)                 000 0 1
 *
 * With CONFIG_SMP normal memory is also shareable (S), and the table walks
 * are inner shareable (TTBR S, NOS): the cores' L1 caches keep it coherent
 * through the SCU, and ldrex/strex and the barriers work between them. A
 * uniprocessor kernel keeps it non-shareable: a Cortex-A9 without
 * ACTLR.SMP treats shareable memory as non-cacheable.
 */
#ifndef _ASM_ARM_PGTABLE_H
#define _ASM_ARM_PGTABLE_H

#define SECTION_SHIFT 20
#define SECTION_SIZE (1UL << SECTION_SHIFT)
#define PTRS_PER_PGD 4096
#define PTRS_PER_PTE 256

/* First-level descriptors. */
#define PMD_TYPE_TABLE 0x1
#define PMD_TYPE_SECT 0x2
#define PMD_SECT_B (1 << 2)
#define PMD_SECT_C (1 << 3)
#define PMD_SECT_XN (1 << 4)
#define PMD_SECT_AP_RW (1 << 10)      /* AP[1:0] = 01: privileged RW */
#define PMD_SECT_APX (1 << 15)        /* AP[2]: read-only */
#define PMD_SECT_TEX(x) ((x) << 12)
#define PMD_SECT_S (1 << 16)

#ifdef CONFIG_SMP
#define PMD_SECT_SMP PMD_SECT_S
#define PTE_SMP PTE_S
#define TTBR_SMP (TTBR_S | TTBR_NOS)
#else
#define PMD_SECT_SMP 0
#define PTE_SMP 0
#define TTBR_SMP 0
#endif

#define PMD_SECT_NORMAL (PMD_TYPE_SECT | PMD_SECT_AP_RW | PMD_SECT_TEX(1) | \
			 PMD_SECT_C | PMD_SECT_B | PMD_SECT_SMP)
#define PMD_SECT_DEVICE (PMD_TYPE_SECT | PMD_SECT_AP_RW | PMD_SECT_B | PMD_SECT_XN)
/* Normal memory, non-cacheable (TEX=001, C=0, B=0), execute-never. */
#define PMD_SECT_NORMAL_NC (PMD_TYPE_SECT | PMD_SECT_AP_RW | PMD_SECT_TEX(1) | PMD_SECT_SMP | \
			    PMD_SECT_XN)

/* Second-level small-page descriptors. */
#define PTE_XN (1 << 0)
#define PTE_TYPE_SMALL (1 << 1)
#define PTE_B (1 << 2)
#define PTE_C (1 << 3)
#define PTE_AP_RW (1 << 4)            /* AP[1:0] = 01: privileged RW */
#define PTE_TEX(x) ((x) << 6)
#define PTE_APX (1 << 9)
#define PTE_S (1 << 10)

#define PTE_NORMAL (PTE_TYPE_SMALL | PTE_AP_RW | PTE_TEX(1) | PTE_C | PTE_B | PTE_SMP)
#define PTE_NORMAL_NC (PTE_TYPE_SMALL | PTE_AP_RW | PTE_TEX(1) | PTE_SMP)
#define PTE_DEVICE (PTE_TYPE_SMALL | PTE_AP_RW | PTE_B | PTE_XN)

/* TTBR0 table-walk attributes: inner and outer write-back write-allocate,
 * shareable (S) and inner shareable (NOS) on SMP. */
#define TTBR_S (1 << 1)
#define TTBR_RGN_WBWA (1 << 3)
#define TTBR_NOS (1 << 5)
#define TTBR_IRGN_WBWA (1 << 6)
#define TTBR_FLAGS (TTBR_IRGN_WBWA | TTBR_RGN_WBWA | TTBR_SMP)

/* SCTLR bits. */
#define SCTLR_M (1 << 0)
#define SCTLR_A (1 << 1)
#define SCTLR_C (1 << 2)
#define SCTLR_Z (1 << 11)
#define SCTLR_I (1 << 12)
#define SCTLR_V (1 << 13)
#define SCTLR_TRE (1 << 28)
#define SCTLR_AFE (1 << 29)
#define SCTLR_TE (1 << 30)

#endif /* _ASM_ARM_PGTABLE_H */

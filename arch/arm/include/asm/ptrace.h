/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ARM processor modes, CPSR bits and the register frame the exception
 * entry code (arch/arm/entry.S) saves for the C fault handlers.
 */
#ifndef _ASM_ARM_PTRACE_H
#define _ASM_ARM_PTRACE_H

#define MODE_USR 0x10
#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_MON 0x16
#define MODE_ABT 0x17
#define MODE_HYP 0x1a
#define MODE_UND 0x1b
#define MODE_SYS 0x1f
#define MODE_MASK 0x1f

#define PSR_T (1 << 5)
#define PSR_F (1 << 6)
#define PSR_I (1 << 7)
#define PSR_A (1 << 8)

/* Exception kinds, as entry.S passes them to arm_fault(). */
#define EXC_RESET 0
#define EXC_UNDEF 1
#define EXC_SVC 2
#define EXC_PABT 3
#define EXC_DABT 4
#define EXC_IRQ 5
#define EXC_FIQ 6

/* struct pt_regs: r0-r12, sp, lr (of the interrupted mode), pc, cpsr. */
#define S_R0 0
#define S_SP 52
#define S_LR 56
#define S_PC 60
#define S_PSR 64
#define S_FRAME_SIZE 72

#ifndef __ASSEMBLY__
#include <contig/types.h>

struct pt_regs {
	u32 r[13];
	u32 sp;
	u32 lr;
	u32 pc;
	u32 cpsr;
	u32 pad;
};
_Static_assert(sizeof(struct pt_regs) == S_FRAME_SIZE, "pt_regs layout");
#endif

#endif /* _ASM_ARM_PTRACE_H */

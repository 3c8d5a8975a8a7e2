/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Power off and restart hooks. A board's power driver (probed early,
 * OF_EARLY_POWER) installs them; the port's arch_poweroff() calls
 * pm_power_off after everything else it can do, and machine_restart()
 * calls pm_restart. Both hooks must not return when they work; a hook that
 * returns failed, and the caller falls back (halting the CPU).
 */
#ifndef _CONTIG_REBOOT_H
#define _CONTIG_REBOOT_H

#include <contig/compiler.h>

extern void (*pm_power_off)(void);
extern void (*pm_restart)(void);

/* Restart the machine through pm_restart; halts when there is none. */
__noreturn void machine_restart(void);

#endif /* _CONTIG_REBOOT_H */

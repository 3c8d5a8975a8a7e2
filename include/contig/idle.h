/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Idle work (lib/idle.c): short jobs a CPU does when it has nothing else
 * to do - the ARM secondaries' idle loop and the shell while it waits for
 * input call idle_work(). A job runs in thread context with interrupts on
 * and no lock held, may take locks, migrate pages and send IPIs, and must
 * return soon when it has nothing to do (it is polled). The kernel has no
 * scheduler: a job that never gets an idle CPU simply does not run, so
 * whatever it prepares must stay optional (the ready reserve, mm/cma.c).
 */
#ifndef _CONTIG_IDLE_H
#define _CONTIG_IDLE_H

#include <contig/types.h>

/* A job: do one step of work; return true when it did some. */
typedef bool (*idle_work_fn)(void);

/* Register @fn (at most IDLE_WORK_MAX jobs, at boot). Return: 0 or -ENOSPC. */
int idle_work_register(idle_work_fn fn);

/* Run every job once. Return: true when one of them did work. */
bool idle_work(void);

#define IDLE_WORK_MAX 4

/*
 * Hold idle work off (nesting) and let it run again: tests that play the
 * idle CPU themselves, calling a job directly, so no idle CPU races them.
 * A job already running finishes first: idle_work_hold() waits for it.
 */
void idle_work_hold(void);
void idle_work_release(void);

#endif /* _CONTIG_IDLE_H */

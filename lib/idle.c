// SPDX-License-Identifier: GPL-2.0-only
/*
 * Idle work: a fixed table of jobs, filled at boot and polled by idle CPUs
 * (include/contig/idle.h). Registration publishes each entry with a
 * release store of the count; idle_work() reads the count with an acquire
 * load, so a CPU polling while another registers sees whole entries only.
 */
#include <contig/kernel.h>
#include <contig/errno.h>
#include <contig/idle.h>
#include <contig/arch.h>

static idle_work_fn jobs[IDLE_WORK_MAX];
static unsigned int nr_jobs;
static int holds;   /* idle_work_hold() nesting */
static int running; /* CPUs inside idle_work() */

/**
 * idle_work_register - add a job idle CPUs poll
 * @fn: the job
 *
 * Return: 0, or -ENOSPC when IDLE_WORK_MAX jobs are registered already.
 */
int idle_work_register(idle_work_fn fn)
{
	unsigned int n = __atomic_load_n(&nr_jobs, __ATOMIC_RELAXED);

	if (n >= IDLE_WORK_MAX)
		return -ENOSPC;
	jobs[n] = fn;
	__atomic_store_n(&nr_jobs, n + 1, __ATOMIC_RELEASE);
	return 0;
}

/**
 * idle_work - run every registered job once
 *
 * Called by idle CPUs in thread context, interrupts on, no lock held.
 *
 * Return: true when a job did some work (the caller polls again before
 * it sleeps).
 */
bool idle_work(void)
{
	unsigned int i, n = __atomic_load_n(&nr_jobs, __ATOMIC_ACQUIRE);
	bool did = false;

	if (!n)
		return false;
	__atomic_add_fetch(&running, 1, __ATOMIC_SEQ_CST);
	/* Checked after announcing ourselves: idle_work_hold() sees one or the other. */
	if (!__atomic_load_n(&holds, __ATOMIC_SEQ_CST))
		for (i = 0; i < n; i++)
			did |= jobs[i]();
	__atomic_sub_fetch(&running, 1, __ATOMIC_RELEASE);
	return did;
}

/**
 * idle_work_hold - keep idle CPUs from running jobs until idle_work_release()
 *
 * Waits for jobs already running on other CPUs. Not from a job.
 */
void idle_work_hold(void)
{
	__atomic_add_fetch(&holds, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&running, __ATOMIC_SEQ_CST))
		arch_cpu_relax();
}

/**
 * idle_work_release - undo one idle_work_hold()
 */
void idle_work_release(void)
{
	__atomic_sub_fetch(&holds, 1, __ATOMIC_RELEASE);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Phase accounting (include/contig/phase.h). Each CPU adds to its own
 * counters only (relaxed atomics, so a reader on another CPU is not a
 * data race); phase_snapshot() sums them.
 */
#include <contig/phase.h>

const char *const mm_phase_names[NR_MM_PHASES] = {
	[PHASE_ISOLATE] = "isolate",
	[PHASE_MIGRATE] = "migrate",
	[PHASE_COPY] = "copy",
	[PHASE_ZERO] = "zero",
	[PHASE_LINEAR_ATTR] = "linear_attr",
	[PHASE_CACHE] = "cache",
	[PHASE_RELEASE] = "release",
};

bool mm_phase_on;
static u64 phase_ns[CONFIG_NR_CPUS][NR_MM_PHASES];

/** phase_add - add @ns to the calling CPU's counter of @phase */
void phase_add(enum mm_phase phase, u64 ns)
{
	u64 *c = &phase_ns[arch_cpu_id()][phase];

	__atomic_store_n(c, __atomic_load_n(c, __ATOMIC_RELAXED) + ns, __ATOMIC_RELAXED);
}

/** phase_accounting - turn the phase hooks on (@on) or off */
void phase_accounting(bool on)
{
	__atomic_store_n(&mm_phase_on, on, __ATOMIC_RELAXED);
}

/** phase_snapshot - every phase's total over all CPUs, in ns, into @ns */
void phase_snapshot(u64 *ns)
{
	unsigned int cpu, p;

	for (p = 0; p < NR_MM_PHASES; p++) {
		ns[p] = 0;
		for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
			ns[p] += __atomic_load_n(&phase_ns[cpu][p], __ATOMIC_RELAXED);
	}
}

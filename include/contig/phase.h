/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Phase accounting (lib/phase.c): where the time of a carve and of a
 * coherent allocation goes, for the benchmarks' per-phase split.
 *
 * The paths that carve, migrate, zero and remap add the time of each of
 * their phases to the calling CPU's counters while accounting is on
 * (phase_accounting(true), the "coherent" bench does it); when it is off
 * each hook costs one load and a branch. Phases may nest (the copy is part
 * of the migration, the cache maintenance part of the attribute change):
 * each counter is the total time inside its phase.
 */
#ifndef _CONTIG_PHASE_H
#define _CONTIG_PHASE_H

#include <contig/arch.h>
#include <contig/types.h>

enum mm_phase {
	PHASE_ISOLATE,	   /* start_isolate_page_range() and the undo */
	PHASE_MIGRATE,	   /* the migration passes of a carve (copy included) */
	PHASE_COPY,	   /* copying page contents during migration */
	PHASE_ZERO,	   /* zeroing a coherent buffer */
	PHASE_LINEAR_ATTR, /* arch_linear_set_attr(): cache + remap + TLB */
	PHASE_CACHE,	   /* the cache maintenance inside it (where the port says) */
	PHASE_RELEASE,	   /* giving the pages back to the region and the buddy */
	NR_MM_PHASES
};

extern const char *const mm_phase_names[NR_MM_PHASES];
extern bool mm_phase_on;

/* Start timing a phase: 0 when accounting is off. */
static inline u64 phase_begin(void)
{
	return __atomic_load_n(&mm_phase_on, __ATOMIC_RELAXED) ? arch_clock_ns() : 0;
}

void phase_add(enum mm_phase phase, u64 ns);

/* End a phase started at @t0 (phase_begin()); nothing when @t0 is 0. */
static inline void phase_end(enum mm_phase phase, u64 t0)
{
	if (t0)
		phase_add(phase, arch_clock_ns() - t0);
}

/* Turn accounting on or off (counters are kept). */
void phase_accounting(bool on);
/* The sums over every CPU, in ns, into @ns[NR_MM_PHASES]. */
void phase_snapshot(u64 *ns);

#endif /* _CONTIG_PHASE_H */

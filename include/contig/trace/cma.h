/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CMA trace events (mm/cma_trace.c), recorded by mm/cma.c into the
 * trace ring (include/contig/trace.h), each with its own fields:
 *
 *   cma_alloc_start   region, owner, pages, alignment order
 *   cma_alloc_busy    region, owner, the window's first pfn, the pfn that
 *                     blocked it and why (a busy-retry: the carve moves on)
 *   cma_alloc_finish  region, owner, pages, first pfn or the error,
 *                     latency, pages migrated and discarded, busy retries
 *   cma_release       region, owner, first pfn, pages
 *
 * The owner is the device name (cma_dev_alloc()) or "-" for carves that
 * name none (the shell, benchmarks, tests). A reader takes the fields with
 * trace_event_as(ev, trace_cma_alloc_start_class, struct trace_cma_alloc_start).
 */
#ifndef _CONTIG_TRACE_CMA_H
#define _CONTIG_TRACE_CMA_H

#include <contig/migrate.h>
#include <contig/trace.h>

struct cma;

/* Every CMA event starts with these: the region (never freed) and the owner. */
struct trace_cma_who {
	const struct cma *cma;
	char owner[TRACE_NAME_LEN];
};

struct trace_cma_alloc_start {
	struct trace_cma_who who;
	unsigned long count;   /* pages */
	unsigned int align;    /* alignment order */
};

struct trace_cma_alloc_busy {
	struct trace_cma_who who;
	unsigned long window_pfn;  /* first page of the window given up */
	unsigned long blocked_pfn; /* the page that blocked it */
	enum migrate_reason reason;
};

struct trace_cma_alloc_finish {
	struct trace_cma_who who;
	unsigned long count;       /* pages asked for */
	unsigned long pfn;         /* first page, when result is 0 */
	int result;                /* 0 or a negative errno */
	u64 latency_ns;
	unsigned long migrated, discarded, busy;
};

struct trace_cma_release {
	struct trace_cma_who who;
	unsigned long pfn, count;
};

extern const struct trace_class trace_cma_alloc_start_class;
extern const struct trace_class trace_cma_alloc_busy_class;
extern const struct trace_class trace_cma_alloc_finish_class;
extern const struct trace_class trace_cma_release_class;

void trace_cma_alloc_start(const struct cma *cma, const char *owner, unsigned long count,
			   unsigned int align);
void trace_cma_alloc_busy(const struct cma *cma, const char *owner, unsigned long window_pfn,
			  unsigned long blocked_pfn, enum migrate_reason reason);
/* @f->who is filled in here. */
void trace_cma_alloc_finish(const struct cma *cma, const char *owner,
			    struct trace_cma_alloc_finish *f);
void trace_cma_release(const struct cma *cma, const char *owner, unsigned long pfn,
		       unsigned long count);

#endif /* _CONTIG_TRACE_CMA_H */

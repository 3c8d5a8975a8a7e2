/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trace events (lib/trace.c): what the CMA and DMA paths did, in a ring
 * buffer that keeps the last TRACE_RING_SIZE events. Events are cheap (a
 * lock and a copy) and always on; the shell's "trace" command prints them.
 *
 *   cma_alloc_start   region, owner, pages, alignment order
 *   cma_alloc_busy    region, owner, the window's first pfn, the pfn that
 *                     blocked it and why (a busy-retry: the carve moves on)
 *   cma_alloc_finish  region, owner, pages, first pfn or the error,
 *                     latency, pages migrated and discarded, busy retries
 *   cma_release       region, owner, first pfn, pages
 *   dma_alloc         owner, where from (pool, page allocator), pfn, pages
 *   dma_free          the same, when given back
 *
 * The owner is the device name (cma_dev_alloc(), dma_alloc_attrs()) or "-"
 * for carves that name none (the shell, benchmarks, tests). Every event has
 * a sequence number, so a reader sees how many were overwritten.
 */
#ifndef _CONTIG_TRACE_H
#define _CONTIG_TRACE_H

#include <contig/string.h>
#include <contig/types.h>

#define TRACE_RING_SIZE 256
#define TRACE_OWNER_LEN 24

struct cma;

enum trace_event_type {
	TRACE_CMA_ALLOC_START,
	TRACE_CMA_ALLOC_BUSY,
	TRACE_CMA_ALLOC_FINISH,
	TRACE_CMA_RELEASE,
	TRACE_DMA_ALLOC,
	TRACE_DMA_FREE,
	NR_TRACE_EVENTS
};

extern const char *const trace_event_names[NR_TRACE_EVENTS];

struct trace_event {
	u64 seq;                    /* 1, 2, ...: position in the whole trace */
	u64 ts_ns;                  /* arch_clock_ns() */
	enum trace_event_type type;
	unsigned int cpu;
	const struct cma *cma;      /* the region, or NULL (areas are never freed) */
	char owner[TRACE_OWNER_LEN]; /* device name, or "-" */
	unsigned long pfn;          /* first page (busy: the window's) */
	unsigned long count;        /* pages */
	unsigned int align;         /* alignment order (start) / migrate reason (busy) */
	int result;                 /* finish: 0 or a negative errno */
	unsigned long busy_pfn;     /* busy: the page that blocked */
	u64 latency_ns;             /* finish */
	unsigned long migrated, discarded, busy; /* finish */
	const char *source;         /* dma_alloc/dma_free: "pool", "pages", "cma" */
};

/* Record @ev (seq, ts_ns and cpu are filled in). Safe on any CPU. */
void trace_record(struct trace_event *ev);

/* Set @ev's owner to @owner, truncated; "-" when there is none. */
static inline void trace_set_owner(struct trace_event *ev, const char *owner)
{
	strscpy_trunc(ev->owner, owner && *owner ? owner : "-", sizeof(ev->owner));
}

/*
 * trace_read - copy the events with seq >= @from, oldest first, into @out
 * Return: how many were copied (at most @max).
 */
unsigned int trace_read(u64 from, struct trace_event *out, unsigned int max);
/* The sequence number the next event will get (1 before any). */
u64 trace_next_seq(void);
/* Forget every event (the sequence goes on). */
void trace_clear(void);
/* Print the last @n events (0: every one kept), oldest first. */
void trace_print(unsigned int n);
/* One event as a line of text, without the newline. */
void trace_format(const struct trace_event *ev, char *buf, size_t size);

#endif /* _CONTIG_TRACE_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trace events (lib/trace.c): a ring buffer that keeps the last
 * TRACE_RING_SIZE events, cheap (a lock and a copy) and always on; the
 * shell's "trace" command prints them.
 *
 * The ring knows no event. A subsystem defines each of its events beside
 * the code it traces: a struct of typed fields and a struct trace_class
 * that names the event and formats those fields (the CMA events in
 * mm/cma_trace.c, include/contig/trace/cma.h; the DMA events in
 * kernel/dma/trace.c, include/contig/trace/dma.h). trace_record() copies the
 * fields and stamps a sequence number, the time and the CPU; readers get
 * the event back and look at its fields with trace_event_as(), which
 * checks the class. Every event has a sequence number, so a reader sees
 * how many were overwritten.
 *
 * A printed event is "seq time cpuN name" and what its class formats.
 */
#ifndef _CONTIG_TRACE_H
#define _CONTIG_TRACE_H

#include <contig/compiler.h>
#include <contig/string.h>
#include <contig/types.h>

#define TRACE_RING_SIZE 256
/* The largest fields of one event, in bytes. */
#define TRACE_FIELDS_MAX 112
/* A string an event keeps (a device name): copied, since the ring outlives it. */
#define TRACE_NAME_LEN 24

struct trace_class {
	const char *name; /* "cma_alloc_start" */
	size_t size;      /* of the fields, at most TRACE_FIELDS_MAX */
	/* The fields as text, appended after the name (no newline). */
	void (*format)(const void *fields, char *buf, size_t size);
};

struct trace_event {
	u64 seq;   /* 1, 2, ...: position in the whole trace */
	u64 ts_ns; /* arch_clock_ns() */
	unsigned int cpu;
	const struct trace_class *class;
	unsigned char fields[TRACE_FIELDS_MAX] __aligned(8);
};

/*
 * trace_record - record an event of @class with @fields (@class->size
 * bytes). Safe on any CPU, never from an interrupt handler.
 */
void trace_record(const struct trace_class *class, const void *fields);

/* The fields of @ev as a const @type *, or NULL when @ev is not of class @cls. */
#define trace_event_as(ev, cls, type)                                    \
	((ev)->class == &(cls) ? (const type *)(const void *)(ev)->fields : NULL)

/* Copy @name (NULL or "": "-") into an event's TRACE_NAME_LEN field, truncated. */
static inline void trace_copy_name(char *dst, const char *name)
{
	strscpy_trunc(dst, name && *name ? name : "-", TRACE_NAME_LEN);
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

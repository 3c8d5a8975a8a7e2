/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The DMA trace events (kernel/dma/trace.c), recorded by the DMA core
 * (dma_alloc_attrs(), dma_free_attrs()) into the trace ring
 * (include/contig/trace.h):
 *
 *   dma_alloc   region (or "-"), owner, where from (pool, pages, cma), pfn, pages
 *   dma_free    the same, when given back
 *
 * A reader takes the fields with
 * trace_event_as(ev, trace_dma_alloc_class, struct trace_dma_buffer).
 */
#ifndef _CONTIG_TRACE_DMA_H
#define _CONTIG_TRACE_DMA_H

#include <contig/cma_dev.h>
#include <contig/trace.h>

struct trace_dma_buffer {
	const struct cma *cma;      /* the region (DMA_BUF_CMA), or NULL */
	char owner[TRACE_NAME_LEN]; /* the device */
	enum dma_buf_kind kind;     /* where the buffer came from */
	unsigned long pfn, count;   /* first page, pages */
};

extern const struct trace_class trace_dma_alloc_class;
extern const struct trace_class trace_dma_free_class;

/* @dev got (@free false) or gave back (@free true) @buf. */
void trace_dma_buffer(bool free, const struct device *dev, const struct dma_buffer *buf);

#endif /* _CONTIG_TRACE_DMA_H */

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DMA trace events (include/contig/trace/dma.h): their classes, how
 * they print ("<region> <owner> from=<kind> pfn=... pages=..."), and the
 * call the DMA core makes to record them.
 */
#include <contig/cma.h>
#include <contig/device.h>
#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/printk.h>
#include <contig/trace/dma.h>

static void format_buffer(const void *fields, char *buf, size_t size)
{
	const struct trace_dma_buffer *e = fields;

	snprintf(buf, size, " %-14s %-22s from=%s pfn=%#lx pages=%lu",
		 e->cma ? cma_get_name(e->cma) : "-", e->owner,
		 dma_buf_kind_names[e->kind], e->pfn, e->count);
}

const struct trace_class trace_dma_alloc_class = {
	.name = "dma_alloc",
	.size = sizeof(struct trace_dma_buffer),
	.format = format_buffer,
};
const struct trace_class trace_dma_free_class = {
	.name = "dma_free",
	.size = sizeof(struct trace_dma_buffer),
	.format = format_buffer,
};

/**
 * trace_dma_buffer - record that @dev got or gave back a coherent buffer
 * @free: false for dma_alloc, true for dma_free
 * @dev: the device
 * @buf: the buffer (its region, kind, first byte and pages are copied)
 */
void trace_dma_buffer(bool free, const struct device *dev,
		      const struct dma_buffer *buf)
{
	struct trace_dma_buffer e = { .cma = buf->cma,
				      .kind = buf->kind,
				      .pfn = PHYS_PFN(buf->phys),
				      .count = buf->pages };

	BUILD_BUG_ON(sizeof(e) > TRACE_FIELDS_MAX);
	trace_copy_name(e.owner, dev->name);
	trace_record(free ? &trace_dma_free_class : &trace_dma_alloc_class, &e);
}
